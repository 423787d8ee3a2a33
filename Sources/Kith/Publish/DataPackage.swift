import Foundation

/// `release/datapackage.json`: a Frictionless Tabular Data Package describing every released
/// CSV with a Table Schema, so tools (and `frictionless validate`) can read and check it.
enum DataPackage {
  /// The file name under `release/`.
  static let fileName = "datapackage.json"

  /// The package's JSON for `tables` and the analysts' `files` made from them (`.sav`, `.dta`,
  /// `.xlsx`), with sorted keys (deterministic).
  static func json(tables: [Table], spec: PipelineSpec, files: [String] = []) throws -> Data {
    let resources: [[String: Any]] = tables.map { table in
      let schema =
        table.schema ?? DataDictionary.schema(path: table.path, header: table.header, spec: spec)
      var schemaJSON: [String: Any] = [
        "fields": schema.fields.map { field -> [String: Any] in
          var json: [String: Any] = [
            "name": field.name, "type": field.type, "description": field.description,
          ]
          if !field.constraints.isEmpty {
            json["constraints"] = field.constraints.mapValues(\.json)
          }
          return json
        },
        // Study tables show suppressed counts and withheld statistics as `*`.
        "missingValues": table.schema == nil ? [""] : ["", DisclosureRule.suppressed],
      ]
      if !schema.primaryKey.isEmpty { schemaJSON["primaryKey"] = schema.primaryKey }
      return [
        "name": table.name.replacingOccurrences(of: "_", with: "-"),
        "path": table.path, "profile": "tabular-data-resource", "format": "csv",
        "mediatype": "text/csv", "encoding": "utf-8", "schema": schemaJSON,
      ]
    }
    let package: [String: Any] = [
      // With files other than CSV, a data package, no longer only tabular.
      "name": slug(spec.study), "title": spec.study,
      "profile": files.isEmpty ? "tabular-data-package" : "data-package",
      "resources": resources + files.map(resource),
    ]
    var data = try JSONSerialization.data(
      withJSONObject: package, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    data.append(0x0A)
    return data
  }

  /// What a file in an analyst's format is: the CSV it was made from, its format and media type.
  private static func resource(_ path: String) -> [String: Any] {
    let url = URL(fileURLWithPath: path)
    let (format, mediatype, what): (String, String, String) =
      switch url.pathExtension {
      case "md": ("md", "text/markdown", "Markdown")
      case "html": ("html", "text/html", "HTML")
      case "sav": ("sav", "application/x-spss-sav", "SPSS")
      case "dta": ("dta", "application/x-stata-dta", "Stata 118")
      default:
        (
          "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "Excel"
        )
      }
    let source = url.deletingPathExtension().appendingPathExtension("csv").lastPathComponent
    let name = url.deletingPathExtension().lastPathComponent.replacingOccurrences(
      of: "_", with: "-")
    return [
      // A file, not a table to validate row by row (its rows are the CSV's).
      "name": "\(name)-\(format)", "path": path, "profile": "data-resource", "type": "file",
      "format": format,
      "mediatype": mediatype,
      "description": format == "xlsx"
        ? "The study tables as one \(what) workbook, a sheet per table."
        : ["md", "html"].contains(format)
          ? "The codebook (\(what)): every data file's variables, their names in SPSS and Stata, "
            + "values, labels, missing codes and definitions."
          : "\(source) as a \(what) file: variable and value labels, `*` and empty cells as "
            + "declared missing values (codebook.md).",
    ]
  }

  /// Lower-case letters, digits and hyphens: a valid package name.
  static func slug(_ text: String) -> String {
    let words = text.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
    return words.isEmpty ? "kith-study" : words.joined(separator: "-")
  }
}
