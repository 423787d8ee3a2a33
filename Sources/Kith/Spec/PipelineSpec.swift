import Foundation
import KithCSV

/// A validated pipeline file: what to read, how to pseudonymise it, what to measure and where to
/// write.
///
/// Paths are resolved against the pipeline file's folder.
public struct PipelineSpec: Sendable {
  /// The pipeline file as the user named it (for messages).
  public var file: String
  /// The folder holding the pipeline file; relative paths in it start here.
  public var directory: URL
  /// The study's name.
  public var study: String
  /// The key file named in the pipeline, if any (`--key` and `KITH_KEY_FILE` come first).
  public var keyFile: Located<URL>?
  /// Whether this is a demonstration study that may use a key tracked by git.
  public var demo: Bool
  /// The waves in order; participant columns follow it (`wemwbs_baseline`, `wemwbs_followup`).
  public var waves: [String]
  /// The instruments to score, in order: shipped ones named by id, the study's own read from
  /// their definition files.
  public var instruments: [Located<Instrument>]
  /// What to do when a participant has more than one response in a wave.
  public var duplicates: DuplicatePolicy
  /// When unrecognised answers and rejected rows stop the run (`max_unrecognised`,
  /// `max_rejected`); each input may set its own.
  public var lossLimits = LossLimits()
  /// The small-number rule for published counts and statistics.
  public var disclosure: DisclosureRule
  /// k-anonymity over the quasi-identifiers.
  public var kAnonymity: KAnonymitySpec
  /// How absolute dates are released.
  public var dates: DateRelease
  /// Thresholds of the engagement and isolation measures.
  public var attendance: AttendanceSettings
  /// The date ages are computed at: `nil` for each participant's first attendance.
  public var ageReference: Int?
  /// The kind of identifier pids are derived from; identifiers of other kinds are linked to it
  /// through rows that hold both.
  public var pidKind: IdentifierKind
  /// The inputs, in the order the pipeline lists them.
  public var inputs: [InputSpec]
  /// The qualitative coding exports (`qualitative:`).
  public var codings: [CodingSpec] = []
  /// The instruments the joint displays compare themes with.
  public var jointDisplay = JointDisplaySpec()
  /// Where outputs go when `--out` is not given; `out/<pipeline name>` under the current folder
  /// when the pipeline does not say.
  public var outputDirectory: URL?
  /// Which release files are published (`outputs.data`, `outputs.tables`).
  public var release = ReleaseSelection()
  /// How the report looks (`report: {title, template, logo}`).
  public var report = ReportSettings()

  /// The SHA-256 of the pipeline file, in hex.
  public var sha256: String
  /// A digest of each top-level setting (`waves`, `instruments`, …) in canonical YAML, so that a
  /// change in layout or comments is not a change.
  public var settingDigests: [String: String] = [:]
  /// The lines of the pipeline file, for echoing them under errors found after loading.
  public var sourceLines: [String]

  /// An error pointing at `location` in the pipeline file.
  public func error(_ message: String, at location: SourceLocation?, hint: String? = nil)
    -> PipelineError
  {
    let line = location.flatMap { $0.line <= sourceLines.count ? sourceLines[$0.line - 1] : nil }
    return PipelineError(message, file: file, at: location, hint: hint, sourceLine: line)
  }

  /// Whether some input or coding identifies people by another kind than the pid's, so that
  /// pids come through links between identifiers found across all inputs.
  var linksIdentifiers: Bool {
    inputs.contains { input in
      input.identifiers.count > 1 || input.identifiers.first?.kind != pidKind
    } || codings.contains { ($0.identifier?.kind ?? pidKind) != pidKind }
  }

  /// Every file the run reads, by the name its stage is known by: inputs, coding exports and
  /// their codebooks.
  var trackedFiles: [(name: String, displayPath: String, path: URL)] {
    var files: [(name: String, displayPath: String, path: URL)] = []
    for input in inputs {
      files.append((input.name, input.displayPath, input.path))
      if let dictionary = input.dictionary {
        files.append(("\(input.name):dictionary", dictionary.displayPath, dictionary.path))
      }
    }
    for coding in codings {
      files.append((coding.name, coding.displayPath, coding.path))
      if let codebook = coding.codebook {
        files.append(("\(coding.name):codebook", codebook.lastPathComponent, codebook))
      }
    }
    return files
  }

  /// The pipeline file name without its extension (`example` for `pipelines/example.yaml`).
  public var name: String {
    URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
  }
}

/// One export the pipeline reads.
public struct InputSpec: Sendable {
  /// What the input holds.
  public enum Kind: String, Sendable, CaseIterable {
    /// Survey responses: one row per response, with instrument items.
    case survey
    /// An attendance register in long form: one row per person per session.
    case register
  }

