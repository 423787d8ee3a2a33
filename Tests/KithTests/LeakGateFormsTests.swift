import Foundation
import Testing

@testable import Kith

/// Every form in which a name, phone number or NHS number seen in the inputs may be written,
/// against the leak gate and the scrubber — alone, and planted in each place a release can
/// hold text.
@Suite struct LeakGateFormsTests {
  /// Forms of the name `Sam Khan` (a register's `Name`): whole, reversed, surname alone,
  /// possessive, other case, no-break space, full-width letters, hyphenated.
  static let nameForms = [
    "Sam Khan", "Khan, Sam", "KHAN", "Khan's", "Khan’s", "Sam\u{00A0}Khan", "Ｋｈａｎ", "Sam-Khan",
    "khan.sam",
  ]
  /// Forms of the name `Zoë Ünal`, written NFC in the inputs: NFD, and without accents.
  static let accentForms = ["Zoe\u{0308}", "Zoe", "U\u{0308}nal", "UNAL"]
  /// Forms of the phone number `07700 900123` (an identifying `Mobile`).
  static let phoneForms = [
    "07700.900.123", "07700/900123", "+44 7700 900123", "0044 7700 900123", "44 7700 900123",
    "7700 900123", "+44 (0)7700-900-123",
  ]
  /// Forms of the NHS number `943 476 5919`.
  static let nhsForms = ["9434765919", "943-476-5919", "943 4765 919", "943.476.5919"]
  /// Ordinary release values: none is a finding.
  static let ordinary = [
    "Group met on Tuesday", "Riverside group", "7 sessions", "2025-01-07", "Safe space", "42.5",
    "0.123456789", "Samaritans", "Khanate", "samosas", "943 476", "70c6bf3f59e3888f", "Samples",
  ]

  static let gate: LeakGate = {
    var values = SensitiveValues()
    values.insertName("Sam Khan")
    values.insertName("Zoë Ünal")
    values.insert("07700 900123")
    values.insertDigits(of: "07700 900123")
    values.insertIdentifier("943 476 5919", kind: .nhs)
    return LeakGate(sensitive: values)
  }()

  @Test(arguments: nameForms + accentForms + phoneForms + nhsForms)
  func everyFormIsFound(form: String) {
    #expect(Self.gate.classify("seen: \(form) today") != nil, "\(form)")
    let bytes = Array("seen: \(form) today".utf8)
    #expect(bytes.withUnsafeBytes { Self.gate.classify(bytes: $0) } != nil, "\(form)")
  }

  @Test(arguments: ordinary)
  func ordinaryValuesPass(value: String) {
    #expect(Self.gate.classify(value) == nil, "\(value)")
  }

  /// The release's own words are not findings alone (a participant called Group): as part of
  /// the whole name they still are.
  @Test func theReleasesOwnWordsAreNotNamesAlone() {
    var values = SensitiveValues()
    values.insertName("Ann Group")
    values.exempt(words: ["The participants' main group"])
    let gate = LeakGate(sensitive: values)
    #expect(gate.classify("Riverside group") == nil)
    #expect(gate.classify("Ann Group") != nil)
    #expect(gate.classify("Ann") != nil)
  }

  // MARK: - Planted in a release

  let folder = StudyFolder()

