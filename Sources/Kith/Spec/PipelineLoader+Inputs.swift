import Foundation
import KithCSV
import Yams

/// Reading the `inputs:` of a pipeline: one export each, with the roles of its columns.
extension PipelineLoader {
  static func input(
    name: String, node: SpecNode, directory: URL, instruments: [Instrument],
    lossLimits: LossLimits, period: StudyPeriod?
  ) throws -> InputSpec {
    let context = node.context
    let fields = try node.fields(allowed: inputKeys)
    let kind = try fields.required("type", example: "survey").choice(InputSpec.Kind.self)
    let misplaced = kind == .survey ? registerOnlyKeys : surveyOnlyKeys
    for entry in fields.entries where misplaced.contains(entry.key) {
      context.record(
        node.context.error(
          "`\(entry.key)` applies to \(kind == .survey ? "register" : "survey") inputs, but "
            + "`\(name)` is a \(kind.rawValue)", at: entry.value.location))
    }
    let pathText = try fields.required("path", example: "../data/survey.csv").string()
    var path = resolve(pathText.value, in: directory)
    var excel: ExcelSource?
    if !FileManager.default.fileExists(atPath: path.path) {
      context.record(
        node.context.error(
          "input file not found: `\(pathText.value)`", at: pathText.location,
          hint: "paths are relative to the pipeline file; this one resolves to \(path.path)"))
    } else if ExcelInput.isWorkbook(path) {
      // An Excel workbook is read as the CSV of its sheet (ExcelInput), by content.
      let sheet = try fields["sheet"].map { node -> ExcelInput.Sheet in
        if let position = try? node.int(in: 1...1000) { return .position(position) }
        return .name(try node.string().value)
      }
      let headerRow = try fields["header_row"]?.int(in: 1...1_048_576) ?? 1
      (path, excel) = try ExcelInput.csv(
        of: path, displayName: pathText.value, sheet: sheet, headerRow: headerRow)
    } else {
      for key in ["sheet", "header_row"] {
        if let entry = fields[key] {
          context.record(
            entry.error(
              "`\(entry.path)` applies to Excel workbooks, but `\(pathText.value)` is not one "
                + "(a CSV's header is its first line; `header_rows` counts more)"))
        }
      }
    }
    var format = try fields["format"]?.choice(InputSpec.Format.self) ?? .csv
    var dialect = CSVDialect(headerRows: format == .teams || format == .zoom ? 0 : 1)
    if format == .teams { dialect.delimiter = .tab }
    if let delimiter = fields["delimiter"] {
      let value = try delimiter.oneOf(["auto"] + CSVDelimiter.allCases.map(\.rawValue)).value
      dialect.delimiter = CSVDelimiter(rawValue: value)
    }
    if let encoding = fields["encoding"] {
      let value = try encoding.oneOf(["auto"] + CSVEncoding.allCases.map(\.rawValue)).value
      dialect.encoding = CSVEncoding(rawValue: value)
    }
    let detected =
      kind == .survey && fields["format"] == nil
      && FileManager.default.fileExists(atPath: path.path)
    if detected { format = SurveyPlatform.detect(path: path.path, dialect: dialect) }
    if kind == .survey { dialect.headerRows = SurveyPlatform.headerRows(format) }
    if let rows = fields["header_rows"] { dialect.headerRows = try rows.int(in: 0...20) }
    if let size = fields["max_field_mib"] {
      dialect.maxFieldBytes = try size.int(in: 1...1024) << 20
    }
    let onError = try fields["on_error"]?.choice(InputSpec.ErrorPolicy.self) ?? .rejectRow
    let identifiers: [IdentifierSpec]
    switch (fields["identifier"], fields["identifiers"]) {
    case (let single?, nil): identifiers = [try identifierSpec(single)]
    case (nil, let list?):
      guard case .sequence(let items) = list.node, !items.isEmpty else {
        throw list.error(
          "`\(list.path)` must be a list such as [{column: Email, kind: email}, "
            + "{column: Mobile, kind: phone}]")
      }
      identifiers = try items.enumerated().map { index, item in
        try identifierSpec(SpecNode(node: item, path: "\(list.path)[\(index)]", context: context))
      }
      let kinds = identifiers.map(\.kind)
      guard Set(kinds).count == kinds.count else {
        throw list.error("`\(list.path)` names two columns of the same kind")
      }
      guard format != .teams && format != .zoom || identifiers.count == 1 else {
        throw list.error(
          "a \(format == .teams ? "Teams" : "Zoom") report identifies people by one column "
            + "(their email), so `\(list.path)` can name only one",
          hint: "link the email to other identifiers through an input that holds both")
      }
    case (_?, _?):
      throw node.error("`\(name)` has both `identifier` and `identifiers`; keep one")
    case (nil, nil):
      throw node.error(
        "`inputs.\(name)` needs `identifier`",
        hint: "for example `identifier: {column: Email, kind: email}`")
    }
    var input = InputSpec(
      name: name, path: path, displayPath: pathText.value, pathLocation: pathText.location,
      kind: kind, format: format, dialect: dialect, onError: onError, identifiers: identifiers,
      identifying: try fields["identifying"]?.strings() ?? [],
      keep: try fields["keep"]?.strings() ?? [],
      quasiIdentifiers: try quasiIdentifiers(fields["quasi_identifiers"]),
      quasiPriority: try quasiPriority(fields["quasi_identifiers"]),
      freeText: try fields["free_text"]?.strings() ?? [], wave: nil, items: [:], group: nil,
      minimumMinutes: 0,
      date: nil,
      attended: nil)
    input.digest = digest(node.node)
    input.excel = excel
    input.lossLimits = try self.lossLimits(fields, base: lossLimits)
    input.period = try self.period(fields["period"], base: period, survey: kind == .survey)
    input.formatDetected = detected && format != .csv
    let identifying = identifiers.map(\.column.value) + input.identifying.map(\.value)
    let quasiColumns = input.quasiIdentifiers.map(\.column)
    for column in input.keep + input.freeText + quasiColumns
    where identifying.contains(column.value) {
      context.record(
        context.error(
          "`\(column.value)` identifies people, so it cannot be kept", at: column.location,
          hint: "identifier and identifying columns never reach release/"))
    }
    input.keepRaw = try keepRaw(fields["keep_raw"], input: input)
    checkRoles(of: input, context: context)
    if [.wide, .teams, .zoom].contains(format) && kind != .register {
      context.record(node.error("`format: \(format.rawValue)` is for register inputs"))
    }
    if ![.csv, .wide, .teams, .zoom].contains(format) && kind != .survey {
      context.record(node.error("`format: \(format.rawValue)` is for survey inputs"))
    }
    switch kind {
    case .survey:
      try readSurveyFields(
        fields, node: node, instruments: instruments, directory: directory, into: &input)
    case .register: try readRegisterFields(fields, node: node, into: &input)
    }
    return input
  }