  /// What happens to a malformed row.
  public enum ErrorPolicy: String, Sendable, CaseIterable {
    /// The row goes to `private/rejects.csv` with the reason; the run goes on.
    case rejectRow = "reject-row"
    /// The run stops with exit code 1.
    case fail
  }

  /// The export format, which sets defaults such as the number of header rows.
  public enum Format: String, Sendable, CaseIterable {
    /// Plain CSV with one header row.
    case csv
    /// Qualtrics' current export: three header rows (export tags, question text, import ids).
    case qualtrics
    /// Qualtrics' legacy (pre-2017) export: two header rows, metadata tagged `V1`, `V2`, … with
    /// their names in the second row.
    case qualtricsLegacy = "qualtrics-legacy"
    /// A REDCap export (raw or labels): the record id first, `redcap_event_name` in
    /// longitudinal projects, `<form>_complete` status columns.
    case redcap
    /// A SurveyMonkey export: two header rows, question texts over answer options.
    case surveymonkey
    /// A Google Forms download: `Timestamp`, then one column per question text.
    case googleForms = "google-forms"
    /// A Microsoft Forms export: `ID, Start time, Completion time, Email, Name`, then questions.
    case microsoftForms = "microsoft-forms"
    /// A LimeSurvey response export: `Response ID`, `Date submitted` (blank when incomplete), ….
    case limesurvey
    /// A wide attendance register: one row per person, one column per session, headed by its
    /// date; a blank cell records nothing.
    case wide
    /// A Microsoft Teams meeting attendance report: one meeting, in sections (summary,
    /// participants with their time in the meeting, activities), usually UTF-16 and tab-separated.
    case teams
    /// A Zoom participants report: one meeting, an optional meeting summary, then one row per
    /// join with its duration in minutes.
    case zoom
  }

  /// The input's name in the pipeline (the key under `inputs:`).
  public var name: String
  /// A digest of the input's section in canonical YAML.
  public var digest = ""
  /// The file.
  public var path: URL
  /// The file as written in the pipeline, for messages and the run log.
  public var displayPath: String
  /// Where `path:` was written.
  public var pathLocation: SourceLocation?
  /// What the input holds.
  public var kind: Kind
  /// The export format.
  public var format: Format
  /// How to read the CSV.
  public var dialect: CSVDialect
  /// What happens to a malformed row.
  public var onError: ErrorPolicy
  /// The columns that identify the person, each with its kind; a row may fill any of them.
  public var identifiers: [IdentifierSpec]
  /// Other columns that identify a person (names, phone numbers): never released, and their
  /// values are searched for in the release before it is published.
  public var identifying: [Located<String>]
  /// Columns released as they are, as participant attributes.
  public var keep: [Located<String>]
  /// Kept or free-text columns that look like quasi-identifiers, released as they are with the
  /// reason the pipeline gives (`keep_raw: {age: "…"}`), by column name.
  public var keepRaw: [String: String] = [:]
  /// Quasi-identifier columns, released generalised.
  public var quasiIdentifiers: [QuasiIdentifierSpec]
  /// `quasi_identifiers.priority` on this input, if given.
  public var quasiPriority: Located<[QuasiIdentifierSpec.Kind]>?
  /// Free-text columns released after scrubbing (`release/data/free_text.csv`); every other
  /// free-text column is dropped.
  public var freeText: [Located<String>]
  /// Survey inputs: the wave of every response.
  public var wave: WaveSpec?
  /// Survey inputs: whether unfinished responses (Qualtrics `Finished` = 0, LimeSurvey without
  /// `Date submitted`) are kept; by default they are rejected.
  public var partialResponses = false
  /// Whether the format was detected from the file rather than named in the pipeline.
  public var formatDetected = false
  /// Survey inputs: item columns per instrument id, overriding the instrument's default.
  public var items: [String: ItemColumns]
  /// Survey inputs: instruments whose reversed items the export already holds reversed (CORE-10
  /// paper forms print them so); it applies to numbers only, as labels carry their own meaning.
  public var reversedInExport: Set<String> = []
  /// Survey inputs: per instrument id, the numbering (one of the definition's
  /// ``AnswerCoding/numberings``) the export's bare numbers follow (`codes:`).
  public var numberings: [String: String] = [:]
  /// When unrecognised answers and rejected rows stop the run, for this input.
  public var lossLimits = LossLimits()
  /// Survey inputs: answer wordings this export adds (`answers:`), keyed by an instrument id
  /// (for all its items) or by an item column, each label (keyed by ``AnswerCoding/key(_:)``)
  /// with its code.
  public var answerWordings: [String: [String: Int]] = [:]
  /// Where each key of ``answerWordings`` was written, for a column the export lacks.
  public var answerWordingLocations: [String: SourceLocation] = [:]
  /// REDCap inputs: the project's data dictionary (`DataDictionary.csv`), naming each field's
  /// form, and the path as the pipeline writes it.
  public var dictionary: (path: URL, displayPath: String)?
  /// An Excel input: the workbook the pipeline names, whose sheet ``path`` holds as CSV.
  public var excel: ExcelSource?
  /// The study period this input's sessions or responses must fall in: its own `period:` over
  /// the pipeline's; `nil` for none.
  public var period: StudyPeriod?
  /// Register inputs: the column naming the group (for a Teams or Zoom report, the group's
  /// name; when absent, the meeting title).
  public var group: Located<String>?
  /// Register inputs: the one group every row belongs to (`group: {name: Riverside}`), for an
  /// export with no group column.
  public var fixedGroup: String?
  /// Teams reports: the minutes in the meeting that count as attending.
  public var minimumMinutes: Int
  /// Register inputs: the session date column and its format (in a wide register, the format of
  /// the session columns' headers, and no column).
  public var date: DateColumnSpec?
  /// Register inputs: the column saying whether the person attended; without it every row is an
  /// attendance.
  public var attended: AttendedSpec?
}

