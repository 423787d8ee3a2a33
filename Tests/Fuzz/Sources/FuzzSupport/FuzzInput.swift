import Foundation

/// What every fuzz target needs: a scratch folder of its own, and a way to hand the fuzzer's
/// bytes to a reader that reads files.
public enum FuzzInput {
  /// A folder for this process's scratch files, made once.
  public static let folder: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kith-fuzz-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()

  /// Writes `bytes` to the file `name` in ``folder`` and returns it.
  public static func file(_ name: String, _ bytes: UnsafeRawBufferPointer) -> URL {
    let url = folder.appendingPathComponent(name)
    try? Data(bytes).write(to: url)
    return url
  }

  /// The fuzzer's input as a buffer.
  public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
  }

  /// Runs `body`: a thrown error is an answer, not a finding — only a crash, a hang or a leak
  /// of memory is.
  public static func run(_ body: () throws -> Void) -> Int32 {
    try? body()
    return 0
  }
}
