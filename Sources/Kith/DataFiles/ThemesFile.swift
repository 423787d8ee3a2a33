/// `data/themes.csv`: who was coded with which theme and code of the coded interviews, and how
/// often; linked segments only.
struct ThemesFile: DataFile {
  var id: ReleaseDataFile { .themes }

  func table(from release: MeasuredRelease) -> Table? {
    guard !release.spec.codings.isEmpty else { return nil }
    var counts: [ThemeKey: Int] = [:]
    for segment in release.study.themes {
      guard let pid = segment.pid else { continue }
      counts[ThemeKey(pid: pid, theme: segment.theme, code: segment.code), default: 0] +=
        segment.count
    }
    let rows = counts.sorted {
      ($0.key.pid, $0.key.theme, $0.key.code) < ($1.key.pid, $1.key.theme, $1.key.code)
    }
    .map { [$0.key.pid, $0.key.theme, $0.key.code, String($0.value)] }
    return Table(path: id.path, header: schema.fields.map(\.name), rows: rows)
  }

  func schema(header: [String], spec: PipelineSpec) -> TableSchema { schema }

  /// The file's columns do not depend on the study.
  private var schema: TableSchema {
    TableSchema(
      fields: [
        .pid(unique: false),
        TableSchema.Field(
          name: "theme", type: "string",
          description:
            "The theme: the pipeline's `themes:` mapping, else the top of the code's hierarchy.",
          constraints: ["required": .flag(true)]),
        TableSchema.Field(
          name: "code", type: "string",
          description: "The code, as its path in the codebook (`parent/child`).",
          constraints: ["required": .flag(true)]),
        .count("segments", "Segments of the participant's interviews coded with it.", minimum: 1),
      ], primaryKey: ["pid", "theme", "code"])
  }

  private struct ThemeKey: Hashable {
    var pid: String
    var theme: String
    var code: String
  }
}
