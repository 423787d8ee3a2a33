import Crypto
import Foundation
import KithCSV

/// Reads one coding export, whichever tool wrote it, into a ``CodingExport``, with a report for
/// the manifest: its size and SHA-256, and codings read, used and rejected.
enum CodingReader {
  /// The format of `path`, from its extension or its header.
  static func detect(path: URL) -> CodingFormat {
    switch path.pathExtension.lowercased() {
    case "qdpx", "qde": return .refiQDA
    default: break
    }
    guard let reader = try? CSVReader(path: path.path) else { return .csv }
    let names = Set(reader.header.names.map { $0.lowercased() })
    if names.isSuperset(of: ["document", "tag"]) { return .taguette }
    if names.contains("code") { return .csv }
    return .qualcoder
  }

  /// Reads the export `spec` names.
  ///
  /// - Throws: ``DataError`` for a file that cannot be read as its format.
  static func read(_ spec: CodingSpec) throws -> (CodingExport, InputReport) {
    guard
      let data = try RegularFile.read(
        spec.path, what: spec.displayPath, limit: RefiReader.ExpansionBudget.totalBytes)
    else {
      throw DataError("\(spec.displayPath) cannot be opened; check that it exists and is readable")
    }
    var export: CodingExport
    switch spec.format {
    case .refiQDA:
      export = try RefiReader.project(at: spec.path, displayName: spec.displayPath)
    case .taguette:
      export = try taguette(spec)
    case .qualcoder:
      export = try matrix(spec)
    case .csv:
      export = try plain(spec)
    }
    if let codebook = spec.codebook {
      try RefiReader.codebook(
        at: codebook, displayName: codebook.lastPathComponent, into: &export)
    }
    let read = export.segments.count + export.rejected.count
    let report = InputReport(
      name: spec.name, path: spec.displayPath, bytes: data.count,
      sha256: Hex.string(SHA256.hash(data: data)),
      encoding: "utf-8", delimiter: spec.format == .refiQDA ? "" : "comma",
      rowsRead: read, rowsAccepted: export.segments.count, rowsRejected: export.rejected.count,
      droppedColumns: [], notices: ["read as \(spec.format.rawValue): \(export.codes.count) codes"])
    return (export, report)
  }

  /// Rows of a CSV export with a header, handing each row's cells by lower-cased column name.
  private static func rows(
    _ spec: CodingSpec, _ body: ([String: String], Int, inout CodingExport) -> Void
  ) throws -> CodingExport {
    var export = CodingExport()
    do {
      let reader = try CSVReader(path: spec.path.path, displayName: spec.displayPath)
      let names = reader.header.names.map { $0.lowercased() }
      try reader.forEachRow { row in
        if let problem = row.problem {
          export.rejected.append(("line \(row.line)", problem.reason))
          return
        }
        var cells: [String: String] = [:]
        for (index, name) in names.enumerated() where index < row.count {
          cells[name] = row.string(index).trimmed
        }
        body(cells, row.line, &export)
      }
    } catch let error as CSVError {
      throw DataError(error.description)
    }
    return export
  }

  /// Taguette's highlights: one row per highlight and tag.
  private static func taguette(_ spec: CodingSpec) throws -> CodingExport {
    try rows(spec) { cells, line, export in
      let tag = cells["tag_full_path"].flatMap { $0.isEmpty ? nil : $0 } ?? cells["tag"] ?? ""
      guard !tag.isEmpty else {
        export.rejected.append(("line \(line)", "a highlight with no tag"))
        return
      }
      let parent = cells["tag_parent"].flatMap { $0.isEmpty ? nil : $0 }
      if let parent { export.add(CodingExport.Code(id: parent, name: parent, parent: nil)) }
      let name = cells["tag"].flatMap { $0.isEmpty ? nil : $0 } ?? tag
      export.add(CodingExport.Code(id: tag, name: name, parent: parent))
      export.segments.append(
        CodingExport.Segment(
          document: cells["document"] ?? "", caseName: nil, identifier: nil, code: tag,
          text: cells["content"] ?? "", origin: "line \(line)"))
    }
  }

  /// A codes-by-cases matrix: each non-zero cell is that many segments of the code.
  private static func matrix(_ spec: CodingSpec) throws -> CodingExport {
    var export = CodingExport()
    do {
      let reader = try CSVReader(path: spec.path.path, displayName: spec.displayPath)
      let codes = Array(reader.header.names.dropFirst())
      for code in codes { export.add(CodingExport.Code(id: code, name: code, parent: nil)) }
      try reader.forEachRow { row in
        let caseName = row.string(0).trimmed
        for (offset, code) in codes.enumerated() where offset + 1 < row.count {
          let cell = row.string(offset + 1).trimmed
          guard !cell.isEmpty, cell != "0" else { continue }
          guard let count = Int(cell), count > 0 else {
            export.rejected.append(
              ("line \(row.line)", "'\(cell)' in column \(code) is not a number of segments"))
            continue
          }
          export.segments.append(
            CodingExport.Segment(
              document: caseName, caseName: caseName, identifier: nil, code: code, text: "",
              count: count, origin: "line \(row.line)"))
        }
      }
    } catch let error as CSVError {
      throw DataError(error.description)
    }
    return export
  }

  /// `participant, code[, segment][, theme]`: one row per coded segment.
  private static func plain(_ spec: CodingSpec) throws -> CodingExport {
    let column = (spec.identifier?.column.value ?? "participant").lowercased()
    return try rows(spec) { cells, line, export in
      let code = cells["code"] ?? ""
      let participant = cells[column] ?? ""
      guard !code.isEmpty, !participant.isEmpty else {
        export.rejected.append(("line \(line)", code.isEmpty ? "no code" : "no participant"))
        return
      }
      export.add(CodingExport.Code(id: code, name: code, parent: nil))
      export.segments.append(
        CodingExport.Segment(
          document: participant, caseName: nil, identifier: participant, code: code,
          text: cells["segment"] ?? "", origin: "line \(line)"))
    }
  }
}
