import ArgumentParser

/// `kith check PIPELINE`: validates a pipeline and its inputs without writing anything.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Validate a pipeline and read its inputs; write nothing.",
    discussion: """
      Reports every problem in the pipeline file with its line and column, checks that every \
      declared column exists, and reads every row as `run` would, counting what would be \
      rejected. No key is needed: without one, a throwaway key stands in.
      """)

  @OptionGroup var pipeline: PipelineOptions

  func run() throws {
    _ = try pipeline.execute(outputDirectory: nil, dryRun: true)
  }
}
