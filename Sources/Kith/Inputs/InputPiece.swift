import Foundation
import KithCSV

/// One of the parts of a large register read at once on several threads: the file is cut at
/// line breaks into parts that shrink toward its end (the threads take parts in order as they
/// free up, so the last parts, small, leave little for one thread to finish alone); the first
/// part is read with the header and finishes the file's digest, the others start at a record
/// with lines counted from 1, and the parts are joined in order with their lines moved to where
/// they lie in the file.
///
/// Reading by parts gives what one reading gives, or is abandoned: when a cut lies inside a
/// quoted field, or a part is not valid UTF-8, ``PieceMisaligned`` is thrown and the file is read
/// whole.
struct InputPiece: Sendable {
  /// The part's position among the parts.
  let index: Int
  /// The part's bytes.
  let range: Range<Int>
  /// Whether it runs to the end of the file.
  let isLast: Bool

  /// The smallest file worth reading in parts.
  static let defaultThreshold = 64 << 20

  /// `input` cut into `count` parts, when it is a long register of at least `threshold` bytes
  /// that rejects bad rows (a run that stops at the first bad row reads the file whole).
  static func pieces(of input: InputSpec, count: Int, threshold: Int) -> [InputPiece]? {
    let path = input.path.path
    guard count > 1, input.kind == .register, input.format == .csv,
      input.onError == .rejectRow, let size = try? FileSplit.size(path: path), size >= threshold,
      // A byte is a character's only where the start reads as UTF-8 (or is declared
      // Windows-1252) with no fallback: never UTF-16.
      let start = try? CSVReader(
        path: path, displayName: input.displayPath, dialect: input.dialect, end: 1 << 20),
      start.notices.isEmpty, [.utf8, .windows1252].contains(start.encoding)
    else { return nil }
    // Sizes falling in steps from `count` to 1: the last part is about 1 / (count (count + 1) / 2)
    // of the file.
    guard let cuts = try? FileSplit.cuts(path: path, weights: Array((1...count).reversed())),
      cuts.count > 2
    else {
      return nil
    }
    return cuts.indices.dropLast().map { index in
      InputPiece(
        index: index, range: cuts[index]..<cuts[index + 1], isLast: index == cuts.count - 2)
    }
  }

  /// The reader of this part of `input`.
  func reader(
    for input: InputSpec, onRawBytes: ((UnsafeRawBufferPointer) -> Void)?
  ) throws -> CSVReader {
    try CSVReader.part(
      range, of: input.path.path, displayName: input.displayPath, dialect: input.dialect,
      onRawBytes: onRawBytes)
  }

  /// Checks that `reader` read its part as one reading would have, and, for the first part,
  /// passes the rest of the file to `hash` so the digest is the whole file's.
  func finish(_ reader: CSVReader, input: InputSpec, hash: (UnsafeRawBufferPointer) -> Void)
    throws
  {
    guard reader.notices.isEmpty, isLast || reader.endedBetweenRecords else {
      throw PieceMisaligned()
    }
    if index == 0 {
      try FileSplit.forEachChunk(path: input.path.path, from: range.upperBound, hash)
    }
  }
}

/// A register's parts could not be read apart (a cut fell inside a quoted field, or an encoding
/// fell back); the file is read whole instead.
struct PieceMisaligned: Error {}