  /// `wave: {date: …, windows: {baseline: [-28, 14], …}}`: waves by date, relative to each
  /// participant's first attended session.
  private static func waveWindows(_ wave: SpecNode) throws -> WaveSpec {
    let fields = try wave.fields(allowed: ["date", "windows"])
    let dateNode = try fields.required(
      "date", example: "{column: RecordedDate, format: yyyy-MM-dd}")
    let column: Located<String>
    var format = DateFormat.dayMonthYear
    if case .mapping = dateNode.node {
      let dateFields = try dateNode.fields(allowed: ["column", "format"])
      column = try dateFields.required("column", example: "RecordedDate").string()
      format = try dateFields["format"]?.choice(DateFormat.self) ?? .dayMonthYear
    } else {
      column = try dateNode.string()
    }
    var windows: [WaveWindow] = []
    let windowsNode = try fields.required("windows", example: "{baseline: [-28, 14]}")
    for (name, bounds) in try windowsNode.mapping(allowed: []) {
      guard case .sequence(let sequence) = bounds.node, sequence.count == 2 else {
        throw bounds.error(
          "`\(bounds.path)` must be two day numbers, the first and last day of the window",
          hint: "for example `\(name): [70, 126]` (days from the first attended session)")
      }
      let days = try sequence.enumerated().map { index, element in
        try SpecNode(node: element, path: "\(bounds.path)[\(index)]", context: bounds.context)
          .int(in: -3650...3650)
      }
      guard days[0] <= days[1] else {
        throw bounds.error("`\(bounds.path)` starts after it ends (\(days[0]) > \(days[1]))")
      }
      if let overlap = windows.first(where: { $0.to >= days[0] && days[1] >= $0.from }) {
        throw bounds.error(
          "the window of `\(name)` overlaps the window of `\(overlap.wave)`, so a response "
            + "could belong to both")
      }
      windows.append(WaveWindow(wave: name, from: days[0], to: days[1]))
    }
    return .window(date: column, format: format, windows: windows)
  }

