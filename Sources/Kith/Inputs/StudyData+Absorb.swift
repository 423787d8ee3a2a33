/// Joining what inputs read on their own — on other threads, or from the cache — into one
/// study, in pipeline order, with the result a sequential read would give.
extension StudyData {
  /// Adds `part`, the reading of one input into its own study data, after the inputs already
  /// here.
  ///
  /// Attendance is taken over whole when the study has none yet, else replayed session by
  /// session; responses go through ``add(_:policy:)`` so a
  /// participant answering one wave in two inputs is settled by the duplicates policy, and a
  /// response left out here moves from accepted to rejected in its input's report.
  ///
  /// - Throws: ``DataError`` under the `error` duplicates policy.
  func absorb(_ part: StudyData, policy: DuplicatePolicy) throws {
    guard var report = part.reports.first else { return }
    if ledger.isEmpty && pids.strings.isEmpty && groups.strings.isEmpty {
      // Nothing to join with: the part's attendance is the study's as it stands.
      (ledger, pids, groups) = (part.ledger, part.pids, part.groups)
    } else {
      absorbAttendance(of: part, into: &report)
    }
    for (input, count) in part.replacedResponses { replacedResponses[input, default: 0] += count }
    var leftOut: Set<Int> = []
    for response in part.responses {
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
    participants.formUnion(part.participants)
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
    nameWords.formUnion(part.nameWords)
    freeText += part.freeText.filter { !leftOut.contains($0.line) }
    for reject in part.rejects.entries { rejects.add(reject) }
    safeguarding += part.safeguarding
    codedSegments += part.codedSegments
    reports.append(report)
  }

  /// Replays `part`'s attendance session by session, noting in `report` sessions an earlier
  /// input already recorded.
  private func absorbAttendance(of part: StudyData, into report: inout InputReport) {
    let repeatsBefore = ledger.repeats
    for entry in part.ledger.entries {
      let pid = pids.id(part.pids.strings[Int(entry.pid)])
      let group = groups.id(part.groups.strings[Int(entry.group)])
      for attended in [true, false] {
        for session in part.ledger.sessions(of: entry, attended: attended) {
          ledger.record(pid: pid, group: group, day: session.day, attended: attended)
        }
      }
    }
    let repeats = ledger.repeats - repeatsBefore
    if repeats > 0 {
      report.notices.append(
        "\(repeats) attendance\(repeats == 1 ? " repeats" : "s repeat") one an earlier input "
          + "already recorded; each session counts once")
    }
  }
}
