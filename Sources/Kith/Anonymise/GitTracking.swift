import Foundation

/// Asks git whether a file is tracked, so a study key committed by mistake is refused.
enum GitTracking {
  /// Whether `file` is tracked by a git repository it lives in; `false` when git is missing or
  /// the file is outside any repository.
  static func isTracked(_ file: URL) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "ls-files", "--error-unmatch", "--", file.lastPathComponent]
    process.currentDirectoryURL = file.deletingLastPathComponent()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      return false
    }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }
}
