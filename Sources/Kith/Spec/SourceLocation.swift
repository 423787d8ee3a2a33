/// A place in a pipeline file: 1-based line and column.
public struct SourceLocation: Sendable, Equatable, CustomStringConvertible {
  /// The 1-based line.
  public var line: Int
  /// The 1-based column, in Unicode scalars.
  public var column: Int

  /// Creates a location.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  /// `line:column`.
  public var description: String { "\(line):\(column)" }
}

/// A value from a pipeline file together with where it was written, so that problems found later
/// (a column missing from an export, say) can point at the line that named it.
public struct Located<Value: Sendable>: Sendable {
  /// The value.
  public var value: Value
  /// Where it was written; `nil` for defaults.
  public var location: SourceLocation?

  /// Creates a located value.
  public init(_ value: Value, at location: SourceLocation? = nil) {
    self.value = value
    self.location = location
  }
}

extension Located: Equatable where Value: Equatable {}