  static func readSurveyFields(
    _ fields: SpecFields, node: SpecNode, instruments: [Instrument], directory: URL,
    into input: inout InputSpec
  ) throws {
    let wave = try fields.required("wave", example: "baseline")
    if case .mapping = wave.node,
      try wave.fields(allowed: []).entries.contains(where: {
        $0.key == "windows"
      })
    {
      input.wave = try waveWindows(wave)
    } else if case .mapping = wave.node {
      let waveFields = try wave.fields(allowed: ["column", "map"])
      var map: [String: String] = [:]
      for (value, target) in try waveFields["map"]?.mapping(allowed: []) ?? [] {
        map[value.lowercased()] = try target.string().value
      }
      input.wave = .column(
        try waveFields.required("column", example: "redcap_event_name").string(), map: map)
    } else {
      input.wave = .fixed(try wave.string())
    }
    input.partialResponses = try fields["partial_responses"]?.bool() ?? false
    if let dictionary = fields["dictionary"] {
      let text = try dictionary.string()
      guard input.format == .redcap else {
        throw dictionary.error(
          "`dictionary` is REDCap's data dictionary, and `\(input.name)` is not a REDCap export",
          hint: "set `format: redcap` on the input, or remove `dictionary`")
      }
      let path = resolve(text.value, in: directory)
      guard FileManager.default.fileExists(atPath: path.path) else {
        throw dictionary.error(
          "data dictionary not found: `\(text.value)`",
          hint: "paths are relative to the pipeline file; this one resolves to \(path.path)")
      }
      input.dictionary = (path, text.value)
    }
    let ids = instruments.map(\.id)
    for (id, columns) in try fields["items"]?.mapping(allowed: ids) ?? [] {
      guard let instrument = instruments.first(where: { $0.id == id }) else { continue }
      if case .sequence = columns.node {
        let names = try columns.strings()
        guard names.count == instrument.itemCount else {
          throw columns.error(
            "`\(columns.path)` names \(names.count) columns, but \(id) has "
              + "\(instrument.itemCount) items")
        }
        input.items[id] = .names(names)
        continue
      }
      let text = try columns.string()
      guard text.value.contains("{n}") || instrument.itemCount == 1 else {
        throw columns.error(
          "item pattern `\(text.value)` has no `{n}`",
          hint: "for example `\(id.uppercased())_{n}`, or a list of the \(instrument.itemCount) "
            + "column names")
      }
      input.items[id] = .pattern(text)
    }
    for id in try fields["reversed_in_export"]?.strings() ?? [] {
      guard let instrument = instruments.first(where: { $0.id == id.value }) else {
        throw node.context.error(
          "`reversed_in_export` names `\(id.value)`, which the pipeline's `instruments` do not "
            + "list", at: id.location)
      }
      guard !instrument.reversed.isEmpty else {
        throw node.context.error(
          "\(id.value) has no reversed items, so its export cannot hold them reversed",
          at: id.location)
      }
      input.reversedInExport.insert(id.value)
    }
    for (id, name) in try fields["codes"]?.mapping(allowed: ids) ?? [] {
      guard let instrument = instruments.first(where: { $0.id == id }) else { continue }
      let numberings = instrument.answers.numberings.map(\.name)
      guard !numberings.isEmpty else {
        throw name.error(
          "\(id)'s answers are numbered one way only (its codes), so `codes` has nothing to "
            + "choose; leave it out"
            + (instrument.answers.labelsOnly ? " (\(id) is read from labels only)" : ""))
      }
      input.numberings[id] = try name.oneOf(numberings).value
    }
    for (owner, labels) in try fields["answers"]?.mapping(allowed: []) ?? [] {
      // An instrument's id covers its items; anything else names an item column, checked
      // against the export's columns when it is read.
      let range = instruments.first { $0.id == owner }?.answers.codes
      var wordings: [String: Int] = [:]
      for (label, code) in try labels.mapping(allowed: []) {
        wordings[AnswerCoding.key(label)] = try code.int(in: range ?? Int.min...Int.max)
      }
      input.answerWordings[owner] = wordings
      input.answerWordingLocations[owner] = labels.location
    }
  }

