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

  /// The measures of every participant (by pid id) who attended a session.
  ///
  /// Pairs are counted group by group from the ledger's bits: two members of a group shared as
  /// many sessions as their attendance bits have in common. Memory grows with the members of one
  /// group, not with all pairs of participants.
  static func measure(_ ledger: AttendanceLedger, settings: AttendanceSettings) -> [Int32:
    CoAttendance]
  {
    var groupsOf: [Int32: Int] = [:]
    for entry in ledger.entries where entry.attended.contains(where: { $0 != 0 }) {
      groupsOf[entry.pid, default: 0] += 1
    }
    var single: [Int32: (peers: Int, regular: Int, degree: Int)] = [:]
    var several: [Int32: [Int32: Int]] = [:]
    for members in ledger.entriesByGroup {
      for a in members {
        let mine = ledger.entries[a]
        guard groupsOf[mine.pid] != nil else { continue }
        for b in members where b != a {
          let theirs = ledger.entries[b]
          var shared = 0
          for word in 0..<min(mine.attended.count, theirs.attended.count) {
            shared += (mine.attended[word] & theirs.attended[word]).nonzeroBitCount
          }
          guard shared > 0 else { continue }
          if groupsOf[mine.pid, default: 0] > 1 {
            several[mine.pid, default: [:]][theirs.pid, default: 0] += shared
          } else {
            var totals = single[mine.pid] ?? (0, 0, 0)
            totals.peers += 1
            totals.regular += shared >= settings.regularPeerSessions ? 1 : 0
            totals.degree += shared
            single[mine.pid] = totals
          }
        }
      }
    }
    for (pid, peers) in several {
      single[pid] = (
        peers.count, peers.values.filter { $0 >= settings.regularPeerSessions }.count,
        peers.values.reduce(0, +)
      )
    }
    var result: [Int32: CoAttendance] = [:]
    for pid in groupsOf.keys {
      let sessions = ledger.attendedCount(pid: pid)
      let totals = single[pid] ?? (0, 0, 0)
      result[pid] = CoAttendance(
        peersMet: totals.peers, regularPeers: totals.regular,
        meanCoattendees: sessions == 0 ? 0 : Double(totals.degree) / Double(sessions),
        weightedDegree: totals.degree,
        isolated: sessions >= settings.isolationMinSessions
          ? totals.regular <= settings.isolationMaxRegularPeers : nil)
    }
    return result
  }
}
