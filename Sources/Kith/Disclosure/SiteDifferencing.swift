/// The differencing attack on a merged study: a reader who holds the sites' own published
/// tables beside the merged ones subtracts the sites' shown counts from a merged count, and
/// gets back what is left — a site's suppressed count when it is the only one left, or a small
/// pooled count of several.
///
/// A merged count is matched with each site's count of the same table, row and column, rows
/// matched by their labels (group, band, instrument…); a site without the row adds nothing. Where
/// at least one site part is suppressed and the merged count, minus the shown parts, leaves a
/// positive remainder that is one suppressed part alone or a pooled one the rule would itself
/// suppress, the
/// merged count is reported as recoverable: the study tables then suppress it (and, through the
/// attacker, whatever would give it back in turn) and say so in a note.
struct SiteDifferencing {
  /// One site's published study tables, by id.
  struct Site {
    var name: String
    var tables: [String: SiteTable]
  }

  /// A site's published table: its rows' texts by column name.
  struct SiteTable {
    var header: [String]
    var rows: [[String]]

    /// The text in `row` of column `name`.
    func value(_ row: [String], _ name: String) -> String? {
      header.firstIndex(of: name).flatMap { $0 < row.count ? row[$0] : nil }
    }

    /// The table with its `week` column `weeks` later (a site whose week 1 is the merged
    /// study's week 1 + `weeks`).
    func weeks(shiftedBy weeks: Int) -> SiteTable {
      guard let column = header.firstIndex(of: "week"), weeks != 0 else { return self }
      var shifted = self
      for index in shifted.rows.indices where column < shifted.rows[index].count {
        if let week = Int(shifted.rows[index][column]) {
          shifted.rows[index][column] = String(week + weeks)
        }
      }
      return shifted
    }
  }

  let sites: [Site]
  let rule: DisclosureRule

  /// The note a table gets when a count of it was suppressed for this reason.
  static let note =
    "* also marks a count suppressed because, with the sites' own published tables, it would "
    + "give back a count a site suppressed (a differencing attack; see docs/privacy.md)."

  /// Every shown count of `tables` (as `published`) that differencing with the sites' tables
  /// recovers a site's suppressed count from.
  func recoveries(_ tables: [StudyTable], _ published: [PublishedTable]) -> [Recovery] {
    var recoveries: [Recovery] = []
    for (table, shown) in zip(tables, published) {
      let siteTables = sites.compactMap { $0.tables[table.id.rawValue] }
      guard !siteTables.isEmpty else { continue }
      // Label columns: text somewhere (a group, a band) or a whole number everywhere (a week),
      // never a count.
      let labels = table.columns.indices.filter { column in
        let cells = table.rows.map { $0[column] }
        let text = cells.contains { if case .text = $0 { true } else { false } }
        let numbers = cells.allSatisfy { if case .integer = $0 { true } else { false } }
        return (text || numbers) && !cells.contains { if case .people = $0 { true } else { false } }
      }
      let labelNames = labels.map { table.columns[$0].name }
      // Each site's rows by their labels.
      let indexed = siteTables.map { site in
        Dictionary(
          site.rows.map { row in (labelNames.map { site.value(row, $0) ?? "" }, row) },
          uniquingKeysWith: { first, _ in first })
      }
      for (rowIndex, row) in table.rows.enumerated() {
        let key = labels.map { shown.rows[rowIndex][$0].text }
        for (column, cell) in row.enumerated() {
          guard case .people = cell, let merged = shown.rows[rowIndex][column].number else {
            continue
          }
          let name = table.columns[column].name
          var (suppressed, shownSum) = (0, 0.0)
          for (site, rows) in zip(siteTables, indexed) {
            guard let siteRow = rows[key], let text = site.value(siteRow, name) else { continue }
            if text == DisclosureRule.suppressed {
              suppressed += 1
            } else {
              shownSum += Double(text) ?? 0
            }
          }
          let remainder = merged - shownSum
          // Nothing is left for the suppressed parts when the shown ones already reach the
          // merged count (people at two sites, a value one site could not know): no recovery.
          guard suppressed > 0, remainder > 0,
            suppressed == 1 || remainder < Double(rule.suppressBelow)
          else {
            continue
          }
          let at = Recovery.Cell(table: table.id.rawValue, row: rowIndex, column: name)
          recoveries.append(
            Recovery(kind: .siteDifference, cell: at, remedy: .suppressBeside([at])))
        }
      }
    }
    return recoveries
  }
}
