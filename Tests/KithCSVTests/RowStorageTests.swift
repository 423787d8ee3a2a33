import Testing

@testable import KithCSV

@Suite struct RowStorageTests {
  /// Fields of every length from 0 to 40 bytes come back byte for byte, and a byte below the
  /// limit is noticed wherever it lies (in a whole word, the last partial word, or a short
  /// field) — and only then.
  @Test func fieldsComeBackWholeAndLowBytesAreNoticedAnywhere() {
    let storage = RowStorage(capacity: 16)
    var expected: [[UInt8]] = []
    for length in 0...40 {
      let plain = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
      for low in [nil] + Array(0..<length) {
        var field = plain
        if let low { field[low] = 10 }
        let below = field.withUnsafeBytes { storage.append($0, notingBytesBelow: 14) }
        #expect(below == (low != nil), "length \(length), low byte at \(String(describing: low))")
        expected.append(field)
      }
    }
    #expect(storage.count == expected.count)
    #expect((0..<storage.count).allSatisfy { Array(storage.field($0)) == expected[$0] })
  }
}
