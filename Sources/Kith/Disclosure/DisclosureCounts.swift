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

  /// Adds what `rule` does to the cells of `table`.
  mutating func add(_ table: StudyTable, rule: DisclosureRule) {
    for row in table.rows {
      for cell in row {
        switch cell {
        case .people(let n):
          if rule.count(n) == DisclosureRule.suppressed {
            countsSuppressed += 1
          } else if rule.rounded(n) != n {
            countsRounded += 1
          } else {
            countsShown += 1
          }
        case .percent(let part, let whole):
          tally(rule.percentage(part, of: whole) != DisclosureRule.suppressed)
        case .statistic(_, _, let n):
          tally(rule.allowsStatistic(n: n))
        case .revealsCount(_, let n):
          tally(rule.roundTo == 1 && rule.allowsStatistic(n: n))
        case .ratio(_, _, let count, let n):
          tally(
            rule.roundTo == 1 && rule.allowsStatistic(n: n)
              && rule.count(count) != DisclosureRule.suppressed
              && rule.count(n - count) != DisclosureRule.suppressed)
        case .text, .integer, .value, .constant, .blank:
          break
        }
      }
    }
  }

  private mutating func tally(_ shown: Bool) {
    if shown { statisticsShown += 1 } else { statisticsWithheld += 1 }
  }
}
