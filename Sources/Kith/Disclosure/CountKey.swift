/// Names one population counted in the study tables — the people of a group, the pairs scored on
/// a scale — so that a count published in two tables (a group's participants in T1 and T2) is
/// one value to disclosure control: suppressed in both or in neither.
struct CountKey: Hashable, Comparable, Sendable, CustomStringConvertible {
  let name: String

  init(_ name: String) { self.name = name }

  static func < (a: CountKey, b: CountKey) -> Bool { a.name < b.name }

  var description: String { name }

  /// The people whose main group is `group`; `nil` for every participant.
  static func participants(group: String?) -> CountKey {
    CountKey("participants|" + (group ?? "all"))
  }

  /// The participants whose main group is none (people in no register).
  static let withoutGroup = CountKey("participants|no group")

  /// Everyone who attended at least one session.
  static let attended = CountKey("attended|all")

  /// The pairs scored on `scale` of `instrument` at the first and last wave.
  static func pairs(instrument: String, scale: String) -> CountKey {
    CountKey("pairs|\(instrument)|\(scale)")
  }

  /// Interviewed participants of `group` (`nil`: all interviewed).
  static func interviewed(group: String?) -> CountKey {
    CountKey("interviewed|" + (group ?? "all"))
  }

  /// Interviewed participants of `group` (`nil`: all) coded with `theme`.
  static func themed(_ theme: String, group: String?) -> CountKey {
    CountKey("themed|\(theme)|" + (group ?? "all"))
  }
}

/// Counts that add up: the `parts` sum to the `total`.
///
/// Either side may be a count the tables imply but do not publish (people in no group), given
/// with its value as a hidden count.
struct CountRelation: Sendable {
  var total: CountKey
  var parts: [CountKey]
  /// As a sum of statistics (``StudyTable/statisticSums``): when a member's statistic must be
  /// withheld to protect another, withhold a part's and keep the total's — the total is
  /// another table's headline (T3's mean change, kept when T11 splits it into bands).
  var keepsTotal = false
}
