/// What the reading of a study found that may reach the release, as one immutable value: pids,
/// groups, attendance, answer codes, kept columns, and who was coded with which theme.
///
/// It holds no identifier, no raw quasi-identifier and no unscrubbed text: those are
/// ``PrivateValues``, a separate type, so a release file's producer that takes only a
/// `MeasuredStudy` cannot reach them, and one that needs them (generalising quasi-identifiers,
/// scrubbing free text and quotes) says so in its signature.
struct MeasuredStudy {
  /// The pids of the registers' people, by id (the ledger's pid ids).
  let pids: Interner
  /// The groups, by id (the ledger's group ids).
  let groups: Interner
  /// Who attended which session, and who was marked absent.
  let ledger: AttendanceLedger
  /// Every response's answer codes, by pid and wave.
  let responses: [SurveyResponse]
  /// Every participant: the registers' pids, then those only in surveys or interviews.
  let participants: [String]
  /// Kept (`keep:`) columns per pid: released as the pipeline declares them.
  let attributes: [String: [String: String]]
  /// Who was coded with which theme and code, how often; documents linked to no one have no
  /// pid.
  let themes: [CodedTheme]

  /// One participant's (or an unlinked document's) segments of one code.
  struct CodedTheme {
    var pid: String?
    var theme: String
    var code: String
    /// How many segments this stands for.
    var count: Int
  }
}

/// The values of a study that never reach the release as they are: the identifying values seen
/// (for the scrubber and the leak gate), raw quasi-identifiers (released only generalised), free
/// text and coded segments before scrubbing.
struct PrivateValues {
  /// The identifying values seen.
  let sensitive: SensitiveValues
  /// Quasi-identifiers per pid, as read.
  let quasi: [String: [QuasiIdentifierSpec.Kind: QuasiValue]]
  /// Kept free text, not scrubbed.
  let freeText: [FreeText]
  /// Coded segments with their documents and text, not scrubbed.
  let segments: [CodedSegment]
}

extension StudyData {
  /// The release-zone values of the finished reading.
  var measured: MeasuredStudy {
    MeasuredStudy(
      pids: pids, groups: groups, ledger: ledger, responses: responses,
      participants: participants, attributes: attributes,
      themes: codedSegments.map {
        MeasuredStudy.CodedTheme(pid: $0.pid, theme: $0.theme, code: $0.code, count: $0.count)
      })
  }

  /// The private-zone values of the finished reading.
  var privateValues: PrivateValues {
    PrivateValues(sensitive: sensitive, quasi: quasi, freeText: freeText, segments: codedSegments)
  }
}
