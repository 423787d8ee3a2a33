/// The schema of one released table — its columns with type, description and constraints, and
/// its primary key — as a Frictionless Table Schema describes it.
package struct TableSchema {
  package var fields: [Field]
  package var primaryKey: [String]

  /// A schema of `fields` whose rows are told apart by `primaryKey` (empty for none).
  package init(fields: [Field], primaryKey: [String]) {
    (self.fields, self.primaryKey) = (fields, primaryKey)
  }

  /// One column of a released table.
  package struct Field {
    package var name: String
    /// A Frictionless Table Schema type: `string`, `integer`, `date`, `yearmonth`.
    package var type: String
    package var description: String
    package var constraints: [String: Constraint] = [:]

    /// A column `name` of a Table Schema `type`, described in words.
    package init(
      name: String, type: String, description: String, constraints: [String: Constraint] = [:]
    ) {
      (self.name, self.type, self.description, self.constraints) =
        (name, type, description, constraints)
    }
  }

  /// A constraint value of a Table Schema field.
  package enum Constraint: Equatable {
    case flag(Bool)
    case number(Int)
    case decimal(FixedDecimal)
    case text(String)
    case texts([String])

    package var json: Any {
      switch self {
      case .flag(let value): value
      case .number(let value): value
      case .decimal(let value): value.integer.map { $0 as Any } ?? value.double
      case .text(let value): value
      case .texts(let values): values
      }
    }
  }
}
