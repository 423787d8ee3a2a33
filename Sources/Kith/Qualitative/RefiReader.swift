import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads REFI-QDA exchange files: a project (`.qdpx`, a ZIP holding one `.qde` and the
/// sources, or the `.qde` alone) or a codebook (`.qdc`).
///
/// Tolerant of what vendors do (an inner project file not called `project.qde`, no users, no
/// cases, GUIDs that are not UUIDs, memo-only selections); strict about the XML itself, which
/// must be well formed — an error names the file, line, column and element path.
enum RefiReader {
  /// Reads a project.
  ///
  /// - Throws: ``DataError`` for a file that is not a REFI-QDA project or not well formed.
  static func project(at url: URL, displayName: String) throws -> CodingExport {
    let (xml, sources) = try projectXML(at: url, displayName: displayName)
    let parser = RefiParser(displayName: displayName)
    try parser.parse(xml)
    return try parser.export(sourceText: sources)
  }

  /// Reads a codebook's codes into `export`.
  static func codebook(at url: URL, displayName: String, into export: inout CodingExport) throws {
    let parser = RefiParser(displayName: displayName)
    try parser.parse(try xmlFile(url, displayName: displayName))
    for code in parser.codes { export.add(code) }
  }

  /// The bytes of a bare `.qde` or `.qdc`, refused past the size one archive entry may have.
  private static func xmlFile(_ url: URL, displayName: String) throws -> Data {
    guard
      let data = try RegularFile.read(
        url, what: displayName, limit: ExpansionBudget.entryBytes)
    else {
      throw DataError("\(displayName) cannot be opened; check that it exists and is readable")
    }
    return data
  }

  /// Whether `url` starts as a ZIP archive does (`PK`).
  private static func isZIP(_ url: URL) throws -> Bool {
    guard let handle = FileHandle(forReadingAtPath: url.path) else {
      throw DataError(
        "\(url.lastPathComponent) cannot be opened; check that it exists and is readable")
    }
    defer { try? handle.close() }
    return (try? handle.read(upToCount: 2)) == Data([0x50, 0x4B])
  }

  /// The project XML and, from a `.qdpx`, a way to read each source's plain text.
  private static func projectXML(
    at url: URL, displayName: String
  ) throws -> (Data, (String) throws -> String?) {
    guard try isZIP(url) else { return (try xmlFile(url, displayName: displayName), { _ in nil }) }
    let archive: Archive
    do {
      archive = try Archive(url: url, accessMode: .read)
    } catch {
      throw DataError(
        "\(displayName) is not a readable .qdpx (ZIP) file: its table of contents cannot be "
          + "read; export the project again from the QDA program")
    }
    // REFI names it project.qde; ATLAS.ti has written other names. Any one .qde at the top.
    let entries = Array(archive)
    let projects = entries.filter {
      $0.type == .file && $0.path.lowercased().hasSuffix(".qde") && !$0.path.contains("/")
    }
    guard let entry = projects.first(where: { $0.path == "project.qde" }) ?? projects.first
    else {
      throw DataError(
        "\(displayName) holds no project file (.qde) at its top level; is it a REFI-QDA export?")
    }
    let budget = ExpansionBudget(displayName: displayName)
    let xml = try budget.extract(entry, from: archive)
    let files = Dictionary(
      entries.filter { $0.type == .file }.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    let text = { (path: String) throws -> String? in
      // `internal://x.txt` lives at `sources/x.txt`.
      let name = path.replacingOccurrences(of: "internal://", with: "")
      guard let entry = files["sources/\(name)"] ?? files[name] else { return nil }
      return String(decoding: try budget.extract(entry, from: archive), as: UTF8.self)
    }
    return (xml, text)
  }

  /// What a `.qdpx` may expand to: its entries are read into memory, so an archive whose entries
  /// claim (or turn out) to expand past these limits — a "zip bomb" — is refused, naming the
  /// entry.
  final class ExpansionBudget {
    /// The most one entry may expand to.
    static let entryBytes = 256 << 20
    /// The most all the entries read may expand to together.
    static let totalBytes = 1 << 30
    /// The most an entry larger than 1 MiB may expand relative to its compressed size; text and
    /// XML compress a few tens of times.
    static let ratio = 200

    let displayName: String
    private var total = 0

    init(displayName: String) { self.displayName = displayName }

    /// The bytes of `entry`, counted against the limits as they are read (the sizes an archive
    /// declares may lie).
    func extract(_ entry: Entry, from archive: Archive) throws -> Data {
      let declared = Int(clamping: entry.uncompressedSize)
      let compressed = max(1, Int(clamping: entry.compressedSize))
      try check(entry.path, size: declared, compressed: compressed)
      var data = Data()
      do {
        _ = try archive.extract(entry, skipCRC32: false) { chunk in
          data.append(chunk)
          try self.check(entry.path, size: data.count, compressed: compressed)
        }
      } catch let error as DataError {
        throw error
      } catch {
        throw DataError(
          "\(displayName): the entry '\(entry.path)' cannot be unpacked (the archive is damaged); "
            + "export the project again from the QDA program")
      }
      total += data.count
      try check(entry.path, size: 0, compressed: compressed)
      return data
    }

    private func check(_ path: String, size: Int, compressed: Int) throws {
      let tooLarge = size > Self.entryBytes || total + size > Self.totalBytes
      let tooDense = size > 1 << 20 && size / compressed > Self.ratio
      guard tooLarge || tooDense else { return }
      throw DataError(
        "\(displayName): the entry '\(path)' expands to "
          + (tooDense
            ? "more than \(Self.ratio) times its compressed size"
            : "more than \(Self.entryBytes >> 20) MiB (or all entries past "
              + "\(Self.totalBytes >> 30) GiB)")
          + ", more than a REFI-QDA export holds; is it a real export? (nothing was read)")
    }
  }
}

/// The SAX pass over a REFI-QDA document.
private final class RefiParser: NSObject, XMLParserDelegate {
  let displayName: String
  private(set) var codes: [CodingExport.Code] = []
  private var codeStack: [String] = []
  private var path: [String] = []
  private var variables: [String: String] = [:]
  private var variableValue: (variable: String?, value: String)?
  private var caseStack:
    (name: String, values: [String: String], sources: [String], selections: [String])?
  private var cases:
    [(name: String, values: [String: String], sources: [String], selections: [String])] = []
  private var source: (id: String, name: String, textPath: String?)?
  private var selection: (id: String, name: String, start: Int?, end: Int?, codes: [String])?
  private var inCoding = false
  private var text = ""
  private var selections:
    [(
      source: (id: String, name: String, textPath: String?), id: String, name: String, start: Int?,
      end: Int?, codes: [String]
    )] = []
  private var failure: Error?

  init(displayName: String) { self.displayName = displayName }

  func parse(_ data: Data) throws {
    try Self.checkUTF8(data, displayName: displayName)
    let parser = XMLParser(data: Self.blankingEmptyProcessingInstructions(data))
    parser.delegate = self
    parser.shouldProcessNamespaces = true
    guard parser.parse(), failure == nil else {
      throw failure ?? malformed(parser, reason: "not well formed")
    }
    guard sawRoot else {
      throw DataError(
        "\(displayName) is not a REFI-QDA project or codebook (no <Project> or <CodeBook>)")
    }
  }

  private var sawRoot = false

  /// Refuses XML that is not UTF-8, as REFI-QDA requires it to be.
  ///
  /// Foundation's XML parser stops the process on a name whose bytes are not valid UTF-8 (found
  /// by fuzzing), so no such byte may reach it.
  private static func checkUTF8(_ data: Data, displayName: String) throws {
    var iterator = data.makeIterator()
    var decoder = UTF8()
    var (line, offset) = (1, 0)
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        if scalar == "\n" { line += 1 }
        offset += 1
      case .emptyInput:
        return
      case .error:
        throw DataError(
          "\(displayName) line \(line): the file holds bytes that are not UTF-8 text (near "
            + "character \(offset)); REFI-QDA files are UTF-8, so export it again from the QDA "
            + "program")
      }
    }
  }

  /// `data` with every processing instruction that has no content (`<?target?>`) written as
  /// spaces, line breaks kept.
  ///
  /// Foundation's XML parser reads such an instruction's missing content as a C string and
  /// crashes (found by fuzzing); REFI-QDA uses no processing instructions, so nothing is lost.
  private static func blankingEmptyProcessingInstructions(_ data: Data) -> Data {
    let bytes = [UInt8](data)
    var result = bytes
    let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    var index = 0
    while index + 3 < bytes.count {
      guard bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "?") else {
        index += 1
        continue
      }
      var end = index + 2
      while end < bytes.count, !isSpace(bytes[end]), bytes[end] != UInt8(ascii: "?"),
        bytes[end] != UInt8(ascii: ">")
      {
        end += 1
      }
      let hasTarget = end > index + 2
      while end < bytes.count, isSpace(bytes[end]) { end += 1 }
      if hasTarget, end + 1 < bytes.count, bytes[end] == UInt8(ascii: "?"),
        bytes[end + 1] == UInt8(ascii: ">")
      {
        for position in index...(end + 1) where !isSpace(bytes[position]) {
          result[position] = 0x20
        }
        index = end + 2
      } else {
        index += 2
      }
    }
    return result == bytes ? data : Data(result)
  }

  /// The error for malformed XML: file, line, column and the element path.
  private func malformed(_ parser: XMLParser, reason: String) -> DataError {
    DataError(
      "\(displayName) line \(parser.lineNumber), column \(parser.columnNumber)"
        + (path.isEmpty ? "" : " (in \(path.joined(separator: "/")))")
        + ": the XML is malformed (\(reason)); export it again from the QDA program")
  }

  func parser(
    _ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    path.append(element)
    text = ""
    switch element {
    case "Project",
      "CodeBook" where path.count == 1:
      sawRoot = true
    case "Code" where path.contains("CodeBook"):
      guard let id = attributes["guid"] else { return }
      codes.append(
        CodingExport.Code(id: id, name: attributes["name"] ?? id, parent: codeStack.last))
      codeStack.append(id)
    case "Variable" where path.contains("Variables"):
      if let id = attributes["guid"] { variables[id] = attributes["name"] ?? id }
    case "Case":
      caseStack = (attributes["name"] ?? attributes["guid"] ?? "", [:], [], [])
    case "VariableValue":
      variableValue = (nil, "")
    case "VariableRef":
      variableValue?.variable = attributes["targetGUID"]
    case "SourceRef" where caseStack != nil:
      if let id = attributes["targetGUID"] { caseStack?.sources.append(id) }
    case "SelectionRef" where caseStack != nil:
      if let id = attributes["targetGUID"] { caseStack?.selections.append(id) }
    case "TextSource", "PictureSource", "PDFSource", "AudioSource", "VideoSource":
      source = (
        attributes["guid"] ?? "", attributes["name"] ?? attributes["guid"] ?? "",
        attributes["plainTextPath"]
      )
    case "PlainTextSelection", "PictureSelection", "PDFSelection", "AudioSelection",
      "VideoSelection", "TranscriptSelection":
      selection = (
        attributes["guid"] ?? "", attributes["name"] ?? "",
        attributes["startPosition"].flatMap { Int($0) },
        attributes["endPosition"].flatMap { Int($0) },
        []
      )
    case "Coding":
      inCoding = true
    case "CodeRef" where inCoding:
      if let id = attributes["targetGUID"] { selection?.codes.append(id) }
    default:
      break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

  func parser(
    _ parser: XMLParser, didEndElement element: String, namespaceURI: String?,
    qualifiedName: String?
  ) {
    switch element {
    case "Code" where path.contains("CodeBook"):
      _ = codeStack.popLast()
    case "TextValue", "StringValue", "IntegerValue", "FloatValue", "BooleanValue", "DateValue",
      "DateTimeValue":
      variableValue?.value = text.trimmingCharacters(in: .whitespacesAndNewlines)
    case "VariableValue":
      if let value = variableValue, let id = value.variable, let name = variables[id] {
        caseStack?.values[name.lowercased()] = value.value
      }
      variableValue = nil
    case "Case":
      if let done = caseStack { cases.append(done) }
      caseStack = nil
    case "Coding":
      inCoding = false
    case "PlainTextSelection", "PictureSelection", "PDFSelection", "AudioSelection",
      "VideoSelection", "TranscriptSelection":
      if let done = selection, let source {
        selections.append((source, done.id, done.name, done.start, done.end, done.codes))
      }
      selection = nil
    case "TextSource", "PictureSource", "PDFSource", "AudioSource", "VideoSource":
      source = nil
    default:
      break
    }
    _ = path.popLast()
  }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
    failure = failure ?? malformed(parser, reason: Self.describe(parseError))
  }

  /// The parser's error in words an evaluator can act on.
  ///
  /// The codes are libxml2's, which Foundation passes on; each family of them gets one
  /// description, and none is shown as a bare number.
  static func describe(_ error: Error) -> String {
    let code = (error as NSError).code
    switch code {
    case 2: return "the XML is too large to read"
    case 3, 4: return "the file holds no XML"
    case 5: return "the file ends before its XML is complete"
    case 9, 87: return "it holds a character XML does not allow (a control character?)"
    case 6...13: return "a character reference (&#…;) is not valid"
    case 14...30, 88, 104: return "an entity reference (&name;) is not valid (write `&amp;` for &)"
    case 89, 90: return "its entities refer to each other in a loop or expand too far"
    case 31, 32, 79, 81, 101: return "its declared encoding is unknown or does not match its bytes"
    case 33, 34, 43, 44: return "a quoted value is not closed"
    case 38: return "an attribute value holds a `<` (write `&lt;`)"
    case 39...42, 75, 84:
      return "an attribute is not written as name=\"value\" (or is written twice)"
    case 45, 80, 112: return "a comment is not closed or holds `--`"
    case 46...61, 83, 94, 95, 103, 105: return "its document type declaration (DTD) is malformed"
    case 62, 63: return "a CDATA section is not closed"
    case 64, 96...100, 102, 106...109:
      return "its XML declaration or namespace declaration is malformed"
    case 65...74, 110: return "a tag or name is malformed (a `<` or `>` out of place?)"
    case 76: return "a closing tag does not match the element it closes"
    case 77, 85: return "an element is not closed"
    case 86: return "there is content after the end of the document"
    case 91, 92: return "a URI in it is not valid"
    default: return "its XML is not well formed"
    }
  }

  /// The segments, each linked to the case that includes its selection or its source.
  func export(sourceText: (String) throws -> String?) throws -> CodingExport {
    var export = CodingExport()
    for code in codes { export.add(code) }
    // REFI positions count Unicode code points.
    var texts: [String: [Unicode.Scalar]] = [:]
    for item in selections where item.start != nil {
      if texts[item.source.id] == nil, let path = item.source.textPath,
        let text = try sourceText(path)
      {
        texts[item.source.id] = Array(text.unicodeScalars)
      }
    }
    for item in selections {
      let owner =
        cases.first { $0.selections.contains(item.id) }
        ?? cases.first { $0.sources.contains(item.source.id) }
      var excerpt = item.name
      if let start = item.start, let end = item.end, let characters = texts[item.source.id],
        start >= 0, start <= end, end <= characters.count
      {
        excerpt = String(String.UnicodeScalarView(characters[start..<end]))
      }
      for code in item.codes {
        guard export.codes[code] != nil else {
          export.rejected.append(
            (
              item.id,
              "a coding in \(item.source.name) refers to code \(code), which the codebook lacks"
            ))
          continue
        }
        export.segments.append(
          CodingExport.Segment(
            document: item.source.name, caseName: owner?.name,
            identifier: nil, code: code, text: excerpt, origin: "selection \(item.id)"))
      }
    }
    export.caseValues = Dictionary(
      cases.map { ($0.name, $0.values) }, uniquingKeysWith: { first, _ in first })
    return export
  }
}
