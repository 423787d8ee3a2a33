import KithSupport

extension LabelledTable {
  /// The columns whose text is a code of few values, labelled in the files: groups, themes,
  /// codes, instrument bands and the generalised quasi-identifiers (besides any column whose
  /// schema lists its values).
  static let codedColumns: Set<String> = [
    "group", "theme", "code", "band", "age_band", "gender", "ethnicity", "area",
  ]

  /// The table of the published `rows` (header first excluded) of a file described by
  /// `schema`; `coded` names more text columns to code (the quasi-identifiers).
  ///
  /// Every cell keeps its CSV meaning: a number is the number written, `*` is ``Missing/withheld``,
  /// an empty cell ``Missing/empty``; a coded column's codes follow its schema's list of values,
  /// else the natural order of the values it holds.
  init(label: String, header: [String], rows: [[String]], schema: TableSchema, coded: Set<String>) {
    let fields = Dictionary(schema.fields.map { ($0.name, $0) }) { a, _ in a }
    var variables: [Variable] = []
    var columns: [[Cell]] = []
    for (index, column) in header.enumerated() {
      let texts = rows.map { index < $0.count ? $0[index] : "" }
      let field = fields[column]
      let (variable, cells) = Self.variable(
        column, texts: texts, field: field,
        coded: coded.contains(column) || Self.codedColumns.contains(column))
      variables.append(variable)
      columns.append(cells)
    }
    self.label = label
    self.variables = variables
    self.rows = rows.indices.map { row in columns.map { $0[row] } }
  }

  /// A column's variable and cells, its kind chosen from its schema and what it holds.
  private static func variable(
    _ column: String, texts: [String], field: TableSchema.Field?, coded: Bool
  ) -> (Variable, [Cell]) {
    let label = field.map { Self.shortLabel($0.description) } ?? column
    let missing = { (text: String) -> Cell? in
      text == DisclosureRule.suppressed
        ? .missing(.withheld) : text.isEmpty ? .missing(.empty) : nil
    }
    let type = field?.type ?? "string"
    let values = texts.filter { missing($0) == nil }
    if type == "date", values.allSatisfy({ CivilDate.day(iso: $0) != nil }) {
      return (
        Variable(name: column, column: column, label: label, kind: .date),
        texts.map { missing($0) ?? .day(CivilDate.day(iso: $0) ?? 0) }
      )
    }
    if type == "integer" || type == "number", values.allSatisfy({ Double($0) != nil }) {
      let constraints = field?.constraints ?? [:]
      let yesNo =
        (constraints["minimum"] == .number(0) && constraints["maximum"] == .number(1))
        || constraints["enum"] == .texts(["0", "1"])
      if yesNo {
        return (
          Variable(
            name: column, column: column, label: label, kind: .coded,
            valueLabels: [ValueLabel(code: 0, label: "no"), ValueLabel(code: 1, label: "yes")]),
          texts.map { missing($0) ?? .number(Double($0) ?? 0) }
        )
      }
      let decimals = values.map(Fixed.decimals(in:)).max() ?? 0
      return (
        Variable(name: column, column: column, label: label, kind: .number(decimals: decimals)),
        texts.map { missing($0) ?? .number(Double($0) ?? 0) }
      )
    }
    var listed: [String] = []
    if case .texts(let allowed) = field?.constraints["enum"] { listed = allowed }
    if coded || !listed.isEmpty {
      var order = listed
      let known = Set(listed)
      order += Set(values).subtracting(known).sorted(by: NaturalOrder.less)
      let codes = Dictionary(order.enumerated().map { ($1, $0 + 1) }) { a, _ in a }
      return (
        Variable(
          name: column, column: column, label: label, kind: .coded,
          valueLabels: order.enumerated().map { ValueLabel(code: $0 + 1, label: $1) }),
        texts.map { missing($0) ?? .number(Double(codes[$0] ?? 0)) }
      )
    }
    return (
      Variable(
        name: column, column: column, label: label,
        kind: .text(width: max(1, texts.map(\.utf8.count).max() ?? 1))),
      texts.map { .text($0) }
    )
  }

  /// The first sentence of `description`, at most 80 characters (Stata's limit for a variable
  /// label; the codebook has the whole description).
  static func shortLabel(_ description: String) -> String {
    var sentence = description
    if let end = description.range(of: ". ") { sentence = String(description[..<end.lowerBound]) }
    if sentence.hasSuffix(".") { sentence.removeLast() }
    guard sentence.count > 80 else { return sentence }
    return String(sentence.prefix(79)) + "…"
  }
}
