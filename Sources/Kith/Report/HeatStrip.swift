/// A grid of shaded cells: one row per item, one column per period, each cell shaded by its
/// value on one scale of blue and labelled with the number, so that no reading rests on the
/// shade alone.
struct HeatStrip {
  var rows: [String]
  /// The periods, in order (`2025-01`).
  var columns: [String]
  /// Each row's value per period.
  var values: [[Int]]

  private var labelWidth: Double { ChartAxis.labelWidth(for: rows) }
  private let cellWidth = 34.0
  private let cellHeight = 20.0

  /// The SVG, titled `title`.
  func svg(title: String, describedBy: String) -> String {
    let top = 24.0
    let width = labelWidth + cellWidth * Double(max(columns.count, 1)) + 10
    var svg = SVGWriter(width: width, height: top + cellHeight * Double(rows.count) + 6)
    let largest = max(1, values.flatMap { $0 }.max() ?? 1)
    for (index, column) in columns.enumerated() {
      svg.text(
        Self.shortPeriod(column), x: labelWidth + cellWidth * (Double(index) + 0.5), y: 16,
        anchor: "middle", size: 9)
    }
    for (row, name) in rows.enumerated() {
      let y = top + cellHeight * Double(row)
      svg.text(name, x: labelWidth - 8, y: y + cellHeight - 6, anchor: "end", size: 11)
      for (index, column) in columns.enumerated() {
        let value = row < values.count && index < values[row].count ? values[row][index] : 0
        let share = Double(value) / Double(largest)
        let x = labelWidth + cellWidth * Double(index)
        svg.rect(
          x: x, y: y, width: cellWidth - 2, height: cellHeight - 2, fill: Self.shade(share),
          label: "\(name), \(column): \(value)")
        svg.text(
          String(value), x: x + (cellWidth - 2) / 2, y: y + cellHeight - 7, anchor: "middle",
          size: 10, fill: share > 0.55 ? "#ffffff" : ChartPalette.ink)
      }
    }
    return svg.svg(title: title, describedBy: describedBy)
  }

  /// White (none) to the palette's blue (the largest value), as `rgb(…)`.
  static func shade(_ share: Double) -> String {
    // #0072B2 is (0, 114, 178).
    let channel = { (full: Double) in Int((255 - (255 - full) * share).rounded()) }
    return "rgb(\(channel(0)),\(channel(114)),\(channel(178)))"
  }

  /// `2025-01` → `Jan 25`; other text as it is.
  static func shortPeriod(_ period: String) -> String {
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    let parts = period.split(separator: "-")
    guard parts.count >= 2, parts[0].count == 4, let month = Int(parts[1]), (1...12).contains(month)
    else { return period }
    return "\(months[month - 1]) \(parts[0].suffix(2))"
  }
}
