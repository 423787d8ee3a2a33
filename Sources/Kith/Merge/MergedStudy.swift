import Foundation
import KithCSV

/// The study the site releases make together, read from their published data files: one
/// participant per pid whatever the sites (their attendance combined in one ledger, so sessions,
/// groups and peers count across sites), one response per pid and wave (a second one, at
/// another site, chosen by the study's `duplicates:` rule), coded themes and free text with the
/// site they came from, and quasi-identifiers brought to one generalisation (``QuasiMerge``).
///
/// Memory follows the merged study: the ledger's bits, 24 bytes a score, a pid a participant.
struct MergedStudy {
  /// The release-zone values, as a run over every site's exports would hold them (no answer
  /// codes: a release holds scores, not items).
  let study: MeasuredStudy
  /// Every released score, one response per pid and wave.
  let scores: ScoreRelease
  /// Who responded at each wave (the scores' responses).
  let responded: [Set<String>]
  /// The merged quasi-identifiers.
  let quasi: QuasiRelease
  /// Free text as the sites released it (scrubbed there), with its site.
  let freeText: [(site: String, text: FreeText)]
  /// Coded themes per pid, theme and code, with the sites that coded them.
  let themeRows: [(key: [String], segments: Int, sites: [String])]
  /// The sites of each group (merged name), in merge order.
  let groupSites: [String: [String]]
  /// The site of each kept response, by `pid` and wave position.
  let responseSites: [ResponseKey: String]
  /// The sites each participant is released by, in merge order.
  let participantSites: [String: [String]]
  /// What the merge found, in counts (never pids).
  let counts: Counts

  /// A response: a pid at a wave.
  struct ResponseKey: Hashable {
    var pid: String
    var wave: Int
  }

  /// What combining the sites found.
  struct Counts: Sendable, Equatable {
    /// Participants released by more than one site.
    var sharedParticipants = 0
    /// Responses for a wave that another site also had; the `duplicates:` rule kept one.
    var duplicateResponses = 0
    /// Participants per site, in merge order.
    var perSite: [(site: String, participants: Int)] = []

    static func == (a: Counts, b: Counts) -> Bool {
      (a.sharedParticipants, a.duplicateResponses) == (b.sharedParticipants, b.duplicateResponses)
        && a.perSite.map(\.site) == b.perSite.map(\.site)
        && a.perSite.map(\.participants) == b.perSite.map(\.participants)
    }
  }

