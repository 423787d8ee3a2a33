import Crypto
import Foundation
import KithCSV
import Yams

/// Reads a pipeline file into a ``PipelineSpec``, reporting every problem it finds compiler-style.
public enum PipelineLoader {
  static let topKeys = [
    "study", "key", "demo", "waves", "instruments", "disclosure", "k_anonymity", "dates",
    "age_reference", "pid", "attendance", "inputs", "outputs", "duplicates", "qualitative",
    "max_rejected", "max_unrecognised", "period",
    "joint_display", "quasi_identifiers", "report",
  ]
  static let inputKeys = [
    "path", "type", "format", "header_rows", "delimiter", "encoding", "on_error", "identifier",
    "identifiers",
    "identifying", "keep", "keep_raw", "free_text", "quasi_identifiers", "wave", "items",
    "group", "date", "attended", "reversed_in_export", "codes", "answers", "partial_responses",
    "max_rejected", "max_unrecognised", "period", "dictionary", "max_field_mib", "sheet",
    "header_row",
  ]
  static let surveyOnlyKeys = [
    "wave", "items", "reversed_in_export", "codes", "answers", "partial_responses",
    "max_unrecognised", "dictionary",
  ]
  static let registerOnlyKeys = ["group", "date", "attended"]

  /// Loads and validates the pipeline at `path`.
  ///
  /// - Throws: ``PipelineErrors`` listing every problem (unknown keys, wrong types, missing
  ///   files, unknown instruments), each with its line and column.
  public static func load(path: String) throws -> PipelineSpec {
    let text = try YAMLGuard.text(ofFile: path, what: "pipeline file")
    return try parse(
      text: text, file: path, directory: URL(fileURLWithPath: path).deletingLastPathComponent())
  }

  /// Parses pipeline `text` as if read from `file` in `directory`.
  public static func parse(text: String, file: String, directory: URL) throws -> PipelineSpec {
    let context = SpecContext(file: file, text: text)
    let root = try YAMLGuard.root(of: text, context: context, what: "the pipeline file")
    let spec = context.collect {
      try build(SpecNode(node: root, path: "", context: context), directory: directory)
    }
    guard let spec, context.errors.isEmpty else { throw PipelineErrors(context.errors) }
    return spec
  }

