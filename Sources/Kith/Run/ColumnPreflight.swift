import KithCSV

/// Every column the pipeline names that an input's header lacks, found before anything is read,
/// so that `kith check` and `kith run` report them all at once rather than one per round.
///
/// Each input's header is read as its run reads it (header rows, the platform's own header);
/// meeting reports, whose columns sit in sections further down, are checked by their readers.
enum ColumnPreflight {
  /// Throws every missing or doubled column of every input.
  ///
  /// - Throws: ``PipelineErrors`` naming each column at its place in the pipeline file.
  static func check(_ spec: PipelineSpec) throws {
    var errors: [PipelineError] = []
    for input in spec.inputs where input.format != .teams && input.format != .zoom {
      guard
        let reader = try? CSVReader(
          path: input.path.path, displayName: input.displayPath, dialect: input.dialect)
      else { continue }  // An unreadable file is reported, with its reason, when it is read.
      var binder = ColumnBinder(
        spec: spec, input: input,
        header: SurveyPlatform.columnHeader(reader.header, format: input.format))
      for column in declared(input) {
        do {
          _ = try binder.index(of: column)
        } catch let error as PipelineError {
          errors.append(error)
        }
      }
    }
    guard errors.isEmpty else { throw PipelineErrors(errors) }
  }

  /// The columns `input` names outright: identifiers, identifying, kept, free-text and
  /// quasi-identifier columns, a register's group, date and attendance columns, a survey's
  /// wave and response-date columns.
  private static func declared(_ input: InputSpec) -> [Located<String>] {
    var columns =
      input.identifiers.map(\.column) + input.identifying + input.keep
      + input.freeText + input.quasiIdentifiers.map(\.column)
    if let group = input.group { columns.append(group) }
    if let date = input.date?.column { columns.append(date) }
    if let attended = input.attended?.column { columns.append(attended) }
    switch input.wave {
    case .column(let column, _)?, .window(let column, _, _)?: columns.append(column)
    default: break
    }
    if let date = input.period?.responseDate?.column { columns.append(date) }
    return columns
  }
}
