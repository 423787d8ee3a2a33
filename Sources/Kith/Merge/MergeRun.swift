import Crypto
import Foundation
import KithCSV

/// `kith merge`: combines site releases into the release of one study, without any site's
/// identifiable data ever leaving it.
///
/// Each site's release is verified against its manifest, the sites' designs compared
/// (``SiteComparison``), their data files read into one study (``MergedStudy``), and the merged
/// release made exactly as a run makes one — the same data files (each with a `site` column),
/// study tables, data package, analysts' files and report — through the same leak gate, with
/// two more protections: quasi-identifiers re-generalised and k-anonymous over the merged
/// participants (``QuasiMerge``), and no merged count left that gives back a count a site
/// suppressed (``SiteDifferencing``).
public struct MergeRun {
  /// The sites and how to combine them.
  public let spec: MergeSpec
  /// Where the merged release goes: `--out`, else the merge file's `outputs.dir`, else
  /// `out/merged`.
  public let outputDirectory: URL
  /// The process environment (`KITH_THREADS`).
  public var environment: [String: String] = [:]

  /// A merge of `spec`'s sites into `outputDirectory` (or the merge file's, or `out/merged`).
  public init(spec: MergeSpec, outputDirectory: URL?) {
    self.spec = spec
    self.outputDirectory =
      outputDirectory ?? spec.outputDirectory ?? URL(fileURLWithPath: "out/merged")
  }

  /// What a merge did, in counts.
  public struct Summary: Sendable {
    /// The merged study's name.
    public var study: String
    /// The output folder, as given.
    public var outputDirectory: String
    /// Participants per site, in merge order.
    public var sites: [(name: String, participants: Int)]
    /// Participants of the merged study.
    public var participants: Int
    /// Participants released by more than one site.
    public var sharedParticipants: Int
    /// Responses for a wave another site also had, left out by the `duplicates:` rule.
    public var duplicateResponses: Int
    /// Study tables where a count was suppressed against differencing with the sites' tables.
    public var differencedTables: [String]
    /// What k-anonymity on the merged participants did.
    public var kAnonymity: KAnonymityReport?
    /// The files written under `release/`.
    public var outputs: [OutputReport]
  }

  /// The study tables a merge cannot make as a run would from releases: T6's reliability needs
  /// each item's answers, and T4 and T11 the sessions between each person's two survey days;
  /// a release holds neither (scores, not answers; no response dates).
  static let unmergeableTables: Set<StudyTableID> = [
    .t4DoseResponse, .t6Reliability, .t11ChangeBySessions,
  ]

  /// Merges the sites.
  ///
  /// - Throws: ``UsageError`` for a site path that holds no release, ``DataError`` for a
  ///   release that differs from its manifest or sites that are not comparable, and
  ///   ``EnvironmentError`` when the output cannot be written.
  public func run() throws -> Summary {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kith-merge-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: scratch, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
    defer { try? FileManager.default.removeItem(at: scratch) }
    var clock = PhaseClock()
    let sites = try spec.sites.map {
      try SiteRelease.open(
        name: $0.name, path: $0.path, displayPath: $0.displayPath, scratch: scratch)
    }
    let design = try SiteComparison.commonDesign(sites, spec: spec)
    let instruments = try design.instruments.map(Self.instrument)
    let pipeline = Self.pipeline(spec: spec, sites: sites, design: design, instruments: instruments)
    clock.lap("verify")
    let threads = Parallel.threads(environment: environment)
    let merged = try MergedStudy(
      sites: sites, spec: spec, design: design, instruments: instruments, threads: threads)
    clock.lap("read")
    let release = Self.measures(merged, spec: pipeline, threads: threads)
    clock.lap("measures")
    var facts = StudyFacts(
      spec: pipeline, study: merged.study, scores: merged.scores, quasi: merged.quasi,
      attendance: release.engagement, responded: merged.responded)
    (facts.sites, facts.sitesOf) = (sites.map(\.name), merged.participantSites)
    clock.lap("facts")
    var studyTables = StudyTables(
      facts: facts, rule: pipeline.disclosure, selection: pipeline.release)
    studyTables.siteTables = try SiteDifferencing(
      sites: zip(sites, merged.firstAttended).map { site, first in
        try Self.publishedTables(
          site,
          weeksFrom: first.map { Int($0) - Int(merged.firstAttended.compactMap { $0 }.min() ?? $0) }
        )
      }, rule: pipeline.disclosure)
    let study = try studyTables.build()
    clock.lap("study tables")
    let tables = try Self.dataTables(merged, release: release) + study.csv
    var sensitive = SensitiveValues()
    sensitive.exempt(
      words: ReleaseVocabulary.words(spec: pipeline, tables: tables, studyTables: study.vocabulary)
        + sites.map(\.name))
    sensitive.seal()
    let gate = LeakGate(sensitive: sensitive)
    var descriptions = try ReleaseDocuments.make(
      tables: tables, spec: pipeline, coded: Set(merged.quasi.columns + ["site"]),
      lastDay: facts.lastDay, study: study)
    let manifest = { (outputs: [OutputReport]) in
      Self.manifest(pipeline, sites: sites, kAnonymity: merged.quasi.report, outputs: outputs)
    }
    if pipeline.release.report {
      let page = try ReportRenderer(pipeline.report).render(
        ReportSource(tables: tables, provenance: ReportProvenance(manifest([]))))
      descriptions.append((ReportRenderer.fileName, Data(page.utf8)))
    }
    clock.lap("documents")
    let claimed = try OutputFolder.claim(
      outputDirectory, study: pipeline.study,
      forbidden: spec.sites.map { ($0.path, "the release of site `\($0.name)`") }, wait: true,
      waiting: { _ in })
    let publisher = try Publisher(folder: claimed.folder, threads: threads)
    let written = try withExtendedLifetime(claimed.lock) { () throws -> [OutputReport] in
      let written = try publisher.publishRelease(
        tables, gate: gate,
        kAnonymity: merged.quasi.columns.isEmpty ? nil : (merged.quasi.columns, design.k),
        descriptions: descriptions, manifest: manifest)
      clock.lap("publish")
      try publisher.writePrivate(
        text: Self.log(merged.counts, sites: sites, study: study) + clock.line + "\n",
        to: "merge.log")
      try publisher.commitPrivate()
      return written
    }
    return Summary(
      study: pipeline.study, outputDirectory: outputDirectory.relativePath,
      sites: merged.counts.perSite.map { ($0.site, $0.participants) },
      participants: merged.study.participants.count,
      sharedParticipants: merged.counts.sharedParticipants,
      duplicateResponses: merged.counts.duplicateResponses,
      differencedTables: Self.differenced(study), kAnonymity: merged.quasi.report, outputs: written)
  }

