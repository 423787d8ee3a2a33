import Foundation

/// Recomputes every hash in a release's manifest and reports each file that differs.
public enum ReleaseVerifier {
  /// One way a release differs from its manifest.
  public struct Mismatch: Sendable, Equatable, CustomStringConvertible {
    /// The file, under `release/`.
    public var path: String
    /// What differs.
    public var problem: String

    /// `release/data/scores.csv: SHA-256 differs (…)`.
    public var description: String { "release/\(path): \(problem)" }
  }

  /// Checks `directory/release` against `directory/release/manifest.json`.
  ///
  /// - Returns: Every mismatch (missing, changed or unlisted files), empty when the release is
  ///   exactly what the manifest says.
  /// - Throws: ``DataError`` when there is no readable manifest.
  public static func verify(outputDirectory directory: URL) throws -> [Mismatch] {
    try verify(release: directory.appendingPathComponent("release"))
  }

  /// Checks the release folder `release` (one holding `manifest.json`) against its manifest.
  ///
  /// - Returns: Every mismatch, empty when the release is exactly what the manifest says.
  /// - Throws: ``DataError`` when there is no readable manifest.
  public static func verify(release: URL) throws -> [Mismatch] {
    let manifestURL = release.appendingPathComponent(Manifest.fileName)
    let manifest: Manifest
    do {
      manifest = try Manifest.read(from: manifestURL)
    } catch {
      throw DataError(
        "\(manifestURL.relativePath) is missing or is not a manifest Kith wrote; run the pipeline "
          + "again to make the release")
    }
    var mismatches: [Mismatch] = []
    for output in manifest.outputs {
      let url = release.appendingPathComponent(output.path)
      // A manifest is data from wherever the release came from: a path that leaves the release
      // (`../`, `/etc/…`, a link pointing out) is reported, never read.
      let components = output.path.split(separator: "/", omittingEmptySubsequences: false)
      guard !output.path.isEmpty, !output.path.hasPrefix("/"),
        !components.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }),
        RealPath.isInside(url, release)
      else {
        mismatches.append(
          Mismatch(
            path: TerminalText.escaped(output.path),
            problem: "the manifest names a path outside the release; it was not read"))
        continue
      }
      guard let (bytes, sha) = FileDigest.sha256(of: url) else {
        mismatches.append(Mismatch(path: output.path, problem: "missing"))
        continue
      }
      if bytes != output.bytes {
        mismatches.append(
          Mismatch(path: output.path, problem: "\(bytes) bytes, manifest says \(output.bytes)"))
      }
      if sha != output.sha256 {
        mismatches.append(
          Mismatch(
            path: output.path,
            problem: "SHA-256 is \(sha.prefix(12))…, manifest says \(output.sha256.prefix(12))…"))
      }
    }
    let listed = Set(manifest.outputs.map(\.path) + [Manifest.fileName])
    for path in files(under: release) where !listed.contains(path) {
      mismatches.append(Mismatch(path: path, problem: "not listed in the manifest"))
    }
    return mismatches
  }

  /// Paths of every file under `folder`, relative to it, sorted.
  static func files(under folder: URL) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
    var paths: [String] = []
    while let path = enumerator.nextObject() as? String {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(
        atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder),
        !isFolder.boolValue
      {
        paths.append(path)
      }
    }
    return paths.sorted()
  }
}
