/// Bars of parts: one row per item, its parts side by side in one bar, each part labelled; a row
/// with a withheld part is not drawn at all (its drawn parts would give the withheld one away),
/// and says so.
struct StackedBarChart {
  var rows: [String]
  /// The parts' names, in order along the bar.
  var parts: [String]
  /// Each row's parts.
  var values: [[ChartCell]]

  private var labelWidth: Double { ChartAxis.labelWidth(for: rows) }
  private let plotWidth = 360.0
  private let barHeight = 18.0

  /// The SVG, titled `title`.
  func svg(title: String, describedBy: String) -> String {
    let top = 32.0
    let rowHeight = barHeight + 10
    let height = top + rowHeight * Double(rows.count) + 34
    var svg = SVGWriter(
      width: max(labelWidth + plotWidth + 40, labelWidth + ChartAxis.legendWidth(parts)),
      height: height)
    ChartAxis.legend(&svg, names: parts, x: labelWidth, y: 14)
    let totals = values.map { row in row.reduce(0) { $0 + ($1.number ?? 0) } }
    let scale = ChartScale(
      values: totals, including: [0], start: labelWidth, end: labelWidth + plotWidth)
    ChartAxis.horizontal(&svg, scale: scale, top: top, bottom: height - 30, unit: "people")
    for (row, name) in rows.enumerated() {
      let y = top + rowHeight * Double(row) + 5
      svg.text(name, x: labelWidth - 8, y: y + barHeight - 5, anchor: "end", size: 11)
      let cells = row < values.count ? values[row] : []
      guard cells.count == parts.count, cells.allSatisfy({ $0.number != nil }) else {
        svg.text(
          "not drawn: a part is withheld (*) under the disclosure rule", x: labelWidth + 4,
          y: y + barHeight - 5, size: 10, fill: ChartPalette.muted)
        continue
      }
      var left = 0.0
      for (index, cell) in cells.enumerated() {
        let value = cell.number ?? 0
        let x0 = scale.position(left)
        let x1 = scale.position(left + value)
        if value > 0 {
          svg.rect(
            x: x0, y: y, width: x1 - x0, height: barHeight, fill: ChartPalette.colour(index),
            stroke: "#ffffff", label: "\(name), \(parts[index]): \(cell.text)")
          if x1 - x0 >= 18 {
            svg.text(
              cell.text, x: (x0 + x1) / 2, y: y + barHeight - 5, anchor: "middle", size: 10,
              weight: "bold", fill: "#ffffff")
          }
        }
        left += value
      }
    }
    return svg.svg(title: title, describedBy: describedBy)
  }
}
