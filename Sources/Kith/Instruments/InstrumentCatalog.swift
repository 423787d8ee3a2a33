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
    guard let folder = ResourceFolder.named("Definitions") else {
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
}
