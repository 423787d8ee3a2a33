import Crypto
import Foundation
import KithCSV

/// Writes a run's outputs: the private zone directly, the release through a staging folder that the
/// leak gate must pass before one rename puts it in place.
///
/// A failed gate publishes nothing and leaves any previous release as it was.
struct Publisher {
  /// The output folder (`out/example`).
  let directory: URL
  /// How many tables are written and checked at once.
  var threads = 1
  /// How many rows of a table are made at a time (``TableFile``).
  var rowsPerPart = TableFile.defaultRowsPerPart

  var releaseDirectory: URL { directory.appendingPathComponent("release") }
  var privateDirectory: URL { directory.appendingPathComponent("private") }

  /// Writes `tables` to `release/` if the gate finds nothing; returns what was written.
  func publishRelease(
    _ tables: [Table], gate: LeakGate, kAnonymity: (columns: [String], k: Int)?,
    descriptions: [(path: String, data: Data)] = [],
    manifest: (([OutputReport]) -> Manifest)? = nil
  ) throws -> [OutputReport] {
    let fileManager = FileManager.default
    try fileManager.createDirectory(at: directory, withIntermediateDirectories: true)
    removeLeftoverStaging()
    let staging = directory.appendingPathComponent(".release-staging-\(UUID().uuidString)")
    // After the swap this holds the previous release; on failure, the unpublished one.
    defer { try? fileManager.removeItem(at: staging) }
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
        file: staging.appendingPathComponent("data/participants.csv"), columns: kAnonymity.columns,
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
    try AtomicSwap.replace(releaseDirectory, with: staging)
    return reports
  }

  /// Removes staging folders left by a run that was killed before it could clean up.
  func removeLeftoverStaging() {
    let fileManager = FileManager.default
    let names = (try? fileManager.contentsOfDirectory(atPath: directory.path)) ?? []
    for name in names where name.hasPrefix(".release-staging-") || name.hasPrefix(".aside-") {
      try? fileManager.removeItem(at: directory.appendingPathComponent(name))
    }
  }

  /// Writes a private table (rejects) in place, readable by its owner alone.
  func writePrivate(_ table: Table) throws -> OutputReport {
    try PrivateZone.prepare(privateDirectory, named: "private")
    return try TableFile(
      table, under: privateDirectory, reportedAs: "private/" + table.path,
      rowsPerPart: rowsPerPart, permissions: UInt16(PrivateZone.fileMode)
    ).write()
  }

  /// Writes a private text file (the run log, the privacy report, a case-level table at
  /// `tables/…`), readable by its owner alone, as are the folders it is in.
  func writePrivate(text: String, to path: String) throws {
    let file = privateDirectory.appendingPathComponent(path)
    try PrivateZone.prepare(privateDirectory, named: "private")
    let folder = file.deletingLastPathComponent()
    if folder.path != privateDirectory.path {
      try PrivateZone.prepare(folder, named: "private/" + folder.lastPathComponent)
    }
    try PrivateZone.write(Data(text.utf8), to: file)
  }
}
