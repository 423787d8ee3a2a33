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
    "reverse", "item_scores", "scales", "safeguarding", "also_from", "notes",
  ]
  static let scaleKeys = [
    "name", "items", "method", "missing", "conversion", "bands", "cutoff", "higher_is_better",
    "level", "reliable_change",
  ]

  /// Reads the definition in `text`, as if from `file`.
  ///
  /// - Throws: ``PipelineErrors`` naming every problem with its line and column.
  /// - Returns: The instrument.
  public static func read(text: String, file: String) throws -> Instrument {
    let context = SpecContext(file: file, text: text)
    let root: Node
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw PipelineErrors([PipelineError("the instrument definition is empty", file: file)])
      }
      root = node
    } catch let error as YamlError {
      throw PipelineErrors([PipelineLoader.yamlError(error, context: context)])
    }
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
    guard let data = FileManager.default.contents(atPath: url.path),
      let text = String(data: data, encoding: .utf8)
    else {
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
      embedding: nil, notes: try fields["notes"]?.strings().map(\.value) ?? [],
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
    let scalesNode = try fields.required("scales", example: "{total: {items: all}}")
    for (scaleID, node) in try scalesNode.mapping(allowed: []) {
      if let scale = context.collect({
        try self.scale(id: scaleID, node: node, instrument: instrument, items: items)
      }) {
        instrument.scales.append(scale)
      }
    }
    if instrument.scales.isEmpty && context.errors.isEmpty {
      throw scalesNode.error("`scales` must name at least one scale")
    }
    return instrument
  }

  private static func answerCoding(_ node: SpecNode) throws -> AnswerCoding {
    let fields = try node.fields(allowed: ["codes", "labels", "labels_only"])
    let codesNode = try fields.required("codes", example: "[1, 5]")
    guard case .sequence(let bounds) = codesNode.node, bounds.count == 2,
      let low = bounds[0].int, let high = bounds[1].int, low <= high
    else {
      throw codesNode.error(
        "`answers.codes` must be the lowest and highest code, such as `[1, 5]`")
    }
    var labels: [String: Int] = [:]
    for (label, codeNode) in try fields["labels"]?.mapping(allowed: []) ?? [] {
      let code = try codeNode.int(in: low...high)
      let key = AnswerCoding.key(label)
      if let other = labels[key], other != code {
        throw codeNode.error("label `\(label)` is given two codes")
      }
      labels[key] = code
    }
    let labelsOnly = try fields["labels_only"]?.bool() ?? false
    if labelsOnly && labels.isEmpty {
      throw node.error("`answers.labels_only` needs `answers.labels`")
    }
    return AnswerCoding(codes: low...high, labels: labels, labelsOnly: labelsOnly)
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
        guard let code = Int(answer) ?? answers.labels[AnswerCoding.key(answer)],
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
      reliableChange: try fields["reliable_change"].map(reliableChange))
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
    let fields = try node.fields(allowed: ["at_or_above", "at_or_below", "label", "source"])
    let above = fields["at_or_above"]
    let below = fields["at_or_below"]
    guard let threshold = above ?? below, (above == nil) != (below == nil) else {
      throw node.error("`cutoff` needs exactly one of `at_or_above` and `at_or_below`")
    }
    return InstrumentScale.Cutoff(
      score: try number(threshold), atOrAbove: above != nil,
      label: try fields.required("label", example: "clinical range").string().value,
      source: try fields.required("source", example: "Author (year)").string().value)
  }

  private static func reliableChange(_ node: SpecNode) throws -> InstrumentScale.ReliableChange {
    let fields = try node.fields(allowed: ["threshold", "sd", "reliability", "source"])
    let source = try fields.required("source", example: "Author (year)").string().value
    if let threshold = fields["threshold"] {
      return .init(rule: .threshold(try number(threshold).double), source: source)
    }
    let sd = try number(try fields.required("sd", example: "8.79")).double
    let reliabilityNode = try fields.required("reliability", example: "0.89")
    let reliability = try number(reliabilityNode).double
    guard (0..<1).contains(reliability), sd > 0 else {
      throw reliabilityNode.error("`reliability` must be from 0 to below 1 and `sd` above 0")
    }
    return .init(rule: .jacobsonTruax(sd: sd, reliability: reliability), source: source)
  }

  private static func number(_ node: SpecNode) throws -> FixedDecimal {
    guard case .scalar = node.node, let text = node.node.string, let value = FixedDecimal(text)
    else {
      throw node.error("`\(node.path)` must be a number such as `10` or `2.87`")
    }
    return value
  }
}
