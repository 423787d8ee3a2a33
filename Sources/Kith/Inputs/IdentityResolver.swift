import KithCSV

/// The step every input shares: read a row's identifier cells, remember them for the leak gate,
/// normalise them, and turn the person's primary identifier into a pid — through the linkage
/// when the row holds only identifiers of other kinds.
///
/// Rejection reasons never repeat an identifier.
struct IdentityResolver {
  let primary: IdentifierKind
  let pseudonymiser: Pseudonymiser
  /// Links between identifiers of different kinds; `nil` when every input identifies people by
  /// the primary kind alone.
  let linkage: IdentityLinkage?

  /// The pid of the person on `row`.
  func pid(
    row: CSVRow, columns: [(spec: IdentifierSpec, index: Int)], sensitive: inout SensitiveValues
  ) throws -> String {
    if columns.count == 1, let only = columns.first, only.spec.kind == primary {
      return try fastPid(row: row, spec: only.spec, index: only.index, sensitive: &sensitive)
    }
    return try pid(
      identifiers: columns.map { (row.string($0.index), $0.spec.kind, $0.spec.column.value) },
      sensitive: &sensitive)
  }

  /// The pid of the person one identifier names (a coded interview's participant).
  func pid(
    identifier raw: String, kind: IdentifierKind, sensitive: inout SensitiveValues
  ) throws -> String {
    try pid(identifiers: [(raw, kind, "identifier")], sensitive: &sensitive)
  }

  /// The pid of the person whose identifiers are `identifiers`, each as written with its kind
  /// and the column it came from.
  private func pid(
    identifiers: [(raw: String, kind: IdentifierKind, column: String)],
    sensitive: inout SensitiveValues
  ) throws -> String {
    var found: [(kind: IdentifierKind, normalised: String, column: String)] = []
    for (raw, kind, column) in identifiers {
      sensitive.insertIdentifier(raw, kind: kind)
      switch kind.normalise(raw) {
      case .failure(.empty): continue
      case .failure(.malformed(let why)):
        throw RowRejection(reason: "the identifier \(why)", column: column)
      case .success(let normalised): found.append((kind, normalised, column))
      }
    }
    guard let first = found.first else {
      throw RowRejection(
        reason:
          "no identifier to identify the person (\(identifiers.map(\.column).joined(separator: ", ")) blank)",
        column: identifiers.first?.column)
    }
    if let own = found.first(where: { $0.kind == primary }) {
      return try pid(normalised: own.normalised)
    }
    let linked = linkage?.primaries(linkedTo: first.kind.rawValue + ":" + first.normalised) ?? []
    switch linked.count {
    case 1: return try pid(normalised: linked[0])
    case 0:
      throw RowRejection(
        reason: "the \(first.kind.rawValue) is not linked to any \(primary.rawValue) in the inputs",
        column: first.column)
    default:
      throw RowRejection(
        reason: "the \(first.kind.rawValue) is linked to \(linked.count) different "
          + "\(primary.rawValue) identifiers, so the person is ambiguous", column: first.column)
    }
  }

  private func pid(normalised: String) throws -> String {
    do {
      return try pseudonymiser.pid(kind: primary, normalised: normalised)
    } catch {
      throw DataError(error.description)
    }
  }

  /// One identifier of the primary kind: pseudonymised and remembered for the leak gate once
  /// per written form.
  private func fastPid(
    row: CSVRow, spec: IdentifierSpec, index: Int, sensitive: inout SensitiveValues
  ) throws -> String {
    let raw = row.string(index)
    let result: Result<String, IdentifierProblem>
    do {
      let sight = try pseudonymiser.firstSight(kind: spec.kind, raw: raw)
      if let new = sight.new {
        sensitive.insertIdentifier(raw, normalised: new.value, kind: spec.kind)
      }
      result = sight.result
    } catch {
      sensitive.insertIdentifier(raw, kind: spec.kind)
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
