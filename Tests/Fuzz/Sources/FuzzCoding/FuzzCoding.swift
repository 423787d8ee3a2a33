import FuzzSupport

// Coding exports read as CSV — Taguette's, QualCoder's codes-by-cases report and a plain
// participant/code sheet — through a whole dry run. The first byte picks the format.
let runs = ["taguette", "qualcoder", "csv"].map { format in
  FuzzRun(
    pipeline: """
      study: Fuzz
      waves: [baseline]
      instruments: []
      inputs:
        register:
          path: register-\(format).csv
          type: register
          identifier: {column: Email, kind: email}
          group: Group
          date: Session date
          attended: Attended
      qualitative:
        coding:
          path: coding-\(format).csv
          format: \(format)
          \(format == "csv" ? "identifier: {column: participant, kind: email}" : "documents: {Interview 1: a@example.org, Case A: b@example.org}")

      """, fileName: "coding-\(format).csv")
}

let registers: Void = {
  for format in ["taguette", "qualcoder", "csv"] {
    try?
      "Email,Group,Session date,Attended\na@example.org,G,01/02/2025,yes\nb@example.org,G,01/02/2025,yes\n"
      .write(
        to: FuzzInput.folder.appendingPathComponent("register-\(format).csv"), atomically: true,
        encoding: .utf8)
  }
}()

/// One fuzzed coding export: the first byte picks the format, the rest is the file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCoding(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let input = FuzzInput.bytes(data, size)
  guard let choice = input.first else { return 0 }
  _ = registers
  runs[Int(choice) % runs.count].run(UnsafeRawBufferPointer(rebasing: input.dropFirst()))
  return 0
}

@_cdecl("FuzzCoding_main")
func FuzzCodingMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> Int32
{
  fuzzerMain(argc, argv) { fuzzCoding($0, $1) }
}
