import Foundation
import Yams

/// What `kith merge` combines and how: the sites' releases by name, what may be named
/// differently at each site (waves, groups), and where and how the merged release is written.
///
/// Read from a merge file (`kith merge --pipeline merge.yaml`) or made from the releases named on
/// the command line (sites `site1`, `site2`, … in that order). Everything the numbers mean
/// (waves, instruments, rules, thresholds) comes from the sites' manifests, which must agree.
public struct MergeSpec: Sendable {
  /// One site: its name and its release.
  public struct Site: Sendable {
    /// The site's name: the `site` column's value.
    public var name: String
    /// The release: an output folder, a `release/` folder or a zip of either.
    public var path: URL
    /// The path as written, for messages.
    public var displayPath: String

    /// A site named `name` whose release is at `path`.
    public init(name: String, path: URL, displayPath: String) {
      (self.name, self.path, self.displayPath) = (name, path, displayPath)
    }
  }

  /// The merge file's name, or `command line`.
  public var file: String
  /// The merged study's name; the first site's study with ` (merged)` when not given.
  public var study: String?
  /// The sites, in order: the order decides which response is first in a wave.
  public var sites: [Site]
  /// Per site, a wave's name there → its name in the merged study (`reconcile.waves`).
  public var waveNames: [String: [String: String]] = [:]
  /// Per site, a group's name there → its name in the merged study (`reconcile.groups`).
  public var groupNames: [String: [String: String]] = [:]
  /// Groups that meet for more than one site, under one name (`reconcile.shared_groups`):
  /// any other name found at two sites is refused, as two groups would become one.
  public var sharedGroups: Set<String> = []
  /// `outputs.dir`, when the file gives it.
  public var outputDirectory: URL?
  /// `outputs.formats`; the formats every site published when not given.
  public var formats: Set<ReleaseFormat>?

  /// Sites named on the command line: `site1`, `site2` and so on, in order.
  public init(releases: [String]) {
    file = "command line"
    sites = releases.enumerated().map { index, path in
      Site(name: "site\(index + 1)", path: URL(fileURLWithPath: path), displayPath: path)
    }
  }

  /// Reads the merge file at `path`; its relative paths start at its folder.
  ///
  /// - Throws: ``PipelineErrors`` naming the line of every problem.
  public static func load(path: String) throws -> MergeSpec {
    let url = URL(fileURLWithPath: path)
    let text = try YAMLGuard.text(ofFile: path, what: "merge file")
    let context = SpecContext(file: path, text: text)
    let root = try YAMLGuard.root(of: text, context: context, what: "the merge file")
    let spec = context.collect {
      try parse(
        SpecNode(node: root, path: "", context: context), file: path,
        directory: url.deletingLastPathComponent())
    }
    guard let spec, context.errors.isEmpty else { throw PipelineErrors(context.errors) }
    return spec
  }

  private init(file: String, sites: [Site]) {
    (self.file, self.sites) = (file, sites)
  }

  private static func parse(_ root: SpecNode, file: String, directory: URL) throws -> MergeSpec {
    let fields = try root.fields(allowed: ["study", "sites", "reconcile", "outputs"])
    let sitesNode = try fields.required("sites", example: "{north: ../out/site-north}")
    var sites: [Site] = []
    for (name, node) in try sitesNode.mapping(allowed: []) {
      guard name.range(of: "^[a-z][a-z0-9_-]{0,39}$", options: .regularExpression) != nil else {
        throw node.error(
          "site name `\(name)` must be lower-case letters, digits, `_` or `-`, starting with a "
            + "letter (it becomes the `site` column's value)")
      }
      let path = try node.string().value
      sites.append(
        Site(
          name: name, path: URL(fileURLWithPath: path, relativeTo: directory).standardizedFileURL,
          displayPath: path))
    }
    guard sites.count >= 2 else {
      throw sitesNode.error("`sites` must name at least two site releases to merge")
    }
    var spec = MergeSpec(file: file, sites: sites)
    spec.study = try fields["study"]?.string().value
    if let reconcile = try fields["reconcile"]?.fields(allowed: [
      "waves", "groups", "shared_groups",
    ]) {
      spec.waveNames = try renames(reconcile["waves"], sites: sites)
      spec.groupNames = try renames(reconcile["groups"], sites: sites)
      spec.sharedGroups = Set(try reconcile["shared_groups"]?.strings().map(\.value) ?? [])
    }
    if let outputs = try fields["outputs"]?.fields(allowed: ["dir", "formats"]) {
      if let dir = try outputs["dir"]?.string().value {
        spec.outputDirectory = URL(fileURLWithPath: dir, relativeTo: directory).standardizedFileURL
      }
      if let formats = outputs["formats"] {
        spec.formats = Set(
          try (formats.node.sequence.map { Array($0) } ?? [formats.node]).enumerated().map {
            try SpecNode(node: $1, path: "outputs.formats[\($0)]", context: formats.context)
              .choice(ReleaseFormat.self)
          })
      }
    }
    return spec
  }

  /// `{site: {name there: name in the merged study}}`, each site one of `sites`.
  private static func renames(_ node: SpecNode?, sites: [Site]) throws -> [String: [String: String]]
  {
    guard let node else { return [:] }
    var renames: [String: [String: String]] = [:]
    for (site, mapping) in try node.mapping(allowed: sites.map(\.name)) {
      for (from, to) in try mapping.mapping(allowed: []) {
        renames[site, default: [:]][from] = try to.string().value
      }
    }
    return renames
  }
}
