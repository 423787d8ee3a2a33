import ArgumentParser
import Foundation
import Kith

/// `kith keygen FILE`: writes a new random study key.
struct KeygenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "keygen",
    abstract: "Write a new random 32-byte study key as hex, readable by you alone (mode 0600).")

  @Argument(help: "The key file to create; it must not exist.")
  var file: String

  func run() throws {
    try ErrorReporting.run {
      let key = try KeyFile.create(at: file)
      Terminal.note(
        "wrote a new key to \(file) (fingerprint \(key.fingerprint)); keep it secret and out of "
          + "git")
    }
  }
}
