/// One study table as a sheet of the release's workbook (`tables/study_tables.xlsx`): its CSV
/// header and cells exactly as published, its title and its notes under the table.
struct WorkbookSheet {
  /// The table's id: the sheet's name.
  var name: String
  var title: String
  /// The CSV's header and rows, as published.
  var header: [String]
  var rows: [[String]]
  /// The Table Schema type of each column (`integer`, `number`, `string`).
  var types: [String]
  /// The notes under the table, the disclosure rule's among them.
  var notes: [String]
}