  /// Reads every site's data files into one study.
  ///
  /// - Throws: ``DataError`` for a file that is not as Kith publishes it (naming file, line and
  ///   column), a group name two sites use that the merge file does not reconcile, or a second
  ///   response in a wave under `duplicates: error`.
  init(
    sites: [SiteRelease], spec: MergeSpec, design: StudyDesign, instruments: [Instrument]
  ) throws {
    var pids = Interner()
    var groups = Interner()
    var ledger = AttendanceLedger(studyEnd: design.attendance.studyEnd)
    var groupSites: [String: [String]] = [:]
    var participantSites: [String: [String]] = [:]
    var quasiSites: [QuasiMerge.SiteValues] = []
    var freeText: [(String, FreeText)] = []
    var themes: [[String]: (segments: Int, sites: [String])] = [:]
    var perSite: [(String, Int)] = []
    // Scores: every site's responses, then one kept per pid and wave.
    var responses: [ResponseKey: [(site: Int, rows: [ScoreRelease.Row], complete: Bool)]] = [:]
    var scorePids = Interner()
    let waveIndex = Dictionary(uniqueKeysWithValues: design.waves.enumerated().map { ($1, $0) })
    let instrumentIndex = Dictionary(
      uniqueKeysWithValues: instruments.enumerated().map { ($1.id, $0) })
    for (siteIndex, site) in sites.enumerated() {
      let groupNames = spec.groupNames[site.name] ?? [:]
      let waveNames = spec.waveNames[site.name] ?? [:]
      var groupsHere: Set<String> = []
      if let file = site.file(ReleaseDataFile.attendance.path) {
        try Self.read(file, site: site, columns: ["pid", "group", "session_date", "attended"]) {
          values, _, cell in
          let group = groupNames[values[1]] ?? values[1]
          guard let day = CivilDate.day(iso: values[2]) else {
            throw cell(2, "'\(values[2])' is not a date (YYYY-MM-DD)")
          }
          groupsHere.insert(group)
          ledger.record(
            pid: pids.id(values[0]), group: groups.id(group), day: Int32(day),
            attended: values[3] == "1")
        }
      }
      for group in groupsHere.sorted() {
        if let other = groupSites[group], !spec.sharedGroups.contains(group) {
          throw DataError(
            "sites `\(other[0])` and `\(site.name)` both have a group named '\(group)'; two "
              + "sites' groups would count as one. Name them apart in the merge file "
              + "(reconcile: {groups: {\(site.name): {'\(group)': '\(site.name) \(group)'}}}), "
              + "or, if it is one group meeting for both, list it under reconcile: "
              + "{shared_groups: ['\(group)']}")
        }
        groupSites[group, default: []].append(site.name)
      }
      guard let participantsFile = site.file(ReleaseDataFile.participants.path) else {
        throw DataError(
          "site `\(site.name)`: its release has no data/participants.csv, which a merge needs "
            + "(who the participants are); ask the site to publish it (outputs.data)")
      }
      let quasiColumns =
        site.manifest.kAnonymity.map { Array($0.generalisation.keys).sorted() } ?? []
      var siteQuasi = QuasiMerge.SiteValues(
        columns: quasiColumns, values: [:],
        generalisation: site.manifest.kAnonymity?.generalisation ?? [:])
      var count = 0
      try Self.read(participantsFile, site: site, columns: ["pid"] + quasiColumns) { values, _, _ in
        participantSites[values[0], default: []].append(site.name)
        if !quasiColumns.isEmpty { siteQuasi.values[values[0]] = Array(values.dropFirst()) }
        count += 1
      }
      quasiSites.append(siteQuasi)
      perSite.append((site.name, count))
      if let file = site.file(ReleaseDataFile.scores.path) {
        var current: (key: ResponseKey, rows: [ScoreRelease.Row], complete: Bool)?
        let finish = {
          if let done = current {
            responses[done.key, default: []].append((siteIndex, done.rows, done.complete))
          }
        }
        try Self.read(
          file, site: site,
          columns: [
            "pid", "wave", "instrument", "scale", "score", "items_answered", "items_missing",
            "prorated", "instrument_version",
          ]
        ) { values, _, cell in
          let wave = waveNames[values[1]] ?? values[1]
          guard let waveAt = waveIndex[wave] else {
            throw cell(1, "'\(values[1])' is not a wave of the study")
          }
          guard let instrumentAt = instrumentIndex[values[2]],
            let scaleAt = instruments[instrumentAt].scales.firstIndex(where: { $0.id == values[3] })
          else {
            throw cell(2, "'\(values[2]) \(values[3])' is not a scale of the study's instruments")
          }
          guard let answered = Int(values[5]), let missing = Int(values[6]) else {
            throw cell(5, "items_answered and items_missing must be whole numbers")
          }
          let value = values[4].isEmpty ? nil : FixedDecimal(values[4])
          if !values[4].isEmpty && value == nil { throw cell(4, "'\(values[4])' is not a score") }
          let key = ResponseKey(pid: values[0], wave: waveAt)
          if current?.key != key {
            finish()
            current = (key, [], true)
          }
          current?.rows.append(
            ScoreRelease.Row(
              participant: scorePids.id(values[0]), wave: waveAt, instrument: instrumentAt,
              scale: scaleAt, answered: answered, missing: missing, prorated: values[7] == "1",
              value: value))
          if missing > 0 { current?.complete = false }
        }
        finish()
      }
      if let file = site.file(ReleaseDataFile.themes.path) {
        try Self.read(file, site: site, columns: ["pid", "theme", "code", "segments"]) {
          values, _, cell in
          guard let segments = Int(values[3]) else {
            throw cell(3, "segments must be a whole number")
          }
          let key = Array(values.prefix(3))
          themes[key, default: (0, [])].segments += segments
          if themes[key]?.sites.last != site.name { themes[key]?.sites.append(site.name) }
        }
      }
      if let file = site.file(ReleaseDataFile.freeText.path) {
        try Self.read(file, site: site, columns: ["pid", "source", "wave", "column", "text"]) {
          values, line, _ in
          freeText.append(
            (
              site.name,
              FreeText(
                pid: values[0], source: values[1], wave: waveNames[values[2]] ?? values[2],
                column: values[3], line: line, text: values[4])
            ))
        }
      }
    }
    ledger.finishRecording()
    // One response per pid and wave: sites in merge order stand for the order read.
    var kept: [ScoreRelease.Row] = []
    var responseSites: [ResponseKey: String] = [:]
    var responded = design.waves.map { _ in Set<String>() }
    var duplicates = 0
    let policy = DuplicatePolicy(rawValue: design.duplicates) ?? .firstComplete
    for (key, candidates) in responses {
      responded[key.wave].insert(key.pid)
      if candidates.count > 1 {
        duplicates += candidates.count - 1
        if policy == .error {
          throw DataError(
            "participants have a response for the same wave at more than one site, and the "
              + "study's rule is `duplicates: error`; \(duplicates) such responses so far (the "
              + "sites' private files name them; pids are never printed)")
        }
      }
      let complete = candidates.filter(\.complete)
      let pick =
        switch policy {
        case .lastComplete: complete.last ?? candidates.last
        default: complete.first ?? candidates.first
        }
      guard let chosen = pick else { continue }
      kept += chosen.rows
      responseSites[key] = sites[chosen.site].name
    }
    let participants = PidOrder.sorted(participantSites.keys)
    scores = ScoreRelease(
      pids: scorePids.strings, rows: kept, instruments: instruments, waves: design.waves)
    let registered = pids.strings
    let inRegister = Set(registered)
    let coded = themes.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    study = MeasuredStudy(
      pids: pids, groups: groups, ledger: ledger, responses: [],
      participants: registered + participants.filter { !inRegister.contains($0) },
      attributes: [:],
      themes: coded.map {
        MeasuredStudy.CodedTheme(
          pid: $0.key[0], theme: $0.key[1], code: $0.key[2], count: $0.value.segments)
      })
    quasi = QuasiMerge.merge(quasiSites, pids: participants, k: design.k)
    self.responded = responded
    self.freeText = freeText
    themeRows = coded.map { ($0.key, $0.value.segments, $0.value.sites) }
    self.groupSites = groupSites
    self.responseSites = responseSites
    self.participantSites = participantSites
    counts = Counts(
      sharedParticipants: participantSites.values.filter { $0.count > 1 }.count,
      duplicateResponses: duplicates, perSite: perSite)
  }

