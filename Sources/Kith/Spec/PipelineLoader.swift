import Crypto
import Foundation
import KithCSV
import Yams

/// Reads a pipeline file into a ``PipelineSpec``, reporting every problem it finds compiler-style.
public enum PipelineLoader {
  static let topKeys = [
    "study", "key", "demo", "waves", "instruments", "disclosure", "k_anonymity", "dates",
    "age_reference", "pid", "attendance", "inputs", "outputs",
  ]
  static let inputKeys = [
    "path", "type", "format", "header_rows", "delimiter", "encoding", "on_error", "identifier",
    "identifiers",
    "identifying", "keep", "free_text", "quasi_identifiers", "wave", "items", "group", "date",
    "attended",
  ]
  static let surveyOnlyKeys = ["wave", "items"]
  static let registerOnlyKeys = ["group", "date", "attended"]

  /// Loads and validates the pipeline at `path`.
  ///
  /// - Throws: ``PipelineErrors`` listing every problem (unknown keys, wrong types, missing
  ///   files, unknown instruments), each with its line and column.
  public static func load(path: String) throws -> PipelineSpec {
    let url = URL(fileURLWithPath: path)
    guard let data = FileManager.default.contents(atPath: url.path) else {
      let reason = FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "not found"
      throw PipelineErrors([PipelineError("pipeline file \(reason)", file: path)])
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw PipelineErrors([PipelineError("the pipeline file is not UTF-8 text", file: path)])
    }
    return try parse(text: text, file: path, directory: url.deletingLastPathComponent())
  }

