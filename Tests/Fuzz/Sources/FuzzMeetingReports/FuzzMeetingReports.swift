import FuzzSupport

// Meeting attendance reports — Microsoft Teams' (UTF-16, tab-separated, in sections) and Zoom's
// participants report — through a whole dry run. The first byte picks the format.
let runs = [
  ("teams", "Email"), ("zoom", "User Email"),
].map { format, column in
  FuzzRun(
    pipeline: """
      study: Fuzz
      waves: [baseline]
      instruments: []
      inputs:
        meeting:
          path: meeting-\(format).csv
          type: register
          format: \(format)
          group: Online group
          identifier: {column: \(column), kind: email}
          identifying: [Name]

      """, fileName: "meeting-\(format).csv")
}

/// One fuzzed meeting report: the first byte picks Teams or Zoom, the rest is the report.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMeetingReports(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let input = FuzzInput.bytes(data, size)
  guard let choice = input.first else { return 0 }
  runs[Int(choice) % runs.count].run(UnsafeRawBufferPointer(rebasing: input.dropFirst()))
  return 0
}

@_cdecl("FuzzMeetingReports_main")
func FuzzMeetingReportsMain(
  _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
  fuzzerMain(argc, argv) { fuzzMeetingReports($0, $1) }
}
