import Foundation
import Testing

@testable import Kith

/// The leak gate's false positives on a study of 10,000 people with common UK names
/// (``CommonUKNames``, among them names that are ordinary words): a clean release must pass,
/// and every name in free text must be scrubbed.
@Suite struct CommonNamesStudyTests {
  /// The seed of the study's made-up attendance, answers and comments.
  static let seed: UInt64 = 20_261_202

  /// SplitMix64: a small, fixed generator, so the study is the same on every machine.
  struct Random {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(bound))
    }
  }

  static let groups = ["Riverside group", "Hillside group", "Harbour group", "Meadow group"]
  static let codes = [
    ("Contrast with statutory services", ["Feeling dismissed", "Waiting lists"]),
    ("Less isolation", ["Less alone", "New friendships"]),
    ("Managing self-harm", ["Coping strategies", "Urges and alternatives"]),
    ("Non-judgemental listening", ["Being heard", "No judgement"]),
    ("Reciprocal peer support", ["Helping others", "Shared experience"]),
    ("Safe space", ["Confidentiality", "Feeling safe"]),
  ]
  static let comments = [
    "%NAME% always makes me feel welcome.", "It is a safe space, nobody judges you.",
    "Thanks to %NAME% and %NAME% for listening.", "Better than waiting for the CMHT.",
    "%NAME%'s advice helped me cope when it gets bad.", "",
  ]

  /// Writes the study: a register, a baseline survey with comments naming members, a coding
  /// export.
  func write(into folder: StudyFolder) throws {
    print("CommonNamesStudyTests seed: \(Self.seed)")
    var random = Random(state: Self.seed)
    var register = ["Group,Session date,Name,Email,Attended"]
    var survey = [
      "Email,Name," + (1...14).map { "WEMWBS_\($0)" }.joined(separator: ",") + ",Comment"
    ]
    var coding = ["participant,code,segment"]
    for (index, (first, last)) in CommonUKNames.first.flatMap({ first in
      CommonUKNames.last.map { (first, $0) }
    }).enumerated() {
      let name = "\(first) \(last)"
      let email = "\(first.lowercased()).\(last.lowercased())\(index)@example.org"
      let group = Self.groups[random.next(Self.groups.count)]
      let start = random.next(20)
      for week in start..<(start + 1 + random.next(6)) {
        let day = 6 + 7 * week
        let date = CivilDate.iso(
          try #require(CivilDate.dayNumber(year: 2025, month: 1, day: 1)) + day - 1)
        register.append("\(group),\(date),\(name),\(email),Y")
      }
      let items = (0..<14).map { _ in String(1 + random.next(5)) }.joined(separator: ",")
      let comment = Self.comments[random.next(Self.comments.count)].replacingOccurrences(
        of: "%NAME%", with: CommonUKNames.first[random.next(CommonUKNames.first.count)])
      survey.append("\(email),\(name),\(items),\"\(comment)\"")
      if index % 20 == 0 {
        let (theme, codes) = Self.codes[random.next(Self.codes.count)]
        coding.append("\(email),\(codes[random.next(2)]),about \(theme.lowercased())")
      }
    }
    try folder.write("register.csv", register.joined(separator: "\n") + "\n")
    try folder.write("survey.csv", survey.joined(separator: "\n") + "\n")
    try folder.write("coding.csv", coding.joined(separator: "\n") + "\n")
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      """
      study: Common names
      key: test.key
      waves: [baseline]
      instruments: [wemwbs]
      inputs:
        survey:
          path: survey.csv
          type: survey
          wave: baseline
          identifier: {column: Email, kind: email}
          identifying: [Name]
          free_text: [Comment]
        register:
          path: register.csv
          type: register
          identifier: {column: Email, kind: email}
          identifying: [Name]
          group: Group
          date: {column: Session date, format: yyyy-MM-dd}
          attended: Attended
      qualitative:
        interviews:
          path: coding.csv
          identifier: {column: participant, kind: email}
          themes:
      \(Self.codes.map { "      \($0.0): [\($0.1.joined(separator: ", "))]" }.joined(separator: "\n"))

      """)
  }

  @Test func aCleanStudyOfCommonNamesPassesTheGate() throws {
    let folder = StudyFolder()
    try write(into: folder)
    let summary = try folder.run()
    #expect(summary.participants == 10_000)
    #expect(summary.privacy?.gate.passed == true)
    let text = try folder.read("out/release/data/free_text.csv")
    let released = Set(text.split { !$0.isLetter }.map { $0.lowercased() })
    // Every comment naming someone lost the name: no first name of the list is left.
    #expect(released.isDisjoint(with: CommonUKNames.first.map { $0.lowercased() }))
    #expect(text.contains("[name] always makes me feel welcome."))
    #expect(text.contains("It is a safe space, nobody judges you."))
  }
}
