import Testing

@testable import Kith

@Suite struct PidKeyTests {
  /// Keys are equal exactly when their pids are, whatever the pids' shape; a set of keys holds
  /// each pid once.
  @Test func keysAreEqualExactlyWhenTheirPidsAre() {
    let made = (0..<500).map { Pseudonymiser.hex(UInt64($0) &* 0x9E37_79B9_7F4A_7C15) }
    // Another shape each: upper-case hex (not a number here), short codes, text.
    let others = ["00000000000000FF", "00000000000000ff", "p-17", "P-17", "", "0", "ff"]
    let pids = made + others
    for a in pids {
      for b in [a, String(a.reversed())] + pids.prefix(20) {
        #expect((PidKey(a) == PidKey(b)) == (a == b), "\(a) vs \(b)")
      }
    }
    var generator = TestSeed.generator(4)
    let keys = Set((pids + pids.shuffled(using: &generator)).map(PidKey.init))
    #expect(keys.count == Set(pids).count)
    #expect(Set(keys.map(\.pid)) == Set(pids))
  }

  /// Pids repeated in any order, of Kith's shape and others, come out each once in the order
  /// of their numbers.
  @Test func distinctKeepsEachPidOnceInTheOrderOfItsNumber() {
    var random = SeededGenerator(seed: 3)
    let made = (0..<300).map { Pseudonymiser.hex(UInt64($0) &* 0x9E37_79B9_7F4A_7C15) }
    let pids = made + ["00000000000000FF", "p-17", "P-17", "", "ff"]
    let repeated = (pids + pids + pids.prefix(50)).shuffled(using: &random).map(PidKey.init)
    let distinct = PidKey.distinct(repeated)
    #expect(distinct.map(\.pid).sorted() == pids.sorted())
    #expect(zip(distinct, distinct.dropFirst()).allSatisfy { $0.number < $1.number })
    #expect(PidKey.distinct([]).isEmpty)
  }
}
