import Foundation
import ZIPFoundation

/// A sheet's XML as a stream the SAX parser pulls from, decompressed by ZIPFoundation on a
/// thread of its own into a pipe: memory is bounded by the pipe and a row, not the sheet.
///
/// Foundation's parser stops the process on a name that is not valid UTF-8, so the bytes are
/// checked on their way in; a bad byte or a damaged entry ends the stream, and ``finish()``
/// says what went wrong.
final class SheetStream {
  private let pipe = Pipe()
  private let state = State()

  /// What the extracting thread shares: what stopped it, and when it is done.
  private final class State: @unchecked Sendable {
    var failure: String?
    let done = DispatchSemaphore(value: 0)
  }

  /// The archive and entry, handed to the extracting thread: the reader leaves the archive alone
  /// until ``finish()`` has returned.
  private struct Source: @unchecked Sendable {
    let archive: Archive
    let entry: Entry
  }

  /// Starts decompressing `entry` of `archive`.
  init(_ entry: Entry, of archive: Archive) {
    let (writer, state) = (pipe.fileHandleForWriting, state)
    let source = Source(archive: archive, entry: entry)
    let thread = Thread {
      var carry = Data()
      do {
        _ = try source.archive.extract(source.entry, skipCRC32: false) { chunk in
          var bytes = carry
          bytes.append(chunk)
          let complete = Self.completeLength(bytes)
          guard String(bytes: bytes.prefix(complete), encoding: .utf8) != nil else {
            throw CocoaError(.fileReadInapplicableStringEncoding)
          }
          carry = Data(bytes.dropFirst(complete))
          try writer.write(contentsOf: bytes.prefix(complete))
        }
        if !carry.isEmpty { state.failure = "is not UTF-8 text (it ends inside a character)" }
      } catch let error as CocoaError where error.code == .fileReadInapplicableStringEncoding {
        state.failure = "is not UTF-8 text"
      } catch {
        state.failure = "cannot be unpacked (the file is truncated or damaged)"
      }
      try? writer.close()
      state.done.signal()
    }
    thread.start()
  }

  /// The stream to parse.
  var input: InputStream {
    InputStream(fileAtPath: "/dev/fd/\(pipe.fileHandleForReading.fileDescriptor)")
      ?? InputStream(data: Data())
  }

  /// Waits for the extraction to end — reading what is left of the pipe after a parse that
  /// stopped early, so that it can — and says what went wrong, if anything.
  func finish() -> String? {
    let reader = pipe.fileHandleForReading
    while let chunk = try? reader.read(upToCount: 1 << 16), !chunk.isEmpty {}
    state.done.wait()
    try? reader.close()
    return state.failure
  }

  /// How many of `bytes` end on a whole UTF-8 character: the last one's missing bytes may come
  /// with the next chunk.
  static func completeLength(_ bytes: Data) -> Int {
    var index = bytes.endIndex
    var trailing = 0
    while index > bytes.startIndex && trailing < 4 {
      index -= 1
      let byte = bytes[index]
      guard byte & 0xC0 == 0x80 else {
        let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        return trailing + 1 >= length ? bytes.count : index - bytes.startIndex
      }
      trailing += 1
    }
    return bytes.count
  }
}
