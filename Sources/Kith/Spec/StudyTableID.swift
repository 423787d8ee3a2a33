/// The study tables a run can publish, by the file name they are written under
/// (`release/tables/<id>.csv`, J3 and J4 under `private/tables/`): the one list `outputs.tables`
/// and the table builders name them from.
public enum StudyTableID: String, CaseIterable, Sendable {
  case t1Characteristics = "t1_characteristics"
  case t2Engagement = "t2_engagement"
  case t3Change = "t3_change"
  case t4DoseResponse = "t4_dose_response"
  case t5Attrition = "t5_attrition"
  case t6Reliability = "t6_reliability"
  case t7ClinicalChange = "t7_clinical_change"
  case t8ThemePrevalence = "t8_theme_prevalence"
  case t9ParticipantFlow = "t9_participant_flow"
  case t10SessionsAttended = "t10_sessions_attended"
  case t11ChangeBySessions = "t11_change_by_sessions"
  case t12AttendanceByWeek = "t12_attendance_by_week"
  /// Sites side by side: made only by `kith merge`.
  case t13Sites = "t13_sites"
  case j1StatisticsByTheme = "j1_statistics_by_theme"
  case j2ThemesByChange = "j2_themes_by_change"
  case j3CaseOrdered = "j3_case_ordered"
  case j4ParticipantCodes = "j4_participant_codes"
}
