/// SVG text built element by element, with every number written the same way on every machine.
///
/// Hand-written: no SVG library is among the packages here, and a chart needs only rectangles,
/// lines, circles, paths and text.
struct SVGWriter {
  private(set) var body = ""
  let width: Double
  let height: Double

  /// The finished `<svg>` element, titled for screen readers by `title` (its `<title>`) and
  /// described by the element whose id is `describedBy`.
  func svg(title: String, describedBy: String) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.number(width)) "
      + "\(Self.number(height))\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\""
      + " role=\"img\" aria-describedby=\"\(MarkupText.escaped(describedBy))\" class=\"chart\">"
      + "<title>\(MarkupText.escaped(title))</title>" + body + "</svg>"
  }

  mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
    label: String? = nil
  ) {
    body +=
      "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(width))\""
      + " height=\"\(Self.number(height))\" fill=\"\(fill)\""
      + (stroke.map { " stroke=\"\($0)\"" } ?? "")
      + (label.map { "><title>\(MarkupText.escaped($0))</title></rect>" } ?? "/>")
  }

  mutating func line(
    x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
    dashed: Bool = false
  ) {
    body +=
      "<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\""
      + " y2=\"\(Self.number(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\""
      + (dashed ? " stroke-dasharray=\"4 3\"" : "") + "/>"
  }

  mutating func circle(x: Double, y: Double, radius: Double, fill: String, label: String? = nil) {
    body +=
      "<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(radius))\""
      + " fill=\"\(fill)\""
      + (label.map { "><title>\(MarkupText.escaped($0))</title></circle>" } ?? "/>")
  }

  mutating func path(
    _ commands: String, stroke: String, fill: String = "none", label: String? = nil
  ) {
    body +=
      "<path d=\"\(commands)\" stroke=\"\(stroke)\" fill=\"\(fill)\""
      + (label.map { "><title>\(MarkupText.escaped($0))</title></path>" } ?? "/>")
  }

  /// Text at (`x`, `y`); `anchor` is `start`, `middle` or `end`.
  mutating func text(
    _ text: String, x: Double, y: Double, anchor: String = "start", size: Double = 12,
    weight: String? = nil, fill: String = "#1a1a1a"
  ) {
    body +=
      "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" text-anchor=\"\(anchor)\""
      + " font-size=\"\(Self.number(size))\" fill=\"\(fill)\""
      + (weight.map { " font-weight=\"\($0)\"" } ?? "") + ">\(MarkupText.escaped(text))</text>"
  }

  /// `value` with at most two decimals and no trailing zeros: `12`, `12.5`, `-0.25`.
  static func number(_ value: Double) -> String {
    let text = Fixed.format(value, decimals: 2)
    guard text.contains(".") else { return text }
    var trimmed = Substring(text)
    while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
    if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
    return trimmed == "-0" ? "0" : String(trimmed)
  }
}
