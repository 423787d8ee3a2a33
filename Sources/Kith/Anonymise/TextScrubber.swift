import Foundation

/// Removes what identifies people from free text before it may be released.
///
/// Email addresses, URLs, UK phone numbers, NHS numbers, UK postcodes, and every word of every
/// name seen in a name column of the inputs (whole words, ignoring case) each become a tag:
/// `[email]`, `[url]`, `[phone]`, `[nhs number]`, `[postcode]`, `[name]`.
struct TextScrubber {
  /// Lower-cased name words to remove.
  let names: Set<String>

  func scrub(_ text: String) -> String {
    var result = text
    result = result.replacing(Self.url, with: "[url]")
    result = result.replacing(Self.email, with: "[email]")
    result = result.replacing(Self.phone) { match in
      UKPhone.e164(String(match.output)) != nil ? "[phone]" : String(match.output)
    }
    result = result.replacing(Self.nhsNumber, with: "[nhs number]")
    result = result.replacing(Self.postcode, with: "[postcode]")
    guard !names.isEmpty else { return result }
    return result.replacing(Self.word) { match in
      names.contains(match.output.lowercased()) ? "[name]" : String(match.output)
    }
  }

  /// The words of a name-column value that the scrubber removes (two letters or more).
  static func nameWords(of value: String) -> [String] {
    value.lowercased().split { !($0.isLetter || $0 == "'" || $0 == "-") }
      .map(String.init).filter { $0.count >= 2 }
  }

  private nonisolated(unsafe) static let url = /(?i)\b(?:https?:\/\/|www\.)\S+/
  private nonisolated(unsafe) static let email = /[\w.%+'\-]+@[\w\-]+(?:\.[\w\-]+)+/
  private nonisolated(unsafe) static let phone = /(?:\+44|\b0044|\(?\b0)[\d \-()]{8,16}\d\b/
  private nonisolated(unsafe) static let nhsNumber = /\b\d{3}[ \-]?\d{3}[ \-]?\d{4}\b/
  private nonisolated(unsafe) static let postcode = /(?i)\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b/
  private nonisolated(unsafe) static let word = /[\p{L}][\p{L}'\-]*/
}
