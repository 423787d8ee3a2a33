/// When unrecognised answers and rejected rows stop a run (`max_unrecognised`, `max_rejected`).
public struct LossLimits: Sendable, Equatable {
  /// One text unrecognised in at least this many responses, and in more than
  /// ``unrecognisedShare`` of the column's answers, stops the run.
  public var unrecognisedCount = 3
  /// See ``unrecognisedCount``.
  public var unrecognisedShare = 0.02
  /// An input that rejects more than this share of its rows stops the run.
  public var rejectedShare = 0.1

  /// The defaults: 3 responses and 2 %; 10 % of rows.
  public init() {}

  /// Whether `answer` recurs enough to stop the run.
  public func stops(_ answer: UnrecognisedAnswer) -> Bool {
    answer.count >= unrecognisedCount
      && Double(answer.count) > unrecognisedShare * Double(answer.answered)
  }
}

/// One distinct text an item column held that is not an answer of its instrument.
public struct UnrecognisedAnswer: Sendable, Codable, Equatable {
  /// The item column.
  public var column: String
  /// The instrument the column is an item of.
  public var instrument: String
  /// The text, as first read (trimmed); others differing only in case, spacing, dashes or
  /// quotes are counted with it.
  public var text: String
  /// How many responses held it.
  public var count: Int
  /// How many responses answered the column at all (non-blank).
  public var answered: Int

  /// `LSNS_4: 'Five thru eight' × 41 of 80 answers — not an answer of lsns6`.
  public var words: String {
    "\(column): '\(text)' × \(count) of \(answered) answer\(answered == 1 ? "" : "s") — not an "
      + "answer of \(instrument)"
  }
}
