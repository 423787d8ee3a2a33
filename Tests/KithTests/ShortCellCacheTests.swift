import Testing

@testable import Kith

@Suite struct ShortCellCacheTests {
  /// Cells of 0–16 bytes are found by their bytes alone — never a cell differing in one byte or
  /// in length (zero bytes included) — and longer cells are not held.
  @Test func cellsAreFoundByEveryByteAndTheirLength() {
    var cache = ShortCellCache<Int>(slots: 4096)
    var cells: [[UInt8]] = [[]]
    for length in 1...20 {
      cells.append([UInt8](repeating: 0x41, count: length))
      cells.append((0..<length).map { UInt8($0) })  // starts with a zero byte
      cells.append((0..<length).map { UInt8(0x31 + $0 % 9) })
    }
    // Each cell is looked up right after it is set: another may take its slot later.
    for (value, cell) in cells.enumerated() {
      cell.withUnsafeBytes { cache.set($0, to: value) }
      let found = cell.withUnsafeBytes { cache.value(of: $0) }
      #expect(found == (cell.count <= 16 ? value : nil), "\(cell)")
      for position in cell.indices where cell.count <= 16 {
        var changed = cell
        changed[position] ^= 0x80
        #expect(changed.withUnsafeBytes { cache.value(of: $0) } == nil)
      }
    }
    #expect([UInt8](repeating: 0, count: 3).withUnsafeBytes { cache.value(of: $0) } == nil)
  }

  /// A cell whose slot another took is no longer found; the other is.
  @Test func aCellGivesWayToTheNextInItsSlot() {
    var cache = ShortCellCache<Int>(slots: 1)
    Array("15/07/2024".utf8).withUnsafeBytes { cache.set($0, to: 1) }
    Array("16/07/2024".utf8).withUnsafeBytes { cache.set($0, to: 2) }
    #expect(Array("15/07/2024".utf8).withUnsafeBytes { cache.value(of: $0) } == nil)
    #expect(Array("16/07/2024".utf8).withUnsafeBytes { cache.value(of: $0) } == 2)
  }
}
