/// The declared thresholds of the engagement and isolation measures.
///
/// They come from `attendance:` in a pipeline; every measure is defined in `docs/measures.md`.
public struct AttendanceSettings: Sendable, Equatable {
  /// Sessions after this day are not counted as offered (`study_end`); `nil`: each group's last
  /// held session ends the study for it.
  public var studyEnd: Int?
  /// Missing at least this many consecutive sessions and coming back is a return after a gap.
  public var returnGapSessions = 4
  /// A peer met at this many sessions or more is a regular peer.
  public var regularPeerSessions = 3
  /// Isolation in the group is judged only after this many sessions attended.
  public var isolationMinSessions = 4
  /// Having at most this many regular peers (after the minimum sessions) is isolation in the group.
  public var isolationMaxRegularPeers = 1

  /// The defaults.
  public init() {}
}

/// As a release's manifest records it (``StudyDesign``).
extension AttendanceSettings: Codable {
  enum CodingKeys: String, CodingKey {
    case studyEnd = "study_end"
    case returnGapSessions = "return_gap_sessions"
    case regularPeerSessions = "regular_peer_sessions"
    case isolationMinSessions = "isolation_min_sessions"
    case isolationMaxRegularPeers = "isolation_max_regular_peers"
  }
}
