import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The SAX pass over one sheet's XML: each row's cells typed as the workbook stores them —
/// shared and inline strings, numbers, booleans, dates (a number under a date style, from the
/// workbook's date system), formulas by their cached value, errors — handed on row by row.
final class ExcelSheetParser: NSObject, XMLParserDelegate {
  private let displayName: String
  private let sharedStrings: [String]
  private let dateStyles: Set<Int>
  private let uses1904: Bool
  private let body: ([ExcelCell]) throws -> Void

  private var row = 0
  private var cells: [ExcelCell] = []
  /// The cell being read: position, type and style.
  private var cell: (column: Int, row: Int, type: String, style: Int)?
  private var value = ""
  private var inlineText = ""
  private var inValue = false
  private var inInlineText = false
  private var failure: Error?

  init(
    displayName: String, sharedStrings: [String], dateStyles: Set<Int>, uses1904: Bool,
    body: @escaping ([ExcelCell]) throws -> Void
  ) {
    self.displayName = displayName
    self.sharedStrings = sharedStrings
    self.dateStyles = dateStyles
    self.uses1904 = uses1904
    self.body = body
  }

  /// Reads the sheet's XML from `stream` (UTF-8, checked on its way in: ``SheetStream``).
  ///
  /// - Throws: ``DataError`` naming the cell for a damaged sheet, or what the row handler throws.
  func parse(_ stream: InputStream) throws {
    let parser = XMLParser(stream: stream)
    parser.delegate = self
    let parsed = parser.parse()
    if let failure { throw failure }
    guard parsed else {
      throw DataError(
        "\(displayName) is damaged (its XML is not well formed at line \(parser.lineNumber)): "
          + "open and save it again in Excel or LibreOffice")
    }
  }

  private func stop(_ parser: XMLParser, _ error: Error) {
    if failure == nil { failure = error }
    parser.abortParsing()
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes: [String: String] = [:]
  ) {
    guard failure == nil else { return }
    switch XMLEvents.local(elementName) {
    case "row":
      let number = attributes["r"].flatMap(Int.init) ?? row + 1
      guard number > row else {
        return stop(
          parser,
          DataError(
            "\(displayName), row \(number): the rows are out of order (row \(number) comes "
              + "after row \(row)), which Excel never writes: open and save the workbook again"))
      }
      row = number
      cells = []
    case "c":
      let position: (column: Int, row: Int)
      if let reference = attributes["r"] {
        guard let parsed = ExcelCell.position(of: reference), parsed.row == row else {
          return stop(
            parser,
            DataError(
              "\(displayName), row \(row): the cell reference `\(reference)` is not a cell of "
                + "that row (a damaged workbook?): open and save it again"))
        }
        position = parsed
      } else {
        position = ((cells.last?.column ?? -1) + 1, row)
      }
      if let previous = cells.last, position.column <= previous.column {
        return stop(
          parser,
          DataError(
            "\(displayName), cell \(ExcelCell(column: position.column, row: row, value: .text("")).reference): "
              + "the cells are out of order (it comes after "
              + "\(previous.reference)), which Excel never writes: open and save it again"))
      }
      cell = (position.column, row, attributes["t"] ?? "n", attributes["s"].flatMap(Int.init) ?? 0)
      value = ""
      inlineText = ""
    case "v": inValue = true
    case "t" where cell != nil: inInlineText = true
    default: break
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if inValue { value += string } else if inInlineText { inlineText += string }
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    guard failure == nil else { return }
    switch XMLEvents.local(elementName) {
    case "v": inValue = false
    case "t": inInlineText = false
    case "c":
      guard let current = cell else { return }
      cell = nil
      do {
        if let typed = try typed(current) {
          cells.append(ExcelCell(column: current.column, row: current.row, value: typed))
        }
      } catch {
        stop(parser, error)
      }
    case "row":
      guard !cells.isEmpty else { return }
      do { try body(cells) } catch { stop(parser, error) }
    default: break
    }
  }

  /// The value of a finished cell; `nil` for an empty one.
  private func typed(_ cell: (column: Int, row: Int, type: String, style: Int)) throws
    -> ExcelCell.Value?
  {
    let reference = ExcelCell(column: cell.column, row: cell.row, value: .text("")).reference
    switch cell.type {
    case "inlineStr": return inlineText.isEmpty ? nil : .text(inlineText)
    case "s":
      guard !value.isEmpty else { return nil }
      guard let index = Int(value), sharedStrings.indices.contains(index) else {
        throw DataError(
          "\(displayName), cell \(reference): it refers to shared string \(value), but the "
            + "workbook has \(sharedStrings.count) (its shared strings are missing or damaged): "
            + "open and save it again in Excel or LibreOffice")
      }
      return sharedStrings[index].isEmpty ? nil : .text(sharedStrings[index])
    case "str": return value.isEmpty ? nil : .text(value)
    case "b": return value.isEmpty ? nil : .boolean(value == "1" || value == "true")
    case "e": return .error(value)
    case "d":
      guard !value.isEmpty else { return nil }
      guard let day = CivilDate.day(iso: String(value.prefix(10))) else {
        throw DataError("\(displayName), cell \(reference): `\(value)` is not an ISO 8601 date")
      }
      return .date(day: day, seconds: 0)
    default:
      guard !value.isEmpty else { return nil }
      guard let number = Double(value) else {
        throw DataError(
          "\(displayName), cell \(reference): `\(value)` is stored as a number but is not one "
            + "(a damaged workbook?): open and save it again")
      }
      guard dateStyles.contains(cell.style) else { return .number(number) }
      return Self.date(serial: number, uses1904: uses1904)
    }
  }

  /// A serial number as a date: days from 1899-12-31 (Excel counts 1900 as a leap year, so
  /// serials from 61 are one more than the days) or, in the 1904 system, from 1904-01-01.
  static func date(serial: Double, uses1904: Bool) -> ExcelCell.Value {
    var whole = Int(serial.rounded(.down))
    var seconds = Int(((serial - Double(whole)) * 86_400).rounded())
    if seconds == 86_400 {
      whole += 1
      seconds = 0
    }
    let day: Int
    if uses1904 {
      day = whole - 24_107
    } else {
      day = whole - (whole >= 61 ? 25_569 : 25_568)
    }
    return .date(day: day, seconds: seconds)
  }
}
