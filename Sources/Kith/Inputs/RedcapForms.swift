import KithCSV

/// Which REDCap form holds each instrument's items, and so which `<form>_complete` column says
/// whether that form was completed.
///
/// In order: the project's data dictionary (`dictionary:` on the input: REDCap's
/// `DataDictionary.csv`, whose `Form Name` names each field's form); else the form whose name
/// the item columns share (`phq9_complete` for `phq9_1` … `phq9_9`; the longest such name);
/// else, as a last resort, the first form status column after the instrument's last item,
/// where REDCap's full exports put it.
enum RedcapForms {
  /// Per instrument id, its form status column's index and name.
  static func statusColumns(
    header: [String], instruments: [(instrument: Instrument, columns: [Int])],
    dictionary: [String: String]?
  ) -> [String: (index: Int, name: String)] {
    let statuses = header.indices.filter { isFormStatus(header[$0]) }
    var found: [String: (Int, String)] = [:]
    for (instrument, columns) in instruments where !columns.isEmpty {
      let items = columns.map { header[$0].lowercased() }
      if let dictionary,
        let form = mostCommon(items.compactMap { dictionary[$0] }),
        let status = statuses.first(where: { header[$0].lowercased() == form + "_complete" })
      {
        found[instrument.id] = (status, header[status])
        continue
      }
      let sharing = statuses.filter { index in
        let form = formName(header[index]).lowercased()
        return !form.isEmpty && items.allSatisfy { $0.hasPrefix(form) }
      }
      if let status = sharing.max(by: { formName(header[$0]).count < formName(header[$1]).count }) {
        found[instrument.id] = (status, header[status])
      } else if let last = columns.max(), let status = statuses.first(where: { $0 > last }) {
        found[instrument.id] = (status, header[status])
      }
    }
    return found
  }

  /// Whether a column is a form's status: `<form>_complete`, or its label form `…Complete?`.
  static func isFormStatus(_ name: String) -> Bool {
    name.hasSuffix("_complete") || name.hasSuffix("Complete?")
  }

  /// `phq9` of `phq9_complete`; empty for a status column named by its label.
  private static func formName(_ status: String) -> String {
    status.hasSuffix("_complete") ? String(status.dropLast("_complete".count)) : ""
  }

  private static func mostCommon(_ forms: [String]) -> String? {
    var counts: [String: Int] = [:]
    for form in forms { counts[form, default: 0] += 1 }
    return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
  }

  /// Each field's form (both lower-cased) in the data dictionary at `path`.
  ///
  /// - Throws: ``DataError`` naming the file when it cannot be read or lacks the columns.
  static func dictionary(at path: String, displayName: String) throws -> [String: String] {
    var forms: [String: String] = [:]
    do {
      let reader = try CSVReader(path: path, displayName: displayName)
      let names = reader.header.names.map { $0.lowercased() }
      guard
        let field = names.firstIndex(where: {
          $0 == "variable / field name" || $0 == "field_name"
        }),
        let form = names.firstIndex(where: { $0 == "form name" || $0 == "form_name" })
      else {
        throw DataError(
          "\(displayName) is not a REDCap data dictionary: it has no `Variable / Field Name` "
            + "and `Form Name` columns; export it from the project's Dictionary page")
      }
      try reader.forEachRow { row in
        guard row.problem == nil, field < row.count, form < row.count else { return }
        let name = row.string(field).trimmed.lowercased()
        if !name.isEmpty { forms[name] = row.string(form).trimmed.lowercased() }
      }
    } catch let error as CSVError {
      throw DataError(error.description)
    }
    return forms
  }
}
