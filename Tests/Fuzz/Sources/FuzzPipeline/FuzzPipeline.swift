import Foundation
import FuzzSupport
import Kith

/// The pipeline loader (YAML, then every section's checks), as `kith check` reads a pipeline.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let text = String(decoding: FuzzInput.bytes(data, size), as: UTF8.self)
  return FuzzInput.run {
    _ = try PipelineLoader.parse(text: text, file: "fuzz.yaml", directory: FuzzInput.folder)
  }
}

@_cdecl("FuzzPipeline_main")
func FuzzPipelineMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> Int32
{
  fuzzerMain(argc, argv) { fuzzPipeline($0, $1) }
}
