/// Which theme each code belongs to: the pipeline's `themes:` mapping where it names the code
/// (by name, by `parent/child` path, or through an ancestor), otherwise the top of the code's
/// hierarchy.
struct ThemeAssignment {
  let export: CodingExport
  let mapping: [(theme: String, codes: [String])]

  /// The code's path from the top, joined by `/` (`Support/Reciprocity`).
  func codePath(_ id: String) -> String {
    let path = export.path(of: id)
    return path.isEmpty ? id : path.joined(separator: "/")
  }

  /// The theme of code `id`, and whether the pipeline's mapping named it.
  func theme(of id: String) -> (theme: String, mapped: Bool) {
    let path = export.path(of: id)
    let full = path.joined(separator: "/").lowercased()
    let names = path.map { $0.lowercased() }
    for (theme, codes) in mapping {
      for code in codes.map({ $0.lowercased() }) {
        // The code itself, its full path, or any ancestor (by name or by path prefix).
        if code == full || names.contains(code) || full.hasPrefix(code + "/") {
          return (theme, true)
        }
      }
    }
    return (path.first ?? export.codes[id]?.name ?? id, mapping.isEmpty)
  }
}
