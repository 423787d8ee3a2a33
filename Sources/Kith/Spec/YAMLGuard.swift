import Foundation
import Yams

/// Limits on the YAML files Kith reads (pipelines, instrument definitions), so that what a file
/// costs to read is bounded by its size, never by what it claims.
///
/// YAML aliases (`*name`) repeat an anchored node; aliases of aliases multiply, so 900 bytes can
/// stand for billions of nodes ("billion laughs"). Kith counts the nodes a file stands for and
/// refuses one past ``nodeBudget``, naming the alias that went past it. Nesting deeper than
/// ``maximumDepth`` is refused before the file is composed (composing recurses once per level).
enum YAMLGuard {
  /// The most nodes a file may stand for, aliases expanded: far more than any pipeline needs.
  static let nodeBudget = 100_000
  /// The deepest nesting of `[` and `{` a file may have.
  static let maximumDepth = 64
  /// The largest YAML file read.
  static let maximumBytes = 1 << 20

  /// The text of the YAML file at `path`, read within ``maximumBytes``.
  ///
  /// - Parameters:
  ///   - path: The file, as the user named it.
  ///   - what: The kind of file in words (`pipeline file`).
  /// - Returns: The file's text.
  /// - Throws: ``PipelineErrors`` for a file missing, unreadable, too large or not UTF-8.
  static func text(ofFile path: String, what: String) throws -> String {
    let url = URL(fileURLWithPath: path)
    let read: Data?
    do {
      read = try RegularFile.read(url, what: "the \(what)", limit: maximumBytes)
    } catch let error as UsageError {
      throw PipelineErrors([PipelineError(error.message, file: path)])
    }
    guard let data = read else {
      let reason = FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "not found"
      throw PipelineErrors([PipelineError("\(what) \(reason)", file: path)])
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw PipelineErrors([PipelineError("the \(what) is not UTF-8 text", file: path)])
    }
    return text
  }

  /// The root node of `text`, composed within the limits: its nesting checked first, its size
  /// after.
  ///
  /// - Parameters:
  ///   - text: The file's text.
  ///   - context: The file, for located errors.
  ///   - what: The file in words, for an empty one (`the pipeline file`).
  /// - Returns: The root node.
  /// - Throws: ``PipelineErrors`` for an empty file, one past a limit, or YAML that does not
  ///   parse, with its line and column.
  static func root(of text: String, context: SpecContext, what: String) throws -> Node {
    do {
      try checkNesting(text, context: context)
      guard let node = try Yams.compose(yaml: text) else {
        throw PipelineErrors([PipelineError("\(what) is empty", file: context.file)])
      }
      try checkSize(node, context: context)
      return node
    } catch let error as YamlError {
      throw PipelineErrors([PipelineLoader.yamlError(error, context: context)])
    }
  }

  /// Refuses `text` when its flow collections nest deeper than ``maximumDepth``.
  ///
  /// Brackets inside quoted scalars and comments are not counted; a plain scalar holding a
  /// bracket is counted, which can only refuse a file that nests nearly as deep.
  static func checkNesting(_ text: String, context: SpecContext) throws {
    var (depth, line, column) = (0, 1, 0)
    var quote: UInt8?
    var comment = false
    var previous: UInt8 = 0x0A
    for byte in text.utf8 {
      column += 1
      defer { previous = byte }
      if byte == 0x0A {
        // A quoted scalar may go on over several lines; a comment may not.
        (line, column, comment) = (line + 1, 0, false)
        continue
      }
      if comment { continue }
      if let open = quote {
        if byte == open { quote = nil }
        continue
      }
      switch byte {
      case UInt8(ascii: "#") where previous == 0x20 || previous == 0x0A || previous == 0x09:
        comment = true
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        if [
          0x20, 0x0A, 0x09, UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","),
          UInt8(ascii: ":"),
        ].contains(previous) {
          quote = byte
        }
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        depth += 1
        if depth > maximumDepth {
          throw PipelineErrors([
            context.error(
              "lists and mappings nest more than \(maximumDepth) deep here; no pipeline or "
                + "definition needs that, so the file is not read",
              at: SourceLocation(line: line, column: column))
          ])
        }
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        depth = max(0, depth - 1)
      default:
        break
      }
    }
  }

  /// Refuses `root` when, aliases expanded, it stands for more than ``nodeBudget`` nodes.
  ///
  /// Counting stops at the budget, so a "billion laughs" costs no more than the budget to check.
  static func checkSize(_ root: Node, context: SpecContext) throws {
    var remaining = nodeBudget
    // Depth-first, with an explicit stack: nothing here recurses.
    var stack: [Node] = [root]
    while let node = stack.popLast() {
      remaining -= 1
      guard remaining >= 0 else {
        // Composed nodes no longer say which alias they came from: the last alias written is
        // named, the one that usually repeats the largest anchor.
        let alias = lastAlias(in: context.text)
        throw PipelineErrors([
          context.error(
            "the aliases in this file"
              + (alias.map { " (such as `*\($0.name)`)" } ?? "")
              + " repeat their anchors' content to more than \(nodeBudget) values; write the "
              + "values out, or use fewer aliases",
            at: alias?.location)
        ])
      }
      switch node {
      case .scalar, .alias: break
      case .sequence(let sequence): stack.append(contentsOf: sequence)
      case .mapping(let mapping):
        for (key, value) in mapping { stack += [key, value] }
      }
    }
  }

  /// The last alias (`*name`) written in `text`, outside comments, and where it is.
  private static func lastAlias(in text: String) -> (name: String, location: SourceLocation)? {
    var found: (name: String, location: SourceLocation)?
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      let code = line.firstRange(of: " #").map { line[..<$0.lowerBound] } ?? line[...]
      var position = code.startIndex
      while let star = code[position...].firstIndex(of: "*") {
        let before = star == code.startIndex ? " " : code[code.index(before: star)]
        let name = code[code.index(after: star)...].prefix {
          $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-"
        }
        if !name.isEmpty && " [{,:-".contains(before) {
          found = (
            String(name),
            SourceLocation(
              line: index + 1, column: code.distance(from: code.startIndex, to: star) + 1)
          )
        }
        position = code.index(after: star)
      }
    }
    return found
  }
}
