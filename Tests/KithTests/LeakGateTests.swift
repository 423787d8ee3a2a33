import Crypto
import KithCSV
import Testing

@testable import Kith

@Suite struct LeakGateTests {
  func gate(_ values: [String]) -> LeakGate {
    var sensitive = SensitiveValues()
    for value in values { sensitive.insert(value) }
    return LeakGate(sensitive: sensitive)
  }

  @Test func identifyingValuesAreFoundAsWholeWordsInAnyCase() {
    let gate = gate(["Jo Smith", " Jo.Smith@Example.org ", "Smith, Priya"])
    #expect(gate.classify("note from JO SMITH today") != nil)
    #expect(gate.classify("jo.smith@example.org") != nil)
    #expect(gate.classify("smith priya") != nil)
    #expect(gate.classify("Jo Smithson") == nil)
    #expect(gate.classify("70c6bf3f59e3888f") == nil)
    #expect(gate.classify("Riverside group") == nil)
  }

  @Test func valuesTooShortToSearchForAreIgnored() {
    let gate = gate(["Li", "x"])
    #expect(gate.classify("Li") == nil)
  }

  @Test(arguments: [
    "write to someone@example.net", "A.B@C.CO.UK", "07700 900123", "07700900123", "+447700900123",
    "call 0044 7700 900 123 now", "(07700) 900-123",
  ])
  func emailsAndPhonesAreCaughtWithoutBeingSeenBefore(text: String) {
    #expect(gate([]).classify(text) != nil)
  }

  @Test(arguments: [
    "2025-03-14", "42", "70c6bf3f59e3888f", "07700900123456", "a07700900123", "user@localhost",
    "0770090012", "3.5",
  ])
  func ordinaryReleaseValuesPass(text: String) {
    #expect(gate([]).classify(text) == nil)
  }

  /// A field's bytes are classified as its text is: the ASCII path finds every phrase, phone and
  /// address the text path finds, and passes what it passes.
  @Test func bytesAreClassifiedAsTheirText() {
    let gate = gate(["Jo Smith", "Smith, Priya Anne", "O'Neil", "R-17-4420"])
    let texts = [
      "note from JO SMITH today", "..jo smith..", "priya anne smith", "smith  priya -- anne x",
      "o'neil", "ONEIL", "'o'neil'", "r-17-4420", "r 17 4420", "Jo Smithson", "jo", "", " ",
      "07700 900123", "a07700900123", "write to someone@example.net", "Zoë Smith", "jo smith é",
      "2025-03-14", "70c6bf3f59e3888f", "3.5", "smith, priya anne!",
    ]
    for text in texts {
      let bytes = Array(text.utf8)
      #expect(bytes.withUnsafeBytes { gate.classify(bytes: $0) } == gate.classify(text), "\(text)")
    }
  }

  @Test func wordsAreLowerCasedAndTrimmedOfJoiners() {
    #expect(
      SensitiveValues.words(of: " Jo.Smith@Example.org, O'Neil.") == [
        "jo.smith@example.org", "o'neil",
      ])
    #expect(SensitiveValues.words(of: "ZOË Ünal") == ["zoe", "unal"])
  }
}

/// Record numbers of digits alone, shorter than 6, are every count too: held by their hash only.
@Suite struct ShortRecordNumberTests {
  @Test(arguments: [
    ("103", false), ("1", false), ("99999", false), ("482019", true), ("R_103", true),
  ])
  func onlyLongOrLetteredIDsAreSearchedForAsThemselves(id: String, searched: Bool) {
    var sensitive = SensitiveValues()
    sensitive.insertIdentifier(id, kind: .id)
    let gate = LeakGate(sensitive: sensitive)
    #expect((gate.classify("n = \(id)") != nil) == searched)
    #expect(gate.classify(sha256Hex(id)) != nil)
  }
}

@Suite struct UnkeyedHashLeakTests {
  @Test func aPlainSHA256OfAnIdentifierIsCaught() {
    var sensitive = SensitiveValues()
    sensitive.insertIdentifier(" Jo.Smith@Example.org", kind: .email)
    let gate = LeakGate(sensitive: sensitive)
    // Sixty-four hex digits that are not the digest of the identifier: not a finding.
    #expect(
      gate.classify("0a8e5d5e8c3b8c4b9b1f2c1c5f6bd1a4c1b0b2e2f47b3fd0d8b1b0c2a5fba6c1") == nil)
    // The SHA-256 of "jo.smith@example.org" and of "Jo.Smith@Example.org", from Python's
    // hashlib (not from Kith's own hashing, which the gate uses).
    let digest = "fd034969364d5ca4552ed8ec982d41cd339ef07ec7b0917b813aa3f1170351fe"
    let asWritten = "dac40c531ac62ffd4956a12276bf778c3ee35a6e048dea56a9aec74d4ad96d8e"
    #expect(gate.classify(digest) != nil)
    #expect(gate.classify(digest.uppercased()) != nil)
    #expect(gate.classify(asWritten) != nil)
  }
}

