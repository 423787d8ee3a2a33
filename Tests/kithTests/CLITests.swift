import Foundation
import Testing

/// The `kith` binary as a user runs it: exit codes, messages, files.
@Suite(.serialized) struct CLITests {
  static let root = KithProcess.root

  func kith(_ arguments: [String], in directory: URL = root, environment: [String: String] = [:])
    throws -> KithProcess.Result
  {
    try KithProcess.run(arguments, in: directory, environment: environment)
  }

  func temporaryFolder() throws -> URL { try KithProcess.temporaryFolder() }

  @Test func theExampleRunsAndItsReleaseHoldsNoIdentifier() throws {
    let out = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try kith(["run", "pipelines/example.yaml", "--out", out.path, "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("DEMO key"))
    let summary = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(summary["participants"] as? Int == 39)
    #expect((summary["inputs"] as? [[String: Any]])?.count == 4)
    // T3 in brief, by column name, under the disclosure rule (the pairs rounded to 5, the
    // reliably improved suppressed).
    let changes = try #require(summary["changes"] as? [[String: String]])
    let wellbeing = try #require(changes.first)
    #expect(wellbeing["instrument"] == "wemwbs" && wellbeing["scale"] == "total")
    #expect(wellbeing["n_pairs"] == "25" && wellbeing["reliably_improved"] == "*")
    #expect(wellbeing["change_ci_low"] == "0.3" && wellbeing["change_ci_high"] == "5.4")
    let register = try String(
      contentsOf: Self.root.appendingPathComponent("data/example/attendance.csv"), encoding: .utf8)
    let identifiers = Set(
      register.split(separator: "\n").dropFirst().flatMap { line in
        line.split(separator: ",").dropFirst(2).prefix(2).map {
          $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
      }.filter { $0.count > 3 })
    for name in ["participants", "scores", "attendance"] {
      let text = try String(
        contentsOf: out.appendingPathComponent("release/data/\(name).csv"), encoding: .utf8)
      #expect(!text.contains("@"))
      let fields = Set(
        text.lowercased().split(whereSeparator: { $0 == "," || $0 == "\n" }).map(String.init))
      #expect(fields.isDisjoint(with: identifiers), "\(name).csv holds an identifier")
    }
  }

  /// The terminal's T3 lines name each scale and show its change with the CI, as T3 does.
  @Test func theTerminalShowsTheChangeTableInBrief() throws {
    let out = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let result = try kith(["run", "pipelines/example.yaml", "--out", out.path])
    #expect(result.status == 0, "\(result.stderr)")
    let line = try #require(
      (result.stdout + result.stderr).split(separator: "\n").first { $0.contains("wemwbs total") })
    let cells = line.split(separator: " ").map(String.init)
    #expect(
      cells == ["wemwbs", "total", "25", "39.9", "42.7", "2.8", "[0.3,", "5.4]", "0.03", "*"])
  }

  @Test func checkReportsABrokenPipelineAtFileLineColumnWithExitCode2() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let example = try String(
      contentsOf: Self.root.appendingPathComponent("pipelines/example.yaml"), encoding: .utf8)
    let broken = example.replacingOccurrences(of: "../data/", with: Self.root.path + "/data/")
      .replacingOccurrences(
        of: "    identifier: {column: Email, kind: email}\n    # Released only generalised",
        with: "    identifer: {column: Email, kind: email}\n    # Released only generalised")
    try broken.write(
      to: folder.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
    let result = try kith(["check", folder.appendingPathComponent("broken.yaml").path])
    #expect(result.status == 2)
    #expect(
      result.stderr.contains(
        "error: unknown key `identifer` in `inputs.survey_baseline` — did you mean `identifier`?"))
    #expect(result.stderr.contains("broken.yaml:20:5"))
    #expect(result.stderr.contains("20 |     identifer: {column: Email, kind: email}"))
  }

  /// Every way of asking for help prints it and exits 0: the help command's own error type is
  /// not a failure to put in words.
  @Test(arguments: [
    ["--help"], ["-h"], ["help"], ["help", "run"], ["run", "--help"], ["synth", "-h"],
  ])
  func helpIsPrintedAndExitsZero(arguments: [String]) throws {
    let result = try kith(arguments)
    #expect(result.status == 0, "\(arguments): \(result.stderr)")
    #expect(result.stdout.contains("USAGE: kith"), "\(arguments)")
    #expect(!result.stderr.contains("error"), "\(arguments)")
  }

