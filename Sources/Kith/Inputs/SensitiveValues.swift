/// Every identifying value seen in the inputs (identifiers and names, as written and
/// normalised), held in memory only, so the leak gate can search the release for them.
public struct SensitiveValues: Sendable {
  private(set) var phrases: Set<String> = []
  /// The most words any phrase has.
  private(set) var longestPhrase = 0

  /// Creates an empty set.
  public init() {}

  /// Adds a value.
  ///
  /// Values of fewer than 3 letters or digits are too short to search for.
  public mutating func insert(_ value: String) {
    let words = Self.words(of: value)
    guard words.joined().count >= 3 else { return }
    phrases.insert(words.joined(separator: " "))
    longestPhrase = max(longestPhrase, words.count)
  }

  /// The number of distinct values.
  public var count: Int { phrases.count }

  /// Whether `text` contains one of the values as whole words.
  public func occurs(in text: String) -> Bool {
    let words = Self.words(of: text)
    guard !words.isEmpty, !phrases.isEmpty else { return false }
    for start in words.indices {
      for length in 1...min(longestPhrase, words.count - start) {
        if phrases.contains(words[start..<(start + length)].joined(separator: " ")) { return true }
      }
    }
    return false
  }

  /// Lower-cased words: runs of letters, digits and the characters of email addresses.
  static func words(of text: String) -> [String] {
    let joiners: Set<Character> = ["@", ".", "_", "+", "-", "'"]
    return text.lowercased().split { character in
      !(character.isLetter || character.isNumber || joiners.contains(character))
    }.compactMap { word in
      let trimmed = word.drop { joiners.contains($0) }.reversed().drop { joiners.contains($0) }
      return trimmed.isEmpty ? nil : String(trimmed.reversed())
    }
  }
}
