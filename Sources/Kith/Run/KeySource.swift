import Foundation

/// Where the study key comes from: `--key FILE`, else `KITH_KEY_FILE`, else the pipeline's `key:`.
public struct KeySource: Sendable, Equatable {
  /// How the key was found.
  public enum Origin: String, Sendable {
    /// The `--key` option.
    case option = "--key"
    /// The `KITH_KEY_FILE` environment variable.
    case environment = "KITH_KEY_FILE"
    /// The pipeline's `key:`.
    case pipeline = "the pipeline's `key:`"
  }

  /// The key file.
  public var url: URL
  /// How it was found.
  public var origin: Origin

  /// Chooses the key file, or `nil` when none is named anywhere.
  public static func resolve(option: String?, environment: [String: String], spec: PipelineSpec)
    -> KeySource?
  {
    if let option { return KeySource(url: URL(fileURLWithPath: option), origin: .option) }
    if let path = environment["KITH_KEY_FILE"], !path.isEmpty {
      return KeySource(url: URL(fileURLWithPath: path), origin: .environment)
    }
    return spec.keyFile.map { KeySource(url: $0.value, origin: .pipeline) }
  }

  /// The key file's path relative to the current folder when it is inside it.
  public var displayPath: String {
    let here = FileManager.default.currentDirectoryPath + "/"
    return url.path.hasPrefix(here) ? String(url.path.dropFirst(here.count)) : url.path
  }

  /// Whether the key file's name says it is a demonstration key, shared with the world.
  public var isDemo: Bool { url.lastPathComponent.lowercased().contains("demo") }
}
