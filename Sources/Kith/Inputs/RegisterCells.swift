import Foundation
import KithCSV

/// The people, groups, dates and attendance marks one register reading has met, by their cells'
/// bytes: a row whose person cells (identifiers and identifying columns), group, date or mark
/// were seen before reuses what they gave without decoding, pseudonymising or interning them
/// again.
///
/// Only a byte-for-byte match of every cell is reused, and what it spares gives the same answer
/// for the same bytes, so results never depend on it. One per reading thread, and only that
/// thread's reader touches it: its properties skip the runtime's exclusivity checks, which cost
/// more than the lookups they guard (every row reads them four times).
final class RegisterCells {
  @exclusivity(unchecked) private var people = ByteKeyTable()
  /// Each person's pid id, in the order `people` met them.
  @exclusivity(unchecked) private var pidIDs: [Int32] = []
  @exclusivity(unchecked) private var groups = ByteKeyTable()
  @exclusivity(unchecked) private var groupIDs: [Int32] = []
  @exclusivity(unchecked) private var dates = ByteKeyTable()
  @exclusivity(unchecked) private var days: [Int32] = []
  @exclusivity(unchecked) private var marks = ByteKeyTable()
  @exclusivity(unchecked) private var presence: [Bool] = []
  /// The last group and mark met: a register repeats them on consecutive rows.
  @exclusivity(unchecked) private var lastGroup = LastCell<Int32>()
  @exclusivity(unchecked) private var lastMark = LastCell<Bool>()
  @exclusivity(unchecked) private var personKey: [UInt8] = []
  /// The previous row's person cells and their person, for rows that repeat them.
  @exclusivity(unchecked) private var lastKey: [UInt8] = []
  @exclusivity(unchecked) private var lastPerson = -1

  /// The pid id when `row`'s person cells `columns` were seen before; else `nil`, and
  /// ``addPerson(id:)`` may remember them.
  func person(_ row: CSVRow, columns: [Int]) -> Int32? {
    if lastPerson >= 0 && repeatsLastPerson(row, columns: columns) { return pidIDs[lastPerson] }
    personKey.removeAll(keepingCapacity: true)
    for index in columns {
      let cell = row.bytes(index)
      withUnsafeBytes(of: UInt32(cell.count)) { personKey.append(contentsOf: $0) }
      personKey.append(contentsOf: cell)
    }
    guard let found = personKey.withUnsafeBytes({ people.index(of: $0) }) else { return nil }
    lastPerson = Int(found)
    swap(&personKey, &lastKey)
    return pidIDs[lastPerson]
  }

  /// Whether `row`'s person cells are, byte for byte, the last person's (kept as each cell's
  /// length, then its bytes).
  private func repeatsLastPerson(_ row: CSVRow, columns: [Int]) -> Bool {
    lastKey.withUnsafeBytes { last in
      guard let base = last.baseAddress else { return false }
      var offset = 0
      for index in columns {
        let cell = row.bytes(index)
        guard offset + 4 + cell.count <= last.count,
          last.loadUnaligned(fromByteOffset: offset, as: UInt32.self) == UInt32(cell.count)
        else { return false }
        if let start = cell.baseAddress, memcmp(base + offset + 4, start, cell.count) != 0 {
          return false
        }
        offset += 4 + cell.count
      }
      return offset == last.count
    }
  }

  /// Remembers the person cells last looked up as the person with pid id `id`.
  func addPerson(id: Int32) {
    lastPerson = Int(personKey.withUnsafeBytes { people.insert($0) })
    pidIDs.append(id)
    swap(&personKey, &lastKey)
  }

  /// The group id when `row`'s cell `column` was seen before.
  func group(_ row: CSVRow, column: Int) -> Int32? {
    let cell = row.bytes(column)
    if let id = lastGroup.value(of: cell) { return id }
    guard let index = groups.index(of: cell) else { return nil }
    lastGroup.remember(cell, as: groupIDs[Int(index)])
    return groupIDs[Int(index)]
  }

  /// Remembers `row`'s cell `column` as the group with `id`.
  func addGroup(_ row: CSVRow, column: Int, id: Int32) {
    groups.insert(row.bytes(column))
    groupIDs.append(id)
    lastGroup.remember(row.bytes(column), as: id)
  }

  /// The day of `row`'s date in `column`, read with `format` the first time the cell's bytes
  /// are seen; `nil` when it is not a date.
  func day(_ row: CSVRow, column: Int, format: DateFormat) -> Int32? {
    let bytes = row.bytes(column)
    if let index = dates.index(of: bytes) { return days[Int(index)] }
    guard let day = format.day(bytes) else { return nil }
    dates.insert(bytes)
    days.append(Int32(truncatingIfNeeded: day))
    return Int32(truncatingIfNeeded: day)
  }

  /// Whether `row`'s attendance mark in `column` means present, when that mark was seen before.
  func mark(_ row: CSVRow, column: Int) -> Bool? {
    let cell = row.bytes(column)
    if let present = lastMark.value(of: cell) { return present }
    guard let index = marks.index(of: cell) else { return nil }
    lastMark.remember(cell, as: presence[Int(index)])
    return presence[Int(index)]
  }

  /// Remembers `row`'s attendance mark in `column` as meaning `present`.
  func addMark(_ row: CSVRow, column: Int, present: Bool) {
    marks.insert(row.bytes(column))
    presence.append(present)
    lastMark.remember(row.bytes(column), as: present)
  }
}

/// The last cell met and what it gave, so that a row repeating it needs no lookup.
private struct LastCell<Value> {
  private var bytes: [UInt8] = []
  private var value: Value?

  /// What `cell` gave, when it is byte for byte the cell remembered.
  func value(of cell: UnsafeRawBufferPointer) -> Value? {
    guard let value, bytes.count == cell.count else { return nil }
    let same = bytes.withUnsafeBytes { kept in
      guard let a = kept.baseAddress, let b = cell.baseAddress else { return true }
      return memcmp(a, b, cell.count) == 0
    }
    return same ? value : nil
  }

  /// Remembers `cell` as giving `value`.
  mutating func remember(_ cell: UnsafeRawBufferPointer, as value: Value) {
    bytes.removeAll(keepingCapacity: true)
    bytes.append(contentsOf: cell)
    self.value = value
  }
}
