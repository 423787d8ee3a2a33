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
    guard !FileManager.default.fileExists(atPath: file) else {
      Terminal.error("\(file) already exists; Kith never overwrites a key (pids depend on it)")
      throw ExitCode.usage
    }
    let text = StudyKey.random().map { String(format: "%02x", $0) }.joined() + "\n"
    guard
      FileManager.default.createFile(
        atPath: file, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
    else {
      Terminal.error("cannot create \(file)")
      throw ExitCode.usage
    }
    let key = try StudyKey(contentsOf: URL(fileURLWithPath: file))
    Terminal.note(
      "wrote a new key to \(file) (fingerprint \(key.fingerprint)); keep it secret and out of git")
  }
}
