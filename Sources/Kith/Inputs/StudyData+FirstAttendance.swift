extension StudyData {
  /// Each participant's first attended session, as a day number.
  func firstAttendance() -> [String: Int] {
    var first: [String: Int] = [:]
    let ledger = self.ledger
    for (id, pid) in pids.strings.enumerated() {
      if let day = ledger.attended(pid: Int32(id)).map(\.day).min() { first[pid] = Int(day) }
    }
    return first
  }
}
