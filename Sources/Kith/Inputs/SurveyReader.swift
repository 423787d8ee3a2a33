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
    for located in spec.instruments {
      if let indices = try itemIndices(of: located, binder: &binder) {
        instruments.append((located.value, indices))
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

  /// The columns of an instrument's items in this export: those the input names, else the
  /// definition's default names, else (SWEMWBS) the columns of the instrument it is embedded in;
  /// `nil` when the export does not hold the instrument.
  private func itemIndices(
    of located: Located<Instrument>, binder: inout ColumnBinder
  ) throws -> [Int]? {
    let instrument = located.value
    let owner = Located(instrument.id, at: input.items[instrument.id]?.location ?? located.location)
    switch input.items[instrument.id] {
    case .names(let names)?:
      return try names.map { try binder.index(of: $0) }
    case .pattern(let pattern)?:
      let names = instrument.itemColumns(pattern: pattern.value)
      guard let indices = try binder.indices(of: names, for: owner) else {
        throw spec.error(
          "\(input.displayPath) has no column `\(names[0])` for `\(instrument.id)`",
          at: pattern.location)
      }
      return indices
    case nil:
      if let indices = try binder.indices(of: instrument.itemColumns(), for: owner) {
        return indices
      }
      guard let embedding = instrument.embedding,
        let host = spec.instruments.first(where: { $0.value.id == embedding.instrument }),
        let hostIndices = try itemIndices(of: host, binder: &binder)
      else { return nil }
      return embedding.items.map { hostIndices[$0 - 1] }
    }
  }

  private func accept(_ row: CSVRow, _ columns: Columns) throws {
    let pid = try columns.person.identify(row, resolver: resolver, data: data)
    let (wave, waveName) = try self.wave(of: row, columns.wave)
    var items: [String: [Int?]] = [:]
    var setAside: [RowRejection] = []
    for (instrument, indices) in columns.instruments {
      let codes = indices.map { index -> Int? in
        let answer = row.string(index).trimmed
        guard !answer.isEmpty else { return nil }
        if let code = instrument.answers.code(of: answer) { return code }
        // SWEMWBS read from WEMWBS's columns: one bad cell is one reject.
        guard !setAside.contains(where: { $0.column == columns.names[index] }) else { return nil }
        setAside.append(
          RowRejection(
            reason: "'\(answer)' is not an answer of \(instrument.id.uppercased()); "
              + instrument.answers.accepted, column: columns.names[index]))
        return nil
      }
      items[instrument.id] = codes
      for item in instrument.safeguardingItems {
        if let code = codes[item - 1], code > instrument.answers.codes.lowerBound {
          data.safeguarding.append(
            SafeguardingConcern(
              pid: pid, wave: waveName, instrument: instrument.id, item: item,
              column: columns.names[indices[item - 1]], answer: code, source: input.name,
              line: row.line))
        }
      }
    }
    try data.add(
      SurveyResponse(
        pid: pid, wave: wave, waveName: waveName, input: input.name, line: row.line,
        items: items, exportReversed: input.reversedInExport),
      policy: spec.duplicates)
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