  /// A problem in cell `column` of the row being read, as a ``DataError`` naming file, line
  /// and column.
  typealias CellProblem = (_ column: Int, _ message: String) -> DataError

  /// Reads `columns` (by name) of every row of a site's released file.
  private static func read(
    _ file: URL, site: SiteRelease, columns: [String],
    _ body: (_ values: [String], _ line: Int, CellProblem) throws -> Void
  ) throws {
    let name = "site `\(site.name)`: \(file.pathComponents.suffix(2).joined(separator: "/"))"
    let reader: CSVReader
    do {
      reader = try CSVReader(path: file.path, displayName: name, dialect: .written)
    } catch {
      throw DataError("\(name) cannot be read: \(error)")
    }
    let found = columns.map { reader.header.names.firstIndex(of: $0) }
    let indices = found.compactMap { $0 }
    if let missing = zip(columns, found).first(where: { $0.1 == nil }) {
      throw DataError(
        "\(name) has no column `\(missing.0)`, which Kith's release always has; ask the site "
          + "for its release as `kith run` wrote it")
    }
    try reader.forEachRow { row in
      if let problem = row.problem { throw DataError("\(name), line \(row.line): \(problem)") }
      let values = indices.map { row.string($0) }
      try body(values, row.line) { column, message in
        DataError("\(name), line \(row.line), column `\(columns[column])`: \(message)")
      }
    }
  }
}
