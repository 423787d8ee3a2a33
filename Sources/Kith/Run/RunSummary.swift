/// What a run did, for the terminal, `--json`, and the run log.
///
/// Holds no identifier and no key.
public struct RunSummary: Sendable, Codable, Equatable {
  /// Kith's version.
  public var kithVersion: String
  /// The study's name.
  public var study: String
  /// The pipeline file.
  public var pipeline: String
  /// The output folder.
  public var outputDirectory: String
  /// The key's fingerprint; `null` for `kith check` without a key.
  public var keyFingerprint: String?
  /// Whether the key is a demonstration key.
  public var demoKey: Bool
  /// The small-number rule for published counts and statistics.
  public var disclosure: DisclosureRule
  /// What k-anonymity enforcement did; `null` without quasi-identifiers.
  public var kAnonymity: KAnonymityReport?
  /// One report per input.
  public var inputs: [InputReport]
  /// The files written (for `kith check`, those that would be).
  public var outputs: [OutputReport]
  /// Distinct participants.
  public var participants: Int
  /// Rows rejected across all inputs.
  public var rowsRejected: Int
  /// Values set aside as missing in rows that were kept.
  public var valuesSetAside: Int
  /// Risk-item answers to check (PHQ-9 item 9, CORE-10 item 6, a self-harm count): above the
  /// lowest answer, or unreadable; listed in `private/safeguarding.csv`.
  public var safeguardingConcerns = 0
  /// Of ``safeguardingConcerns``, the answers that could not be read.
  public var safeguardingUnreadable = 0
  /// T3 in brief, under the disclosure rule: per scale, its cells by T3's column names
  /// (`instrument`, `scale`, `n_pairs`, `baseline_mean`, `followup_mean`, `mean_change`,
  /// `change_ci_low`, `change_ci_high`, `p_t`, `reliably_improved`).
  public var changes: [[String: String]]?
  /// What became of personal data (``PrivacyReport``); `nil` until the leak gate has passed.
  public var privacy: PrivacyReport?
  /// Things worth knowing about the run as a whole (a check that could not be made, a private
  /// folder whose permissions were tightened); never an identifier.
  public var notices: [String] = []
  /// Whether anything was written.
  public var wroteOutputs: Bool
  /// Whether the run found every stage fresh and reused the existing release.
  public var upToDate = false

  enum CodingKeys: String, CodingKey {
    case study, pipeline, inputs, outputs, participants, disclosure, changes, notices, privacy
    case kAnonymity = "k_anonymity"
    case kithVersion = "kith_version"
    case outputDirectory = "output_directory"
    case keyFingerprint = "key_fingerprint"
    case demoKey = "demo_key"
    case rowsRejected = "rows_rejected"
    case valuesSetAside = "values_set_aside"
    case safeguardingConcerns = "safeguarding_concerns"
    case safeguardingUnreadable = "safeguarding_unreadable"
    case wroteOutputs = "wrote_outputs"
    case upToDate = "up_to_date"
  }
}
