import Crypto
import Foundation

/// What the last successful run recorded in `OUT/.cache/state.json`: each stage's parts, and each
/// input's size, modification time and SHA-256, so an unchanged file is not hashed again.
///
/// The cache folder is private (mode 0700): it lies beside `private/`, never inside `release/`.
struct RunState: Codable, Equatable {
  /// An input file as it was when last hashed.
  struct FileStamp: Codable, Equatable {
    var size: Int
    var modified: Double
    var sha256: String
  }

  var kithVersion: String
  var stages: [String: [String: String]]
  var files: [String: FileStamp]
  /// The SHA-256 of the `release/manifest.json` the run wrote: a release swapped in by a run
  /// that was killed before it could record its state is not taken for this one.
  var manifestSHA256: String?

  enum CodingKeys: String, CodingKey {
    case stages, files
    case kithVersion = "kith_version"
    case manifestSHA256 = "manifest_sha256"
  }

  /// The state before any run: nothing recorded.
  static let blank = RunState(
    kithVersion: KithVersion.current, stages: [:], files: [:], manifestSHA256: nil)

  /// The SHA-256 of the release manifest in `directory`, if there is one.
  static func manifestDigest(in directory: URL) -> String? {
    let url = directory.appendingPathComponent("release").appendingPathComponent(Manifest.fileName)
    return FileManager.default.contents(atPath: url.path).map { Hex.string(SHA256.hash(data: $0)) }
  }

  static func url(in directory: URL) -> URL {
    directory.appendingPathComponent(".cache").appendingPathComponent("state.json")
  }

  /// The recorded state, or `nil` when there is none (or it cannot be read).
  static func load(from directory: URL) -> RunState? {
    guard let data = FileManager.default.contents(atPath: url(in: directory).path) else {
      return nil
    }
    return try? JSONDecoder().decode(RunState.self, from: data)
  }

  func save(to directory: URL) throws {
    try PrivateZone.prepare(directory.appendingPathComponent(".cache"), named: ".cache")
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    try PrivateZone.write(
      try encoder.encode(self), to: Self.url(in: directory), atomically: true)
  }

  /// The size and modification time of `url` now.
  static func stamp(of url: URL) throws -> (size: Int, modified: Double) {
    let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
    let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
    return (size, modified)
  }

  /// The SHA-256 of `url`: the recorded one when size and modification time are unchanged,
  /// else computed (reading the file in 1 MiB pieces).
  func digest(of url: URL) throws -> FileStamp {
    let (size, modified) = try Self.stamp(of: url)
    if let known = files[url.path], known.size == size, known.modified == modified {
      return known
    }
    guard let digest = FileDigest.sha256(of: url) else {
      throw DataError("\(url.path) cannot be read")
    }
    return FileStamp(size: size, modified: modified, sha256: digest.sha256)
  }
}