  /// A register whose first person is Sam Khan, with a mobile and an NHS number, and a `Note`
  /// column holding `note` on Sam's row; the pipeline is adjusted by `edit`.
  func study(note: String, group: String = "Tuesday", edit: (String) -> String = { $0 }) throws {
    let pipeline = """
      study: Planted
      key: test.key
      inputs:
        register:
          path: register.csv
          type: register
          identifier: {column: Email, kind: email}
          identifying: [Name, Mobile, NHS]
          keep: [Note]
          group: Group
          date: Session date

      """
    try folder.write("pipeline.yaml", edit(pipeline))
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "register.csv",
      """
      Group,Session date,Name,Email,Mobile,NHS,Note,Sam Khan
      \(group),07/01/2025,Sam Khan,sam@example.org,07700 900123,943 476 5919,"\(note)",x
      \(group),07/01/2025,Zoë Ünal,zoe@example.org,,,,x
      \(group),07/01/2025,Pat Lee,pat@example.org,,,,x

      """)
  }

  /// Runs the study and returns the leak gate's message; records an issue when it passes.
  func refusal() throws -> String? {
    do {
      try folder.run()
      Issue.record("the release was published")
      return nil
    } catch let error as DataError {
      #expect(!folder.exists("out/release"))
      return error.message
    }
  }

  @Test(arguments: nameForms + accentForms + phoneForms + nhsForms)
  func inAKeptColumnTheRunFailsClosed(form: String) throws {
    try study(note: form)
    let message = try #require(try refusal())
    #expect(message.contains("data/participants.csv, column `note`"), "\(form): \(message)")
    #expect(!message.contains(form))
  }

  @Test(arguments: nameForms + accentForms + phoneForms + nhsForms)
  func inFreeTextItIsScrubbed(form: String) throws {
    try study(note: "thanks to \(form) for all") {
      $0.replacingOccurrences(of: "keep: [Note]", with: "free_text: [Note]")
    }
    try folder.run()
    let text = try folder.read("out/release/data/free_text.csv")
    #expect(text.contains("thanks to [") && text.contains("] for all"), "\(form) → \(text)")
    #expect(!text.contains(form))
  }

  @Test(arguments: ["Khan House", "Khan's group", "Sam Khan group"])
  func inAGroupNameTheRunFailsClosed(group: String) throws {
    try study(note: "ok", group: group)
    let message = try #require(try refusal())
    #expect(message.contains("tables/t2_engagement.md, line 5"), "\(message)")
    #expect(!message.contains("Khan"))
  }

  @Test func inAKeptColumnsHeaderTheRunFailsClosed() throws {
    try study(note: "ok") { $0.replacingOccurrences(of: "keep: [Note]", with: "keep: [Sam Khan]") }
    let message = try #require(try refusal())
    #expect(message.contains("the release's column names"))
    #expect(message.contains("inputs.register.keep[0]") && !message.contains("Sam Khan"))
  }

  @Test(arguments: ["Evaluation of Sam Khan's group", "KHAN study"])
  func inTheStudyTitleTheRunFailsClosed(title: String) throws {
    try study(note: "ok") { $0.replacingOccurrences(of: "study: Planted", with: "study: \(title)") }
    let message = try #require(try refusal())
    #expect(message.contains("datapackage.json, line "), "\(message)")
  }

  @Test(arguments: nameForms + phoneForms)
  func inAQuoteItIsScrubbed(form: String) throws {
    try study(note: "ok") {
      $0 + """
        qualitative:
          interviews:
            path: coding.csv
            identifier: {column: participant, kind: email}
            quotes: true

        """
    }
    try folder.write(
      "coding.csv", "participant,code,segment\nzoe@example.org,Support,\"\(form) helps me\"\n")
    try folder.run()
    let quotes = try folder.read("out/release/data/quotes.csv")
    #expect(quotes.contains("] helps me") && !quotes.contains(form), "\(form) → \(quotes)")
  }

  @Test(arguments: ordinary)
  func ordinaryKeptValuesArePublished(value: String) throws {
    try study(note: value)
    try folder.run()
    #expect(try folder.read("out/release/data/participants.csv").contains(value))
  }

  /// What the terminal, `--json` and the run log show is scrubbed too: an input file named
  /// after a person, a kept column named after one in the list of dropped columns.
  @Test func theSummaryAndRunLogHoldNoName() throws {
    try study(note: "ok") {
      $0.replacingOccurrences(of: "path: register.csv", with: "path: khan-sam.csv")
    }
    try FileManager.default.moveItem(
      at: folder.url.appendingPathComponent("register.csv"),
      to: folder.url.appendingPathComponent("khan-sam.csv"))
    let summary = try folder.run()
    let json = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self).lowercased()
    #expect(!json.contains("khan") && json.contains("[name]-[name].csv"), "\(json)")
    let log = try folder.read("out/private/run.log").lowercased()
    #expect(!log.contains("khan") && log.contains("[name] [name]"), "\(log)")
  }
}
