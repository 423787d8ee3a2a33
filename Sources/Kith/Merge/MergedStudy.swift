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
  /// The sites each participant is released by, in merge order.
  let participantSites: [String: [String]]
  /// What the merge found, in counts (never pids).
  let counts: Counts
  /// The sites' names, in merge order.
  let siteNames: [String]
  /// The first day anyone attended at each site, in merge order.
  let firstAttended: [Int32?]
  /// The pids of the scores, by id, and the site each kept response came from, by pid id and
  /// wave (``responseKey(_:_:)``).
  private let scorePids: Interner
  private let responseSites: [Int64: Int16]

  /// What combining the sites found.
  struct Counts: Sendable {
    /// Participants released by more than one site.
    var sharedParticipants = 0
    /// Responses for a wave that another site also had; the `duplicates:` rule kept one.
    var duplicateResponses = 0
    /// Participants per site, in merge order.
    var perSite: [(site: String, participants: Int)] = []
  }

  /// Reads every site's data files (sites on up to `threads` threads) into one study.
  ///
  /// - Throws: ``DataError`` for a file that is not as Kith publishes it (naming file, line and
  ///   column), a group name two sites use that the merge file does not reconcile, or a second
  ///   response in a wave under `duplicates: error`.
  init(
    sites: [SiteRelease], spec: MergeSpec, design: StudyDesign, instruments: [Instrument],
    threads: Int = 1
  ) throws {
    siteNames = sites.map(\.name)
    var pids = Interner()
    var groups = Interner()
    var ledger = AttendanceLedger(studyEnd: design.attendance.studyEnd)
    var groupSites: [String: [String]] = [:]
    let policy = DuplicatePolicy(rawValue: design.duplicates) ?? .firstComplete
    var scorePids = Interner()
    // Every site's scores, their pids renumbered into `scorePids`, and each response's rows.
    var rows: [ScoreRelease.Row] = []
    var responses: [SiteReading.Response] = []
    var responseSite: [Int16] = []
    // The response kept for each pid and wave, by the duplicates rule.
    var chosen: [Int64: Int] = [:]
    var duplicates = 0
    var participantSites: [String: [String]] = [:]
    var quasiSites: [QuasiMerge.SiteValues] = []
    var themes: [[String]: (segments: Int, sites: [String])] = [:]
    var freeText: [(String, FreeText)] = []
    var perSite: [(String, Int)] = []
    var firstAttended: [Int32?] = []
    // Sites are read a few at a time, one a thread, and each is combined and let go before the
    // next few: memory follows the merged study, not the number of sites.
    let batch = max(1, threads)
    for first in stride(from: 0, to: sites.count, by: batch) {
      let part = Array(sites[first..<min(sites.count, first + batch)])
      let readings = try Parallel.map(part.count, threads: threads) {
        try SiteReading.read(part[$0], spec: spec, design: design, instruments: instruments)
      }
      for (offset, reading) in readings.enumerated() {
        let (site, siteIndex) = (part[offset], first + offset)
        // Attendance: one ledger, the site's pids and groups renumbered into it.
        for group in reading.groups.strings.sorted() {
          if let other = groupSites[group], !spec.sharedGroups.contains(group) {
            throw DataError(
              "sites `\(other[0])` and `\(site.name)` both have a group named '\(group)'; "
                + "two sites' groups would count as one. Name them apart in the merge file "
                + "(reconcile: {groups: {\(site.name): {'\(group)': '\(site.name) \(group)'}}}), "
                + "or, if it is one group meeting for both, list it under reconcile: "
                + "{shared_groups: ['\(group)']}")
          }
          groupSites[group, default: []].append(site.name)
        }
        ledger.absorb(
          reading.ledger, pids: reading.pids.strings.map { pids.id($0) },
          groups: reading.groups.strings.map { groups.id($0) }, countingItsRepeats: false)
        // Scores: a response for a pid and wave already kept is a duplicate; sites in merge
        // order stand for the order read.
        let ids = reading.scorePids.strings.map { scorePids.id($0) }
        let offsetRows = rows.count
        for var row in reading.rows {
          row.participant = ids[Int(row.participant)]
          rows.append(row)
        }
        for var response in reading.responses {
          response.pid = ids[Int(response.pid)]
          response.rows =
            (response.rows.lowerBound + offsetRows)..<(response.rows.upperBound + offsetRows)
          let key = Self.responseKey(response.pid, response.wave)
          responses.append(response)
          responseSite.append(Int16(siteIndex))
          guard let existing = chosen[key] else {
            chosen[key] = responses.count - 1
            continue
          }
          duplicates += 1
          guard policy != .error else {
            throw DataError(
              "a participant has a response for the same wave at sites "
                + "`\(sites[Int(responseSite[existing])].name)` and `\(site.name)`, and the "
                + "study's rule is `duplicates: error` (pids are never printed; the sites' "
                + "private files name their responses); choose `first-complete` or "
                + "`last-complete`, or ask the sites which response stands")
          }
          let old = responses[existing]
          let replaces =
            policy == .lastComplete
            ? response.complete || !old.complete : response.complete && !old.complete
          if replaces { chosen[key] = responses.count - 1 }
        }
        // Participants, themes and free text, with their sites.
        for pid in reading.participants { participantSites[pid, default: []].append(site.name) }
        quasiSites.append(reading.quasi)
        for (key, segments) in reading.themes {
          themes[key, default: (0, [])].segments += segments
          if themes[key]?.sites.last != site.name { themes[key]?.sites.append(site.name) }
        }
        freeText += reading.freeText.map { (site.name, $0) }
        perSite.append((site.name, reading.participants.count))
        firstAttended.append(reading.firstAttended)
      }
      if first == 0, sites.count > part.count {
        // The first sites stand for the rest: the combined scores sized once, not doubled
        // (and copied) as each site comes.
        let estimate = { (count: Int) in count / part.count * sites.count }
        rows.reserveCapacity(estimate(rows.count))
        responses.reserveCapacity(estimate(responses.count))
        responseSite.reserveCapacity(estimate(responseSite.count))
        chosen.reserveCapacity(estimate(chosen.count))
      }
    }
    ledger.finishRecording(threads: threads)
    // The kept responses in pid order (then wave), each one's few rows in instrument and scale
    // order (as its site wrote them, unless it listed the instruments in another order): the
    // scores need no sort of their own.
    let pidKeys = PidOrder.keys(scorePids.strings)
    let pidOrder = scorePids.strings.indices.sorted { pidKeys[$0] < pidKeys[$1] }
    var rank = [Int32](repeating: 0, count: pidOrder.count)
    for (position, id) in pidOrder.enumerated() { rank[id] = Int32(position) }
    let ordered = chosen.values.map { index in
      let response = responses[index]
      return (order: Int64(rank[Int(response.pid)]) << 8 | Int64(response.wave), index: index)
    }.sorted { $0.order < $1.order }
    var kept: [ScoreRelease.Row] = []
    kept.reserveCapacity(ordered.reduce(0) { $0 + responses[$1.index].rows.count })
    var responded = design.waves.map { _ in Set<String>() }
    for (order, index) in ordered {
      let response = responses[index]
      responded[response.wave].insert(scorePids.strings[Int(response.pid)])
      let start = kept.count
      for var row in rows[response.rows] {
        row.participant = Int32(truncatingIfNeeded: order >> 8)
        kept.append(row)
      }
      kept[start...].sort { ($0.instrument, $0.scale) < ($1.instrument, $1.scale) }
    }
    rows = []
    responseSites = chosen.mapValues { responseSite[$0] }
    self.scorePids = scorePids
    scores = ScoreRelease(
      sortedPids: pidOrder.map { scorePids.strings[$0] }, rows: kept, instruments: instruments,
      waves: design.waves)
    let participants = PidOrder.sorted(participantSites.keys)
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
    self.participantSites = participantSites
    self.firstAttended = firstAttended
    counts = Counts(
      sharedParticipants: participantSites.values.filter { $0.count > 1 }.count,
      duplicateResponses: duplicates,
      perSite: perSite)
  }

  /// A response's key: its pid's id among the scores' pids, and its wave.
  private static func responseKey(_ pid: Int32, _ wave: Int) -> Int64 {
    Int64(pid) << 8 | Int64(wave)
  }

  /// The site the kept response of the pid whose UTF-8 is `pid` at wave `wave` came from.
  func responseSite(pid: UnsafeRawBufferPointer, wave: Int) -> String {
    guard let id = scorePids.existingID(bytes: pid),
      let site = responseSites[Self.responseKey(id, wave)]
    else { return "" }
    return siteNames[Int(site)]
  }
}
