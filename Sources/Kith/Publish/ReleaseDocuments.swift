import Foundation

/// The release's files beside its CSV tables, made the same way for a run and a merge: the data
/// package, the study tables' documents, and the analysts' files `outputs.formats` asks for
/// (SPSS and Stata files with their codebook, the tables' workbook).
enum ReleaseDocuments {
  /// The files, by path under `release/`.
  ///
  /// - Parameters:
  ///   - tables: Every CSV of the release (data files and study tables).
  ///   - spec: The pipeline: formats, waves, instruments, how dates are released.
  ///   - coded: Text columns to store as labelled codes in SPSS and Stata files, besides the
  ///     usual ones.
  ///   - lastDay: The study's last day, the files' creation time (never the clock).
  ///   - study: The study tables as built, if the release has them.
  /// - Returns: Each file's path under `release/` and bytes.
  /// - Throws: ``EnvironmentError`` when a workbook or statistical file cannot be made.
  static func make(
    tables: [Table], spec: PipelineSpec, coded: Set<String>, lastDay: Int?,
    study: StudyTables.Built?
  ) throws -> [(path: String, data: Data)] {
    let labelled = StatisticalRelease.labelledTables(tables, spec: spec, coded: coded)
    let created = StatisticalRelease.timestamp(lastDay: lastDay, dates: spec.dates)
    let workbook = try study.flatMap { study in
      spec.release.formats.contains(.xlsx) && !study.sheets.isEmpty
        ? (
          WorkbookWriter.path,
          try WorkbookWriter.workbook(study.sheets, title: spec.study, timestamp: created)
        ) : nil
    }
    let analysts =
      try StatisticalRelease.files(labelled, formats: spec.release.formats, timestamp: created)
      + Codebook(spec: spec, tables: labelled).files + (workbook.map { [$0] } ?? [])
    return [
      (
        DataPackage.fileName,
        try DataPackage.json(tables: tables, spec: spec, files: analysts.map(\.path))
      )
    ] + (study?.documents ?? []) + analysts
  }
}
