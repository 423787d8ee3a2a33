extension ReleaseDataFile {
  /// The file's descriptor: its schema and its rows.
  ///
  /// The one place a data file's id meets its descriptor; the switch is exhaustive, so a case
  /// without a descriptor does not compile.
  var descriptor: any DataFile {
    switch self {
    case .participants: ParticipantsFile()
    case .scores: ScoresFile()
    case .attendance: AttendanceFile()
    case .sessions: SessionsFile()
    case .groups: GroupsFile()
    case .freeText: FreeTextFile()
    case .themes: ThemesFile()
    case .quotes: QuotesFile()
    }
  }
}