  static func readRegisterFields(
    _ fields: SpecFields, node: SpecNode, into input: inout InputSpec
  ) throws {
    let meeting = input.format == .teams || input.format == .zoom
    try readGroup(fields["group"], meeting: meeting, into: &input)
    if meeting {
      let date = try fields["date"]?.fields(allowed: ["format"])
      input.date = DateColumnSpec(
        column: nil,
        format: try date?["format"]?.choice(DateFormat.self)
          ?? (input.format == .zoom ? .monthDayYear : .dayMonthYear))
      let attended = try fields["attended"]?.fields(allowed: ["minimum_minutes"])
      input.minimumMinutes = try attended?["minimum_minutes"]?.int(in: 0...1440) ?? 10
      return
    }
    if input.group == nil && input.fixedGroup == nil {
      _ = try fields.required("group", example: "Group")
    }
    if input.format == .wide {
      let date = try fields["date"]?.fields(allowed: ["format"])
      input.date = DateColumnSpec(
        column: nil, format: try date?["format"]?.choice(DateFormat.self) ?? .dayMonthYear)
      let marks = try fields["attended"]?.fields(allowed: ["present", "absent"])
      input.attended = AttendedSpec(
        column: nil,
        present: try marks?["present"]?.strings().map { $0.value.lowercased() }
          ?? AttendedSpec.defaultPresent,
        absent: try marks?["absent"]?.strings().map { $0.value.lowercased() }
          ?? AttendedSpec.defaultAbsent.filter { !$0.isEmpty })
      return
    }
    let date = try fields.required("date", example: "{column: Session date, format: dd/MM/yyyy}")
    if case .mapping = date.node {
      let dateFields = try date.fields(allowed: ["column", "format"])
      let format = try dateFields["format"]?.choice(DateFormat.self)
      input.date = DateColumnSpec(
        column: try dateFields.required("column", example: "Session date").string(),
        format: format ?? .dayMonthYear)
    } else {
      input.date = DateColumnSpec(column: try date.string(), format: .dayMonthYear)
    }
    if let attended = fields["attended"] {
      if case .mapping = attended.node {
        let marks = try attended.fields(allowed: ["column", "present", "absent"])
        input.attended = AttendedSpec(
          column: try marks.required("column", example: "Attended").string(),
          present: try marks["present"]?.strings().map { $0.value.lowercased() }
            ?? AttendedSpec.defaultPresent,
          absent: try marks["absent"]?.strings().map { $0.value.lowercased() }
            ?? AttendedSpec.defaultAbsent)
      } else {
        input.attended = AttendedSpec(
          column: try attended.string(), present: AttendedSpec.defaultPresent,
          absent: AttendedSpec.defaultAbsent)
      }
    }
  }

  /// Reads a register's `group:`.
  ///
  /// A column (`group: Group`, `group: {column: Group}`) or one group for every row
  /// (`group: {name: Riverside}`). A meeting report's plain `group:` is the group's name, as
  /// its rows carry none.
  private static func readGroup(
    _ node: SpecNode?, meeting: Bool, into input: inout InputSpec
  ) throws {
    guard let node else { return }
    guard case .mapping = node.node else {
      if meeting {
        input.fixedGroup = try node.string().value
      } else {
        input.group = try node.string()
      }
      return
    }
    let fields = try node.fields(allowed: meeting ? ["name"] : ["name", "column"])
    switch (fields["name"], fields["column"]) {
    case (let name?, nil): input.fixedGroup = try name.string().value
    case (nil, let column?): input.group = try column.string()
    default:
      throw node.error(
        "`\(node.path)` needs one of `name` (one group for every row) or `column` (the "
          + "column naming each row's group)", hint: "for example `group: {name: Riverside}`")
    }
  }

  /// `keep_raw: {column: reason}`: kept or free-text columns that look like quasi-identifiers,
  /// released as they are for the reason given (written to the run log and privacy report).
  private static func keepRaw(_ node: SpecNode?, input: InputSpec) throws -> [String: String] {
    guard let node else { return [:] }
    var reasons: [String: String] = [:]
    let kept = (input.keep + input.freeText).map(\.value)
    for (column, reasonNode) in try node.mapping(allowed: []) {
      let reason = try reasonNode.string()
      guard kept.contains(column) else {
        throw reasonNode.error(
          "`\(node.path)` names `\(column)`, which the input does not keep",
          hint: "`keep_raw` only gives the reason for a column listed under `keep` or "
            + "`free_text`; add `\(column)` there, or remove it here")
      }
      reasons[column] = reason.value
    }
    return reasons
  }

  /// Records an error for every column given two roles — a quasi-identifier is released only
  /// generalised, so it cannot also be kept or kept as free text — and for every kept column
  /// whose header names a quasi-identifier without a `keep_raw` reason.
  private static func checkRoles(of input: InputSpec, context: SpecContext) {
    let quasi = Set(input.quasiIdentifiers.map(\.column.value))
    for column in input.keep + input.freeText {
      let role = input.keep.contains(where: { $0.value == column.value }) ? "keep" : "free_text"
      if quasi.contains(column.value) {
        context.record(
          context.error(
            "`\(column.value)` is declared under `quasi_identifiers`, so it is released only "
              + "generalised; it cannot also be listed under `\(role)`", at: column.location,
            hint: "a column has one role: remove `\(column.value)` from `\(role)`"))
      } else if input.keepRaw[column.value] == nil,
        let look = QuasiIdentifierLook.byHeader(column.value)
      {
        context.record(
          context.error(
            "`\(column.value)` looks like \(look.rawValue) (by its name), a quasi-identifier "
              + "that could single a person out, yet `\(role)` would release it as it is",
            at: column.location, hint: keepRawHint(column.value)))
      }
    }
  }

