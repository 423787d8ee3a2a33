/// One stage of a run, what it depends on, and whether it must run again.
///
/// A stage's parts are the things its result depends on — an input's content, a section of the
/// pipeline, a setting, Kith's version, the key — each as a digest. A stage is fresh when every
/// part is as it was at the last successful run and every stage it uses is fresh.
public struct Stage: Sendable, Equatable {
  /// `read:<input>`, `scores`, `attendance` or `release`.
  public var name: String
  /// What the stage depends on, by label (`survey_baseline.csv`), as digests.
  public var parts: [String: String]
  /// The stages whose results it uses.
  public var uses: [String]
}

/// A stage's status, with the reasons it must run again.
public struct StageStatus: Sendable, Equatable, CustomStringConvertible {
  /// The stage.
  public var name: String
  /// Why it must run again; empty when it is fresh.
  public var reasons: [String]

  /// Whether the stage can be reused.
  public var isFresh: Bool { reasons.isEmpty }

  /// `read:register  fresh` or `scores  stale: instruments changed`.
  public var description: String {
    name + "  " + (isFresh ? "fresh" : "stale: " + reasons.joined(separator: "; "))
  }
}
