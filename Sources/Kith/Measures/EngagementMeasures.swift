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

  /// Whether the participant could have been retained at `week`: their first session was at
  /// least that many weeks before `studyEnd`, the study's last day.
  func couldBeRetained(week: Int, studyEnd: Int) -> Bool { firstDay + 7 * week <= studyEnd }

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
    // First and last days, and the longest gap between consecutive days attended.
    let first = sessions[0].day
    var last = first
    var longestGap = 0
    for session in sessions where session.day != last {
      longestGap = max(longestGap, Int(session.day - last))
      last = session.day
    }
    var groups: [Int32] = []
    for group in attended.map(\.group).sorted() where groups.last != group {
      groups.append(group)
    }
    // The sessions offered: every session of the person's groups from their first attendance to
    // the group's last held session (or the declared study end), in date order.
    var offered: [SessionKey] = []
    for group in groups {
      for day in held[group] ?? []
      where day >= first && settings.studyEnd.map({ Int(day) <= $0 }) ?? true {
        offered.append(SessionKey(group: group, day: day))
      }
    }
    offered.sort(by: before)
    // Walks the offered sessions up to the last attended, in order: runs of sessions missed,
    // returns after a gap.
    var (longestRun, run, returns, next) = (0, 0, 0, 0)
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
    return Engagement(
      sessionsAttended: attended.count, sessionsOffered: offered.count, firstDay: Int(first),
      lastDay: Int(last), longestGapDays: longestGap, longestGapSessions: longestRun,
      returnsAfterGap: returns, groupsAttended: groups.count)
  }

  /// The measures of a participant of one group, from their bits in it: what
  /// ``measure(attended:held:settings:)`` gives, without listing or sorting their sessions.
  ///
  /// - Parameters:
  ///   - attended: The sessions attended, slot `i` the session on `days[i]`.
  ///   - days: The group's held session days, sorted (a finished ledger's slots are in day
  ///     order).
  ///   - settings: The declared thresholds.
  /// - Returns: The measures, or `nil` for someone who attended nothing.
  static func measure(
    attended: SessionBits, days: [Int32], settings: AttendanceSettings
  ) -> Engagement? {
    var (count, firstSlot, lastSlot, longestGap) = (0, -1, -1, 0)
    attended.forEachSlot { slot in
      if lastSlot >= 0 { longestGap = max(longestGap, Int(days[slot]) - Int(days[lastSlot])) }
      if firstSlot < 0 { firstSlot = slot }
      lastSlot = slot
      count += 1
    }
    guard count > 0 else { return nil }
    // Offered: the held sessions from the first attended to the study end; walked up to the
    // last attended for runs of sessions missed and returns after a gap.
    let end =
      settings.studyEnd.map { Self.place(of: Int32(clamping: $0 + 1), in: days) } ?? days.count
    var (longestRun, run, returns) = (0, 0, 0)
    for slot in firstSlot..<max(firstSlot, min(end, lastSlot + 1)) {
      guard attended.contains(slot) else {
        run += 1
        continue
      }
      if run >= settings.returnGapSessions { returns += 1 }
      longestRun = max(longestRun, run)
      run = 0
    }
    return Engagement(
      sessionsAttended: count, sessionsOffered: max(0, end - firstSlot),
      firstDay: Int(days[firstSlot]), lastDay: Int(days[lastSlot]), longestGapDays: longestGap,
      longestGapSessions: longestRun, returnsAfterGap: returns, groupsAttended: 1)
  }

  /// Where `day` belongs in the sorted `days`: the position of the first day not before it.
  private static func place(of day: Int32, in days: [Int32]) -> Int {
    var (low, high) = (0, days.count)
    while low < high {
      let middle = (low + high) / 2
      if days[middle] < day { low = middle + 1 } else { high = middle }
    }
    return low
  }
}
