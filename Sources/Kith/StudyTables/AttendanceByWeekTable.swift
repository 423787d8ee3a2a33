/// T12: how many people of each group attended in each week of the study — attendance over
/// time as counts the disclosure rule protects (the report's line chart draws it).
///
/// Weeks are counted from the first day anyone attended (week 1 is that day and the six after
/// it), so no calendar date is published whatever `dates:` allows; people are counted by main
/// group, once a week however many sessions they came to.
struct AttendanceByWeekTable {
  let facts: StudyFacts

  static let columns = [
    StudyColumn("group", "Group", "string", "The participants' main group."),
    StudyColumn(
      "week", "Week", "integer",
      "The week of the study: 1 is the first day anyone attended and the six days after it."),
    StudyColumn(
      "participants", "Participants", "integer",
      "People of the group who attended at least one session that week."),
  ]

  var table: StudyTable {
    let first = facts.attendedDays.values.compactMap(\.first).min()
    let last = facts.attendedDays.values.compactMap(\.last).max()
    var rows: [[TableCell]] = []
    if let first, let last {
      let weeks = Int(last - first) / 7 + 1
      for (group, pids) in facts.byGroup(facts.pids) {
        var counts = [Int](repeating: 0, count: weeks)
        for pid in pids {
          guard let days = facts.attendedDays[pid] else { continue }
          // Days ascend: a week is counted once per person.
          var previous = -1
          for day in days {
            let week = Int(day - first) / 7
            if week != previous { counts[week] += 1 }
            previous = week
          }
        }
        for week in 0..<weeks {
          rows.append([
            .text(group), .integer(week + 1),
            .people(counts[week], key: CountKey("t12|\(group)|\(week + 1)")),
          ])
        }
      }
    }
    return StudyTable(
      id: .t12AttendanceByWeek, title: "T12. Attendance by week, by group", columns: Self.columns,
      rows: rows,
      notes: [
        "People of each main group who attended at least one session in each week of the "
          + "study; week 1 begins on the first day anyone attended. A person is counted once a "
          + "week, in their main group, whichever groups' sessions they came to."
      ])
  }
}
