import Foundation
import Testing

@testable import Kith

/// Attendance marks that registers use both ways (`x`, `/`, `-`, `.`) are never guessed: a
/// register holding one undeclared stops `check` and `run`, listing the marks with their counts;
/// declared, they are read as the pipeline says.
@Suite struct AmbiguousMarkTests {
  let folder = StudyFolder()

  func pipeline(_ register: String) -> String {
    """
    study: Marks
    key: test.key
    max_rejected: 100%  # the marks' rows are rejected; the marks must still stop the run
    inputs:
      register:
        path: register.csv
        type: register
        identifier: {column: Email, kind: email}
    \(register)

    """
  }

  @Test(arguments: ["x", "X", "/", "-", "."])
  func anUndeclaredMarkThatCouldMeanEitherStopsCheckAndRun(mark: String) throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      pipeline(
        "    group: Group\n    date: {column: Date, format: yyyy-MM-dd}\n    attended: Attended"))
    try folder.write(
      "register.csv",
      """
      Group,Date,Email,Attended
      A,2025-03-01,a@example.org,Y
      A,2025-03-01,b@example.org,\(mark)
      A,2025-03-08,a@example.org,\(mark)
      A,2025-03-08,b@example.org,N

      """)
    let lowered = mark.lowercased()
    for dryRun in [true, false] {
      let error = try #require(throws: DataError.self) { try folder.run(dryRun: dryRun) }
      #expect(
        error.message.contains(
          "register: the attendance mark '\(lowered)' × 2 could mean present or absent"))
      #expect(error.message.contains("present: [y, \(lowered)]"))
    }
    let rejects = try folder.records("out/private/failed-run/rejects.csv")
    #expect(rejects.count == 2)
    #expect(
      rejects.allSatisfy { $0["reason"]?.hasPrefix("'\(lowered)' could mean present") == true })
  }

  @Test func declaredMarksAreReadAsThePipelineSays() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write(
      "pipeline.yaml",
      pipeline(
        "    group: Group\n    date: {column: Date, format: yyyy-MM-dd}\n"
          + "    attended: {column: Attended, present: [x], absent: [/]}"))
    try folder.write(
      "register.csv",
      "Group,Date,Email,Attended\nA,2025-03-01,a@example.org,x\nA,2025-03-01,b@example.org,/\n")
    let summary = try folder.run()
    #expect(summary.inputs.first?.rowsRejected == 0)
    let attendance = try folder.rows("out/release/data/attendance.csv").dropFirst()
    #expect(
      attendance.map { "\($0[0]) \($0[3])" }.sorted()
        == [
          "\(try folder.pid(of: "a@example.org")) 1", "\(try folder.pid(of: "b@example.org")) 0",
        ].sorted())
  }

  @Test func aWideRegisterListsEveryAmbiguousMarkWithItsCount() throws {
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", pipeline("    format: wide\n    group: {name: A}"))
    try folder.write(
      "register.csv",
      """
      Email,01/03/2025,08/03/2025,15/03/2025
      a@example.org,x,x,/
      b@example.org,Y,x,-

      """)
    let error = try #require(throws: DataError.self) { try folder.run() }
    #expect(error.message.contains("the attendance marks 'x' × 3, '-' × 1, '/' × 1 could mean"))
    #expect(error.message.contains("a wide register: `attended: {present: [y, x, -, /]"))
  }
}
