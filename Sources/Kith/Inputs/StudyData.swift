import KithCSV

/// Everything read from a study's inputs, already pseudonymised: from here on no raw identifier
/// exists except in ``sensitive``, which only the leak gate reads.
final class StudyData {
  /// Survey responses, one per participant and wave.
  var responses: [SurveyResponse] = [] {
    didSet { respondentsKept = nil }
  }
  /// Every register's attendance, one bit per participant, group and session.
  ///
  /// Registers set its bits on every row; those writes skip the runtime's exclusivity checks
  /// (each reading thread has its own study data, and nothing reads the ledger while a row is
  /// recorded).
  @exclusivity(unchecked) var ledger: AttendanceLedger
  /// The pids and group names that ``ledger`` refers to by number.
  var pids = Interner()
  var groups = Interner()
  /// Pids seen in inputs other than attendance and surveys (coded interviews, readings taken
  /// from the cache); a register's participants are its interned ``pids``, a survey's those of
  /// its ``responses``, and neither is repeated here.
  var otherParticipants: Set<PidKey> = []
  /// Kept columns per pid: column name → value, from the first response or row that has one.
  var attributes: [String: [String: String]] = [:]
  /// The identifying values seen, for the leak gate and the free-text scrubber.
  var sensitive = SensitiveValues()
  /// The values of identifying columns noted so far by this reading.
  private var notedValues: Set<String> = []
  /// Quasi-identifiers per pid, from the first row that has each.
  var quasi: [String: [QuasiIdentifierSpec.Kind: QuasiValue]] = [:]
  /// Kept free text, not yet scrubbed (names from inputs read later must be removed too).
  var freeText: [FreeText] = []
  /// One report per input, in pipeline order.
  var reports: [InputReport] = []
  /// Rejected rows and values set aside.
  let rejects = RejectLog()

  /// Coded interview segments, linked to participants where possible.
  var codedSegments: [CodedSegment] = []

  /// Concerns raised by safeguarding items (PHQ-9 item 9, CORE-10 item 6), for
  /// `private/safeguarding.csv`.
  var safeguarding: [SafeguardingConcern] = []

  private var responsePositions = ResponsePositions()
  /// What ``respondents()`` found, until ``responses`` change.
  private var respondentsKept: [PidKey]?
  /// Whether ``finishReading()`` was called.
  private(set) var isReadingFinished = false
  /// Responses replaced by a later duplicate, per input.
  var replacedResponses: [String: Int] = [:]

  /// Creates empty study data; attendance after `studyEnd` is counted.
  init(studyEnd: Int?) {
    ledger = AttendanceLedger(studyEnd: studyEnd)
  }

  /// Every pid seen in any input, each once: the interned ``pids`` first, in id order (a
  /// participant's position below `pids.strings.count` is its pid id), then the rest in the
  /// order of their ``PidKey`` numbers.
  var participants: [String] { pids.strings + (othersOnly ?? others()) }

  /// How many participants there are: the length of ``participants``.
  var participantCount: Int { pids.strings.count + (othersOnly ?? others()).count }

  /// The participants of ``responses`` and ``otherParticipants`` not among the interned
  /// ``pids``; kept by ``finishReading()``, so that a large study looks each up once.
  private var othersOnly: [String]?

  /// The participants of ``responses`` and ``otherParticipants`` not among the interned
  /// ``pids``, each once, in the order of their ``PidKey`` numbers; looked up on up to
  /// `threads` threads: a large study's survey holds hundreds of thousands, each a lookup that
  /// misses the cache.
  private func others(threads: Int = 1) -> [String] {
    var distinct = respondents()
    if !otherParticipants.isEmpty { distinct = PidKey.distinct(distinct + otherParticipants) }
    let pids = self.pids
    let parts = max(1, min(threads, distinct.count / 65_536))
    let lookUp = { (part: Int) -> [String] in
      var found: [String] = []
      for person in distinct[distinct.count * part / parts..<distinct.count * (part + 1) / parts]
      where pids.existingID(person.pid) == nil {
        found.append(person.pid)
      }
      return found
    }
    let found = Parallel.map(parts, threads: threads, lookUp)
    return found.flatMap { $0 }
  }

