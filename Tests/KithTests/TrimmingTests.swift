import Testing

@testable import Kith

@Suite struct TrimmingTests {
  /// ASCII spaces, tabs and line breaks go from both ends, not from inside; other text is
  /// trimmed of Unicode whitespace (a no-break space too).
  @Test(arguments: [
    ("  often ", "often"), ("\t\n x y \r\u{0B}\u{0C}", "x y"), ("   ", ""), ("", ""),
    ("abc", "abc"), ("a", "a"), (" a", "a"), ("a ", "a"), ("  café ", "café"),
    ("\u{00A0}x\u{00A0}", "x"), ("\u{2003}Zoë Ng\n", "Zoë Ng"),
  ])
  func trimsWhitespaceAtBothEnds(text: String, expected: String) {
    #expect(text.trimmed == expected)
  }
}
