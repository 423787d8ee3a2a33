import ArgumentParser
import Foundation
import Kith

/// The options `run` and `check` share.
struct PipelineOptions: ParsableArguments {
  @Argument(help: "The pipeline file (for example pipelines/example.yaml).")
  var pipeline: String

  @Option(help: "The key file (else KITH_KEY_FILE, else the pipeline's `key:`).")
  var key: String?

  @Flag(help: "Print nothing but errors on standard error.")
  var quiet = false

  @Flag(help: "Print a machine-readable summary as JSON on standard output.")
  var json = false

  /// The output folder a run would use: `out`, else the pipeline's `outputs.dir`, else
  /// `out/<pipeline name>`.
  func outputDirectory(_ out: String?) throws -> URL {
    if let out { return URL(fileURLWithPath: out) }
    return try ErrorReporting.run {
      let spec = try PipelineLoader.load(path: pipeline)
      return PipelineRun(spec: spec, options: PipelineRun.Options()).outputDirectory
    }
  }

  /// Loads the pipeline and runs it with `outputDirectory`, mapping errors to exit codes.
  func execute(
    outputDirectory: String?, dryRun: Bool, printsSummary: Bool = true, force: Bool = false,
    cachesReadings: Bool = true, waitsForOtherRuns: Bool = true
  ) throws -> RunSummary {
    return try ErrorReporting.run {
      let spec = try PipelineLoader.load(path: pipeline)
      var options = PipelineRun.Options(
        keyOption: key, environment: ProcessInfo.processInfo.environment,
        outputDirectory: outputDirectory.map { URL(fileURLWithPath: $0) }, dryRun: dryRun,
        force: force)
      options.cachesReadings = cachesReadings
      options.waitsForOtherRuns = waitsForOtherRuns
      options.waiting = { Terminal.note($0) }
      let run = PipelineRun(spec: spec, options: options)
      if !quiet, let source = run.keySource, source.isDemo {
        Terminal.note(Terminal.demoKeyWarning(source))
      }
      let progress: ((InputProgress) -> Void)? = quiet ? nil : { Terminal.progress($0) }
      let summary = try run.run(progress: progress)
      if summary.upToDate {
        if !quiet {
          Terminal.note(
            "\(summary.outputDirectory) is up to date: no input, setting, key or Kith version changed "
              + "since the last run (`kith status` says why a stage would run; --force runs anyway)"
          )
        }
      } else if !quiet && printsSummary {
        Terminal.note(Terminal.summary(summary))
      }
      if json { Terminal.output(try Terminal.json(summary)) }
      return summary
    }
  }
}
