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
    var rows: [[TableCell]] = []
    for site in facts.sites + [nil] {
      let pids = facts.pids.filter { pid in
        site.map { facts.sitesOf[pid]?.contains($0) ?? false } ?? true
      }
      let name = site ?? "all"
      var row: [TableCell] = [
        .text(site ?? "All sites"),
        .people(pids.count, key: CountKey("t13|participants|\(name)")),
        .people(
          pids.filter { facts.engagement[$0] != nil }.count,
          key: site == nil ? .attended : CountKey("t13|attended|\(name)")),
      ]
      for (index, wave) in facts.waves.enumerated() {
        row.append(
          .people(
            pids.filter { facts.responded[index].contains($0) }.count,
            key: CountKey("t13|responded|\(wave)|\(name)")))
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
