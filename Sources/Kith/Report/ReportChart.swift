/// One chart of the report: the drawing and what a reader who cannot see it needs — a title, a
/// summary in words, and its numbers as a table.
struct ReportChart {
  /// The chart's id in the page (`chart-retention`).
  var id: String
  var title: String
  /// What the chart shows, in a sentence or two.
  var summary: String
  /// The `<svg>` element.
  var svg: String
  /// The numbers drawn, as published (`*` where the disclosure rule withholds one).
  var columns: [String]
  var rows: [[String]]
}

/// A value a chart draws, as the study table published it.
enum ChartCell: Equatable {
  /// A number, with the text the table shows for it.
  case value(Double, text: String)
  /// Withheld or suppressed under the disclosure rule (`*`), or not computed (empty): never
  /// drawn.
  case withheld(text: String)

  /// The cell of a published table's text: a number, else withheld.
  init(_ text: String) {
    if let number = Double(text) {
      self = .value(number, text: text)
    } else {
      self = .withheld(text: text)
    }
  }

  /// The number, when there is one to draw.
  var number: Double? {
    if case .value(let number, _) = self { return number }
    return nil
  }

  /// The text as published (`*` for a withheld count, `–` for an empty cell).
  var text: String {
    switch self {
    case .value(_, let text): text
    case .withheld(let text): text.isEmpty ? "–" : text
    }
  }
}

/// The report's colours: Okabe and Ito's palette, which readers with any common colour-vision
/// deficiency tell apart; charts also label each series in words, so no meaning rests on
/// colour alone.
enum ChartPalette {
  static let series = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
  static let axis = "#555555"
  static let grid = "#dddddd"
  static let ink = "#1a1a1a"
  static let muted = "#6b6b6b"

  /// The colour of series `index`.
  static func colour(_ index: Int) -> String { series[index % series.count] }
}
