import Foundation
import Testing

@testable import Kith

@Suite struct WideRegisterTests {
  static func pipeline(_ register: String) -> String {
    """
    study: Registers
    key: test.key
    inputs:
      register:
        path: register.csv
        type: register
        identifier: {column: Email, kind: email}
    \(register)

    """
  }

  static let long = """
    Group,Session date,Email,Attended
    Tue,07/01/2025,a@example.org,Y
    Tue,07/01/2025,b@example.org,Y
    Tue,14/01/2025,a@example.org,A
    Tue,14/01/2025,b@example.org,Y
    Tue,21/01/2025,a@example.org,Y
    Thu,09/01/2025,c@example.org,✓

    """

  static let wide = """
    Email,Group,07/01/2025,09/01/2025,14/01/2025,21/01/2025,Total
    a@example.org,Tue,Y,,A,y,2
    b@example.org,Tue,Y,,Y,,2
    c@example.org,Thu,,✓,,,1

    """

  func run(pipeline: String, register: String) throws -> StudyFolder {
    let folder = StudyFolder()
    try folder.write("test.key", StudyFolder.testKeyHex)
    try folder.write("pipeline.yaml", pipeline)
    try folder.write("register.csv", register)
    try folder.run()
    return folder
  }

  @Test func theSameRegisterInLongAndWideFormGivesIdenticalOutputs() throws {
    let long = try run(
      pipeline: Self.pipeline("    group: Group\n    date: Session date\n    attended: Attended"),
      register: Self.long)
    let wide = try run(
      pipeline: Self.pipeline("    format: wide\n    group: Group\n    date: {format: dd/MM/yyyy}"),
      register: Self.wide)
    for table in ["participants", "attendance", "sessions", "groups"] {
      let path = "out/release/data/\(table).csv"
      #expect(try long.read(path) == wide.read(path), "\(table).csv differs")
    }
    #expect(try wide.rows("out/release/data/sessions.csv").count == 5)
    let log = try wide.read("out/private/run.log")
    #expect(log.contains("dropped columns (not declared): Total"))
  }

  @Test func anUnknownMarkSetsThatCellAsideAndKeepsTheRow() throws {
    let folder = try run(
      pipeline: Self.pipeline("    format: wide\n    group: Group"),
      register: Self.wide.replacingOccurrences(
        of: "b@example.org,Tue,Y,,Y", with: "b@example.org,Tue,Y,,?"))
    let rejects = try folder.read("out/private/rejects.csv")
    #expect(rejects.contains("register,3,\"'?' is not an attendance mark"))
    #expect(rejects.contains(",14/01/2025,value treated as missing"))
    let attendance = try folder.rows("out/release/data/attendance.csv")
    #expect(attendance.count == 1 + 5)
  }

  @Test func aWideRegisterWithoutDateColumnsIsAPipelineError() throws {
    #expect(throws: PipelineError.self) {
      try run(
        pipeline: Self.pipeline("    format: wide\n    group: Group"),
        register: "Email,Group,Total\na@example.org,T,1\n")
    }
  }
}
