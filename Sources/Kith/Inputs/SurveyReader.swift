import Foundation
import KithCSV

/// Reads a survey export: one response per row, identified, assigned to a wave, with the items of
/// every instrument the export holds coded by the instrument's rules.
struct SurveyReader {
  let spec: PipelineSpec
  let input: InputSpec
  let resolver: IdentityResolver
  let data: StudyData

  private struct Columns {
    var names: [String]
    var identifiers: [(spec: IdentifierSpec, index: Int)]
    var wave: Wave
    var instruments: [(instrument: Instrument, columns: [Int])]
    var identifying: [Int]
    var keep: [(name: String, index: Int)]
    var freeText: [(name: String, index: Int)]
    var quasi: [(spec: QuasiIdentifierSpec, index: Int)]
  }

  func read(progress: ((InputProgress) -> Void)?) throws -> InputReport {
    let scan = InputScan(spec: spec, input: input, rejects: data.rejects, progress: progress)
    return try scan.run(bind: bind) { row, columns in try accept(row, columns) }
  }

  private func bind(_ binder: inout ColumnBinder) throws -> Columns {
    var instruments: [(Instrument, [Int])] = []
    for id in spec.instruments {
      guard let instrument = InstrumentCatalog.instrument(id.value) else { continue }
      let pattern = input.items[id.value]
      let names = instrument.itemColumns(pattern: pattern?.value)
      if let indices = try binder.indices(
        of: names, for: pattern.map { Located(id.value, at: $0.location) } ?? id)
      {
        instruments.append((instrument, indices))
      } else if let pattern {
        throw spec.error(
          "\(input.displayPath) has no column `\(names[0])` for `\(id.value)`", at: pattern.location
        )
      }
    }
    let wave: Wave
    switch input.wave {
    case .column(let column)?:
      wave = .column(try binder.index(of: column), name: column.value)
    case .fixed(let name)?:
      guard let index = spec.waves.firstIndex(of: name.value) else {
        throw spec.error(
          "wave `\(name.value)` is not one of the pipeline's `waves` "
            + "(\(spec.waves.joined(separator: ", ")))", at: name.location)
      }
      wave = .fixed(index)
    case nil:
      wave = .fixed(0)
    }
    return Columns(
      names: binder.header.names,
      identifiers: try input.identifiers.map { ($0, try binder.index(of: $0.column)) },
      wave: wave,
      instruments: instruments,
      identifying: try input.identifying.map { try binder.index(of: $0) },
      keep: try input.keep.map { ($0.value, try binder.index(of: $0)) },
      freeText: try input.freeText.map { ($0.value, try binder.index(of: $0)) },
      quasi: try input.quasiIdentifiers.map { ($0, try binder.index(of: $0.column)) })
  }

  private func accept(_ row: CSVRow, _ columns: Columns) throws {
    for index in columns.identifying { data.noteIdentifying(row.string(index)) }
    let pid = try resolver.pid(row: row, columns: columns.identifiers, sensitive: &data.sensitive)
    let (wave, waveName) = try self.wave(of: row, columns.wave)
    var items: [String: [Int?]] = [:]
    var setAside: [Reject] = []
    for (instrument, indices) in columns.instruments {
      items[instrument.id] = indices.map { index -> Int? in
        let answer = row.string(index).trimmed
        guard !answer.isEmpty else { return nil }
        if let code = instrument.code(of: answer) { return code }
        let column = columns.names[index]
        setAside.append(
          Reject(
            source: input.name, line: row.line,
            reason: "'\(answer)' is not an answer of \(instrument.id.uppercased()); "
              + instrument.acceptedAnswers, raw: "", column: column, outcome: .valueMissing))
        return nil
      }
    }
    try data.add(
      SurveyResponse(pid: pid, wave: wave, waveName: waveName, line: row.line, items: items),
      input: input.name)
    let raw = setAside.isEmpty ? "" : row.csvText()
    for var reject in setAside {
      reject.raw = raw
      data.rejects.add(reject)
    }
    keepFreeText(row, columns.freeText, pid: pid, wave: waveName)
    data.setAside(data.readQuasi(row, columns.quasi, pid: pid), source: input.name, row: row)
    data.keep(
      columns.keep.map { ($0.name, row.string($0.index).trimmed) },
      for: pid)
  }

  private func keepFreeText(
    _ row: CSVRow, _ columns: [(name: String, index: Int)], pid: String, wave: String
  ) {
    for column in columns {
      let text = row.string(column.index).trimmed
      guard !text.isEmpty else { continue }
      data.freeText.append(
        FreeText(
          pid: pid, source: input.name, wave: wave, column: column.name, line: row.line,
          text: text))
    }
  }

  private func wave(of row: CSVRow, _ wave: Wave) throws -> (Int, String) {
    switch wave {
    case .fixed(let index):
      return (index, spec.waves[index])
    case .column(let column, let name):
      let value = row.string(column).trimmed
      guard let index = spec.waves.firstIndex(where: { $0.lowercased() == value.lowercased() })
      else {
        throw RowRejection(
          reason: "'\(value)' is not one of the waves \(spec.waves.joined(separator: ", "))",
          column: name)
      }
      return (index, spec.waves[index])
    }
  }

  /// Where a response's wave comes from, resolved against the header and the pipeline's waves.
  private enum Wave {
    case fixed(Int)
    case column(Int, name: String)
  }
}
