import Crypto
import Foundation
import ZIPFoundation

/// One site's release, opened for a merge and verified against its manifest before anything in
/// it is read.
///
/// A site release is what a site shares: an output folder (holding `release/`), a `release/`
/// folder itself, or either zipped. A zip is unpacked into the merge's scratch folder
/// (ZIPFoundation refuses entries that would land outside it).
struct SiteRelease {
  /// The site's name in the merge (`north`).
  let name: String
  /// The path as the user gave it, for messages.
  let displayPath: String
  /// The release folder: the one holding `manifest.json`.
  let folder: URL
  /// The manifest, every file of the release checked against it.
  let manifest: Manifest
  /// The SHA-256 of `manifest.json`, recorded in the merged manifest.
  let manifestSHA256: String

  /// Opens and verifies the release at `path`.
  ///
  /// - Parameters:
  ///   - name: The site's name in the merge.
  ///   - path: The output folder, release folder or zip.
  ///   - displayPath: `path` as the user wrote it.
  ///   - scratch: A private folder a zipped release is unpacked into.
  /// - Returns: The release, verified.
  /// - Throws: ``UsageError`` when `path` holds no release; ``DataError`` when a file differs
  ///   from the manifest (naming each), or the release was made by a Kith too old to merge.
  static func open(name: String, path: URL, displayPath: String, scratch: URL) throws
    -> SiteRelease
  {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isFolder) else {
      throw UsageError(
        "site `\(name)`: \(displayPath) does not exist; give the site's output folder, its "
          + "release/ folder or a .zip of either")
    }
    let root: URL
    if isFolder.boolValue {
      root = path
    } else {
      root = scratch.appendingPathComponent("site-\(name)")
      do {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.unzipItem(at: path, to: root)
      } catch {
        throw UsageError(
          "site `\(name)`: \(displayPath) is neither a folder nor a zip Kith can unpack; give "
            + "the site's output folder, its release/ folder or a .zip of either")
      }
    }
    guard let folder = releaseFolder(in: root) else {
      throw UsageError(
        "site `\(name)`: \(displayPath) holds no release (no manifest.json, nor "
          + "release/manifest.json); give the folder `kith run` wrote, or its release/ folder")
    }
    let mismatches = try ReleaseVerifier.verify(release: folder)
    guard mismatches.isEmpty else {
      throw DataError(
        "site `\(name)`: the release in \(displayPath) is not what its manifest says, so it was "
          + "not merged:\n" + mismatches.prefix(10).map { "  \($0)" }.joined(separator: "\n")
          + "\nAsk the site for its release as `kith run` wrote it.")
    }
    let manifestURL = folder.appendingPathComponent(Manifest.fileName)
    let data = try Data(contentsOf: manifestURL)
    let manifest = try Manifest.read(from: manifestURL)
    return SiteRelease(
      name: name, displayPath: displayPath, folder: folder, manifest: manifest,
      manifestSHA256: Hex.string(SHA256.hash(data: data)))
  }

  /// The folder under `root` holding the manifest: `root`, `root/release`, or either inside
  /// the one folder a zip holds.
  private static func releaseFolder(in root: URL) -> URL? {
    let fileManager = FileManager.default
    var candidates = [root, root.appendingPathComponent("release")]
    let entries = (try? fileManager.contentsOfDirectory(atPath: root.path))?.filter {
      !$0.hasPrefix(".") && !$0.hasPrefix("__MACOSX")
    }
    if let entries, entries.count == 1 {
      let only = root.appendingPathComponent(entries[0])
      candidates += [only, only.appendingPathComponent("release")]
    }
    return candidates.first {
      fileManager.fileExists(atPath: $0.appendingPathComponent(Manifest.fileName).path)
    }
  }

  /// The release's file at `path` (`data/attendance.csv`), if its manifest lists it.
  func file(_ path: String) -> URL? {
    manifest.outputs.contains { $0.path == path } ? folder.appendingPathComponent(path) : nil
  }
}
