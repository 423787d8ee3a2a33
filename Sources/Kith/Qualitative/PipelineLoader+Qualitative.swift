import Foundation

extension PipelineLoader {
  static let codingKeys = [
    "path", "format", "identifier", "documents", "codebook", "themes", "quotes",
    "quote_max_length",
  ]

  /// The `qualitative:` section: named coding exports.
  static func codings(_ node: SpecNode?, directory: URL) throws -> [CodingSpec] {
    guard let node else { return [] }
    return try node.mapping(allowed: []).map { entry in
      try coding(name: entry.key, node: entry.value, directory: directory)
    }
  }

  private static func coding(name: String, node: SpecNode, directory: URL) throws -> CodingSpec {
    let fields = try node.fields(allowed: codingKeys)
    let pathText = try fields.required("path", example: "interviews.qdpx").string()
    let path = resolve(pathText.value, in: directory)
    guard FileManager.default.fileExists(atPath: path.path) else {
      throw node.context.error(
        "coding export not found: `\(pathText.value)`", at: pathText.location,
        hint: "paths are relative to the pipeline file; this one resolves to \(path.path)")
    }
    let format =
      try fields["format"]?.choice(CodingFormat.self) ?? CodingReader.detect(path: path)
    var identifier: IdentifierSpec?
    if let node = fields["identifier"] {
      let idFields = try node.fields(allowed: ["attribute", "column", "kind"])
      let column =
        try (idFields["attribute"] ?? idFields["column"])?.string()
        ?? Located("", at: node.location)
      identifier = IdentifierSpec(
        column: column,
        kind: try idFields.required("kind", example: "email").choice(IdentifierKind.self))
    }
    var documents: [String: String] = [:]
    for (document, value) in try fields["documents"]?.mapping(allowed: []) ?? [] {
      documents[document] = try value.string().value
    }
    if format == .csv && identifier?.column.value.isEmpty != false {
      throw node.error(
        "`\(node.path)` is a plain CSV of codes, so it needs `identifier: {column: participant, "
          + "kind: id}` naming its participant column")
    }
    if identifier == nil && documents.isEmpty {
      throw node.error(
        "`\(node.path)` does not say how its documents are linked to participants",
        hint: "add `identifier: {attribute: Email, kind: email}` (a REFI-QDA case variable or a "
          + "CSV column) or `documents: {Interview 01: p01@example.org}`")
    }
    var themes: [(String, [String])] = []
    for (theme, codes) in try fields["themes"]?.mapping(allowed: []) ?? [] {
      themes.append((theme, try codes.strings().map(\.value)))
    }
    let codebook = try fields["codebook"].map { resolve(try $0.string().value, in: directory) }
    var spec = CodingSpec(
      name: name, path: path, displayPath: pathText.value, format: format,
      identifier: identifier, documents: documents, codebook: codebook, themes: themes,
      quotes: try fields["quotes"]?.bool() ?? false,
      quoteMaxLength: try fields["quote_max_length"]?.int(in: 20...2000) ?? 240)
    spec.digest = digest(node.node)
    return spec
  }

  /// `joint_display: {wellbeing: wemwbs, loneliness: ucla3}`.
  static func jointDisplay(_ node: SpecNode?, instruments: [Instrument]) throws -> JointDisplaySpec
  {
    let ids = instruments.map(\.id)
    guard let node else {
      return JointDisplaySpec(
        wellbeing: ["wemwbs", "swemwbs"].first(where: ids.contains),
        loneliness: ["ucla3", "djg6", "djg11"].first(where: ids.contains))
    }
    let fields = try node.fields(allowed: ["wellbeing", "loneliness"])
    return JointDisplaySpec(
      wellbeing: try fields["wellbeing"]?.oneOf(ids).value,
      loneliness: try fields["loneliness"]?.oneOf(ids).value)
  }
}
