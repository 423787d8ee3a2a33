/// `data/free_text.csv`: kept free-text answers, scrubbed, one row per answer.
struct FreeTextFile: DataFile {
  var id: ReleaseDataFile { .freeText }

  func table(from release: MeasuredRelease) -> Table? {
    let spec = release.spec
    guard spec.inputs.contains(where: { !$0.freeText.isEmpty }) else { return nil }
    let order = Dictionary(uniqueKeysWithValues: spec.inputs.enumerated().map { ($1.name, $0) })
    let entries = release.scrubbedFreeText().sorted {
      ($0.pid, order[$0.source] ?? 0, $0.line, $0.column)
        < ($1.pid, order[$1.source] ?? 0, $1.line, $1.column)
    }
    return Table(
      path: id.path, header: schema(header: [], spec: spec).fields.map(\.name),
      rows: entries.map { [$0.pid, $0.source, $0.wave, $0.column, $0.text] })
  }

  func schema(header: [String], spec: PipelineSpec) -> TableSchema {
    typealias Field = TableSchema.Field
    return TableSchema(
      fields: [
        .pid(unique: false),
        Field(
          name: "source", type: "string", description: "The input the text comes from.",
          // A merged study's sources are its sites' inputs, which it does not list.
          constraints: spec.inputs.isEmpty ? [:] : ["enum": .texts(spec.inputs.map(\.name))]),
        Field(name: "wave", type: "string", description: "The survey wave (empty for registers)."),
        Field(name: "column", type: "string", description: "The input column the text comes from."),
        Field(
          name: "text", type: "string",
          description: "The answer, scrubbed of emails, URLs, UK phone numbers, NHS numbers, "
            + "postcodes and every name seen in the inputs (replaced by tags such as [name])."),
      ], primaryKey: [])
  }
}
