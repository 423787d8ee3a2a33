import Foundation
import Testing
import ZIPFoundation

@testable import Kith

#if canImport(Glibc)
import Glibc
#endif

/// What an input costs is bounded by its size, never by what it claims; what is not a file is
/// not read; every failure is a message a person can act on.
@Suite struct HostileInputTests {
  let folder = StudyFolder()

  // MARK: - YAML

  /// Nine levels of nine aliases each: 900 bytes standing for 387 million values.
  static func laughs(anchorIndent: String, prefix: String) -> String {
    var lines = [prefix + "\(anchorIndent)- &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in 1...9 {
      lines.append(
        "\(anchorIndent)- &a\(level) ["
          + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test(arguments: [
    ("study: x\nwaves:\n", "  "), ("study: x\ninstruments:\n", "  "),
    ("study: x\ninputs:\n  a:\n    keep:\n", "      "),
  ])
  func aliasBombsInAPipelineAreRefusedAtTheirLine(prefix: String, indent: String) throws {
    let text = Self.laughs(anchorIndent: indent, prefix: prefix)
    #expect(text.utf8.count < 1_000)
    let error = #expect(throws: PipelineErrors.self) {
      try PipelineLoader.parse(text: text, file: "bomb.yaml", directory: folder.url)
    }
    let message = error?.description ?? ""
    #expect(message.contains("repeat their anchors' content to more than 100000 values"))
    let lastLine = text.split(separator: "\n").count
    #expect(message.contains("bomb.yaml:\(lastLine):"), "\(message)")
  }

  @Test func anAliasBombInAnInstrumentDefinitionIsRefused() throws {
    let text =
      "id: bomb\nname: Bomb\nversion: \"1\"\ncitation: x\nitems: 1\nanswers: {codes: [0, 1]}\n"
      + Self.laughs(anchorIndent: "  ", prefix: "notes:\n")
      + "scales: {total: {items: all, higher_is_better: true}}\n"
    let error = #expect(throws: PipelineErrors.self) {
      try InstrumentDefinitionReader.read(text: text, file: "bomb.yaml")
    }
    #expect(error?.description.contains("repeat their anchors' content") == true)
  }

  @Test(arguments: ["[", "{a: "])
  func deepNestingIsRefusedBeforeItIsComposed(opener: String) throws {
    let closer = opener == "[" ? "]" : "}"
    let text =
      "study: x\nwaves: " + String(repeating: opener, count: 100_000)
      + String(repeating: closer, count: 100_000) + "\n"
    let error = #expect(throws: PipelineErrors.self) {
      try PipelineLoader.parse(text: text, file: "deep.yaml", directory: folder.url)
    }
    #expect(error?.description.contains("nest more than 64 deep") == true)
    #expect(error?.description.contains("deep.yaml:2:") == true)
  }

  /// An alias used as YAML intends — a value repeated a few times — is read as before.
  @Test func aModestAliasIsRead() throws {
    let text = """
      study: x
      waves: &waves [baseline, followup]
      instruments: [wemwbs]
      inputs:
        s:
          path: s.csv
          type: survey
          wave: baseline
          identifier: {column: Email, kind: email}
          keep: *waves

      """
    try folder.write("s.csv", "Email\n")
    let spec = try PipelineLoader.parse(text: text, file: "ok.yaml", directory: folder.url)
    #expect(spec.waves == ["baseline", "followup"])
    #expect(spec.inputs.first?.keep.map(\.value) == ["baseline", "followup"])
  }

  // MARK: - Files that are not files

