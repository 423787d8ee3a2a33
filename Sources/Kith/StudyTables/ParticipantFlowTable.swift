/// T9: the participant flow — everyone in the inputs, who attended, who answered the first wave,
/// who answered the last as well, and who was analysed on each scale — the counts a CONSORT-style
/// diagram draws, under the same disclosure as the tables that publish them too.
struct ParticipantFlowTable {
  let facts: StudyFacts
  let changes: [ChangeTable.ScaleChange]

  static let columns: [StudyColumn] = [
    StudyColumn("stage", "Stage", "string", "The step of the flow."),
    StudyColumn("instrument", "Instrument", "string", "The instrument, for the analysed stage."),
    StudyColumn("scale", "Scale", "string", "The scale, for the analysed stage."),
    StudyColumn("n", "n", "integer", "People at this stage."),
    StudyColumn(
      "percent", "% of everyone", "integer", "The stage's people as a percentage of everyone."),
  ]

  var table: StudyTable {
    let everyone = CountKey.participants(group: nil)
    let attended = facts.pids.filter { facts.engagement[$0] != nil }
    var relations = [CountRelation(total: everyone, parts: [.attended, Self.neverAttended])]
    var hidden = [Self.neverAttended: facts.pids.count - attended.count]
    var rows: [[TableCell]] = []
    let stage = { (name: String, count: Int, key: CountKey) in
      rows.append([
        .text(name), .blank, .blank, .people(count, key: key),
        .percent(count, of: facts.pids.count, part: key, whole: everyone),
      ])
    }
    stage("in any input", facts.pids.count, everyone)
    stage("attended at least one session", attended.count, .attended)
    let last = facts.waves.count - 1
    if last >= 0 {
      let baseline = facts.pids.filter { facts.responded[0].contains($0) }
      let respondents = AttritionTable.key("baseline respondents")
      hidden[Self.notRespondents] = facts.pids.count - baseline.count
      relations.append(CountRelation(total: everyone, parts: [respondents, Self.notRespondents]))
      stage("answered the \(facts.waves[0]) survey", baseline.count, respondents)
      if last > 0 {
        let followed = baseline.filter { facts.responded[last].contains($0) }
        stage(
          "answered the \(facts.waves[0]) and \(facts.waves[last]) surveys", followed.count,
          AttritionTable.key("followed up"))
      }
    }
    for change in changes {
      rows.append([
        .text("analysed: scored at both waves"), .text(change.instrument.id),
        .text(change.scale.id), .people(change.pairs.count, key: ChangeTable.pairsKey(change)),
        .percent(
          change.pairs.count, of: facts.pids.count, part: ChangeTable.pairsKey(change),
          whole: everyone),
      ])
    }
    return StudyTable(
      id: .t9ParticipantFlow, title: "T9. Participant flow", columns: Self.columns,
      rows: rows,
      notes: [
        "Everyone: each person in any input (register, survey or interview). Attended: at "
          + "least one session in a register. Analysed: scored on the scale at both the first "
          + "and the last wave, the pairs of T3, T4 and T7. A person may answer a survey "
          + "without attending, so the stages are not all nested."
      ], relations: relations, hiddenCounts: hidden)
  }

  private static let neverAttended = CountKey("t9|never attended")
  private static let notRespondents = CountKey("t9|no baseline response")
}
