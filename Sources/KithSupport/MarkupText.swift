/// Text made safe for HTML and SVG (XML).
package enum MarkupText {
  /// `text` safe inside an element or a double-quoted attribute: `&`, `<`, `>` and `"` as
  /// entities.
  package static func escaped(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      default: escaped.append(character)
      }
    }
    return escaped
  }
}
