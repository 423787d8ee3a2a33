/// libFuzzer's driver, started from the entry point SwiftPM gives an executable target
/// (`<Module>_main`, which it links as `main`): a fuzz target's bytes go to `callback`.
@_silgen_name("LLVMFuzzerRunDriver")
private func llvmFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<Int32>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// Runs libFuzzer with the command line `argc`, `argv` over `callback`.
public func fuzzerMain(
  _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32 {
  var (count, arguments) = (argc, argv)
  return llvmFuzzerRunDriver(&count, &arguments, callback)
}
