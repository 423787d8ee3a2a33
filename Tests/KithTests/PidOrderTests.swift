import Testing

@testable import Kith

@Suite struct PidOrderTests {
  /// Only 16 lower-case hex digits spell a number, and that number is the digits' value.
  @Test func onlyPidsOfSixteenLowerCaseHexDigitsAreNumbers() {
    #expect(PidOrder.number("00000000000000ff") == 255)
    #expect(PidOrder.number("ffffffffffffffff") == UInt64.max)
    #expect(PidOrder.number("a1b2c3d4e5f60718") == 0xa1b2_c3d4_e5f6_0718)
    for other in ["", "0", "00000000000000FF", "000000000000000g", "0000000000000000f", "p-17"] {
      #expect(PidOrder.number(other) == nil)
    }
  }

  /// Sorting by number gives the text's order; a pid of another shape makes the whole set sort
  /// as text, and keys keep equal pids equal.
  @Test func ordersAsTheTextDoes() {
    let made = (0..<2000).map { Pseudonymiser.hex(UInt64($0) &* 0x9E37_79B9_7F4A_7C15) }
    #expect(PidOrder.sorted(made) == made.sorted())
    let mixed = made + ["p-17", "P-2", "0"]
    #expect(PidOrder.sorted(mixed) == mixed.sorted())
    for pids in [made + made.prefix(10), mixed + mixed.prefix(10)] {
      let keys = PidOrder.keys(pids)
      var generator = TestSeed.generator(3)
      for (a, b) in zip(pids.indices, pids.indices.shuffled(using: &generator)) {
        #expect((keys[a] < keys[b]) == (pids[a] < pids[b]))
        #expect((keys[a] == keys[b]) == (pids[a] == pids[b]))
      }
    }
  }
}
