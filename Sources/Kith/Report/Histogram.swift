/// Counts in bins side by side (vertical bars touching, as a histogram draws them), each labelled
/// with its count; a withheld count is not drawn, and its bin says `*`.
struct Histogram {
  /// The bins' labels, in order (`1`, `2–3`, …).
  var bins: [String]
  var counts: [ChartCell]
  /// What is counted (`people`).
  var unit: String

  private let left = 48.0
  private let binWidth = 70.0
  private let plotHeight = 180.0

  /// The SVG, titled `title`.
  func svg(title: String, describedBy: String) -> String {
    let top = 16.0
    let bottom = top + plotHeight
    var svg = SVGWriter(
      width: left + binWidth * Double(max(bins.count, 1)) + 20, height: bottom + 44)
    let scale = ChartScale(
      values: counts.compactMap(\.number), including: [0], start: bottom, end: top)
    for tick in scale.ticks {
      let y = scale.position(tick)
      svg.line(
        x1: left, y1: y, x2: left + binWidth * Double(bins.count), y2: y, stroke: ChartPalette.grid)
      svg.text(scale.label(tick), x: left - 6, y: y + 4, anchor: "end", size: 10)
    }
    for (index, bin) in bins.enumerated() {
      let x = left + binWidth * Double(index)
      let cell = index < counts.count ? counts[index] : .withheld(text: "")
      svg.text(bin, x: x + binWidth / 2, y: bottom + 16, anchor: "middle", size: 11)
      guard let count = cell.number else {
        svg.text(
          cell.text, x: x + binWidth / 2, y: bottom - 6, anchor: "middle", size: 12,
          weight: "bold", fill: ChartPalette.muted)
        continue
      }
      let y = scale.position(count)
      svg.rect(
        x: x, y: y, width: binWidth, height: bottom - y, fill: ChartPalette.colour(0),
        stroke: "#ffffff", label: "\(bin): \(cell.text)")
      svg.text(cell.text, x: x + binWidth / 2, y: y - 4, anchor: "middle", size: 11)
    }
    svg.line(
      x1: left, y1: bottom, x2: left + binWidth * Double(bins.count), y2: bottom,
      stroke: ChartPalette.axis)
    svg.text(
      unit, x: left + binWidth * Double(bins.count) / 2, y: bottom + 34, anchor: "middle",
      size: 10, fill: ChartPalette.muted)
    return svg.svg(title: title, describedBy: describedBy)
  }
}
