/// The parts charts share: a value axis with grid lines and tick labels, and a legend that names
/// each series beside its colour and marker.
enum ChartAxis {
  /// Room for the longest of `labels` at 11 px (about 6 px a character), between 100 and 320.
  static func labelWidth(for labels: [String]) -> Double {
    min(320, max(100, Double(labels.map(\.count).max() ?? 0) * 6 + 16))
  }

  /// A horizontal value axis along the bottom (`bottom`), with grid lines up to `top`, and a
  /// reference line at zero when zero is inside the range.
  static func horizontal(
    _ svg: inout SVGWriter, scale: ChartScale, top: Double, bottom: Double, unit: String
  ) {
    for tick in scale.ticks {
      let x = scale.position(tick)
      svg.line(x1: x, y1: top, x2: x, y2: bottom, stroke: ChartPalette.grid)
      svg.text(scale.label(tick), x: x, y: bottom + 14, anchor: "middle", size: 10)
    }
    if scale.lower < 0 && scale.upper > 0 {
      let zero = scale.position(0)
      svg.line(x1: zero, y1: top, x2: zero, y2: bottom, stroke: ChartPalette.axis, width: 1.5)
    }
    svg.line(
      x1: scale.start, y1: bottom, x2: scale.end, y2: bottom, stroke: ChartPalette.axis)
    if !unit.isEmpty {
      svg.text(
        unit, x: (scale.start + scale.end) / 2, y: bottom + 28, anchor: "middle", size: 10,
        fill: ChartPalette.muted)
    }
  }

  /// How wide ``legend(_:names:x:y:markers:)`` draws `names`.
  static func legendWidth(_ names: [String]) -> Double {
    names.reduce(0) { $0 + 14 + Double($1.count) * 6.5 + 16 }
  }

  /// A row of series names, each after its colour (and marker, when the chart draws markers);
  /// the first is series `first` (a legend in rows).
  static func legend(
    _ svg: inout SVGWriter, names: [String], x: Double, y: Double, markers: Bool = false,
    first: Int = 0
  ) {
    var left = x
    for (index, name) in zip(first..., names) {
      if markers {
        ChartMarker.draw(&svg, index: index, x: left + 5, y: y - 4)
      } else {
        svg.rect(x: left, y: y - 9, width: 10, height: 10, fill: ChartPalette.colour(index))
      }
      svg.text(name, x: left + 14, y: y, size: 11)
      left += 14 + Double(name.count) * 6.5 + 16
    }
  }
}

/// Markers that tell series apart by shape as well as colour: circle, square, diamond, triangle.
enum ChartMarker {
  static func draw(_ svg: inout SVGWriter, index: Int, x: Double, y: Double, label: String? = nil) {
    let colour = ChartPalette.colour(index)
    let n = SVGWriter.number
    switch index % 4 {
    case 0: svg.circle(x: x, y: y, radius: 4.5, fill: colour, label: label)
    case 1: svg.rect(x: x - 4, y: y - 4, width: 8, height: 8, fill: colour, label: label)
    case 2:
      svg.path(
        "M\(n(x)) \(n(y - 5.5))L\(n(x + 5.5)) \(n(y))L\(n(x)) \(n(y + 5.5))L\(n(x - 5.5)) \(n(y))Z",
        stroke: colour, fill: colour, label: label)
    default:
      svg.path(
        "M\(n(x)) \(n(y - 5))L\(n(x + 5)) \(n(y + 4))L\(n(x - 5)) \(n(y + 4))Z",
        stroke: colour, fill: colour, label: label)
    }
  }
}
