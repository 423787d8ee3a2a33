import Foundation

/// Folders of the resource bundle installed beside the running `kith` program.
package enum ResourceFolder {
  /// The folder `name` (`Definitions`, `Templates`) inside `Kith_Kith.resources` beside the
  /// running program, or beside the program a symbolic link points to; `nil` when not installed.
  package static func named(_ name: String) -> URL? {
    var candidates = [Bundle.main.bundleURL]
    if let program = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      candidates.append(URL(fileURLWithPath: program).deletingLastPathComponent())
    }
    candidates.append(
      URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent())
    for directory in candidates {
      let folder = directory.appendingPathComponent("Kith_Kith.resources/\(name)")
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
