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
  /// Attended on or after weeks 4, 8 and 12 from the first attendance.
  var retained: [Bool]
  var groupsAttended: Int

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
    let days = Set(attended.map(\.day)).sorted()
    let first = days[0]
    let last = days[days.count - 1]
    let groups = Set(attended.map(\.group))
    let attendedSet = Set(attended)
    // The sessions offered: every session of the person's groups from their first attendance to
    // the group's last held session (or the declared study end).
    var offered: [SessionKey] = []
    for group in groups.sorted() {
      for day in held[group] ?? [] where day >= first {
        if let end = settings.studyEnd, Int(day) > end { continue }
        offered.append(SessionKey(group: group, day: day))
      }
    }
    offered.sort { ($0.day, $0.group) < ($1.day, $1.group) }
    var longestRun = 0
    var run = 0
    var returns = 0
    for session in offered where session.day <= last {
      if attendedSet.contains(session) {
        if run >= settings.returnGapSessions { returns += 1 }
        longestRun = max(longestRun, run)
        run = 0
      } else {
        run += 1
      }
    }
    let gaps = zip(days.dropFirst(), days).map { Int($0 - $1) }
    return Engagement(
      sessionsAttended: attended.count, sessionsOffered: offered.count, firstDay: Int(first),
      lastDay: Int(last), longestGapDays: gaps.max() ?? 0, longestGapSessions: longestRun,
      returnsAfterGap: returns,
      retained: retentionWeeks.map { week in days.contains { Int($0) >= Int(first) + 7 * week } },
      groupsAttended: groups.count)
  }
}
