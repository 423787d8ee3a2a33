import Foundation

/// Compares an existing release with one just regenerated, file by file, for
/// `kith run --check`: how CI keeps committed study tables honest.
public enum ReleaseComparison {
  /// One file that differs.
  public struct Difference: Sendable, Equatable {
    /// The path under `release/`.
    public var path: String
    /// A unified diff (existing → regenerated), or what happened to the file.
    public var detail: String
  }

  /// Every file of `existing/` and `regenerated/` whose bytes differ, in path order.
  public static func differences(existing: URL, regenerated: URL) -> [Difference] {
    let old = Set(ReleaseVerifier.files(under: existing))
    let new = Set(ReleaseVerifier.files(under: regenerated))
    var result: [Difference] = []
    for path in old.union(new).sorted() {
      let before = FileManager.default.contents(atPath: existing.appendingPathComponent(path).path)
      let after = FileManager.default.contents(
        atPath: regenerated.appendingPathComponent(path).path)
      switch (before, after) {
      case (let before?, let after?) where before != after:
        result.append(
          Difference(
            path: path,
            detail: UnifiedDiff.diff(
              String(decoding: before, as: UTF8.self), String(decoding: after, as: UTF8.self),
              oldName: "release/\(path)", newName: "regenerated/\(path)")))
      case (nil, _?):
        result.append(
          Difference(path: path, detail: "release/\(path) is missing; a fresh run writes it\n"))
      case (_?, nil):
        result.append(Difference(path: path, detail: "release/\(path) is no longer produced\n"))
      default: break
      }
    }
    return result
  }
}
