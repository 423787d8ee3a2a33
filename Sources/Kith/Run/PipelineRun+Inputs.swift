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
  /// `OUT/.cache` and taken from there while its stage is fresh, unless the run is forced, runs
  /// without the cache, or pids come through links across inputs (any input's change may change
  /// them).
  ///
  /// Pids are made with `key`; what made them (the pseudonymiser and its memory of every
  /// identifier) is gone when this returns.
  ///
  /// - Returns: The study data, and the writer saving the readings (call `finish` before the run
  ///   records its state).
  func readInputs(
    key: StudyKey, keyFingerprint: String?, progress: ((InputProgress) -> Void)?
  ) throws -> (StudyData, SnapshotWriter) {
    let resolver = IdentityResolver(
      primary: spec.pidKind, pseudonymiser: Pseudonymiser(key: key),
      linkage: spec.linksIdentifiers ? try IdentityLinkage.build(spec: spec) : nil)
    let dependsOnAttendance = { (input: InputSpec) -> Bool in
      if case .window? = input.wave { true } else { false }
    }
    let independent = spec.inputs.filter { !dependsOnAttendance($0) }
    let report = ProgressRelay(progress)
    let threads = Parallel.threads(environment: options.environment)
    let state = RunState.load(from: outputDirectory)
    let snapshots = SnapshotWriter()
    let keyFingerprint = resolver.linkage == nil && options.cachesReadings ? keyFingerprint : nil
    if !options.cachesReadings && !options.dryRun {
      for input in spec.inputs { InputSnapshot.remove(input: input.name, in: outputDirectory) }
    }
    // Each independent input is read whole, or, when a large register, in parts; inputs read
    // whole start first, and the parts fill the threads in as they free up.
    var units: [(input: Int, piece: InputPiece?)] = []
    var split: [(input: Int, pieces: [InputPiece])] = []
    for (position, input) in independent.enumerated() {
      let cached =
        keyFingerprint.map { !options.force && mayReuseSnapshot(input, state: state, key: $0) }
        ?? false
      if !cached, threads > 1,
        let pieces = InputPiece.pieces(
          of: input, count: threads * 4, threshold: options.splitThreshold)
      {
        split.append((position, pieces))
      } else {
        units.append((position, nil))
      }
    }
    var joiners: [Int: PieceJoiner] = [:]
    for (position, pieces) in split {
      joiners[position] = PieceJoiner(parts: pieces.count)
      units += pieces.map { (position, $0) }
    }
    let outcomes = try Parallel.map(units.count, threads: threads) { index -> Reading? in
      let (position, piece) = units[index]
      let input = independent[position]
      if piece == nil, let keyFingerprint, !options.force,
        let snapshot = try reusableSnapshot(input, state: state, keyFingerprint: keyFingerprint),
        let part = snapshot.restore(studyEnd: spec.attendance.studyEnd)
      {
        part.reports[0].notices.append("taken from the cache: unchanged since the last run")
        return Reading(data: part, owned: snapshot.owned, isFresh: false)
      }
      guard let piece, let joiner = joiners[position] else {
        return try fresh(input, resolver: resolver, progress: report.send)
      }
      do {
        joiner.add(
          try fresh(input, piece: piece, resolver: resolver, progress: report.send),
          index: piece.index)
      } catch is PieceMisaligned {
        joiner.add(nil, index: piece.index)
      }
      return nil
    }
    var readings: [Reading] = []
    for (position, input) in independent.enumerated() {
      if let joiner = joiners[position] {
        readings.append(
          try joiner.joined() ?? fresh(input, resolver: resolver, progress: report.send))
      } else if let index = units.firstIndex(where: { $0.input == position }),
        let reading = outcomes[index]
      {
        readings.append(reading)
      }
    }
    let data = StudyData(studyEnd: spec.attendance.studyEnd)
    for (input, reading) in zip(independent, readings) {
      if let keyFingerprint, reading.isFresh {
        snapshots.save(
          reading.data, owned: reading.owned,
          parts: readStageParts(
            input, digest: reading.data.reports[0].sha256, keyFingerprint: keyFingerprint),
          input: input.name, in: outputDirectory)
      }
      do {
        try resolver.pseudonymiser.absorb(reading.owned)
      } catch {
        throw DataError(error.description)
      }
      try data.absorb(reading.data, policy: spec.duplicates)
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
    try data.rejects.fillRawText(of: spec.inputs)
    data.finishReading(threads: threads)
    return (data, snapshots)
  }

  /// One input's reading on its own: its study data and the pids its pseudonymiser made.
  fileprivate struct Reading {
    let data: StudyData
    var owned: PidOwners
    /// Whether it was read now, rather than taken from the cache.
    let isFresh: Bool
  }

  /// Reads `input` (or one `piece` of it) into study data of its own, with a pseudonymiser of its
  /// own, so that inputs and pieces can be read on different threads.
  private func fresh(
    _ input: InputSpec, piece: InputPiece? = nil, resolver: IdentityResolver,
    progress: ((InputProgress) -> Void)? = nil
  ) throws -> Reading {
    let own = IdentityResolver(
      primary: resolver.primary, pseudonymiser: resolver.pseudonymiser.fresh(),
      linkage: resolver.linkage)
    let part = StudyData(studyEnd: spec.attendance.studyEnd)
    part.reports.append(
      try read(
        input, piece: piece, resolver: own, into: part,
        progress: (piece?.index ?? 0) == 0 ? progress : nil))
    // A survey's participants, sorted here on its reading's thread rather than at the end.
    part.respondents()
    return Reading(data: part, owned: own.pseudonymiser.owned, isFresh: true)
  }

  /// Whether a saved reading of `input` may be reused, judged from its stage's parts alone: such
  /// an input is read whole, so the saved reading can stand in for it.
  private func mayReuseSnapshot(_ input: InputSpec, state: RunState?, key: String) -> Bool {
    guard
      FileManager.default.fileExists(
        atPath: InputSnapshot.url(for: input.name, in: outputDirectory).path),
      let digest = try? (state ?? RunState.blank).digest(of: input.path).sha256
    else { return false }
    return InputSnapshot.hasParts(
      readStageParts(input, digest: digest, keyFingerprint: key), input: input.name,
      in: outputDirectory)
  }

  /// The saved reading of `input`, when one exists and its stage's parts are unchanged.
  private func reusableSnapshot(
    _ input: InputSpec, state: RunState?, keyFingerprint: String
  ) throws -> InputSnapshot? {
    guard
      FileManager.default.fileExists(
        atPath: InputSnapshot.url(for: input.name, in: outputDirectory).path)
    else { return nil }
    let digest = try (state ?? RunState.blank).digest(of: input.path).sha256
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
  func read(
    _ input: InputSpec, piece: InputPiece? = nil, resolver: IdentityResolver,
    into data: StudyData, progress: ((InputProgress) -> Void)?
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
        try RegisterReader(
          spec: spec, input: input, resolver: resolver, data: data, piece: piece
        ).read(progress: progress)
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

/// Joins the parts of one register in file order as they are read: whichever thread delivers
/// the part the join waits for joins it (and any parts that arrived early) while the other
/// threads read on.
private final class PieceJoiner: @unchecked Sendable {
  private let parts: Int
  private let lock = NSLock()
  private var waiting: [Int: PipelineRun.Reading] = [:]
  private var next = 0
  private var isJoining = false
  private var failed = false
  /// The parts before `next`, joined; touched only by the joining thread.
  private var joinedSoFar: PipelineRun.Reading?

  init(parts: Int) { self.parts = parts }

  /// Hands over part `index`; `nil` when it could not be read apart.
  func add(_ reading: PipelineRun.Reading?, index: Int) {
    lock.lock()
    if let reading { waiting[index] = reading } else { failed = true }
    guard !isJoining else {
      lock.unlock()
      return
    }
    isJoining = true
    while !failed, let part = waiting.removeValue(forKey: next) {
      next += 1
      lock.unlock()
      let joined = join(part)
      lock.lock()
      if !joined { failed = true }
    }
    isJoining = false
    lock.unlock()
  }

  /// Joins `part` after the parts joined so far; `false` when two parts gave one pid to
  /// different identifiers (the file is then read whole, where that collision stops the run).
  private func join(_ part: PipelineRun.Reading) -> Bool {
    guard var joined = joinedSoFar else {
      joinedSoFar = part
      return true
    }
    joinedSoFar = nil
    defer { joinedSoFar = joined }
    do {
      try Pseudonymiser.merge(part.owned, into: &joined.owned)
    } catch {
      return false
    }
    joined.data.absorbNextPiece(part.data)
    return true
  }

  /// The whole register's reading, once every part was handed over; `nil` when one could not
  /// be read apart (the file is then read whole).
  func joined() -> PipelineRun.Reading? {
    guard !failed, next == parts, let reading = joinedSoFar else { return nil }
    reading.data.noteAttendanceOfPieces()
    return reading
  }
}