@Suite struct PublishGateTests {
  /// A simulated bug: a table builder that copies a participant's name into a release column.
  @Test func aBuggyTableNeverReachesTheRelease() throws {
    let folder = StudyFolder()
    var sensitive = SensitiveValues()
    sensitive.insert("Priya Okafor")
    sensitive.insertIdentifier("priya.okafor@example.org", kind: .email)
    let (publisher, lock) = try folder.publisher()
    defer { withExtendedLifetime(lock) {} }
    let good = Table(
      path: "data/t.csv", header: ["pid", "note"], rows: [["70c6bf3f59e3888f", "ok"]])
    _ = try publisher.publishRelease(
      [good], gate: LeakGate(sensitive: sensitive), kAnonymity: nil, manifest: Manifest.listing)
    let buggy = Table(
      path: "data/t.csv", header: ["pid", "note"],
      rows: [["70c6bf3f59e3888f", "seen by PRIYA okafor"]])
    do {
      _ = try publisher.publishRelease(
        [buggy], gate: LeakGate(sensitive: sensitive), kAnonymity: nil)
      Issue.record("the gate let a name through")
    } catch let error as DataError {
      #expect(
        error.message.contains(
          "data/t.csv, column `note`, line 2: a value that identifies a participant"))
      #expect(!error.message.lowercased().contains("priya"))
    }
    #expect(try folder.read("out/release/data/t.csv") == "pid,note\n70c6bf3f59e3888f,ok\n")
    let hashed = Table(
      path: "data/t.csv", header: ["pid", "id_hash"],
      rows: [["x", sha256Hex("priya.okafor@example.org")]])
    #expect(throws: DataError.self) {
      try publisher.publishRelease([hashed], gate: LeakGate(sensitive: sensitive), kAnonymity: nil)
    }
  }

  /// A written file is searched as read back: a value padded with spaces or tabs, quoted or
  /// not, is found, and the finding names the column.
  @Test func paddedValuesInAWrittenFileAreFound() throws {
    let folder = StudyFolder()
    var sensitive = SensitiveValues()
    sensitive.insert("Priya Okafor")
    let searching = LeakGate(sensitive: sensitive)
    let cases: [(text: String, column: String)] = [
      ("pid,note\nx1,  Priya Okafor\t\n", "note"),
      ("pid,note\n\"  priya okafor \",ok\n", "pid"),
      ("pid,note\nx1,\" seen by\tPRIYA OKAFOR\"\n", "note"),
    ]
    for (index, test) in cases.enumerated() {
      let url = try folder.write("t\(index).csv", test.text)
      let findings: [LeakGate.Finding] = try searching.scan(file: url, path: "t.csv")
      #expect(findings.map { $0.column } == [test.column])
    }
    let clean = try folder.write("clean.csv", "pid,note\nx1,  Priya\t\n")
    #expect(try searching.scan(file: clean, path: "clean.csv").isEmpty)
  }
}

@Suite struct PhraseTests {
  /// The phrase a value is fingerprinted by is its words joined by single spaces.
  @Test(arguments: [
    " Jo.Smith@Example.org, O'Neil.", "ZOË Ünal", "--", "a", "  Khan,  Aisha ", "..x..y..",
    "Ab-c 'd' e", "", "über.weg@beispiel.de",
  ])
  func phraseIsTheWordsJoined(text: String) {
    var phrase: [UInt8] = []
    let count = SensitiveValues.appendPhrase(of: text, to: &phrase)
    let words = SensitiveValues.words(of: text)
    #expect(String(decoding: phrase, as: UTF8.self) == words.joined(separator: " "))
    #expect(count == words.count)
  }
}

/// The gate reads large files back in parts at once; what it finds is what one reading finds.
@Suite struct LeakGatePartTests {
  /// A gate reading files of any size in parts.
  static func gate() -> LeakGate {
    var sensitive = SensitiveValues()
    sensitive.insert("Priya Okafor")
    var gate = LeakGate(sensitive: sensitive)
    gate.readsWholeBelow = 0
    return gate
  }

