import KithCSV

/// Everything read from a study's inputs, already pseudonymised: from here on no raw identifier
/// exists except in ``sensitive``, which only the leak gate reads.
final class StudyData {
  /// Survey responses, one per participant and wave.
  var responses: [SurveyResponse] = []
  /// Every register's attendance, one bit per participant, group and session.
  var ledger: AttendanceLedger
  /// The pids and group names that ``ledger`` refers to by number.
  var pids = Interner()
  var groups = Interner()
  /// Every pid seen in any input.
  var participants: Set<String> = []
  /// Kept columns per pid: column name → value, from the first response or row that has one.
  var attributes: [String: [String: String]] = [:]
  /// The identifying values seen, for the leak gate.
  var sensitive = SensitiveValues()
  /// Words of the names seen in identifying columns, for the free-text scrubber.
  var nameWords: Set<String> = []
  /// Quasi-identifiers per pid, from the first row that has each.
  var quasi: [String: [QuasiIdentifierSpec.Kind: QuasiValue]] = [:]
  /// Kept free text, not yet scrubbed (names from inputs read later must be removed too).
  var freeText: [FreeText] = []
  /// One report per input, in pipeline order.
  var reports: [InputReport] = []
  /// Rejected rows and values set aside.
  let rejects = RejectLog()

  private var responseLines: [ResponseKey: (input: String, line: Int)] = [:]

  /// Creates empty study data; attendance after `studyEnd` is counted.
  init(studyEnd: Int?) {
    ledger = AttendanceLedger(studyEnd: studyEnd)
  }

  /// Records a response unless the participant already has one for its wave.
  func add(_ response: SurveyResponse, input: String) throws {
    let key = ResponseKey(pid: response.pid, wave: response.wave)
    if let first = responseLines[key] {
      throw RowRejection(
        reason: "a second response from this participant for wave `\(response.waveName)` "
          + "(the first is \(first.input) line \(first.line)); only the first is used", column: nil)
    }
    responseLines[key] = (input, response.line)
    responses.append(response)
    participants.insert(response.pid)
  }

  /// Reads one register with `read` and adds to its report what the reading added to the
  /// ledger's counts: repeated rows, attendance after the study end.
  func readingRegister(_ read: () throws -> InputReport) throws -> InputReport {
    let (repeatsBefore, lateBefore) = (ledger.repeats, ledger.late)
    var report = try read()
    report.notices += attendanceNotices(repeatsBefore: repeatsBefore, lateBefore: lateBefore)
    return report
  }

  private func attendanceNotices(repeatsBefore: Int, lateBefore: Int) -> [String] {
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

  /// Remembers the values of identifying columns: for the leak gate, and, for values that look
  /// like names (no `@`, no digits), their words for the free-text scrubber.
  func noteIdentifying(_ value: String) {
    if sensitive.insert(value) && !value.contains(where: { $0 == "@" || $0.isNumber }) {
      nameWords.formUnion(TextScrubber.nameWords(of: value))
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

  private struct ResponseKey: Hashable {
    var pid: String
    var wave: Int
  }
}

/// One participant's answers at one wave.
struct SurveyResponse {
  var pid: String
  /// The wave's position in the pipeline's `waves`.
  var wave: Int
  var waveName: String
  var line: Int
  /// Item codes per instrument id, `nil` where missing or unusable.
  var items: [String: [Int?]]
}

/// A kept free-text answer, before scrubbing.
struct FreeText {
  var pid: String
  /// The input's name in the pipeline.
  var source: String
  var wave: String
  var column: String
  var line: Int
  var text: String
}

/// One session of one group.
struct SessionKey: Hashable {
  var group: Int32
  var day: Int32
}
