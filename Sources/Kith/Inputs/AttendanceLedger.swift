/// Attendance in memory that grows with participants and sessions, never with register rows: for
/// each participant and group, one bit per session the group held (attended, and marked absent).
///
/// A register of 10 million rows for 320,000 people in groups of about a hundred sessions needs
/// a few bytes per person and group. Repeats of one person at one session set a bit already set
/// and are counted, not stored.
struct AttendanceLedger {
  /// One participant in one group.
  struct Entry {
    var pid: Int32
    var group: Int32
    var attended = SessionBits()
    var absent = SessionBits()
  }

  private(set) var entries: [Entry] = []
  private var entryIndex: [Int64: Int] = [:]
  /// The entry the last record went to: a register lists a person's sessions together.
  private var lastEntry: (key: Int64, index: Int) = (-1, -1)
  /// Per group, its held session days by slot — in order of first sight while recording, in
  /// day order once it is finished — and day → slot.
  private(set) var groupDays: [[Int32]] = []
  private var slots: [[Int32: Int]] = []
  private var calendars: [Calendar] = []
  /// Entry indices per pid id, and per group id.
  private(set) var entriesByPid: [[Int]] = []
  private(set) var entriesByGroup: [[Int]] = []
  /// Attendance records that repeated one already recorded.
  private(set) var repeats = 0
  /// Attendance records after `studyEnd`.
  private(set) var late = 0
  let studyEnd: Int?
  /// Whether recording is over and the lookups it needed are gone (``finishRecording()``).
  private(set) var isFinished = false

  init(studyEnd: Int?) { self.studyEnd = studyEnd }

  /// Records one register row: `pid` attended (or was marked absent at) `group`'s session on `day`.
  mutating func record(pid: Int32, group: Int32, day: Int32, attended: Bool) {
    mark(pid: pid, group: group, slot: hold(group: group, day: day), day: day, attended: attended)
  }

  /// Adds `other`'s attendance, whose pid and group ids become `pids[id]` and `groups[id]` here.
  ///
  /// The result is what recording `other`'s rows after this ledger's would give: a session both
  /// hold counts as a repeat, and a session after the study end new here as late. With
  /// `countingItsRepeats`, `other`'s own repeated rows are counted too (it read part of the same
  /// input).
  mutating func absorb(
    _ other: AttendanceLedger, pids: [Int32], groups: [Int32], countingItsRepeats: Bool
  ) {
    let slots = other.groupDays.enumerated().map { group, days in
      days.map { hold(group: groups[group], day: $0) }
    }
    for entry in other.entries {
      let (pid, group) = (pids[Int(entry.pid)], groups[Int(entry.group)])
      let (days, here) = (other.groupDays[Int(entry.group)], slots[Int(entry.group)])
      let key = Int64(pid) << 32 | Int64(group)
      guard entryIndex[key] != nil else {
        // New here (a person's rows mostly lie in one part): the bits move across slot by
        // slot, none repeats, and every attended day after the study end is late.
        let index = addEntry(pid: pid, group: group, key: key)
        entry.attended.forEachSlot { slot in
          _ = entries[index].attended.insert(here[slot])
          if let studyEnd, Int(days[slot]) > studyEnd { late += 1 }
        }
        entry.absent.forEachSlot { _ = entries[index].absent.insert(here[$0]) }
        continue
      }
      for attended in [true, false] {
        (attended ? entry.attended : entry.absent).forEachSlot { slot in
          mark(pid: pid, group: group, slot: here[slot], day: days[slot], attended: attended)
        }
      }
    }
    if countingItsRepeats { repeats += other.repeats }
  }

  /// Lets go of the lookups recording needs (entries by pid and group, slots by day) and puts
  /// each group's slots in day order — groups shared out over up to `threads` threads — so that
  /// a participant's sessions in a group are its set bits in turn; what was recorded stays
  /// readable, and recording more is a programming error.
  mutating func finishRecording(threads: Int = 1) {
    (entryIndex, slots, calendars, lastEntry, isFinished) = ([:], [], [], (-1, -1), true)
    let (groups, members) = (groupDays.count, entriesByGroup)
    // A few groups are not worth a second thread.
    let parts = max(1, min(threads, groups / 64))
    entries.withUnsafeMutableBufferPointer { entries in
      groupDays.withUnsafeMutableBufferPointer { groupDays in
        // Each group's days and entries are its own: parts touch disjoint elements. Nothing
        // here throws; `map` throws only for a part that never ran.
        _ = try? Parallel.map(parts, threads: threads) { part in
          for group in groups * part / parts..<groups * (part + 1) / parts {
            Self.orderSlotsByDay(&groupDays[group], entries: entries, members: members[group])
          }
        }
      }
    }
  }

  /// Renumbers a group's slots in day order: sorts its `days` and moves the bits of its
  /// `members` (indices into `entries`) with them.
  private static func orderSlotsByDay(
    _ days: inout [Int32], entries: UnsafeMutableBufferPointer<Entry>, members: [Int]
  ) {
    guard zip(days, days.dropFirst()).contains(where: { $0 > $1 }) else { return }
    let order = days.indices.sorted { days[$0] < days[$1] }
    var slotOf = [Int](repeating: 0, count: days.count)
    for (slot, earlier) in order.enumerated() { slotOf[earlier] = slot }
    for index in members {
      entries[index].attended = entries[index].attended.remapped(to: slotOf)
      entries[index].absent = entries[index].absent.remapped(to: slotOf)
    }
    days = order.map { days[$0] }
  }

