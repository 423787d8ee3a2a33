/// A set of 64-bit fingerprints, filled while inputs are read and searched by the leak gate.
///
/// Adding only appends: the threads reading parts of the inputs write their fingerprints in order,
/// and joining two sets joins two arrays. ``seal()`` then sorts them once into buckets by their
/// top 16 bits — fingerprints are evenly spread hashes, so the buckets are even and a search
/// touches one bucket of a few dozen values. A million fingerprints take 8 MB.
package struct FingerprintSet: Sendable {
  /// Sorted and without repeats.
  private var sealed: [UInt64] = []
  /// Where each bucket of `sealed` starts, by the top 16 bits of its values; one entry more than
  /// there are buckets (empty until the first seal).
  private var bucketStarts: [Int32] = []
  /// Added since the last seal, in order, with repeats.
  private var added: [UInt64] = []

  /// The empty set.
  package init() {}

  /// How many fingerprints the set holds (each once, when sealed).
  package var count: Int { sealed.count + added.count }

  /// Whether the set holds no fingerprint.
  package var isEmpty: Bool { sealed.isEmpty && added.isEmpty }

  /// Adds `value`.
  package mutating func insert(_ value: UInt64) { added.append(value) }

  /// Adds every fingerprint of `other`.
  package mutating func formUnion(_ other: FingerprintSet) {
    if isEmpty {
      self = other
    } else {
      added += other.sealed
      added += other.added
    }
  }

  /// Whether the set holds `value`; fast once sealed.
  package func contains(_ value: UInt64) -> Bool {
    if !sealed.isEmpty {
      let bucket = Int(value >> Self.shift)
      var index = Int(bucketStarts[bucket])
      let end = Int(bucketStarts[bucket + 1])
      while index < end && sealed[index] < value { index += 1 }
      if index < end && sealed[index] == value { return true }
    }
    return added.contains(value)
  }

  /// Every fingerprint, sorted, each once.
  package var values: [UInt64] {
    var copy = self
    copy.seal()
    return copy.sealed
  }

  /// Sorts what was added in with the rest, so that ``contains(_:)`` searches one bucket.
  package mutating func seal() {
    guard !added.isEmpty else { return }
    let all = sealed + added
    // A counting sort by bucket, then each small bucket sorted on its own.
    var starts = [Int32](repeating: 0, count: Self.buckets + 1)
    for value in all { starts[Int(value >> Self.shift) + 1] += 1 }
    for bucket in 0..<Self.buckets { starts[bucket + 1] += starts[bucket] }
    var next = starts
    var sorted = [UInt64](repeating: 0, count: all.count)
    for value in all {
      let bucket = Int(value >> Self.shift)
      sorted[Int(next[bucket])] = value
      next[bucket] += 1
    }
    // Sort each bucket, drop repeats, and close the gaps they leave.
    var kept = 0
    for bucket in 0..<Self.buckets {
      let (start, end) = (Int(starts[bucket]), Int(starts[bucket + 1]))
      sorted[start..<end].sort()
      starts[bucket] = Int32(kept)
      for index in start..<end where index == start || sorted[index] != sorted[index - 1] {
        sorted[kept] = sorted[index]
        kept += 1
      }
    }
    starts[Self.buckets] = Int32(kept)
    sorted.removeLast(sorted.count - kept)
    (sealed, bucketStarts, added) = (sorted, starts, [])
  }

  private static let shift: UInt64 = 48
  private static let buckets = 1 << 16
}
