import KithCSV

/// Everything read from a study's inputs, already pseudonymised: from here on no raw identifier
/// exists except in ``sensitive``, which only the leak gate reads.
final class StudyData {
  /// Survey responses, one per participant and wave.
  var responses: [SurveyResponse] = []
  /// Attended sessions; distinct and sorted after ``removeRepeatedAttendance()``.
  var attendance: [Attendance] = []
  /// Sessions marked absent (a row with an absence mark); distinct and sorted after
  /// ``removeRepeatedAttendance()``, and never a session the person also attended.
  var absences: [Attendance] = []
  /// Every session a register shows was held: a group and a day with any row, present or absent.
  var sessionsHeld: Set<SessionKey> = []
  /// The pids and group names that ``attendance`` refers to by number.
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

  /// Sorts the attendance records and removes repeats of one person at one session; returns how
  /// many were removed.
  func removeRepeatedAttendance() -> Int {
    let removed = Self.sortUnique(&attendance)
    _ = Self.sortUnique(&absences)
    let attended = Set(attendance)
    absences.removeAll { attended.contains($0) }
    return removed
  }

  /// Removes repeated attendance and says so in the register's report, with the sessions that
  /// fall after the declared study end.
  ///
  /// - Parameters:
  ///   - report: The register's report.
  ///   - start: How many attendance records there were before this register was read.
  ///   - studyEnd: The declared study end, if any.
  /// - Returns: The report with its notices.
  func noteRepeatedAttendance(in report: InputReport, since start: Int, studyEnd: Int?)
    -> InputReport
  {
    var report = report
    if let studyEnd {
      let late = attendance[start...].count { Int($0.day) > studyEnd }
      if late > 0 {
        report.notices.append(
          "\(late) attendance\(late == 1 ? " is" : "s are") after the study end "
            + "(\(CivilDate.iso(studyEnd))); they are released but not counted as offered")
      }
    }
    let duplicates = removeRepeatedAttendance()
    if duplicates > 0 {
      report.notices.append(
        "\(duplicates) row\(duplicates == 1 ? " repeats" : "s repeat") a person's attendance at "
          + "a session already recorded; each session counts once")
    }
    return report
  }

  /// Sorts by pid, group and day and removes repeats; returns how many were removed.
  private static func sortUnique(_ records: inout [Attendance]) -> Int {
    records.sort { ($0.pid, $0.group, $0.day) < ($1.pid, $1.group, $1.day) }
    var kept = 0
    for index in records.indices where kept == 0 || records[index] != records[kept - 1] {
      records[kept] = records[index]
      kept += 1
    }
    let removed = records.count - kept
    records.removeLast(removed)
    return removed
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

/// One session a participant attended, in twelve bytes.
struct Attendance: Hashable {
  /// The pid's id in ``StudyData/pids``.
  var pid: Int32
  /// The group's id in ``StudyData/groups``.
  var group: Int32
  /// Days since 1970-01-01.
  var day: Int32
}
