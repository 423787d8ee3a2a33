import Foundation
import KithCSV

/// The people, groups, dates and attendance marks one register reading has met, by their cells'
/// bytes: a row whose person cells (identifiers and identifying columns), group, date or mark
/// were seen before (dates: lately) reuses what they gave without decoding, pseudonymising or
/// interning them again.
///
/// Only a byte-for-byte match of every cell is reused, and what it spares gives the same answer
/// for the same bytes, so results never depend on it. One per reading thread, and only that
/// thread's reader touches it: its properties skip the runtime's exclusivity checks, which cost
/// more than the lookups they guard (every row reads them four times).
final class RegisterCells {
  @exclusivity(unchecked) private var people = ByteKeyTable()
  /// Each person's pid id, in the order `people` met them.
  @exclusivity(unchecked) private var pidIDs: [Int32] = []
  /// Group cells and their group ids; attendance marks and whether they mean present.
  @exclusivity(unchecked) private var groups = KnownCells<Int32>()
  @exclusivity(unchecked) private var marks = KnownCells<Bool>()
  /// Days of date cells: a register's dates are few, and each row has one.
  @exclusivity(unchecked) private var days = ShortCellCache<Int32>(slots: 1024)
  @exclusivity(unchecked) private var personKey: [UInt8] = []
  /// The previous row's person cells and their person, for rows that repeat them.
  @exclusivity(unchecked) private var lastKey: [UInt8] = []
  @exclusivity(unchecked) private var lastPerson = -1
  /// Each undeclared mark that could mean present or absent, with how many rows held it.
  var ambiguousMarks: [String: Int] = [:]

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
  func group(_ row: CSVRow, column: Int) -> Int32? { groups.value(of: row.bytes(column)) }

  /// Remembers `row`'s cell `column` as the group with `id`.
  func addGroup(_ row: CSVRow, column: Int, id: Int32) { groups.add(row.bytes(column), as: id) }

  /// The day of `row`'s date in `column`, read with `format` unless the same bytes were read
  /// lately; `nil` when it is not a date.
  func day(_ row: CSVRow, column: Int, format: DateFormat) -> Int32? {
    let bytes = row.bytes(column)
    if let day = days.value(of: bytes) { return day }
    guard let day = format.day(bytes) else { return nil }
    days.set(bytes, to: Int32(truncatingIfNeeded: day))
    return Int32(truncatingIfNeeded: day)
  }

  /// Whether `row`'s attendance mark in `column` means present, when that mark was seen before.
  func mark(_ row: CSVRow, column: Int) -> Bool? { marks.value(of: row.bytes(column)) }

  /// Remembers `row`'s attendance mark in `column` as meaning `present`.
  func addMark(_ row: CSVRow, column: Int, present: Bool) {
    marks.add(row.bytes(column), as: present)
  }
}

/// Cells recognised by their bytes, each with what it gave.
///
/// A register repeats a group or mark on consecutive rows, so the last cell met is compared
/// first, without a lookup.
private struct KnownCells<Value> {
  private var table = ByteKeyTable()
  private var values: [Value] = []
  private var lastBytes: [UInt8] = []
  private var lastValue: Value?

  /// What `cell` gave, when it was met before.
  mutating func value(of cell: UnsafeRawBufferPointer) -> Value? {
    if let lastValue, lastBytes.count == cell.count,
      lastBytes.withUnsafeBytes({ kept in
        guard let a = kept.baseAddress, let b = cell.baseAddress else { return true }
        return memcmp(a, b, cell.count) == 0
      })
    {
      return lastValue
    }
    guard let index = table.index(of: cell) else { return nil }
    remember(cell, as: values[Int(index)])
    return values[Int(index)]
  }

  /// Remembers `cell`, not met before, as giving `value`.
  mutating func add(_ cell: UnsafeRawBufferPointer, as value: Value) {
    table.insert(cell)
    values.append(value)
    remember(cell, as: value)
  }

  private mutating func remember(_ cell: UnsafeRawBufferPointer, as value: Value) {
    lastBytes.removeAll(keepingCapacity: true)
    lastBytes.append(contentsOf: cell)
    lastValue = value
  }
}
