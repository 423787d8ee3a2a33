import ArgumentParser
import Foundation
import Kith

/// `kith status PIPELINE`: which stages would run again, and why.
struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Print every stage as fresh or stale, with the reason, against the last run.",
    discussion: """
      A stage is stale when an input's content, the pipeline section or setting it reads, the \
      key, or Kith's version changed since the last successful run into the output folder, or \
      when a stage it uses is stale. Inputs are hashed again only when their size or \
      modification time changed. `kith run` does nothing when every stage is fresh (--force \
      runs anyway).
      """)

  @Argument(help: "The pipeline file.")
  var pipeline: String

  @Option(help: "The output folder.")
  var out: String?

  @Option(help: "The key file (else KITH_KEY_FILE, else the pipeline's `key:`).")
  var key: String?

  func run() throws {
    try ErrorReporting.run {
      let spec = try PipelineLoader.load(path: pipeline)
      let run = PipelineRun(
        spec: spec,
        options: PipelineRun.Options(
          keyOption: key, environment: ProcessInfo.processInfo.environment,
          outputDirectory: out.map { URL(fileURLWithPath: $0) }))
      let statuses = try run.status()
      let width = statuses.map(\.name.count).max() ?? 0
      for status in statuses {
        let name = status.name.padding(toLength: width, withPad: " ", startingAt: 0)
        Terminal.output(
          "\(name)  "
            + (status.isFresh ? "fresh" : "stale: " + status.reasons.joined(separator: "; ")))
      }
    }
  }
}