  /// `kith check` run from an empty folder on the example leaves every file where it was: the
  /// folder stays empty, and the example's data and pipeline folders keep their files, sizes and
  /// modification times.
  @Test func checkWritesNothing() throws {
    let folder = try temporaryFolder()
    let watched = [
      folder, Self.root.appendingPathComponent("data/example"),
      Self.root.appendingPathComponent("pipelines"),
    ]
    let before = try watched.map(Self.listing)
    let pipeline = Self.root.appendingPathComponent("pipelines/example.yaml").path
    let result = try kith(["check", pipeline, "--quiet"], in: folder)
    #expect(result.status == 0 && result.stderr.isEmpty)
    #expect(try watched.map(Self.listing) == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }

  /// Every file under `folder` with its size and modification time.
  static func listing(_ folder: URL) throws -> [String: String] {
    var files: [String: String] = [:]
    let manager = FileManager.default
    for case let path as String in manager.enumerator(atPath: folder.path) ?? .init() {
      let attributes = try manager.attributesOfItem(
        atPath: folder.appendingPathComponent(path).path)
      let size = (attributes[.size] as? NSNumber)?.intValue ?? -1
      let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
      files[path] = "\(size) \(modified)"
    }
    return files
  }

  @Test func badDataUnderAFailPolicyExitsWith1() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try "Group,Session date,Email\nA,31/02/2025,a@example.org\n".write(
      to: folder.appendingPathComponent("r.csv"), atomically: true, encoding: .utf8)
    try """
    study: S
    inputs:
      r: {path: r.csv, type: register, identifier: {column: Email, kind: email}, group: Group, date: Session date, on_error: fail}
    """.write(to: folder.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
    _ = try kith(["keygen", "k.key"], in: folder)
    let result = try kith(["run", "p.yaml", "--key", "k.key"], in: folder)
    #expect(result.status == 1)
    #expect(
      result.stderr.contains("error: r.csv line 2, column Session date: '31/02/2025' is not a date")
    )
  }

