import Crypto
import Foundation
import KithCSV

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a run's outputs: the release through a staging folder that the leak gate must pass
/// before one rename puts it in place, and the private files through a staging folder of their
/// own, moved into `private/` only once the release is in place.
///
/// A failed gate publishes nothing and leaves the previous release, and the private files that
/// belong to it, as they were; the failed run's private files go to `private/failed-run/`.
struct Publisher {
  /// The output folder, claimed by the run.
  let folder: OutputFolder
  /// How many tables are written and checked at once.
  var threads = 1
  /// How many rows of a table are made at a time (``TableFile``).
  var rowsPerPart = TableFile.defaultRowsPerPart
  /// Where this run's private files are written until its release is in place (a name in the
  /// output folder).
  private let privateStaging: String

  /// A publisher into `folder`, whose private staging folder it makes now.
  init(folder: OutputFolder, threads: Int = 1) throws {
    self.folder = folder
    self.threads = threads
    privateStaging = ".private-staging-\(UUID().uuidString)"
    try folder.willMake(privateStaging)
  }

  /// The output folder (`out/example`).
  var directory: URL { folder.url }
  var releaseDirectory: URL { directory.appendingPathComponent("release") }
  var privateDirectory: URL { directory.appendingPathComponent("private") }
  /// Where private files are written during the run.
  private var stagedPrivate: URL { directory.appendingPathComponent(privateStaging) }

  /// Writes `tables` to `release/` if the gate finds nothing; returns what was written.
  func publishRelease(
    _ tables: [Table], gate: LeakGate, kAnonymity: (columns: [String], k: Int)?,
    descriptions: [(path: String, data: Data)] = [],
    manifest: (([OutputReport]) -> Manifest)? = nil
  ) throws -> [OutputReport] {
    try refuseFilesKithDidNotWrite()
    let stagingName = ".release-staging-\(UUID().uuidString)"
    try folder.willMake(stagingName)
    let staging = directory.appendingPathComponent(stagingName)
    // After the swap this holds the previous release; on failure, the unpublished one.
    defer { try? folder.remove(stagingName) }
    // Every table is made in parts, the parts of all tables spread over the threads, each
    // written as soon as the parts before it are; then the gate reads each file back in parts.
    // Results are gathered in table order: the release does not depend on the number of
    // threads.
    let files = try tables.map {
      try TableFile(
        $0, under: staging, reportedAs: "release/" + $0.path, rowsPerPart: rowsPerPart,
        neutralisesFormulas: true)
    }
    let made = files.indices.flatMap { table in (0..<files[table].parts).map { (table, $0) } }
    let parts = threads > 1 ? 4 * threads : 1
    let scanned = try Parallel.map(made.count + tables.count * parts, threads: threads) {
      unit -> [LeakGate.PartFinding]? in
      guard unit >= made.count else {
        try files[made[unit].0].make(part: made[unit].1)
        return []
      }
      let (index, part) = ((unit - made.count) / parts, (unit - made.count) % parts)
      _ = try files[index].report()
      let path = tables[index].path
      return try gate.scan(
        file: staging.appendingPathComponent(path), path: path, part: part, of: parts)
    }
    var reports: [OutputReport] = []
    var findings: [LeakGate.Finding] = []
    for (index, table) in tables.enumerated() {
      reports.append(try files[index].report())
      let found = scanned[(made.count + index * parts)..<(made.count + (index + 1) * parts)]
      findings +=
        found.contains { $0 == nil }
        ? try gate.scan(file: staging.appendingPathComponent(table.path), path: table.path)
        : LeakGate.merge(found.compactMap { $0 })
    }
    try gate.refuse(findings + gate.scan(descriptions: descriptions), in: "the release")
    if let kAnonymity {
      let small = try KAnonymity.verify(
        file: staging.appendingPathComponent(ReleaseDataFile.participants.path),
        columns: kAnonymity.columns,
        k: kAnonymity.k)
      guard small.isEmpty else {
        throw DataError(
          "k-anonymity check: participants.csv as written has classes of "
            + small.map(String.init).joined(separator: ", ") + " over "
            + kAnonymity.columns.joined(separator: ", ")
            + " (k = \(kAnonymity.k)); nothing was published")
      }
    }
    for file in descriptions {
      try file.data.write(to: staging.appendingPathComponent(file.path))
      reports.append(
        OutputReport(
          path: "release/" + file.path, rows: 0, bytes: file.data.count,
          sha256: Hex.string(SHA256.hash(data: file.data))))
    }
    if let manifest {
      let text = Data(try manifest(reports).json().utf8)
      try gate.refuse(gate.scan(document: text, path: Manifest.fileName), in: "the manifest")
      try text.write(to: staging.appendingPathComponent(Manifest.fileName))
    }
    let asideName = ".aside-\(UUID().uuidString)"
    try folder.willMake(asideName)
    defer { try? folder.remove(asideName) }
    do {
      try AtomicSwap.replace(
        releaseDirectory, with: staging, aside: directory.appendingPathComponent(asideName))
    } catch {
      throw EnvironmentError.translating(error, path: releaseDirectory.relativePath)
    }
    return reports
  }

