/// What the release's data files are made from: the measured study, the measures computed from
/// it once for every file that shows them, and private text only as scrubbed.
///
/// A data file's descriptor cannot reach a private value: quasi-identifiers come generalised
/// (``quasi``), free text and coded segments scrubbed (``scrubbedFreeText()``,
/// ``quotableSegments()``); the raw values are private to this type.
struct MeasuredRelease {
  let spec: PipelineSpec
  /// The release-zone values of the study.
  let study: MeasuredStudy
  /// Raw free text and coded segments, given out only scrubbed.
  private let privateValues: PrivateValues
  /// Scrubs released free text and quotes, counting what it removes.
  private let scrubber: TextScrubber
  /// Every score of every response, and where each participant's are.
  let scores: ScoreRelease
  /// Engagement, co-attendance, sessions and groups.
  let engagement: AttendanceRelease
  /// The generalised quasi-identifiers of every participant.
  let quasi: QuasiRelease
  /// Every participant, sorted, with where each one's measures are.
  let roster: Roster

  /// Measures of the study, with the private values whose text is released scrubbed by
  /// `scrubber`.
  init(
    spec: PipelineSpec, study: MeasuredStudy, privateValues: PrivateValues,
    scrubber: TextScrubber, scores: ScoreRelease, engagement: AttendanceRelease,
    quasi: QuasiRelease, roster: Roster
  ) {
    (self.spec, self.study, self.privateValues, self.scrubber) =
      (spec, study, privateValues, scrubber)
    (self.scores, self.engagement, self.quasi, self.roster) = (scores, engagement, quasi, roster)
  }

  /// The kept free-text answers, each scrubbed of identifying text.
  func scrubbedFreeText() -> [FreeText] {
    privateValues.freeText.map { answer in
      var scrubbed = answer
      scrubbed.text = scrubber.scrub(answer.text)
      return scrubbed
    }
  }

  /// The coded segments that may be quoted (their coding allows quotes, they belong to someone,
  /// they hold text), each with its text on one line and scrubbed; `nil` when no coding allows
  /// quotes.
  func quotableSegments() -> [CodedSegment]? {
    guard privateValues.segments.contains(where: \.quotes) else { return nil }
    return privateValues.segments.compactMap { segment in
      guard segment.quotes, segment.pid != nil else { return nil }
      let text = segment.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      guard !text.isEmpty else { return nil }
      var scrubbed = segment
      scrubbed.text = scrubber.scrub(text)
      return scrubbed
    }
  }

  /// Every participant, sorted as ``PidOrder`` sorts, with where each one's measures are.
  struct Roster {
    var pids: [String]
    /// Each participant's pid id in the ledger, if they are in a register.
    var ids: [Int32?]
    /// Where each participant's scores start, if they have any.
    var firstScores: [Int?]
  }
}
