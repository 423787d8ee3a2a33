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
    // The tables are written at once, then read back by the gate in parts, each part as soon
    // as its table is written, so that no thread waits for the longest table alone. Results
    // are gathered in table order: the release does not depend on the number of threads.
    let parts = threads > 1 ? 2 * threads : 1
    let written = WrittenTables(count: tables.count)
    let done = try Parallel.map(tables.count * (1 + parts), threads: threads) {
      unit -> Step in
      guard unit >= tables.count else {
        defer { written.mark(unit) }
        let table = tables[unit]
        return .written(try write(table, under: staging, reportedAs: "release/" + table.path))
      }
      let (index, part) = ((unit - tables.count) / parts, (unit - tables.count) % parts)
      written.wait(index)
      let table = tables[index]
      return .scanned(
        try gate.scan(
          file: staging.appendingPathComponent(table.path), path: table.path, part: part,
          of: parts))
    }
    var reports: [OutputReport] = []
    var findings: [LeakGate.Finding] = []
    for (index, table) in tables.enumerated() {
      if case .written(let report) = done[index] { reports.append(report) }
      let scanned = done[(tables.count + index * parts)..<(tables.count + (index + 1) * parts)]
        .map { step -> [LeakGate.PartFinding]? in
          if case .scanned(let found) = step { found } else { nil }
        }
      findings +=
        scanned.contains { $0 == nil }
        ? try gate.scan(file: staging.appendingPathComponent(table.path), path: table.path)
        : LeakGate.merge(scanned.compactMap { $0 })
    }
    guard findings.isEmpty else {
      throw DataError(
        "leak gate: the release would contain identifying data, so nothing was published:\n"
          + findings.map { "  \($0)" }.joined(separator: "\n"))
    }
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
      let text = try manifest(reports).json()
      try Data(text.utf8).write(to: staging.appendingPathComponent(Manifest.fileName))
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

  /// Writes a private table (rejects) in place.
  func writePrivate(_ table: Table) throws -> OutputReport {
    try write(
      table, under: directory.appendingPathComponent("private"), reportedAs: "private/" + table.path
    )
  }

  /// Writes the run log.
  func writeLog(_ text: String) throws {
    try FileManager.default.createDirectory(at: privateDirectory, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: privateDirectory.appendingPathComponent("run.log"))
  }

  private func write(_ table: Table, under folder: URL, reportedAs path: String) throws
    -> OutputReport
  {
    let url = folder.appendingPathComponent(table.path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    var hasher = SHA256()
    var bytes = 0
    let writer = try CSVWriter(path: url.path) { chunk in
      hasher.update(bufferPointer: chunk)
      bytes += chunk.count
    }
    try writer.write(table.header)
    for index in 0..<table.count { try writer.write(table.row(index)) }
    try writer.close()
    return OutputReport(
      path: path, rows: table.count, bytes: bytes, sha256: Hex.string(hasher.finalize()))
  }
}

/// What one step of publishing gave: a table's report, or what the gate found in a part of it
/// (`nil` when the part must be scanned with the whole file).
private enum Step {
  case written(OutputReport)
  case scanned([LeakGate.PartFinding]?)
}

/// Which release tables are written, for the gate's parts waiting to read them back.
private final class WrittenTables: @unchecked Sendable {
  private let condition = NSCondition()
  private var done: [Bool]

  init(count: Int) { done = Array(repeating: false, count: count) }

  /// Notes table `index` as written (or failed: its readers then fail too).
  func mark(_ index: Int) {
    condition.lock()
    done[index] = true
    condition.broadcast()
    condition.unlock()
  }

  /// Returns once table `index` is written.
  func wait(_ index: Int) {
    condition.lock()
    while !done[index] { condition.wait() }
    condition.unlock()
  }
}
