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

  /// The measures of every participant who attended a session, by pid id (`nil` for the rest).
  ///
  /// Pairs are counted group by group from the ledger's bits: two members of a group shared as
  /// many sessions as their attendance bits have in common. Memory grows with the members of one
  /// group, not with all pairs of participants.
  static func measure(_ ledger: AttendanceLedger, settings: AttendanceSettings) -> [CoAttendance?] {
    let people = ledger.entriesByPid.count
    var groupsOf = [Int](repeating: 0, count: people)
    for entry in ledger.entries where entry.attended.contains(where: { $0 != 0 }) {
      groupsOf[Int(entry.pid)] += 1
    }
    var totals = [(peers: Int, regular: Int, degree: Int)](repeating: (0, 0, 0), count: people)
    // People in several groups may meet someone in more than one: their peers are counted by
    // person.
    var several: [Int32: [Int32: Int]] = [:]
    for members in ledger.entriesByGroup {
      for a in members {
        let mine = ledger.entries[a]
        let groups = groupsOf[Int(mine.pid)]
        guard groups > 0 else { continue }
        var own = (peers: 0, regular: 0, degree: 0)
        var met: [Int32: Int] = groups > 1 ? several[mine.pid] ?? [:] : [:]
        for b in members where b != a {
          let theirs = ledger.entries[b]
          let shared = mine.attended.sharedCount(with: theirs.attended)
          guard shared > 0 else { continue }
          if groups > 1 {
            met[theirs.pid, default: 0] += shared
          } else {
            own.peers += 1
            own.regular += shared >= settings.regularPeerSessions ? 1 : 0
            own.degree += shared
          }
        }
        if groups > 1 {
          several[mine.pid] = met
        } else {
          totals[Int(mine.pid)].peers += own.peers
          totals[Int(mine.pid)].regular += own.regular
          totals[Int(mine.pid)].degree += own.degree
        }
      }
    }
    for (pid, peers) in several {
      totals[Int(pid)] = (
        peers.count, peers.values.filter { $0 >= settings.regularPeerSessions }.count,
        peers.values.reduce(0, +)
      )
    }
    return (0..<people).map { pid -> CoAttendance? in
      guard groupsOf[pid] > 0 else { return nil }
      let sessions = ledger.attendedCount(pid: Int32(pid))
      let (peers, regular, degree) = totals[pid]
      return CoAttendance(
        peersMet: peers, regularPeers: regular,
        meanCoattendees: sessions == 0 ? 0 : Double(degree) / Double(sessions),
        weightedDegree: degree,
        isolated: sessions >= settings.isolationMinSessions
          ? regular <= settings.isolationMaxRegularPeers : nil)
    }
  }
}
