/// What a reader knows of the study tables' layouts (docs/study-tables.md) — which counts add up
/// to which, which are the same people in two tables, which are some of another — written down
/// as an ``AttackModel`` from the published values alone.
struct AttackLayouts {
  private(set) var model: AttackModel
  private let tables: [String: PublishedTable]
  /// Counts the tables share, by what they count.
  private var groupParticipants: [String: CountKey] = [:]
  private var pairs: [String: CountKey] = [:]
  private var themedAll: [String: CountKey] = [:]
  private var themeParticipants: [String: CountKey] = [:]
  private var wellbeingPairs: [String: CountKey] = [:]
  private var improved: [String: CountKey] = [:]
  private var everyone: CountKey?
  private var attended: CountKey?
  /// T2's participants of each group: those who attended, by main group.
  private var attenders: [String: CountKey] = [:]
  private var followedUp: CountKey?

  /// Reads `tables` under `rule`.
  init(_ tables: [PublishedTable], rule: DisclosureRule) {
    model = AttackModel(rule: rule)
    self.tables = Dictionary(tables.map { ($0.id, $0) }) { a, _ in a }
    characteristics()
    engagement()
    sessionsAttended()
    change()
    changeBySessions()
    attrition()
    clinicalChange()
    flow()
    themes()
  }

  /// The published table `id`, if the release has it.
  private func table(_ id: StudyTableID) -> PublishedTable? { tables[id.rawValue] }

  /// The rows of `table` by the text of `column`, in order.
  private func rows(_ table: PublishedTable, where column: String, is text: String) -> [Int] {
    table.rows.indices.filter { table.text($0, column) == text }
  }

  /// T1: a characteristic's levels add up to their group's participants; scored people are some
  /// of them; the groups and the people in no group add up to the whole study.
  private mutating func characteristics() {
    guard let t = table(.t1Characteristics) else { return }
    let all = "All participants"
    var groups: [String] = []
    for row in t.rows.indices where !groups.contains(t.text(row, "group")) {
      groups.append(t.text(row, "group"))
    }
    let named = groups.filter { $0 != all }
    let participants = { (group: String) in
      t.rows.indices.first {
        t.text($0, "characteristic") == "participants" && t.text($0, "group") == group
      }
    }
    var levels: [String: [String]] = [:]
    var scores: [String] = []
    for row in t.rows.indices where t.text(row, "characteristic") != "participants" {
      let characteristic = t.text(row, "characteristic")
      let level = t.text(row, "level")
      if level.isEmpty {
        if !scores.contains(characteristic) { scores.append(characteristic) }
      } else if !(levels[characteristic] ?? []).contains(level) {
        levels[characteristic, default: []].append(level)
      }
    }
    let cell = { (characteristic: String, level: String, group: String) in
      t.rows.indices.first {
        t.text($0, "characteristic") == characteristic && t.text($0, "level") == level
          && t.text($0, "group") == group
      }
    }
    for group in groups {
      let people = model.count(t, participants(group), "n")
      if group != all { groupParticipants[group] = people }
      for (characteristic, values) in levels {
        model.sum(people, values.map { model.count(t, cell(characteristic, $0, group), "n") })
      }
      for score in scores {
        model.atMost(
          model.count(t, cell(score, "", group), "n"), people, rest: "t1 unscored \(score) \(group)"
        )
      }
    }
    let rest = model.hidden("t1 no group")
    everyone = model.count(t, participants(all), "n")
    model.sum(
      model.count(t, participants(all), "n"),
      named.map { model.count(t, participants($0), "n") } + [rest])
    for (characteristic, values) in levels {
      var restLevels: [CountKey?] = []
      for level in values {
        let restLevel = model.hidden("t1 no group \(characteristic)=\(level)")
        restLevels.append(restLevel)
        model.sum(
          model.count(t, cell(characteristic, level, all), "n"),
          named.map { model.count(t, cell(characteristic, level, $0), "n") } + [restLevel])
      }
      model.sum(rest, restLevels)
    }
    for score in scores {
      let restScored = model.hidden("t1 no group scored \(score)")
      model.sum(
        model.count(t, cell(score, "", all), "n"),
        named.map { model.count(t, cell(score, "", $0), "n") } + [restScored])
      model.atMost(restScored, rest, rest: "t1 no group unscored \(score)")
    }
  }

