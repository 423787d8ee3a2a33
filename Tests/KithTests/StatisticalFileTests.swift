import Foundation
import Testing

@testable import Kith

/// SPSS and Stata files written through ReadStat and read back with it: every kind of column,
/// labels, declared missing values, legal names and the same bytes twice.
@Suite struct StatisticalFileTests {
  /// A table of every kind of column, made from CSV text and a schema as a release file is.
  static let table: LabelledTable = {
    typealias Field = TableSchema.Field
    let schema = TableSchema(
      fields: [
        .pid(unique: false),
        Field(
          name: "wave", type: "string", description: "The survey wave.",
          constraints: ["enum": .texts(["baseline", "followup"])]),
        Field(name: "score", type: "number", description: "A score. More words here."),
        Field(
          name: "prorated", type: "integer", description: "1 when prorated.",
          constraints: ["minimum": .number(0), "maximum": .number(1)]),
        Field(name: "session_date", type: "date", description: "A day."),
        Field(name: "age_band", type: "string", description: "Age band."),
        Field(name: "note", type: "string", description: "Free text."),
        Field(name: "2nd visit", type: "integer", description: "Sessions."),
      ], primaryKey: [])
    let rows = [
      ["a1b2c3d4e5f60718", "baseline", "45.5", "0", "2025-01-07", "25-34", "café ☕", "3"],
      ["a1b2c3d4e5f60718", "followup", "", "1", "2025-03-04", "*", "", "*"],
      ["0f1e2d3c4b5a6978", "followup", "52.25", "", "", "18-24", "*", "12"],
    ]
    return LabelledTable(
      label: "A study", header: schema.fields.map(\.name), rows: rows, schema: schema,
      coded: [])
  }()

  @Test func theTableHoldsWhatTheCSVSays() {
    let kinds = Self.table.variables.map(\.kind)
    #expect(
      kinds == [
        .text(width: 16), .coded, .number(decimals: 2), .coded, .date, .coded,
        .text(width: 9), .number(decimals: 0),
      ])
    #expect(Self.table.variables[1].valueLabels.map(\.label) == ["baseline", "followup"])
    #expect(Self.table.variables[3].valueLabels.map(\.label) == ["no", "yes"])
    #expect(Self.table.variables[5].valueLabels.map(\.label) == ["18-24", "25-34"])
    #expect(Self.table.variables[2].label == "A score")
    #expect(Self.table.rows[1][2] == .missing(.empty))
    #expect(Self.table.rows[1][5] == .missing(.withheld))
    #expect(Self.table.rows[0][4] == .day(CivilDate.dayNumber(year: 2025, month: 1, day: 7)!))
  }

  /// 2025-01-07 and 2025-03-04 as day numbers.
  static let days = (20_095, 20_151)

  @Test func aStataFileReadsBackAsItWasWritten() throws {
    let data = try ReadStatFile.write(Self.table, format: .dta, timestamp: 1_735_689_600)
    #expect(try ReadStatFile.write(Self.table, format: .dta, timestamp: 1_735_689_600) == data)
    let read = try ReadStatFile.read(data, format: .dta, path: "t.dta")
    #expect(read.label == "A study" && read.created == 1_735_689_600)
    #expect(
      read.variables.map(\.name) == [
        "pid", "wave", "score", "prorated", "session_date", "age_band", "note", "v2nd_visit",
      ])
    #expect(read.variables.map(\.format)[2...4] == ["%12.2f", "%12.0g", "%td"])
    let (a, b) = (ReadStatFile.Value.tagged("a"), ReadStatFile.Value.tagged("b"))
    // Stata dates count days from 1960-01-01: 2025-01-07 is day 23,748.
    #expect(
      read.rows == [
        [
          .text("a1b2c3d4e5f60718"), .number(1), .number(45.5), .number(0), .number(23_748),
          .number(2), .text("café ☕"), .number(3),
        ],
        [
          .text("a1b2c3d4e5f60718"), .number(2), b, .number(1), .number(23_804), a, .text(""), a,
        ],
        [
          .text("0f1e2d3c4b5a6978"), .number(2), .number(52.25), b, b, .number(1), .text("*"),
          .number(12),
        ],
      ])
    let ageLabels = read.labelSets[read.variables[5].labelSet]
    #expect(ageLabels?["1"] == "18-24" && ageLabels?["2"] == "25-34")
    #expect(ageLabels?[".a"] == LabelledTable.Missing.withheld.label)
    #expect(read.labelSets[read.variables[3].labelSet]?["1"] == "yes")
  }

  @Test func anSPSSFileReadsBackAsItWasWritten() throws {
    let data = try ReadStatFile.write(Self.table, format: .sav, timestamp: 1_735_689_600)
    #expect(try ReadStatFile.write(Self.table, format: .sav, timestamp: 1_735_689_600) == data)
    let read = try ReadStatFile.read(data, format: .sav, path: "t.sav")
    #expect(read.label == "A study" && read.encoding == "UTF-8")
    #expect(read.variables[4].format == "DATE11" && read.variables[2].format == "F12.2")
    // Declared missing values: the two codes on numbers and codes, `*` on text; none on dates.
    #expect(read.variables[2].missing == ["-999999", "-999998"])
    #expect(read.variables[6].missing == ["*"] && read.variables[4].missing.isEmpty)
    let (a, b) = (ReadStatFile.Value.declared(-999_999), ReadStatFile.Value.declared(-999_998))
    // SPSS dates count seconds from 1582-10-14.
    let day = { (day: Int) in ReadStatFile.Value.number(Double(day + 141_428) * 86_400) }
    #expect(
      read.rows == [
        [
          .text("a1b2c3d4e5f60718"), .number(1), .number(45.5), .number(0), day(Self.days.0),
          .number(2), .text("café ☕"), .number(3),
        ],
        [.text("a1b2c3d4e5f60718"), .number(2), b, .number(1), day(Self.days.1), a, .text(""), a],
        [
          .text("0f1e2d3c4b5a6978"), .number(2), .number(52.25), b, .system, .number(1),
          .text("*"), .number(12),
        ],
      ])
    #expect(read.labelSets[read.variables[1].labelSet]?["2"] == "followup")
    #expect(
      read.labelSets[read.variables[1].labelSet]?["-999999"] == LabelledTable.Missing.withheld.label
    )
  }

  @Test(arguments: [
    (
      ["2nd visit", "with", "a-b", "A_B"], VariableNames.Format.stata,
      ["v2nd_visit", "with_", "a_b", "A_B_2"]
    ),
    (
      ["x" + String(repeating: "y", count: 40), "x" + String(repeating: "y", count: 45)], .stata,
      ["x" + String(repeating: "y", count: 31), "x" + String(repeating: "y", count: 29) + "_2"]
    ),
    (["to", "score_", "naïve", "all"], .spss, ["v_to", "score", "na_ve", "v_all"]),
  ])
  func namesAreLegalAndUnique(columns: [String], format: VariableNames.Format, names: [String]) {
    #expect(VariableNames.names(columns, format: format) == names)
  }
}

