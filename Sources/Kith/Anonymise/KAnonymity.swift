import Foundation
import KithCSV

/// k-anonymity over the released quasi-identifiers: every combination of their values must be
/// shared by at least k participants.
///
/// Generalisation is global and greedy: while more participants than the allowed share sit in
/// classes smaller than k, one quasi-identifier moves one rung up its ladder — the one whose move
/// leaves fewest people in small classes (ties: the one with more distinct values, then the one
/// declared first). Then the participants still in small classes have all their
/// quasi-identifiers suppressed (`*`). A missing value is a category of its own; a row with no
/// quasi-identifier at all (all missing or suppressed) tells nothing and is exempt.
///
/// A pipeline's `quasi_identifiers.priority` (sdcMicro's `importance`) says which
/// characteristics matter most: the least important one whose move helps is coarsened first,
/// and the few left in small classes lose their least important value first (`*` for it alone),
/// more important ones only while they are still in a small class.
enum KAnonymity {
  /// What enforcement chose and found.
  struct Outcome: Equatable {
    /// The rung of each quasi-identifier, in the order given.
    var levels: [Int]
    /// Participants (by row) whose quasi-identifiers were all suppressed.
    var suppressed: Set<Int>
    /// Values suppressed for k-anonymity after generalisation, per quasi-identifier.
    var suppressedValues: [Int] = []
    /// The released values, one row per participant, one column per quasi-identifier.
    var values: [[String]]
  }

  static func enforce(_ records: [[QuasiBase?]], generalisers: [Generaliser], spec: KAnonymitySpec)
    -> Outcome
  {
    var levels = [Int](repeating: 0, count: generalisers.count)
    let allowed = Int((Double(records.count) * spec.maxSuppressed).rounded(.down))
    // The quasi-identifiers from least to most important; none when no priority is declared.
    let leastImportantFirst = importance(of: generalisers, priority: spec.priority).reversed()
    while true {
      let values = generalise(records, generalisers, levels)
      let small = smallClassMembers(values, k: spec.k)
      if small.isEmpty {
        return Outcome(
          levels: levels, suppressed: [], suppressedValues: levels.map { _ in 0 }, values: values)
      }
      let candidates = generalisers.indices.filter { levels[$0] < generalisers[$0].levels }
      if small.count <= allowed || candidates.isEmpty {
        return suppress(
          small, in: values, levels: levels, order: Array(leastImportantFirst), k: spec.k)
      }
      if let next = leastImportantFirst.first(where: { index in
        candidates.contains(index)
          && rank(index, values: values, records, generalisers, levels, k: spec.k).0 < small.count
      }) {
        levels[next] += 1
        continue
      }
      // One step of look-ahead: the rung that leaves fewest people in small classes; on a tie,
      // the quasi-identifier with more distinct values, then the one declared first.
      let next = candidates.min { a, b in
        rank(a, values: values, records, generalisers, levels, k: spec.k)
          < rank(b, values: values, records, generalisers, levels, k: spec.k)
      }
      if let next { levels[next] += 1 }
    }
  }

  /// The quasi-identifiers by importance: those `priority` names first, most important first.
  ///
  /// Named by kind (`age`, `gender`, `ethnicity`, `postcode`); those it does not name come
  /// after, in declaration order. Empty without a priority.
  static func importance(
    of generalisers: [Generaliser], priority: [QuasiIdentifierSpec.Kind]
  ) -> [Int] {
    guard !priority.isEmpty else { return [] }
    let named = priority.compactMap { kind in generalisers.firstIndex { $0.spec.kind == kind } }
    return named + generalisers.indices.filter { !named.contains($0) }
  }

  /// The outcome once generalisation stops with `small` rows still in small classes: each
  /// loses its quasi-identifiers in `order` (least important first) while it is still in a
  /// small class, then all of them; without an order, all at once.
  private static func suppress(
    _ small: Set<Int>, in values: [[String]], levels: [Int], order: [Int], k: Int
  ) -> Outcome {
    var values = values
    var suppressedValues = levels.map { _ in 0 }
    var remaining = small
    for column in order where !remaining.isEmpty {
      for row in remaining where values[row][column] != DisclosureRule.suppressed {
        values[row][column] = DisclosureRule.suppressed
        suppressedValues[column] += 1
      }
      remaining = smallClassMembers(values, k: k)
    }
    for row in remaining {
      for column in levels.indices where values[row][column] != DisclosureRule.suppressed {
        values[row][column] = DisclosureRule.suppressed
        suppressedValues[column] += 1
      }
    }
    let allSuppressed = Set(
      values.indices.filter { row in
        small.contains(row) && values[row].allSatisfy { $0 == DisclosureRule.suppressed }
      })
    return Outcome(
      levels: levels, suppressed: allSuppressed, suppressedValues: suppressedValues,
      values: values)
  }