  @Test func aMissingKeyIsAUsageErrorAndATrackedDemoKeyIsRefusedOutsideDemos() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try "Email\na@example.org\n".write(
      to: folder.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
    try
      "study: S\ninputs:\n  s: {path: s.csv, type: survey, wave: w, identifier: {column: Email, kind: email}}\n"
      .write(to: folder.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
    let result = try kith(["run", "p.yaml"], in: folder)
    #expect(result.status == 2)
    #expect(result.stderr.contains("no key: pass `--key FILE`, set KITH_KEY_FILE"))
    _ = try kith(["keygen", "s.key"], in: folder)
    let withEnv = try kith(
      ["run", "p.yaml", "--quiet"], in: folder,
      environment: ["KITH_KEY_FILE": folder.appendingPathComponent("s.key").path])
    #expect(withEnv.status == 0 && withEnv.stderr.isEmpty)
    let demoKey = Self.root.appendingPathComponent("data/example/demo.key").path
    let tracked = try kith(["run", "p.yaml", "--key", demoKey], in: folder)
    #expect(tracked.status == 2 && tracked.stderr.contains("is tracked by git"))
  }

  @Test func keygenWritesAPrivateKeyAndNeverOverwrites() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let first = try kith(["keygen", "new.key"], in: folder)
    #expect(first.status == 0)
    let path = folder.appendingPathComponent("new.key").path
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.count == 65 && text.allSatisfy { $0.isHexDigit || $0 == "\n" })
    #expect(try kith(["keygen", "new.key"], in: folder).status == 2)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
  }

  @Test func inspectShowsHowAnExportIsReadAndItsMalformedRows() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("r.csv")
    try "a;b\n1;2\n3\n".write(to: file, atomically: true, encoding: .utf8)
    let result = try kith(["inspect", file.path])
    #expect(result.status == 1)
    #expect(result.stdout.contains("format csv (recognised from its first lines"))
    #expect(result.stdout.contains("encoding utf-8, delimiter semicolon, 1 header row, 10 bytes"))
    #expect(result.stdout.contains("2 data rows; 1 malformed"))
    #expect(
      result.stdout.contains("r.csv line 3, column 2 (b): row has 1 field but the header has 2"))
    let example = try kith(["inspect", "data/example/attendance.csv"])
    #expect(example.status == 0 && example.stdout.contains("392 data rows; 0 malformed"))
    // The example's Qualtrics export: through its three header rows, as a pipeline reads it.
    let survey = try kith(["inspect", "data/example/survey_baseline.csv"])
    #expect(survey.status == 0 && survey.stdout.contains("format qualtrics (recognised"))
    #expect(survey.stdout.contains("3 header rows") && survey.stdout.contains(", Email, DOB,"))
    #expect(try kith(["inspect", file.path, "--format", "nope"]).status == 2)
  }

  /// An Excel workbook is inspected as a pipeline reads it: its sheet, the header on its row;
  /// a legacy .xls is refused saying how to save it.
  @Test func inspectReadsAnExcelWorkbookAsAPipelineWould() throws {
    let workbook = try kith(["inspect", "data/example/attendance.xlsx"])
    #expect(workbook.status == 0 && workbook.stdout.contains("392 data rows; 0 malformed"))
    #expect(workbook.stdout.contains("5 columns: Group, Session date, Name, Email, Attended"))
    #expect(workbook.stdout.contains("an Excel workbook, read as a pipeline reads it"))
    let fixtures = "Tests/KithTests/ExcelFixtures/"
    let titled = try kith(
      ["inspect", fixtures + "titled-register.xlsx", "--sheet", "Attendance", "--header-row", "3"])
    #expect(titled.stdout.contains("4 columns: Email, Group, Session date, Attended"))
    let legacy = try kith(["inspect", fixtures + "legacy.xls"])
    #expect(legacy.status == 1 && legacy.stderr.contains("legacy Excel .xls file"))
    #expect(legacy.stderr.contains("save it as Excel Workbook (.xlsx) or CSV UTF-8"))
  }

  /// A Teams report is read through its sections: the participants' columns and rows, not
  /// "malformed rows"; so is a Zoom report, and either can be named with --format.
  @Test func inspectReadsMeetingReportsThroughTheirSections() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let teams = """
      1. Summary
      Meeting title\tWednesday check-in
      Start time\t05/02/25, 18:00:03

      2. Participants
      Name\tFirst join\tLast leave\tIn-meeting duration\tEmail\tRole
      Smith, Jo\t05/02/25, 18:00:10\t05/02/25, 19:01:00\t1h 0m 50s\tjo@example.org\tOrganizer
      Sam Khan\t05/02/25, 18:20:00\t05/02/25, 18:25:00\t5m\tsam@example.org\tAttendee

      3. In-Meeting activities
      Name\tJoin time\tLeave time\tDuration\tEmail\tRole
      Smith, Jo\t05/02/25, 18:00:10\t05/02/25, 19:01:00\t1h 0m 50s\tjo@example.org\tOrganizer

      """
    let bytes: [UInt8] = [0xFF, 0xFE] + teams.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let report = folder.appendingPathComponent("teams.csv")
    try Data(bytes).write(to: report)
    for format in [[], ["--format", "teams"]] {
      let result = try kith(["inspect", report.path] + format)
      #expect(result.status == 0, "\(result.stdout)")
      #expect(
        result.stdout.contains(
          "sections: 1. Summary, 2. Participants, 3. In-Meeting activities"))
      #expect(
        result.stdout.contains(
          "6 columns: Name, First join, Last leave, In-meeting duration, Email, Role"))
      #expect(result.stdout.contains("2 data rows; 0 malformed"))
    }
    let zoom = folder.appendingPathComponent("zoom.csv")
    try """
    Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants,
    812,Thursday,02/06/2025 06:58:10 PM,02/06/2025 08:01:00 PM,host@example.org,63,4,

    Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
    Jo,jo@example.org,02/06/2025 06:59:00 PM,02/06/2025 07:10:00 PM,11,No
    Sam,sam@example.org,02/06/2025 07:00:00 PM,02/06/2025 07:12:00 PM,12,No

    """.write(to: zoom, atomically: true, encoding: .utf8)
    let result = try kith(["inspect", zoom.path])
    #expect(result.status == 0 && result.stdout.contains("format zoom (recognised"))
    #expect(result.stdout.contains("Name (Original Name), User Email, Join Time"))
    #expect(result.stdout.contains("2 data rows; 0 malformed"))
  }

  /// A run killed at any moment leaves the previous release complete: `kith verify` passes after
  /// every kill, and the next run clears what the killed one left.
  @Test func aKilledRunLeavesThePreviousReleaseComplete() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(
      try kith(["synth", "--out", folder.path, "--members", "1500", "--seed", "3"]).status == 0)
    let pipeline = try String(
      contentsOf: Self.root.appendingPathComponent("pipelines/example.yaml"), encoding: .utf8
    ).replacingOccurrences(of: "../data/example/", with: "")
    try pipeline.write(
      to: folder.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
    _ = try kith(["keygen", "other.key"], in: folder)
    #expect(try kith(["run", "p.yaml", "--out", "out", "--quiet"], in: folder).status == 0)
    let manifest = folder.appendingPathComponent("out/release/manifest.json")
    let before = try Data(contentsOf: manifest)
    // A run here takes about a second: the kills land while reading, writing, and after.
    for delay in stride(from: 0.05, through: 1.5, by: 0.16) {
      let process = Process()
      process.executableURL = KithProcess.binary
      process.arguments = ["run", "p.yaml", "--out", "out", "--quiet", "--key", "other.key"]
      process.currentDirectoryURL = folder
      process.standardError = FileHandle.nullDevice
      try process.run()
      Thread.sleep(forTimeInterval: delay)
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let verify = try kith(["verify", "out"], in: folder)
      #expect(verify.status == 0, "after a kill at \(delay) s: \(verify.stderr)")
    }
    #expect(try kith(["run", "p.yaml", "--out", "out", "--quiet"], in: folder).status == 0)
    let left = try FileManager.default.contentsOfDirectory(
      atPath: folder.appendingPathComponent("out").path)
    #expect(left.sorted() == [".cache", ".kith-lock", ".kith-output", "private", "release"])
    #expect(try Data(contentsOf: manifest) == before)
  }

  @Test func checkComparesWithTheCommittedReleaseAndPrintsADiff() throws {
    let expected = Self.root.appendingPathComponent("pipelines/expected/example")
    let clean = try kith([
      "run", "pipelines/example.yaml", "--out", expected.path, "--check", "--quiet",
    ])
    #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
    let copy = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: copy) }
    try FileManager.default.copyItem(
      at: expected.appendingPathComponent("release"), to: copy.appendingPathComponent("release"))
    let scores = copy.appendingPathComponent("release/data/scores.csv")
    let text = try String(contentsOf: scores, encoding: .utf8)
    try text.replacingOccurrences(of: ",baseline,wemwbs,total,", with: ",baseline,wemwbs,TOTAL,")
      .write(to: scores, atomically: true, encoding: .utf8)
    let changed = try kith([
      "run", "pipelines/example.yaml", "--out", copy.path, "--check", "--quiet",
    ])
    #expect(changed.status == 1)
    #expect(
      changed.stdout.hasPrefix("--- release/data/scores.csv\n+++ regenerated/data/scores.csv\n@@ "))
    #expect(changed.stdout.contains("\n-") && changed.stdout.contains(",baseline,wemwbs,TOTAL,"))
    #expect(changed.stderr.contains("1 file of"))
    #expect(!FileManager.default.fileExists(atPath: copy.appendingPathComponent("private").path))
  }

  @Test func versionAndUsageErrors() throws {
    let version = try kith(["--version"])
    #expect(
      version.status == 0
        && version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    #expect(try kith(["run"]).status == 2)
    #expect(try kith(["frobnicate"]).status == 2)
  }

  /// An answer that is not one is listed with its item and count on the terminal and in
  /// `--json`; one that recurs stops the run with exit 1 before anything is published.
  @Test func unrecognisedAnswersAreListedAndARecurringOneStopsTheRun() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let header = "Email," + (1...6).map { "LSNS_\($0)" }.joined(separator: ",")
    func survey(_ answers: [String]) throws {
      let rows = answers.enumerated().map { "p\($0)@example.org,one,one,one,\($1),one,one" }
      try ([header] + rows).joined(separator: "\n").appending("\n").write(
        to: folder.appendingPathComponent("survey.csv"), atomically: true, encoding: .utf8)
    }
    try """
    study: Wordings
    key: k.key
    waves: [baseline]
    instruments: [lsns6]
    inputs:
      survey: {path: survey.csv, type: survey, wave: baseline, identifier: {column: Email, kind: email}}
    """.write(to: folder.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
    #expect(try kith(["keygen", "k.key"], in: folder).status == 0)
    try survey(["fiev thru eight", "one", "two", "one"])
    let run = try kith(["run", "p.yaml", "--out", "out"], in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(
      (run.stdout + run.stderr).contains(
        "not read: LSNS_4: 'fiev thru eight' × 1 of 4 answers — not an answer of lsns6"))
    let json = try kith(["run", "p.yaml", "--out", "out", "--json", "--force"], in: folder)
    let summary = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let input = try #require((summary["inputs"] as? [[String: Any]])?.first)
    let answers = try #require(input["unrecognised_answers"] as? [[String: Any]])
    #expect(answers.count == 1 && answers.first?["text"] as? String == "fiev thru eight")
    #expect(answers.first?["count"] as? Int == 1 && answers.first?["answered"] as? Int == 4)

    try survey(["Five-ish", "five-ish", "FIVE-ISH", "one"])
    let stopped = try kith(["run", "p.yaml", "--out", "out"], in: folder)
    #expect(stopped.status == 1)
    #expect(stopped.stderr.contains("LSNS_4: 'Five-ish' × 3 of 4 answers — not an answer of lsns6"))
    #expect(stopped.stderr.contains("nothing was published"))
  }

  /// The study of every format (pipelines/formats.yaml: two survey platforms answered in label
  /// text, a linked REDCap export, long, wide and meeting-report registers, coded interviews)
  /// runs from `kith check` to `kith run`, every input's rows accounted for.
  @Test func theStudyOfEveryFormatRunsFromCheckToRun() throws {
    let out = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    let check = try kith(["check", "pipelines/formats.yaml", "--json"])
    #expect(check.status == 0, "\(check.stderr)")
    let run = try kith(["run", "pipelines/formats.yaml", "--out", out.path, "--json"])
    #expect(run.status == 0, "\(run.stderr)")
    for result in [check, run] {
      let summary = try #require(
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
      let inputs = try #require(summary["inputs"] as? [[String: Any]])
      let counts = inputs.map { input in
        "\(input["name"] ?? "") \(input["rows_read"] ?? "") \(input["rows_accepted"] ?? "") "
          + "\(input["rows_rejected"] ?? "")"
      }
      // Qualtrics: one unfinished; LimeSurvey: one unsubmitted; the café register: the taster
      // session before the study period (its Total row, like Riverside's, is not a row read).
      #expect(
        counts == [
          "baseline 10 9 1", "followup 10 9 1", "redcap 16 16 0", "cafe 31 30 1",
          "riverside 10 10 0", "online_teams 5 5 0", "online_zoom 9 9 0", "interviews 12 12 0",
        ])
      #expect(summary["participants"] as? Int == 18)
      #expect(inputs.allSatisfy { ($0["unrecognised_answers"] as? [Any])?.isEmpty ?? true })
    }
    let groups = try String(
      contentsOf: out.appendingPathComponent("release/data/groups.csv"), encoding: .utf8)
    #expect(
      groups.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] } == [
        "Café group", "Online group", "Riverside",
      ])
    #expect(try kith(["verify", out.path]).status == 0)
  }

  @Test func reportDrawsTheReleasesPageAgainAndRefusesWhatIsNotARelease() throws {
    let out = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: out) }
    #expect(try kith(["run", "pipelines/example.yaml", "--out", out.path, "--quiet"]).status == 0)
    let again = try kith(["report", out.path])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stderr.contains("report.html is unchanged"))
    let missing = try kith(["report", out.appendingPathComponent("nowhere").path])
    #expect(missing.status == 2)
    #expect(missing.stderr.contains("release does not exist"))
    // A release edited since the run draws no report.
    let table = out.appendingPathComponent("release/tables/t2_engagement.csv")
    try Data("group\nedited\n".utf8).write(to: table)
    let edited = try kith(["report", out.path])
    #expect(edited.status == 1)
    #expect(edited.stderr.contains("no longer matches its manifest"))
  }
}
