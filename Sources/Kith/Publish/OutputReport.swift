/// One file a run wrote, as the run summary and log describe it.
public struct OutputReport: Sendable, Codable, Equatable {
  /// The path under the output folder (`release/data/participants.csv`).
  public var path: String
  /// Data rows (the header excluded).
  public var rows: Int
  /// The file's size.
  public var bytes: Int
  /// The SHA-256 of the file, in hex.
  public var sha256: String
}
