import ArgumentParser
import Foundation
import Kith

/// `kith report OUT [--pipeline FILE] [--pdf]`: draws a release's report again from its files.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Draw OUT/release/report.html again from the release's files (no inputs, no key).",
    discussion: """
      The report is drawn from the published study tables and the manifest, after checking that \
      every file still matches the manifest, so it shows exactly what the release shows. With the \
      same template the page is byte for byte the one the run wrote; with a new template or title \
      (--pipeline names the pipeline whose `report:` settings to use) it is rewritten and the \
      manifest updated. --pdf prints it to OUT/release/report.pdf with headless Chromium (Debian \
      package `chromium`).
      """)

  @Argument(help: "The output folder (for example out/example).")
  var out: String

  @Option(help: "The pipeline whose `report: {title, template, logo}` to use.")
  var pipeline: String?

  @Flag(help: "Also print the report to OUT/release/report.pdf with headless Chromium.")
  var pdf = false

  func run() throws {
    let directory = URL(fileURLWithPath: out)
    guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("release").path)
    else {
      Terminal.error("\(out)/release does not exist: name the folder a run wrote (kith run --out)")
      throw ExitCode.usage
    }
    let settings = try pipeline.map { try PipelineLoader.load(path: $0).report } ?? ReportSettings()
    switch try ReleaseReport.render(outputDirectory: directory, settings: settings) {
    case .unchanged: Terminal.note("\(out)/release/report.html is unchanged")
    case .rewritten: Terminal.note("wrote \(out)/release/report.html and updated the manifest")
    }
    if pdf {
      try ReleaseReport.pdf(outputDirectory: directory)
      Terminal.note("wrote \(out)/release/report.pdf")
    }
  }
}
