/// Which counts of the study tables are suppressed: those the rule suppresses (primary), and
/// enough others (secondary, or complementary) that no suppressed count — nor a small count the
/// tables imply without publishing it, such as the people in no group — can be worked out by
/// adding and subtracting published ones, within a table or across tables.
///
/// The method is the one sdcTable and tau-Argus use, audited exactly: every count is a variable;
/// a published one lies in the interval its published value allows (the value itself, or the
/// values that round to it); a suppressed one is at least 1; an unpublished one at least 0; the
/// tables' sums are equations. A count is recovered when the smallest and largest values it can
/// take (``FeasibleRegion``) hold one whole number. While one is, the smallest published
/// count in a sum with it is suppressed too, and the audit runs again.
struct SecondarySuppression {
  let rule: DisclosureRule
  /// Every count, published or not, by key.
  let values: [CountKey: Int]
  /// The keys some cell publishes.
  let published: Set<CountKey>
  let relations: [CountRelation]

  /// The counts the rule itself suppresses, cell by cell.
  var primary: Set<CountKey> {
    Set(published.filter { rule.count(values[$0] ?? 0) == DisclosureRule.suppressed })
  }

  /// The counts to suppress.
  func suppressed() -> Set<CountKey> {
    var suppressed = primary
    while true {
      suppressed = complementingSingles(suppressed)
      guard let pinned = recovered(suppressed).first else { return suppressed }
      guard let complement = complement(of: pinned, suppressed: suppressed) else {
        // Nothing left to suppress around it: suppress every published count of its component.
        return suppressed.union(published.filter { values[$0] ?? 0 > 0 })
      }
      suppressed.insert(complement)
    }
  }

  /// The counts a reader could recover given `suppressed`, in key order: suppressed ones, and
  /// unpublished ones of 1 to the rule's threshold.
  func recovered(_ suppressed: Set<CountKey>) -> [CountKey] {
    let model = AuditModel(
      relations: relations,
      bound: { key in
        if !published.contains(key) { return 0...Double.infinity }
        if suppressed.contains(key) { return 1...Double.infinity }
        return rule.interval(ofShown: values[key] ?? 0)
      })
    let sensitive = model.keys.filter { key in
      suppressed.contains(key)
        || (!published.contains(key) && (1..<rule.suppressBelow).contains(values[key] ?? 0))
    }
    return model.pinned(sensitive)
  }

  /// `suppressed` grown until no sum of exactly published counts has a single unknown that
  /// must stay unknown (a suppressed count, or an unpublished one of 1 up to the threshold):
  /// the quick rule that settles most cases before the audit.
  private func complementingSingles(_ suppressed: Set<CountKey>) -> Set<CountKey> {
    var suppressed = suppressed
    var changed = true
    while changed {
      changed = false
      for relation in relations {
        let members = [relation.total] + relation.parts
        let unknown = members.filter { !published.contains($0) || suppressed.contains($0) }
        guard unknown.count == 1,
          suppressed.contains(unknown[0])
            || (1..<rule.suppressBelow).contains(values[unknown[0]] ?? 0),
          members.allSatisfy({ $0 == unknown[0] || rule.isExact(values[$0] ?? 0) }),
          let complement = smallestPublished(in: members, suppressed: suppressed)
        else { continue }
        suppressed.insert(complement)
        changed = true
      }
    }
    return suppressed
  }

  /// The count to suppress so that `key` can no longer be recovered: the smallest published
  /// count above zero in a sum with it (ties by key).
  private func complement(of key: CountKey, suppressed: Set<CountKey>) -> CountKey? {
    let members = relations.filter { $0.total == key || $0.parts.contains(key) }
      .flatMap { [$0.total] + $0.parts }
    return smallestPublished(in: members, suppressed: suppressed)
  }

  private func smallestPublished(in members: [CountKey], suppressed: Set<CountKey>)
    -> CountKey?
  {
    members.filter { published.contains($0) && !suppressed.contains($0) && values[$0] ?? 0 > 0 }
      .min { (values[$0] ?? 0, $0) < (values[$1] ?? 0, $1) }
  }
}

/// The counts of some tables as a reader sees them: each a variable with its bounds, the sums
/// between them as equations, each connected part solved on demand (``FeasibleRegion``).
final class AuditModel {
  let relations: [CountRelation]
  /// Every key a relation names, sorted.
  let keys: [CountKey]
  private let bound: (CountKey) -> ClosedRange<Double>
  /// Each key's connected part, and where it is in it.
  private var place: [CountKey: (part: Int, index: Int)] = [:]
  private var parts: [(keys: [CountKey], relations: [CountRelation])] = []
  private var regions: [Int: FeasibleRegion] = [:]

  init(relations: [CountRelation], bound: @escaping (CountKey) -> ClosedRange<Double>) {
    self.relations = relations
    self.bound = bound
    keys = Set(relations.flatMap { [$0.total] + $0.parts }).sorted()
    parts = Self.components(keys: keys, relations: relations)
    for (part, component) in parts.enumerated() {
      for (index, key) in component.keys.enumerated() { place[key] = (part, index) }
    }
  }

  /// Those of `candidates` that can take a single whole number, in key order.
  func pinned(_ candidates: [CountKey]) -> [CountKey] {
    candidates.sorted().filter { key in
      guard let (region, index) = region(of: key) else {
        return FeasibleRegion.wholeNumbers(in: bound(key)) <= 1
      }
      return region.isPinned(index)
    }
  }

  /// The exact interval of `key`; its bounds when no sum names it; `nil` when the counts
  /// cannot all be as published.
  func interval(of key: CountKey) -> ClosedRange<Double>? {
    guard let (region, index) = region(of: key) else { return bound(key) }
    return region.interval(of: index)
  }

  /// Values `key` is known to be able to take (from solutions already found): inside its
  /// interval.
  func seenRange(of key: CountKey) -> ClosedRange<Double>? {
    guard let (region, index) = region(of: key) else { return nil }
    return region.seenRange(of: index)
  }

  /// The region of `key`'s connected part, made the first time it is asked for.
  private func region(of key: CountKey) -> (FeasibleRegion, Int)? {
    guard let (part, index) = place[key] else { return nil }
    if let region = regions[part] { return (region, index) }
    let component = parts[part]
    let position = Dictionary(uniqueKeysWithValues: component.keys.enumerated().map { ($1, $0) })
    let region = FeasibleRegion(
      bounds: component.keys.map(bound),
      equations: component.relations.map { relation in
        FeasibleRegion.Equation(
          terms: [(position[relation.total] ?? 0, 1)]
            + relation.parts.map { (position[$0] ?? 0, -1) }, value: 0)
      })
    regions[part] = region
    return (region, index)
  }

  /// The keys and sums that share keys with one another, each part in key order.
  private static func components(
    keys: [CountKey], relations: [CountRelation]
  ) -> [(keys: [CountKey], relations: [CountRelation])] {
    var parent = Dictionary(uniqueKeysWithValues: keys.map { ($0, $0) })
    func root(_ key: CountKey) -> CountKey {
      var current = key
      while let next = parent[current], next != current { current = next }
      return current
    }
    for relation in relations {
      for part in relation.parts {
        let (a, b) = (root(relation.total), root(part))
        if a != b { parent[max(a, b)] = min(a, b) }
      }
    }
    var grouped: [CountKey: (keys: [CountKey], relations: [CountRelation])] = [:]
    for key in keys { grouped[root(key), default: ([], [])].keys.append(key) }
    for relation in relations { grouped[root(relation.total)]?.relations.append(relation) }
    return grouped.keys.sorted().compactMap { grouped[$0] }
  }
}
