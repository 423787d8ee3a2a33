import Testing

@testable import Kith

@Suite struct ByteKeyTableTests {
  /// Keys get dense indices in order of first sight, survive the table's growth, and are told
  /// apart by every byte and by length.
  @Test func keysGetDenseIndicesInOrderOfFirstSight() {
    var table = ByteKeyTable()
    let keys = [""] + (0..<5000).map { "person\($0)@example.org" } + ["a", "a\u{0}", "ab"]
    for (index, key) in keys.enumerated() {
      let bytes = Array(key.utf8)
      #expect(bytes.withUnsafeBytes { table.index(of: $0) } == nil)
      #expect(bytes.withUnsafeBytes { table.insert($0) } == Int32(index))
    }
    #expect(table.count == keys.count)
    for (index, key) in keys.enumerated().reversed() {
      #expect(Array(key.utf8).withUnsafeBytes { table.index(of: $0) } == Int32(index))
    }
    #expect(Array("person5000@example.org".utf8).withUnsafeBytes { table.index(of: $0) } == nil)
  }

  /// The hash depends on every byte and on the length.
  @Test func hashSeesEveryByte() {
    let base = Array("jo.smith@example.org".utf8)
    var seen: Set<UInt64> = [ByteHash.hash(base), ByteHash.hash(base + [0])]
    for index in base.indices {
      var changed = base
      changed[index] ^= 1
      seen.insert(ByteHash.hash(changed))
    }
    #expect(seen.count == base.count + 2)
    #expect(ByteHash.hash(base) == ByteHash.hash(Array("jo.smith@example.org".utf8)))
  }
}