  /// Refuses to replace a `release/` that holds anything its manifest does not list: Kith
  /// replaces the folder whole, and would otherwise delete a file someone put there.
  private func refuseFilesKithDidNotWrite() throws {
    let fileManager = FileManager.default
    guard fileManager.fileExists(atPath: releaseDirectory.path) else { return }
    var listed: Set<String> = [Manifest.fileName]
    if let data = fileManager.contents(
      atPath: releaseDirectory.appendingPathComponent(Manifest.fileName).path),
      let manifest = try? JSONDecoder().decode(Manifest.self, from: data)
    {
      listed.formUnion(manifest.outputs.map(\.path))
    }
    // The folders that hold listed files are Kith's too.
    let folders = Set(
      listed.flatMap { path in
        let parts = path.split(separator: "/").dropLast()
        return parts.indices.map { parts[...$0].joined(separator: "/") }
      })
    let found = (fileManager.subpaths(atPath: releaseDirectory.path) ?? []).sorted()
    let strangers = found.filter { !listed.contains($0) && !folders.contains($0) }
    guard strangers.isEmpty else {
      throw EnvironmentError(
        "\(releaseDirectory.relativePath) holds "
          + strangers.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
          + (strangers.count > 3 ? " and \(strangers.count - 3) more" : "")
          + ", which Kith did not write; Kith replaces release/ whole on every run, so move "
          + "them out of it first (nothing was changed)")
    }
  }

  /// Writes a private table (rejects), readable by its owner alone, to the run's private
  /// staging folder.
  func writePrivate(_ table: Table) throws -> OutputReport {
    try PrivateZone.prepare(stagedPrivate, named: "private")
    return try TableFile(
      table, under: stagedPrivate, reportedAs: "private/" + table.path,
      rowsPerPart: rowsPerPart, permissions: UInt16(PrivateZone.fileMode)
    ).write()
  }

  /// Writes a private text file (the run log, the privacy report, a case-level table at
  /// `tables/…`), readable by its owner alone, as are the folders it is in, to the run's
  /// private staging folder.
  func writePrivate(text: String, to path: String) throws {
    let file = stagedPrivate.appendingPathComponent(path)
    try PrivateZone.prepare(stagedPrivate, named: "private")
    let folder = file.deletingLastPathComponent()
    if folder.path != stagedPrivate.path {
      try PrivateZone.prepare(folder, named: "private/" + folder.lastPathComponent)
    }
    try PrivateZone.write(Data(text.utf8), to: file)
  }

  /// Moves the run's private files into `private/`, each in one rename, once its release is in
  /// place; removes what a failed run left in `private/failed-run/`.
  func commitPrivate() throws {
    try PrivateZone.prepare(privateDirectory, named: "private")
    let fileManager = FileManager.default
    for path in (fileManager.subpaths(atPath: stagedPrivate.path) ?? []).sorted() {
      let source = stagedPrivate.appendingPathComponent(path)
      let target = privateDirectory.appendingPathComponent(path)
      var isFolder: ObjCBool = false
      guard fileManager.fileExists(atPath: source.path, isDirectory: &isFolder) else { continue }
      if isFolder.boolValue {
        try PrivateZone.prepare(target, named: "private/" + path)
      } else if rename(source.path, target.path) != 0 {
        let code = errno
        throw EnvironmentError(
          "cannot move \(path) into \(privateDirectory.relativePath): "
            + "\(FileProblem.reason(code)); \(FileProblem.advice(code))")
      }
    }
    try? fileManager.removeItem(at: privateDirectory.appendingPathComponent(Self.failedRun))
    try folder.remove(privateStaging)
  }

  /// Keeps a failed run's private files (its rejects and safeguarding concerns still matter)
  /// in `private/failed-run/`, apart from those that belong to the release in place.
  ///
  /// - Returns: Where they are, for the error message.
  func setAsidePrivate() -> String {
    let fileManager = FileManager.default
    let target = privateDirectory.appendingPathComponent(Self.failedRun)
    guard (try? PrivateZone.prepare(privateDirectory, named: "private")) != nil else {
      return stagedPrivate.relativePath
    }
    try? fileManager.removeItem(at: target)
    guard rename(stagedPrivate.path, target.path) == 0 else { return stagedPrivate.relativePath }
    try? folder.remove(privateStaging)
    return target.relativePath
  }

  /// The folder in `private/` that keeps a failed run's private files.
  static let failedRun = "failed-run"
}