  /// The tables of `study` that carry the differencing note.
  private static func differenced(_ study: StudyTables.Built) -> [String] {
    study.sheets.filter { $0.notes.contains(SiteDifferencing.note) }.map(\.name)
  }

  /// The shipped instrument the sites scored `record` with.
  private static func instrument(_ record: StudyDesign.InstrumentRecord) throws -> Instrument {
    guard let instrument = try InstrumentCatalog.instrument(record.id),
      instrument.version == record.version, instrument.digest == record.rules
    else {
      throw DataError(
        "the sites scored `\(record.id)` (version \(record.version)) by rules this Kith does not "
          + "ship (a study's own definition, or another Kith's); a merge describes and protects "
          + "scores by the instrument's rules, so merge with the Kith the sites ran")
    }
    return instrument
  }

  /// The merged study's pipeline: the sites' common design, no inputs, and every file and
  /// table every site published (but those a release cannot make).
  static func pipeline(
    spec: MergeSpec, sites: [SiteRelease], design: StudyDesign, instruments: [Instrument]
  ) -> PipelineSpec {
    let published = sites.map { Set($0.manifest.outputs.map(\.path)) }
    let everywhere = published.dropFirst().reduce(published[0]) { $0.intersection($1) }
    let tables =
      StudyTableID.allCases.filter {
        !unmergeableTables.contains($0) && everywhere.contains("tables/\($0.rawValue).csv")
      } + [.t13Sites]
    let formats = ReleaseFormat.allCases.filter { format in
      switch format {
      case .csv: true
      case .sav, .dta: everywhere.contains("data/participants.\(format.rawValue)")
      case .xlsx: everywhere.contains(WorkbookWriter.path)
      }
    }
    let study = spec.study ?? sites[0].manifest.study + " (merged)"
    var pipeline = PipelineSpec(
      file: spec.file, directory: URL(fileURLWithPath: "."), study: study, keyFile: nil,
      demo: false, waves: design.waves, instruments: instruments.map { Located($0) },
      duplicates: DuplicatePolicy(rawValue: design.duplicates) ?? .firstComplete,
      disclosure: sites[0].manifest.disclosure,
      kAnonymity: KAnonymitySpec(k: design.k, maxSuppressed: 1), dates: .exact,
      attendance: design.attendance, ageReference: nil, pidKind: .email, inputs: [],
      sha256: "", sourceLines: [])
    pipeline.release = ReleaseSelection(
      tables: Set(tables.map(\.rawValue)), report: everywhere.contains(ReportRenderer.fileName),
      formats: spec.formats ?? Set(formats))
    let ids = Set(instruments.map(\.id))
    pipeline.jointDisplay = JointDisplaySpec(
      wellbeing: ids.contains("wemwbs") ? "wemwbs" : nil,
      loneliness: ids.contains("ucla3") ? "ucla3" : nil)
    return pipeline
  }

