import Foundation
import Kith

/// A pipeline run without writing (as `kith check` runs it) over one fuzzed input file: the
/// readers it reaches are those of the input's format, then everything a run does with what they
/// read.
public struct FuzzRun: Sendable {
  let spec: PipelineSpec
  let input: URL

  /// Loads `pipeline` (YAML naming the fuzzed input `input.<extension>` in ``FuzzInput/folder``).
  public init(pipeline: String, fileName: String) {
    input = FuzzInput.folder.appendingPathComponent(fileName)
    FileManager.default.createFile(atPath: input.path, contents: Data())
    let url = FuzzInput.folder.appendingPathComponent("pipeline-\(fileName).yaml")
    try? pipeline.write(to: url, atomically: true, encoding: .utf8)
    do {
      spec = try PipelineLoader.load(path: url.path)
    } catch {
      fatalError("the fuzz target's own pipeline does not load: \(error)")
    }
  }

  /// Writes `bytes` as the input and runs the pipeline without writing anything.
  public func run(_ bytes: UnsafeRawBufferPointer) {
    try? Data(bytes).write(to: input)
    _ = FuzzInput.run {
      _ = try PipelineRun(spec: spec, options: PipelineRun.Options(dryRun: true)).run()
    }
  }
}
