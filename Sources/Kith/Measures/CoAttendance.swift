/// Isolation as seen in the register: who each participant met, and how often.
///
/// Computed from the sessions people attended together. Every measure is defined in
/// `docs/measures.md`.
struct CoAttendance: Equatable {
  /// The columns of `participants.csv` these measures fill, in order.
  static let columns = [
    "peers_met", "regular_peers", "mean_coattendees", "weighted_degree", "isolated_in_group",
  ]

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
  /// many sessions as their attendance bits have in common. Each pair is compared once, its
  /// members' bits laid side by side in a flat buffer. Memory grows with the members of one
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
    // The group's members who attended, and their bits: `width` words each.
    var pids: [Int32] = []
    var words: [UInt64] = []
    for members in ledger.entriesByGroup {
      pids.removeAll(keepingCapacity: true)
      words.removeAll(keepingCapacity: true)
      let width = members.reduce(2) { max($0, ledger.entries[$1].attended.count) }
      for index in members {
        let bits = ledger.entries[index].attended
        guard bits.contains(where: { $0 != 0 }) else { continue }
        pids.append(ledger.entries[index].pid)
        for word in 0..<width { words.append(word < bits.count ? bits[word] : 0) }
      }
      words.withUnsafeBufferPointer { words in
        for a in pids.indices {
          for b in (a + 1)..<pids.count {
            var shared = 0
            for word in 0..<width {
              shared += (words[a * width + word] & words[b * width + word]).nonzeroBitCount
            }
            guard shared > 0 else { continue }
            for (pid, peer) in [(pids[a], pids[b]), (pids[b], pids[a])] {
              if groupsOf[Int(pid)] > 1 {
                several[pid, default: [:]][peer, default: 0] += shared
              } else {
                totals[Int(pid)].peers += 1
                totals[Int(pid)].regular += shared >= settings.regularPeerSessions ? 1 : 0
                totals[Int(pid)].degree += shared
              }
            }
          }
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
