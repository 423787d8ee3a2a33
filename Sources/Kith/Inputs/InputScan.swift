import Crypto
import Foundation
import KithCSV

/// Reads one input row by row under its error policy, hashing its bytes on the way and counting
/// where every row goes: read = accepted + rejected, always.
struct InputScan {
  let spec: PipelineSpec
  let input: InputSpec
  let rejects: RejectLog
  let progress: ((InputProgress) -> Void)?
  /// The part of the file to read, when a large register is read in two parts at once.
  var piece: InputPiece?

  /// What a row turned out to be.
  enum RowKind {
    /// A data row, counted as read.
    case data
    /// Part of the file's structure (a section title, a summary line), not a data row.
    case structure
  }

  /// Reads the input.
  ///
  /// `bind` resolves columns once the header is known; `accept` handles each well-formed row,
  /// throwing ``RowRejection`` for a row it cannot use.
  func run<Binding>(
    bind: (inout ColumnBinder) throws -> Binding,
    accept: (CSVRow, Binding) throws -> Void
  ) throws -> InputReport {
    try run(tolerateRaggedRows: false, bind: bind) { row, binding in
      try accept(row, binding)
      return .data
    }
  }

  /// Reads an input whose rows are not all data rows (a report in sections); with
  /// `tolerateRaggedRows`, rows of other widths are handed to `accept` rather than rejected.
  func run<Binding>(
    tolerateRaggedRows: Bool, bind: (inout ColumnBinder) throws -> Binding,
    accept: (CSVRow, Binding) throws -> RowKind
  ) throws -> InputReport {
    var hasher = SHA256()
    let reader: CSVReader
    do {
      let hash = { (bytes: UnsafeRawBufferPointer) in hasher.update(bufferPointer: bytes) }
      reader =
        try piece?.reader(for: input, onRawBytes: hash)
        ?? CSVReader(
          path: input.path.path, displayName: input.displayPath, dialect: input.dialect,
          onRawBytes: hash)
    } catch let error as CSVError {
      throw DataError(error.description)
    }
    var binder = ColumnBinder(
      spec: spec, input: input,
      header: SurveyPlatform.columnHeader(reader.header, format: input.format))
    binder.delimiter = reader.delimiter
    let binding = try bind(&binder)
    var read = 0
    var rejected = 0
    do {
      try reader.forEachRow { row in
        read += 1
        if read & 0xFFFF == 0, let progress {
          progress(
            InputProgress(
              input: input.displayPath, bytesRead: reader.bytesRead, bytesTotal: reader.fileSize))
        }
        do {
          if let problem = row.problem, !(tolerateRaggedRows && problem.isRaggedRow) {
            var reason = problem.reason
            if case .fieldTooLarge(let limit) = problem.kind {
              reason += ": `max_field_mib: \(2 * (limit >> 20))` on the input raises it"
            }
            throw RowRejection(
              reason: reason,
              column: problem.columnName ?? problem.column.map { "column \($0)" })
          }
          if let excel = input.excel, let error = excel.errors[row.line]?.first {
            throw RowRejection(
              reason: "cell \(excel.reference(column: error.column, line: row.line)) holds the "
                + "Excel error \(error.code), not a value",
              column: error.column < reader.header.names.count
                ? reader.header.names[error.column] : nil)
          }
          if try accept(row, binding) == .structure { read -= 1 }
        } catch var rejection as RowRejection {
          if let excel = input.excel, !rejection.reason.hasPrefix("cell ") {
            // An Excel input's problem is placed by its cell, as the workbook shows it.
            let column = rejection.column.flatMap { reader.header.names.firstIndex(of: $0) }
            rejection.reason =
              (column.map { "cell \(excel.reference(column: $0, line: row.line))" }
                ?? "row \(excel.row(ofLine: row.line))") + ": " + rejection.reason
          }
          let reject = Reject(
            source: input.name, line: row.line, reason: rejection.reason,
            raw: row.csvText(delimiter: reader.delimiter), column: rejection.column,
            outcome: .rowRejected)
          guard input.onError == .rejectRow else {
            throw DataError(
              "\(input.displayPath) line \(row.line)"
                + (rejection.column.map { ", column \($0)" } ?? "") + ": \(rejection.reason) "
                + "(the input's policy is `on_error: fail`)")
          }
          rejects.add(reject)
          rejected += 1
        }
      }
      try piece?.finish(reader, input: input) { hasher.update(bufferPointer: $0) }
    } catch let error as CSVError {
      throw DataError(error.description)
    }
    let digest = hasher.finalize()
    var report = InputReport(
      name: input.name, path: input.displayPath,
      bytes: piece == nil ? reader.bytesRead : reader.fileSize,
      sha256: Hex.string(digest), encoding: reader.encoding.rawValue,
      delimiter: reader.delimiter.rawValue, rowsRead: read, rowsAccepted: read - rejected,
      rowsRejected: rejected, droppedColumns: binder.unusedColumns,
      notices: reader.header.issues + reader.notices)
    if let workbook = input.excel?.workbook, let data = try? Data(contentsOf: workbook) {
      // The manifest holds the workbook the pipeline names, not the CSV read from it.
      (report.bytes, report.sha256) = (data.count, Hex.string(SHA256.hash(data: data)))
    }
    report.columns = binder.fates
    report.lineBreaks = reader.line - 1
    return report
  }
}

/// How far the reading of a large input has got.
public struct InputProgress: Sendable {
  /// The input file as the pipeline names it.
  public var input: String
  /// Bytes read so far.
  public var bytesRead: Int
  /// The file's size.
  public var bytesTotal: Int
}