  /// The SHA-256 of `node` in canonical YAML.
  static func digest(_ node: Node) -> String {
    let text = (try? Yams.serialize(node: node, canonical: true)) ?? ""
    return Hex.string(SHA256.hash(data: Array(text.utf8)))
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
    let instruments =
      context.collect { try instrumentList(fields["instruments"], directory: directory) } ?? []
    let duplicates =
      context.collect { try fields["duplicates"]?.choice(DuplicatePolicy.self) } ?? nil
    let declaredWaves = context.collect { try fields["waves"]?.strings() } ?? nil
    let disclosure = context.collect { try disclosureRule(fields["disclosure"]) } ?? .nhsDigital
    let kAnonymity =
      context.collect { try kAnonymitySpec(fields["k_anonymity"]) }
      ?? KAnonymitySpec(k: 5, maxSuppressed: 0.1)
    let dates = context.collect { try fields["dates"]?.choice(DateRelease.self) } ?? nil
    let ageReference = context.collect { try self.ageReference(fields["age_reference"]) } ?? nil
    let attendance =
      context.collect { try attendanceSettings(fields["attendance"]) } ?? AttendanceSettings()
    let lossLimits =
      context.collect { try self.lossLimits(fields, base: LossLimits()) } ?? LossLimits()
    let period = context.collect { try self.period(fields["period"], base: nil, survey: false) }
    var inputs: [InputSpec] = []
    if let inputsNode = context.collect({ try fields.required("inputs", example: "{…}") }) {
      let entries = context.collect { try inputsNode.mapping(allowed: []) } ?? []
      for entry in entries {
        if let input = context.collect({
          try self.input(
            name: entry.key, node: entry.value, directory: directory,
            instruments: instruments.map(\.value), lossLimits: lossLimits, period: period ?? nil)
        }) {
          inputs.append(input)
        }
      }
      if inputs.isEmpty && context.errors.isEmpty {
        context.record(inputsNode.error("`inputs` lists no input"))
      }
    }
    let codings =
      context.collect { try self.codings(fields["qualitative"], directory: directory) } ?? []
    let priority = context.collect {
      try self.priority(fields["quasi_identifiers"], inputs: inputs)
    }
    let jointDisplay = context.collect {
      try self.jointDisplay(fields["joint_display"], instruments: instruments.map(\.value))
    }
    let pidKind = context.collect { try fields["pid"]?.choice(IdentifierKind.self) } ?? nil
    let outputs = context.collect { try self.outputs(fields["outputs"], directory: directory) }
    let report = context.collect {
      try self.reportSettings(fields["report"], directory: directory)
    }
    let waves = context.collect {
      try self.waves(declared: declaredWaves, inputs: inputs, root: root)
    }
    var settingDigests: [String: String] = [:]
    for entry in fields.entries where entry.key != "inputs" {
      settingDigests[entry.key] = digest(entry.value.node)
    }
    // A study's own definition file can change while the pipeline does not.
    settingDigests["instruments", default: ""] += instruments.map(\.value.digest).joined()
    var spec = PipelineSpec(
      file: context.file, directory: directory, study: study ?? "", keyFile: keyFile ?? nil,
      demo: demo, waves: waves ?? [], instruments: instruments,
      duplicates: duplicates ?? .firstComplete, disclosure: disclosure,
      kAnonymity: kAnonymity, dates: dates ?? .exact, attendance: attendance,
      ageReference: ageReference,
      pidKind: pidKind ?? inputs.first?.identifiers.first?.kind ?? .email, inputs: inputs,
      outputDirectory: outputs?.flatMap(\.directory),
      sha256: Hex.string(SHA256.hash(data: Array(context.text.utf8))),
      settingDigests: settingDigests, sourceLines: context.lines)
    spec.codings = codings
    spec.lossLimits = lossLimits
    if let selection = outputs??.selection { spec.release = selection }
    if let priority { spec.kAnonymity.priority = priority }
    if let jointDisplay { spec.jointDisplay = jointDisplay }
    if let report { spec.report = report }
    return spec
  }

  /// `outputs: {dir, data, tables, columns, report, formats}`: where outputs go and which release files (and
  /// which of their columns) are published.
  private static func outputs(
    _ node: SpecNode?, directory: URL
  ) throws -> (directory: URL?, selection: ReleaseSelection)? {
    guard let node else { return nil }
    let fields = try node.fields(
      allowed: ["dir", "data", "tables", "columns", "report", "formats"])
    func names(_ key: String, among allowed: [String]) throws -> Set<String>? {
      try fields[key].map { list in
        Set(
          try list.strings().map { name in
            guard allowed.contains(name.value) else {
              throw list.context.error(
                "`\(list.path)` lists `\(name.value)`, which is not one of "
                  + allowed.map { "`\($0)`" }.joined(separator: ", ")
                  + Suggestion.phrase(for: name.value, among: allowed), at: name.location)
            }
            return name.value
          })
      }
    }
    let data = try names("data", among: ReleaseSelection.dataFiles)
    return (
      try fields["dir"].map { resolve(try $0.string().value, in: directory) },
      ReleaseSelection(
        data: data, tables: try names("tables", among: ReleaseSelection.studyTables),
        columns: try fields["columns"].map { try columns($0, published: data) } ?? [:],
        report: try fields["report"]?.bool() ?? true,
        formats: try formats(fields["formats"]))
    )
  }

  /// `outputs.formats: [csv, sav, dta, xlsx]`: each a known format, CSV among them.
  private static func formats(_ node: SpecNode?) throws -> Set<ReleaseFormat> {
    guard let node else { return [.csv] }
    let allowed = ReleaseFormat.allCases.map(\.rawValue)
    var formats: Set<ReleaseFormat> = []
    for name in try node.strings() {
      guard let format = ReleaseFormat(rawValue: name.value) else {
        throw node.context.error(
          "`\(node.path)` lists `\(name.value)`, which is not one of "
            + allowed.map { "`\($0)`" }.joined(separator: ", ")
            + Suggestion.phrase(for: name.value, among: allowed), at: name.location)
      }
      formats.insert(format)
    }
    guard formats.contains(.csv) else {
      throw node.context.error(
        "`\(node.path)` must list `csv`: the release is CSV with its data package, and the "
          + "other formats are made from it — write `[csv, \(formats.map(\.rawValue).sorted().joined(separator: ", "))]`",
        at: node.location)
    }
    return formats
  }

