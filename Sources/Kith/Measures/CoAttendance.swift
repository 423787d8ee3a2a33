/// Isolation as seen in the register: who each participant met, and how often.
///
/// Computed from the sessions people attended together. Every measure is defined in
/// `docs/measures.md`.
struct CoAttendance: Equatable {
  /// Distinct people met at any session.
  var peersMet: Int
  /// People met at `regularPeerSessions` sessions or more.
  var regularPeers: Int
  /// The mean number of other attendees per session attended.
  var meanCoattendees: Double
  /// The weighted degree in the co-attendance network: sessions shared, summed over peers.
  var weightedDegree: Int
  /// Whether the participant is isolated in the group; `nil` before `isolationMinSessions`.
  var isolated: Bool?

  /// The measures of every participant (by pid id) in `attendance`.
  ///
  /// Pairs are counted session by session, per participant, so memory grows with the pairs
  /// that actually met, not with the square of all participants.
  static func measure(_ attendance: [Attendance], settings: AttendanceSettings) -> [Int32:
    CoAttendance]
  {
    var sessions: [SessionKey: [Int32]] = [:]
    for record in attendance {
      sessions[SessionKey(group: record.group, day: record.day), default: []].append(record.pid)
    }
    var met: [Int32: [Int32: Int32]] = [:]
    var attendedCount: [Int32: Int] = [:]
    var others: [Int32: Int] = [:]
    for (_, pids) in sessions {
      let unique = Array(Set(pids))
      for pid in unique {
        attendedCount[pid, default: 0] += 1
        others[pid, default: 0] += unique.count - 1
        for peer in unique where peer != pid { met[pid, default: [:]][peer, default: 0] += 1 }
      }
    }
    var result: [Int32: CoAttendance] = [:]
    for (pid, sessionsAttended) in attendedCount {
      let peers = met[pid] ?? [:]
      let regular = peers.values.filter { Int($0) >= settings.regularPeerSessions }.count
      result[pid] = CoAttendance(
        peersMet: peers.count, regularPeers: regular,
        meanCoattendees: Double(others[pid] ?? 0) / Double(sessionsAttended),
        weightedDegree: peers.values.reduce(0) { $0 + Int($1) },
        isolated: sessionsAttended >= settings.isolationMinSessions
          ? regular <= settings.isolationMaxRegularPeers : nil)
    }
    return result
  }
}
