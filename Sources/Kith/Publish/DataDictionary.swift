/// What every released column means, with its type and constraints: the source of the data
/// package's Table Schemas, so a reader of the release never has to guess.
enum DataDictionary {
  /// One column of a released table.
  typealias Field = TableSchema.Field
  /// A constraint value of a Table Schema field.
  typealias FieldConstraint = TableSchema.Constraint
  /// The schema of one table, and its primary key.
  typealias Schema = TableSchema

  private static func scoresSchema(spec: PipelineSpec) -> Schema {
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
    let count = { (name: String, description: String) in
      Field(
        name: name, type: "integer", description: description,
        constraints: ["required": .flag(true), "minimum": .number(0)])
    }
    return Schema(
      fields: [
        pid(unique: false),
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
        count("items_answered", "Items of the scale answered with a usable answer."),
        count("items_missing", "Items of the scale unanswered or with an unusable answer."),
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

  /// The schema of the release table at `path` with columns `header`, for pipeline `spec`: the
  /// fields of the columns in `header` (`outputs.columns` may leave some out).
  static func schema(path: String, header: [String], spec: PipelineSpec) -> Schema {
    var schema = allColumnsSchema(path: path, header: header, spec: spec)
    schema.fields.removeAll { !header.contains($0.name) }
    return schema
  }

  /// The schema of the release table at `path`, every column it can have.
  private static func allColumnsSchema(path: String, header: [String], spec: PipelineSpec)
    -> Schema
  {
    guard let file = ReleaseDataFile(path: path) else {
      preconditionFailure("\(path) is not a ReleaseDataFile, and a study table brings its schema")
    }
    switch file {
    case .participants:
      return Schema(fields: header.map { participantField($0, spec: spec) }, primaryKey: ["pid"])
    case .scores:
      return scoresSchema(spec: spec)
    case .sessions:
      return Schema(
        fields: [
          Field(
            name: "group", type: "string", description: "The group.",
            constraints: ["required": .flag(true)]),
          header[1] == "days_since_group_start"
            ? Field(
              name: header[1], type: "integer",
              description: "Days since the group's first held session.",
              constraints: ["required": .flag(true), "minimum": .number(0)])
            : Field(
              name: "session_date", type: spec.dates == .month ? "yearmonth" : "date",
              description: "The day (or month) of the session.",
              constraints: ["required": .flag(true)]),
          Field(
            name: "attendees", type: "integer",
            description: "People recorded as attending the session.",
            constraints: ["required": .flag(true), "minimum": .number(0)]),
        ], primaryKey: spec.dates == .month ? [] : ["group", header[1]])
    case .groups:
      return Schema(
        fields: [
          Field(
            name: "group", type: "string", description: "The group.",
            constraints: ["required": .flag(true), "unique": .flag(true)]),
          Field(
            name: "sessions_held", type: "integer",
            description: "Sessions the registers show the group held (any row, present or absent).",
            constraints: ["minimum": .number(0)]),
          Field(
            name: "median_attendance", type: "number",
            description: "The median number of attendees per held session."),
          Field(
            name: "members", type: "integer",
            description: "People who attended the group at least once.",
            constraints: ["minimum": .number(0)]),
          Field(
            name: "new_members_per_month", type: "number",
            description: "Members divided by the calendar months in which the group held sessions."),
          Field(
            name: "retained_w12", type: "integer",
            description:
              "Members who attended the group on or after day 84 from their first session with it.",
            constraints: ["minimum": .number(0)]),
        ], primaryKey: ["group"])
    case .attendance:
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
            description: "Days from the participant's first attended session to this one "
              + "(negative for an absence before it; empty if they never attended).")
        }
      return Schema(
        fields: [
          pid(unique: false),
          Field(
            name: "group", type: "string", description: "The group whose session it was.",
            constraints: ["required": .flag(true)]),
          date,
          Field(
            name: "attended", type: "integer",
            description: "1 when the person attended, 0 when the register marks them absent.",
            constraints: ["required": .flag(true), "enum": .texts(["0", "1"])]),
        ], primaryKey: spec.dates == .month ? [] : ["pid", "group", header[2]])
    case .themes:
      return Schema(
        fields: [
          pid(unique: false),
          Field(
            name: "theme", type: "string",
            description:
              "The theme: the pipeline's `themes:` mapping, else the top of the code's hierarchy.",
            constraints: ["required": .flag(true)]),
          Field(
            name: "code", type: "string",
            description: "The code, as its path in the codebook (`parent/child`).",
            constraints: ["required": .flag(true)]),
          Field(
            name: "segments", type: "integer",
            description: "Segments of the participant's interviews coded with it.",
            constraints: ["required": .flag(true), "minimum": .number(1)]),
        ], primaryKey: ["pid", "theme", "code"])
    case .quotes:
      return Schema(
        fields: [
          pid(unique: false),
          Field(name: "theme", type: "string", description: "The segment's theme."),
          Field(name: "code", type: "string", description: "The segment's code."),
          Field(
            name: "quote", type: "string",
            description: "The coded text: names, emails, phone numbers, postcodes and URLs "
              + "scrubbed, shortened to the pipeline's `quote_max_length`."),
        ], primaryKey: [])
    case .freeText:
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
        ], primaryKey: [])
    }
  }

  /// The engagement and isolation columns, in words (`docs/measures.md` has the full definitions).
  static let engagementDescriptions: [String: String] = [
    "sessions_offered":
      "Sessions held by the participant's groups from their first attendance to each group's last held session (or the study end).",
    "attendance_rate": "sessions_attended divided by sessions_offered.",
    "first_attended": "The participant's first attended session.",
    "last_attended": "The participant's last attended session.",
    "tenure_days": "Days from the first to the last attended session.",
    "longest_gap_days":
      "The largest number of days between two consecutive attended sessions (0 for one session).",
    "longest_gap_sessions":
      "The most consecutive held sessions of their groups missed between their first and last attendance.",
    "returns_after_gap":
      "How often the participant came back after missing at least return_gap_sessions (default 4) consecutive sessions.",
    "retained_w4": "1 if the participant attended on or after day 28 from their first attendance.",
    "retained_w8": "1 if the participant attended on or after day 56 from their first attendance.",
    "retained_w12": "1 if the participant attended on or after day 84 from their first attendance.",
    "groups_attended": "Distinct groups attended.",
    "peers_met": "Distinct people who attended at least one session with the participant.",
    "regular_peers": "People met at regular_peer_sessions (default 3) sessions or more.",
    "mean_coattendees": "The mean number of other attendees at the participant's sessions.",
    "weighted_degree":
      "Sessions shared, summed over everyone met (the weighted degree in the co-attendance network).",
    "isolated_in_group":
      "1 when the participant has at most isolation_max_regular_peers (default 1) regular peers after at least isolation_min_sessions (default 4) sessions; empty before that.",
  ]

  private static func participantField(_ name: String, spec: PipelineSpec) -> Field {
    if name == "pid" { return pid(unique: true) }
    if name == "sessions_attended" {
      return Field(
        name: name, type: "integer",
        description: "Distinct sessions the participant attended, across all registers (a session "
          + "recorded twice counts once).",
        constraints: ["required": .flag(true), "minimum": .number(0)])
    }
    for instrument in spec.instruments.map(\.value) {
      for scale in instrument.scales {
        for wave in spec.waves
        where name == ScoreRelease.column(instrument: instrument.id, scale: scale.id, wave: wave) {
          let range = instrument.scoreRange(scale)
          return Field(
            name: name, type: range.lowerBound.decimals > 0 ? "number" : "integer",
            description: "\(instrument.name): \(scale.name) at \(wave) (\(range.lowerBound)–"
              + "\(range.upperBound); \(scale.higherIsBetter ? "higher is better" : "higher is worse")); "
              + "empty when the response is missing or the missing-item rule allows no score.",
            constraints: [
              "minimum": .decimal(range.lowerBound), "maximum": .decimal(range.upperBound),
            ])
        }
      }
    }
    if let description = engagementDescriptions[name] {
      let type = ["attendance_rate", "mean_coattendees"].contains(name) ? "number" : "integer"
      let isDate = ["first_attended", "last_attended"].contains(name)
      let dateType =
        switch spec.dates {
        case .exact: "date"
        case .month: "yearmonth"
        case .daysSinceFirst: "integer"
        }
      return Field(name: name, type: isDate ? dateType : type, description: description)
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
