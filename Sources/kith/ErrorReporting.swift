import ArgumentParser
import Kith

/// The one place where Kith's errors become messages and exit codes.
///
/// Pipeline-file, key and usage problems exit 2; problems in the data or the machine exit 1.
/// Whatever else is thrown (by Foundation or the system) is put in words first: never its own
/// text.
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
    } catch let error as UsageError {
      Terminal.error(error.description)
      throw ExitCode.usage
    } catch let error as DataError {
      Terminal.error(error.description)
      throw ExitCode.dataProblem
    } catch let error as EnvironmentError {
      Terminal.error(error.description)
      throw ExitCode.dataProblem
    } catch let error where error is ExitCode || error is ValidationError || error is CleanExit {
      throw error
    } catch let error where KithCommand.exitCode(for: error) == .success {
      // swift-argument-parser's own requests (`kith help`, `--help`) end the run cleanly: its
      // help command throws an error type of its own, which it prints as the help text.
      throw error
    } catch {
      Terminal.error(EnvironmentError.translating(error).description)
      throw ExitCode.dataProblem
    }
  }
}