  /// What to do about a kept column that looks like a quasi-identifier.
  static func keepRawHint(_ column: String) -> String {
    "declare it under `quasi_identifiers:` to release it generalised, or say why it must be "
      + "released as it is with `keep_raw: {\"\(column)\": \"the reason\"}` on the input"
  }

  static func identifierSpec(_ node: SpecNode) throws -> IdentifierSpec {
    let fields = try node.fields(allowed: ["column", "kind"])
    return IdentifierSpec(
      column: try fields.required("column", example: "Email").string(),
      kind: try fields.required("kind", example: "email").choice(IdentifierKind.self))
  }

  /// `quasi_identifiers.priority: [age, area, gender]`: the characteristics to keep when one
  /// must be coarsened or suppressed, most important first, by kind (`age`, `gender`,
  /// `ethnicity`, `postcode`) or released column (`age_band`, `area`).
  static func quasiPriority(_ node: SpecNode?) throws -> Located<[QuasiIdentifierSpec.Kind]>? {
    guard let node, case .mapping = node.node,
      let list = try node.fields(allowed: []).entries.first(where: { $0.key == "priority" })?.value
    else { return nil }
    var names: [String: QuasiIdentifierSpec.Kind] = [:]
    for kind in QuasiIdentifierSpec.Kind.allCases {
      (names[kind.rawValue], names[kind.outputColumn]) = (kind, kind)
    }
    var kinds: [QuasiIdentifierSpec.Kind] = []
    for name in try list.strings() {
      guard let kind = names[name.value] else {
        throw list.context.error(
          "`\(list.path)` lists `\(name.value)`, which is not a quasi-identifier"
            + Suggestion.phrase(for: name.value, among: names.keys.sorted()), at: name.location,
          hint: "name them as age, gender, ethnicity and postcode (or area)")
      }
      guard !kinds.contains(kind) else {
        throw list.context.error("`\(list.path)` lists `\(name.value)` twice", at: name.location)
      }
      kinds.append(kind)
    }
    return Located(kinds, at: list.location)
  }

  /// `{age: {column, format, bands}, gender: {column, groups}, ethnicity: …, postcode: {column}}`,
  /// and `priority` (``quasiPriority(_:)``).
  static func quasiIdentifiers(_ node: SpecNode?) throws -> [QuasiIdentifierSpec] {
    guard let node else { return [] }
    let allowed = QuasiIdentifierSpec.Kind.allCases.map(\.rawValue) + ["priority"]
    return try node.mapping(allowed: allowed).filter { $0.key != "priority" }.map {
      entry in
      guard let kind = QuasiIdentifierSpec.Kind(rawValue: entry.key) else {
        throw entry.value.error("unknown quasi-identifier `\(entry.key)`")
      }
      let allowed: [String] =
        switch kind {
        case .age: ["column", "format", "bands"]
        case .gender, .ethnicity: ["column", "groups"]
        case .postcode: ["column"]
        }
      let fields = try entry.value.fields(allowed: allowed)
      var spec = QuasiIdentifierSpec(
        kind: kind, column: try fields.required("column", example: "Gender").string(),
        dateFormat: try fields["format"]?.choice(DateFormat.self) ?? .dayMonthYear,
        bands: QuasiIdentifierSpec.defaultBands, groups: [])
      if let bands = fields["bands"] {
        let values = try bands.strings().map { text -> Int in
          guard let value = Int(text.value), value >= 0 else {
            throw bands.error("`bands` must list ages in years, such as [18, 25, 35]")
          }
          return value
        }
        guard !values.isEmpty, values == values.sorted(), Set(values).count == values.count else {
          throw bands.error("`bands` must list ages in increasing order")
        }
        spec.bands = values
      }
      if kind == .gender || kind == .ethnicity {
        let groups = try fields.required("groups", example: "{Woman: [female, woman]}")
        spec.groups = try groups.mapping(allowed: []).map { group in
          (group.key, try group.value.strings().map { $0.value.lowercased().trimmed })
        }
      }
      return spec
    }
  }
}
