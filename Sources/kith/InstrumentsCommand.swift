import ArgumentParser
import Kith

/// `kith instruments`: the instruments Kith scores, and each one's rules in words.
struct InstrumentsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "instruments",
    abstract: "List the instruments Kith scores, show one's scoring rules, or what they rest on.",
    subcommands: [List.self, Show.self, Sources.self],
    defaultSubcommand: List.self)

  /// `kith instruments [list]`.
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the shipped instruments: id, name, version, citation.")

    func run() throws {
      let instruments = try InstrumentsCommand.shipped()
      let width = instruments.map(\.id.count).max() ?? 0
      for instrument in instruments {
        let id = instrument.id.padding(toLength: width, withPad: " ", startingAt: 0)
        print("\(id)  \(instrument.name) (version \(instrument.version))")
        print("\(String(repeating: " ", count: width))  \(instrument.citation)")
      }
    }
  }

  /// `kith instruments show ID`.
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show an instrument's definition in words, to check against its manual.")

    @Argument(help: "The instrument's id (see `kith instruments`).")
    var id: String

    func run() throws {
      let instruments = try InstrumentsCommand.shipped()
      guard let instrument = instruments.first(where: { $0.id == id }) else {
        Terminal.error(
          "no instrument `\(id)`; Kith ships \(instruments.map(\.id).joined(separator: ", "))")
        throw ExitCode.usage
      }
      print(instrument.explanation)
    }
  }

  /// `kith instruments sources [--all]`.
  struct Sources: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Print, as a Markdown table, every scoring rule whose only source is secondary or a "
        + "decision (with --all, every rule and its source).")

    @Flag(help: "List every rule, primary sources included.")
    var all = false

    func run() throws {
      print(InstrumentSources.markdown(try InstrumentsCommand.shipped(), all: all), terminator: "")
    }
  }

  /// The shipped instruments, or a usage error naming what is wrong with a definition.
  fileprivate static func shipped() throws -> [Instrument] {
    do {
      return try InstrumentCatalog.shipped()
    } catch let errors as PipelineErrors {
      Terminal.error(errors.description)
      throw ExitCode.usage
    }
  }
}