  /// The pids of ``responses``, each once (``PidKey/distinct(_:)``); kept until the responses
  /// change, so that the reading of a survey works them out on its own thread.
  @discardableResult
  func respondents() -> [PidKey] {
    if let respondentsKept { return respondentsKept }
    let found = PidKey.distinct(responses.map { PidKey($0.pid) })
    respondentsKept = found
    return found
  }

  /// Whether nothing has been read into this study yet.
  var isEmpty: Bool {
    reports.isEmpty && responses.isEmpty && otherParticipants.isEmpty && ledger.isEmpty
      && pids.strings.isEmpty && groups.strings.isEmpty && rejects.entries.isEmpty
  }

  /// Takes on everything `part` read, when this study is empty: what absorbing it would give,
  /// without adding its rows one by one.
  func adopt(_ part: StudyData) {
    (responses, responsePositions, replacedResponses) =
      (part.responses, part.responsePositions, part.replacedResponses)
    respondentsKept = part.respondentsKept
    (ledger, pids, groups, otherParticipants) =
      (part.ledger, part.pids, part.groups, part.otherParticipants)
    (attributes, quasi, sensitive) = (part.attributes, part.quasi, part.sensitive)
    (freeText, safeguarding, codedSegments, reports) =
      (part.freeText, part.safeguarding, part.codedSegments, part.reports)
    for reject in part.rejects.entries { rejects.add(reject) }
  }

  /// Takes on `part`'s responses when this study has none: what adding them one by one gives.
  func adoptResponses(of part: StudyData) {
    (responses, responsePositions) = (part.responses, part.responsePositions)
    respondentsKept = part.respondentsKept
  }

  /// Records a response; when the participant already answered its wave, `policy` decides
  /// which response is kept, and the other is rejected with both lines named.
  ///
  /// - Throws: ``RowRejection`` when this response is the one left out; ``DataError`` under
  ///   the `error` policy.
  func add(_ response: SurveyResponse, policy: DuplicatePolicy) throws {
    precondition(!isReadingFinished, "a response added after reading finished")
    let pid = PidKey(response.pid)
    let key = ResponsePositions.key(pid, wave: response.wave)
    // Two responses at one wave are duplicates when they answer an instrument in common: a
    // wave's instruments may come from two exports (wellbeing in Qualtrics, PHQ-9 in REDCap).
    var answered: Set<String>?
    guard
      let position = responsePositions.position(
        of: key,
        where: {
          guard responses[$0].wave == response.wave && responses[$0].pid == response.pid
          else { return false }
          if answered == nil { answered = response.answeredInstruments }
          let earlier = responses[$0].answeredInstruments
          // A response holding no instrument at all duplicates any other, as it always has.
          return earlier.isEmpty || answered?.isEmpty != false
            || !earlier.isDisjoint(with: answered ?? [])
        },
        orInsert: responses.count)
    else {
      responses.append(response)
      return
    }
    let earlier = responses[position]
    let described =
      "\(earlier.input) line \(earlier.line) and \(response.input) line \(response.line)"
    let keepLater: Bool
    switch policy {
    case .error:
      throw DataError(
        "two responses from one participant for wave `\(response.waveName)`: \(described) "
          + "(the pipeline's `duplicates: error` stops the run; `first-complete` or "
          + "`last-complete` keeps one)")
    case .firstComplete: keepLater = !earlier.isComplete && response.isComplete
    case .lastComplete: keepLater = response.isComplete || !earlier.isComplete
    }
    guard keepLater else {
      throw RowRejection(
        reason: "a second response from this participant for wave `\(response.waveName)`; "
          + "\(policy.rawValue) keeps \(earlier.input) line \(earlier.line)", column: nil)
    }
    responses[position] = response
    replacedResponses[earlier.input, default: 0] += 1
    rejects.add(
      Reject(
        source: earlier.input, line: earlier.line,
        reason: "a later response from this participant for wave `\(response.waveName)` "
          + "replaces this one; \(policy.rawValue) keeps \(response.input) line \(response.line)",
        raw: "", column: nil, outcome: .rowRejected))
  }

