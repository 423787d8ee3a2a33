import Foundation

/// The instruments Kith ships: one definition file each, installed beside the `kith` program in
/// its resource folder (`Kith_Kith.resources/Definitions`).
public enum InstrumentCatalog {
  /// Every shipped instrument, ordered by id.
  ///
  /// - Throws: ``PipelineErrors`` when the definitions folder is missing (a `kith` copied
  ///   without its resource folder) or a definition is invalid.
  /// - Returns: The instruments.
  public static func shipped() throws -> [Instrument] {
    try loaded.get()
  }

  /// The shipped instrument with `id`.
  ///
  /// - Throws: See ``shipped()``.
  /// - Returns: The instrument, or `nil` when Kith has none with that id.
  public static func instrument(_ id: String) throws -> Instrument? {
    try shipped().first { $0.id == id }
  }

  private static let loaded: Result<[Instrument], PipelineErrors> = {
    do {
      return .success(try load())
    } catch let errors as PipelineErrors {
      return .failure(errors)
    } catch {
      return .failure(PipelineErrors([PipelineError("\(error)", file: "kith")]))
    }
  }()

  private static func load() throws -> [Instrument] {
    guard let folder = definitionsFolder() else {
      throw PipelineErrors([
        PipelineError(
          "Kith's instrument definitions are missing: the folder `Kith_Kith.resources` must be "
            + "installed beside the `kith` program", file: "kith")
      ])
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".yaml") }.sorted()
    return try files.map { file in
      try InstrumentDefinitionReader.read(
        url: folder.appendingPathComponent(file), displayPath: "Definitions/\(file)")
    }
  }

  /// The definitions folder inside the resource bundle beside the running program (or beside
  /// the program a symbolic link points to).
  private static func definitionsFolder() -> URL? {
    var candidates = [Bundle.main.bundleURL]
    if let program = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      candidates.append(URL(fileURLWithPath: program).deletingLastPathComponent())
    }
    candidates.append(
      URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent())
    for directory in candidates {
      let folder = directory.appendingPathComponent("Kith_Kith.resources/Definitions")
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory),
        isDirectory.boolValue
      {
        return folder
      }
    }
    return nil
  }
}