  /// Rows (by index) whose combination is shared by fewer than `k` rows; a row with no
  /// quasi-identifier at all (every value missing or suppressed) tells nothing and is never small.
  static func smallClassMembers(_ values: [[String]], k: Int) -> Set<Int> {
    var sizes: [[String]: Int] = [:]
    for row in values { sizes[row, default: 0] += 1 }
    return Set(
      values.indices.filter { row in
        sizes[values[row], default: 0] < k && !isUninformative(values[row])
      })
  }

  /// Whether every value of a row is missing or suppressed.
  static func isUninformative(_ row: [String]) -> Bool {
    row.allSatisfy { $0.isEmpty || $0 == DisclosureRule.suppressed }
  }

  /// The sort key of raising quasi-identifier `index` one rung: people left in small classes,
  /// then more distinct values before the move first, then declaration order.
  private static func rank(
    _ index: Int, values: [[String]], _ records: [[QuasiBase?]], _ generalisers: [Generaliser],
    _ levels: [Int], k: Int
  ) -> (Int, Int, Int) {
    var raised = levels
    raised[index] += 1
    let small = smallClassMembers(generalise(records, generalisers, raised), k: k).count
    return (small, -Set(values.map { $0[index] }).count, index)
  }

  /// Equivalence-class sizes, largest first.
  static func classSizes(_ values: [[String]]) -> [Int] {
    var sizes: [[String]: Int] = [:]
    for row in values { sizes[row, default: 0] += 1 }
    return sizes.values.sorted(by: >)
  }

  /// Re-reads a written file and returns the size of every class of `columns` smaller than `k`.
  static func verify(file: URL, columns: [String], k: Int) throws -> [Int] {
    let reader = try CSVReader(
      path: file.path, displayName: file.lastPathComponent, dialect: .written)
    let indices = columns.compactMap { reader.header.names.firstIndex(of: $0) }
    guard indices.count == columns.count else {
      throw DataError(
        "k-anonymity check: \(file.lastPathComponent) lacks a quasi-identifier column")
    }
    var values: [[String]] = []
    try reader.forEachRow { row in values.append(indices.map { row.string($0) }) }
    let small = smallClassMembers(values, k: k)
    var sizes: [[String]: Int] = [:]
    for row in small { sizes[values[row], default: 0] += 1 }
    return sizes.values.sorted()
  }

  private static func generalise(
    _ records: [[QuasiBase?]], _ generalisers: [Generaliser], _ levels: [Int]
  ) -> [[String]] {
    records.map { record in
      generalisers.indices.map { generalisers[$0].value(record[$0], level: levels[$0]) }
    }
  }
}

/// What k-anonymity enforcement did, for the run summary and log.
public struct KAnonymityReport: Sendable, Codable, Equatable {
  /// The k enforced.
  public var k: Int
  /// The released quasi-identifier columns and the generalisation each ended at.
  public var generalisation: [String: String]
  /// The number of equivalence classes.
  public var classes: Int
  /// The size of the smallest class that carries information (all-suppressed rows excluded).
  public var smallestClass: Int
  /// Participants whose quasi-identifiers were all suppressed.
  public var suppressedParticipants: Int
  /// Values of each released column suppressed for k-anonymity after generalisation.
  public var suppressedValues: [String: Int] = [:]
  /// The declared priority, most important first (`quasi_identifiers.priority`); empty when
  /// none is declared.
  public var priority: [String] = []
  /// The released columns generalised beyond their declared level, sorted.
  public var coarsened: [String] = []

  enum CodingKeys: String, CodingKey {
    case k, generalisation, classes, priority, coarsened
    case smallestClass = "smallest_class"
    case suppressedParticipants = "suppressed_participants"
    case suppressedValues = "suppressed_values"
  }
}
