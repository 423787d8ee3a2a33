/// T6: internal consistency — Cronbach's alpha of every multi-item scale at every wave, over
/// the responses that answered all its items, with the weakest item by item–rest correlation.
struct ReliabilityTable {
  let facts: StudyFacts

  static let columns: [StudyColumn] = [
    StudyColumn("instrument", "Instrument", "string", "The instrument's id."),
    StudyColumn("scale", "Scale", "string", "The scale."),
    StudyColumn("wave", "Wave", "string", "The wave."),
    StudyColumn("n", "n", "integer", "Responses answering every item of the scale."),
    StudyColumn("items", "Items", "integer", "Items in the scale."),
    StudyColumn("alpha", "α", "number", "Cronbach's alpha (KR-20 for items scored 0/1)."),
    StudyColumn(
      "lowest_item_rest", "Lowest item–rest r", "number",
      "The smallest corrected item–rest correlation."),
    StudyColumn("lowest_item", "Item", "integer", "The item with that correlation."),
    StudyColumn(
      "alpha_without_it", "α without it", "number", "Alpha of the scale without that item."),
  ]

  var table: StudyTable {
    var rows: [[TableCell]] = []
    var constant: [String] = []
    for (position, instrument) in facts.instruments.enumerated() {
      for scale in instrument.scales where scale.items.count > 1 && scale.method == .sum {
        for (wave, name) in facts.waves.enumerated() {
          let responses = facts.pids.compactMap { facts.items[position][wave][$0] }
          guard !responses.isEmpty else { continue }
          let alpha = CronbachAlpha(
            responses: responses.map { row in scale.items.map { row[$0 - 1] } })
          let n = alpha.n
          let key = CountKey("t6|complete|\(instrument.id).\(scale.id)|\(name)")
          let weakest = alpha.itemRest.indices.filter { !alpha.itemRest[$0].isNaN }
            .min { alpha.itemRest[$0] < alpha.itemRest[$1] }
          // An item everyone answered alike has no item–rest correlation: named, not skipped.
          let alike = scale.items.indices.filter { column in
            let values = responses.map { $0[scale.items[column] - 1] }
            return n > 1 && values.allSatisfy { $0 == values[0] }
          }
          if !alike.isEmpty {
            constant.append(
              "\(instrument.id) \(scale.id) at \(name): item"
                + (alike.count == 1 ? " " : "s ")
                + alike.map { String(scale.items[$0]) }.joined(separator: ", "))
          }
          rows.append(
            [
              .text(instrument.id), .text(scale.id), .text(name), .people(n, key: key),
              .integer(scale.items.count), .statistic(alpha.alpha, .coefficient, n: n, of: key),
            ]
              + (weakest.map { item -> [TableCell] in
                [
                  .statistic(alpha.itemRest[item], .coefficient, n: n, of: key),
                  .integer(scale.items[item]),
                  .statistic(alpha.alphaIfDeleted[item], .coefficient, n: n, of: key),
                ]
              } ?? [.blank, .blank, .blank]))
        }
      }
    }
    return StudyTable(
      id: .t6Reliability, title: "T6. Internal consistency", columns: Self.columns, rows: rows,
      notes: [
        "Listwise: only responses answering every item of the scale. Items are scored as the "
          + "instrument defines (reversed items reversed, De Jong Gierveld answers 0/1)."
      ]
        + (constant.isEmpty
          ? []
          : [
            "Answered alike by every response, so without an item–rest correlation and not "
              + "considered for the weakest item: " + constant.joined(separator: "; ") + "."
          ]))
  }
}
