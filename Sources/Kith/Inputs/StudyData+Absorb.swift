/// Joining what inputs read on their own — on other threads, or from the cache — into one
/// study, in pipeline order, with the result a sequential read would give.
extension StudyData {
  /// Adds `part`, the reading of one input into its own study data, after the inputs already
  /// here.
  ///
  /// Everything is taken over whole when the study is empty, attendance when it has none yet,
  /// else attendance is merged session by session; responses go through ``add(_:policy:)`` so a
  /// participant answering one wave in two inputs is settled by the duplicates policy, and a
  /// response left out here moves from accepted to rejected in its input's report.
  ///
  /// - Throws: ``DataError`` under the `error` duplicates policy.
  func absorb(_ part: StudyData, policy: DuplicatePolicy) throws {
    guard var report = part.reports.first else { return }
    if isEmpty {
      adopt(part)
      return
    }
    if ledger.isEmpty && pids.strings.isEmpty && groups.strings.isEmpty {
      // Nothing to join with: the part's attendance is the study's as it stands.
      (ledger, pids, groups) = (part.ledger, part.pids, part.groups)
    } else {
      absorbAttendance(of: part, into: &report)
    }
    for (input, count) in part.replacedResponses { replacedResponses[input, default: 0] += count }
    var leftOut: Set<Int> = []
    let settled = responses.isEmpty
    if settled {
      // No response here to settle duplicates with: the part's stand as they are.
      adoptResponses(of: part)
    }
    for response in settled ? [] : part.responses {
      do {
        try add(response, policy: policy)
      } catch let rejection as RowRejection {
        leftOut.insert(response.line)
        rejects.add(
          Reject(
            source: response.input, line: response.line, reason: rejection.reason, raw: "",
            column: nil, outcome: .rowRejected))
        report.rowsAccepted -= 1
        report.rowsRejected += 1
      }
    }
    absorbPeople(of: part)
    freeText += part.freeText.filter { !leftOut.contains($0.line) }
    for reject in part.rejects.entries { rejects.add(reject) }
    safeguarding += part.safeguarding
    codedSegments += part.codedSegments
    reports.append(report)
  }

  /// Adds the next part of this reading's register, which `next` read on another thread with
  /// lines counted from 1 where its part starts: the result one reading of the file gives.
  func absorbNextPiece(_ next: StudyData) {
    guard var report = reports.popLast(), let nextReport = next.reports.first else { return }
    let lines = report.lineBreaks
    ledger.absorb(
      next.ledger, pids: next.pids.strings.map { pids.id($0) },
      groups: next.groups.strings.map { groups.id($0) }, countingItsRepeats: true)
    absorbPeople(of: next)
    for var text in next.freeText {
      text.line += lines
      freeText.append(text)
    }
    for var reject in next.rejects.entries {
      reject.line += lines
      rejects.add(reject)
    }
    safeguarding += next.safeguarding
    report.rowsRead += nextReport.rowsRead
    report.rowsAccepted += nextReport.rowsAccepted
    report.rowsRejected += nextReport.rowsRejected
    report.lineBreaks += nextReport.lineBreaks
    report.ambiguousMarks.merge(nextReport.ambiguousMarks, uniquingKeysWith: +)
    report.summaryRows += nextReport.summaryRows
    reports.append(report)
  }

  /// Notes the repeated and late attendance of a register read in parts, once they are joined.
  func noteAttendanceOfPieces() {
    reports[reports.count - 1].notices += attendanceNotices(repeatsBefore: 0, lateBefore: 0)
  }

  /// Adds `part`'s participants, what they are known by (the first value of each kept column
  /// and quasi-identifier wins) and the identifying values seen.
  private func absorbPeople(of part: StudyData) {
    if otherParticipants.isEmpty {
      // A register's participants are its interned pids: the set is shared, not rebuilt.
      otherParticipants = part.otherParticipants
    } else {
      otherParticipants.formUnion(part.otherParticipants)
    }
    for (pid, values) in part.attributes {
      for (column, value) in values where attributes[pid]?[column] == nil {
        attributes[pid, default: [:]][column] = value
      }
    }
    for (pid, values) in part.quasi {
      for (kind, value) in values where quasi[pid]?[kind] == nil {
        quasi[pid, default: [:]][kind] = value
      }
    }
    sensitive.formUnion(part.sensitive)
  }

  /// Adds `part`'s attendance after this study's, noting in `report` sessions an earlier input
  /// already recorded.
  private func absorbAttendance(of part: StudyData, into report: inout InputReport) {
    let repeatsBefore = ledger.repeats
    ledger.absorb(
      part.ledger, pids: part.pids.strings.map { pids.id($0) },
      groups: part.groups.strings.map { groups.id($0) }, countingItsRepeats: false)
    let repeats = ledger.repeats - repeatsBefore
    if repeats > 0 {
      report.notices.append(
        "\(repeats) attendance\(repeats == 1 ? " repeats" : "s repeat") one an earlier input "
          + "already recorded; each session counts once")
    }
  }
}
