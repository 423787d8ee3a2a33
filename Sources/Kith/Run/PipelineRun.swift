import Foundation

/// Runs a pipeline: reads and pseudonymises every input, computes the measures, and publishes the
/// release through the leak gate.
public struct PipelineRun {
  /// How to run.
  public struct Options: Sendable {
    /// The `--key` option.
    public var keyOption: String?
    /// The process environment (for `KITH_KEY_FILE`).
    public var environment: [String: String]
    /// The `--out` option.
    public var outputDirectory: URL?
    /// Whether to write nothing (`kith check`); a missing key is then not an error.
    public var dryRun: Bool
    /// Whether to run every stage even when nothing changed (`--force`).
    public var force: Bool
    /// Whether input readings are taken from and saved in `OUT/.cache` (`--no-cache` turns it
    /// off, and removes readings earlier runs saved).
    public var cachesReadings = true
    /// The size from which a long register is read in parts at once (when threads allow).
    public var splitThreshold = InputPiece.defaultThreshold
    /// How many rows of a table are made at a time, parts made on threads at once.
    public var rowsPerPart = TableFile.defaultRowsPerPart
    /// Whether to wait while another run writes to the output folder (`--no-wait` turns it
    /// off: the run fails at once, naming the process).
    public var waitsForOtherRuns = true
    /// Told who holds the output folder when the run waits for it.
    public var waiting: (@Sendable (String) -> Void)?

    /// Creates options.
    public init(
      keyOption: String? = nil, environment: [String: String] = [:], outputDirectory: URL? = nil,
      dryRun: Bool = false, force: Bool = false
    ) {
      self.keyOption = keyOption
      self.environment = environment
      self.outputDirectory = outputDirectory
      self.dryRun = dryRun
      self.force = force
    }
  }

  /// The pipeline.
  public let spec: PipelineSpec
  /// How to run it.
  public let options: Options

  /// Creates a run.
  public init(spec: PipelineSpec, options: Options) {
    self.spec = spec
    self.options = options
  }

  /// The output folder: `--out`, else the pipeline's `outputs.dir`, else `out/<pipeline name>`.
  public var outputDirectory: URL {
    options.outputDirectory ?? spec.outputDirectory
      ?? URL(fileURLWithPath: "out").appendingPathComponent(spec.name)
  }

  /// The key file that will be used, if any.
  public var keySource: KeySource? {
    KeySource.resolve(option: options.keyOption, environment: options.environment, spec: spec)
  }

