/// Where a release came from, as its manifest records it: what the report's methods section
/// states.
struct ReportProvenance {
  /// One input read.
  struct Input {
    var name: String
    var rowsRead: Int
    var rowsAccepted: Int
    /// The SHA-256 of the file, in hex.
    var sha256: String
  }

  var kithVersion: String
  var study: String
  /// The pipeline file's name, and its SHA-256 in hex.
  var pipeline: String
  var pipelineSHA256: String
  /// The key's fingerprint; empty for a run that wrote nothing.
  var keyFingerprint: String
  var disclosure: DisclosureRule
  var kAnonymity: KAnonymityReport?
  var inputs: [Input]
}