/// The leak gate reads SPSS and Stata files back, as analysts' tools will: a name in a text
/// value, a value label or the file's label is found; a file it cannot read is not published.
@Suite struct StatisticalLeakGateTests {
  static func gate() -> LeakGate {
    var sensitive = SensitiveValues()
    sensitive.insert("Priya Shah")
    return LeakGate(sensitive: sensitive)
  }

  @Test(arguments: [ReadStatFile.Format.sav, .dta])
  func aNameInAnyPartOfTheFileIsFound(format: ReadStatFile.Format) throws {
    let gate = Self.gate()
    var table = StatisticalFileTests.table
    #expect(
      gate.scan(
        descriptions: [
          ("data/t.\(format.rawValue)", try ReadStatFile.write(table, format: format, timestamp: 0))
        ]
      ).isEmpty)
    table.rows[2][6] = .text("said priya shah helped")
    table.variables[6].kind = .text(width: 30)
    table.variables[5].valueLabels[1].label = "Priya Shah"
    table.label = "Notes by PRIYA SHAH"
    let findings = gate.scan(
      descriptions: [
        ("data/t.\(format.rawValue)", try ReadStatFile.write(table, format: format, timestamp: 0))
      ])
    #expect(findings.contains { $0.column == "note" && $0.line == 4 })
    #expect(findings.contains { $0.column == "age_band" })
    #expect(findings.contains { $0.column == nil && $0.line == 1 })
  }

  @Test func aFileTheGateCannotReadIsAFinding() throws {
    let data = try ReadStatFile.write(StatisticalFileTests.table, format: .sav, timestamp: 0)
    let findings = Self.gate().scan(descriptions: [("data/t.sav", data.prefix(200))])
    #expect(findings.map(\.what) == ["a file Kith could not read back to check it"])
  }
}

/// The leak gate reads the study tables' workbook back with Kith's Excel reader.
@Suite struct WorkbookLeakGateTests {
  @Test func aNameInACellOrANoteIsFoundByItsCell() throws {
    let gate = StatisticalLeakGateTests.gate()
    var sheet = WorkbookSheet(
      name: "t8_theme_prevalence", title: "T8. Themes", header: ["theme", "n"],
      rows: [["Safe space", "10"]], types: ["string", "integer"], notes: ["A note."])
    let clean = try WorkbookWriter.workbook([sheet], title: "A study", timestamp: 0)
    #expect(gate.scan(descriptions: [("tables/study_tables.xlsx", clean)]).isEmpty)
    sheet.rows[0][0] = "The group of Priya Shah"
    sheet.notes.append("Thanks to priya shah")
    let leaking = try WorkbookWriter.workbook([sheet], title: "A study", timestamp: 0)
    let findings = gate.scan(descriptions: [("tables/study_tables.xlsx", leaking)])
    #expect(findings.compactMap(\.column).sorted() == ["A2", "A6"])
    #expect(
      gate.scan(descriptions: [("tables/study_tables.xlsx", leaking.prefix(100))]).map(\.what)
        == ["a file Kith could not read back to check it"])
  }
}
