/// Where a large CSV file can be cut so that its parts are read at once.
///
/// A cut is only a candidate: a line break may lie inside a quoted field. The reader of the part
/// before it says, through ``CSVReader/endedBetweenRecords``, whether it really ended a record.
public enum FileSplit {
  /// The size of `path` in bytes.
  public static func size(path: String) throws -> Int {
    try FileChunks(path: path, displayName: path, chunkSize: 16).size
  }

  /// The offset just after the first line break (LF) at or after byte `start` of `path`; `nil`
  /// when there is none before the end.
  public static func offset(path: String, after start: Int) throws -> Int? {
    let rest = try FileChunks(
      path: path, displayName: path, chunkSize: 64 << 10, range: start..<Int.max)
    var offset = start
    while true {
      let chunk = try rest.next()
      if chunk.isEmpty { return nil }
      if let index = chunk.firstIndex(of: 10) {
        let cut = offset + index + 1
        return cut < rest.size ? cut : nil
      }
      offset += chunk.count
    }
  }

  /// Where `path` is cut into about `parts` parts of equal size, each just after a line break.
  ///
  /// - Returns: 0, the cuts in increasing order, then the file's size: fewer parts when cuts
  ///   coincide or the file has too few lines.
  public static func cuts(path: String, parts: Int) throws -> [Int] {
    try cuts(path: path, weights: Array(repeating: 1, count: max(parts, 1)))
  }

  /// Where `path` is cut into one part per weight, each just after a line break, the parts'
  /// sizes about in proportion to their `weights` (positive).
  ///
  /// - Returns: 0, the cuts in increasing order, then the file's size: fewer parts when cuts
  ///   coincide or the file has too few lines.
  public static func cuts(path: String, weights: [Int]) throws -> [Int] {
    let size = try self.size(path: path)
    let total = max(weights.reduce(0, +), 1)
    var cuts = [0]
    var before = 0
    for weight in weights.dropLast() {
      before += weight
      guard let cut = try offset(path: path, after: size * before / total) else { break }
      if cut > cuts[cuts.count - 1] { cuts.append(cut) }
    }
    return cuts + [size]
  }

  /// Calls `body` with the bytes of `path` from `offset` to the end, a chunk at a time (to finish
  /// a digest of the whole file).
  public static func forEachChunk(
    path: String, from offset: Int, _ body: (UnsafeRawBufferPointer) -> Void
  ) throws {
    let chunks = try FileChunks(
      path: path, displayName: path, chunkSize: 1 << 20, range: offset..<Int.max)
    while true {
      let chunk = try chunks.next()
      if chunk.isEmpty { return }
      body(chunk)
    }
  }
}
