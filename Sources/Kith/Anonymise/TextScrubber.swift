import Foundation

/// Removes what identifies people from free text before it may be released.
///
/// Email addresses, URLs, UK phone numbers (any separators, `+44`, `44`, `0044` or `0`), NHS
/// numbers and other ten-digit numbers however grouped, UK postcodes, the digits of any phone or
/// NHS number seen in the inputs, and every name token seen in an identifying column of any
/// input each become a tag: `[email]`, `[url]`, `[phone]`, `[nhs number]`, `[number]`,
/// `[postcode]`, `[name]`. Names are matched as the leak gate matches them
/// (``IdentifyingText``): folded, token by token, a possessive `'s` included.
struct TextScrubber {
  /// The identifying values seen in the inputs.
  let sensitive: SensitiveValues

  /// How many of each tag the scrubber has put in, by tag; for the privacy report.
  final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var counts: [String: Int] = [:]

    func add(_ tag: String) {
      lock.lock()
      counts[tag, default: 0] += 1
      lock.unlock()
    }
  }

  /// Counts every tag put in, when given.
  var tally: Tally?

  /// `text` with every identifying part replaced by its tag.
  func scrub(_ text: String) -> String {
    var result = text
    result = replace(Self.url, in: result, with: "[url]")
    result = replace(Self.email, in: result, with: "[email]")
    result = replace(Self.phone, in: result) { match in
      UKPhone.e164(match) != nil ? "[phone]" : nil
    }
    result = replace(Self.digitRun, in: result) { match in
      sensitive.number(digits: Array(match.filter(\.isNumber).utf8))?.tag
    }
    result = replace(Self.tenDigits, in: result) { match in
      match.filter(\.isNumber).count == 10 ? "[nhs number]" : nil
    }
    result = replace(Self.postcode, in: result, with: "[postcode]")
    return scrubNames(result)
  }

  /// `text` with every name token the inputs hold replaced by `[name]`.
  private func scrubNames(_ text: String) -> String {
    var result = ""
    var token = ""
    func flush() {
      defer { token = "" }
      guard !token.isEmpty else { return }
      let folded = IdentifyingText.fold(token)
      if let name = IdentifyingText.token(Array(folded.utf8)),
        sensitive.isName(token: Substring(decoding: name, as: UTF8.self))
      {
        result += "[name]"
        tally?.add("[name]")
      } else {
        result += token
      }
    }
    for character in text {
      if character.isLetter || character.isNumber || "'’ʼ".contains(character) {
        token.append(character)
      } else {
        flush()
        result.append(character)
      }
    }
    flush()
    return result
  }

  /// `text` with every match of `pattern` replaced by `tag`.
  private func replace(_ pattern: Regex<Substring>, in text: String, with tag: String) -> String {
    replace(pattern, in: text) { _ in tag }
  }

  /// `text` with every match of `pattern` replaced by what `tag` gives for it (`nil`: kept).
  private func replace(
    _ pattern: Regex<Substring>, in text: String, tag: (String) -> String?
  ) -> String {
    text.replacing(pattern) { match in
      let written = String(match.output)
      guard let replacement = tag(written) else { return written }
      tally?.add(replacement)
      return replacement
    }
  }

  private nonisolated(unsafe) static let url = /(?i)\b(?:https?:\/\/|www\.)\S+/
  private nonisolated(unsafe) static let email = /[\w.%+'\-]+@[\w\-]+(?:\.[\w\-]+)+/
  /// A UK prefix, then 9 or 10 digits with at most two separators between two (`) ` in
  /// `(07700) 900123`), validated by ``UKPhone``.
  private nonisolated(unsafe) static let phone =
    /(?:(?:\+|\b00)\s?44\s?(?:\(0\)\s?)?|\b44\s?|\(?\b0)(?:\d[ .\-\/()]{0,2}){8,9}\d\b/
  /// Ten digits grouped by spaces, hyphens or slashes: an NHS number (or one like it).
  ///
  /// Not dots: `0.123456789` is a decimal.
  private nonisolated(unsafe) static let tenDigits = /\b\d(?:[ \-\/]?\d){9}\b/
  /// A run of 9 to 15 digits with single separators: checked against the inputs' numbers.
  private nonisolated(unsafe) static let digitRun = /\b\d(?:[ .\-\/()]?\d){8,14}\b/
  private nonisolated(unsafe) static let postcode = /(?i)\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b/
}
