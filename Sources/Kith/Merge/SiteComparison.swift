/// Whether site releases measure the same things the same way, so that their numbers may be
/// added up: the same key (else one person has a different pid at each site), Kith's major
/// version, small-number rule, waves (after renaming), instruments with their versions and
/// scoring rules, duplicate rule, date release and thresholds.
enum SiteComparison {
  /// The design the merged study is made with: the first site's, its waves renamed.
  ///
  /// - Throws: ``DataError`` listing every way a site differs from the first, or is not
  ///   mergeable at all.
  static func commonDesign(_ sites: [SiteRelease], spec: MergeSpec) throws -> StudyDesign {
    var problems: [String] = []
    var designs: [(site: SiteRelease, design: StudyDesign)] = []
    for site in sites {
      if site.manifest.sites != nil {
        problems.append(
          "site `\(site.name)` is itself a merged release; merge the site releases it was made "
            + "from instead (its manifest lists them)")
      }
      guard var design = site.manifest.design else {
        problems.append(
          "site `\(site.name)`'s release was made by a Kith (\(site.manifest.kithVersion)) that "
            + "did not record the study's design in its manifest; ask the site to run its "
            + "pipeline again with Kith \(KithVersion.current)")
        continue
      }
      let renames = spec.waveNames[site.name] ?? [:]
      design.waves = design.waves.map { renames[$0] ?? $0 }
      designs.append((site, design))
    }
    if let unknown = spec.waveNames.first(where: { site, renames in
      let waves = sites.first { $0.name == site }?.manifest.design?.waves ?? []
      return renames.keys.contains { !waves.contains($0) }
    }) {
      problems.append(
        "`reconcile.waves.\(unknown.key)` renames a wave the site does not have ("
          + (sites.first { $0.name == unknown.key }?.manifest.design?.waves ?? []).joined(
            separator: ", ") + ")")
    }
    guard let (first, design) = designs.first else { throw DataError(list(problems)) }
    for (site, other) in designs {
      if major(site.manifest.kithVersion) != major(KithVersion.current) {
        problems.append(
          "site `\(site.name)` was made by Kith \(site.manifest.kithVersion), this is Kith "
            + "\(KithVersion.current): releases of different major versions are not comparable; "
            + "ask the site to run its pipeline again with this Kith")
      }
      guard site.name != first.name else { continue }
      let differs = { (what: String, here: String, there: String, advice: String) in
        problems.append(
          "site `\(site.name)` differs from `\(first.name)` in \(what): \(there) against "
            + "\(here); \(advice)")
      }
      if site.manifest.keyFingerprint != first.manifest.keyFingerprint {
        differs(
          "its key (fingerprint)", first.manifest.keyFingerprint, site.manifest.keyFingerprint,
          "pids made with different keys never match, so one person would count as two; every "
            + "site must run with the study's one key")
      }
      if site.manifest.disclosure != first.manifest.disclosure {
        differs(
          "its small-number rule", first.manifest.disclosure.summary,
          site.manifest.disclosure.summary, "every site must publish under the study's one rule")
      }
      if other.waves != design.waves {
        differs(
          "its waves", design.waves.joined(separator: ", "), other.waves.joined(separator: ", "),
          "rename a site's waves under `reconcile: {waves: {\(site.name): {its name: the study's}}}`"
        )
      }
      for instrument in Set(design.instruments.map(\.id) + other.instruments.map(\.id)).sorted() {
        let here = design.instruments.first { $0.id == instrument }
        let there = other.instruments.first { $0.id == instrument }
        guard here != there else { continue }
        differs(
          "instrument `\(instrument)`", describe(here), describe(there),
          "scores are comparable only under one version scored by one rule; every site must "
            + "use the same instruments")
      }
      let settings: [(String, String, String)] = [
        ("`duplicates:`", design.duplicates, other.duplicates),
        ("`dates:`", design.dates, other.dates),
        ("`attendance:` thresholds", describe(design.attendance), describe(other.attendance)),
        ("k of k-anonymity", "\(design.k)", "\(other.k)"),
      ]
      for (what, here, there) in settings where here != there {
        differs(what, here, there, "every site must run with the study's one setting")
      }
    }
    if design.dates != DateRelease.exact.rawValue {
      problems.append(
        "the sites release dates as `\(design.dates)`, and combining attendance across sites "
          + "needs the day of each session; sites must run with `dates: exact` for a merge")
    }
    guard problems.isEmpty else { throw DataError(list(problems)) }
    return design
  }

  /// `attendance:` as a pipeline writes it: `return_gap_sessions: 4, …`.
  private static func describe(_ settings: AttendanceSettings) -> String {
    [
      ("study_end", settings.studyEnd.map { CivilDate.iso($0) } ?? "none"),
      ("return_gap_sessions", "\(settings.returnGapSessions)"),
      ("regular_peer_sessions", "\(settings.regularPeerSessions)"),
      ("isolation_min_sessions", "\(settings.isolationMinSessions)"),
      ("isolation_max_regular_peers", "\(settings.isolationMaxRegularPeers)"),
    ].map { "\($0): \($1)" }.joined(separator: ", ")
  }

  /// `version 3, rules 1a2b3c4d…`, or `not used`.
  private static func describe(_ instrument: StudyDesign.InstrumentRecord?) -> String {
    instrument.map { "version \($0.version), scoring rules \($0.rules.prefix(8))…" } ?? "not used"
  }

  /// The part of a version that must match: the major (the minor under 1.0, where a minor
  /// version may change what a release means).
  static func major(_ version: String) -> String {
    let parts = version.split(separator: ".")
    guard let first = parts.first else { return version }
    return first == "0" && parts.count > 1 ? "0.\(parts[1])" : String(first)
  }

  private static func list(_ problems: [String]) -> String {
    "the site releases cannot be merged:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
  }
}
