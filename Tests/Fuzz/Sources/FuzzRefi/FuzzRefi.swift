import FuzzSupport

@testable import Kith

/// The REFI-QDA reader: a `.qdpx` (ZIP) when the input starts as one, else a `.qde` project; and
/// the same bytes as a codebook.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRefi(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let input = FuzzInput.bytes(data, size)
  let zipped = input.starts(with: [0x50, 0x4B])
  let url = FuzzInput.file(zipped ? "project.qdpx" : "project.qde", input)
  _ = FuzzInput.run { _ = try RefiReader.project(at: url, displayName: "fuzz") }
  return FuzzInput.run {
    var export = CodingExport()
    try RefiReader.codebook(at: url, displayName: "fuzz", into: &export)
  }
}

@_cdecl("FuzzRefi_main")
func FuzzRefiMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> Int32
{
  fuzzerMain(argc, argv) { fuzzRefi($0, $1) }
}
