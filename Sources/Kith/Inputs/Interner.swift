/// Gives each distinct string a small integer, so that the hot path hashes and sorts integers
/// (a register repeats each pid, group and date thousands of times).
struct Interner {
  /// The strings, by id.
  private(set) var strings: [String] = []
  private var ids: [String: Int32] = [:]

  /// The id of `string`, assigning the next one on first sight.
  mutating func id(_ string: String) -> Int32 {
    if let id = ids[string] { return id }
    let id = Int32(strings.count)
    strings.append(string)
    ids[string] = id
    return id
  }

  /// The id of `string`, if it has one.
  func existingID(_ string: String) -> Int32? { ids[string] }

  /// For each id, its position when the strings are sorted; sorting by rank sorts by string.
  func ranks() -> [Int32] {
    var ranks = [Int32](repeating: 0, count: strings.count)
    for (rank, id) in strings.indices.sorted(by: { strings[$0] < strings[$1] }).enumerated() {
      ranks[id] = Int32(rank)
    }
    return ranks
  }
}
