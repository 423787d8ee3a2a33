import ArgumentParser
import Foundation
import Kith

/// `kith merge SITE_RELEASE... --out DIR [--pipeline merge.yaml]`: merges site releases into the
/// release of one study.
struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Merge the releases of several sites into the release of one study.",
    discussion: """
      Each site runs Kith on its own exports and shares only its release (the output folder, its \
      release/ folder, or a .zip of either). The merge verifies every release against its \
      manifest, refuses releases that are not comparable (another key, instrument version or \
      scoring rule, waves, small-number rule or Kith major version), counts a pid seen at two \
      sites as one participant, and writes one release in the same layout with a `site` column, \
      its quasi-identifiers made k-anonymous again and no count that would give back one a site \
      suppressed. Sites named here are site1, site2, …; a merge file names them \
      (`sites: {north: path, south: path}`) and reconciles wave and group names. \
      See docs/merge.md.
      """)

  @Argument(help: "The site releases, in order (optional with --pipeline).")
  var releases: [String] = []

  @Option(
    help:
      "Where to write the merged study (default: the merge file's outputs.dir, else out/merged).")
  var out: String?

  @Option(help: "A merge file: site names and paths, reconciliation, outputs.")
  var pipeline: String?

  func validate() throws {
    if pipeline == nil && releases.count < 2 {
      throw ValidationError("name at least two site releases, or a merge file with --pipeline")
    }
    if pipeline != nil && !releases.isEmpty {
      throw ValidationError(
        "name the site releases either on the command line or in the merge file, not both")
    }
  }

  func run() throws {
    let spec = try pipeline.map(MergeSpec.load(path:)) ?? MergeSpec(releases: releases)
    var merge = MergeRun(spec: spec, outputDirectory: out.map { URL(fileURLWithPath: $0) })
    merge.environment = ProcessInfo.processInfo.environment
    let summary = try merge.run()
    let sites = summary.sites.map { "\($0.name) \($0.participants)" }.joined(separator: ", ")
    Terminal.note(
      "merged \(summary.sites.count) sites (\(sites)) into \(summary.participants) participants "
        + "(\(summary.sharedParticipants) at more than one site; \(summary.duplicateResponses) "
        + "second responses in a wave left out by the duplicates rule)")
    if !summary.differencedTables.isEmpty {
      Terminal.note(
        "suppressed counts that, with the sites' own tables, would give back a count a site "
          + "suppressed, in: " + summary.differencedTables.joined(separator: ", "))
    }
    Terminal.note(
      "wrote \(summary.outputs.count) files to \(summary.outputDirectory)/release (shareable); "
        + "\(summary.outputDirectory)/private/merge.log records the merge")
  }
}
