import ArgumentParser
import KithCSV

/// `kith inspect FILE`: how Kith reads an export, before a pipeline names its columns.
struct InspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Show how Kith reads a CSV export: encoding, delimiter, columns, rows, problems.",
    discussion: """
      Reads the whole file as a pipeline input would, and lists the first malformed rows with \
      their line and column (never their values). Exit code 1 when any row is malformed.
      """)

  @Argument(help: "The CSV file.")
  var file: String

  @Option(help: "How many leading rows are headers.")
  var headerRows = 1

  @Option(help: "Problems to list.")
  var show = 10

  func run() throws {
    let reader: CSVReader
    do {
      reader = try CSVReader(path: file, dialect: CSVDialect(headerRows: headerRows))
    } catch let error as CSVError {
      Terminal.error(error.description)
      throw ExitCode.dataProblem
    }
    var records = 0
    var fields = 0
    var problems: [CSVError] = []
    var problemCount = 0
    do {
      try reader.forEachRow { row in
        records += 1
        fields += row.count
        if let problem = row.problem {
          problemCount += 1
          if problems.count < show { problems.append(problem) }
        }
      }
    } catch let error as CSVError {
      Terminal.error(error.description)
      throw ExitCode.dataProblem
    }
    let names = reader.header.names
    var lines = [
      file,
      "  encoding \(reader.encoding.rawValue), delimiter \(reader.delimiter.rawValue), "
        + "\(headerRows) header row\(headerRows == 1 ? "" : "s"), \(reader.bytesRead) bytes",
      "  \(names.count) columns: \(names.joined(separator: ", "))",
      "  \(records) records, \(fields) fields; \(problemCount) malformed",
    ]
    lines += reader.header.issues.map { "  note: \($0)" }
    lines += reader.notices.map { "  note: \($0)" }
    lines += problems.map { "  \($0.description)" }
    if problemCount > problems.count {
      lines.append("  … and \(problemCount - problems.count) more")
    }
    Terminal.output(lines.joined(separator: "\n"))
    if problemCount > 0 { throw ExitCode.dataProblem }
  }
}
