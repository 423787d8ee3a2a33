import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Puts a finished folder in place of another in a single rename, so that a reader — or a run
/// killed at any moment — sees either the old folder or the new one, never a mixture.
enum AtomicSwap {
  /// Replaces `target` with `replacement`.
  ///
  /// Afterwards `replacement`'s path holds the old contents of `target` (when there were any),
  /// for the caller to delete.
  ///
  /// On Linux this is `renameat2(RENAME_EXCHANGE)`, looked up at run time; where that is
  /// unavailable the old folder is moved aside to `aside` first (two renames).
  static func replace(_ target: URL, with replacement: URL, aside: URL) throws {
    let fileManager = FileManager.default
    guard fileManager.fileExists(atPath: target.path) else {
      try fileManager.moveItem(at: replacement, to: target)
      return
    }
    if exchange(replacement.path, target.path) { return }
    try fileManager.moveItem(at: target, to: aside)
    try fileManager.moveItem(at: replacement, to: target)
    try fileManager.moveItem(at: aside, to: replacement)
  }

  private typealias RenameAt2 =
    @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

  /// `renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE)`; false when unavailable or refused.
  private static func exchange(_ a: String, _ b: String) -> Bool {
    #if canImport(Glibc)
    guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return false }
    let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
    let renameExchange: UInt32 = 2
    return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
    #else
    return false
    #endif
  }
}
