import Foundation
import Testing

@testable import Kith

/// The report's chart module: nice scales on awkward ranges, and each kind of chart against its
/// golden SVG (`KITH_WRITE_GOLDEN=1 swift test --filter ChartTests` rewrites them, for review in
/// a browser before committing).
@Suite struct ChartTests {
  @Test(
    arguments: [
      ([0.013, 0.087], [], [0, 0.02, 0.04, 0.06, 0.08, 0.1], "0.02"),
      ([-3.2, 7.9], [0], [-5, 0, 5, 10], "0"),
      ([42], [], [20, 30, 40, 50, 60, 70], "30"),
      ([], [], [0, 0.2, 0.4, 0.6, 0.8, 1], "0.2"),
      ([-12, -3], [0], [-15, -10, -5, 0], "-10"),
      ([0, 1_234_567], [], [0, 500_000, 1_000_000, 1_500_000], "500000"),
      ([75, 50, 70], [0, 100], [0, 20, 40, 60, 80, 100], "20"),
    ] as [([Double], [Double], [Double], String)])
  func ticksCoverTheDataInNiceSteps(
    values: [Double], including: [Double], ticks: [Double], secondLabel: String
  ) {
    let scale = ChartScale(values: values, including: including, start: 0, end: 100)
    #expect(scale.ticks.count == ticks.count)
    for (tick, expected) in zip(scale.ticks, ticks) { #expect(abs(tick - expected) < 1e-12) }
    #expect(scale.label(scale.ticks[1]) == secondLabel)
    #expect(scale.position(scale.lower) == 0 && scale.position(scale.upper) == 100)
    for value in values + including {
      #expect(scale.lower <= value && value <= scale.upper)
    }
  }

  static let charts: [(name: String, svg: String)] = [
    (
      "bars-suppressed-and-negative",
      BarChart(
        categories: ["Hillside group", "Riverside group", "All who attended"],
        series: [
          ("Week 4", [ChartCell("75"), ChartCell("-20"), ChartCell("60")]),
          ("Week 12", [ChartCell("50"), ChartCell("*"), ChartCell("")]),
        ], unit: "%", axisMaximum: 100
      ).svg(title: "Retention", describedBy: "s")
    ),
    (
      "bars-one-group",
      BarChart(
        categories: ["The only group"], series: [("Isolated", [ChartCell("12.5")])], unit: "%",
        axisMaximum: nil
      ).svg(title: "One group", describedBy: "s")
    ),
    (
      "bars-empty",
      BarChart(categories: [], series: [("Week 4", [])], unit: "%", axisMaximum: 100)
        .svg(title: "Nothing to draw", describedBy: "s")
    ),
    (
      "dots-negative-change",
      DotIntervalChart(
        rows: ["WEMWBS (mental wellbeing)", "PHQ9 (depression severity)", "UCLA3 (loneliness)"],
        series: [
          (
            "d_z",
            [
              .init(value: ChartCell("0.5"), low: ChartCell("0.1"), high: ChartCell("0.9")),
              .init(value: ChartCell("-0.4"), low: ChartCell("-0.8"), high: ChartCell("0.0")),
              .init(value: ChartCell("*"), low: ChartCell("*"), high: ChartCell("*")),
            ]
          ),
          (
            "adjusted",
            [
              .init(value: ChartCell("0.6"), low: ChartCell(""), high: ChartCell("")),
              .init(value: ChartCell("-1.25"), low: ChartCell("-2.5"), high: ChartCell("-0.05")),
              .init(value: ChartCell("0"), low: ChartCell("-0.3"), high: ChartCell("0.3")),
            ]
          ),
        ], unit: "standardised change", markZero: true
      ).svg(title: "Change", describedBy: "s")
    ),
    (
      "stacked-with-withheld-part",
      StackedBarChart(
        rows: ["Less isolation", "Managing self-harm"],
        parts: ["Reliably improved", "No reliable change", "Reliably deteriorated"],
        values: [
          [ChartCell("15"), ChartCell("10"), ChartCell("0")],
          [ChartCell("*"), ChartCell("10"), ChartCell("*")],
        ]
      ).svg(title: "Reliable change", describedBy: "s")
    ),
    (
      "histogram-with-withheld-bin",
      Histogram(
        bins: ["1", "2–3", "4–7", "8–11", "12 or more"],
        counts: [
          ChartCell("*"), ChartCell("10"), ChartCell("15"), ChartCell("0"), ChartCell("25"),
        ],
        unit: "sessions attended"
      ).svg(title: "Sessions attended", describedBy: "s")
    ),
    (
      "heat-strip-months",
      HeatStrip(
        rows: ["Hillside group", "Riverside group"], columns: ["2025-01", "2025-02", "2025-03"],
        values: [[4, 4, 5], [0, 2, 4]]
      ).svg(title: "Sessions held", describedBy: "s")
    ),
    (
      "flow-with-suppressed-stage",
      FlowDiagram(
        stages: [
          ("In any input", ChartCell("40")), ("Attended at least one session", ChartCell("35")),
          ("Answered the follow-up survey", ChartCell("*")),
        ]
      ).svg(title: "Flow", describedBy: "s")
    ),
    (
      "lines-with-gaps",
      LineChart(
        positions: [1, 2, 3, 4, 5, 6],
        series: [
          ("Hillside group", ["10", "15", "*", "20", "25", "20"].map(ChartCell.init)),
          ("Riverside group", ["0", "*", "*", "10", "", "10"].map(ChartCell.init)),
          ("Late group", ["*", "*", "*", "*", "*", "10"].map(ChartCell.init)),
        ], across: "week of the study", unit: "people"
      ).svg(title: "Attendance by week", describedBy: "s")
    ),
  ]

  static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden/charts")

  @Test(arguments: charts.map(\.name))
  func chartsAreTheirGoldenSVG(name: String) throws {
    let svg = try #require(Self.charts.first { $0.name == name }?.svg)
    let file = Self.goldenFolder.appendingPathComponent("\(name).svg")
    if ProcessInfo.processInfo.environment["KITH_WRITE_GOLDEN"] == "1" {
      try Data((svg + "\n").utf8).write(to: file)
    }
    #expect(svg + "\n" == (try String(contentsOf: file, encoding: .utf8)))
  }

  @Test func aWithheldValueIsNeverDrawn() {
    let chart = Self.charts[0].svg
    // Riverside's week-12 value is `*`: no bar carries it, and the row says why.
    #expect(!chart.contains("<title>Riverside group, Week 12"))
    #expect(chart.contains("Week 12: not drawn (*)"))
    #expect(chart.contains("<title>Riverside group, Week 4: -20</title>"))
    // A stacked bar with a withheld part is not drawn at all: its other parts would give the
    // withheld one away (a total minus them).
    let stacked = Self.charts[4].svg
    #expect(!stacked.contains("<title>Managing self-harm"))
    #expect(stacked.contains("<title>Less isolation, Reliably improved: 15</title>"))
    #expect(stacked.contains("not drawn: a part is withheld"))
    #expect(Self.charts.first { $0.name.hasPrefix("flow") }?.svg.contains("n = *") == true)
  }

  @Test func aLineBreaksAtAWithheldWeekAndNeverRunsThroughIt() throws {
    let lines = try #require(Self.charts.first { $0.name == "lines-with-gaps" }?.svg)
    let paths = lines.matches(of: /<path d="M([^"]*)" stroke="([^"]*)" fill="none"/).map {
      (points: $0.1.split(separator: "L").count, colour: String($0.2))
    }
    // Hillside: weeks 1–2, then 4–6 (week 3 is `*`); Riverside: no two drawn weeks side by side;
    // the late group: one week, a marker and no line.
    let hillside = paths.filter { $0.colour == ChartPalette.colour(0) }.map(\.points)
    #expect(hillside == [2, 3])
    #expect(
      !paths.contains { $0.colour == ChartPalette.colour(1) || $0.colour == ChartPalette.colour(2) }
    )
    #expect(lines.contains("<title>Late group, week of the study 6: 10 people</title>"))
    #expect(!lines.contains("Riverside group, week of the study 2:"))
    #expect(!lines.contains("Riverside group, week of the study 5:"))
  }
}
