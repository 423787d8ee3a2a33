/// One file of `release/data/`: the schema of its columns and how its rows are made from the
/// measured study.
///
/// Every data file is one value of this kind, named once in ``ReleaseDataFile/descriptor``:
/// `outputs.data` and `outputs.columns` accept its id, the data dictionary and the data package
/// describe it by ``schema(header:spec:)``, and the release writes ``table(from:)``. A new data
/// file is a new case of ``ReleaseDataFile`` and one file holding its descriptor.
protocol DataFile: Sendable {
  /// Which file it is, and so its path.
  var id: ReleaseDataFile { get }

  /// The schema of every column the file can have, given the header it is written with (the
  /// columns of some files follow the study: scores per wave, kept columns, how dates are
  /// released).
  func schema(header: [String], spec: PipelineSpec) -> TableSchema

  /// The file's table, or `nil` when the study has no such data (no register, no coded
  /// interviews, no free text kept).
  func table(from release: MeasuredRelease) throws -> Table?
}

extension TableSchema.Field {
  /// The pattern of a pid: 16 lower-case hex digits.
  static let pidPattern = "[0-9a-f]{16}"

  /// The `pid` column, unique in a file of one row per participant.
  static func pid(unique: Bool) -> Self {
    var constraints: [String: TableSchema.Constraint] = [
      "required": .flag(true), "pattern": .text(pidPattern),
    ]
    if unique { constraints["unique"] = .flag(true) }
    return Self(
      name: "pid", type: "string",
      description: "Pseudonymous participant id: the first 8 bytes, in hex, of HMAC-SHA256 under "
        + "the study key of the participant's normalised identifier. Not reversible without the key.",
      constraints: constraints)
  }

  /// A column that must hold a whole number of at least `minimum` in every row.
  static func count(_ name: String, _ description: String, minimum: Int = 0) -> Self {
    Self(
      name: name, type: "integer", description: description,
      constraints: ["required": .flag(true), "minimum": .number(minimum)])
  }
}
