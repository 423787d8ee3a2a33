import KithCSV

/// A survey platform's own columns in one export, bound to its header: the metadata that
/// identifies people, the column saying whether a response was finished, and (REDCap) each
/// instrument's form status.
struct PlatformColumns {
  let format: InputSpec.Format
  /// Identifying metadata columns present in the export.
  let identifying: [Int]
  /// The finished-or-not column, when the platform has one.
  let completion: (index: Int, name: String, isFinished: @Sendable (String) -> Bool)?
  /// REDCap: the `<form>_complete` column of the form holding each instrument's items
  /// (``RedcapForms``).
  let formStatus: [String: (index: Int, name: String)]
  let partialResponses: Bool

  /// Placeholder values platforms write for an anonymous respondent: not names.
  private static let placeholders: Set<String> = ["anonymous", "anonym", "anonyme", "anónimo"]

  /// Binds the platform's columns; refuses a pipeline that would keep identifying metadata.
  init(
    input: InputSpec, header: CSVHeader, instruments: [(instrument: Instrument, columns: [Int])],
    spec: PipelineSpec
  ) throws {
    format = input.format
    partialResponses = input.partialResponses
    let metadata = SurveyPlatform.identifyingMetadata(input.format)
    for column in input.keep + input.freeText + input.quasiIdentifiers.map(\.column)
    where metadata.contains(column.value) {
      throw spec.error(
        "`\(column.value)` is \(SurveyPlatform.name(input.format)) metadata that identifies "
          + "people; Kith never keeps it", at: column.location,
        hint: "remove it from `keep`, `free_text` and `quasi_identifiers`")
    }
    identifying = metadata.flatMap { header.indices(of: $0) }
    completion = SurveyPlatform.completion(input.format).flatMap { rule in
      rule.columns.lazy.compactMap { name in
        header.indices(of: name).first.map { ($0, name, rule.isFinished) }
      }.first
    }
    formStatus =
      input.format == .redcap
      ? RedcapForms.statusColumns(
        header: header.names, instruments: instruments,
        dictionary: try input.dictionary.map {
          try RedcapForms.dictionary(at: $0.path.path, displayName: $0.displayPath)
        }) : [:]
  }

  /// Notes the row's identifying metadata for the leak gate and scrubber.
  func noteIdentifying(_ row: CSVRow, data: StudyData) {
    for index in identifying {
      let value = row.string(index).trimmed
      guard !value.isEmpty, !Self.placeholders.contains(value.lowercased()) else { continue }
      data.noteIdentifying(value)
    }
  }

  /// Why the row is an unfinished response the pipeline did not ask to keep, or `nil`.
  func unfinished(_ row: CSVRow) -> RowRejection? {
    guard !partialResponses, let completion else { return nil }
    let value = row.string(completion.index).trimmed
    guard !completion.isFinished(value) else { return nil }
    return RowRejection(
      reason: "an unfinished response (\(completion.name) = '\(value)'); set "
        + "`partial_responses: true` on the input to score what it answered",
      column: completion.name)
  }

  /// Why an instrument's answers on this row are set aside (REDCap: its form is marked
  /// Incomplete), or `nil`.
  func incompleteForm(_ row: CSVRow, instrument: String) -> RowRejection? {
    guard !partialResponses, let status = formStatus[instrument] else { return nil }
    let value = row.string(status.index).trimmed
    guard value == "0" || value.lowercased() == "incomplete" else { return nil }
    return RowRejection(
      reason: "the form holding \(instrument.uppercased()) is marked Incomplete "
        + "(\(status.name) = '\(value)'); its answers are not scored unless the input sets "
        + "`partial_responses: true`", column: status.name)
  }
}
