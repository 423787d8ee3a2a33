import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder a run writes its outputs to, which Kith treats as its own only when Kith made it.
///
/// Kith writes `.kith-output` (naming the study) into a folder when it makes it, and then writes
/// only there; a folder without the marker that holds anything is refused, so a run can never
/// replace a person's files. Things a run makes for a moment — the staging folder of a release,
/// the folder an old release is moved aside to — are recorded in the marker before they are
/// made and forgotten once removed: a later run removes what a killed run left, and nothing
/// else.
///
/// Every method is called while the run holds the folder's ``OutputLock``.
final class OutputFolder {
  /// The marker's name.
  static let markerName = ".kith-output"

  /// What the marker says.
  struct Marker: Codable, Equatable {
    /// What this file is, for a person who opens it.
    var about =
      "This folder was made by Kith; Kith writes and removes only what it made here."
    /// The study whose outputs the folder holds.
    var study: String
    /// Paths (relative to the folder) a run made and has not yet removed.
    var made: [String] = []
  }

  let url: URL
  private var marker: Marker

  private init(url: URL, marker: Marker) {
    self.url = url
    self.marker = marker
  }

  /// The output folder `url` for `study`, made if it does not exist, its lock taken, and the
  /// leftovers of a killed run removed.
  ///
  /// - Parameters:
  ///   - url: The output folder.
  ///   - study: The study's name, recorded in the marker and checked against it.
  ///   - forbidden: Folders an output folder may never be (the pipeline's, the inputs').
  ///   - wait: Whether to wait for another run that holds the folder.
  ///   - waiting: Told who holds the folder when the run waits.
  /// - Returns: The folder, the lock (to hold for the whole run), and notices.
  /// - Throws: ``UsageError`` for a folder Kith may not write, ``EnvironmentError`` when it
  ///   cannot be made or another run holds it.
  static func claim(
    _ url: URL, study: String, forbidden: [(URL, String)], wait: Bool,
    waiting: (String) -> Void
  ) throws -> (folder: OutputFolder, lock: OutputLock, notices: [String]) {
    try refuseForbidden(url, forbidden: forbidden)
    let fileManager = FileManager.default
    var isFolder: ObjCBool = false
    if fileManager.fileExists(atPath: url.path, isDirectory: &isFolder) {
      guard isFolder.boolValue else {
        throw UsageError(
          "the output folder \(url.relativePath) is a file; choose a folder with --out")
      }
      // Checked before the lock file is made: Kith writes nothing into a folder not its own. A
      // folder that holds a lock file is Kith's, and is judged under the lock, as another run
      // may be marking it this moment.
      if !fileManager.fileExists(atPath: url.appendingPathComponent(OutputLock.fileName).path) {
        _ = try ownership(of: url, study: study)
      }
    } else {
      do {
        try fileManager.createDirectory(at: url, withIntermediateDirectories: true)
      } catch {
        throw EnvironmentError.translating(error, path: url.relativePath)
      }
    }
    let lock = try OutputLock(folder: url, wait: wait, waiting: waiting)
    // Looked at again under the lock: another run may have marked it meanwhile.
    let (marker, notices) = try ownership(of: url, study: study)
    let folder = OutputFolder(url: url, marker: marker)
    try folder.removeLeftovers()
    return (folder, lock, notices)
  }

  /// Refuses `/`, the home folder and each of `forbidden`, symbolic links resolved.
  static func refuseForbidden(_ url: URL, forbidden: [(URL, String)]) throws {
    let resolved = RealPath.resolve(url).path
    var named: [(String, String)] = [("/", "the root of the file system")]
    if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty {
      named.append((RealPath.resolve(URL(fileURLWithPath: home)).path, "your home folder"))
    }
    named += forbidden.map { (RealPath.resolve($0.0).path, $0.1) }
    if let (_, what) = named.first(where: { $0.0 == resolved }) {
      throw UsageError(
        "the output folder \(url.relativePath) is \(what); Kith replaces what it writes there, "
          + "so give it a folder of its own with --out (for example out/study)")
    }
  }

  /// The marker of `url`: its own, or a new one for an empty folder or one an earlier Kith
  /// wrote (adopted, with a notice); refuses any other folder.
  private static func ownership(of url: URL, study: String) throws -> (Marker, [String]) {
    let markerURL = url.appendingPathComponent(markerName)
    if let data = FileManager.default.contents(atPath: markerURL.path) {
      guard let marker = try? JSONDecoder().decode(Marker.self, from: data) else {
        throw UsageError(
          "\(markerURL.relativePath) is not Kith's marker as Kith writes it; choose another "
            + "output folder with --out")
      }
      guard marker.study == study else {
        throw UsageError(
          "the output folder \(url.relativePath) holds the outputs of the study "
            + "'\(marker.study)', not '\(study)'; give this study its own folder with --out")
      }
      return (marker, [])
    }
    let contents = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    let others = contents.filter { $0 != OutputLock.fileName }.sorted()
    if others.isEmpty { return (Marker(study: study), []) }
    let earlierKith =
      FileManager.default.fileExists(atPath: RunState.url(in: url).path)
      && FileManager.default.fileExists(
        atPath: url.appendingPathComponent("release").appendingPathComponent(Manifest.fileName)
          .path)
    guard earlierKith else {
      let shown = others.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
      throw UsageError(
        "the output folder \(url.relativePath) already holds files Kith did not make ("
          + shown + (others.count > 3 ? " and \(others.count - 3) more" : "") + "); Kith "
          + "writes only into a new or empty folder, or one it made, so choose another folder "
          + "with --out")
    }
    return (
      Marker(study: study),
      ["\(url.relativePath) was written by an earlier Kith: it is now marked as this study's"]
    )
  }

  /// Records that the run is about to make `name` (a path inside the folder).
  func willMake(_ name: String) throws {
    marker.made.append(name)
    try save()
  }

  /// Removes `name`, which the run made, and forgets it.
  func remove(_ name: String) throws {
    try? FileManager.default.removeItem(at: url.appendingPathComponent(name))
    marker.made.removeAll { $0 == name }
    try save()
  }

  /// Removes what a run that was killed recorded making and did not remove, and a marker it was
  /// writing.
  private func removeLeftovers() throws {
    try? FileManager.default.removeItem(
      at: url.appendingPathComponent(Self.markerName + ".partial"))
    for name in marker.made {
      try? FileManager.default.removeItem(at: url.appendingPathComponent(name))
    }
    marker.made = []
    try save()
  }

  /// Writes the marker: a new file (`.kith-output.partial`, one name, as only the run holding
  /// the lock writes it) renamed into place, so that the marker is never half written.
  private func save() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let target = url.appendingPathComponent(Self.markerName)
    let partial = url.appendingPathComponent(Self.markerName + ".partial")
    do {
      try (try encoder.encode(marker) + Data("\n".utf8)).write(to: partial)
    } catch {
      throw EnvironmentError.translating(error, path: target.relativePath)
    }
    guard rename(partial.path, target.path) == 0 else {
      throw EnvironmentError(
        "cannot write \(target.relativePath): \(FileProblem.reason(errno)); "
          + FileProblem.advice(errno))
    }
  }
}
