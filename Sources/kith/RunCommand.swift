import ArgumentParser
import Foundation
import Kith

/// `kith run PIPELINE`: reads, pseudonymises, measures and publishes.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a pipeline and write its release and private outputs.",
    discussion: """
      Outputs go to --out, else the pipeline's `outputs.dir`, else out/<pipeline name>: \
      release/ (shareable: data/*.csv and manifest.json) and private/ (rejects.csv, run.log — \
      never share). With --check, nothing is written: the release is regenerated in a temporary \
      folder and compared with the existing one; every changed file is printed as a unified diff \
      and the exit code is 1.
      """)

  @OptionGroup var pipeline: PipelineOptions

  @Option(help: "The output folder.")
  var out: String?

  @Flag(help: "Regenerate into a temporary folder and compare with the existing release.")
  var check = false

  @Flag(help: "Run every stage even when nothing changed since the last run.")
  var force = false

  @Flag(
    help: ArgumentHelp(
      "Neither take input readings from OUT/.cache nor save them there (they hold "
        + "identifiers, like private/), and remove those earlier runs saved."))
  var noCache = false

  @Flag(
    help: ArgumentHelp(
      "Fail at once, naming the process, when another run is writing to the output folder "
        + "(by default the run waits for it)."))
  var noWait = false

  func run() throws {
    guard check else {
      _ = try pipeline.execute(
        outputDirectory: out, dryRun: false, force: force, cachesReadings: !noCache,
        waitsForOtherRuns: !noWait)
      return
    }
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("kith-check-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let existing = try pipeline.outputDirectory(out).appendingPathComponent("release")
    _ = try pipeline.execute(outputDirectory: scratch.path, dryRun: false, printsSummary: false)
    let differences = ReleaseComparison.differences(
      existing: existing, regenerated: scratch.appendingPathComponent("release"))
    guard differences.isEmpty else {
      for difference in differences {
        FileHandle.standardOutput.write(Data(TerminalText.escaped(difference.detail).utf8))
      }
      Terminal.error(
        "\(differences.count) file\(differences.count == 1 ? "" : "s") of \(existing.relativePath) "
          + "differ from a fresh run: " + differences.map(\.path).joined(separator: ", "))
      throw ExitCode.dataProblem
    }
    if !pipeline.quiet { Terminal.note("\(existing.relativePath) is up to date") }
  }
}
