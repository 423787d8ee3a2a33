import Foundation

/// A synthetic multi-site study (`kith synth --sites N`): one programme whose groups meet at N
/// sites, some members attending a group at a second site, each site's exports in a folder of
/// its own (a register and two surveys, answered by the members whose own group meets there) and
/// one study key beside them, as a study would give every site.
public enum SyntheticSites {
  /// The first sites' names, in order; the seventh on is `site7` and so on.
  public static let names = ["north", "south", "east", "west", "central", "coast"]

  /// The most sites a synthetic study has.
  public static let maximumSites = 99

  /// The name of site `index` (from 0).
  static func name(_ index: Int) -> String {
    index < names.count ? names[index] : "site\(index + 1)"
  }

  /// What was written.
  public struct Written: Sendable {
    /// The sites' folders' names, in order.
    public var sites: [String]
    /// Register rows over all sites.
    public var registerRows: Int
    /// Survey responses over all sites.
    public var surveyRows: Int
    /// Members with a group at more than one site.
    public var sharedMembers: Int
  }

  /// Writes `sites` sites of `members` members each into `folder/<site>/` and the study key to
  /// `folder/demo.key`, from `seed`.
  ///
  /// - Throws: ``UsageError`` when `folder` holds anything a synthetic multi-site study is not
  ///   written as.
  public static func write(to folder: URL, seed: UInt64, members: Int, sites: Int) throws
    -> Written
  {
    guard (2...maximumSites).contains(sites) else {
      throw UsageError("--sites must be from 2 to \(maximumSites)")
    }
    let chosen = (0..<sites).map(name)
    let existing = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    let others = existing.filter { !(chosen + ["demo.key"]).contains($0) && !$0.hasPrefix(".") }
    guard others.isEmpty else {
      throw UsageError(
        "\(folder.relativePath) holds files a synthetic multi-site study is not written as ("
          + others.sorted().prefix(3).map { "'\($0)'" }.joined(separator: ", ")
          + "); give `kith synth --sites` a new or empty folder with --out")
    }
    // Groups of about 60 members, at least two a site; a member's second group is the
    // same-numbered group of the next site.
    let perSite = max(2, members / 60)
    let groupNames = chosen.flatMap { site in
      let prefix = site.prefix(1).uppercased() + site.dropFirst()
      return (0..<perSite).map { index in
        index < 2
          ? "\(prefix) \(SyntheticStudy.groupNames[index])" : "\(prefix) group \(index + 1)"
      }
    }
    let study = SyntheticStudy(
      seed: seed, memberCount: members * sites, groupCount: perSite * sites, weeks: 26,
      names: groupNames, secondGroup: (0.15, perSite))
    var random = SeededGenerator(seed: seed ^ 0x5EED)
    let (attended, rows) = SyntheticExports.simulateRegister(study, random: &random)
    var surveyRows = 0
    for (index, site) in chosen.enumerated() {
      let siteFolder = folder.appendingPathComponent(site)
      try FileManager.default.createDirectory(at: siteFolder, withIntermediateDirectories: true)
      var siteRows = rows.filter { $0.group / perSite == index }
      SyntheticExports.plantRegisterMistakes(&siteRows)
      try SyntheticExports.writeRegisterRows(
        siteRows, to: siteFolder.appendingPathComponent("attendance.csv"))
      var export = SurveyExport(study: study, sessionsAttended: attended)
      export.answers = { $0.groups[0] / perSite == index }
      surveyRows += try export.write(to: siteFolder, random: &random)
    }
    let key = (0..<32).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    try Data((Hex.string(key) + "\n").utf8).write(to: folder.appendingPathComponent("demo.key"))
    return Written(
      sites: chosen, registerRows: rows.count, surveyRows: surveyRows,
      sharedMembers: study.members.filter { Set($0.groups.map { $0 / perSite }).count > 1 }.count)
  }
}
