/// `data/sessions.csv`: one row per group and session held, with its number of attendees.
struct SessionsFile: DataFile {
  var id: ReleaseDataFile { .sessions }

  /// The file's columns: the date column follows `dates:`.
  static func header(dates: DateRelease) -> [String] {
    ["group", dates == .daysSinceFirst ? "days_since_group_start" : "session_date", "attendees"]
  }

  func table(from release: MeasuredRelease) -> Table? {
    let study = release.study
    guard !study.ledger.isEmpty else { return nil }
    let engagement = release.engagement
    let attendees = engagement.attendees()
    let groupRank = study.groups.ranks(by: NaturalOrder.less)
    let sessions = study.ledger.sessionsHeld.sorted {
      (groupRank[Int($0.group)], $0.day) < (groupRank[Int($1.group)], $1.day)
    }
    let firstSession = engagement.held.mapValues { $0.first ?? 0 }
    let mode = release.spec.dates
    let groups = study.groups.strings
    return Table(path: id.path, header: Self.header(dates: mode), count: sessions.count) { index in
      let session = sessions[index]
      let date =
        switch mode {
        case .exact: CivilDate.iso(Int(session.day))
        case .month: String(CivilDate.iso(Int(session.day)).prefix(7))
        case .daysSinceFirst: String(session.day - (firstSession[session.group] ?? session.day))
        }
      return [groups[Int(session.group)], date, String(attendees[session] ?? 0)]
    }
  }

  func schema(header: [String], spec: PipelineSpec) -> TableSchema {
    let date =
      spec.dates == .daysSinceFirst
      ? TableSchema.Field.count(
        "days_since_group_start", "Days since the group's first held session.")
      : TableSchema.Field(
        name: "session_date", type: spec.dates == .month ? "yearmonth" : "date",
        description: "The day (or month) of the session.", constraints: ["required": .flag(true)])
    return TableSchema(
      fields: [
        TableSchema.Field(
          name: "group", type: "string", description: "The group.",
          constraints: ["required": .flag(true)]),
        date,
        .count("attendees", "People recorded as attending the session."),
      ], primaryKey: spec.dates == .month ? [] : ["group", date.name])
  }
}
