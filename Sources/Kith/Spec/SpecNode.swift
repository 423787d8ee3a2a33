import Yams

/// A node of a pipeline file with typed, located accessors whose errors say what was expected.
struct SpecNode {
  let node: Node
  /// The dotted path of the node (`inputs.register.date`), for messages.
  let path: String
  let context: SpecContext

  var location: SourceLocation? {
    node.mark.map { SourceLocation(line: $0.line, column: $0.column) }
  }

  func error(_ message: String, hint: String? = nil) -> PipelineError {
    context.error(message, at: location, hint: hint)
  }

  /// What the node is, in words, for "expected text, found a list".
  private var found: String {
    switch node {
    case .scalar(let scalar) where scalar.string.isEmpty: "nothing"
    case .scalar: "`\(node.string ?? "")`"
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .alias: "an alias"
    }
  }

  /// The node's text.
  func string() throws -> Located<String> {
    guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
      throw error("`\(path)` must be text, found \(found)")
    }
    return Located(scalar.string, at: location)
  }

  /// The node as `true` or `false`.
  func bool() throws -> Bool {
    guard case .scalar = node, let value = node.bool else {
      throw error("`\(path)` must be true or false, found \(found)")
    }
    return value
  }

  /// The node as a whole number within `range`.
  func int(in range: ClosedRange<Int>) throws -> Int {
    guard case .scalar = node, let value = node.int, range.contains(value) else {
      throw error(
        "`\(path)` must be a whole number from \(range.lowerBound) to \(range.upperBound), found \(found)"
      )
    }
    return value
  }

  /// The node as one of `values`.
  func oneOf(_ values: [String]) throws -> Located<String> {
    let text = try string()
    guard values.contains(text.value) else {
      throw error(
        "`\(path)` must be one of \(values.map { "`\($0)`" }.joined(separator: ", ")), found `\(text.value)`"
          + Suggestion.phrase(for: text.value, among: values))
    }
    return text
  }

  /// The node as one of the cases of `type`, by raw value.
  func choice<Choice: RawRepresentable & CaseIterable>(_ type: Choice.Type) throws -> Choice
  where Choice.RawValue == String {
    let text = try oneOf(Choice.allCases.map(\.rawValue))
    guard let choice = Choice(rawValue: text.value) else {
      throw error("`\(path)` has an unexpected value `\(text.value)`")
    }
    return choice
  }

  /// The node as a list of texts; a single text counts as a list of one.
  func strings() throws -> [Located<String>] {
    if case .scalar = node { return [try string()] }
    guard case .sequence(let sequence) = node else {
      throw error("`\(path)` must be a list, found \(found)")
    }
    return try sequence.enumerated().map { index, element in
      try SpecNode(node: element, path: "\(path)[\(index)]", context: context).string()
    }
  }

  /// The node's entries, in file order; each key not in `allowed` (when it is not empty) is
  /// recorded as a problem of the file and left out, so that every one is reported at once.
  func mapping(allowed: [String]) throws -> [(key: String, value: SpecNode)] {
    guard case .mapping(let mapping) = node else {
      throw error("`\(path)` must be a mapping of keys to values, found \(found)")
    }
    var entries: [(key: String, value: SpecNode)] = []
    for (keyNode, valueNode) in mapping {
      let keyNode = SpecNode(node: keyNode, path: path, context: context)
      let key = try keyNode.string().value
      if !allowed.isEmpty && !allowed.contains(key) {
        // Recorded, not thrown: every unknown key of the file is reported in one round.
        context.record(
          keyNode.error(
            "unknown key `\(key)`\(path.isEmpty ? "" : " in `\(path)`")"
              + Suggestion.phrase(for: key, among: allowed),
            hint: "allowed here: \(allowed.joined(separator: ", "))"))
        continue
      }
      let childPath = path.isEmpty ? key : "\(path).\(key)"
      entries.append((key, SpecNode(node: valueNode, path: childPath, context: context)))
    }
    return entries
  }

  /// The entries as a dictionary; see ``mapping(allowed:)``.
  func fields(allowed: [String]) throws -> SpecFields {
    SpecFields(owner: self, entries: try mapping(allowed: allowed))
  }
}

/// The entries of one mapping, looked up by key.
struct SpecFields {
  let owner: SpecNode
  let entries: [(key: String, value: SpecNode)]

  subscript(key: String) -> SpecNode? { entries.first { $0.key == key }?.value }

  /// The entry `key`, or an error saying it is missing.
  func required(_ key: String, example: String) throws -> SpecNode {
    guard let node = self[key] else {
      throw owner.error("`\(owner.path)` needs `\(key)`", hint: "for example `\(key): \(example)`")
    }
    return node
  }
}

/// What every node of one pipeline file shares: the file's name and text, and the problems found.
final class SpecContext {
  let file: String
  let text: String
  let lines: [String]
  private(set) var errors: [PipelineError] = []

  init(file: String, text: String) {
    self.file = file
    self.text = text
    lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
  }

  func error(_ message: String, at location: SourceLocation?, hint: String? = nil) -> PipelineError
  {
    let sourceLine = location.flatMap { location in
      location.line >= 1 && location.line <= lines.count
        ? lines[location.line - 1] : nil
    }
    return PipelineError(message, file: file, at: location, hint: hint, sourceLine: sourceLine)
  }

  /// Runs `body`, recording a pipeline error it throws instead of passing it on, so that one
  /// pass reports every problem.
  func collect<T>(_ body: () throws -> T) -> T? {
    do {
      return try body()
    } catch let error as PipelineError {
      errors.append(error)
    } catch {
      errors.append(PipelineError("\(error)", file: file))
    }
    return nil
  }

  func record(_ error: PipelineError) { errors.append(error) }
}
