import Foundation
import KithCSV
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A header costs memory per column, so one past 1 MiB or 10,000 columns is refused, naming the
/// file, however it is made long; files that are not regular files are refused before reading.
@Suite struct HeaderLimitTests {
  let folder = TemporaryFolder()

  @Test(arguments: [
    ("many short columns", String((0..<20_000).map { _ in "a," }.joined().dropLast())),
    (
      "a few long columns",
      (0..<3).map { _ in String(repeating: "x", count: 600_000) }.joined(separator: ",")
    ),
    ("one huge column", String(repeating: "y", count: 2 << 20)),
    ("a quoted header over two lines", "\"a\nb\"," + String(repeating: "z,", count: 10_001) + "z"),
  ])
  func anOverlongHeaderIsRefused(_ name: String, _ header: String) throws {
    let path = try folder.file("wide.csv", header + "\n1,2\n")
    let error = #expect(throws: CSVError.self) { try readAll(path) }
    #expect(
      error?.description
        == "test.csv line 1: the header row is longer than 1 MiB or has more than 10000 columns, "
        + "more than any export has; is this the right file, and does its first row name the "
        + "columns?", "\(name)")
  }

  @Test func aHeaderJustWithinTheLimitsIsRead() throws {
    let header = (0..<10_000).map { "c\($0)" }.joined(separator: ",")
    let path = try folder.file(
      "ok.csv", header + "\n" + String(repeating: "1,", count: 9_999) + "1\n")
    let result = try readAll(path)
    #expect(result.header.count == 10_000 && result.rows.count == 1)
  }

  @Test(arguments: ["folder", "/dev/zero", "fifo"])
  func whatIsNotAFileIsRefused(_ what: String) throws {
    var path = what
    if what == "folder" { path = folder.url.path }
    if what == "fifo" {
      path = folder.url.appendingPathComponent("pipe").path
      #expect(mkfifo(path, 0o600) == 0)
    }
    let error = #expect(throws: CSVError.self) { try readAll(path) }
    let kind = ["folder": "a folder", "/dev/zero": "a device", "fifo": "a named pipe (FIFO)"][what]
    #expect(error?.description == "test.csv: cannot be read: it is \(kind ?? ""), not a file")
  }
}
