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

  @Option(help: "How many members to invent (per site with --sites).")
  var members = 40

  @Option(
    help:
      "Write a multi-site study: this many sites (2–99), each in a folder of its own, some members attending at two."
  )
  var sites: Int?

  func validate() throws {
    guard members >= 1 else { throw ValidationError("--members must be at least 1") }
  }

  func run() throws {
    if let sites {
      let written = try SyntheticSites.write(
        to: URL(fileURLWithPath: out), seed: seed, members: members, sites: sites)
      Terminal.note(
        "wrote sites \(written.sites.joined(separator: ", ")) and demo.key to \(out): "
          + "\(written.registerRows) register rows, \(written.surveyRows) survey responses, "
          + "\(written.sharedMembers) members attending at two sites (synthetic)")
      return
    }
    let written = try SyntheticExports.write(
      to: URL(fileURLWithPath: out), seed: seed, members: members)
    Terminal.note(
      "wrote \(written.files.joined(separator: ", ")) to \(out): \(written.registerRows) register "
        + "rows, \(written.surveyRows) survey responses (synthetic)")
  }
}
