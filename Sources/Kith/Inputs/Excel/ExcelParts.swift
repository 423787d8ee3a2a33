import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The small parts of a workbook read whole: the sheet list, its relationships, the shared
/// strings and the cell styles — each one SAX pass (``XMLEvents``).
enum ExcelParts {
  /// `xl/workbook.xml`: the sheets (name, relationship id) and the date system.
  static func workbook(_ data: Data, name: String) throws -> (
    sheets: [(name: String, relation: String)], uses1904: Bool
  ) {
    var sheets: [(name: String, relation: String)] = []
    var uses1904 = false
    try XMLEvents.parse(data, name: "\(name) (xl/workbook.xml)") { element, attributes in
      switch element {
      case "sheet":
        sheets.append((attributes["name"] ?? "", attributes["r:id"] ?? attributes["id"] ?? ""))
      case "workbookPr":
        uses1904 = ["1", "true"].contains(attributes["date1904"] ?? "")
      default: break
      }
    }
    return (sheets, uses1904)
  }

  /// `xl/_rels/workbook.xml.rels`: each relationship's target.
  static func relations(_ data: Data, name: String) throws -> [String: String] {
    var targets: [String: String] = [:]
    try XMLEvents.parse(data, name: "\(name) (xl/_rels/workbook.xml.rels)") { element, attributes in
      if element == "Relationship", let id = attributes["Id"], let target = attributes["Target"] {
        targets[id] = target
      }
    }
    return targets
  }

  /// `xl/sharedStrings.xml`: each string item's text (rich text runs joined; phonetic runs left
  /// out).
  static func sharedStrings(_ data: Data, name: String) throws -> [String] {
    var strings: [String] = []
    var current = ""
    var inText = false
    var phonetic = 0
    try XMLEvents.parse(
      data, name: "\(name) (xl/sharedStrings.xml)",
      start: { element, _ in
        switch element {
        case "si": current = ""
        case "rPh": phonetic += 1
        case "t": inText = phonetic == 0
        default: break
        }
      },
      end: { element in
        switch element {
        case "si": strings.append(current)
        case "rPh": phonetic -= 1
        case "t": inText = false
        default: break
        }
      },
      text: { if inText { current += $0 } })
    return strings
  }

  /// The built-in number formats that show a date or time (ECMA-376 §18.8.30).
  static let dateFormatIDs: Set<Int> = Set(14...22).union(45...47)

  /// `xl/styles.xml`: the indexes of the cell formats (`cellXfs`) that show a date.
  static func dateStyles(_ data: Data, name: String) throws -> Set<Int> {
    var custom: [Int: String] = [:]
    var styles: Set<Int> = []
    var inCellFormats = false
    var index = 0
    try XMLEvents.parse(
      data, name: "\(name) (xl/styles.xml)",
      start: { element, attributes in
        switch element {
        case "numFmt":
          if let id = attributes["numFmtId"].flatMap(Int.init) {
            custom[id] = attributes["formatCode"] ?? ""
          }
        case "cellXfs": inCellFormats = true
        case "xf" where inCellFormats:
          let id = attributes["numFmtId"].flatMap(Int.init) ?? 0
          if dateFormatIDs.contains(id) || custom[id].map(isDateFormat) == true {
            styles.insert(index)
          }
          index += 1
        default: break
        }
      },
      end: { element in if element == "cellXfs" { inCellFormats = false } }, text: { _ in })
    return styles
  }

  /// Whether a custom number format shows a date: a day, month or year code outside quoted
  /// text, escapes and brackets (`[Red]`, `[$-409]`), as Excel reads it.
  static func isDateFormat(_ code: String) -> Bool {
    var quoted = false
    var bracketed = false
    var escaped = false
    for character in code.lowercased() {
      if escaped {
        escaped = false
        continue
      }
      switch character {
      case "\"": quoted.toggle()
      case "\\": escaped = true
      case "[": bracketed = true
      case "]": bracketed = false
      case "d", "m", "y":
        if !quoted && !bracketed { return true }
      default: break
      }
    }
    return false
  }
}

/// One SAX pass over a part, its elements' local names and attributes handed to closures.
final class XMLEvents: NSObject, XMLParserDelegate {
  private let start: (String, [String: String]) -> Void
  private let end: (String) -> Void
  private let text: (String) -> Void

  private init(
    start: @escaping (String, [String: String]) -> Void, end: @escaping (String) -> Void,
    text: @escaping (String) -> Void
  ) {
    (self.start, self.end, self.text) = (start, end, text)
  }

  /// Parses `data`, calling `start` at each element.
  static func parse(
    _ data: Data, name: String, start: @escaping (String, [String: String]) -> Void
  ) throws {
    try parse(data, name: name, start: start, end: { _ in }, text: { _ in })
  }

  /// Parses `data`; a part that is not well-formed UTF-8 XML is a ``DataError`` naming `name`.
  static func parse(
    _ data: Data, name: String, start: @escaping (String, [String: String]) -> Void,
    end: @escaping (String) -> Void, text: @escaping (String) -> Void
  ) throws {
    // Foundation's parser stops the process on a name that is not UTF-8: no such byte reaches
    // it.
    guard String(bytes: data, encoding: .utf8) != nil else {
      throw DataError("\(name) is not UTF-8 text (a damaged workbook?): save it again in Excel")
    }
    let events = XMLEvents(start: start, end: end, text: text)
    let parser = XMLParser(data: data)
    parser.delegate = events
    guard parser.parse() else {
      throw DataError(
        "\(name) is damaged (its XML is not well formed at line \(parser.lineNumber)): open and "
          + "save it again in Excel or LibreOffice")
    }
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    start(Self.local(elementName), attributeDict)
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    end(Self.local(elementName))
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { text(string) }

  /// `x:row` → `row`: workbooks written with a namespace prefix name elements so.
  static func local(_ name: String) -> String {
    name.firstIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
  }
}