  /// Lets go of what only reading needed, once every input is read, and notes which
  /// participants are in no register.
  ///
  /// Where each participant's response to each wave lies and how the ledger finds its entries
  /// and sessions: a tenth of a large study's memory. Adding responses, attendance or
  /// participants afterwards is a programming error. `threads` look participants up.
  func finishReading(threads: Int = 1) {
    isReadingFinished = true
    othersOnly = others(threads: threads)
    responsePositions = ResponsePositions()
    ledger.finishRecording(threads: threads)
  }

  /// Moves responses replaced by a later duplicate from accepted to rejected in their inputs'
  /// reports; called once every input is read.
  func accountForReplacedResponses() {
    for index in reports.indices {
      let replaced = replacedResponses[reports[index].name] ?? 0
      reports[index].rowsAccepted -= replaced
      reports[index].rowsRejected += replaced
      if replaced > 0 {
        reports[index].notices.append(
          "\(replaced) response\(replaced == 1 ? " was" : "s were") replaced by a later, more "
            + "complete response from the same participant")
      }
    }
  }

  /// Reads one register with `read` and adds to its report what the reading added to the
  /// ledger's counts: repeated rows, attendance after the study end.
  func readingRegister(_ read: () throws -> InputReport) throws -> InputReport {
    let (repeatsBefore, lateBefore) = (ledger.repeats, ledger.late)
    var report = try read()
    report.notices += attendanceNotices(repeatsBefore: repeatsBefore, lateBefore: lateBefore)
    return report
  }

  /// What recording attendance added to the ledger's counts of repeated and late rows.
  func attendanceNotices(repeatsBefore: Int, lateBefore: Int) -> [String] {
    var notices: [String] = []
    let late = ledger.late - lateBefore
    if late > 0, let end = ledger.studyEnd {
      notices.append(
        "\(late) attendance\(late == 1 ? " is" : "s are") after the study end "
          + "(\(CivilDate.iso(end))); they are released but not counted as offered")
    }
    let repeats = ledger.repeats - repeatsBefore
    if repeats > 0 {
      notices.append(
        "\(repeats) row\(repeats == 1 ? " repeats" : "s repeat") a person's attendance at "
          + "a session already recorded; each session counts once")
    }
    return notices
  }

  /// Remembers the values of identifying columns for the leak gate and the scrubber: a value
  /// that looks like a name (no `@`, no digits) token by token too, one written in digits (a
  /// phone number) by its digits too.
  func noteIdentifying(_ value: String) {
    guard notedValues.insert(value).inserted else { return }
    if !value.contains(where: { $0 == "@" || $0.isNumber }) {
      sensitive.insertName(value)
    } else {
      sensitive.insert(value)
      sensitive.insertDigits(of: value)
    }
  }

  /// Reads the quasi-identifier columns of a row for `pid`; returns the answers that could not be
  /// used, which the caller records as set aside.
  func readQuasi(
    _ row: CSVRow, _ columns: [(spec: QuasiIdentifierSpec, index: Int)], pid: String
  ) -> [RowRejection] {
    var unusable: [RowRejection] = []
    for (spec, index) in columns where quasi[pid]?[spec.kind] == nil {
      let answer = row.string(index).trimmed
      guard !answer.isEmpty else { continue }
      switch QuasiParser.parse(answer, spec: spec) {
      case .success(let value): quasi[pid, default: [:]][spec.kind] = value
      case .failure(let rejection): unusable.append(rejection)
      }
    }
    return unusable
  }

  /// Records answers set aside as missing in a row that was kept.
  func setAside(_ rejections: [RowRejection], source: String, row: CSVRow) {
    guard !rejections.isEmpty else { return }
    let raw = row.csvText()
    for rejection in rejections {
      rejects.add(
        Reject(
          source: source, line: row.line, reason: rejection.reason, raw: raw,
          column: rejection.column, outcome: .valueMissing))
    }
  }

  /// Records kept column values for `pid`, keeping values already recorded.
  func keep(_ values: [(String, String)], for pid: String) {
    for (column, value) in values where !value.isEmpty {
      if attributes[pid]?[column] == nil { attributes[pid, default: [:]][column] = value }
    }
  }
}
