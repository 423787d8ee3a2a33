/// What happened to one column of an input: for the privacy report, so a data protection
/// officer can see every column's fate without reading the pipeline.
public struct ColumnFate: Sendable, Codable, Equatable {
  /// The column's header, as the export writes it.
  public var column: String
  /// What Kith did with it, in words (`pseudonymised`, `dropped`, `generalised to age_band`).
  public var fate: String
  /// Why a column that looks like a quasi-identifier is released as it is (`keep_raw:`).
  public var reason: String?

  /// A column's fate, with the `keep_raw` reason when it has one.
  init(column: String, fate: String, reason: String? = nil) {
    (self.column, self.fate, self.reason) = (column, fate, reason)
  }

  /// The fate of every column of `header`, in file order, given the columns used by name and
  /// what `input` declares; `used` are the positions a reader bound.
  static func fates(
    header: [String], used: Set<Int>, input: InputSpec, spec: PipelineSpec
  ) -> [ColumnFate] {
    let metadata = Set(SurveyPlatform.identifyingMetadata(input.format))
    return header.indices.map { index in
      let name = header[index]
      let label = name.isEmpty ? "(column \(index + 1), no name)" : name
      guard used.contains(index) else {
        let fate =
          metadata.contains(name)
          ? "dropped (platform metadata that identifies people; its values are searched for "
            + "by the leak gate)"
          : "dropped (not declared)"
        return ColumnFate(column: label, fate: fate)
      }
      return ColumnFate(
        column: label, fate: declaredFate(of: name, input: input, spec: spec),
        reason: input.keepRaw[name])
    }
  }

  /// The fate of a column the pipeline uses, by what the input declares it to be.
  private static func declaredFate(of name: String, input: InputSpec, spec: PipelineSpec)
    -> String
  {
    if let identifier = input.identifiers.first(where: { $0.column.value == name }) {
      return "pseudonymised (keyed hash of the \(identifier.kind.rawValue)"
        + (identifier.kind == spec.pidKind ? ", the pid)" : ", linked to the pid)")
    }
    if input.identifying.contains(where: { $0.value == name }) {
      return "dropped (identifying; its values are searched for by the leak gate and "
        + "scrubbed from free text)"
    }
    if let quasi = input.quasiIdentifiers.first(where: { $0.column.value == name }) {
      return "generalised to `\(quasi.kind.outputColumn)` (k-anonymity below)"
    }
    if input.keep.contains(where: { $0.value == name }) {
      return "kept as written, as `\(ColumnName.snakeCase(name))` of participants.csv"
    }
    if input.freeText.contains(where: { $0.value == name }) {
      return "kept after scrubbing, in free_text.csv"
    }
    if input.group?.value == name { return "released as the group's name" }
    if input.date?.column?.value == name {
      return "released as session dates (\(spec.dates.rawValue))"
    }
    if input.attended?.column?.value == name { return "read as attended or absent" }
    switch input.wave {
    case .column(let column, _)? where column.value == name: return "read as the wave"
    case .window(let column, _, _)? where column.value == name:
      return "read to place each response in a wave"
    default: break
    }
    return input.kind == .survey
      ? "scored as an instrument item (released only as scores)"
      : "read as a session's attendance mark"
  }
}
