/// The counts of the published study tables as an attacker writes them down: each published
/// count a variable bounded by what its published form allows, each count the tables imply
/// without publishing (people in no group) a hidden variable, and every sum, equality and
/// inequality between them a reader can tell from the tables' layouts (``Attacker``).
///
/// It is built from the published values alone — never from what made them — so that it checks
/// the protection independently.
struct AttackModel {
  let rule: DisclosureRule
  /// Each variable's bounds.
  private(set) var bounds: [CountKey: ClosedRange<Double>] = [:]
  private(set) var relations: [CountRelation] = []
  /// The cell each published variable is.
  private(set) var cells: [CountKey: Recovery.Cell] = [:]
  /// Published variables shown as `*`, and hidden ones.
  private(set) var suppressed: Set<CountKey> = []
  private(set) var hidden: Set<CountKey> = []

  init(rule: DisclosureRule) { self.rule = rule }

  /// The variable of the count in `row`, `column` of `table`; `nil` for a blank or text.
  mutating func count(_ table: PublishedTable, _ row: Int?, _ column: String) -> CountKey? {
    guard let row, let value = table.value(row, column) else { return nil }
    let key = CountKey("\(table.id)#\(row)#\(column)")
    if bounds[key] != nil { return key }
    if value.isSuppressed {
      bounds[key] = 1...Double.infinity
      suppressed.insert(key)
    } else if let shown = Int(value.text) {
      let range = rule.counts(publishedAs: shown)
      bounds[key] = Double(range.lowerBound)...Double(range.upperBound)
    } else {
      return nil
    }
    cells[key] = Recovery.Cell(table: table.id, row: row, column: column)
    return key
  }

  /// The hidden variable `name`: a count the tables imply but do not publish.
  mutating func hidden(_ name: String) -> CountKey {
    let key = CountKey("hidden|\(name)")
    if bounds[key] == nil {
      bounds[key] = 0...Double.infinity
      hidden.insert(key)
    }
    return key
  }

  /// `total` is the sum of `parts` (nothing when one of them is not a published count).
  mutating func sum(_ total: CountKey?, _ parts: [CountKey?]) {
    guard let total, !parts.isEmpty else { return }
    let known = parts.compactMap { $0 }
    guard known.count == parts.count else { return }
    relations.append(CountRelation(total: total, parts: known))
  }

  /// `a` and `b` are the same count.
  mutating func same(_ a: CountKey?, _ b: CountKey?) {
    guard let a, let b, a != b else { return }
    relations.append(CountRelation(total: a, parts: [b]))
  }

  /// `part` is at most `whole`: `whole` is `part` plus a hidden rest, `rest`.
  mutating func atMost(_ part: CountKey?, _ whole: CountKey?, rest: String) {
    guard let part, let whole else { return }
    relations.append(CountRelation(total: whole, parts: [part, hidden(rest)]))
  }

  /// Every variable, sorted.
  var keys: [CountKey] { bounds.keys.sorted() }

  /// The published cells in a sum with `key`, itself left out.
  func cells(besides key: CountKey) -> [Recovery.Cell] {
    let members = relations.filter { $0.total == key || $0.parts.contains(key) }
      .flatMap { [$0.total] + $0.parts }
    return Set(members.filter { $0 != key }).sorted().compactMap { cells[$0] }
  }

  /// What a reader can work out of the counts: each variable's interval, solved on demand.
  func audit() -> AuditModel {
    let bounds = self.bounds
    return AuditModel(relations: relations) { bounds[$0] ?? 0...Double.infinity }
  }
}
