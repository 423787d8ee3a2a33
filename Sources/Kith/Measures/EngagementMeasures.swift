/// Engagement measures of one participant.
///
/// Computed from the sessions they attended and the sessions their groups held. Every measure is
/// defined in words in `docs/measures.md`.
struct Engagement: Equatable {
  var sessionsAttended: Int
  var sessionsOffered: Int
  var firstDay: Int
  var lastDay: Int
  var longestGapDays: Int
  var longestGapSessions: Int
  var returnsAfterGap: Int
  var groupsAttended: Int

  /// Attended on or after weeks 4, 8 and 12 from the first attendance.
  var retained: [Bool] { Self.retentionWeeks.map(isRetained) }

  /// Whether the participant attended on or after `week` weeks from their first attendance.
  func isRetained(week: Int) -> Bool { lastDay >= firstDay + 7 * week }

  /// `sessionsAttended / sessionsOffered`.
  var attendanceRate: Double {
    sessionsOffered == 0 ? 0 : Double(sessionsAttended) / Double(sessionsOffered)
  }

  /// The weeks retention is measured at.
  static let retentionWeeks = [4, 8, 12]

  /// The measures of one participant.
  ///
  /// - Parameters:
  ///   - attended: The sessions the participant attended (group, day), any order, no repeats.
  ///   - held: Each group's held session days, sorted.
  ///   - settings: The declared thresholds.
  /// - Returns: The measures, or `nil` for someone who attended nothing.
  static func measure(
    attended: [SessionKey], held: [Int32: [Int32]], settings: AttendanceSettings
  ) -> Engagement? {
    guard !attended.isEmpty else { return nil }
    let before = { (a: SessionKey, b: SessionKey) in (a.day, a.group) < (b.day, b.group) }
    let sessions = attended.sorted(by: before)
    var days: [Int32] = []
    for session in sessions where days.last != session.day { days.append(session.day) }
    let first = days[0]
    let last = days[days.count - 1]
    var groups: [Int32] = []
    for group in attended.map(\.group).sorted() where groups.last != group { groups.append(group) }
    // The sessions offered: every session of the person's groups from their first attendance to
    // the group's last held session (or the declared study end), in date order.
    var offered: [SessionKey] = []
    for group in groups {
      for day in held[group] ?? [] where day >= first {
        if let end = settings.studyEnd, Int(day) > end { continue }
        offered.append(SessionKey(group: group, day: day))
      }
    }
    if groups.count > 1 { offered.sort(by: before) }
    var longestRun = 0
    var run = 0
    var returns = 0
    var next = 0
    for session in offered where session.day <= last {
      while next < sessions.count && before(sessions[next], session) { next += 1 }
      if next < sessions.count && sessions[next] == session {
        if run >= settings.returnGapSessions { returns += 1 }
        longestRun = max(longestRun, run)
        run = 0
      } else {
        run += 1
      }
    }
    var longestGap = 0
    for (later, earlier) in zip(days.dropFirst(), days) {
      longestGap = max(longestGap, Int(later - earlier))
    }
    return Engagement(
      sessionsAttended: attended.count, sessionsOffered: offered.count, firstDay: Int(first),
      lastDay: Int(last), longestGapDays: longestGap, longestGapSessions: longestRun,
      returnsAfterGap: returns, groupsAttended: groups.count)
  }
}