/// The columns holding an instrument's items in one export.
public enum ItemColumns: Sendable {
  /// Column names made from a pattern: `{n}` stands for the item number.
  case pattern(Located<String>)
  /// One column name per item, in item order (for exports headed by question text).
  case names([Located<String>])

  /// Where the pipeline gave the columns.
  public var location: SourceLocation? {
    switch self {
    case .pattern(let pattern): pattern.location
    case .names(let names): names.first?.location
    }
  }
}

/// What to do when a participant answers a wave more than once.
public enum DuplicatePolicy: String, Sendable, CaseIterable {
  /// Keep the first response with every item answered (the first response when none is).
  case firstComplete = "first-complete"
  /// Keep the last response with every item answered (the last response when none is).
  case lastComplete = "last-complete"
  /// Stop the run, naming both responses.
  case error
}

/// The column a pid is derived from.
public struct IdentifierSpec: Sendable {
  /// The column.
  public var column: Located<String>
  /// How its values are normalised and which domain tag goes into the HMAC.
  public var kind: IdentifierKind
}

/// Where a survey response's wave comes from.
public enum WaveSpec: Sendable, Equatable {
  /// Every response in the file belongs to this wave.
  case fixed(Located<String>)
  /// A column holds the wave, either as the wave's name or as a value that `map` turns into one
  /// (REDCap events: `enrollment_arm_1` → `baseline`).
  case column(Located<String>, map: [String: String])
  /// A date column places each response in the window, counted in days from the participant's
  /// first attended session, that holds it.
  case window(date: Located<String>, format: DateFormat, windows: [WaveWindow])
}

/// The days, counted from a participant's first attended session, in which a response belongs
/// to one wave: `from` and `to` included, negative before the first session.
public struct WaveWindow: Sendable, Equatable {
  /// The wave.
  public var wave: String
  /// The first day of the window.
  public var from: Int
  /// The last day of the window.
  public var to: Int

  /// Whether `day` falls in the window.
  public func contains(_ day: Int) -> Bool { (from...to).contains(day) }
}

/// A date column and how its dates are written.
public struct DateColumnSpec: Sendable {
  /// The column; `nil` in a wide register.
  public var column: Located<String>?
  /// The format.
  public var format: DateFormat
}

/// The column recording attendance, and which of its values mean present or absent.
public struct AttendedSpec: Sendable {
  /// The column; `nil` in a wide register, whose session columns hold the marks.
  public var column: Located<String>?
  /// Values meaning the person attended (compared case-insensitively, trimmed).
  public var present: [String]
  /// Values meaning the person did not attend.
  public var absent: [String]

  /// The default marks, each with one meaning: `Y`, `Yes`, `1`, `✓`, `P`, `present`,
  /// `attended` for present; `N`, `No`, `0`, `A`, `absent`, `apologies`, `DNA` and blank for
  /// absent.
  public static let defaultPresent = [
    "y", "yes", "1", "✓", "p", "present", "attended", "true",
  ]
  /// Marks registers use both ways (`x` ticks a box in one register and crosses out a name in
  /// another; `/`, `-` and `.` likewise): never a default, and a register holding one that the
  /// pipeline does not declare stops the run, so that no attendance is guessed.
  public static let ambiguous: Set<String> = ["x", "/", "-", "."]
  /// See ``defaultPresent``.
  public static let defaultAbsent = [
    "n", "no", "0", "a", "absent", "apologies", "dna", "false", "",
  ]
}
