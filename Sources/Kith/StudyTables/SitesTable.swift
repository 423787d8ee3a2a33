/// T13, the sites of a merged study side by side (made only by `kith merge`).
///
/// People each site released, how many of them attended a session, and how many responded at
/// each wave — and the merged study, where a person at two sites counts once. Its counts pass the disclosure rule like every
/// table's, so a site is shown only as far as its counts allow.
struct SitesTable {
  let facts: StudyFacts

  var table: StudyTable {
    var columns = [
      StudyColumn("site", "Site", "string", "The site, as the merge names it, or all sites."),
      StudyColumn(
        "participants", "Participants", "integer",
        "People the site released (in a register, a survey or an interview)."),
      StudyColumn("attended", "Attended", "integer", "Of them, people who attended a session."),
    ]
    columns += facts.waves.map {
      StudyColumn(
        "responded_\($0)", "Responded at \($0)", "integer",
        "Of them, people who responded at \($0).")
    }
    // One pass over the participants: per site (the last for all sites), people, attenders,
    // and respondents per wave.
    let position = Dictionary(uniqueKeysWithValues: facts.sites.enumerated().map { ($1, $0) })
    let all = facts.sites.count
    var counts = [[Int]](
      repeating: [Int](repeating: 0, count: 2 + facts.waves.count), count: all + 1)
    for pid in facts.pids {
      var measures = [1, facts.engagement[pid] == nil ? 0 : 1]
      measures += facts.responded.map { $0.contains(pid) ? 1 : 0 }
      for site in (facts.sitesOf[pid] ?? []).compactMap({ position[$0] }) + [all] {
        for (index, value) in measures.enumerated() { counts[site][index] += value }
      }
    }
    var rows: [[TableCell]] = []
    for (index, site) in (facts.sites.map { Optional($0) } + [nil]).enumerated() {
      let name = site ?? "all"
      var row: [TableCell] = [
        .text(site ?? "All sites"),
        .people(counts[index][0], key: CountKey("t13|participants|\(name)")),
        .people(
          counts[index][1], key: site == nil ? .attended : CountKey("t13|attended|\(name)")),
      ]
      for (wave, name) in facts.waves.enumerated() {
        row.append(
          .people(counts[index][2 + wave], key: CountKey("t13|responded|\(name)|\(site ?? "all")")))
      }
      rows.append(row)
    }
    return StudyTable(
      id: .t13Sites, title: "T13. Sites side by side", columns: columns, rows: rows,
      notes: [
        "Each site's people as its release holds them; All sites counts a person released by "
          + "more than one site once, so the sites' counts add up to more than it."
      ], relations: [], hiddenCounts: [:])
  }
}
