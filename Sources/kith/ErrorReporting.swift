import ArgumentParser
import Kith

/// The one place where Kith's errors become messages and exit codes: pipeline-file and key
/// problems exit 2, problems in the data exit 1.
enum ErrorReporting {
  /// Runs `body`, printing a known error and throwing its exit code instead.
  static func run<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error where error is PipelineErrors || error is PipelineError {
      // Already compiler-style, with its own `error:` lines.
      Terminal.note("\(error)")
      throw ExitCode.usage
    } catch let error as KeyError {
      Terminal.error(error.description)
      throw ExitCode.usage
    } catch let error as DataError {
      Terminal.error(error.description)
      throw ExitCode.dataProblem
    }
  }
}
