/// The formats a release is written in (`outputs.formats`, default `[csv]`): CSV always, and
/// beside it the files analysts open.
public enum ReleaseFormat: String, CaseIterable, Sendable {
  /// UTF-8 CSV with a Frictionless data package: the release itself.
  case csv
  /// An SPSS file (`release/data/*.sav`) beside each published data file.
  case sav
  /// A Stata 118 file (`release/data/*.dta`) beside each published data file.
  case dta
  /// The study tables as one Excel workbook (`release/tables/study_tables.xlsx`).
  case xlsx
}
