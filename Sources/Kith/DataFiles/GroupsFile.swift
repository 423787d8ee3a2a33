/// `data/groups.csv`: per group, sessions held, median attendance, members, new members per
/// month, members retained at week 12.
struct GroupsFile: DataFile {
  var id: ReleaseDataFile { .groups }

  func table(from release: MeasuredRelease) -> Table? {
    let study = release.study
    guard !study.ledger.isEmpty else { return nil }
    let held = release.engagement.held
    let attendees = release.engagement.attendees()
    let groupRank = study.groups.ranks(by: NaturalOrder.less)
    let groups = held.keys.sorted { groupRank[Int($0)] < groupRank[Int($1)] }
    let ledger = study.ledger
    let rows = groups.map { group -> [String] in
      let days = held[group] ?? []
      let counts = days.map { attendees[SessionKey(group: group, day: $0)] ?? 0 }
      let memberDays = ledger.entriesByGroup[Int(group)].map { index in
        ledger.sessions(of: ledger.entries[index], attended: true).map(\.day)
      }.filter { !$0.isEmpty }
      let months = Set(days.map { CivilDate.iso(Int($0)).prefix(7) }).count
      let retained = memberDays.filter { days in
        guard let first = days.min() else { return false }
        return days.contains { Int($0) >= Int(first) + 84 }
      }.count
      return [
        study.groups.strings[Int(group)], String(days.count),
        Fixed.format(Self.median(counts), decimals: 1), String(memberDays.count),
        Fixed.format(months == 0 ? 0 : Double(memberDays.count) / Double(months), decimals: 2),
        String(retained),
      ]
    }
    return Table(path: id.path, header: schema.fields.map(\.name), rows: rows)
  }

  func schema(header: [String], spec: PipelineSpec) -> TableSchema { schema }

  /// The file's columns do not depend on the study.
  private var schema: TableSchema {
    typealias Field = TableSchema.Field
    return TableSchema(
      fields: [
        Field(
          name: "group", type: "string", description: "The group.",
          constraints: ["required": .flag(true), "unique": .flag(true)]),
        Field(
          name: "sessions_held", type: "integer",
          description: "Sessions the registers show the group held (any row, present or absent).",
          constraints: ["minimum": .number(0)]),
        Field(
          name: "median_attendance", type: "number",
          description: "The median number of attendees per held session."),
        Field(
          name: "members", type: "integer",
          description: "People who attended the group at least once.",
          constraints: ["minimum": .number(0)]),
        Field(
          name: "new_members_per_month", type: "number",
          description: "Members divided by the calendar months in which the group held sessions."),
        Field(
          name: "retained_w12", type: "integer",
          description:
            "Members who attended the group on or after day 84 from their first session with it.",
          constraints: ["minimum": .number(0)]),
      ], primaryKey: ["group"])
  }

  /// The median of `values`; 0 for none.
  static func median(_ values: [Int]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1
      ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
  }
}
