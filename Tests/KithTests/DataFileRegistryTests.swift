import Foundation
import Testing

@testable import Kith

/// Every data file is described by its own descriptor, and what the release writes is what the
/// data package says it is, for each way a study can shape the files (how dates are released,
/// coded interviews with and without quotes, free text kept).
@Suite struct DataFileRegistryTests {
  @Test func everyDescriptorIsTheFileItIsListedFor() {
    for file in ReleaseDataFile.allCases {
      #expect(file.descriptor.id == file, "\(file)")
      #expect(ReleaseDataFile(path: file.path) == file)
    }
  }

  @Test(arguments: ["exact", "month", "days-since-first"], [false, true])
  func theDataPackageDescribesEveryColumnWritten(dates: String, quotes: Bool) throws {
    let folder = StudyFolder()
    try SmallStudy.write(
      into: folder,
      pipeline: SmallStudy.pipeline.replacingOccurrences(
        of: "    identifying: [Name]\n  followup:",
        with: "    identifying: [Name]\n    free_text: [Secret note]\n  followup:")
          + """
          dates: \(dates)
          disclosure: {suppress_below: 1, round_to: 1, min_n_for_statistics: 1}
          qualitative:
            interviews:
              path: coding.csv
              identifier: {column: participant, kind: email}
              quotes: \(quotes)

          """)
    try folder.write(
      "coding.csv",
      """
      participant,code,segment
      jo.smith@example.org,Helping others,I help the new people settle in.
      sam.khan@example.org,Less alone,I am not alone any more.

      """)
    try folder.run()
    let package = try JSONSerialization.jsonObject(
      with: Data(contentsOf: folder.url.appendingPathComponent("out/release/datapackage.json")))
    let resources = try #require((package as? [String: Any])?["resources"] as? [[String: Any]])
    var described: [ReleaseDataFile] = []
    for resource in resources {
      let path = try #require(resource["path"] as? String)
      guard let file = ReleaseDataFile(path: path) else { continue }
      described.append(file)
      let schema = try #require(resource["schema"] as? [String: Any])
      let fields = try #require(schema["fields"] as? [[String: Any]])
      let header = try folder.rows("out/release/\(path)")[0]
      #expect(fields.compactMap { $0["name"] as? String } == header, "\(path)")
      for field in fields {
        #expect((field["description"] as? String).map { !$0.isEmpty } == true, "\(path) \(field)")
      }
      for key in schema["primaryKey"] as? [String] ?? [] {
        #expect(header.contains(key), "\(path): primary key \(key)")
      }
    }
    // The study has every kind of data but quotes, which it has when its coding allows them.
    let expected = ReleaseDataFile.allCases.filter { quotes || $0 != .quotes }
    #expect(described == expected)
    let dateColumn = dates == "days-since-first" ? "days_since_first" : "session_date"
    #expect(try folder.rows("out/release/data/attendance.csv")[0][2] == dateColumn)
  }
}
