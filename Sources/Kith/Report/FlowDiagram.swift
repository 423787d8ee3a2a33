/// A CONSORT-style flow: one box per stage, top to bottom, each with its count, joined by
/// arrows; a withheld count shows as `*`, never as a number.
struct FlowDiagram {
  var stages: [(label: String, count: ChartCell)]

  private let width = 520.0
  private let boxHeight = 40.0
  private let gap = 22.0

  /// The SVG, titled `title`.
  func svg(title: String, describedBy: String) -> String {
    let height = Double(stages.count) * (boxHeight + gap) + 4
    var svg = SVGWriter(width: width, height: height)
    for (index, stage) in stages.enumerated() {
      let y = 2 + Double(index) * (boxHeight + gap)
      svg.rect(
        x: 40, y: y, width: width - 80, height: boxHeight, fill: "#f2f6fa",
        stroke: ChartPalette.colour(0))
      svg.text(stage.label, x: width / 2, y: y + 17, anchor: "middle", size: 12)
      svg.text(
        "n = \(stage.count.text)", x: width / 2, y: y + 33, anchor: "middle", size: 12,
        weight: "bold")
      if index + 1 < stages.count {
        let n = SVGWriter.number
        let x = width / 2
        let y0 = y + boxHeight
        let y1 = y0 + gap - 2
        svg.line(x1: x, y1: y0, x2: x, y2: y1 - 5, stroke: ChartPalette.axis, width: 1.5)
        svg.path(
          "M\(n(x - 5)) \(n(y1 - 7))L\(n(x + 5)) \(n(y1 - 7))L\(n(x)) \(n(y1))Z",
          stroke: ChartPalette.axis, fill: ChartPalette.axis)
      }
    }
    return svg.svg(title: title, describedBy: describedBy)
  }
}
