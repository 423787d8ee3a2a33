/// `data/scores.csv`: one row per participant, wave, instrument and scale scored.
struct ScoresFile: DataFile {
  var id: ReleaseDataFile { .scores }

  /// The file's columns, in order.
  static let header = [
    "pid", "wave", "instrument", "scale", "score", "band", "items_answered", "items_missing",
    "prorated", "instrument_version",
  ]

  func table(from release: MeasuredRelease) -> Table? {
    release.scores.table(path: id.path, header: Self.header)
  }

  func schema(header: [String], spec: PipelineSpec) -> TableSchema {
    let instruments = spec.instruments.map(\.value)
    let ranges = instruments.flatMap { instrument in instrument.scales.map(instrument.scoreRange) }
    var scaleIDs: [String] = []
    for scale in instruments.flatMap(\.scales) where !scaleIDs.contains(scale.id) {
      scaleIDs.append(scale.id)
    }
    var versions: [String] = []
    for version in instruments.map(\.version) where !versions.contains(version) {
      versions.append(version)
    }
    typealias Field = TableSchema.Field
    return TableSchema(
      fields: [
        .pid(unique: false),
        Field(
          name: "wave", type: "string", description: "The survey wave.",
          constraints: ["required": .flag(true), "enum": .texts(spec.waves)]),
        Field(
          name: "instrument", type: "string",
          description: "The instrument's id (`kith instruments show ID` describes it).",
          constraints: ["required": .flag(true), "enum": .texts(instruments.map(\.id))]),
        Field(
          name: "scale", type: "string",
          description: "The scale scored: `total`, a subscale, or a single reported item.",
          constraints: ["required": .flag(true), "enum": .texts(scaleIDs)]),
        Field(
          name: "score", type: "number",
          description: "The score by the instrument's rules (missing items, reversed items, "
            + "conversion table); empty when the missing-item rule allows no score.",
          constraints: [
            "minimum": .decimal(ranges.map(\.lowerBound).min() ?? FixedDecimal(units: 0)),
            "maximum": .decimal(ranges.map(\.upperBound).max() ?? FixedDecimal(units: 0)),
          ]),
        Field(
          name: "band", type: "string",
          description: "The instrument's named band for the score (bounds included); empty "
            + "without a score or when the scale has no bands."),
        .count("items_answered", "Items of the scale answered with a usable answer."),
        .count("items_missing", "Items of the scale unanswered or with an unusable answer."),
        Field(
          name: "prorated", type: "integer",
          description: "1 when the score was prorated from the answered items, else 0.",
          constraints: ["required": .flag(true), "minimum": .number(0), "maximum": .number(1)]),
        Field(
          name: "instrument_version", type: "string",
          description: "The version of the instrument definition that scored the response.",
          constraints: ["required": .flag(true), "enum": .texts(versions)]),
      ], primaryKey: ["pid", "wave", "instrument", "scale"])
  }
}