  /// Runs the pipeline.
  ///
  /// - Parameter progress: Called now and then while a large input is read.
  /// - Returns: What was read and written.
  /// - Throws: ``KeyError`` and ``PipelineError`` for problems with the set-up (exit code 2),
  ///   ``DataError`` for problems in the data that the policy makes fatal (exit code 1).
  public func run(progress: ((InputProgress) -> Void)? = nil) throws -> RunSummary {
    // A folder, a device or a pipe named as an input is refused before anything is read.
    try RegularFile.check(spec.trackedFiles.map { ($0.path, "the input `\($0.name)`") })
    try ColumnPreflight.check(spec)
    if !options.dryRun { try OutputFolder.refuseForbidden(outputDirectory, forbidden: forbidden) }
    let (key, keyNotices) = try loadKey()
    // Held to the end of the run: one run at a time writes to an output folder.
    let claimed = options.dryRun ? nil : try claimOutputFolder()
    defer { withExtendedLifetime(claimed?.lock) {} }
    let zoneNotices = options.dryRun ? [] : try tightenPrivateZones()
    if !options.dryRun && !options.force,
      let cached = try upToDateSummary(keyFingerprint: key?.fingerprint)
    {
      return cached
    }
    var clock = PhaseClock()
    let (data, snapshots) = try readInputs(
      key: key ?? StudyKey(unchecked: StudyKey.random()),
      keyFingerprint: options.dryRun ? nil : key?.fingerprint, progress: progress)
    clock.lap("read")
    try RawColumnCheck.check(spec: spec, data: data)
    // Sealed once: the scrubber and the gate search it from here on.
    data.sensitive.seal()
    let threads = Parallel.threads(environment: options.environment)
    let built = try ReleaseTables(spec: spec, data: data, threads: threads).build()
    clock.lap("measures")
    let study = try built.facts.map {
      try StudyTables(facts: $0, rule: spec.disclosure, selection: spec.release).build()
    }
    clock.lap("study tables")
    let tables = built.tables + (study?.csv ?? [])
    // The report is drawn from the tables as published; the words it writes itself (headings,
    // captions, explanations: its page with every cell emptied) are the release's own.
    let report = spec.release.report ? ReportRenderer(spec.report) : nil
    let reportWords = try report.map { _ in
      try ReportRenderer.vocabulary(
        ReportSource(
          tables: tables,
          provenance: ReportProvenance(
            kithVersion: KithVersion.current, study: spec.study, pipeline: "",
            pipelineSHA256: "", keyFingerprint: "", disclosure: spec.disclosure,
            kAnonymity: built.kAnonymity, inputs: [])))
    }
    data.sensitive.exempt(
      words: ReleaseVocabulary.words(
        spec: spec, tables: tables, studyTables: study?.vocabulary ?? [])
        + (reportWords.map { [$0] } ?? []))
    var gate = LeakGate(sensitive: data.sensitive)
    gate.sources = LeakSources(run: self).inputs(holding:)
    var descriptions = try ReleaseDocuments.make(
      tables: tables, spec: spec, coded: Set(built.quasiColumns), lastDay: built.facts?.lastDay,
      study: study)
    var summary = RunSummary(
      kithVersion: KithVersion.current, study: spec.study, pipeline: spec.file,
      outputDirectory: outputDirectory.relativePath, keyFingerprint: key?.fingerprint,
      demoKey: keySource?.isDemo ?? false, disclosure: spec.disclosure,
      kAnonymity: built.kAnonymity, inputs: data.reports,
      outputs: [],
      participants: data.participantCount,
      rowsRejected: data.reports.reduce(0) { $0 + $1.rowsRejected },
      valuesSetAside: data.rejects.entries.filter { $0.outcome == .valueMissing }.count,
      safeguardingConcerns: data.safeguarding.count,
      wroteOutputs: false)
    summary.safeguardingUnreadable = data.safeguarding.filter { $0.answer == nil }.count
    summary.notices = keyNotices + (claimed?.notices ?? []) + zoneNotices
    summary.changes = study?.changeView
    summary = summary.redacted(by: gate, scrubber: TextScrubber(sensitive: data.sensitive))
    if let report {
      let page = try report.render(
        ReportSource(
          tables: tables,
          provenance: ReportProvenance(manifest(summary: summary, outputs: []))))
      descriptions.append((ReportRenderer.fileName, Data(page.utf8)))
    }
    try gate.refuse(keptHeaders(gate), in: "the release's column names")
    try gate.refuse(
      gate.scan(descriptions: descriptions), in: "the data package or the study tables")
    let privacy = { (files: Int, rows: Int) in
      PrivacyReport(
        inputs: summary.inputs.map { PrivacyReport.Input(name: $0.name, columns: $0.columns) },
        kAnonymity: built.kAnonymity, disclosure: spec.disclosure.summary,
        cells: study?.disclosure, attack: study?.attack, scrubbed: built.scrubbed,
        gate: PrivacyReport.Gate(
          passed: true, identifyingValues: data.sensitive.count, files: files, rows: rows))
    }
    if options.dryRun {
      try LossCheck.check(reports: summary.inputs, spec: spec)
      try gate.refuse(tables.flatMap(gate.scan), in: "the release")
      summary.privacy = privacy(
        tables.count + descriptions.count, tables.reduce(0) { $0 + $1.count })
      summary.outputs = tables.map {
        OutputReport(path: "release/" + $0.path, rows: $0.count, bytes: 0, sha256: "")
      }
      return summary
    }
    guard let claimed else { return summary }
    var publisher = try Publisher(folder: claimed.folder, threads: threads)
    publisher.rowsPerPart = options.rowsPerPart
    do {
      return try publish(
        with: publisher, summary: summary, data: data, tables: tables, study: study,
        descriptions: descriptions, gate: gate, built: built, privacy: privacy, clock: clock,
        snapshots: snapshots, key: key)
    } catch let error as DataError {
      throw DataError(
        error.message + "; this run's private files are in " + publisher.setAsidePrivate()
          + " (those in private/ belong to the release in place)")
    } catch {
      _ = publisher.setAsidePrivate()
      throw error
    }
  }

  /// Writes the private files and publishes the release; the private files reach `private/`
  /// only once the release is in place.
  private func publish(
    with publisher: Publisher, summary: RunSummary, data: StudyData, tables: [Table],
    study: StudyTables.Built?, descriptions: [(String, Data)], gate: LeakGate,
    built: ReleaseTables.Built, privacy: (Int, Int) -> PrivacyReport, clock: PhaseClock,
    snapshots: SnapshotWriter, key: StudyKey?
  ) throws -> RunSummary {
    var (summary, clock) = (summary, clock)
    let rejects = Table(
      path: "rejects.csv", header: Reject.csvHeader, rows: data.rejects.entries.map(\.csvRecord))
    let rejectsReport = try publisher.writePrivate(rejects)
    let segmentsReport =
      spec.codings.isEmpty
      ? nil
      : try publisher.writePrivate(
        Table(
          path: "segments.csv", header: CodedSegment.csvHeader,
          rows: data.codedSegments.map(\.csvRecord)))
    for document in study?.privateDocuments ?? [] {
      try publisher.writePrivate(text: document.text, to: document.path)
    }
    let safeguardingReport = try publisher.writePrivate(
      Table(
        path: "safeguarding.csv", header: SafeguardingConcern.csvHeader,
        rows: data.safeguarding.map(\.csvRecord)))
    // After the private files, so that a run stopped here keeps its rejects (in failed-run/).
    try LossCheck.check(reports: summary.inputs, spec: spec)
    let released = try publisher.publishRelease(
      tables, gate: gate,
      kAnonymity: built.quasiColumns.isEmpty ? nil : (built.quasiColumns, spec.kAnonymity.k),
      descriptions: descriptions
    ) { outputs in manifest(summary: summary, outputs: outputs) }
    clock.lap("publish")
    summary.privacy = privacy(released.count, released.reduce(0) { $0 + $1.rows })
    try publisher.writePrivate(text: summary.privacy?.markdown ?? "", to: "privacy-report.md")
    summary.outputs =
      released + [rejectsReport, safeguardingReport] + [segmentsReport].compactMap { $0 }
    summary.wroteOutputs = true
    try publisher.writePrivate(
      text: RunLog.text(summary: summary, keySource: keySource) + clock.line + "\n",
      to: "run.log")
    try publisher.commitPrivate()
    try snapshots.finish()
    try recordState(reports: data.reports, keyFingerprint: key?.fingerprint)
    // A large study is freed object by object, which takes a noticeable time: off this thread.
    let finished = Finished(data: data, tables: tables)
    DispatchQueue.global(qos: .utility).async { withExtendedLifetime(finished) {} }
    return summary
  }

