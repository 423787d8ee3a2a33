/// What every released data column means, with its type and constraints.
///
/// The source of the data package's Table Schemas, so a reader of the release never has to guess.
/// Each data file's descriptor (``DataFile``) holds its own schema; this looks them up by path.
enum DataDictionary {
  /// The schema of the data file at `path` with columns `header`, for pipeline `spec`: the
  /// fields of the columns in `header` (`outputs.columns` may leave some out).
  static func schema(path: String, header: [String], spec: PipelineSpec) -> TableSchema {
    guard let file = ReleaseDataFile(path: path) else {
      preconditionFailure("\(path) is not a ReleaseDataFile, and a study table brings its schema")
    }
    var schema = file.descriptor.schema(header: header, spec: spec)
    if header.contains(site.name) {
      // A descriptor that names its columns by the header takes it for a kept column.
      schema.fields.removeAll { $0.name == site.name }
      schema.fields.append(site)
    }
    schema.fields.removeAll { !header.contains($0.name) }
    return schema
  }

  /// The column a merged release (`kith merge`) adds to every data file.
  static let site = TableSchema.Field(
    name: "site", type: "string",
    description: "The site release the row comes from, as the merge names it; sites joined by "
      + "`+` for a participant, group or coded theme released by more than one.",
    constraints: ["required": .flag(true)])
}
