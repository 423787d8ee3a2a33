import Foundation

/// `release/manifest.json`: what a release was made from and what it holds, so anyone can check
/// that these tables came from exactly these exports.
///
/// Keys are sorted and every input and output is one line, so that two manifests diff and merge
/// cleanly. It holds no timestamp, no path or name of an input file (inputs are named by their
/// key in the pipeline, since a file name can name a person), and never the key — only its
/// fingerprint.
public struct Manifest: Sendable, Codable, Equatable {
  /// One input file.
  public struct Input: Sendable, Codable, Equatable {
    /// The input's name in the pipeline (its key under `inputs:` or `qualitative:`).
    public var name: String
    /// The file's size in bytes.
    public var bytes: Int
    /// The SHA-256 of the file, in hex.
    public var sha256: String
    /// Data rows read (= accepted + rejected).
    public var rowsRead: Int
    /// Rows used.
    public var rowsAccepted: Int
    /// Rows written to `private/rejects.csv` instead.
    public var rowsRejected: Int

    enum CodingKeys: String, CodingKey {
      case name, bytes, sha256
      case rowsRead = "rows_read"
      case rowsAccepted = "rows_accepted"
      case rowsRejected = "rows_rejected"
    }
  }

  /// One released file.
  public struct Output: Sendable, Codable, Equatable {
    /// The path under `release/`.
    public var path: String
    /// The file's size in bytes.
    public var bytes: Int
    /// The SHA-256 of the file, in hex.
    public var sha256: String
    /// Data rows (the header excluded).
    public var rows: Int
  }

  /// Kith's version.
  public var kithVersion: String
  /// The study's name.
  public var study: String
  /// The pipeline file's name.
  public var pipeline: String
  /// The SHA-256 of the pipeline file.
  public var pipelineSHA256: String
  /// The key's fingerprint.
  public var keyFingerprint: String
  /// The small-number rule in force.
  public var disclosure: DisclosureRule
  /// k-anonymity as enforced, when quasi-identifiers are declared.
  public var kAnonymity: KAnonymityReport?
  /// The inputs, in pipeline order.
  public var inputs: [Input]
  /// The released files, by path.
  public var outputs: [Output]
  /// What the numbers mean (waves, instruments and their rules, thresholds), for `kith merge`;
  /// `nil` in a manifest an earlier Kith wrote.
  public var design: StudyDesign?
  /// The site releases a merged release was made from (`kith merge`), in the merge's order;
  /// `nil` for a release made from exports.
  public var sites: [Site]?

  /// One site release of a merged release.
  public struct Site: Sendable, Codable, Equatable {
    /// The site's name in the merge.
    public var name: String
    /// The study named in the site's manifest.
    public var study: String
    /// The SHA-256 of the site's `manifest.json`, which hashes every file of its release.
    public var manifestSHA256: String

    enum CodingKeys: String, CodingKey {
      case name, study
      case manifestSHA256 = "manifest_sha256"
    }
  }

  enum CodingKeys: String, CodingKey {
    case study, pipeline, disclosure, inputs, outputs
    case kithVersion = "kith_version"
    case pipelineSHA256 = "pipeline_sha256"
    case keyFingerprint = "key_fingerprint"
    case kAnonymity = "k_anonymity"
    case design, sites
  }

  /// The manifest's file name under `release/`.
  public static let fileName = "manifest.json"

  /// The manifest's text: sorted keys, one input or output per line, LF line ends.
  public func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    func compact<T: Encodable>(_ value: T) throws -> String {
      String(decoding: try encoder.encode(value), as: UTF8.self)
    }
    var fields: [(String, String)] = [
      ("disclosure", try compact(disclosure)),
      ("inputs", try list(inputs.map(compact))),
      ("key_fingerprint", try compact(keyFingerprint)),
      ("kith_version", try compact(kithVersion)),
      ("outputs", try list(outputs.map(compact))),
      ("pipeline", try compact(pipeline)),
      ("pipeline_sha256", try compact(pipelineSHA256)),
      ("study", try compact(study)),
    ]
    if let kAnonymity { fields.append(("k_anonymity", try compact(kAnonymity))) }
    if let design { fields.append(("design", try compact(design))) }
    if let sites { fields.append(("sites", try list(sites.map(compact)))) }
    let lines = fields.sorted { $0.0 < $1.0 }.map { "  \"\($0.0)\": \($0.1)" }
    return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
  }

  private func list(_ items: [String]) -> String {
    items.isEmpty ? "[]" : "[\n    " + items.joined(separator: ",\n    ") + "\n  ]"
  }

  /// Reads a manifest.
  public static func read(from url: URL) throws -> Manifest {
    try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: url))
  }
}