  /// Every kept column's name, as the inputs write it and as the release heads it (snake
  /// case), that holds an identifying value: named by its input and position, never by itself.
  private func keptHeaders(_ gate: LeakGate) -> [LeakGate.Finding] {
    spec.inputs.flatMap { input in
      input.keep.enumerated().compactMap { position, column in
        let what =
          gate.classify(column.value) ?? gate.classify(ColumnName.snakeCase(column.value))
        return what.map {
          LeakGate.Finding(
            file: spec.file, column: "inputs.\(input.name).keep[\(position)]", what: $0)
        }
      }
    }
  }

  /// What a run leaves to be freed.
  private struct Finished: @unchecked Sendable {
    let data: StudyData
    let tables: [Table]
  }

  /// The manifest of a release whose files are `outputs`.
  private func manifest(summary: RunSummary, outputs: [OutputReport]) -> Manifest {
    Manifest(
      kithVersion: summary.kithVersion, study: spec.study,
      pipeline: URL(fileURLWithPath: spec.file).lastPathComponent, pipelineSHA256: spec.sha256,
      keyFingerprint: summary.keyFingerprint ?? "", disclosure: spec.disclosure,
      kAnonymity: summary.kAnonymity,
      inputs: summary.inputs.map {
        Manifest.Input(
          name: $0.name, bytes: $0.bytes, sha256: $0.sha256, rowsRead: $0.rowsRead,
          rowsAccepted: $0.rowsAccepted, rowsRejected: $0.rowsRejected)
      },
      outputs: outputs.map {
        Manifest.Output(
          path: String($0.path.dropFirst("release/".count)), bytes: $0.bytes, sha256: $0.sha256,
          rows: $0.rows)
      }.sorted { $0.path < $1.path }, design: StudyDesign(spec: spec))
  }

  /// The output folder, made or found Kith's own, its lock held (``OutputFolder``).
  private func claimOutputFolder() throws -> (
    folder: OutputFolder, lock: OutputLock, notices: [String]
  ) {
    try OutputFolder.claim(
      outputDirectory, study: spec.study, forbidden: forbidden, wait: options.waitsForOtherRuns,
      waiting: options.waiting ?? { _ in })
  }

  /// Folders the output folder may never be: the pipeline's, and each input's.
  private var forbidden: [(URL, String)] {
    [(URL(fileURLWithPath: spec.file).deletingLastPathComponent(), "the pipeline's own folder")]
      + spec.trackedFiles.map {
        ($0.path.deletingLastPathComponent(), "the folder of the input \($0.displayPath)")
      }
  }

  /// Tightens the private folders an earlier run (or a person) left readable by others.
  private func tightenPrivateZones() throws -> [String] {
    try ["private", ".cache"].flatMap { name -> [String] in
      let folder = outputDirectory.appendingPathComponent(name)
      guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
      return try PrivateZone.prepare(folder, named: name)
    }
  }

  /// Loads the key; in a dry run a missing key is allowed (an in-memory random one stands in).
  ///
  /// The key file must lie outside the output folder and outside git (unless the study is a
  /// demo), both judged with symbolic links resolved, and pass ``KeyFile/read(_:checksMode:)``.
  ///
  /// - Returns: The key, and notices for the run summary (git could not be asked).
  private func loadKey() throws -> (key: StudyKey?, notices: [String]) {
    guard let source = keySource else {
      if options.dryRun { return (nil, []) }
      throw KeyError.missing
    }
    if RealPath.isInside(source.url, outputDirectory) {
      throw KeyError.insideOutput(path: source.url.path)
    }
    var notices: [String] = []
    if !spec.demo {
      switch GitTracking.answer(for: source.url) {
      case .tracked: throw KeyError.trackedByGit(path: source.url.path)
      case .untracked: break
      case .unknown(let why):
        notices.append(
          "\(why), so Kith could not check that the key file is not tracked by git; make sure it "
            + "is not (`git ls-files --error-unmatch KEYFILE` prints an error when it is not)")
      }
    }
    return (try KeyFile.read(source.url, checksMode: !spec.demo), notices)
  }
}
