/// What a coding export holds, whatever tool wrote it: codes with their hierarchy, and coded
/// segments with the document and case they come from.
struct CodingExport {
  /// A code of the codebook.
  struct Code {
    var id: String
    var name: String
    /// The parent code's id.
    var parent: String?
  }

  /// One code applied to one stretch of text (or one case × code cell of a matrix).
  struct Segment {
    /// The document (source) name.
    var document: String
    /// The case the segment belongs to, where the export has cases.
    var caseName: String?
    /// The participant's identifier, where the export carries it.
    var identifier: String?
    var code: String
    /// The coded text; empty when the export holds none.
    var text: String
    /// How many coded segments this stands for (a matrix cell's count; otherwise 1).
    var count = 1
    /// Where in the export the segment was read (a line, or a selection's id).
    var origin: String
  }

  var codes: [String: Code] = [:]
  /// Code ids in the order first read.
  var codeOrder: [String] = []
  var segments: [Segment] = []
  /// Each case's variable values, by case name, then lower-cased variable name.
  var caseValues: [String: [String: String]] = [:]
  /// Codings that could not be used, with the reason and where.
  var rejected: [(origin: String, reason: String)] = []

  /// Adds a code, keeping the first definition of an id.
  mutating func add(_ code: Code) {
    guard codes[code.id] == nil else { return }
    codes[code.id] = code
    codeOrder.append(code.id)
  }

  /// The names from the top of the hierarchy down to `id` (`["Support", "Reciprocity"]`).
  func path(of id: String) -> [String] {
    var names: [String] = []
    var current: String? = id
    var seen: Set<String> = []
    while let next = current, let code = codes[next], seen.insert(next).inserted {
      names.insert(code.name, at: 0)
      current = code.parent
    }
    return names
  }
}
