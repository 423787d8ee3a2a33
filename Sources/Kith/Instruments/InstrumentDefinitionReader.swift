import Crypto
import Foundation
import Yams

/// Reads an instrument definition file (YAML) into an ``Instrument``, reporting every problem
/// compiler-style, as pipeline files are.
///
/// The format is described in `docs/instruments.md`; the shipped definitions in
/// `Sources/Kith/Instruments/Definitions/` are examples of every part of it.
public enum InstrumentDefinitionReader {
  static let topKeys = [
    "id", "name", "version", "citation", "recall", "recall_days", "items", "columns", "answers",
    "reverse", "item_scores", "scales", "safeguarding", "also_from", "sources", "notes",
  ]
  static let scaleKeys = [
    "name", "items", "method", "missing", "conversion", "bands", "cutoff", "higher_is_better",
    "level", "rci", "sources",
  ]

  /// Reads the definition in `text`, as if from `file`.
  ///
  /// - Throws: ``PipelineErrors`` naming every problem with its line and column.
  /// - Returns: The instrument.
  public static func read(text: String, file: String) throws -> Instrument {
    let context = SpecContext(file: file, text: text)
    let root = try YAMLGuard.root(of: text, context: context, what: "the instrument definition")
    let instrument = context.collect {
      try build(SpecNode(node: root, path: "", context: context), text: text)
    }
    guard let instrument, context.errors.isEmpty else { throw PipelineErrors(context.errors) }
    return instrument
  }

  /// Reads the definition file at `url`.
  ///
  /// - Throws: ``PipelineErrors`` when the file cannot be read or is not a valid definition.
  /// - Returns: The instrument.
  public static func read(url: URL, displayPath: String) throws -> Instrument {
    let bytes: Data?
    do {
      bytes = try RegularFile.read(
        url, what: "the instrument definition", limit: YAMLGuard.maximumBytes)
    } catch let error as UsageError {
      throw PipelineErrors([PipelineError(error.message, file: displayPath)])
    }
    guard let data = bytes, let text = String(data: data, encoding: .utf8) else {
      let reason = FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "not found"
      throw PipelineErrors([
        PipelineError("instrument definition \(reason)", file: displayPath)
      ])
    }
    return try read(text: text, file: displayPath)
  }