  /// Sets the bit of `group`'s session in `slot` (on `day`) for `pid`.
  private mutating func mark(pid: Int32, group: Int32, slot: Int, day: Int32, attended: Bool) {
    let key = Int64(pid) << 32 | Int64(group)
    let index: Int
    if key == lastEntry.key {
      index = lastEntry.index
    } else if let known = entryIndex[key] {
      index = known
    } else {
      index = addEntry(pid: pid, group: group, key: key)
    }
    lastEntry = (key, index)
    if !attended {
      _ = entries[index].absent.insert(slot)
    } else if entries[index].attended.insert(slot) {
      if let studyEnd, Int(day) > studyEnd { late += 1 }
    } else {
      repeats += 1
    }
  }

  /// Adds an empty entry for `pid` in `group` (whose sessions are held), keyed `key`; returns
  /// its index.
  private mutating func addEntry(pid: Int32, group: Int32, key: Int64) -> Int {
    let index = entries.count
    entries.append(Entry(pid: pid, group: group))
    entryIndex[key] = index
    while entriesByPid.count <= Int(pid) { entriesByPid.append([]) }
    entriesByPid[Int(pid)].append(index)
    entriesByGroup[Int(group)].append(index)
    return index
  }

  /// The slot of `group`'s session on `day`, noting the session as held.
  @discardableResult
  mutating func hold(group: Int32, day: Int32) -> Int {
    precondition(!isFinished, "attendance recorded after recording finished")
    let group = Int(group)
    while groupDays.count <= group {
      groupDays.append([])
      slots.append([:])
      entriesByGroup.append([])
      calendars.append(Calendar())
    }
    if let slot = calendars[group].slot(day) ?? slots[group][day] { return slot }
    let slot = groupDays[group].count
    groupDays[group].append(day)
    if !calendars[group].place(slot, on: day) { slots[group][day] = slot }
    return slot
  }

  /// A group's slots by day, as an array over the days from its first to its last session.
  ///
  /// Registers repeat each session on every attendee's row; the array spares them a hash. Days
  /// that would stretch it past `limit` days, and slots past 16 bits, are kept in the group's
  /// dictionary instead.
  private struct Calendar {
    private var firstDay: Int32 = 0
    /// Slot + 1 by day − `firstDay`; 0 for a day without a session.
    private var slots: [UInt16] = []
    private static let limit = 4096

    func slot(_ day: Int32) -> Int? {
      let offset = Int(day) - Int(firstDay)
      guard offset >= 0 && offset < slots.count, slots[offset] > 0 else { return nil }
      return Int(slots[offset]) - 1
    }

    /// Records `slot` on `day`; false when the day lies too far from the others.
    mutating func place(_ slot: Int, on day: Int32) -> Bool {
      guard slot < Int(UInt16.max) else { return false }
      if slots.isEmpty { firstDay = day }
      let low = min(Int(firstDay), Int(day))
      let high = max(Int(firstDay) + slots.count - 1, Int(day))
      guard high - low < Self.limit else { return false }
      if Int(day) < Int(firstDay) {
        slots.insert(contentsOf: repeatElement(0, count: Int(firstDay) - Int(day)), at: 0)
        firstDay = day
      }
      let offset = Int(day) - Int(firstDay)
      if offset >= slots.count { slots += repeatElement(0, count: offset - slots.count + 1) }
      slots[offset] = UInt16(slot + 1)
      return true
    }
  }

  /// Whether nothing was recorded.
  var isEmpty: Bool { groupDays.allSatisfy(\.isEmpty) }

  /// Every held session.
  var sessionsHeld: [SessionKey] {
    groupDays.enumerated().flatMap { group, days in
      days.map { SessionKey(group: Int32(group), day: $0) }
    }
  }

  /// The sessions of `entry` attended, or (with `attended: false`) marked absent and not attended.
  func sessions(of entry: Entry, attended: Bool) -> [SessionKey] {
    let days = groupDays[Int(entry.group)]
    var sessions: [SessionKey] = []
    // The set bits of each word, lowest slot first: the sessions in slot order.
    for word in 0..<(attended ? entry.attended : entry.absent).count {
      let present = word < entry.attended.count ? entry.attended[word] : 0
      var bits = attended ? present : entry.absent[word] & ~present
      while bits != 0 {
        let slot = word * 64 + bits.trailingZeroBitCount
        bits &= bits - 1
        if slot < days.count { sessions.append(SessionKey(group: entry.group, day: days[slot])) }
      }
    }
    return sessions
  }

  /// How many rows `entry` gives in `attendance.csv`: sessions attended, and sessions marked
  /// absent and not attended.
  static func recordCount(_ entry: Entry) -> Int {
    var count = 0
    for word in 0..<max(entry.attended.count, entry.absent.count) {
      let attended = word < entry.attended.count ? entry.attended[word] : 0
      let absent = word < entry.absent.count ? entry.absent[word] : 0
      count += (attended | absent).nonzeroBitCount
    }
    return count
  }

  /// Attendees at each of `group`'s sessions, by slot.
  func attendeesBySlot(group: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: groupDays[group].count)
    for index in entriesByGroup[group] {
      for (word, bits) in entries[index].attended.enumerated() {
        var remaining = bits
        while remaining != 0 {
          counts[word * 64 + remaining.trailingZeroBitCount] += 1
          remaining &= remaining - 1
        }
      }
    }
    return counts
  }

  /// Every session `pid` attended.
  func attended(pid: Int32) -> [SessionKey] {
    guard Int(pid) < entriesByPid.count else { return [] }
    return entriesByPid[Int(pid)].flatMap { sessions(of: entries[$0], attended: true) }
  }

  /// How many sessions `pid` attended.
  func attendedCount(pid: Int32) -> Int {
    guard Int(pid) < entriesByPid.count else { return 0 }
    return entriesByPid[Int(pid)].reduce(0) { total, index in
      total + entries[index].attended.reduce(0) { $0 + $1.nonzeroBitCount }
    }
  }
}