  /// T2: retention is nested (week 12 within week 8 within week 4 within the participants);
  /// the isolated are some of those measured, who are some of the participants; the groups add
  /// up to everyone who attended, and are T1's groups.
  private mutating func engagement() {
    guard let t = table(.t2Engagement) else { return }
    let all = rows(t, where: "group", is: "All who attended").first
    let groups = t.rows.indices.filter { $0 != all }
    var measured: [CountKey] = []
    for row in groups + [all].compactMap({ $0 }) {
      let group = t.text(row, "group")
      let people = model.count(t, row, "participants")
      if row != all {
        model.same(people, groupParticipants[group])
        attenders[group] = people
      }
      var outer = people
      for week in ["w4", "w8", "w12"] {
        let retained = model.count(t, row, "retained_\(week)")
        model.atMost(retained, outer, rest: "t2 not retained \(week) \(group)")
        outer = retained
      }
      let measure = model.hidden("t2 measured \(group)")
      if row != all { measured.append(measure) }
      model.atMost(model.count(t, row, "isolated"), measure, rest: "t2 not isolated \(group)")
      model.atMost(measure, people, rest: "t2 not measured \(group)")
    }
    attended = model.count(t, all, "participants")
    for column in ["participants", "retained_w4", "retained_w8", "retained_w12", "isolated"] {
      model.sum(model.count(t, all, column), groups.map { model.count(t, $0, column) })
    }
    if let all { model.sum(model.hidden("t2 measured \(t.text(all, "group"))"), measured) }
  }

  /// T10: a group's bands of sessions attended add up to its participants (T2's, the same
  /// people), everyone's to everyone who attended; each band of everyone is that band of every
  /// group.
  private mutating func sessionsAttended() {
    guard let t = table(.t10SessionsAttended) else { return }
    let all = "All who attended"
    var byBand: [String: (all: CountKey?, groups: [CountKey?])] = [:]
    var byGroup: [String: [CountKey?]] = [:]
    var groups: [String] = []
    for row in t.rows.indices {
      let (group, band) = (t.text(row, "group"), t.text(row, "sessions_attended"))
      let count = model.count(t, row, "participants")
      if byGroup[group] == nil { groups.append(group) }
      byGroup[group, default: []].append(count)
      if group == all {
        byBand[band, default: (nil, [])].all = count
      } else {
        byBand[band, default: (nil, [])].groups.append(count)
      }
    }
    for group in groups {
      let total = group == all ? attended : attenders[group] ?? groupParticipants[group]
      let parts = byGroup[group] ?? []
      if let total {
        model.sum(total, parts)
      } else {
        model.sum(model.hidden("t10 participants \(group)"), parts)
      }
    }
    for (_, band) in byBand.sorted(by: { $0.key < $1.key }) { model.sum(band.all, band.groups) }
  }

  /// T3, T4, T7: a scale's pairs are one count in all three; T3's change categories add up to
  /// them; T7's cases are some of them, the recovered some of the cases at baseline, the
  /// reliably recovered some of the recovered.
  private mutating func change() {
    if let t = table(.t3Change) {
      for row in t.rows.indices {
        let n = model.count(t, row, "n_pairs")
        pairs["\(t.text(row, "instrument")) \(t.text(row, "scale"))"] = n
        let categories = ["reliably_improved", "no_reliable_change", "reliably_deteriorated"]
        improved["\(t.text(row, "instrument")) \(t.text(row, "scale"))"] = model.count(
          t, row, "reliably_improved")
        if categories.allSatisfy({ !t.text(row, $0).isEmpty }) {
          model.sum(n, categories.map { model.count(t, row, $0) })
        }
      }
    }
    if let t = table(.t4DoseResponse) {
      for row in t.rows.indices {
        let scale = "\(t.text(row, "instrument")) \(t.text(row, "scale"))"
        let n = model.count(t, row, "n_pairs")
        if let known = pairs[scale] { model.same(known, n) } else { pairs[scale] = n }
      }
    }
  }

