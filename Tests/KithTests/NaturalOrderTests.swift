import Testing

@testable import Kith

@Suite struct NaturalOrderTests {
  @Test func numbersInNamesSortAsNumbers() {
    let names = [
      "Group 10", "Group 5", "group 2", "Group 05", "Group", "Group 5b", "Café 2", "Cafe 2",
      "Week 12 evening", "Week 2 evening", "10", "9", "",
    ]
    #expect(
      names.sorted(by: NaturalOrder.less) == [
        "", "9", "10", "Cafe 2", "Café 2", "Group", "Group 05", "Group 5", "Group 5b",
        "Group 10", "Week 2 evening", "Week 12 evening", "group 2",
      ])
  }

  /// A strict total order: irreflexive, and exactly one of a < b, b < a for different names.
  @Test func theOrderIsTotal() {
    let names = ["a1", "a01", "a001", "a1b", "a10", "b", "1a", "01a", "a 1", "a1 "]
    for a in names {
      #expect(!NaturalOrder.less(a, a))
      for b in names where a != b {
        #expect(NaturalOrder.less(a, b) != NaturalOrder.less(b, a), "\(a) \(b)")
      }
    }
  }

  /// Release files list groups in that order.
  @Test func releaseFilesListGroupsNaturally() throws {
    let folder = StudyFolder()
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      """
      study: Groups
      key: test.key
      inputs:
        r: {path: r.csv, type: register, identifier: {column: Email, kind: email}, group: Group, date: {column: Date, format: yyyy-MM-dd}}

      """)
    let rows = ["Group 10", "Group 9", "Group 5", "Group 10"].enumerated().map {
      "\($1),2025-03-0\($0 + 1),p\($0)@example.org"
    }
    try folder.write("r.csv", (["Group,Date,Email"] + rows).joined(separator: "\n") + "\n")
    _ = try folder.run()
    #expect(
      try folder.rows("out/release/data/groups.csv").dropFirst().map { $0[0] } == [
        "Group 5", "Group 9", "Group 10",
      ])
    #expect(
      try folder.rows("out/release/data/sessions.csv").dropFirst().map { $0[0] } == [
        "Group 5", "Group 9", "Group 10", "Group 10",
      ])
  }
}
