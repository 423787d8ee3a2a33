/// A problem with a pipeline file, rendered compiler-style.
///
/// For example:
///
/// ```
/// error: unknown key `identifer` — did you mean `identifier`?
///  --> pipelines/example.yaml:12:5
///    |
/// 12 |     identifer: {column: Email, kind: email}
///    |     ^
/// ```
public struct PipelineError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong.
  public var message: String
  /// The pipeline file, as the user named it.
  public var file: String
  /// Where in it, when known.
  public var location: SourceLocation?
  /// What to do about it, when there is something to say.
  public var hint: String?
  /// The text of the line at `location`, for the echo under the message.
  public var sourceLine: String?

  /// Creates an error.
  public init(
    _ message: String, file: String, at location: SourceLocation? = nil, hint: String? = nil,
    sourceLine: String? = nil
  ) {
    self.message = message
    self.file = file
    self.location = location
    self.hint = hint
    self.sourceLine = sourceLine
  }

  /// The compiler-style text.
  public var description: String {
    var lines = ["error: \(message)"]
    guard let location else {
      lines.append(" --> \(file)")
      if let hint { lines.append("  = help: \(hint)") }
      return lines.joined(separator: "\n")
    }
    lines.append(" --> \(file):\(location)")
    if let sourceLine {
      let number = String(location.line)
      let gutter = String(repeating: " ", count: number.count)
      // A long line is shown as the part around the column, 100 characters at most.
      let scalars = Array(sourceLine.unicodeScalars)
      let first = max(0, min(location.column - 1 - 60, scalars.count - 100))
      let shown = scalars[first..<min(scalars.count, first + 100)]
      let sourceLine =
        (first > 0 ? "…" : "") + String(String.UnicodeScalarView(shown))
        + (first + 100 < scalars.count ? "…" : "")
      let caretPad =
        (first > 0 ? " " : "")
        + String(
          shown.prefix(max(0, location.column - 1 - first)).map {
            $0 == "\t" ? "\t" : " "
          })
      lines.append("\(gutter) |")
      lines.append("\(number) | \(sourceLine)")
      lines.append("\(gutter) | \(caretPad)^")
    }
    if let hint { lines.append("  = help: \(hint)") }
    return lines.joined(separator: "\n")
  }
}

/// Several pipeline problems found in one pass, reported together.
public struct PipelineErrors: Error, Sendable, CustomStringConvertible {
  /// The problems, in file order.
  public var errors: [PipelineError]

  /// Creates the list.
  public init(_ errors: [PipelineError]) { self.errors = errors }

  /// Every problem, compiler-style, then a count.
  public var description: String {
    let count = errors.count == 1 ? "1 problem" : "\(errors.count) problems"
    return errors.map(\.description).joined(separator: "\n\n") + "\n\n\(count) in the pipeline file"
  }
}
