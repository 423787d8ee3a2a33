/// Builds the release tables from pseudonymised study data: participants (one row per pid), scores
/// (long), and attendance (one row per attended session).
///
/// Every table is sorted, so the same data always give the same bytes.
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
    let parts = try measured.withUnsafeMutableBufferPointer { measured in
      try Parallel.map(3 + slices, threads: threads) { part -> MeasuredPart in
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
    let roster = Roster(pids: pids, ids: ids, firstScores: scores.firstRows(of: pids))
    let engagement = AttendanceRelease(
      spec: spec, study: study, held: held, network: network, measured: measured)
    var tables: [Table] = []
    let (facts, participants) = try Parallel.both(
      threads: threads,
      {
        release.publishesTables
          ? StudyFacts(
            spec: spec, study: study, scores: scores, quasi: quasi, attendance: engagement)
          : nil
      },
      {
        release.publishes(data: .participants)
          ? try self.participants(roster, scores: scores, quasi: quasi, engagement: engagement)
          : nil
      })
    if let participants { tables.append(participants) }
    if release.publishes(data: .scores) { tables.append(scores.table) }
    if release.publishes(data: .attendance) { tables.append(attendance()) }
    if !study.ledger.isEmpty {
      if release.publishes(data: .sessions) { tables.append(engagement.sessionsTable()) }
      if release.publishes(data: .groups) { tables.append(engagement.groupsTable()) }
    }
    if spec.inputs.contains(where: { !$0.freeText.isEmpty }) && release.publishes(data: .freeText) {
      tables.append(freeText())
    }
    if !spec.codings.isEmpty {
      let themes = ThemeRelease(
        themes: study.themes, segments: privateValues.segments, scrubber: scrubber)
      if release.publishes(data: .themes) { tables.append(themes.themesTable) }
      if let quotes = themes.quotes, release.publishes(data: .quotes) { tables.append(quotes) }
    }
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

  /// Every participant, sorted, with where each one's measures are.
  private struct Roster {
    var pids: [String]
    /// Each participant's pid id in the ledger, if they are in a register.
    var ids: [Int32?]
    /// Where each participant's scores start, if they have any.
    var firstScores: [Int?]
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

  /// `participants.csv`: one row per participant of `roster`.
  private func participants(
    _ roster: Roster, scores: ScoreRelease, quasi: QuasiRelease, engagement: AttendanceRelease
  ) throws -> Table {
    let registers = !study.ledger.isEmpty
    var measureColumns: [String] =
      ["sessions_attended"] + (registers ? AttendanceRelease.columns : [])
    measureColumns += scores.columns
    let kept = keptColumns()
    measureColumns += quasi.columns
    for column in kept where measureColumns.contains(column.output) || column.output == "pid" {
      throw spec.error(
        "kept column `\(column.input)` would be released as `\(column.output)`, which Kith "
          + "already writes", at: column.location)
    }
    // Rows are made as the file is written, on the writing thread.
    let attributes = study.attributes
    return Table(
      path: ReleaseDataFile.participants.path,
      header: ["pid"] + measureColumns + kept.map(\.output),
      count: roster.pids.count
    ) {
      { index, record in
        let pid = roster.pids[index]
        let id = roster.ids[index]
        record.append(pid)
        record.append(id.map(engagement.sessionsAttended) ?? 0)
        if registers { engagement.appendValues(id: id, to: record) }
        scores.appendParticipantValues(from: roster.firstScores[index], to: record)
        if !quasi.columns.isEmpty {
          for value in quasi.values[pid] ?? [] { record.append(value) }
        }
        for column in kept { record.append(attributes[pid]?[column.input] ?? "") }
      }
    }
  }

  /// The `attendance.csv` table: every session a register records for a participant.
  ///
  /// Attended (1) or marked absent (0), by pid, date and group. Rows are made one participant at
  /// a time.
  private func attendance() -> Table {
    let ledger = study.ledger
    let pids = study.pids.strings
    let groups = study.groups.strings
    let groupRank = study.groups.ranks(by: NaturalOrder.less)
    let order = ledger.entriesByPid.indices.sorted { pids[$0] < pids[$1] }
    var offsets = [0]
    for pid in order {
      let count = ledger.entriesByPid[pid].reduce(0) {
        $0 + AttendanceLedger.recordCount(ledger.entries[$1])
      }
      offsets.append(offsets[offsets.count - 1] + count)
    }
    let dates = spec.dates
    return Table(
      path: ReleaseDataFile.attendance.path,
      header: [
        "pid", "group", dates == .daysSinceFirst ? "days_since_first" : "session_date", "attended",
      ],
      count: offsets[offsets.count - 1]
    ) {
      // Each maker of rows (one per thread) keeps the sessions of the participant it is on.
      let cache = ParticipantRows<(sessions: [(SessionKey, attended: Bool)], first: Int32?)>()
      return { index, record in
        // The participant whose rows hold `index`: the last offset not above it.
        var low = 0
        var high = order.count - 1
        while low < high {
          let middle = (low + high + 1) / 2
          if offsets[middle] <= index { low = middle } else { high = middle - 1 }
        }
        let pid = order[low]
        let participant = cache.rows(for: pid) {
          var sessions: [(SessionKey, attended: Bool)] = []
          for entry in ledger.entriesByPid[pid] {
            for attended in [true, false] {
              sessions += ledger.sessions(of: ledger.entries[entry], attended: attended).map {
                ($0, attended)
              }
            }
          }
          sessions.sort {
            ($0.0.day, groupRank[Int($0.0.group)]) < ($1.0.day, groupRank[Int($1.0.group)])
          }
          return (sessions, sessions.filter(\.attended).map(\.0.day).min())
        }
        let (session, attended) = participant.sessions[index - offsets[low]]
        record.append(pids[pid])
        record.append(groups[Int(session.group)])
        switch dates {
        case .exact: record.append(CivilDate.iso(Int(session.day)))
        case .month: record.append(String(CivilDate.iso(Int(session.day)).prefix(7)))
        case .daysSinceFirst:
          if let first = participant.first {
            record.append(Int(session.day - first))
          } else {
            record.appendEmpty()
          }
        }
        record.append(attended ? 1 : 0)
      }
    }
  }

  /// Kept free text, scrubbed, one row per answer: `pid, source, wave, column, text`.
  private func freeText() -> Table {
    let order = Dictionary(uniqueKeysWithValues: spec.inputs.enumerated().map { ($1.name, $0) })
    let entries = privateValues.freeText.sorted {
      ($0.pid, order[$0.source] ?? 0, $0.line, $0.column)
        < ($1.pid, order[$1.source] ?? 0, $1.line, $1.column)
    }
    return Table(
      path: ReleaseDataFile.freeText.path, header: ["pid", "source", "wave", "column", "text"],
      rows: entries.map { [$0.pid, $0.source, $0.wave, $0.column, scrubber.scrub($0.text)] })
  }

  /// Kept columns in pipeline order, each once, with the snake-case name they are released as.
  private func keptColumns() -> [(input: String, output: String, location: SourceLocation?)] {
    var seen: Set<String> = []
    var columns: [(String, String, SourceLocation?)] = []
    for input in spec.inputs {
      for column in input.keep where seen.insert(column.value).inserted {
        columns.append((column.value, Self.snakeCase(column.value), column.location))
      }
    }
    return columns
  }

  /// `Age band` → `age_band`.
  static func snakeCase(_ name: String) -> String {
    let words = name.lowercased().split { !($0.isLetter || $0.isNumber) }
    return words.joined(separator: "_")
  }
}