  /// Engagement, co-attendance and the roster of the merged study, as a run measures them.
  private static func measures(_ merged: MergedStudy, spec: PipelineSpec, threads: Int)
    -> MeasuredRelease
  {
    let study = merged.study
    let held = AttendanceRelease.heldDays(in: study)
    let ledger = study.ledger
    let people = ledger.entriesByPid.count
    let measured = Parallel.map(people, threads: threads) { pid in
      Engagement.measure(
        attended: ledger.attended(pid: Int32(pid)), held: held, settings: spec.attendance)
    }
    let engagement = AttendanceRelease(
      spec: spec, study: study, held: held,
      network: CoAttendance.measure(ledger, settings: spec.attendance), measured: measured)
    let registered = study.pids.strings.count
    let keys = PidOrder.keys(study.participants)
    let order = study.participants.indices.sorted { keys[$0] < keys[$1] }
    let pids = order.map { study.participants[$0] }
    return MeasuredRelease(
      spec: spec, study: study,
      privateValues: PrivateValues(
        sensitive: SensitiveValues(), quasi: [:], freeText: [], segments: []),
      scrubber: TextScrubber(sensitive: SensitiveValues(), tally: nil), scores: merged.scores,
      engagement: engagement, quasi: merged.quasi,
      roster: MeasuredRelease.Roster(
        pids: pids, ids: order.map { $0 < registered ? Int32($0) : nil },
        firstScores: merged.scores.firstRows(of: pids)))
  }

  /// The merged data files, each with its `site` column last.
  private static func dataTables(_ merged: MergedStudy, release: MeasuredRelease) throws
    -> [Table]
  {
    let joined = { (sites: [String]?) in sites?.joined(separator: "+") ?? "" }
    var tables: [Table] = []
    for file in ReleaseDataFile.allCases {
      switch file {
      case .participants:
        let sites = merged.participantSites
        try release.descriptorTable(file).map {
          tables.append(
            $0.addingSite(from: 0) { joined(sites[String(decoding: $0, as: UTF8.self)]) })
        }
      case .attendance, .sessions, .groups:
        let sites = merged.groupSites
        try release.descriptorTable(file).map {
          tables.append(
            $0.addingSite(from: file == .attendance ? 1 : 0) {
              joined(sites[String(decoding: $0, as: UTF8.self)])
            })
        }
      case .scores:
        let waves = release.spec.waves.map { Array($0.utf8) }
        try release.descriptorTable(file).map {
          tables.append(
            $0.addingSite(from: 0, and: 1) { pid, wave in
              merged.responseSite(
                pid: pid, wave: waves.firstIndex { $0.elementsEqual(wave) } ?? 0)
            })
        }
      case .themes where !merged.themeRows.isEmpty:
        tables.append(
          Table(
            path: file.path, header: ["pid", "theme", "code", "segments", "site"],
            rows: merged.themeRows.map { $0.key + [String($0.segments), joined($0.sites)] }))
      case .freeText where !merged.freeText.isEmpty:
        let rows = merged.freeText.sorted {
          ($0.text.pid, $0.site, $0.text.source, $0.text.line, $0.text.column)
            < ($1.text.pid, $1.site, $1.text.source, $1.text.line, $1.text.column)
        }
        tables.append(
          Table(
            path: file.path, header: ["pid", "source", "wave", "column", "text", "site"],
            rows: rows.map {
              [$0.text.pid, $0.text.source, $0.text.wave, $0.text.column, $0.text.text, $0.site]
            }))
      case .themes, .freeText, .quotes: continue
      }
    }
    return tables
  }

  /// A site's published study tables, read from its release.
  ///
  /// T12's weeks count from the site's first day of attendance, the merged table's from the
  /// study's: `weeksFrom` is how many days later the site's began. Its weeks are renumbered as
  /// the merged table's; weeks that do not line up (a start not a whole number of weeks later)
  /// hold other days, cannot be subtracted, and are left out.
  private static func publishedTables(_ site: SiteRelease, weeksFrom offset: Int?) throws
    -> SiteDifferencing.Site
  {
    var tables: [String: SiteDifferencing.SiteTable] = [:]
    for id in StudyTableID.allCases {
      guard let file = site.file("tables/\(id.rawValue).csv") else { continue }
      let reader = try CSVReader(
        path: file.path, displayName: "site `\(site.name)`: tables/\(id.rawValue).csv",
        dialect: .written)
      var rows: [[String]] = []
      try reader.forEachRow { row in rows.append((0..<row.count).map { row.string($0) }) }
      let table = SiteDifferencing.SiteTable(header: reader.header.names, rows: rows)
      guard id == .t12AttendanceByWeek else {
        tables[id.rawValue] = table
        continue
      }
      if let offset, offset % 7 == 0 { tables[id.rawValue] = table.weeks(shiftedBy: offset / 7) }
    }
    return SiteDifferencing.Site(name: site.name, tables: tables)
  }