  /// The columns each data file publishes: `outputs.columns: {participants: [pid, …], …}`.
  ///
  /// Whether a column exists is known only once the file is made (kept columns, instruments);
  /// here each file must be a published one and each list non-empty, without repeats.
  private static func columns(
    _ node: SpecNode, published: Set<String>?
  ) throws -> [String: [Located<String>]] {
    var columns: [String: [Located<String>]] = [:]
    for (file, list) in try node.mapping(allowed: ReleaseSelection.dataFiles) {
      if let published, !published.contains(file) {
        throw list.error(
          "`\(list.path)` lists columns of `\(file)`, which `outputs.data` does not publish",
          hint: "add `\(file)` to `outputs.data`, or remove `\(file)` from `outputs.columns`")
      }
      let names = try list.strings()
      guard !names.isEmpty else {
        throw list.error(
          "`\(list.path)` lists no column",
          hint: "to publish no `\(file).csv`, leave `\(file)` out of `outputs.data`")
      }
      var seen: Set<String> = []
      for name in names where !seen.insert(name.value).inserted {
        throw list.context.error(
          "`\(list.path)` lists `\(name.value)` twice", at: name.location)
      }
      columns[file] = names
    }
    return columns
  }

  /// The study's `quasi_identifiers.priority`, declared at the top level (`quasi_identifiers:
  /// {priority: […]}`) or on inputs, which must agree.
  private static func priority(
    _ node: SpecNode?, inputs: [InputSpec]
  ) throws -> [QuasiIdentifierSpec.Kind] {
    if let node { _ = try node.fields(allowed: ["priority"]) }
    let declared = [try quasiPriority(node)].compactMap { $0 } + inputs.compactMap(\.quasiPriority)
    guard let first = declared.first else { return [] }
    if let other = declared.first(where: { $0.value != first.value }) {
      throw node?.context.error(
        "two `quasi_identifiers.priority` lists disagree; the study has one priority",
        at: other.location, hint: "declare it once, at the top level")
        ?? PipelineError("two `quasi_identifiers.priority` lists disagree", file: "")
    }
    return first.value
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
        throw end.error(
          "`attendance.study_end` must be a date like 2025-06-30, in the years "
            + "\(CivilDate.years.lowerBound) to \(CivilDate.years.upperBound)")
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

  /// `max_rejected: 0.1` and `max_unrecognised: {count: 3, share: 0.02}` in `fields` (the
  /// pipeline's or an input's), over `base`.
  static func lossLimits(_ fields: SpecFields, base: LossLimits) throws -> LossLimits {
    var limits = base
    if let node = fields["max_rejected"] { limits.rejectedShare = try share(node) }
    if let node = fields["max_unrecognised"] {
      let limit = try node.fields(allowed: ["count", "share"])
      if let count = limit["count"] { limits.unrecognisedCount = try count.int(in: 1...1_000_000) }
      if let value = limit["share"] { limits.unrecognisedShare = try share(value) }
    }
    return limits
  }

  /// `period: {from: 2025-02-01, to: 2025-08-31}` over `base` (the pipeline's, for an input);
  /// on a survey input also `date: {column: RecordedDate, format: yyyy-MM-dd}`.
  static func period(_ node: SpecNode?, base: StudyPeriod?, survey: Bool) throws -> StudyPeriod? {
    guard let node else { return base }
    let fields = try node.fields(allowed: survey ? ["from", "to", "date"] : ["from", "to"])
    var period = base ?? StudyPeriod()
    for (key, bound) in [("from", \StudyPeriod.from), ("to", \StudyPeriod.to)] {
      guard let value = fields[key] else { continue }
      guard let day = DateFormat.iso.day(try value.string().value) else {
        throw value.error(
          "`\(value.path)` must be a date like 2025-02-01, in the years "
            + "\(CivilDate.years.lowerBound) to \(CivilDate.years.upperBound)")
      }
      period[keyPath: bound] = day
    }
    if let from = period.from, let to = period.to, from > to {
      throw node.error(
        "`\(node.path)` ends (\(CivilDate.iso(to))) before it starts (\(CivilDate.iso(from)))")
    }
    if let date = fields["date"] {
      let dateFields = try date.fields(allowed: ["column", "format"])
      period.responseDate = DateColumnSpec(
        column: try dateFields.required("column", example: "RecordedDate").string(),
        format: try dateFields["format"]?.choice(DateFormat.self) ?? .iso)
    }
    return period
  }

  /// A share from 0 to 1 (`0.1`), or a percentage (`10%`).
  private static func share(_ node: SpecNode) throws -> Double {
    let text = try node.string().value
    let value =
      text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
    guard let value, (0...1).contains(value) else {
      throw node.error("`\(node.path)` must be a share from 0 to 1, such as `0.1` or `10%`")
    }
    return value
  }

  /// `first-attendance` (the default: `nil`) or an ISO date, as a day number.
  private static func ageReference(_ node: SpecNode?) throws -> Int? {
    guard let node else { return nil }
    let text = try node.string()
    if text.value == "first-attendance" { return nil }
    guard let day = DateFormat.iso.day(text.value) else {
      throw node.error(
        "`age_reference` must be `first-attendance` or a date like 2025-01-06, in the years "
          + "\(CivilDate.years.lowerBound) to \(CivilDate.years.upperBound)")
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

  /// The instruments named by `node`: a shipped instrument's id, or the path (ending `.yaml`)
  /// of a definition file, relative to the pipeline.
  private static func instrumentList(
    _ node: SpecNode?, directory: URL
  ) throws -> [Located<Instrument>] {
    guard let node else { return [] }
    let shipped = try InstrumentCatalog.shipped()
    let ids = shipped.map(\.id)
    var instruments: [Located<Instrument>] = []
    for name in try node.strings() {
      let instrument: Instrument
      if name.value.hasSuffix(".yaml") || name.value.hasSuffix(".yml") {
        do {
          instrument = try InstrumentDefinitionReader.read(
            url: resolve(name.value, in: directory), displayPath: name.value)
        } catch let errors as PipelineErrors {
          throw node.context.error(
            "instrument definition `\(name.value)` cannot be used:\n"
              + errors.errors.map(\.description).joined(separator: "\n"), at: name.location)
        }
      } else if let known = shipped.first(where: { $0.id == name.value }) {
        instrument = known
      } else {
        throw node.context.error(
          "unknown instrument `\(name.value)`" + Suggestion.phrase(for: name.value, among: ids),
          at: name.location,
          hint: "Kith ships: \(ids.joined(separator: ", ")); `kith instruments` describes them, "
            + "and a study's own definition is named by its file (`../instruments/mine.yaml`)")
      }
      if instruments.contains(where: { $0.value.id == instrument.id }) {
        throw node.context.error(
          "instrument `\(instrument.id)` is listed twice", at: name.location)
      }
      instruments.append(Located(instrument, at: name.location))
    }
    return instruments
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
      case .window(_, _, let windows)?:
        waves += windows.map(\.wave).filter { !waves.contains($0) }
      case .column(let column, _)?:
        throw root.context.error(
          "input `\(input.name)` reads waves from column `\(column.value)`, so the pipeline must "
            + "list its waves", at: column.location, hint: "add `waves: [baseline, followup]`")
      default: break
      }
    }
    return waves
  }

  static func resolve(_ path: String, in directory: URL) -> URL {
    path.hasPrefix("/")
      ? URL(fileURLWithPath: path).standardizedFileURL
      : directory.appendingPathComponent(path).standardizedFileURL
  }

  static func yamlError(_ error: YamlError, context: SpecContext) -> PipelineError {
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
    case .reader(let problem, let offset, _, _):
      return PipelineError(
        "the file is not readable text (\(problem)"
          + (offset.map { " at byte \($0)" } ?? "") + "); save it as UTF-8 text",
        file: context.file)
    default:
      return PipelineError(
        "the file could not be read as YAML; check that it is a text file", file: context.file)
    }
  }
}
