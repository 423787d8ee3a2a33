import ArgumentParser
import Foundation
import Kith

/// `kith synth`: writes a synthetic example study.
struct SynthCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "synth",
    abstract: "Write a synthetic study (register, two surveys, demo key) from a seed.",
    discussion: """
      The same seed and size always give the same bytes. The bundled example is \
      `kith synth --out data/example` (seed 20250106, 40 members); about 320,000 members give \
      10 million register rows.
      """)

  @Option(help: "The folder to write into.")
  var out = "data/example"

  @Option(help: "The random seed.")
  var seed: UInt64 = 20_250_106

  @Option(help: "How many members to invent.")
  var members = 40

  func validate() throws {
    guard members >= 1 else { throw ValidationError("--members must be at least 1") }
  }

  func run() throws {
    let written = try SyntheticExports.write(
      to: URL(fileURLWithPath: out), seed: seed, members: members)
    Terminal.note(
      "wrote \(written.files.joined(separator: ", ")) to \(out): \(written.registerRows) register "
        + "rows, \(written.surveyRows) survey responses (synthetic)")
  }
}
