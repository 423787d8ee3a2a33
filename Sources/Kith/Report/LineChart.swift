/// Series over a numbered axis (weeks), one line and marker shape per series; a withheld value
/// is not drawn and breaks its line, so no line runs through a value the rule hides.
struct LineChart {
  /// The positions along the horizontal axis, in order (week numbers).
  var positions: [Double]
  /// Each series' name and its value at every position.
  var series: [(name: String, values: [ChartCell])]
  /// What the horizontal axis counts (`week of the study`).
  var across: String
  /// What the values count (`people`).
  var unit: String

  private let left = 48.0
  private let plotWidth = 520.0
  private let plotHeight = 200.0

  /// The SVG, titled `title`.
  func svg(title: String, describedBy: String) -> String {
    let legendHeight = series.count > 1 ? 22.0 * Double((series.count + 3) / 4) : 0
    let top = 14 + legendHeight
    let bottom = top + plotHeight
    var svg = SVGWriter(width: left + plotWidth + 24, height: bottom + 44)
    if series.count > 1 {
      // Four names a row, so that twelve groups fit the page.
      for start in stride(from: 0, to: series.count, by: 4) {
        let names = series[start..<min(series.count, start + 4)].map(\.name)
        ChartAxis.legend(
          &svg, names: names, x: left, y: 14 + 22 * Double(start / 4), markers: true,
          first: start)
      }
    }
    let vertical = ChartScale(
      values: series.flatMap { $0.values.compactMap(\.number) }, including: [0], start: bottom,
      end: top)
    let horizontal = ChartScale(
      values: positions, tickCount: 8, start: left, end: left + plotWidth)
    for tick in vertical.ticks {
      let y = vertical.position(tick)
      svg.line(x1: left, y1: y, x2: left + plotWidth, y2: y, stroke: ChartPalette.grid)
      svg.text(vertical.label(tick), x: left - 6, y: y + 4, anchor: "end", size: 10)
    }
    for tick in horizontal.ticks {
      svg.text(
        horizontal.label(tick), x: horizontal.position(tick), y: bottom + 14, anchor: "middle",
        size: 10)
    }
    svg.line(x1: left, y1: bottom, x2: left + plotWidth, y2: bottom, stroke: ChartPalette.axis)
    svg.text(
      across, x: left + plotWidth / 2, y: bottom + 30, anchor: "middle", size: 10,
      fill: ChartPalette.muted)
    let n = SVGWriter.number
    let point = { (position: Double, value: Double) in
      (x: horizontal.position(position), y: vertical.position(value))
    }
    // Lines first, markers over them: each run of drawn values is its own line.
    for (index, entry) in series.enumerated() {
      var run: [String] = []
      for (position, cell) in zip(positions, entry.values) + [(0, .withheld(text: ""))] {
        if let value = cell.number {
          let (x, y) = point(position, value)
          run.append("\(n(x)) \(n(y))")
        } else {
          if run.count > 1 {
            svg.path("M" + run.joined(separator: "L"), stroke: ChartPalette.colour(index))
          }
          run = []
        }
      }
    }
    for (index, entry) in series.enumerated() {
      for (position, cell) in zip(positions, entry.values) {
        guard let value = cell.number else { continue }
        let (x, y) = point(position, value)
        ChartMarker.draw(
          &svg, index: index, x: x, y: y,
          label: "\(entry.name), \(across) \(n(position)): \(cell.text) \(unit)")
      }
    }
    return svg.svg(title: title, describedBy: describedBy)
  }
}
