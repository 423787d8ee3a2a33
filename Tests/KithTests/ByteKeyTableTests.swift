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

@Suite struct FingerprintSetTests {
  /// What was added is found before and after sealing, joined sets hold both, repeats count once,
  /// and values at the ends of the range (0, 2^64 − 1) are kept like any other.
  @Test func holdsWhatWasAddedBeforeAndAfterSealing() {
    var generator = TestSeed.generator(1)
    let first = (0..<20_000).map { _ in UInt64.random(in: .min ... .max, using: &generator) }
    let second = (0..<5_000).map { _ in UInt64.random(in: .min ... .max, using: &generator) }
    var set = FingerprintSet()
    #expect(set.isEmpty && !set.contains(0))
    for value in first + [0, .max, 0] { set.insert(value) }
    var other = FingerprintSet()
    for value in second { other.insert(value) }
    other.seal()
    set.formUnion(other)
    #expect(set.contains(0) && set.contains(.max) && set.contains(second[7]))
    set.seal()
    let all = Set(first + second + [0, .max])
    #expect(set.values == all.sorted())
    #expect((first + second).allSatisfy(set.contains))
    let absent = (0..<2_000).map { _ in UInt64.random(in: .min ... .max, using: &generator) }
    #expect(absent.filter { !all.contains($0) }.allSatisfy { !set.contains($0) })
    set.insert(12_345)
    #expect(set.contains(12_345) && set.contains(first[0]))
  }
}
