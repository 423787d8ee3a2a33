import Foundation
import Testing

@testable import Kith

/// The Excel reader on workbooks from two writers (openpyxl: inline strings, formulas without
/// cached values; XlsxWriter: shared strings, cached values), in both date systems, and on
/// malformed ones (`ExcelFixtures/make_fixtures.py` made them all).
@Suite struct ExcelReaderTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("ExcelFixtures")

  /// Every cell of every sheet, by sheet.
  static func read(_ name: String) throws -> [String: [ExcelCell]] {
    let workbook = try ExcelWorkbook(
      url: folder.appendingPathComponent(name), displayName: name)
    var cells: [String: [ExcelCell]] = [:]
    for sheet in workbook.sheets {
      try workbook.rows(of: sheet) { cells[sheet.name, default: []] += $0 }
    }
    return cells
  }

  static func day(_ year: Int, _ month: Int, _ day: Int) -> Int {
    CivilDate.dayNumber(year: year, month: month, day: day) ?? 0
  }

  @Test(arguments: [
    ("register-openpyxl.xlsx", false), ("register-openpyxl-1904.xlsx", false),
    ("register-xlsxwriter.xlsx", true), ("register-xlsxwriter-1904.xlsx", true),
  ])
  func everyCellKindReadsAsTheWorkbookStoresIt(file: String, cachesFormulas: Bool) throws {
    let sheets = try Self.read(file)
    #expect(Array(sheets.keys).sorted() == ["Notes", "Register"])
    let register = try #require(sheets["Register"])
    let at = { (reference: String) in register.first { $0.reference == reference }?.value }
    #expect(
      register.filter { $0.row == 1 }.map(\.text) == [
        "Member email", "Group", "Session date", "Attended", "Sessions", "Score", "Total", "Flag",
      ])
    #expect(at("A2") == .text("ana@example.org"))
    #expect(at("C2") == .date(day: Self.day(2025, 1, 7), seconds: 0))
    #expect(at("C3") == .date(day: Self.day(2025, 1, 14), seconds: 18 * 3600 + 30 * 60))
    #expect(at("C5") == .date(day: Self.day(2024, 2, 29), seconds: 0))
    #expect(at("E2") == .number(3) && at("F2") == .number(45.5) && at("F5") == .number(-3))
    #expect(at("E5") == .number(0))
    #expect(at("H2") == .boolean(true) && at("H3") == .boolean(false))
    #expect(at("H5") == .error("#N/A"))
    // A formula is read by its cached value; a writer that stores none leaves the cell empty.
    #expect(at("G3") == (cachesFormulas ? .number(24) : nil))
    // The empty row 4 gives no cells; row 5 keeps its number.
    #expect(!register.contains { $0.row == 4 } && register.contains { $0.row == 5 })
    #expect(register.first { $0.reference == "C3" }?.text == "2025-01-14T18:30:00")
    #expect(register.first { $0.reference == "E3" }?.text == "12")
    // A merged range's value is its top-left cell's; the rest are empty.
    #expect(sheets["Notes"]?.map(\.reference) == ["A1", "A2"])
  }

  @Test(arguments: [
    ("truncated.xlsx", "cut short or damaged"),
    ("no-shared-strings.xlsx", "cell A1: it refers to shared string 0, but the workbook has 0"),
    ("cells-out-of-order.xlsx", "cell B2: the cells are out of order (it comes after Z2)"),
    ("legacy.xls", "legacy Excel .xls file or a password-protected workbook"),
    ("calc.ods", "OpenDocument spreadsheet (.ods)"),
  ])
  func aMalformedWorkbookIsRefusedSayingWhatToDo(file: String, message: String) {
    #expect {
      _ = try Self.read(file)
    } throws: { error in
      "\(error)".contains(message) && "\(error)".contains(file)
    }
  }

  @Test(arguments: [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")])
  func columnsAreNamedAsExcelNamesThem(column: Int, name: String) {
    #expect(ExcelCell.columnName(column) == name)
    #expect(ExcelCell.position(of: name + "14")?.column == column)
  }

  @Test func datesFollowBothDateSystems() {
    // 1900: serial 1 is 1900-01-01, 59 is 1900-02-28, 61 is 1900-03-01 (Excel's 29 February
    // 1900 sits between); 1904: serial 0 is 1904-01-01.
    #expect(
      ExcelSheetParser.date(serial: 1, uses1904: false)
        == .date(day: Self.day(1900, 1, 1), seconds: 0))
    #expect(
      ExcelSheetParser.date(serial: 59, uses1904: false)
        == .date(day: Self.day(1900, 2, 28), seconds: 0))
    #expect(
      ExcelSheetParser.date(serial: 61, uses1904: false)
        == .date(day: Self.day(1900, 3, 1), seconds: 0))
    #expect(
      ExcelSheetParser.date(serial: 45664.5, uses1904: false)
        == .date(day: Self.day(2025, 1, 7), seconds: 43_200))
    #expect(
      ExcelSheetParser.date(serial: 0, uses1904: true)
        == .date(day: Self.day(1904, 1, 1), seconds: 0))
    #expect(ExcelParts.isDateFormat("dd/mm/yyyy") && ExcelParts.isDateFormat("[$-409]mmm d"))
    #expect(!ExcelParts.isDateFormat("0.00") && !ExcelParts.isDateFormat("\"day\" 0"))
    #expect(!ExcelParts.isDateFormat("[Red]0.0"))
  }

  @Test func theStudyTablesWorkbookReadsBackAsWritten() throws {
    let sheet = WorkbookSheet(
      name: "t3_change", title: "T3. Change", header: ["scale", "n", "mean"],
      rows: [["total", "25", "39.9"], ["social", "*", ""]], types: ["string", "integer", "number"],
      notes: ["A note."])
    let data = try WorkbookWriter.workbook([sheet], title: "A study", timestamp: 1_735_689_600)
    #expect(
      try WorkbookWriter.workbook([sheet], title: "A study", timestamp: 1_735_689_600) == data)
    let workbook = try ExcelWorkbook(data: data, displayName: "study_tables.xlsx")
    var cells: [ExcelCell] = []
    try workbook.rows(of: workbook.sheets[0]) { cells += $0 }
    #expect(workbook.sheets.map(\.name) == ["t3_change"])
    #expect(
      cells.map { "\($0.reference)=\($0.text)" } == [
        "A1=scale", "B1=n", "C1=mean", "A2=total", "B2=25", "C2=39.9", "A3=social", "B3=*",
        "A5=T3. Change", "A6=A note.",
      ])
    #expect(cells.first { $0.reference == "B2" }?.value == .number(25))
  }

  /// Workbooks closed at once, as runs in one process do, leave standard error where it was:
  /// each close silences libxlsxwriter's own messages, and a second close that saved the first's
  /// silence would restore it for good (the test process's output stopped mid-run).
  @Test func workbooksClosedAtOnceLeaveStandardErrorWhereItWas() throws {
    func standardError() -> (dev_t, ino_t) {
      var status = stat()
      fstat(STDERR_FILENO, &status)
      return (status.st_dev, status.st_ino)
    }
    let before = standardError()
    let sheet = WorkbookSheet(
      name: "t1", title: "T1", header: ["n"], rows: [["1"]], types: ["integer"], notes: [])
    let written = Counter()
    DispatchQueue.concurrentPerform(iterations: 64) { _ in
      if (try? WorkbookWriter.workbook([sheet], title: "A study", timestamp: 0)) != nil {
        written.add()
      }
    }
    #expect(written.value == 64)
    let after = standardError()
    #expect(after.0 == before.0 && after.1 == before.1)
  }

  /// A count shared by threads.
  final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func add() { lock.withLock { count += 1 } }
  }
}
