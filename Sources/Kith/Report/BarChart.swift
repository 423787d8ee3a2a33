/// Horizontal bars: one row per category, one bar per series, each labelled with its value; a
/// withheld value is not drawn, and its row says so.
struct BarChart {
  var categories: [String]
  /// Each series' name and its value per category.
  var series: [(name: String, values: [ChartCell])]
  /// The axis' unit (`%`, `sessions`).
  var unit: String
  /// The largest value the axis must reach (100 for percentages), beside the data's own.
  var axisMaximum: Double?

  private var labelWidth: Double { ChartAxis.labelWidth(for: categories) }
  private let plotWidth = 380.0
  private let barHeight = 14.0

  /// The SVG, titled `title`.
  func svg(title: String, describedBy: String) -> String {
    let rowHeight = barHeight * Double(series.count) + 12
    let legendHeight = series.count > 1 ? 22.0 : 0
    let top = 10 + legendHeight
    let height = top + rowHeight * Double(categories.count) + 34
    var svg = SVGWriter(
      width: max(
        labelWidth + plotWidth + 60, labelWidth + ChartAxis.legendWidth(series.map(\.name))),
      height: height)
    let numbers = series.flatMap { $0.values.compactMap(\.number) }
    let scale = ChartScale(
      values: numbers, including: [0] + (axisMaximum.map { [$0] } ?? []),
      start: labelWidth, end: labelWidth + plotWidth)
    ChartAxis.horizontal(
      &svg, scale: scale, top: top, bottom: height - 30, unit: unit)
    if series.count > 1 {
      ChartAxis.legend(&svg, names: series.map(\.name), x: labelWidth, y: 14)
    }
    for (row, category) in categories.enumerated() {
      let y = top + rowHeight * Double(row) + 6
      svg.text(category, x: labelWidth - 8, y: y + rowHeight / 2 - 2, anchor: "end", size: 11)
      for (index, entry) in series.enumerated() {
        let barY = y + barHeight * Double(index)
        let value = row < entry.values.count ? entry.values[row] : .withheld(text: "")
        guard let number = value.number else {
          svg.text(
            "\(entry.name): not drawn (\(value.text))", x: scale.position(0) + 4,
            y: barY + barHeight - 3, size: 10, fill: ChartPalette.muted)
          continue
        }
        let x0 = scale.position(min(0, number))
        let x1 = scale.position(max(0, number))
        svg.rect(
          x: x0, y: barY, width: max(x1 - x0, 0.5), height: barHeight - 2,
          fill: ChartPalette.colour(index), label: "\(category), \(entry.name): \(value.text)")
        svg.text(
          value.text + (unit == "%" ? "%" : ""), x: x1 + 4, y: barY + barHeight - 3, size: 10)
      }
    }
    return svg.svg(title: title, describedBy: describedBy)
  }
}
