/// Estimates with their 95% intervals: one row per item, one marker per series (each series its
/// own shape and colour), a whisker from the interval's low to its high end.
struct DotIntervalChart {
  struct Estimate {
    var value: ChartCell
    var low: ChartCell
    var high: ChartCell
  }

  var rows: [String]
  /// Each series' name and its estimate per row.
  var series: [(name: String, estimates: [Estimate])]
  /// The axis' unit or what it measures.
  var unit: String
  /// Whether to mark zero (for changes and slopes).
  var markZero: Bool

  private var labelWidth: Double { ChartAxis.labelWidth(for: rows) }
  private let plotWidth = 360.0

  /// The SVG, titled `title`.
  func svg(title: String, describedBy: String) -> String {
    let rowHeight = 12.0 * Double(series.count) + 14
    let legendHeight = series.count > 1 ? 22.0 : 0
    let top = 10 + legendHeight
    let height = top + rowHeight * Double(rows.count) + 34
    var svg = SVGWriter(
      width: max(
        labelWidth + plotWidth + 40, labelWidth + ChartAxis.legendWidth(series.map(\.name))),
      height: height)
    let numbers = series.flatMap { entry in
      entry.estimates.flatMap {
        [$0.value.number, $0.low.number, $0.high.number].compactMap { $0 }
      }
    }
    let scale = ChartScale(
      values: numbers, including: markZero ? [0] : [], start: labelWidth,
      end: labelWidth + plotWidth)
    ChartAxis.horizontal(&svg, scale: scale, top: top, bottom: height - 30, unit: unit)
    if series.count > 1 {
      ChartAxis.legend(&svg, names: series.map(\.name), x: labelWidth, y: 14, markers: true)
    }
    for (row, name) in rows.enumerated() {
      let y = top + rowHeight * Double(row) + 10
      svg.text(name, x: labelWidth - 8, y: y + rowHeight / 2 - 6, anchor: "end", size: 11)
      for (index, entry) in series.enumerated() {
        let markerY = y + 12 * Double(index) + 2
        let estimate =
          row < entry.estimates.count
          ? entry.estimates[row]
          : Estimate(
            value: .withheld(text: ""), low: .withheld(text: ""), high: .withheld(text: ""))
        guard let value = estimate.value.number else {
          svg.text(
            "\(entry.name): not drawn (\(estimate.value.text))", x: labelWidth + 4,
            y: markerY + 4, size: 10, fill: ChartPalette.muted)
          continue
        }
        if let low = estimate.low.number, let high = estimate.high.number {
          svg.line(
            x1: scale.position(low), y1: markerY, x2: scale.position(high), y2: markerY,
            stroke: ChartPalette.colour(index), width: 2)
        }
        ChartMarker.draw(
          &svg, index: index, x: scale.position(value), y: markerY,
          label: "\(name), \(entry.name): \(estimate.value.text) "
            + "(\(estimate.low.text) to \(estimate.high.text))")
      }
    }
    return svg.svg(title: title, describedBy: describedBy)
  }
}
