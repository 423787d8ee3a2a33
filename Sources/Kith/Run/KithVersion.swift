/// Kith's version, recorded in every run summary and log.
public enum KithVersion {
  /// The version string.
  public static let current = "0.1.0"
}