  /// Every cut of the file finds what one reading finds.
  ///
  /// Leaks in the header, early, in the middle and late: the same columns in the same order,
  /// each named once, with its line. A part after the first that
  /// finds a leak asks for the whole file to be scanned (`nil`), as its lines count from its
  /// own start; the first part's findings stand.
  @Test func partsFindWhatTheWholeFileFinds() throws {
    let folder = StudyFolder()
    var lines = ["pid,note,Priya Okafor,contact"]
    for row in 0..<3000 {
      let note = row == 1500 || row == 2999 ? "met Priya Okafor" : "note \(row)"
      let contact = row == 300 || row == 2900 ? "x\(row)@example.org" : "none"
      lines.append("p\(row),\(note),\(row % 7),\(contact)")
    }
    let url = try folder.write("leaky.csv", lines.joined(separator: "\n") + "\n")
    let gate = Self.gate()
    let whole = try gate.scan(file: url, path: "leaky.csv")
    #expect(whole.map(\.column) == ["(header of column 3)", "contact", "note"])
    // Lines: the header is line 1, row r is line r + 2.
    #expect(whole.map(\.line) == [nil, 302, 1502])
    for parts in [1, 2, 3, 5, 16] {
      let found = try (0..<parts).map { part in
        try gate.scan(file: url, path: "leaky.csv", part: part, of: parts)
      }
      #expect(found.first != nil)
      let merged = found.contains { $0 == nil } ? whole : LeakGate.merge(found.map { $0 ?? [] })
      #expect(merged == whole, "\(parts) parts")
      #expect(found.dropFirst().allSatisfy { $0 == nil || $0?.isEmpty == true })
    }
  }

  /// A column of values nearly all new (pids) stops being remembered after a thousand rows, and
  /// is still searched: a late leak there is found, as is one in a column of repeated values,
  /// and a clean file of the same shape passes.
  @Test func columnsOfNewValuesAreStillSearchedLate() throws {
    let folder = StudyFolder()
    func lines(leaking: Bool) -> String {
      var lines = ["pid,group,note"]
      for row in 0..<4000 {
        let pid = leaking && row == 3500 ? "priya okafor" : String(row * 7919, radix: 16)
        let group = leaking && row == 3900 ? "Group Priya Okafor" : "Group \(row % 40)"
        lines.append("\(pid),\(group),n\(row % 3)")
      }
      return lines.joined(separator: "\n") + "\n"
    }
    let gate = Self.gate()
    let leaky = try folder.write("leaky.csv", lines(leaking: true))
    #expect(try gate.scan(file: leaky, path: "leaky.csv").map(\.column) == ["pid", "group"])
    let clean = try folder.write("clean.csv", lines(leaking: false))
    #expect(try gate.scan(file: clean, path: "clean.csv").isEmpty)
  }

  /// Notes of two lines: a cut falls inside a quoted field, a part says so, and the release is
  /// judged on the whole file — a late leak stops it, a clean one is published.
  @Test func aCutInsideAQuotedFieldSendsTheFileToBeReadWhole() throws {
    let folder = StudyFolder()
    let rows = (0..<2_000).map { row in
      ["p\(row)", "first line of note \(row)\nsecond line of the same note, kept as written"]
    }
    let url = try folder.write(
      "notes.csv",
      String(decoding: CSVWriter.encode([["pid", "note"]] + rows), as: UTF8.self))
    let gate = Self.gate()
    let parts = (0..<4).map { try? gate.scan(file: url, path: "notes.csv", part: $0, of: 4) }
    #expect(parts.contains { $0 == nil })
    let (publisher, lock) = try folder.publisher(threads: 2)
    defer { withExtendedLifetime(lock) {} }
    let leaky = rows.enumerated().map { row, cells in
      row == 1_900 ? [cells[0], "seen with Priya Okafor\non the second line"] : cells
    }
    #expect(throws: DataError.self) {
      try publisher.publishRelease(
        [Table(path: "data/notes.csv", header: ["pid", "note"], rows: leaky)], gate: gate,
        kAnonymity: nil)
    }
    let clean = Table(path: "data/notes.csv", header: ["pid", "note"], rows: rows)
    let reports = try publisher.publishRelease([clean], gate: gate, kAnonymity: nil)
    #expect(reports.map(\.rows) == [2_000])
  }
}

/// The plain SHA-256 of `text`'s UTF-8 in lower-case hex, by swift-crypto: what a careless
/// export would publish in place of an identifier.
private func sha256Hex(_ text: String) -> String {
  Hex.string(SHA256.hash(data: Array(text.utf8)))
}