  /// T11: a scale's bands of sessions between surveys add up to its pairs (T3's).
  private mutating func changeBySessions() {
    guard let t = table(.t11ChangeBySessions) else { return }
    var bands: [String: [CountKey?]] = [:]
    var scales: [String] = []
    for row in t.rows.indices {
      let scale = "\(t.text(row, "instrument")) \(t.text(row, "scale"))"
      if bands[scale] == nil { scales.append(scale) }
      bands[scale, default: []].append(model.count(t, row, "n_pairs"))
    }
    for scale in scales {
      let total = pairs[scale] ?? model.hidden("t11 pairs \(scale)")
      pairs[scale] = total
      model.sum(total, bands[scale] ?? [])
    }
  }

  private mutating func clinicalChange() {
    guard let t = table(.t7ClinicalChange) else { return }
    for row in t.rows.indices {
      let scale = "\(t.text(row, "instrument")) \(t.text(row, "scale"))"
      let n = model.count(t, row, "n_pairs")
      if let known = pairs[scale] { model.same(known, n) } else { pairs[scale] = n }
      let baseline = model.count(t, row, "cases_baseline")
      let recovered = model.count(t, row, "recovered")
      model.atMost(baseline, n, rest: "t7 not cases baseline \(scale)")
      model.atMost(model.count(t, row, "cases_followup"), n, rest: "t7 not cases followup \(scale)")
      model.atMost(recovered, baseline, rest: "t7 not recovered \(scale)")
      model.atMost(
        model.count(t, row, "reliably_recovered"), recovered, rest: "t7 not reliably \(scale)")
      let improvers = model.count(t, row, "reliably_improved")
      if let known = improved[scale] { model.same(known, improvers) }
      model.atMost(improvers, n, rest: "t7 not reliably improved \(scale)")
      model.atMost(
        model.count(t, row, "reliably_improved_sensitivity"), n,
        rest: "t7 not reliably improved sensitivity \(scale)")
    }
  }

  /// T9: each stage is a count another table publishes or implies: everyone (T1), those who
  /// attended (T2), the baseline respondents and those followed up (T5), the pairs (T3).
  private mutating func flow() {
    guard let t = table(.t9ParticipantFlow) else { return }
    for row in t.rows.indices {
      let n = model.count(t, row, "n")
      let stage = t.text(row, "stage")
      if stage == "in any input" {
        model.same(everyone, n)
        everyone = everyone ?? n
      } else if stage == "attended at least one session" {
        model.same(attended, n)
        model.atMost(n, everyone, rest: "t9 never attended")
      } else if stage.hasPrefix("answered the") && stage.hasSuffix("surveys") {
        model.same(followedUp, n)
      } else if stage.hasPrefix("answered the") {
        model.same(model.hidden("t5 baseline respondents"), n)
        model.atMost(n, everyone, rest: "t9 no baseline response")
      } else {
        let scale = "\(t.text(row, "instrument")) \(t.text(row, "scale"))"
        if let known = pairs[scale] { model.same(known, n) } else { pairs[scale] = n }
      }
    }
  }

