import ArgumentParser

/// `kith run PIPELINE`: reads, pseudonymises, measures and publishes.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a pipeline and write its release and private outputs.",
    discussion: """
      Outputs go to --out, else the pipeline's `outputs.dir`, else out/<pipeline name>:
      release/data/*.csv (shareable) and private/ (rejects.csv, run.log — never share).
      """)

  @OptionGroup var pipeline: PipelineOptions

  @Option(help: "The output folder.")
  var out: String?

  func run() throws {
    _ = try pipeline.execute(outputDirectory: out, dryRun: false)
  }
}
