/// The quasi-identifiers of a merged study: every site's released values brought to one common
/// generalisation (the coarsest any site used), one value per person, then made k-anonymous
/// again over the merged participants by suppressing the values of anyone left in a class
/// smaller than k.
///
/// Sites generalise apart: one may publish postcode districts and another only areas, one age
/// bands from 18, 35, 55 and another from 18, 25, 35, 45, 55. Their values are only comparable
/// at the coarser level, and the merged file's combinations are new, so k-anonymity is checked
/// anew.
enum QuasiMerge {
  /// One site's quasi-identifier values by pid, with how the site generalised each column.
  struct SiteValues {
    var columns: [String]
    var values: [String: [String]]
    var generalisation: [String: String]
  }

  /// The merged study's quasi-identifiers over `pids` (sorted), made k-anonymous for `k`.
  static func merge(_ sites: [SiteValues], pids: [String], k: Int) -> QuasiRelease {
    var columns: [String] = []
    for site in sites {
      for column in site.columns where !columns.contains(column) { columns.append(column) }
    }
    guard !columns.isEmpty else { return QuasiRelease(columns: [], values: [:], report: nil) }
    let levels = columns.map { column in
      commonLevel(
        sites.compactMap { $0.columns.contains(column) ? $0.generalisation[column] : nil })
    }
    var merged: [String: [String]] = [:]
    for site in sites {
      let positions = columns.map { site.columns.firstIndex(of: $0) }
      for (pid, values) in site.values {
        let here = columns.indices.map { index in
          positions[index].map { coarsen(values[$0], to: levels[index]) }
            ?? DisclosureRule.suppressed
        }
        guard let before = merged[pid] else {
          merged[pid] = here
          continue
        }
        // One person at two sites: a value one site published stands; two that differ (a
        // move between sites) are suppressed rather than chosen between.
        merged[pid] = zip(before, here).map { a, b in
          if a == b || b == DisclosureRule.suppressed || b.isEmpty { return a }
          if a == DisclosureRule.suppressed || a.isEmpty { return b }
          return DisclosureRule.suppressed
        }
      }
    }
    var rows = pids.map { merged[$0] ?? columns.map { _ in DisclosureRule.suppressed } }
    let small = KAnonymity.smallClassMembers(rows, k: k)
    var suppressedValues = [Int](repeating: 0, count: columns.count)
    for row in small {
      for index in columns.indices where rows[row][index] != DisclosureRule.suppressed {
        suppressedValues[index] += 1
      }
      rows[row] = columns.map { _ in DisclosureRule.suppressed }
    }
    let informative = rows.filter { !KAnonymity.isUninformative($0) }
    let siteLevels = columns.map { column in Set(sites.compactMap { $0.generalisation[column] }) }
    let report = KAnonymityReport(
      k: k,
      generalisation: Dictionary(uniqueKeysWithValues: zip(columns, levels.map(\.description))),
      classes: KAnonymity.classSizes(rows).count,
      smallestClass: KAnonymity.classSizes(informative).last ?? 0,
      suppressedParticipants: small.count,
      suppressedValues: Dictionary(
        uniqueKeysWithValues: zip(columns, suppressedValues).filter { $0.1 > 0 }),
      coarsened: columns.indices.filter { siteLevels[$0].count > 1 || suppressedValues[$0] > 0 }
        .map { columns[$0] }.sorted())
    return QuasiRelease(
      columns: columns, values: Dictionary(uniqueKeysWithValues: zip(pids, rows)), report: report)
  }

  /// A level of generalisation, as a manifest describes it (`postcode district`, `bands from
  /// 18, 35, 55`, `declared groups`, `suppressed`).
  enum Level: Equatable, CustomStringConvertible {
    case asPublished(String)
    case postcodeArea
    case ageBands([Int])
    case suppressed

    var description: String {
      switch self {
      case .asPublished(let text): text
      case .postcodeArea: "postcode area"
      case .ageBands(let bounds): "bands from " + bounds.map(String.init).joined(separator: ", ")
      case .suppressed: "suppressed"
      }
    }
  }

  /// The coarsest of the sites' levels, or suppression where they cannot be compared.
  static func commonLevel(_ described: [String]) -> Level {
    let distinct = Array(Set(described)).sorted()
    guard distinct.count > 1 else {
      return distinct.first.map { $0 == "suppressed" ? .suppressed : .asPublished($0) }
        ?? .suppressed
    }
    if distinct.contains("suppressed") { return .suppressed }
    if Set(distinct).isSubset(of: ["postcode district", "postcode area"]) { return .postcodeArea }
    let ladders = distinct.compactMap(ageBounds)
    guard ladders.count == distinct.count,
      let coarsest = ladders.min(by: { $0.count < $1.count }),
      ladders.allSatisfy({ Set(coarsest).isSubset(of: $0) })
    else { return .suppressed }
    return .ageBands(coarsest)
  }

  /// `[18, 35, 55]` from `bands from 18, 35, 55`.
  private static func ageBounds(_ text: String) -> [Int]? {
    guard text.hasPrefix("bands from ") else { return nil }
    let bounds = text.dropFirst("bands from ".count).split(separator: ",").compactMap {
      Int($0.trimmingCharacters(in: .whitespaces))
    }
    return bounds.isEmpty ? nil : bounds
  }

  /// `value` at `level`: a district's area (`LS6` → `LS`), an age band's coarser band.
  static func coarsen(_ value: String, to level: Level) -> String {
    guard !value.isEmpty, value != DisclosureRule.suppressed else { return value }
    switch level {
    case .asPublished: return value
    case .suppressed: return DisclosureRule.suppressed
    case .postcodeArea: return String(value.prefix { $0.isLetter })
    case .ageBands(let bounds):
      if value.hasPrefix("under ") {
        return Int(value.dropFirst("under ".count)) == bounds.first
          ? value : DisclosureRule.suppressed
      }
      guard let lower = Int(value.prefix { $0.isNumber }) else { return DisclosureRule.suppressed }
      return Generaliser.band(lower, bounds: bounds)
    }
  }
}
