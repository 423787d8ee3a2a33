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
    /// What reading each instrument's answers takes, apart: read for every row, these are not
    /// copied out of the whole definitions.
    var items: [(reading: AnswerReading, safeguarding: [Int], columns: [Int])]
    var platform: PlatformColumns
    /// Where each instrument's codes lie in a response.
    var layout: ItemLayout
    /// Where the responses' codes are kept.
    var blocks = CodeBlocks()
    /// What the item columns held that was not an answer.
    var tally = AnswerTally()
    /// Per position in a response's codes, whether it is the first to read its column (SWEMWBS
    /// read from WEMWBS's columns reads them again): each cell is tallied once.
    var tallies: [Bool] = []
    /// The column dating each response, when the export has one.
    var responseDate: (index: Int, name: String, format: DateFormat)?
  }

  func read(progress: ((InputProgress) -> Void)?) throws -> InputReport {
    let scan = InputScan(spec: spec, input: input, rejects: data.rejects, progress: progress)
    var rowsWithoutAnswers = 0
    var tally: (AnswerTally, [String])?
    var undated = false
    var report = try scan.run(bind: { binder in
      let columns = try bind(&binder)
      undated = input.period != nil && columns.responseDate == nil
      return columns
    }) { row, columns in
      if tally == nil { tally = (columns.tally, columns.names) }
      if try !accept(row, columns) { rowsWithoutAnswers += 1 }
    }
    report.unrecognisedAnswers = tally.map { $0.0.summary(names: $0.1) } ?? []
    if undated, let period = input.period {
      report.notices.append(
        "the study period (\(period.described)) is not checked for these responses: the export "
          + "has no date column Kith knows; name one with `period: {date: {column: …, format: "
          + "yyyy-MM-dd}}` on the input")
    }
    if input.formatDetected {
      report.notices.insert(
        "read as a \(SurveyPlatform.name(input.format)) export (detected; set `format:` on the "
          + "input to override)", at: 0)
    }
    if rowsWithoutAnswers > 0 {
      report.notices.append(
        "\(rowsWithoutAnswers) REDCap row\(rowsWithoutAnswers == 1 ? " holds" : "s hold") no "
          + "answers to the pipeline's instruments (other forms or events); only who they are "
          + "about and their kept columns were read")
    }
    return report
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
    case .column(let column, let map)?:
      if let unknown = map.values.sorted().first(where: { !spec.waves.contains($0) }) {
        throw spec.error(
          "the wave map of \(input.displayPath) names `\(unknown)`, which is not one of the "
            + "pipeline's `waves` (\(spec.waves.joined(separator: ", ")))", at: column.location)
      }
      wave = .column(try binder.index(of: column), name: column.value, map: map)
    case .window(let column, let format, let windows)?:
      var placed: [(index: Int, window: WaveWindow)] = []
      for window in windows {
        guard let index = spec.waves.firstIndex(of: window.wave) else {
          throw spec.error(
            "the wave window `\(window.wave)` of \(input.displayPath) is not one of the "
              + "pipeline's `waves` (\(spec.waves.joined(separator: ", ")))", at: column.location)
        }
        placed.append((index, window))
      }
      wave = .window(
        try binder.index(of: column), name: column.value, format: format, windows: placed,
        firstDay: data.ledger.firstAttendedDays(pids: data.pids))
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
    let flat = instruments.flatMap(\.1)
    let tallies = flat.indices.map { position in !flat[..<position].contains(flat[position]) }
    let itemColumns = Set(flat.map { binder.header.names[$0] })
    let ids = Set(spec.instruments.map(\.value.id))
    for owner in input.answerWordings.keys.sorted()
    where !ids.contains(owner)
      && !itemColumns.contains(owner)
    {
      throw spec.error(
        "`answers:` names `\(owner)`, which is neither an instrument of the pipeline nor an item "
          + "column of \(input.displayPath)", at: input.answerWordingLocations[owner])
    }
    return Columns(
      names: binder.header.names,
      person: try PersonColumns(input: input, binder: &binder),
      wave: wave,
      instruments: instruments,
      items: try instruments.map { instrument, columns in
        let reading = AnswerReading(
          instrument, reversedInExport: input.reversedInExport.contains(instrument.id),
          numbering: input.numberings[instrument.id],
          added: try addedWordings(instrument, columns: columns.map { binder.header.names[$0] }))
        return (reading, instrument.safeguardingItems, columns)
      },
      platform: try PlatformColumns(
        input: input, header: binder.header, instruments: instruments, spec: spec),
      layout: ItemLayout(instruments.map { ($0.0.id, $0.1.count) }), tallies: tallies,
      responseDate: try responseDate(binder: &binder))
  }

  /// The column dating each response: the one `period: {date: …}` names, else the wave
  /// windows' date, else the platform's own (Qualtrics `RecordedDate`, LimeSurvey `submitdate`,
  /// SurveyMonkey `End Date`); `nil` when the export has none of these.
  private func responseDate(
    binder: inout ColumnBinder
  ) throws -> (index: Int, name: String, format: DateFormat)? {
    if let declared = input.period?.responseDate, let column = declared.column {
      return (try binder.index(of: column), column.value, declared.format)
    }
    if case .window(let column, let format, _)? = input.wave {
      return (try binder.index(of: column), column.value, format)
    }
    let known: [(String, DateFormat)] = [
      ("RecordedDate", .iso), ("submitdate", .iso), ("Date submitted", .iso),
      ("End Date", .monthDayYear),
    ]
    for (name, format) in known where binder.header.names.contains(name) {
      return (try binder.index(of: Located(name)), name, format)
    }
    return nil
  }

  /// Per item of `instrument` (in `columns`), the wordings the input adds under `answers:` for
  /// the instrument and for the item's column.
  ///
  /// - Throws: A pipeline error for a wording that gives a label of the definition another code,
  ///   or a code outside the instrument's.
  private func addedWordings(_ instrument: Instrument, columns: [String]) throws -> [[String: Int]]
  {
    try columns.map { column in
      var wordings = input.answerWordings[instrument.id] ?? [:]
      wordings.merge(input.answerWordings[column] ?? [:]) { _, item in item }
      for (label, code) in wordings {
        let owner = input.answerWordings[column]?[label] != nil ? column : instrument.id
        let location = input.answerWordingLocations[owner]
        guard instrument.answers.codes.contains(code) else {
          throw spec.error(
            "`answers: {\(owner): …}` gives '\(label)' the code \(code), but \(instrument.id)'s "
              + "codes are \(instrument.answers.codes.lowerBound)–"
              + "\(instrument.answers.codes.upperBound)", at: location)
        }
        if let defined = instrument.answers.code(ofLabel: label), defined != code {
          throw spec.error(
            "`answers: {\(owner): …}` gives '\(label)' the code \(code), but \(instrument.id)'s "
              + "definition reads it as \(defined)", at: location)
        }
      }
      return wordings
    }
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

  /// Reads one response; returns `false` for a REDCap row that answers none of the instruments,
  /// which is read only for its person columns.
  ///
  /// Every answer is read before anything can reject the row, so that a risk item answered above
  /// its lowest answer, or answered in a way that cannot be read, is flagged even on a row that
  /// is then rejected (unfinished, unidentified, outside every wave).
  private func accept(_ row: CSVRow, _ columns: Columns) throws -> Bool {
    var items: [Int32] = []
    items.reserveCapacity(columns.layout.counts.reduce(0) { $0 + $1.1 })
    var unreadable: [(instrument: Int, item: Int, reason: String)] = []
    for (position, entry) in columns.items.enumerated() {
      for (offset, index) in entry.columns.enumerated() {
        switch entry.reading.read(row, column: index, item: offset + 1) {
        case .blank:
          items.append(SurveyResponse.missing)
        case .code(let code):
          if columns.tallies[items.count] { columns.tally.noteAnswered(column: index) }
          items.append(Int32(clamping: code))
        case .unreadable(let reason):
          if columns.tallies[items.count] {
            columns.tally.noteAnswered(column: index)
            columns.tally.noteUnrecognised(
              row.string(index).trimmed, column: index, instrument: entry.reading.instrument)
          }
          items.append(SurveyResponse.missing)
          unreadable.append((position, offset + 1, reason))
        }
      }
    }
    var concerns = riskConcerns(row, columns, items: items, unreadable: unreadable)
    var (pid, waveName) = ("", "")
    defer {
      if !concerns.isEmpty {
        for index in concerns.indices {
          (concerns[index].pid, concerns[index].wave) = (pid, waveName)
        }
        data.safeguarding += concerns
      }
    }
    if let unfinished = columns.platform.unfinished(row) { throw unfinished }
    columns.platform.noteIdentifying(row, data: data)
    pid = try columns.person.identify(row, resolver: resolver, data: data)
    if input.format == .redcap && items.allSatisfy({ $0 == SurveyResponse.missing })
      && unreadable.isEmpty
    {
      columns.person.record(row, pid: pid, wave: "", data: data)
      return false
    }
    let day = try columns.responseDate.flatMap { try responseDay(row, $0) }
    let (wave, name) = try self.wave(of: row, columns.wave, pid: pid)
    waveName = name
    var setAside: [RowRejection] = []
    var start = 0
    for (position, entry) in columns.items.enumerated() {
      defer { start += entry.columns.count }
      let id = entry.reading.instrument
      guard let incomplete = columns.platform.incompleteForm(row, instrument: id),
        entry.columns.contains(where: { !row.string($0).trimmed.isEmpty })
      else { continue }
      if !setAside.contains(where: { $0.column == incomplete.column }) {
        setAside.append(incomplete)
      }
      for index in start..<start + entry.columns.count { items[index] = SurveyResponse.missing }
      unreadable.removeAll { $0.instrument == position }
    }
    for problem in unreadable {
      // SWEMWBS read from WEMWBS's columns: one bad cell is one reject.
      let column = columns.names[columns.items[problem.instrument].columns[problem.item - 1]]
      guard !setAside.contains(where: { $0.column == column }) else { continue }
      setAside.append(RowRejection(reason: problem.reason, column: column))
    }
    try data.add(
      SurveyResponse(
        pid: pid, wave: wave, waveName: waveName, input: input.name, line: row.line, day: day,
        layout: columns.layout, codes: items, blocks: columns.blocks),
      policy: spec.duplicates)
    data.setAside(setAside, source: input.name, row: row)
    columns.person.record(row, pid: pid, wave: waveName, data: data)
    return true
  }

  /// The safeguarding concerns of one row, before it is identified: each risk item answered
  /// above its lowest answer, and each whose answer cannot be read.
  private func riskConcerns(
    _ row: CSVRow, _ columns: Columns, items: [Int32],
    unreadable: [(instrument: Int, item: Int, reason: String)]
  ) -> [SafeguardingConcern] {
    var concerns: [SafeguardingConcern] = []
    var start = 0
    for (position, entry) in columns.items.enumerated() {
      defer { start += entry.columns.count }
      for item in entry.safeguarding {
        let index = entry.columns[item - 1]
        let code = items[start + item - 1]
        let lowest = entry.reading.answers.codes.lowerBound
        let reason: String
        if code != SurveyResponse.missing {
          guard code > lowest else { continue }
          reason = SafeguardingConcern.aboveLowest
        } else if unreadable.contains(where: { $0.instrument == position && $0.item == item }) {
          reason = SafeguardingConcern.unreadable
        } else {
          continue
        }
        concerns.append(
          SafeguardingConcern(
            pid: "", wave: "", instrument: entry.reading.instrument, item: item,
            column: columns.names[index],
            answer: code == SurveyResponse.missing ? nil : Int(code),
            text: row.string(index).trimmed, reason: reason, source: input.name, line: row.line))
      }
    }
    return concerns
  }

  /// The day a response was given; with a study period, a response dated outside it, or whose
  /// date cannot be read, is rejected; without one, an unreadable date leaves the response
  /// undated.
  private func responseDay(
    _ row: CSVRow, _ date: (index: Int, name: String, format: DateFormat)
  ) throws -> Int32? {
    guard let period = input.period else {
      return date.format.day(row.bytes(date.index)).map(Int32.init)
    }
    let text = row.string(date.index).trimmed
    guard let day = date.format.day(text) else {
      throw RowRejection(
        reason: "'\(text)' is not a date \(date.format.expectation), so whether the response "
          + "is in the study period cannot be told", column: date.name)
    }
    if let outside = period.outside(day) {
      throw RowRejection(
        reason: "a response dated \(CivilDate.iso(day)), \(outside)", column: date.name)
    }
    return Int32(day)
  }

  private func wave(of row: CSVRow, _ wave: Wave, pid: String) throws -> (Int, String) {
    switch wave {
    case .window(let column, let name, let format, let windows, let firstDay):
      let text = row.string(column).trimmed
      guard let day = format.day(text) else {
        throw RowRejection(
          reason: "'\(text)' is not a date \(format.expectation), so the response's wave "
            + "cannot be told", column: name)
      }
      guard let first = firstDay[pid] else {
        throw RowRejection(
          reason: "the participant attended no session, so the wave of a response dated "
            + "\(CivilDate.iso(day)) cannot be told from days since the first session",
          column: name)
      }
      let sinceFirst = day - first
      guard let placed = windows.first(where: { $0.window.contains(sinceFirst) }) else {
        let described = windows.map { "\($0.window.wave) \($0.window.from) to \($0.window.to)" }
        throw RowRejection(
          reason: "dated \(CivilDate.iso(day)), day \(sinceFirst) from the participant's first "
            + "session (\(CivilDate.iso(first))), which is in no wave's window "
            + "(\(described.joined(separator: ", ")))", column: name)
      }
      return (placed.index, placed.window.wave)
    case .fixed(let index):
      return (index, spec.waves[index])
    case .column(let column, let name, let map):
      let value = row.string(column).trimmed
      if !map.isEmpty {
        guard let mapped = map[value.lowercased()],
          let index = spec.waves.firstIndex(of: mapped)
        else {
          throw RowRejection(
            reason: "'\(value)' is not mapped to a wave; add it under the input's "
              + "`wave: map:` to keep it", column: name)
        }
        return (index, mapped)
      }
      let lowered = value.lowercased()
      guard let index = spec.waves.firstIndex(where: { $0.lowercased() == lowered }) else {
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
    case column(Int, name: String, map: [String: String])
    case window(
      Int, name: String, format: DateFormat, windows: [(index: Int, window: WaveWindow)],
      firstDay: [String: Int])
  }
}
