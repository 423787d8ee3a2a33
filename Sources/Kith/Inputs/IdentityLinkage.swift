import KithCSV

/// Which identifiers belong to one person, learnt from rows that hold several.
///
/// An email and a phone number in the same survey row, say, link a register that knows people
/// only by phone to their email. Held in memory only, never written.
struct IdentityLinkage {
  private var nodes: [String: Int32] = [:]
  private var parent: [Int32] = []
  private var primaries: [Int32: Set<String>] = [:]

  /// Links every identifier of one row (`kind:normalised` keys).
  mutating func link(_ keys: [String]) {
    guard let first = keys.first else { return }
    let root = node(first)
    for key in keys.dropFirst() { union(root, node(key)) }
  }

  /// Groups the identifiers of `primary` kind by person; call once, after every link.
  mutating func finish(primary: IdentifierKind) {
    let prefix = primary.rawValue + ":"
    for (key, id) in nodes where key.hasPrefix(prefix) {
      primaries[find(id), default: []].insert(String(key.dropFirst(prefix.count)))
    }
  }

  /// The identifiers of the primary kind linked to `key`, sorted.
  func primaries(linkedTo key: String) -> [String] {
    guard let id = nodes[key] else { return [] }
    return (primaries[find(id)] ?? []).sorted()
  }

  private mutating func node(_ key: String) -> Int32 {
    if let id = nodes[key] { return id }
    let id = Int32(parent.count)
    parent.append(id)
    nodes[key] = id
    return id
  }

  private func find(_ id: Int32) -> Int32 {
    var current = id
    while parent[Int(current)] != current { current = parent[Int(current)] }
    return current
  }

  private mutating func union(_ a: Int32, _ b: Int32) {
    let (rootA, rootB) = (find(a), find(b))
    guard rootA != rootB else { return }
    parent[Int(max(rootA, rootB))] = min(rootA, rootB)
    // Keep paths short: point both original nodes straight at the new root.
    parent[Int(a)] = min(rootA, rootB)
    parent[Int(b)] = min(rootA, rootB)
  }

  /// Reads the identifier columns of every input with more than one and links the identifiers
  /// found on each row.
  ///
  /// An input with one identifier column links nothing, so it is not read here, whatever its
  /// format; one with several is read with its own header rows and platform header (the names
  /// its run reads), and meeting reports, which carry one identifier, cannot declare several.
  static func build(spec: PipelineSpec) throws -> IdentityLinkage {
    var linkage = IdentityLinkage()
    for input in spec.inputs where input.identifiers.count > 1 {
      let reader: CSVReader
      do {
        reader = try CSVReader(
          path: input.path.path, displayName: input.displayPath, dialect: input.dialect)
      } catch let error as CSVError {
        throw DataError(error.description)
      }
      var binder = ColumnBinder(
        spec: spec, input: input,
        header: SurveyPlatform.columnHeader(reader.header, format: input.format))
      let columns = try input.identifiers.map { ($0.kind, try binder.index(of: $0.column)) }
      do {
        try reader.forEachRow { row in
          guard row.problem == nil else { return }
          let keys = columns.compactMap { kind, index -> String? in
            guard case .success(let normalised) = kind.normalise(row.string(index)) else {
              return nil
            }
            return kind.rawValue + ":" + normalised
          }
          linkage.link(keys)
        }
      } catch let error as CSVError {
        throw DataError(error.description)
      }
    }
    linkage.finish(primary: spec.pidKind)
    return linkage
  }
}
