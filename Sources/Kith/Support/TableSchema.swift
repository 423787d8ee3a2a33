/// The schema of one released table — its columns with type, description and constraints, and
/// its primary key — as a Frictionless Table Schema describes it.
struct TableSchema {
  var fields: [Field]
  var primaryKey: [String]

  /// One column of a released table.
  struct Field {
    var name: String
    /// A Frictionless Table Schema type: `string`, `integer`, `date`, `yearmonth`.
    var type: String
    var description: String
    var constraints: [String: Constraint] = [:]
  }

  /// A constraint value of a Table Schema field.
  enum Constraint: Equatable {
    case flag(Bool)
    case number(Int)
    case decimal(FixedDecimal)
    case text(String)
    case texts([String])

    var json: Any {
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
