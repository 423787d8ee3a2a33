import Testing

@testable import Kith

@Suite struct SessionBitsTests {
  /// Bits inline (slots 0–127) and past them behave alike: set once, counted in words.
  @Test func bitsInlineAndBeyondAreSet() {
    var a = SessionBits()
    var b = SessionBits()
    for slot in [0, 63, 64, 127, 128, 191, 300] {
      let wasClear = a.insert(slot)
      #expect(wasClear)
    }
    let (again, againPast) = (a.insert(64), a.insert(300))
    #expect(!again && !againPast)
    for slot in [0, 64, 128, 299, 300, 500] { _ = b.insert(slot) }
    #expect(a.count == 5 && b.count == 8)
    #expect(a[0] == 1 | 1 << 63 && a[1] == 1 | 1 << 63 && a[2] == 1 | 1 << 63)
    #expect(a[3] == 0 && a[4] == 1 << 44)
    #expect(a.reduce(0) { $0 + $1.nonzeroBitCount } == 7)
    #expect(SessionBits().count == 2)
  }
}
