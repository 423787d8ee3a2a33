/// `data/quotes.csv`: coded segments' text, scrubbed and shortened, by pid, theme and code, for
/// the coded interviews whose pipeline section allows quotes.
struct QuotesFile: DataFile {
  var id: ReleaseDataFile { .quotes }

  func table(from release: MeasuredRelease) -> Table? {
    guard !release.spec.codings.isEmpty, let segments = release.quotableSegments() else {
      return nil
    }
    let rows = segments.map { segment in
      [
        segment.pid ?? "", segment.theme, segment.code,
        Self.shorten(segment.text, to: segment.quoteMaxLength),
      ]
    }.sorted { $0.lexicographicallyPrecedes($1) }
    return Table(path: id.path, header: schema.fields.map(\.name), rows: rows)
  }

  func schema(header: [String], spec: PipelineSpec) -> TableSchema { schema }

  /// The file's columns do not depend on the study.
  private var schema: TableSchema {
    TableSchema(
      fields: [
        .pid(unique: false),
        TableSchema.Field(name: "theme", type: "string", description: "The segment's theme."),
        TableSchema.Field(name: "code", type: "string", description: "The segment's code."),
        TableSchema.Field(
          name: "quote", type: "string",
          description: "The coded text: names, emails, phone numbers, postcodes and URLs "
            + "scrubbed, shortened to the pipeline's `quote_max_length`."),
      ], primaryKey: [])
  }

  /// `text` cut at a word boundary to at most `limit` characters, marked with `…`.
  static func shorten(_ text: String, to limit: Int) -> String {
    guard text.count > limit else { return text }
    var cut = String(text.prefix(limit - 1))
    if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > limit / 2
    {
      cut = String(cut[..<space])
    }
    return cut + "…"
  }
}
