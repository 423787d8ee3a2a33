import Foundation

extension PipelineRun {
  /// Reads every input, checking that every row is accounted for.
  ///
  /// Inputs that depend on no other are read at once on up to `KITH_THREADS` threads, each into
  /// its own study data with its own pseudonymiser, and joined in pipeline order — the result a
  /// sequential read gives. A survey whose waves are windows from each participant's first
  /// session is read afterwards, once attendance is known; coding exports last.
  func readInputs(
    resolver: IdentityResolver, progress: ((InputProgress) -> Void)?
  ) throws -> StudyData {
    let data = StudyData(studyEnd: spec.attendance.studyEnd)
    let dependsOnAttendance = { (input: InputSpec) -> Bool in
      if case .window? = input.wave { true } else { false }
    }
    let independent = spec.inputs.filter { !dependsOnAttendance($0) }
    let report = ProgressRelay(progress)
    let threads = Parallel.threads(environment: options.environment)
    let parts = try Parallel.map(independent.count, threads: threads) { index in
      let own = IdentityResolver(
        primary: resolver.primary, pseudonymiser: resolver.pseudonymiser.fresh(),
        linkage: resolver.linkage)
      let part = StudyData(studyEnd: spec.attendance.studyEnd)
      part.reports.append(
        try read(independent[index], resolver: own, into: part, progress: report.send))
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
    return data
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