  /// Parses pipeline `text` as if read from `file` in `directory`.
  public static func parse(text: String, file: String, directory: URL) throws -> PipelineSpec {
    let context = SpecContext(file: file, text: text)
    let root: Node
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw PipelineErrors([PipelineError("the pipeline file is empty", file: file)])
      }
      root = node
    } catch let error as YamlError {
      throw PipelineErrors([yamlError(error, context: context)])
    }
    let spec = context.collect {
      try build(SpecNode(node: root, path: "", context: context), directory: directory)
    }
    guard let spec, context.errors.isEmpty else { throw PipelineErrors(context.errors) }
    return spec
  }

  private static func build(_ root: SpecNode, directory: URL) throws -> PipelineSpec {
    let context = root.context
    let fields = try root.fields(allowed: topKeys)
    let study = context.collect {
      try fields.required("study", example: "My evaluation").string().value
    }
    let keyFile = context.collect {
      try fields["key"].map { node in
        let text = try node.string()
        return Located(resolve(text.value, in: directory), at: text.location)
      }
    }
    let demo = context.collect { try fields["demo"]?.bool() ?? false } ?? false
    let instruments = context.collect { try instrumentList(fields["instruments"]) } ?? []
    let declaredWaves = context.collect { try fields["waves"]?.strings() } ?? nil
    let disclosure = context.collect { try disclosureRule(fields["disclosure"]) } ?? .nhsDigital
    let kAnonymity =
      context.collect { try kAnonymitySpec(fields["k_anonymity"]) }
      ?? KAnonymitySpec(k: 5, maxSuppressed: 0.1)
    let dates = context.collect { try fields["dates"]?.choice(DateRelease.self) } ?? nil
    let ageReference = context.collect { try self.ageReference(fields["age_reference"]) } ?? nil
    let attendance =
      context.collect { try attendanceSettings(fields["attendance"]) } ?? AttendanceSettings()
    var inputs: [InputSpec] = []
    if let inputsNode = context.collect({ try fields.required("inputs", example: "{…}") }) {
      let entries = context.collect { try inputsNode.mapping(allowed: []) } ?? []
      for entry in entries {
        if let input = context.collect({
          try self.input(name: entry.key, node: entry.value, directory: directory)
        }) {
          inputs.append(input)
        }
      }
      if inputs.isEmpty && context.errors.isEmpty {
        context.record(inputsNode.error("`inputs` lists no input"))
      }
    }
    let pidKind = context.collect { try fields["pid"]?.choice(IdentifierKind.self) } ?? nil
    let outputDirectory = context.collect {
      try fields["outputs"].flatMap { node -> URL? in
        let outputs = try node.fields(allowed: ["dir"])
        return try outputs["dir"].map { resolve(try $0.string().value, in: directory) }
      }
    }
    let waves = context.collect {
      try self.waves(declared: declaredWaves, inputs: inputs, root: root)
    }
    return PipelineSpec(
      file: context.file, directory: directory, study: study ?? "", keyFile: keyFile ?? nil,
      demo: demo, waves: waves ?? [], instruments: instruments, disclosure: disclosure,
      kAnonymity: kAnonymity, dates: dates ?? .exact, attendance: attendance,
      ageReference: ageReference,
      pidKind: pidKind ?? inputs.first?.identifiers.first?.kind ?? .email, inputs: inputs,
      outputDirectory: outputDirectory ?? nil,
      sha256: Hex.string(SHA256.hash(data: Array(context.text.utf8))), sourceLines: context.lines)
  }

  /// A preset by name, or `{preset, suppress_below, round_to, min_n_for_statistics}` where the
  /// numbers override the preset (default `nhs-digital`).
  private static func disclosureRule(_ node: SpecNode?) throws -> DisclosureRule {
    guard let node else { return .nhsDigital }
    let names = DisclosureRule.presets.map(\.name)
    if case .scalar = node.node {
      let name = try node.oneOf(names).value
      return DisclosureRule.presets.first { $0.name == name } ?? .nhsDigital
    }
    let fields = try node.fields(allowed: [
      "preset", "suppress_below", "round_to", "min_n_for_statistics",
    ])
    let presetName = try fields["preset"]?.oneOf(names).value
    var rule = DisclosureRule.presets.first { $0.name == presetName } ?? .nhsDigital
    let custom = ["suppress_below", "round_to", "min_n_for_statistics"].contains {
      fields[$0] != nil
    }
    if let value = fields["suppress_below"] { rule.suppressBelow = try value.int(in: 1...100) }
    if let value = fields["round_to"] { rule.roundTo = try value.int(in: 1...100) }
    if let value = fields["min_n_for_statistics"] {
      rule.minimumForStatistics = try value.int(in: 1...1000)
    }
    if custom { rule.name = "custom (from \(rule.name))" }
    return rule
  }

  /// `{study_end, return_gap_sessions, regular_peer_sessions, isolation_min_sessions,
  /// isolation_max_regular_peers}`, each optional.
  private static func attendanceSettings(_ node: SpecNode?) throws -> AttendanceSettings {
    var settings = AttendanceSettings()
    guard let node else { return settings }
    let fields = try node.fields(allowed: [
      "study_end", "return_gap_sessions", "regular_peer_sessions", "isolation_min_sessions",
      "isolation_max_regular_peers",
    ])
    if let end = fields["study_end"] {
      guard let day = DateFormat.iso.day(try end.string().value) else {
        throw end.error("`attendance.study_end` must be a date like 2025-06-30")
      }
      settings.studyEnd = day
    }
    if let value = fields["return_gap_sessions"] {
      settings.returnGapSessions = try value.int(in: 1...100)
    }
    if let value = fields["regular_peer_sessions"] {
      settings.regularPeerSessions = try value.int(in: 1...100)
    }
    if let value = fields["isolation_min_sessions"] {
      settings.isolationMinSessions = try value.int(in: 1...100)
    }
    if let value = fields["isolation_max_regular_peers"] {
      settings.isolationMaxRegularPeers = try value.int(in: 0...100)
    }
    return settings
  }

  /// `first-attendance` (the default: `nil`) or an ISO date, as a day number.
  private static func ageReference(_ node: SpecNode?) throws -> Int? {
    guard let node else { return nil }
    let text = try node.string()
    if text.value == "first-attendance" { return nil }
    guard let day = DateFormat.iso.day(text.value) else {
      throw node.error("`age_reference` must be `first-attendance` or a date like 2025-01-06")
    }
    return day
  }

  /// `k_anonymity: 5` or `{k: 5, max_suppressed: 0.1}`.
  private static func kAnonymitySpec(_ node: SpecNode?) throws -> KAnonymitySpec {
    guard let node else { return KAnonymitySpec(k: 5, maxSuppressed: 0.1) }
    if case .scalar = node.node {
      return KAnonymitySpec(k: try node.int(in: 1...1000), maxSuppressed: 0.1)
    }
    let fields = try node.fields(allowed: ["k", "max_suppressed"])
    let k = try fields["k"]?.int(in: 1...1000) ?? 5
    var share = 0.1
    if let value = fields["max_suppressed"] {
      guard case .scalar = value.node, let number = value.node.float, (0...1).contains(number)
      else {
        throw value.error("`k_anonymity.max_suppressed` must be a share from 0 to 1, such as 0.1")
      }
      share = number
    }
    return KAnonymitySpec(k: k, maxSuppressed: share)
  }

  /// `{age: {column, format, bands}, gender: {column, groups}, ethnicity: …, postcode: {column}}`.
  private static func quasiIdentifiers(_ node: SpecNode?) throws -> [QuasiIdentifierSpec] {
    guard let node else { return [] }
    return try node.mapping(allowed: QuasiIdentifierSpec.Kind.allCases.map(\.rawValue)).map {
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

  private static func instrumentList(_ node: SpecNode?) throws -> [Located<String>] {
    guard let node else { return [] }
    let ids = InstrumentCatalog.all.map(\.id)
    return try node.strings().map { id in
      guard ids.contains(id.value) else {
        throw node.context.error(
          "unknown instrument `\(id.value)`" + Suggestion.phrase(for: id.value, among: ids),
          at: id.location, hint: "Kith scores: \(ids.joined(separator: ", "))")
      }
      return id
    }
  }

  /// The declared waves, or the fixed waves of the inputs in order when none are declared.
  private static func waves(
    declared: [Located<String>]?, inputs: [InputSpec], root: SpecNode
  ) throws -> [String] {
    if let declared { return declared.map(\.value) }
    var waves: [String] = []
    for input in inputs {
      switch input.wave {
      case .fixed(let wave)? where !waves.contains(wave.value): waves.append(wave.value)
      case .column(let column)?:
        throw root.context.error(
          "input `\(input.name)` reads waves from column `\(column.value)`, so the pipeline must "
            + "list its waves", at: column.location, hint: "add `waves: [baseline, followup]`")
      default: break
      }
    }
    return waves
  }

  private static func input(name: String, node: SpecNode, directory: URL) throws -> InputSpec {
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
    let path = resolve(pathText.value, in: directory)
    if !FileManager.default.fileExists(atPath: path.path) {
      context.record(
        node.context.error(
          "input file not found: `\(pathText.value)`", at: pathText.location,
          hint: "paths are relative to the pipeline file; this one resolves to \(path.path)"))
    }
    let format = try fields["format"]?.choice(InputSpec.Format.self) ?? .csv
    var dialect = CSVDialect(
      headerRows: format == .qualtrics ? 3 : format == .teams || format == .zoom ? 0 : 1)
    if format == .teams { dialect.delimiter = .tab }
    if let rows = fields["header_rows"] { dialect.headerRows = try rows.int(in: 0...20) }
    if let delimiter = fields["delimiter"] {
      let value = try delimiter.oneOf(["auto"] + CSVDelimiter.allCases.map(\.rawValue)).value
      dialect.delimiter = CSVDelimiter(rawValue: value)
    }
    if let encoding = fields["encoding"] {
      let value = try encoding.oneOf(["auto"] + CSVEncoding.allCases.map(\.rawValue)).value
      dialect.encoding = CSVEncoding(rawValue: value)
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
      freeText: try fields["free_text"]?.strings() ?? [], wave: nil, items: [:], group: nil,
      minimumMinutes: 0,
      date: nil,
      attended: nil)
    let identifying = identifiers.map(\.column.value) + input.identifying.map(\.value)
    let quasiColumns = input.quasiIdentifiers.map(\.column)
    for column in input.keep + input.freeText + quasiColumns
    where identifying.contains(column.value) {
      context.record(
        context.error(
          "`\(column.value)` identifies people, so it cannot be kept", at: column.location,
          hint: "identifier and identifying columns never reach release/"))
    }
    if [.wide, .teams, .zoom].contains(format) && kind != .register {
      context.record(node.error("`format: \(format.rawValue)` is for register inputs"))
    }
    switch kind {
    case .survey: try readSurveyFields(fields, node: node, into: &input)
    case .register: try readRegisterFields(fields, node: node, into: &input)
    }
    return input
  }

  private static func readSurveyFields(
    _ fields: SpecFields, node: SpecNode, into input: inout InputSpec
  ) throws {
    let wave = try fields.required("wave", example: "baseline")
    if case .mapping = wave.node {
      input.wave = .column(
        try wave.fields(allowed: ["column"]).required("column", example: "Wave").string())
    } else {
      input.wave = .fixed(try wave.string())
    }
    let ids = InstrumentCatalog.all.map(\.id)
    for (id, pattern) in try fields["items"]?.mapping(allowed: ids) ?? [] {
      let text = try pattern.string()
      guard text.value.contains("{n}") else {
        throw pattern.error(
          "item pattern `\(text.value)` has no `{n}`", hint: "for example `\(id.uppercased())_{n}`")
      }
      input.items[id] = text
    }
  }

  private static func readRegisterFields(
    _ fields: SpecFields, node: SpecNode, into input: inout InputSpec
  ) throws {
    if input.format == .teams || input.format == .zoom {
      input.group = try fields["group"]?.string()
      let date = try fields["date"]?.fields(allowed: ["format"])
      input.date = DateColumnSpec(
        column: nil,
        format: try date?["format"]?.choice(DateFormat.self)
          ?? (input.format == .zoom ? .monthDayYear : .dayMonthYear))
      let attended = try fields["attended"]?.fields(allowed: ["minimum_minutes"])
      input.minimumMinutes = try attended?["minimum_minutes"]?.int(in: 0...1440) ?? 10
      return
    }
    input.group = try fields.required("group", example: "Group").string()
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

  private static func identifierSpec(_ node: SpecNode) throws -> IdentifierSpec {
    let fields = try node.fields(allowed: ["column", "kind"])
    return IdentifierSpec(
      column: try fields.required("column", example: "Email").string(),
      kind: try fields.required("kind", example: "email").choice(IdentifierKind.self))
  }

  private static func resolve(_ path: String, in directory: URL) -> URL {
    path.hasPrefix("/")
      ? URL(fileURLWithPath: path).standardizedFileURL
      : directory.appendingPathComponent(path).standardizedFileURL
  }

  private static func yamlError(_ error: YamlError, context: SpecContext) -> PipelineError {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return context.error(
        "the pipeline is not valid YAML: \(problem)",
        at: SourceLocation(line: mark.line, column: mark.column))
    case .duplicatedKeysInMapping(let duplicates, let yamlContext):
      return context.error(
        "key written twice: \(duplicates.joined(separator: ", "))",
        at: SourceLocation(line: yamlContext.mark.line, column: yamlContext.mark.column))
    default:
      return PipelineError("the pipeline is not valid YAML: \(error)", file: context.file)
    }
  }
}