  /// T5: those followed up and not add up to the baseline respondents; their sessions rows are
  /// the same people; those scored at baseline are some of them.
  private mutating func attrition() {
    guard let t = table(.t5Attrition) else { return }
    var splits: [String: CountKey] = [:]
    for row in rows(t, where: "measure", is: "baseline respondents") {
      splits[t.text(row, "group")] = model.count(t, row, "n")
    }
    model.sum(model.hidden("t5 baseline respondents"), splits.keys.sorted().map { splits[$0] })
    followedUp = splits["followed up"]
    var attenders: [String: CountKey] = [:]
    for row in rows(t, where: "measure", is: "attenders") {
      attenders[t.text(row, "group")] = model.count(t, row, "n")
    }
    if !attenders.isEmpty {
      model.sum(
        attended ?? model.hidden("t2 attended"), attenders.keys.sorted().map { attenders[$0] })
    }
    for row in rows(t, where: "measure", is: "sessions attended") {
      let group = t.text(row, "group")
      model.same(
        splits[group] ?? attenders[group.replacingOccurrences(of: "attenders with ", with: "")],
        model.count(t, row, "n"))
    }
    for row in rows(t, where: "measure", is: "baseline score") {
      let name =
        "t5 unscored \(t.text(row, "instrument")) \(t.text(row, "scale")) \(t.text(row, "group"))"
      model.atMost(model.count(t, row, "n"), splits[t.text(row, "group")], rest: name)
    }
  }

  /// T8, J1, J2: per theme, the groups' and the people in no group add up to all interviewed
  /// with it, each some of its group's interviewed; J1 and J2 count the same people, and J2's
  /// categories add up to them and to J1's wellbeing pairs.
  private mutating func themes() {
    if let t = table(.t8ThemePrevalence) {
      var themes: [String] = []
      for row in t.rows.indices where !themes.contains(t.text(row, "theme")) {
        themes.append(t.text(row, "theme"))
      }
      var interviewed: [String: CountKey] = [:]
      for theme in themes {
        let rowsOf = t.rows.indices.filter {
          t.text($0, "theme") == theme && t.text($0, "group") != "Documents linked to no one"
        }
        let all = rowsOf.first { t.text($0, "group") == "All interviewed" }
        let groups = rowsOf.filter { $0 != all }
        for row in rowsOf {
          let group = t.text(row, "group")
          let people = model.count(t, row, "interviewed")
          if let known = interviewed[group] {
            model.same(known, people)
          } else {
            interviewed[group] = people
          }
          model.atMost(
            model.count(t, row, "participants"), people, rest: "t8 not \(theme) \(group)")
        }
        let restWith = model.hidden("t8 no group \(theme)")
        model.sum(
          model.count(t, all, "participants"),
          groups.map { model.count(t, $0, "participants") } + [restWith])
        model.atMost(
          restWith, model.hidden("t8 no group interviewed"), rest: "t8 no group not \(theme)")
        themedAll[theme] = model.count(t, all, "participants")
      }
      let groups = interviewed.keys.filter { $0 != "All interviewed" }.sorted()
      model.sum(
        interviewed["All interviewed"],
        groups.map { interviewed[$0] } + [model.hidden("t8 no group interviewed")])
    }
    if let t = table(.j1StatisticsByTheme) {
      for row in t.rows.indices {
        let theme = t.text(row, "theme")
        let people = model.count(t, row, "participants")
        model.same(themedAll[theme], people)
        themeParticipants[theme] = people
        wellbeingPairs[theme] = model.count(t, row, "wellbeing_pairs")
        model.atMost(wellbeingPairs[theme], people, rest: "j1 not wellbeing pairs \(theme)")
        model.atMost(
          model.count(t, row, "loneliness_pairs"), people, rest: "j1 not loneliness pairs \(theme)")
      }
    }
    if let t = table(.j2ThemesByChange) {
      for row in t.rows.indices {
        let theme = t.text(row, "theme")
        let people = model.count(t, row, "participants")
        model.same(themeParticipants[theme] ?? themedAll[theme], people)
        let categories = ["reliably_improved", "no_reliable_change", "reliably_deteriorated"]
          .map { model.count(t, row, $0) }
        guard categories.allSatisfy({ $0 != nil }) else { continue }
        model.sum(people, categories + [model.count(t, row, "not_scored")])
        model.sum(wellbeingPairs[theme], categories)
      }
    }
  }
}