  private static func build(_ root: SpecNode, text: String) throws -> Instrument {
    let context = root.context
    let fields = try root.fields(allowed: topKeys)
    let id = try fields.required("id", example: "wemwbs").string()
    guard id.value.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }),
      id.value.first?.isLetter == true
    else {
      throw context.error(
        "instrument id `\(id.value)` must be lower-case letters, digits and `_`, starting with "
          + "a letter", at: id.location)
    }
    let itemCount = try fields.required("items", example: "14").int(in: 1...500)
    let answers = try answerCoding(try fields.required("answers", example: "{codes: [1, 5]}"))
    func item(_ node: SpecNode) throws -> Int {
      let number = try node.int(in: 1...itemCount)
      return number
    }
    func items(_ node: SpecNode) throws -> [Int] {
      if case .scalar = node.node, node.node.string == "all" { return Array(1...itemCount) }
      guard case .sequence(let sequence) = node.node, !sequence.isEmpty else {
        throw node.error("`\(node.path)` must be `all` or a list of item numbers")
      }
      let numbers = try sequence.enumerated().map { index, element in
        try item(SpecNode(node: element, path: "\(node.path)[\(index)]", context: context))
      }
      guard Set(numbers).count == numbers.count else {
        throw node.error("`\(node.path)` lists an item twice")
      }
      return numbers
    }
    var instrument = Instrument(
      id: id.value,
      name: try fields.required("name", example: "My Scale").string().value,
      version: try fields.required("version", example: "\"1\"").string().value,
      citation: try fields.required("citation", example: "Author (year) Journal").string().value,
      recall: try fields["recall"]?.string().value,
      recallDays: try fields["recall_days"]?.int(in: 1...3660),
      itemCount: itemCount,
      columns: try fields["columns"]?.string().value ?? "\(id.value.uppercased())_{n}",
      answers: answers, reversed: try fields["reverse"].map(items) ?? [], itemScores: [:],
      scales: [], safeguardingItems: try fields["safeguarding"].map(items) ?? [],
      embedding: nil, sources: [:], notes: try fields["notes"]?.strings().map(\.value) ?? [],
      digest: Hex.string(SHA256.hash(data: Array(text.utf8))))
    if itemCount > 1 && !instrument.columns.contains("{n}") {
      throw fields["columns"]?.error("`columns` must contain `{n}`, the item number")
        ?? root.error("`columns` must contain `{n}`")
    }
    if let node = fields["item_scores"] {
      instrument.itemScores = try itemScores(node, answers: answers, items: items)
    }
    if let node = fields["also_from"] {
      let also = try node.fields(allowed: ["instrument", "items"])
      let embedded = try also.required("items", example: "[1, 2, 3]")
      guard case .sequence(let sequence) = embedded.node, sequence.count == itemCount else {
        throw embedded.error("`also_from.items` must list \(itemCount) item numbers, one per item")
      }
      instrument.embedding = Instrument.Embedding(
        instrument: try also.required("instrument", example: "wemwbs").string().value,
        items: try sequence.enumerated().map { index, element in
          try SpecNode(node: element, path: "also_from.items[\(index)]", context: context)
            .int(in: 1...500)
        })
    }
    let shared = try fields["sources"].map {
      try sources($0, allowed: InstrumentRule.instrumentRules + InstrumentRule.sharedScaleRules)
    }
    let scalesNode = try fields.required("scales", example: "{total: {items: all}}")
    for (scaleID, node) in try scalesNode.mapping(allowed: []) {
      if var scale = context.collect({
        try self.scale(id: scaleID, node: node, instrument: instrument, items: items)
      }) {
        for rule in InstrumentRule.sharedScaleRules where scale.sources[rule] == nil {
          scale.sources[rule] = shared?.sources[rule]
        }
        instrument.scales.append(scale)
      }
    }
    if instrument.scales.isEmpty && context.errors.isEmpty {
      throw scalesNode.error("`scales` must name at least one scale")
    }
    if let shared {
      instrument.sources = shared.sources.filter { InstrumentRule.instrumentRules.contains($0.key) }
      try checkSourcedRulesExist(shared, instrument: instrument)
    }
    return instrument
  }

  /// The sources a `sources:` mapping names, with where each was named.
  private struct NamedSources {
    var sources: [InstrumentRule: RuleSource] = [:]
    var nodes: [InstrumentRule: SpecNode] = [:]
  }

  /// Reads `{items: {primary: …}, bands: {secondary: …}}`, refusing rules not in `allowed`.
  private static func sources(_ node: SpecNode, allowed: [InstrumentRule]) throws -> NamedSources {
    var named = NamedSources()
    for (key, value) in try node.mapping(allowed: allowed.map(\.rawValue)) {
      guard let rule = InstrumentRule(rawValue: key) else { continue }
      named.sources[rule] = try source(value)
      named.nodes[rule] = value
    }
    return named
  }

  /// A definition may not name a source for a rule it does not have: the source would describe
  /// nothing, and a reader would think the rule is there.
  private static func checkSourcedRulesExist(_ named: NamedSources, instrument: Instrument) throws {
    let present: [InstrumentRule: Bool] = [
      .items: true, .codes: true, .reversal: !instrument.reversed.isEmpty,
      .itemScores: !instrument.itemScores.isEmpty,
      .riskItems: !instrument.safeguardingItems.isEmpty,
      .embedding: instrument.embedding != nil, .missing: true,
      .conversion: instrument.scales.contains { $0.conversion != nil },
      .bands: instrument.scales.contains { !$0.bands.isEmpty },
    ]
    for rule in InstrumentRule.allCases {
      guard let node = named.nodes[rule], present[rule] == false else { continue }
      throw node.error(
        "`\(node.path)` names a source for the \(rule.words), but the definition has none")
    }
  }

  /// A rule's source: `{primary: …}`, `{secondary: …}` or `{decision: …}`.
  static func source(_ node: SpecNode) throws -> RuleSource {
    let kinds = RuleSource.Kind.allCases.map(\.rawValue)
    let entries = try node.mapping(allowed: kinds)
    guard entries.count == 1, let kind = RuleSource.Kind(rawValue: entries[0].key) else {
      throw node.error(
        "`\(node.path)` must be one of `{primary: …}` (the authors' manual, form or paper), "
          + "`{secondary: …}` (any other source) or `{decision: …}` (no source gives a rule; "
          + "say what was chosen and why)")
    }
    return RuleSource(kind: kind, text: try entries[0].value.string().value)
  }

  private static func answerCoding(_ node: SpecNode) throws -> AnswerCoding {
    let fields = try node.fields(allowed: [
      "codes", "labels", "labels_only", "wordings", "numberings",
    ])
    let codesNode = try fields.required("codes", example: "[1, 5]")
    guard case .sequence(let bounds) = codesNode.node, bounds.count == 2,
      let low = bounds[0].int, let high = bounds[1].int, low <= high
    else {
      throw codesNode.error(
        "`answers.codes` must be the lowest and highest code, such as `[1, 5]`")
    }
    let labels = try self.labels(fields["labels"], codes: low...high, known: [:])
    var known = labels
    var wordings: [AnswerCoding.Wording] = []
    if let list = fields["wordings"] {
      guard case .sequence(let sequence) = list.node else {
        throw list.error("`answers.wordings` must be a list of `{source, labels}`")
      }
      for (index, element) in sequence.enumerated() {
        let entry = SpecNode(node: element, path: "\(list.path)[\(index)]", context: list.context)
        let wording = try entry.fields(allowed: ["source", "labels"])
        let added = try self.labels(
          try wording.required("labels", example: "{nearly everyday: 3}"), codes: low...high,
          known: known)
        known.merge(added) { first, _ in first }
        wordings.append(
          AnswerCoding.Wording(
            source: try source(try wording.required("source", example: "{secondary: …}")),
            labels: added))
      }
    }
    let labelsOnly = try fields["labels_only"]?.bool() ?? false
    if labelsOnly && labels.isEmpty {
      throw node.error("`answers.labels_only` needs `answers.labels`")
    }
    var numberings: [AnswerCoding.Numbering] = []
    for (name, entry) in try fields["numberings"]?.mapping(allowed: []) ?? [] {
      guard name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
        throw entry.error("numbering name `\(name)` must be lower-case letters, digits and `-`")
      }
      let numbering = try entry.fields(allowed: ["reversed", "source"])
      numberings.append(
        AnswerCoding.Numbering(
          name: name, reversed: try numbering["reversed"]?.bool() ?? false,
          source: try source(try numbering.required("source", example: "{primary: …}"))))
    }
    if labelsOnly, let numbered = fields["numberings"] {
      throw numbered.error("`answers.numberings` and `labels_only` cannot both be given")
    }
    if numberings.count == 1, let numbered = fields["numberings"] {
      throw numbered.error(
        "`answers.numberings` names the ways exports number the answers when there is more "
          + "than one; with one, leave it out and numbers are read as codes")
    }
    return AnswerCoding(
      codes: low...high, labels: labels, wordings: wordings, labelsOnly: labelsOnly,
      numberings: numberings)
  }

  /// Labels and their codes from `node` (absent: none), refusing a label that `known` or the
  /// mapping itself gives another code.
  private static func labels(
    _ node: SpecNode?, codes: ClosedRange<Int>, known: [String: Int]
  ) throws -> [String: Int] {
    var labels: [String: Int] = [:]
    for (label, codeNode) in try node?.mapping(allowed: []) ?? [] {
      let code = try codeNode.int(in: codes)
      let key = AnswerCoding.key(label)
      if let other = labels[key] ?? known[key], other != code {
        throw codeNode.error("label `\(label)` is given two codes (\(other) and \(code))")
      }
      labels[key] = code
    }
    return labels
  }

  private static func itemScores(
    _ node: SpecNode, answers: AnswerCoding, items: (SpecNode) throws -> [Int]
  ) throws -> [Int: [Int: Int]] {
    guard case .sequence(let sequence) = node.node else {
      throw node.error("`item_scores` must be a list of `{items, scores}`")
    }
    var result: [Int: [Int: Int]] = [:]
    for (index, element) in sequence.enumerated() {
      let entry = SpecNode(node: element, path: "item_scores[\(index)]", context: node.context)
      let fields = try entry.fields(allowed: ["items", "scores"])
      var scores: [Int: Int] = [:]
      for (answer, scoreNode) in try fields.required("scores", example: "{yes: 1, no: 0}")
        .mapping(allowed: [])
      {
        guard let code = Int(answer) ?? answers.code(ofLabel: answer),
          answers.codes.contains(code)
        else {
          throw scoreNode.error(
            "`\(answer)` is neither an answer label nor a code of this instrument")
        }
        scores[code] = try scoreNode.int(in: -1000...1000)
      }
      for item in try items(try fields.required("items", example: "[1, 2]")) {
        result[item] = scores
      }
    }
    return result
  }

  private static func scale(
    id: String, node: SpecNode, instrument: Instrument, items: (SpecNode) throws -> [Int]
  ) throws -> InstrumentScale {
    let fields = try node.fields(allowed: scaleKeys)
    var scale = InstrumentScale(
      id: id, name: try fields["name"]?.string().value ?? id,
      items: try items(try fields.required("items", example: "all")),
      method: try fields["method"]?.choice(InstrumentScale.Method.self) ?? .sum,
      missing: try missingRule(fields["missing"]), conversion: nil, bands: [], cutoff: nil,
      higherIsBetter: try fields.required("higher_is_better", example: "true").bool(),
      level: try fields["level"]?.choice(InstrumentScale.Level.self) ?? .interval,
      reliableChange: try fields["rci"].map(reliableChange))
    if let node = fields["sources"] {
      scale.sources = try sources(node, allowed: InstrumentRule.sharedScaleRules).sources
    }
    if let node = fields["conversion"] {
      scale.conversion = try conversion(node, range: instrument.scoreRange(scale), scale: scale)
    }
    if let node = fields["bands"] { scale.bands = try bands(node) }
    if let node = fields["cutoff"] { scale.cutoff = try cutoff(node) }
    return scale
  }

  private static func missingRule(_ node: SpecNode?) throws -> InstrumentScale.MissingRule {
    guard let node else { return .complete }
    if case .scalar = node.node {
      _ = try node.oneOf(["complete"])
      return .complete
    }
    let fields = try node.fields(allowed: ["max_missing", "rule", "decimals"])
    let limit = try fields.required("max_missing", example: "2").int(in: 0...100)
    switch try fields.required("rule", example: "prorate").oneOf(["prorate", "sum-answered"]).value
    {
    case "prorate":
      return .prorate(maxMissing: limit, decimals: try fields["decimals"]?.int(in: 0...4) ?? 0)
    default:
      return .sumAnswered(maxMissing: limit)
    }
  }

  private static func conversion(
    _ node: SpecNode, range: ClosedRange<FixedDecimal>, scale: InstrumentScale
  ) throws -> [Int: FixedDecimal] {
    let fields = try node.fields(allowed: ["from", "values"])
    let first = try fields.required("from", example: "7").int(in: -1000...1000)
    let valuesNode = try fields.required("values", example: "[7.00, 9.51]")
    guard case .sequence(let values) = valuesNode.node else {
      throw valuesNode.error("`conversion.values` must be a list of numbers")
    }
    guard let low = range.lowerBound.integer, let high = range.upperBound.integer,
      first == low, values.count == high - low + 1
    else {
      throw valuesNode.error(
        "the conversion table must give one value for every raw score from "
          + "\(range.lowerBound) to \(range.upperBound)")
    }
    if case .prorate(_, let decimals) = scale.missing, decimals != 0 {
      throw node.error("a converted scale can only prorate to whole numbers (`decimals: 0`)")
    }
    var table: [Int: FixedDecimal] = [:]
    for (offset, value) in values.enumerated() {
      guard let text = value.string, let number = FixedDecimal(text) else {
        throw valuesNode.error("conversion value \(offset + 1) is not a number")
      }
      table[first + offset] = number
    }
    return table
  }

  private static func bands(_ node: SpecNode) throws -> [InstrumentScale.Band] {
    guard case .sequence(let sequence) = node.node, !sequence.isEmpty else {
      throw node.error("`bands` must be a list of `{label, min, max}`")
    }
    var bands: [InstrumentScale.Band] = []
    for (index, element) in sequence.enumerated() {
      let entry = SpecNode(node: element, path: "\(node.path)[\(index)]", context: node.context)
      let fields = try entry.fields(allowed: ["label", "min", "max"])
      let band = InstrumentScale.Band(
        label: try fields.required("label", example: "mild").string().value,
        min: try number(try fields.required("min", example: "5")),
        max: try number(try fields.required("max", example: "9")))
      guard band.min <= band.max, bands.last.map({ $0.max < band.min }) ?? true else {
        throw entry.error(
          "bands must be in increasing order without overlapping: `\(band.label)` "
            + "(\(band.min)–\(band.max)) is not")
      }
      bands.append(band)
    }
    return bands
  }

  private static func cutoff(_ node: SpecNode) throws -> InstrumentScale.Cutoff {
    let fields = try node.fields(allowed: [
      "at_or_above", "at_or_below", "label", "source", "clinical",
    ])
    let above = fields["at_or_above"]
    let below = fields["at_or_below"]
    guard let threshold = above ?? below, (above == nil) != (below == nil) else {
      throw node.error("`cutoff` needs exactly one of `at_or_above` and `at_or_below`")
    }
    var cutoff = InstrumentScale.Cutoff(
      score: try number(threshold), atOrAbove: above != nil,
      label: try fields.required("label", example: "clinical range").string().value,
      source: try source(try fields.required("source", example: "{primary: Author (year)}")))
    if let clinical = fields["clinical"] { cutoff.clinical = try clinical.bool() }
    return cutoff
  }

  private static func reliableChange(_ node: SpecNode) throws -> InstrumentScale.ReliableChange {
    let fields = try node.fields(allowed: [
      "threshold", "sd", "reliability", "confidence", "sample", "source", "sensitivity",
    ])
    let source = try source(try fields.required("source", example: "{primary: Author (year)}"))
    let sample = try fields.required("sample", example: "population survey, n = 1,749")
      .string().value
    var confidence = InstrumentScale.ReliableChange.Confidence.ninetyFive
    if let node = fields["confidence"] {
      let level = try number(node)
      guard
        let known = InstrumentScale.ReliableChange.Confidence.allCases.first(where: {
          FixedDecimal($0.rawValue) == level
        })
      else {
        throw node.error("`\(node.path)` must be 0.90 or 0.95, the levels RCIs are published at")
      }
      confidence = known
    }
    if let threshold = fields["threshold"] {
      if let other = fields["sd"] ?? fields["reliability"] {
        throw other.error(
          "`rci` gives either a `threshold` or an `sd` and a `reliability`, not both")
      }
      return .init(
        rule: .threshold(try number(threshold)), confidence: confidence, sample: sample,
        source: source)
    }
    let sd = try number(try fields.required("sd", example: "8.79"))
    let reliabilityNode = try fields.required("reliability", example: "0.91")
    let reliability = try number(reliabilityNode)
    guard (0..<1).contains(reliability.double), sd.double > 0 else {
      throw reliabilityNode.error("`reliability` must be from 0 to below 1 and `sd` above 0")
    }
    var rule = InstrumentScale.ReliableChange(
      rule: .jacobsonTruax(sd: sd, reliability: reliability), confidence: confidence,
      sample: sample, source: source)
    if let node = fields["sensitivity"] { rule.sensitivity = try sensitivity(node) }
    return rule
  }

  /// A second reliability for the same SD: `{reliability: 0.83, kind: test-retest, source: …}`.
  private static func sensitivity(
    _ node: SpecNode
  ) throws -> InstrumentScale.ReliableChange.Sensitivity {
    let fields = try node.fields(allowed: ["reliability", "kind", "source"])
    let reliabilityNode = try fields.required("reliability", example: "0.83")
    let reliability = try number(reliabilityNode)
    guard (0..<1).contains(reliability.double) else {
      throw reliabilityNode.error("`reliability` must be from 0 to below 1")
    }
    return .init(
      reliability: reliability,
      kind: try fields.required("kind", example: "test-retest").string().value,
      source: try source(try fields.required("source", example: "{primary: Author (year)}")))
  }

  private static func number(_ node: SpecNode) throws -> FixedDecimal {
    guard case .scalar = node.node, let text = node.node.string, let value = FixedDecimal(text)
    else {
      throw node.error("`\(node.path)` must be a number such as `10` or `2.87`")
    }
    return value
  }
}
