import ArgumentParser
import Kith
import KithCSV

/// `kith inspect FILE`: how Kith reads an export, before a pipeline names its columns.
struct InspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract:
      "Show how Kith reads an export: format, encoding, delimiter, columns, rows, problems.",
    discussion: """
      Reads the whole file as a pipeline input would — through the survey platform's header \
      rows, or a Teams or Zoom report's sections — shows the columns a pipeline names, and \
      lists the first malformed rows with their line and column (never their values). The \
      format is recognised from the file's first lines unless --format names it. Exit code 1 \
      when any row is malformed.
      """)

  @Argument(help: "The export.")
  var file: String

  @Option(
    help: ArgumentHelp(
      "The export's format, as an input's `format:` names it, or auto.",
      valueName: (["auto"] + InputSpec.Format.allCases.map(\.rawValue)).joined(separator: "|")))
  var format = "auto"

  @Option(help: "How many leading rows are headers (default: the format's).")
  var headerRows: Int?

  @Option(help: "Problems to list.")
  var show = 10

  @Option(help: "An Excel workbook's sheet, by name or position from 1 (default: the first).")
  var sheet: String?

  @Option(help: "An Excel workbook's row holding the column names (default: 1).")
  var headerRow: Int?

  func validate() throws {
    guard format == "auto" || InputSpec.Format(rawValue: format) != nil else {
      throw ValidationError(
        "--format must be auto or one of "
          + InputSpec.Format.allCases.map(\.rawValue).joined(separator: ", "))
    }
  }

  func run() throws {
    let layout: ExportLayout
    do {
      layout = try ExportLayout.read(
        path: file, format: InputSpec.Format(rawValue: format), headerRows: headerRows,
        show: show, sheet: sheet, headerRow: headerRow)
    } catch let error as CSVError {
      Terminal.error(error.description)
      throw ExitCode.dataProblem
    } catch let error as DataError {
      Terminal.error(error.message)
      throw ExitCode.dataProblem
    }
    let rows = layout.headerRows
    var lines = [
      file,
      "  format \(layout.format.rawValue)"
        + (layout.detected ? " (recognised from its first lines; --format overrides)" : ""),
      "  encoding \(layout.encoding), delimiter \(layout.delimiter), "
        + (layout.sections.isEmpty
          ? "\(rows) header row\(rows == 1 ? "" : "s")"
          : "sections: \(layout.sections.joined(separator: ", "))")
        + ", \(layout.bytes) bytes",
      "  \(layout.columns.count) columns: \(layout.columns.joined(separator: ", "))",
      "  \(layout.rows) data rows; \(layout.malformed) malformed",
    ]
    lines += layout.notices.map { "  note: \($0)" }
    lines += layout.problems.map { "  \($0.description)" }
    if layout.malformed > layout.problems.count {
      lines.append("  … and \(layout.malformed - layout.problems.count) more")
    }
    Terminal.output(lines.joined(separator: "\n"))
    if layout.malformed > 0 { throw ExitCode.dataProblem }
  }
}
