import KithCSV

/// The step every input shares: read the identifier cell, remember it for the leak gate,
/// normalise it and turn it into a pid.
enum Identification {
  /// The pid of the person on `row`, or a rejection when the cell is blank or malformed.
  ///
  /// The rejection's reason never repeats the identifier.
  static func pid(
    row: CSVRow, column: Int, spec: IdentifierSpec, pseudonymiser: Pseudonymiser,
    sensitive: inout SensitiveValues
  ) throws -> String {
    let raw = row.string(column)
    sensitive.insertIdentifier(raw, kind: spec.kind)
    let result: Result<String, IdentifierProblem>
    do {
      result = try pseudonymiser.pid(kind: spec.kind, raw: raw)
    } catch {
      throw DataError(error.description)
    }
    switch result {
    case .failure(.empty):
      throw RowRejection(
        reason: "no \(spec.kind.rawValue) to identify the person", column: spec.column.value)
    case .failure(.malformed(let why)):
      throw RowRejection(reason: "the identifier \(why)", column: spec.column.value)
    case .success(let pid):
      return pid
    }
  }
}
