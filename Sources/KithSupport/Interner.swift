/// Gives each distinct string a small integer, so that the hot path hashes and sorts integers
/// (a register repeats each pid, group and date thousands of times).
package struct Interner {
  /// The strings, by id.
  package private(set) var strings: [String] = []
  /// Each string's UTF-8, at its id.
  private var table = ByteKeyTable()

  /// An interner that has seen no string.
  package init() {}

  /// The id of `string`, assigning the next one on first sight.
  package mutating func id(_ string: String) -> Int32 {
    var bytes = string
    return bytes.withUTF8 { bytes in
      let key = UnsafeRawBufferPointer(bytes)
      if let id = table.index(of: key) { return id }
      strings.append(string)
      return table.insert(key)
    }
  }

  /// The id of the text whose UTF-8 is `bytes`, assigning the next one on first sight (a
  /// string is made only then).
  package mutating func id(bytes: UnsafeRawBufferPointer) -> Int32 {
    if let id = table.index(of: bytes) { return id }
    strings.append(String(decoding: bytes, as: UTF8.self))
    return table.insert(bytes)
  }

  /// The id of the text whose UTF-8 is `bytes`, if it has one.
  package func existingID(bytes: UnsafeRawBufferPointer) -> Int32? { table.index(of: bytes) }

  /// The id of `string`, if it has one.
  package func existingID(_ string: String) -> Int32? {
    var string = string
    return string.withUTF8 { table.index(of: UnsafeRawBufferPointer($0)) }
  }

  /// For each id, its position when the strings are sorted by `less` (by default as strings);
  /// sorting by rank sorts by string.
  package func ranks(by less: (String, String) -> Bool = { $0 < $1 }) -> [Int32] {
    var ranks = [Int32](repeating: 0, count: strings.count)
    for (rank, id) in strings.indices.sorted(by: { less(strings[$0], strings[$1]) }).enumerated() {
      ranks[id] = Int32(rank)
    }
    return ranks
  }
}
