import Foundation

extension PipelineRun {
  /// Reads every input, checking that every row is accounted for.
  ///
  /// Inputs that depend on no other are read at once on up to `KITH_THREADS` threads, each into
  /// its own study data with its own pseudonymiser, and joined in pipeline order — the result a
  /// sequential read gives. A survey whose waves are windows from each participant's first
  /// session is read afterwards, once attendance is known; coding exports last.
  ///
  /// With a key (not for `kith check`), each independent input's reading is saved in
  /// `OUT/.cache` and taken from there while its stage is fresh, unless the run is forced or
  /// pids come through links across inputs (any input's change may change them).
  ///
  /// - Returns: The study data, and the writer saving the readings (call `finish` before the run
  ///   records its state).
  func readInputs(
    resolver: IdentityResolver, keyFingerprint: String?, progress: ((InputProgress) -> Void)?
  ) throws -> (StudyData, SnapshotWriter) {
    let data = StudyData(studyEnd: spec.attendance.studyEnd)
    let dependsOnAttendance = { (input: InputSpec) -> Bool in
      if case .window? = input.wave { true } else { false }
    }
    let independent = spec.inputs.filter { !dependsOnAttendance($0) }
    let report = ProgressRelay(progress)
    let threads = Parallel.threads(environment: options.environment)
    let state = RunState.load(from: outputDirectory)
    let snapshots = SnapshotWriter()
    let keyFingerprint = resolver.linkage == nil ? keyFingerprint : nil
    let parts = try Parallel.map(independent.count, threads: threads) { index in
      let input = independent[index]
      if let keyFingerprint, !options.force,
        let snapshot = try reusableSnapshot(input, state: state, keyFingerprint: keyFingerprint)
      {
        let part = snapshot.restore(studyEnd: spec.attendance.studyEnd)
        part.reports[0].notices.append("taken from the cache: unchanged since the last run")
        return (part, snapshot.owned)
      }
      let own = IdentityResolver(
        primary: resolver.primary, pseudonymiser: resolver.pseudonymiser.fresh(),
        linkage: resolver.linkage)
      let part = StudyData(studyEnd: spec.attendance.studyEnd)
      part.reports.append(try read(input, resolver: own, into: part, progress: report.send))
      if let keyFingerprint {
        snapshots.save(
          part, owned: own.pseudonymiser.owned,
          parts: readStageParts(
            input, digest: part.reports[0].sha256, keyFingerprint: keyFingerprint),
          input: input.name, in: outputDirectory)
      }
      return (part, own.pseudonymiser.owned)
    }
    for (part, owned) in parts {
      do {
        try resolver.pseudonymiser.absorb(owned)
      } catch {
        throw DataError(error.description)
      }
      try data.absorb(part, policy: spec.duplicates)
    }
    for input in spec.inputs where dependsOnAttendance(input) {
      data.reports.append(try read(input, resolver: resolver, into: data, progress: report.send))
    }
    for coding in spec.codings {
      let (export, report) = try CodingReader.read(coding)
      let linked = try CodingLinker(spec: coding, resolver: resolver, data: data)
        .link(export, report: report)
      guard linked.rowsRead == linked.rowsAccepted + linked.rowsRejected else {
        throw DataError("row accounting failed for \(coding.displayPath)")
      }
      data.reports.append(linked)
    }
    let names = spec.inputs.map(\.name) + spec.codings.map(\.name)
    let position = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    data.reports.sort { position[$0.name, default: 0] < position[$1.name, default: 0] }
    data.accountForReplacedResponses()
    return (data, snapshots)
  }

  /// The saved reading of `input`, when one exists and its stage's parts are unchanged.
  private func reusableSnapshot(
    _ input: InputSpec, state: RunState?, keyFingerprint: String
  ) throws -> InputSnapshot? {
    guard
      FileManager.default.fileExists(
        atPath: InputSnapshot.url(for: input.name, in: outputDirectory).path)
    else { return nil }
    let blank = RunState(
      kithVersion: KithVersion.current, stages: [:], files: [:], manifestSHA256: nil)
    let digest = try (state ?? blank).digest(of: input.path).sha256
    return InputSnapshot.load(
      input: input.name,
      parts: readStageParts(input, digest: digest, keyFingerprint: keyFingerprint),
      from: outputDirectory)
  }

  /// The parts of `input`'s read stage, given its file's digest.
  private func readStageParts(
    _ input: InputSpec, digest: String, keyFingerprint: String
  ) -> [String: String] {
    StagePlan.stages(spec: spec, inputDigests: [input.name: digest], key: keyFingerprint)
      .first { $0.name == "read:\(input.name)" }?.parts ?? [:]
  }

  /// Reads one input into `data` with the reader its kind and format call for.
  private func read(
    _ input: InputSpec, resolver: IdentityResolver, into data: StudyData,
    progress: ((InputProgress) -> Void)?
  ) throws -> InputReport {
    let report =
      switch input.kind {
      case .survey:
        try SurveyReader(spec: spec, input: input, resolver: resolver, data: data)
          .read(progress: progress)
      case .register where input.format == .zoom:
        try ZoomReportReader(spec: spec, input: input, resolver: resolver, data: data)
          .read(progress: progress)
      case .register where input.format == .teams:
        try TeamsReportReader(spec: spec, input: input, resolver: resolver, data: data)
          .read(progress: progress)
      case .register where input.format == .wide:
        try WideRegisterReader(spec: spec, input: input, resolver: resolver, data: data)
          .read(progress: progress)
      case .register:
        try RegisterReader(spec: spec, input: input, resolver: resolver, data: data)
          .read(progress: progress)
      }
    guard report.rowsRead == report.rowsAccepted + report.rowsRejected else {
      throw DataError(
        "row accounting failed for \(report.path): read \(report.rowsRead), "
          + "accepted \(report.rowsAccepted), rejected \(report.rowsRejected)")
    }
    return report
  }
}

/// Passes progress from reading threads to the caller one at a time.
private final class ProgressRelay: @unchecked Sendable {
  private let progress: ((InputProgress) -> Void)?
  private let lock = NSLock()

  init(_ progress: ((InputProgress) -> Void)?) { self.progress = progress }

  func send(_ update: InputProgress) {
    guard let progress else { return }
    lock.lock()
    defer { lock.unlock() }
    progress(update)
  }
}
