#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a failed file operation's `errno` means, in words a person can act on.
enum FileProblem {
  /// The reason for `code`, an `errno` value.
  static func reason(_ code: Int32) -> String {
    switch code {
    case ENOENT: "no such file or folder"
    case EACCES, EPERM: "permission denied"
    case EISDIR: "it is a folder, not a file"
    case ENOTDIR: "a part of the path is not a folder"
    case ENOSPC: "the disk is full"
    case EDQUOT: "the disk quota is used up"
    case EROFS: "the file system is read-only"
    case EEXIST: "something already exists there"
    case ELOOP: "it is a symbolic link"
    case ENAMETOOLONG: "the path is too long"
    default: String(cString: strerror(code))
    }
  }
}
