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
    return parser.export(sourceText: sources)
  }

  /// Reads a codebook's codes into `export`.
  static func codebook(at url: URL, displayName: String, into export: inout CodingExport) throws {
    let parser = RefiParser(displayName: displayName)
    try parser.parse(try Data(contentsOf: url))
    for code in parser.codes { export.add(code) }
  }

  /// The project XML and, from a `.qdpx`, a way to read each source's plain text.
  private static func projectXML(
    at url: URL, displayName: String
  ) throws -> (Data, (String) -> String?) {
    let data = try Data(contentsOf: url)
    guard data.starts(with: [0x50, 0x4B]) else { return (data, { _ in nil }) }
    let archive: Archive
    do {
      archive = try Archive(url: url, accessMode: .read)
    } catch {
      throw DataError("\(displayName) is not a readable .qdpx (ZIP) file: \(error)")
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
    let xml = try extract(entry, from: archive)
    let files = Dictionary(
      entries.filter { $0.type == .file }.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    return (
      xml,
      { path in
        // `internal://x.txt` lives at `sources/x.txt`.
        let name = path.replacingOccurrences(of: "internal://", with: "")
        guard let entry = files["sources/\(name)"] ?? files[name],
          let text = try? extract(entry, from: archive)
        else { return nil }
        return String(decoding: text, as: UTF8.self)
      }
    )
  }

  private static func extract(_ entry: Entry, from archive: Archive) throws -> Data {
    var data = Data()
    _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
    return data
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
    let parser = XMLParser(data: data)
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

  /// The parser's error in words an evaluator can act on (codes are libxml2's, which
  /// Foundation passes on).
  private static func describe(_ error: Error) -> String {
    let code = (error as NSError).code
    switch code {
    case 4, 3: return "the file holds no XML"
    case 5: return "the file ends before its XML is complete"
    case 26, 27: return "an `&` is not a valid entity (write `&amp;`)"
    case 39, 40, 41: return "an attribute is not written as name=\"value\""
    case 73: return "a tag is not closed with `>`"
    case 76: return "a closing tag does not match the element it closes"
    case 77: return "an element is not closed"
    default: return "XML error \(code)"
    }
  }

  /// The segments, each linked to the case that includes its selection or its source.
  func export(sourceText: (String) -> String?) -> CodingExport {
    var export = CodingExport()
    for code in codes { export.add(code) }
    // REFI positions count Unicode code points.
    var texts: [String: [Unicode.Scalar]] = [:]
    for item in selections where item.start != nil {
      if texts[item.source.id] == nil, let path = item.source.textPath, let text = sourceText(path)
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
