extension AttendanceLedger {
  /// Each participant's first attended session, as a day number, by the pid `pids` names for
  /// each of the ledger's pid ids.
  func firstAttendedDays(pids: Interner) -> [String: Int] {
    var first: [String: Int] = [:]
    for (id, pid) in pids.strings.enumerated() {
      if let day = attended(pid: Int32(id)).map(\.day).min() { first[pid] = Int(day) }
    }
    return first
  }
}
