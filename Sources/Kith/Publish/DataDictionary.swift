/// What every released column means, with its type and constraints: the source of the data
/// package's Table Schemas, so a reader of the release never has to guess.
enum DataDictionary {
  /// One column of a released table.
  struct Field {
    var name: String
    /// A Frictionless Table Schema type: `string`, `integer`, `date`, `yearmonth`.
    var type: String
    var description: String
    var constraints: [String: FieldConstraint] = [:]
  }

  /// A constraint value of a Table Schema field.
  enum FieldConstraint: Equatable {
    case flag(Bool)
    case number(Int)
    case text(String)
    case texts([String])

    var json: Any {
      switch self {
      case .flag(let value): value
      case .number(let value): value
      case .text(let value): value
      case .texts(let values): values
      }
    }
  }

  /// The schema of one table, and its primary key.
  struct Schema {
    var fields: [Field]
    var primaryKey: [String]
  }

  static let pidPattern = "[0-9a-f]{16}"

  static func pid(unique: Bool) -> Field {
    var constraints: [String: FieldConstraint] = [
      "required": .flag(true), "pattern": .text(pidPattern),
    ]
    if unique { constraints["unique"] = .flag(true) }
    return Field(
      name: "pid", type: "string",
      description: "Pseudonymous participant id: the first 8 bytes, in hex, of HMAC-SHA256 under "
        + "the study key of the participant's normalised identifier. Not reversible without the key.",
      constraints: constraints)
  }

  /// The schema of the release table at `path` with columns `header`, for pipeline `spec`.
  static func schema(path: String, header: [String], spec: PipelineSpec) -> Schema {
    switch path {
    case "data/participants.csv":
      return Schema(fields: header.map { participantField($0, spec: spec) }, primaryKey: ["pid"])
    case "data/scores.csv":
      let ranges = spec.instruments.compactMap {
        InstrumentCatalog.instrument($0.value)?.totalRange
      }
      return Schema(
        fields: [
          pid(unique: false),
          Field(
            name: "wave", type: "string", description: "The survey wave.",
            constraints: ["required": .flag(true), "enum": .texts(spec.waves)]),
          Field(
            name: "instrument", type: "string", description: "The instrument's id.",
            constraints: ["required": .flag(true), "enum": .texts(spec.instruments.map(\.value))]),
          Field(
            name: "scale", type: "string", description: "The scale scored: `total`.",
            constraints: ["required": .flag(true), "enum": .texts(["total"])]),
          Field(
            name: "score", type: "integer",
            description: "The score by the instrument's rules; empty when the response is "
              + "incomplete (totals are computed on complete responses only).",
            constraints: [
              "minimum": .number(ranges.map(\.lowerBound).min() ?? 0),
              "maximum": .number(ranges.map(\.upperBound).max() ?? 0),
            ]),
        ], primaryKey: ["pid", "wave", "instrument", "scale"])
    case "data/attendance.csv":
      let date: Field =
        switch spec.dates {
        case .exact:
          Field(
            name: "session_date", type: "date", description: "The date of the session attended.",
            constraints: ["required": .flag(true)])
        case .month:
          Field(
            name: "session_date", type: "yearmonth",
            description: "The month of the session attended (dates are released by month).",
            constraints: ["required": .flag(true)])
        case .daysSinceFirst:
          Field(
            name: "days_since_first", type: "integer",
            description: "Days from the participant's first attended session to this one.",
            constraints: ["required": .flag(true), "minimum": .number(0)])
        }
      return Schema(
        fields: [
          pid(unique: false),
          Field(
            name: "group", type: "string", description: "The group whose session it was.",
            constraints: ["required": .flag(true)]),
          date,
        ], primaryKey: spec.dates == .month ? [] : ["pid", "group", header[2]])
    default:
      return Schema(
        fields: [
          pid(unique: false),
          Field(
            name: "source", type: "string", description: "The input the text comes from.",
            constraints: ["enum": .texts(spec.inputs.map(\.name))]),
          Field(
            name: "wave", type: "string", description: "The survey wave (empty for registers)."),
          Field(
            name: "column", type: "string", description: "The input column the text comes from."),
          Field(
            name: "text", type: "string",
            description: "The answer, scrubbed of emails, URLs, UK phone numbers, NHS numbers, "
              + "postcodes and every name seen in the inputs (replaced by tags such as [name])."),
        ].filter { header.contains($0.name) }, primaryKey: [])
    }
  }

  private static func participantField(_ name: String, spec: PipelineSpec) -> Field {
    if name == "pid" { return pid(unique: true) }
    if name == "sessions_attended" {
      return Field(
        name: name, type: "integer",
        description: "Distinct sessions the participant attended, across all registers (a session "
          + "recorded twice counts once).",
        constraints: ["required": .flag(true), "minimum": .number(0)])
    }
    for id in spec.instruments {
      guard let instrument = InstrumentCatalog.instrument(id.value) else { continue }
      for wave in spec.waves where name == "\(id.value)_\(wave)" {
        return Field(
          name: name, type: "integer",
          description: "\(instrument.name) total at \(wave) (\(instrument.totalRange.lowerBound)–"
            + "\(instrument.totalRange.upperBound); \(instrument.higherIsBetter ? "higher is better" : "higher is worse")); "
            + "empty without a complete response.",
          constraints: [
            "minimum": .number(instrument.totalRange.lowerBound),
            "maximum": .number(instrument.totalRange.upperBound),
          ])
      }
    }
    switch name {
    case "age_band":
      return Field(
        name: name, type: "string",
        description: "Age at baseline in a band, generalised for k-anonymity; * = suppressed.")
    case "gender", "ethnicity":
      return Field(
        name: name, type: "string",
        description: "The \(name) group declared in the pipeline, generalised for k-anonymity; "
          + "* = suppressed.")
    case "area":
      return Field(
        name: name, type: "string",
        description: "Postcode district or area, generalised for k-anonymity; * = suppressed.")
    default:
      return Field(
        name: name, type: "string",
        description: "A column kept as written from the inputs (`keep:` in the pipeline).")
    }
  }
}