  @Test(arguments: ["folder", "/dev/zero", "fifo"])
  func anInputThatIsNotARegularFileIsRefusedBeforeReading(_ what: String) throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    let path: String
    switch what {
    case "folder":
      try FileManager.default.createDirectory(
        at: folder.url.appendingPathComponent("export.csv"), withIntermediateDirectories: true)
      path = "export.csv"
    case "fifo":
      #expect(mkfifo(folder.url.appendingPathComponent("export.csv").path, 0o600) == 0)
      path = "export.csv"
    default:
      path = what
    }
    try folder.write(
      "pipeline.yaml",
      """
      study: Not a file
      key: test.key
      waves: [baseline]
      instruments: [ucla3]
      inputs:
        survey:
          path: \(path)
          type: survey
          wave: baseline
          identifier: {column: Email, kind: email}

      """)
    let kinds = ["folder": "a folder", "/dev/zero": "a device", "fifo": "a named pipe (FIFO)"]
    for dryRun in [true, false] {
      let error = #expect(throws: UsageError.self) { try folder.run(dryRun: dryRun) }
      #expect(
        error?.message.contains("the input `survey` (") == true
          && error?.message.contains("is \(kinds[what] ?? ""), not a file") == true,
        "\(error?.message ?? "")")
    }
  }

  @Test func aPipelineOrDefinitionThatIsNotAFileIsRefused() throws {
    for path in ["/dev/zero", folder.url.path] {
      let error = #expect(throws: PipelineErrors.self) { try PipelineLoader.load(path: path) }
      #expect(error?.description.contains("not a file") == true)
      let definition = #expect(throws: PipelineErrors.self) {
        try InstrumentDefinitionReader.read(url: URL(fileURLWithPath: path), displayPath: path)
      }
      #expect(definition?.description.contains("not a file") == true)
    }
    let big = try folder.write(
      "big.yaml", "study: x\n" + String(repeating: "# padding\n", count: 120_000))
    let error = #expect(throws: PipelineErrors.self) { try PipelineLoader.load(path: big.path) }
    #expect(error?.description.contains("is larger than 1 MiB") == true)
  }

  // MARK: - ZIP bombs

  /// A `.qdpx` whose `entry` holds `bytes` of one repeated character.
  func archive(named name: String, entries: [(String, Data)]) throws -> URL {
    let url = folder.url.appendingPathComponent(name)
    let archive = try Archive(url: url, accessMode: .create)
    for (path, data) in entries {
      try archive.addEntry(
        with: path, type: .file, uncompressedSize: Int64(data.count),
        compressionMethod: .deflate
      ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
    }
    return url
  }

  static let project = """
    <?xml version="1.0" encoding="utf-8"?>
    <Project xmlns="urn:QDA-XML:project:1.0" name="p">
      <CodeBook><Codes><Code guid="c1" name="Safe space" isCodable="true"/></Codes></CodeBook>
      <Sources>
        <TextSource guid="s1" name="Interview 1" plainTextPath="internal://s1.txt">
          <PlainTextSelection guid="x1" startPosition="0" endPosition="5">
            <Coding guid="k1"><CodeRef targetGUID="c1"/></Coding>
          </PlainTextSelection>
        </TextSource>
      </Sources>
    </Project>
    """

  @Test(arguments: ["project.qde", "sources/s1.txt"])
  func aZipBombIsRefusedNamingItsEntry(_ bomb: String) throws {
    let dense = Data(repeating: UInt8(ascii: " "), count: 3 << 20)
    let entries: [(String, Data)] = [
      (
        "project.qde",
        bomb == "project.qde" ? Data(Self.project.utf8) + dense : Data(Self.project.utf8)
      ),
      ("sources/s1.txt", bomb == "sources/s1.txt" ? dense : Data("Hello world".utf8)),
    ]
    let url = try archive(named: "bomb.qdpx", entries: entries)
    let size = try #require(
      try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
    #expect(size < 20_000)
    let error = #expect(throws: DataError.self) {
      try RefiReader.project(at: url, displayName: "bomb.qdpx")
    }
    #expect(
      error?.message.contains(
        "bomb.qdpx: the entry '\(bomb)' expands to more than 200 times its compressed size")
        == true, "\(error?.message ?? "")")
  }

  @Test func anOrdinaryArchiveIsStillRead() throws {
    let url = try archive(
      named: "ok.qdpx",
      entries: [
        ("project.qde", Data(Self.project.utf8)), ("sources/s1.txt", Data("Hello world".utf8)),
      ])
    let export = try RefiReader.project(at: url, displayName: "ok.qdpx")
    #expect(export.segments.map(\.text) == ["Hello"])
  }

  // MARK: - XML in words

  @Test(arguments: [
    ("<Project><a></b></Project>", "a closing tag does not match the element it closes"),
    ("<Project>&nbsp;</Project>", "an entity reference (&name;) is not valid"),
    (
      "<!DOCTYPE p [<!ENTITY a \"&b;\"><!ENTITY b \"&a;\">]><Project>&a;</Project>",
      "its entities refer to each other in a loop or expand too far"
    ),
    ("<Project a=1/>", "an attribute is not written as name=\"value\""),
    ("<Project>\u{1}</Project>", "it holds a character XML does not allow"),
  ])
  func malformedXMLIsDescribedInWords(xml: String, words: String) throws {
    let file = try folder.write("x.qde", "<?xml version=\"1.0\"?>\n" + xml + "\n")
    let error = #expect(throws: DataError.self) {
      try RefiReader.project(at: file, displayName: "x.qde")
    }
    let message = error?.message ?? ""
    #expect(message.contains(words), "\(message)")
    #expect(message.contains("x.qde line ") && !message.contains("XML error"))
  }

  // MARK: - Errors from the system, in words

  @Test func systemErrorsBecomeMessagesNamingThePathAndWhatToDo() {
    let full = EnvironmentError.translating(
      CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: "out/release/a.csv"]))
    #expect(
      full.message
        == "cannot write out/release/a.csv: the disk is full; free some space, or choose an "
        + "output folder on another disk with --out, and run again")
    let denied = EnvironmentError.translating(
      NSError(domain: NSPOSIXErrorDomain, code: Int(EACCES)), path: "out/private")
    #expect(denied.message.hasPrefix("cannot write out/private: permission denied; check who may"))
    let nested = EnvironmentError.translating(
      NSError(
        domain: NSCocoaErrorDomain, code: CocoaError.fileWriteUnknown.rawValue,
        userInfo: [
          NSFilePathErrorKey: "/x",
          NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EROFS)),
        ]))
    #expect(nested.message.contains("/x: the file system is read-only; choose an output folder"))
    let unknown = EnvironmentError.translating(NSError(domain: "Elsewhere", code: 89))
    #expect(!unknown.message.contains("89") && !unknown.message.contains("Elsewhere"))
  }

  // MARK: - Smaller holes

  @Test func datesOutsideTheYears1900To2100AreRejectedWithTheWindowNamed() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      """
      study: Dates
      key: test.key
      waves: [baseline]
      instruments: []
      inputs:
        register:
          path: register.csv
          type: register
          identifier: {column: Email, kind: email}
          group: Group
          date: Session date
          attended: Attended
          max_rejected: 100%  # the dates out of range are rejected on purpose

      """)
    try folder.write(
      "register.csv",
      """
      Email,Group,Session date,Attended
      a@example.org,G,01/01/1900,yes
      a@example.org,G,31/12/2100,yes
      a@example.org,G,01/01/9999,yes
      a@example.org,G,31/12/1899,yes
      a@example.org,G,01/01/0205,yes

      """)
    let summary = try folder.run()
    #expect(summary.inputs.first?.rowsAccepted == 2 && summary.rowsRejected == 3)
    let rejects = try folder.read("out/private/rejects.csv")
    for date in ["01/01/9999", "31/12/1899", "01/01/0205"] {
      #expect(
        rejects.contains("'\(date)' is not a date written dd/MM/yyyy, in the years 1900 to 2100"))
    }
  }

  @Test(arguments: [
    "../outside.txt", "/etc/hostname", "data/../../outside.txt", "", "a//b", "link/x",
  ])
  func verifyRefusesManifestPathsThatLeaveTheRelease(_ path: String) throws {
    let release = folder.url.appendingPathComponent("out/release")
    try FileManager.default.createDirectory(at: release, withIntermediateDirectories: true)
    try folder.write("out/outside.txt", "secret\n")
    try FileManager.default.createSymbolicLink(
      at: release.appendingPathComponent("link"), withDestinationURL: folder.url)
    try folder.write("x", "secret\n")
    let manifest = """
      {"disclosure": {"min_n_for_statistics": 8, "name": "nhs-digital", "round_to": 5, "suppress_below": 8},
       "inputs": [], "key_fingerprint": "", "kith_version": "0", "pipeline": "p.yaml", "pipeline_sha256": "",
       "study": "s", "outputs": [{"bytes": 7, "path": "\(path)", "rows": 0, "sha256": "x"}]}
      """
    try folder.write("out/release/manifest.json", manifest)
    let mismatches = try ReleaseVerifier.verify(
      outputDirectory: folder.url.appendingPathComponent("out"))
    #expect(
      mismatches.contains {
        $0.path == path
          && $0.problem == "the manifest names a path outside the release; it was not read"
      }, "\(mismatches)")
  }

  @Test func controlCharactersAreShownEscaped() {
    #expect(TerminalText.escaped("plain text\nnext\tline") == "plain text\nnext\tline")
    #expect(TerminalText.escaped("\u{1B}[31mred\u{1B}[0m") == "\\u{1B}[31mred\\u{1B}[0m")
    #expect(TerminalText.escaped("a\rb\u{07}\u{9B}") == "a\\u{D}b\\u{7}\\u{9B}")
    #expect(TerminalText.escaped("abc\u{202E}fed") == "abc\\u{202E}fed")
  }

  @Test func synthWritesOnlyIntoAFolderOfItsOwnFiles() throws {
    try folder.write("thesis/chapter.docx", "mine\n")
    let error = #expect(throws: UsageError.self) {
      try SyntheticExports.write(
        to: folder.url.appendingPathComponent("thesis"), seed: 1, members: 5)
    }
    #expect(error?.message.contains("'chapter.docx'") == true)
    #expect(try folder.read("thesis/chapter.docx") == "mine\n")
    let again = folder.url.appendingPathComponent("again")
    _ = try SyntheticExports.write(to: again, seed: 1, members: 5)
    _ = try SyntheticExports.write(to: again, seed: 1, members: 5)
  }
}
