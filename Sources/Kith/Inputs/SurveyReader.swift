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
    var person: PersonColumns
    var wave: Wave
    var instruments: [(instrument: Instrument, columns: [Int])]
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
      person: try PersonColumns(input: input, binder: &binder),
      wave: wave,
      instruments: instruments)
  }

  private func accept(_ row: CSVRow, _ columns: Columns) throws {
    let pid = try columns.person.identify(row, resolver: resolver, data: data)
    let (wave, waveName) = try self.wave(of: row, columns.wave)
    var items: [String: [Int?]] = [:]
    var setAside: [RowRejection] = []
    for (instrument, indices) in columns.instruments {
      items[instrument.id] = indices.map { index -> Int? in
        let answer = row.string(index).trimmed
        guard !answer.isEmpty else { return nil }
        if let code = instrument.code(of: answer) { return code }
        setAside.append(
          RowRejection(
            reason: "'\(answer)' is not an answer of \(instrument.id.uppercased()); "
              + instrument.acceptedAnswers, column: columns.names[index]))
        return nil
      }
    }
    try data.add(
      SurveyResponse(pid: pid, wave: wave, waveName: waveName, line: row.line, items: items),
      input: input.name)
    data.setAside(setAside, source: input.name, row: row)
    columns.person.record(row, pid: pid, wave: waveName, data: data)
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
