import Foundation

/// One qualitative coding export the pipeline reads: where it is, how it is laid out, how its
/// documents or cases are linked to participants, and how its codes become themes.
public struct CodingSpec: Sendable {
  /// The export's name in the pipeline (`interviews`).
  public var name: String
  /// The export.
  public var path: URL
  /// The path as the pipeline names it.
  public var displayPath: String
  /// How the export is laid out.
  public var format: CodingFormat
  /// The case variable (REFI-QDA) or column (CSV) holding each participant's identifier, and
  /// its kind.
  public var identifier: IdentifierSpec?
  /// Document or case names mapped to participants' identifiers, for exports that do not carry
  /// the identifier (`Interview 07: p07@example.org`).
  public var documents: [String: String]
  /// A REFI-QDA codebook (`.qdc`) giving the code hierarchy, when the export lacks it.
  public var codebook: URL?
  /// Themes by name, each with the codes (names or `parent/child` paths) it gathers; empty
  /// means each code's theme is the top of its hierarchy.
  public var themes: [(theme: String, codes: [String])]
  /// Whether coded text is released as quotes (scrubbed, shortened, pid only).
  public var quotes: Bool
  /// The longest released quote, in characters.
  public var quoteMaxLength: Int
  /// A digest of the pipeline's entry, for the stage fingerprints.
  public var digest = ""
}

/// The coding exports Kith reads.
public enum CodingFormat: String, Sendable, CaseIterable {
  /// A REFI-QDA project: `.qdpx` (a ZIP holding `project.qde` and the sources) or the `.qde`
  /// XML alone — NVivo, ATLAS.ti, MAXQDA, QualCoder, f4 and others export it.
  case refiQDA = "refi-qda"
  /// Taguette's highlights CSV: `id, document, tag[, tag_parent, tag_full_path,
  /// tag_description], content`.
  case taguette
  /// A codes-by-cases matrix (QualCoder's report saved as CSV): the first column names the
  /// case, every other column is a code holding the number of coded segments.
  case qualcoder
  /// Plain CSV: `participant, code[, segment]` — one row per coded segment.
  case csv
}

/// Which instruments the joint displays compare themes with.
public struct JointDisplaySpec: Sendable {
  /// The wellbeing instrument (higher is better): `wemwbs` unless the pipeline says otherwise.
  public var wellbeing: String?
  /// The loneliness instrument: `ucla3` unless the pipeline says otherwise.
  public var loneliness: String?
}
