import ArgumentParser
import Foundation
import Kith

/// `kith verify OUT`: checks a release against its manifest.
struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Recompute every hash in OUT/release/manifest.json; exit 1 naming each mismatch.")

  @Argument(help: "The output folder (for example out/example).")
  var out: String

  func run() throws {
    let directory = URL(fileURLWithPath: out)
    guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("release").path)
    else {
      Terminal.error("\(out)/release does not exist")
      throw ExitCode.usage
    }
    try ErrorReporting.run {
      let mismatches = try ReleaseVerifier.verify(outputDirectory: directory)
      guard mismatches.isEmpty else {
        for mismatch in mismatches { Terminal.error("\(out)/\(mismatch)") }
        throw ExitCode.dataProblem
      }
      let count = try Manifest.read(
        from: directory.appendingPathComponent("release").appendingPathComponent(Manifest.fileName)
      ).outputs.count
      Terminal.note("\(out)/release matches its manifest (\(count) files)")
    }
  }
}
