import Foundation
import KithCSV

/// A record as the tests compare it.
struct ReadRow: Equatable, CustomStringConvertible {
  var line: Int
  var fields: [String]
  var problem: CSVError.Kind?
  var problemColumn: Int?

  init(_ line: Int, _ fields: [String], _ problem: CSVError.Kind? = nil, column: Int? = nil) {
    self.line = line
    self.fields = fields
    self.problem = problem
    self.problemColumn = column
  }

  var description: String {
    "\(line): \(fields)" + (problem.map { " !\($0) @\(problemColumn ?? 0)" } ?? "")
  }
}

/// Everything a read produced.
struct ReadResult: Equatable {
  var header: [String]
  var rows: [ReadRow]
  var notices: [String]
  var encoding: CSVEncoding
  var delimiter: CSVDelimiter
}

/// A temporary folder removed when the value goes away.
final class TemporaryFolder {
  let url: URL

  init() {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kith-test-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// Writes `bytes` to `name` in the folder and returns its path.
  func file(_ name: String, _ bytes: [UInt8]) throws -> String {
    let path = url.appendingPathComponent(name).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  func file(_ name: String, _ text: String) throws -> String {
    try file(name, Array(text.utf8))
  }
}

/// Reads `path` completely.
func readAll(_ path: String, dialect: CSVDialect = CSVDialect(), chunkSize: Int = 1 << 16)
  throws -> ReadResult
{
  let reader = try CSVReader(
    path: path, displayName: "test.csv", dialect: dialect, chunkSize: chunkSize)
  var rows: [ReadRow] = []
  try reader.forEachRow { row in
    rows.append(ReadRow(row.line, row.strings, row.problem?.kind, column: row.problem?.column))
  }
  return ReadResult(
    header: reader.header.names, rows: rows, notices: reader.notices, encoding: reader.encoding,
    delimiter: reader.delimiter)
}

/// The shared fixtures folder beside the project, when present.
func sharedFixtures(_ relative: String) -> URL? {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  let url = root.appendingPathComponent("shared/fixtures/external").appendingPathComponent(relative)
  return FileManager.default.fileExists(atPath: url.path) ? url : nil
}
