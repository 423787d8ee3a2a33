/// What a release's numbers mean, recorded in its manifest so that releases of one study made at
/// several sites can be checked for comparability before they are merged (`kith merge`): the
/// waves, each instrument's version and scoring rules, the rule for a second response in a wave,
/// how dates are released, the engagement thresholds and k.
///
/// It holds settings only, never a path, a name of an input or a value from the data.
public struct StudyDesign: Sendable, Codable, Equatable {
  /// One instrument as scored.
  public struct InstrumentRecord: Sendable, Codable, Equatable {
    /// The instrument's id (`wemwbs`).
    public var id: String
    /// Its version (`3`).
    public var version: String
    /// The digest of its definition: items, answer codes, reversals, scales and missing-item
    /// rules, so two sites scoring by different rules under one version are told apart.
    public var rules: String
  }

  /// The waves, in order.
  public var waves: [String]
  /// The instruments, in pipeline order.
  public var instruments: [InstrumentRecord]
  /// `duplicates:`, as the pipeline names it.
  public var duplicates: String
  /// `dates:`, as the pipeline names it.
  public var dates: String
  /// The engagement and isolation thresholds (`attendance:`).
  public var attendance: AttendanceSettings
  /// k of k-anonymity.
  public var k: Int

  /// The design of the study `spec` describes.
  init(spec: PipelineSpec) {
    waves = spec.waves
    instruments = spec.instruments.map {
      InstrumentRecord(id: $0.value.id, version: $0.value.version, rules: $0.value.digest)
    }
    duplicates = spec.duplicates.rawValue
    dates = spec.dates.rawValue
    attendance = spec.attendance
    k = spec.kAnonymity.k
  }
}
