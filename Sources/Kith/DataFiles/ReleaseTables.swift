/// Builds the release's data files (every ``ReleaseDataFile`` the pipeline publishes and the study
/// has) and the facts of its study tables, from the pseudonymised study data.
///
/// The measures several files show (scores, engagement, co-attendance, generalised
/// quasi-identifiers) are computed once, on every thread, into a ``MeasuredRelease``; each file's
/// descriptor makes its table from that. Every table is sorted, so the same data always give the
/// same bytes.
struct ReleaseTables {
  let spec: PipelineSpec
  /// The release-zone values the tables are made of.
  let study: MeasuredStudy
  /// Raw quasi-identifiers and unscrubbed text, which reach the tables only generalised or
  /// scrubbed.
  let privateValues: PrivateValues
  /// How many threads independent parts may be built on.
  var threads = 1

  /// The tables, and what k-anonymity enforcement did.
  struct Built {
    var tables: [Table]
    var quasiColumns: [String]
    var kAnonymity: KAnonymityReport?
    /// What the study tables are computed from; `nil` when the run publishes none.
    var facts: StudyFacts?
    /// The tags the scrubber put into released free text and quotes, counted by tag.
    var scrubbed: [String: Int] = [:]
  }

  /// Scrubs released free text and quotes, counting what it removes.
  private let scrubber: TextScrubber

  init(spec: PipelineSpec, data: StudyData, threads: Int) {
    self.spec = spec
    study = data.measured
    privateValues = data.privateValues
    self.threads = threads
    scrubber = TextScrubber(sensitive: privateValues.sensitive, tally: TextScrubber.Tally())
  }

  func build() throws -> Built {
    // Independent parts, the longest first, spread over the threads: where the scores go, the
    // sorted participants, co-attendance, and engagement in slices of participants; the scores
    // themselves are made next, in slices on every thread.
    let held = AttendanceRelease.heldDays(in: study)
    let people = study.ledger.entriesByPid.count
    let release = spec.release
    // Who met whom compares every pair of a group's members: done only for a file or table
    // that shows it.
    let needsNetwork =
      release.publishesTables
      || release.publishes(anyOf: CoAttendance.columns, inData: .participants)
    let slices = 8
    // Each slice writes its participants' engagement in place: no slice is copied afterwards.
    var measured = [Engagement?](repeating: nil, count: people)
    let parts = measured.withUnsafeMutableBufferPointer { measured in
      Parallel.map(3 + slices, threads: threads) { part -> MeasuredPart in
        switch part {
        case 0: return .scorePlan(ScoreRelease.Plan(spec: spec, responses: study.responses))
        case 1: return participantsPart()
        case 2:
          return .network(
            needsNetwork ? CoAttendance.measure(study.ledger, settings: spec.attendance) : [])
        default:
          // Reading the study data's ledger copies it (a retain per buffer): once, not per pid.
          let ledger = study.ledger
          for pid in people * (part - 3) / slices..<people * (part - 2) / slices {
            let entries = ledger.entriesByPid[pid]
            guard entries.count == 1 else {
              measured[pid] = Engagement.measure(
                attended: ledger.attended(pid: Int32(pid)), held: held,
                settings: spec.attendance)
              continue
            }
            // One group: its slots are in day order, and the bits say the rest.
            let entry = ledger.entries[entries[0]]
            measured[pid] = Engagement.measure(
              attended: entry.attended, days: ledger.groupDays[Int(entry.group)],
              settings: spec.attendance)
          }
          return .engagements
        }
      }
    }
    guard case .scorePlan(let plan) = parts[0],
      case .participants(let pids, let ids, let quasi) = parts[1],
      case .network(let network) = parts[2]
    else { throw CancellationError() }
    let scores = ScoreRelease(
      spec: spec, responses: study.responses, plan: plan, threads: threads)
    let engagement = AttendanceRelease(
      spec: spec, study: study, held: held, network: network, measured: measured)
    let measuredRelease = MeasuredRelease(
      spec: spec, study: study, privateValues: privateValues, scrubber: scrubber, scores: scores,
      engagement: engagement, quasi: quasi,
      roster: MeasuredRelease.Roster(pids: pids, ids: ids, firstScores: scores.firstRows(of: pids)))
    // The study tables' facts beside the data files: the two share nothing but what they read.
    let (facts, tables) = try Parallel.both(
      threads: threads,
      {
        release.publishesTables
          ? StudyFacts(
            spec: spec, study: study, scores: scores, quasi: quasi, attendance: engagement)
          : nil
      },
      {
        try ReleaseDataFile.allCases.filter(release.publishes(data:)).compactMap {
          try $0.descriptor.table(from: measuredRelease)
        }
      })
    return Built(
      tables: try tables.map { try release.applyColumns(to: $0, spec: spec) },
      quasiColumns: quasi.columns, kAnonymity: quasi.report, facts: facts,
      scrubbed: scrubber.tally?.counts ?? [:])
  }

  /// What each of the measures' independent parts gives.
  private enum MeasuredPart {
    case network([CoAttendance?])
    /// Engagement, written into the participants' places.
    case engagements
    /// Where every response's scores go; they are scored afterwards, on every thread.
    case scorePlan(ScoreRelease.Plan)
    /// Every participant, sorted, with their pid ids in the ledger (if they are in a register),
    /// and their quasi-identifiers.
    case participants(pids: [String], ids: [Int32?], QuasiRelease)
  }

  /// Every participant, sorted as ``PidOrder`` sorts, with their pid ids and quasi-identifiers.
  private func participantsPart() -> MeasuredPart {
    // Participants in a register come first, each at its pid id: sorting their places keeps
    // the ids without looking a pid up.
    let participants = study.participants
    let registered = study.pids.strings.count
    let keys = PidOrder.keys(participants)
    let order = participants.indices.sorted { keys[$0] < keys[$1] }
    let pids = order.map { participants[$0] }
    return .participants(
      pids: pids, ids: order.map { $0 < registered ? Int32($0) : nil },
      QuasiRelease(spec: spec, study: study, quasi: privateValues.quasi, pids: pids))
  }
}
