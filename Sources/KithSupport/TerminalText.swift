/// Text that came from an input, made safe to print on a terminal.
///
/// A cell can hold escape sequences that move the cursor, rewrite what was printed or change the
/// window title, a bell, a carriage return that hides the start of a line, or Unicode direction
/// overrides that show text in another order than it is. Each such character is shown as
/// `\u{…}` instead; line breaks and tabs are kept.
public enum TerminalText {
  /// `text` with every control character but line break and tab, and every direction
  /// override, written as `\u{…}`.
  public static func escaped(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var result = ""
    result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      if needsEscape(scalar) {
        result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A, 0x09: false
    case 0x00...0x1F, 0x7F...0x9F: true
    // Bidirectional embeddings, overrides and isolates.
    case 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }
}
