/// A row that was rejected, or a value set aside as missing, with the reason.
///
/// Rejects live in `private/rejects.csv` only: their raw text may hold identifiers.
public struct Reject: Sendable, Equatable, Codable {
  /// What happened to the row.
  public enum Outcome: String, Sendable, Codable {
    /// The row was left out of every output.
    case rowRejected = "row rejected"
    /// The row was kept, with this value treated as missing.
    case valueMissing = "value treated as missing"
    /// The row is a register's summary line (`Total`), not data (``SummaryRow``).
    case summaryRow = "summary row skipped"
  }

  /// The input's name in the pipeline.
  public var source: String
  /// The physical line the row starts on.
  public var line: Int
  /// What is wrong, in words.
  public var reason: String
  /// The row as read, written back as CSV.
  public var raw: String
  /// The column concerned, when one is.
  public var column: String?
  /// What happened to the row.
  public var outcome: Outcome

  /// A reject of the row at `line` of input `source`.
  package init(
    source: String, line: Int, reason: String, raw: String, column: String?, outcome: Outcome
  ) {
    (self.source, self.line, self.reason, self.raw) = (source, line, reason, raw)
    (self.column, self.outcome) = (column, outcome)
  }

  /// The columns of `rejects.csv`.
  public static let csvHeader = ["source", "line", "reason", "raw", "column", "outcome"]

  /// The record for `rejects.csv`.
  public var csvRecord: [String] {
    [source, String(line), reason, raw, column ?? "", outcome.rawValue]
  }
}

/// The rejects of a run, in the order found.
package final class RejectLog {
  package private(set) var entries: [Reject] = []

  /// An empty log.
  package init() {}

  package func add(_ reject: Reject) { entries.append(reject) }

  /// Sets the raw text of the reject at `index`.
  package func setRaw(_ raw: String, at index: Int) { entries[index].raw = raw }
}

/// Why a data row could not be used; the input's policy decides whether it is rejected or stops
/// the run.
package struct RowRejection: Error, Equatable {
  package var reason: String
  package var column: String?

  /// A rejection for `reason`, naming the `column` at fault when one is.
  package init(reason: String, column: String? = nil) {
    (self.reason, self.column) = (reason, column)
  }
}

/// A problem in the data that the pipeline's policy makes fatal (exit code 1).
public struct DataError: Error, Sendable, CustomStringConvertible {
  /// What happened, naming file, line and column but never an identifier's value.
  public var message: String

  /// Creates the error.
  public init(_ message: String) { self.message = message }

  /// The message.
  public var description: String { message }
}
