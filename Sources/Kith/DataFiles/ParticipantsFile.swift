/// `data/participants.csv`: one row per participant — engagement and network measures, scores
/// per wave, generalised quasi-identifiers and the columns the pipeline keeps.
struct ParticipantsFile: DataFile {
  var id: ReleaseDataFile { .participants }

  /// The table, its rows made as the file is written.
  ///
  /// - Throws: ``PipelineError`` for a kept column whose released name Kith already writes.
  func table(from release: MeasuredRelease) throws -> Table? {
    let (spec, study, roster) = (release.spec, release.study, release.roster)
    let (scores, quasi, engagement) = (release.scores, release.quasi, release.engagement)
    let registers = !study.ledger.isEmpty
    var measureColumns: [String] =
      ["sessions_attended"] + (registers ? AttendanceRelease.columns : [])
    measureColumns += scores.columns
    let kept = Self.keptColumns(spec)
    measureColumns += quasi.columns
    for column in kept where measureColumns.contains(column.output) || column.output == "pid" {
      throw spec.error(
        "kept column `\(column.input)` would be released as `\(column.output)`, which Kith "
          + "already writes", at: column.location)
    }
    let attributes = study.attributes
    return Table(
      path: id.path, header: ["pid"] + measureColumns + kept.map(\.output),
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

  /// Kept columns in pipeline order, each once, with the snake-case name they are released as.
  private static func keptColumns(_ spec: PipelineSpec) -> [(
    input: String, output: String, location: SourceLocation?
  )] {
    var seen: Set<String> = []
    var columns: [(String, String, SourceLocation?)] = []
    for input in spec.inputs {
      for column in input.keep where seen.insert(column.value).inserted {
        columns.append((column.value, ColumnName.snakeCase(column.value), column.location))
      }
    }
    return columns
  }

  func schema(header: [String], spec: PipelineSpec) -> TableSchema {
    TableSchema(fields: header.map { Self.field($0, spec: spec) }, primaryKey: ["pid"])
  }

  /// The engagement and isolation columns, in words (`docs/measures.md` has the full definitions).
  static let engagementDescriptions: [String: String] = [
    "sessions_offered":
      "Sessions held by the participant's groups from their first attendance to each group's last held session (or the study end).",
    "attendance_rate": "sessions_attended divided by sessions_offered.",
    "first_attended": "The participant's first attended session.",
    "last_attended": "The participant's last attended session.",
    "tenure_days": "Days from the first to the last attended session.",
    "longest_gap_days":
      "The largest number of days between two consecutive attended sessions (0 for one session).",
    "longest_gap_sessions":
      "The most consecutive held sessions of their groups missed between their first and last attendance.",
    "returns_after_gap":
      "How often the participant came back after missing at least return_gap_sessions (default 4) consecutive sessions.",
    "retained_w4": "1 if the participant attended on or after day 28 from their first attendance.",
    "retained_w8": "1 if the participant attended on or after day 56 from their first attendance.",
    "retained_w12": "1 if the participant attended on or after day 84 from their first attendance.",
    "groups_attended": "Distinct groups attended.",
    "peers_met": "Distinct people who attended at least one session with the participant.",
    "regular_peers": "People met at regular_peer_sessions (default 3) sessions or more.",
    "mean_coattendees": "The mean number of other attendees at the participant's sessions.",
    "weighted_degree":
      "Sessions shared, summed over everyone met (the weighted degree in the co-attendance network).",
    "isolated_in_group":
      "1 when the participant has at most isolation_max_regular_peers (default 1) regular peers after at least isolation_min_sessions (default 4) sessions; empty before that.",
  ]

  private static func field(_ name: String, spec: PipelineSpec) -> TableSchema.Field {
    if name == "pid" { return .pid(unique: true) }
    if name == "sessions_attended" {
      return TableSchema.Field(
        name: name, type: "integer",
        description: "Distinct sessions the participant attended, across all registers (a session "
          + "recorded twice counts once).",
        constraints: ["required": .flag(true), "minimum": .number(0)])
    }
    for instrument in spec.instruments.map(\.value) {
      for scale in instrument.scales {
        for wave in spec.waves
        where name == ScoreRelease.column(instrument: instrument.id, scale: scale.id, wave: wave) {
          let range = instrument.scoreRange(scale)
          return TableSchema.Field(
            name: name, type: range.lowerBound.decimals > 0 ? "number" : "integer",
            description: "\(instrument.name): \(scale.name) at \(wave) (\(range.lowerBound)–"
              + "\(range.upperBound); \(scale.higherIsBetter ? "higher is better" : "higher is worse")); "
              + "empty when the response is missing or the missing-item rule allows no score.",
            constraints: [
              "minimum": .decimal(range.lowerBound), "maximum": .decimal(range.upperBound),
            ])
        }
      }
    }
    if let description = engagementDescriptions[name] {
      let type = ["attendance_rate", "mean_coattendees"].contains(name) ? "number" : "integer"
      let isDate = ["first_attended", "last_attended"].contains(name)
      let dateType =
        switch spec.dates {
        case .exact: "date"
        case .month: "yearmonth"
        case .daysSinceFirst: "integer"
        }
      // The 0/1 measures: yes/no, labelled so in the SPSS and Stata files.
      let yesNo = ["retained_w4", "retained_w8", "retained_w12", "isolated_in_group"].contains(name)
      return TableSchema.Field(
        name: name, type: isDate ? dateType : type, description: description,
        constraints: yesNo ? ["minimum": .number(0), "maximum": .number(1)] : [:])
    }
    switch name {
    case "age_band":
      return TableSchema.Field(
        name: name, type: "string",
        description: "Age at baseline in a band, generalised for k-anonymity; * = suppressed.")
    case "gender", "ethnicity":
      return TableSchema.Field(
        name: name, type: "string",
        description: "The \(name) group declared in the pipeline, generalised for k-anonymity; "
          + "* = suppressed.")
    case "area":
      return TableSchema.Field(
        name: name, type: "string",
        description: "Postcode district or area, generalised for k-anonymity; * = suppressed.")
    default:
      return TableSchema.Field(
        name: name, type: "string",
        description: "A column kept as written from the inputs (`keep:` in the pipeline).")
    }
  }
}
