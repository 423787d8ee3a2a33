import Foundation
import KithCSV

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a failed file operation's `errno` means, in words a person can act on.
package enum FileProblem {
  /// The reason for `code`, an `errno` value.
  package static func reason(_ code: Int32) -> String {
    switch code {
    case ENOENT: "no such file or folder"
    case EACCES, EPERM: "permission denied"
    case EISDIR: "it is a folder, not a file"
    case ENOTDIR: "a part of the path is not a folder"
    case ENOSPC: "the disk is full"
    case EDQUOT: "the disk quota is used up"
    case EFBIG: "the file is larger than this system allows"
    case EROFS: "the file system is read-only"
    case EEXIST: "something already exists there"
    case ELOOP: "it is a symbolic link"
    case ENAMETOOLONG: "the path is too long"
    case EIO: "the disk reported an input/output error"
    default: String(cString: strerror(code))
    }
  }

  /// What to do about `code`.
  package static func advice(_ code: Int32) -> String {
    switch code {
    case ENOSPC, EDQUOT, EFBIG:
      "free some space, or choose an output folder on another disk with --out, and run again"
    case EACCES, EPERM:
      "check who may write there (`ls -ld` on the folder), or choose another folder with --out"
    case EROFS: "choose an output folder on a writable disk with --out"
    case ENOENT, ENOTDIR: "check the path; another program may have moved or removed it"
    case EEXIST: "another program changed the folder while Kith ran; run again"
    default: "check the disk and the path, and run again"
    }
  }
}

extension EnvironmentError {
  /// `error`, thrown by Foundation or the system while Kith read or wrote a file, in words a
  /// person can act on: the path, what went wrong and what to do — never Foundation's own text.
  ///
  /// - Parameters:
  ///   - error: What was thrown.
  ///   - path: The path, when the caller knows it better than the error does.
  /// - Returns: The error to report.
  public static func translating(_ error: any Error, path: String? = nil) -> EnvironmentError {
    if let error = error as? EnvironmentError { return error }
    if let error = error as? CSVError {
      guard let code = error.systemCode else { return EnvironmentError(error.description) }
      let writing = if case .unwritable = error.kind { true } else { false }
      return EnvironmentError(
        "cannot \(writing ? "write" : "read") \(path ?? error.file): \(FileProblem.reason(code)); "
          + FileProblem.advice(code))
    }
    let nsError = error as NSError
    let path =
      path ?? (nsError.userInfo[NSFilePathErrorKey] as? String)
      ?? (nsError.userInfo[NSURLErrorKey] as? URL)?.path
    let code = errno(of: nsError)
    let writing = isWrite(nsError)
    let place = path.map { " \($0)" } ?? " a file"
    guard let code else {
      return EnvironmentError(
        "Kith could not \(writing ? "write" : "read")\(place); check the disk and the path, and "
          + "run again")
    }
    return EnvironmentError(
      "cannot \(writing ? "write" : "read")\(place): \(FileProblem.reason(code)); "
        + FileProblem.advice(code))
  }

  /// The `errno` behind `error`: its own code in the POSIX domain, its underlying error's, or
  /// the one a Cocoa file error stands for.
  private static func errno(of error: NSError) -> Int32? {
    if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
    if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError,
      let code = errno(of: underlying)
    {
      return code
    }
    guard error.domain == NSCocoaErrorDomain else { return nil }
    switch CocoaError.Code(rawValue: error.code) {
    case .fileNoSuchFile, .fileReadNoSuchFile: return ENOENT
    case .fileReadNoPermission, .fileWriteNoPermission: return EACCES
    case .fileWriteOutOfSpace: return ENOSPC
    case .fileWriteVolumeReadOnly: return EROFS
    case .fileWriteFileExists: return EEXIST
    default: return nil
    }
  }

  private static func isWrite(_ error: NSError) -> Bool {
    guard error.domain == NSCocoaErrorDomain else { return true }
    let code = CocoaError.Code(rawValue: error.code)
    return ![
      .fileNoSuchFile, .fileReadNoSuchFile, .fileReadNoPermission, .fileReadCorruptFile,
      .fileReadUnknown, .fileReadInvalidFileName, .fileReadTooLarge,
    ].contains(code)
  }
}
