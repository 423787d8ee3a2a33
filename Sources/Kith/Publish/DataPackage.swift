import Foundation

/// `release/datapackage.json`: a Frictionless Tabular Data Package describing every released
/// CSV with a Table Schema, so tools (and `frictionless validate`) can read and check it.
enum DataPackage {
  /// The file name under `release/`.
  static let fileName = "datapackage.json"

  /// The package's JSON for `tables`, with sorted keys (deterministic).
  static func json(tables: [Table], spec: PipelineSpec) throws -> Data {
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
      "name": slug(spec.study), "title": spec.study, "profile": "tabular-data-package",
      "resources": resources,
    ]
    var data = try JSONSerialization.data(
      withJSONObject: package, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    data.append(0x0A)
    return data
  }

  /// Lower-case letters, digits and hyphens: a valid package name.
  static func slug(_ text: String) -> String {
    let words = text.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
    return words.isEmpty ? "kith-study" : words.joined(separator: "-")
  }
}
