import FuzzSupport
import Kith

/// The instrument definition loader, and the description of whatever it accepts.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInstrument(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let text = String(decoding: FuzzInput.bytes(data, size), as: UTF8.self)
  return FuzzInput.run {
    let instrument = try InstrumentDefinitionReader.read(text: text, file: "fuzz.yaml")
    _ = instrument.explanation
    _ = InstrumentSources.markdown([instrument], all: true)
  }
}

@_cdecl("FuzzInstrument_main")
func FuzzInstrumentMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?)
  -> Int32
{
  fuzzerMain(argc, argv) { fuzzInstrument($0, $1) }
}