  /// The merged release's manifest: its design, and the site manifests it was made from (as
  /// its inputs, and by name).
  private static func manifest(
    _ pipeline: PipelineSpec, sites: [SiteRelease], kAnonymity: KAnonymityReport?,
    outputs: [OutputReport]
  ) -> Manifest {
    Manifest(
      kithVersion: KithVersion.current, study: pipeline.study,
      pipeline: URL(fileURLWithPath: pipeline.file).lastPathComponent,
      pipelineSHA256: "", keyFingerprint: sites[0].manifest.keyFingerprint,
      disclosure: pipeline.disclosure, kAnonymity: kAnonymity,
      inputs: sites.map { site in
        let participants =
          site.manifest.outputs.first { $0.path == ReleaseDataFile.participants.path }?.rows ?? 0
        return Manifest.Input(
          name: site.name, bytes: site.manifest.outputs.reduce(0) { $0 + $1.bytes },
          sha256: site.manifestSHA256, rowsRead: participants, rowsAccepted: participants,
          rowsRejected: 0)
      },
      outputs: outputs.map {
        Manifest.Output(
          path: String($0.path.dropFirst("release/".count)), bytes: $0.bytes, sha256: $0.sha256,
          rows: $0.rows)
      }.sorted { $0.path < $1.path }, design: StudyDesign(spec: pipeline),
      sites: sites.map {
        Manifest.Site(name: $0.name, study: $0.manifest.study, manifestSHA256: $0.manifestSHA256)
      })
  }

  /// The private record of the merge: what combining the sites found, in counts.
  private static func log(
    _ counts: MergedStudy.Counts, sites: [SiteRelease], study: StudyTables.Built
  ) -> String {
    var lines = ["kith merge, Kith \(KithVersion.current)", ""]
    for (site, participants) in counts.perSite {
      lines.append("site \(site): \(participants) participants")
    }
    lines += [
      "participants released by more than one site: \(counts.sharedParticipants)",
      "responses for a wave another site also had (left out by the duplicates rule): "
        + "\(counts.duplicateResponses)",
      "study tables with a count suppressed against differencing: "
        + (differenced(study).isEmpty ? "none" : differenced(study).joined(separator: ", ")),
    ]
    return lines.joined(separator: "\n") + "\n"
  }
}

extension MeasuredRelease {
  /// The table of data file `file` as its descriptor makes it, if the study has one.
  func descriptorTable(_ file: ReleaseDataFile) throws -> Table? {
    try file.descriptor.table(from: self)
  }
}

extension Table {
  /// This table with a `site` column last, each row's value made from its field `field` (as
  /// UTF-8): rows in a run share it (a participant's rows, a group's), so it is worked out once
  /// per run of equal fields.
  func addingSite(from field: Int, _ site: @escaping (UnsafeRawBufferPointer) -> String) -> Table {
    addingSite(from: field, and: field) { key, _ in site(key) }
  }

  /// This table with a `site` column last, each row's value made from its fields `first` and
  /// `second` (as UTF-8), worked out once per run of rows where both are the same.
  func addingSite(
    from first: Int, and second: Int,
    _ site: @escaping (UnsafeRawBufferPointer, UnsafeRawBufferPointer) -> String
  ) -> Table {
    let inner = self
    return Table(path: path, header: header + ["site"], count: count) {
      let make = inner.records()
      var last: (first: [UInt8], second: [UInt8], site: String) = ([], [], "")
      return { index, record in
        make(index, record)
        let same =
          record.withField(first) { $0.elementsEqual(last.first) } == true
          && record.withField(second) { $0.elementsEqual(last.second) } == true
        if !same {
          if let a = record.withField(first, { Array($0) }),
            let b = record.withField(second, { Array($0) })
          {
            last = (a, b, a.withUnsafeBytes { a in b.withUnsafeBytes { site(a, $0) } })
          } else {
            // A quoted field (a group name holding a comma): read as text.
            let fields = record.strings
            let (a, b) = (Array(fields[first].utf8), Array(fields[second].utf8))
            last = ([], [], a.withUnsafeBytes { a in b.withUnsafeBytes { site(a, $0) } })
          }
        }
        record.append(last.site)
      }
    }
  }
}
