/// A published table as SPSS and Stata hold one: variables with labels, coded columns as
/// numbers with value labels, dates as dates, and `*` and empty cells as declared missing
/// values — made from the CSV file's rows and its schema, so that it holds exactly what the CSV
/// holds (``ReadStatFile`` writes and reads it).
struct LabelledTable: Equatable {
  /// The table's label: the study's title.
  var label: String
  var variables: [Variable]
  /// The rows, each as long as ``variables``.
  var rows: [[Cell]]

  /// One column.
  struct Variable: Equatable {
    /// The name in the file (legal in the format; ``VariableNames``).
    var name: String
    /// The CSV column it holds.
    var column: String
    /// A short label (the data dictionary's description, shortened to the format's limit).
    var label: String
    var kind: Kind
    /// Labels of coded values (1 = `baseline`), in code order.
    var valueLabels: [ValueLabel] = []
  }

  /// A code and its label.
  struct ValueLabel: Equatable {
    var code: Int
    var label: String
  }

  /// What a variable holds.
  enum Kind: Equatable {
    /// Numbers; `decimals` is the most a value has (0: whole numbers).
    case number(decimals: Int)
    /// Codes of labelled values (a CSV text column of few values, or a yes/no 0/1).
    case coded
    /// Days (a CSV `YYYY-MM-DD`), as the format's date.
    case date
    /// Text, at most `width` bytes.
    case text(width: Int)
  }

  /// A value.
  enum Cell: Equatable {
    case number(Double)
    /// A date, in days since 1970-01-01.
    case day(Int)
    case text(String)
    case missing(Missing)
  }

  /// Why a value is missing: each a declared missing value (SPSS user-missing, Stata `.a`/`.b`).
  enum Missing: Character, CaseIterable {
    /// `*` in the CSV: withheld under the disclosure rule or k-anonymity.
    case withheld = "a"
    /// Empty in the CSV: not scored, not measured, not applicable.
    case empty = "b"

    /// Its label in the files and the codebook.
    var label: String {
      switch self {
      case .withheld: "withheld (* in the CSV): suppressed under the disclosure rule"
      case .empty: "empty in the CSV: not scored, not measured or not applicable"
      }
    }

    /// The SPSS user-missing code of a numeric variable.
    var spssCode: Double {
      switch self {
      case .withheld: -999_999
      case .empty: -999_998
      }
    }
  }
}
