/// T10: how many sessions people attended, in bands, by group — the distribution T2 summarises
/// by its median and quartiles, as counts the disclosure rule protects.
struct SessionsAttendedTable {
  let facts: StudyFacts

  /// The bands, each with its lowest number of sessions; the last is open.
  static let bands: [(label: String, from: Int)] = [
    ("1", 1), ("2–3", 2), ("4–7", 4), ("8–11", 8), ("12 or more", 12),
  ]

  static let columns = [
    StudyColumn(
      "group", "Group", "string", "The participants' main group, or all who attended."),
    StudyColumn(
      "sessions_attended", "Sessions attended", "string",
      "A band of the number of distinct sessions attended."),
    StudyColumn(
      "participants", "Participants", "integer",
      "People of the group who attended that many sessions."),
  ]

  /// The band of `sessions` attended (at least 1).
  static func band(of sessions: Int) -> Int {
    bands.lastIndex { sessions >= $0.from } ?? 0
  }

  var table: StudyTable {
    let attended = facts.pids.filter { facts.engagement[$0] != nil }
    let groups = facts.byGroup(attended)
    var relations: [CountRelation] = []
    var rows: [[TableCell]] = []
    for (group, pids) in groups.map({ ($0.group as String?, $0.pids) }) + [(nil, attended)] {
      var counts = [Int](repeating: 0, count: Self.bands.count)
      for pid in pids {
        if let engagement = facts.engagement[pid] {
          counts[Self.band(of: engagement.sessionsAttended)] += 1
        }
      }
      let keys = Self.bands.indices.map { Self.key($0, group) }
      // A group's bands add up to its participants, T2's count of them.
      relations.append(
        CountRelation(
          total: group.map { CountKey.participants(group: $0) } ?? .attended, parts: keys))
      for (index, band) in Self.bands.enumerated() {
        rows.append([
          .text(group ?? "All who attended"), .text(band.label),
          .people(counts[index], key: keys[index]),
        ])
      }
    }
    // Each band of everyone is the band of every group.
    let names = groups.map(\.group)
    for index in Self.bands.indices {
      relations.append(
        CountRelation(total: Self.key(index, nil), parts: names.map { Self.key(index, $0) }))
    }
    return StudyTable(
      id: .t10SessionsAttended, title: "T10. Sessions attended, by group", columns: Self.columns,
      rows: rows,
      notes: [
        "Participants who attended at least one session, by main group and the number of "
          + "distinct sessions they attended (across all their groups)."
      ], relations: relations, hiddenCounts: [:])
  }

  /// The people of `group` (`nil`: everyone who attended) in band `index`.
  static func key(_ index: Int, _ group: String?) -> CountKey {
    CountKey("t10|\(bands[index].label)|" + (group ?? "all"))
  }
}
