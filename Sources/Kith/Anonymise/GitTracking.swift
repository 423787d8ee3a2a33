import Foundation

/// Asks git whether a file is tracked, so a study key committed by mistake is refused.
enum GitTracking {
  /// What git says of a file.
  enum Answer: Equatable {
    /// A git repository tracks the file.
    case tracked
    /// No repository tracks it (or it is in none).
    case untracked
    /// git could not be asked; the reason says why.
    case unknown(String)
  }

  /// Whether `file` is tracked by a git repository it lives in, asked in the folder that
  /// really holds it (symbolic links resolved).
  static func answer(for file: URL) -> Answer {
    let real = RealPath.resolve(file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "ls-files", "--error-unmatch", "--", real.lastPathComponent]
    process.currentDirectoryURL = real.deletingLastPathComponent()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      return .unknown("git could not be started")
    }
    process.waitUntilExit()
    switch process.terminationStatus {
    case 0: return .tracked
    // `env` exits 127 when it finds no `git` to run.
    case 127: return .unknown("git is not installed")
    default: return .untracked
    }
  }
}
