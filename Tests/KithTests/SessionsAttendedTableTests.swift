import Testing

@testable import Kith

/// T10, sessions attended in bands, by hand on the small study, and under the disclosure rule.
@Suite struct SessionsAttendedTableTests {
  @Test func bandsCountDistinctSessionsAcrossGroupsByMainGroup() throws {
    let folder = StudyFolder()
    try SmallStudy.write(
      into: folder,
      pipeline: SmallStudy.pipeline
        + "disclosure: {suppress_below: 1, round_to: 1, min_n_for_statistics: 1}\n")
    try folder.run()
    let rows = try folder.records("out/release/tables/t10_sessions_attended.csv")
    let count = { (group: String, band: String) in
      rows.first { $0["group"] == group && $0["sessions_attended"] == band }?["participants"]
    }
    // Jo: 7 and 14 January on Tuesdays (14 January typed twice) and 9 January on Thursday —
    // 3 distinct sessions, main group Tuesday. Sam: 7 January (the absence and the 31 February
    // row are not attendances). Pat: 21 January once ("maybe" is not a mark of attending).
    for (band, expected) in [
      ("1", "2"), ("2–3", "1"), ("4–7", "0"), ("8–11", "0"), ("12 or more", "0"),
    ] {
      #expect(count("Tuesday", band) == expected, "Tuesday \(band)")
      #expect(count("All who attended", band) == expected, "all \(band)")
      #expect(count("Thursday", band) == "0", "Thursday \(band)")
    }
    #expect(rows.count == 3 * SessionsAttendedTable.bands.count)
  }

  @Test(arguments: [(1, 0), (2, 1), (3, 1), (4, 2), (7, 2), (8, 3), (11, 3), (12, 4), (40, 4)])
  func bandOf(sessions: Int, band: Int) {
    #expect(SessionsAttendedTable.band(of: sessions) == band)
  }

  @Test func underTheRuleEverySmallBandIsAStar() throws {
    let folder = StudyFolder()
    try SmallStudy.write(into: folder)
    try folder.run()
    let rows = try folder.records("out/release/tables/t10_sessions_attended.csv")
    #expect(!rows.isEmpty)
    // NHS Digital's rule: 1–7 is `*`, and a 0 beside a `*` that would give it away is too.
    #expect(rows.allSatisfy { $0["participants"] == "*" || $0["participants"] == "0" })
    #expect(rows.contains { $0["participants"] == "*" })
  }
}
