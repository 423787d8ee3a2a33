import ArgumentParser
import Foundation
import Kith

/// `kith`: turns the raw exports of a peer-support evaluation into anonymised, tidy study data.
@main
struct KithCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kith",
    abstract:
      "Turn peer-support evaluation exports into anonymised, tidy, reproducible study data.",
    discussion: """
      Exit codes: 0 success; 1 the data had problems the pipeline's policy makes fatal, the \
      release would leak an identifier, or the machine stopped the run (a full disk, a folder \
      that cannot be written, another run holding the output folder); 2 a usage, pipeline-file \
      or key problem (an output folder Kith may not write, for one).
      """,
    version: KithVersion.current,
    subcommands: [
      RunCommand.self, CheckCommand.self, StatusCommand.self, VerifyCommand.self,
      ReportCommand.self, MergeCommand.self,
      InspectCommand.self, InstrumentsCommand.self,
      SynthCommand.self,
      KeygenCommand.self,
    ]
  )

  /// Parses and runs, mapping every failure to Kith's exit codes (argument errors are 2, not
  /// swift-argument-parser's 64).
  static func main() {
    AllocatorSettings.apply()
    do {
      var command = try parseAsRoot()
      try ErrorReporting.run { try command.run() }
    } catch {
      let code = exitCode(for: error)
      if code == .success || error is ExitCode {
        exit(withError: error)
      }
      let message = fullMessage(for: error)
      if !message.isEmpty { Terminal.error(message) }
      Foundation.exit(ExitCode.usage.rawValue)
    }
  }
}

extension ExitCode {
  /// The data had problems the pipeline's policy makes fatal.
  static let dataProblem = ExitCode(1)
  /// A usage, pipeline-file or key problem.
  static let usage = ExitCode(2)
}
