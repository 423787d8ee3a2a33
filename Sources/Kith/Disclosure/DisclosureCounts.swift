/// What the disclosure rule did to the study tables' cells, for the privacy report.
public struct DisclosureCounts: Sendable, Codable, Equatable {
  /// Counts of people published as they are (zero included).
  public var countsShown = 0
  /// Counts of people published rounded to a different number.
  public var countsRounded = 0
  /// Counts of people suppressed (`*`).
  public var countsSuppressed = 0
  /// Statistics (means, tests, percentages, intervals) published.
  public var statisticsShown = 0
  /// Statistics withheld (`*`) because too few people stand behind them, or because they
  /// would give a count back.
  public var statisticsWithheld = 0

  enum CodingKeys: String, CodingKey {
    case countsShown = "counts_shown"
    case countsRounded = "counts_rounded"
    case countsSuppressed = "counts_suppressed"
    case statisticsShown = "statistics_shown"
    case statisticsWithheld = "statistics_withheld"
  }

  /// Adds what the release published of `table`'s cells (`published`, its rendering).
  mutating func add(_ table: StudyTable, published: PublishedTable) {
    for (cells, values) in zip(table.rows, published.rows) {
      for (cell, value) in zip(cells, values) {
        switch cell {
        case .people(let n, _):
          if value.isSuppressed {
            countsSuppressed += 1
          } else if value.text != String(n) {
            countsRounded += 1
          } else {
            countsShown += 1
          }
        case .percent, .statistic, .revealsCount, .ratio:
          if value.isSuppressed {
            statisticsWithheld += 1
          } else if !value.text.isEmpty {
            statisticsShown += 1
          }
        case .text, .integer, .value, .constant, .blank:
          break
        }
      }
    }
  }
}
