import Crypto
import Foundation
import Testing

@testable import Kith

/// Excel workbooks as inputs: read by the readers every CSV export goes through, the sheet by
/// name or position, the header on any row, a line number the sheet's row, the manifest
/// hashing the workbook itself.
@Suite struct ExcelInputTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// `pipelines/<name>.yaml` run into a fresh folder; that folder.
  static func run(_ name: String) throws -> URL {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kith-excel-\(UUID().uuidString)")
    let spec = try PipelineLoader.load(
      path: root.appendingPathComponent("pipelines/\(name).yaml").path)
    _ = try PipelineRun(
      spec: spec, options: PipelineRun.Options(keyOption: nil, outputDirectory: out)
    )
    .run()
    return out
  }

  @Test func theExampleReadFromItsWorkbookPublishesTheSameAttendanceAndParticipants() throws {
    let (csv, excel) = (try Self.run("example"), try Self.run("example-xlsx"))
    defer {
      try? FileManager.default.removeItem(at: csv)
      try? FileManager.default.removeItem(at: excel)
    }
    for file in ["attendance", "participants", "scores"] {
      let path = "release/data/\(file).csv"
      #expect(
        try Data(contentsOf: csv.appendingPathComponent(path))
          == Data(contentsOf: excel.appendingPathComponent(path)), "\(file)")
    }
    // The same rows rejected, on the same lines (the sheet's rows), for the same reasons — an
    // Excel input's placed by its cell.
    let rejects = { (out: URL) in
      try CSVFile.records(out.appendingPathComponent("private/rejects.csv"))
    }
    let (fromCSV, fromExcel) = (try rejects(csv), try rejects(excel))
    #expect(fromCSV.count == fromExcel.count && fromCSV.count > 0)
    let columns = ["Group", "Session date", "Name", "Email", "Attended"]
    for (a, b) in zip(fromCSV, fromExcel) {
      #expect([a["source"], a["line"], a["column"]] == [b["source"], b["line"], b["column"]])
      guard a["source"] == "register" else {
        #expect(a["reason"] == b["reason"])
        continue
      }
      let letter = ExcelCell.columnName(columns.firstIndex(of: a["column"] ?? "") ?? 0)
      #expect(b["reason"] == "cell \(letter)\(a["line"] ?? ""): \(a["reason"] ?? "")")
    }
    // The manifest hashes the workbook the pipeline names.
    let manifest = try String(
      contentsOf: excel.appendingPathComponent("release/manifest.json"), encoding: .utf8)
    let workbook = try Data(
      contentsOf: Self.root.appendingPathComponent("data/example/attendance.xlsx"))
    #expect(manifest.contains(Hex.string(SHA256.hash(data: workbook))))
  }

  /// A study whose register is `titled-register.xlsx` (a title above the header on row 3).
  static func titledStudy(_ register: String) throws -> StudyFolder {
    let folder = StudyFolder()
    try folder.write("test.key", StudyFolder.testKeyHex + "\n")
    try FileManager.default.copyItem(
      at: ExcelReaderTests.folder.appendingPathComponent("titled-register.xlsx"),
      to: folder.url.appendingPathComponent("register.xlsx"))
    try folder.write(
      "pipeline.yaml",
      """
      study: Titled
      key: test.key
      waves: [baseline]
      instruments: [wemwbs]
      inputs:
        register:
          path: register.xlsx
      \(register)
          type: register
          identifier: {column: Email, kind: email}
          group: Group
          date: {column: Session date, format: dd/MM/yyyy}
          attended: Attended
      max_rejected: 60%

      """)
    return folder
  }

  @Test(arguments: ["    sheet: Attendance\n    header_row: 3", "    sheet: 1\n    header_row: 3"])
  func theHeaderRowAndSheetAreTheOnesNamed(choice: String) throws {
    let folder = try Self.titledStudy(choice)
    try folder.run()
    let attendance = try folder.records("out/release/data/attendance.csv")
    // Rows 4 and 5 are attendances; row 6's date is a slip and row 7's mark an Excel error,
    // each rejected on its own row, naming the column.
    #expect(attendance.count == 2)
    let rejects = try folder.records("out/private/rejects.csv")
    #expect(rejects.map { $0["line"] } == ["6", "7"])
    #expect(rejects.map { $0["column"] } == ["Session date", "Attended"])
    #expect(rejects[0]["reason"]?.hasPrefix("cell C6: '31/02/2025' is not a date") == true)
    #expect(rejects[1]["reason"] == "cell D7 holds the Excel error #N/A, not a value")
  }

  @Test func anUnknownSheetOrAnEmptyHeaderRowIsAMessage() throws {
    #expect {
      try Self.titledStudy("    sheet: Register").run()
    } throws: { "\($0)".contains("has no sheet `Register`; its sheets are `Attendance`, `Notes`") }
    #expect {
      try Self.titledStudy("    header_row: 2").run()
    } throws: { "\($0)".contains("row 2 is empty, so it holds no column names") }
  }

  @Test func sheetOnACSVInputIsAPipelineError() throws {
    let folder = StudyFolder()
    try SmallStudy.write(into: folder)
    let pipeline = try folder.read("pipeline.yaml").replacingOccurrences(
      of: "    path: register.csv\n", with: "    path: register.csv\n    sheet: Register\n")
    try folder.write("pipeline.yaml", pipeline)
    #expect {
      try folder.run()
    } throws: { "\($0)".contains("applies to Excel workbooks, but `register.csv` is not one") }
  }
}
