import KithCSV

/// The previous row's person and group in a register, by their cells' bytes: registers list a
/// person's sessions one after another, so most rows name the same person and group as the row
/// before, and need not be pseudonymised or interned again.
///
/// Only a byte-for-byte match of every identifying cell reuses the previous answer, so results
/// never depend on the memo; one memo per reading thread.
final class RowMemo {
  private var personCells: [UInt8] = []
  private var groupCell: [UInt8] = []
  private var scratch: [UInt8] = []
  private(set) var pid = ""
  private(set) var pidID: Int32 = -1
  private(set) var groupName = ""
  private(set) var groupID: Int32 = -1

  /// Whether `columns` of `row` hold exactly what they held on the last remembered row.
  func samePerson(_ row: CSVRow, columns: [Int]) -> Bool {
    scratch.removeAll(keepingCapacity: true)
    for index in columns {
      scratch.append(contentsOf: row.bytes(index))
      scratch.append(0x1F)
    }
    guard pidID >= 0, scratch == personCells else { return false }
    return true
  }

  /// Remembers the person the cells last checked by ``samePerson(_:columns:)`` belong to.
  func rememberPerson(pid: String, id: Int32) {
    swap(&personCells, &scratch)
    self.pid = pid
    pidID = id
  }

  /// The group's name and id when `row`'s group cell is the last one's, else `nil`.
  func sameGroup(_ row: CSVRow, column: Int) -> (String, Int32)? {
    let bytes = row.bytes(column)
    guard groupID >= 0, bytes.elementsEqual(groupCell) else { return nil }
    return (groupName, groupID)
  }

  /// Remembers `row`'s group cell as the group `name` with `id`.
  func rememberGroup(_ row: CSVRow, column: Int, name: String, id: Int32) {
    groupCell = Array(row.bytes(column))
    groupName = name
    groupID = id
  }
}
