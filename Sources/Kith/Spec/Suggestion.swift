/// "Did you mean …?" for misspelt keys and column names.
enum Suggestion {
  /// The candidate closest to `word` by edit distance, when it is close enough to be a typo
  /// (at most a third of the word's length, and at least one edit allowed); case is ignored.
  static func closest(to word: String, among candidates: [String]) -> String? {
    let target = Array(word.lowercased())
    let limit = max(1, target.count / 3)
    var best: (String, Int)?
    for candidate in candidates {
      let distance = editDistance(target, Array(candidate.lowercased()))
      if distance <= limit && distance < (best?.1 ?? .max) { best = (candidate, distance) }
    }
    return best?.0
  }

  /// The Levenshtein distance between two character arrays.
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  /// " — did you mean `x`?" or the empty string.
  static func phrase(for word: String, among candidates: [String]) -> String {
    closest(to: word, among: candidates).map { " — did you mean `\($0)`?" } ?? ""
  }
}
