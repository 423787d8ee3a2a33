/// A problem with how Kith was asked to run — an output folder it may not write, a path that
/// names the wrong thing — that the person running it must change (exit code 2).
public struct UsageError: Error, Sendable, CustomStringConvertible {
  /// What is wrong and what to do, naming the path.
  public var message: String

  /// Creates the error.
  public init(_ message: String) { self.message = message }

  /// The message.
  public var description: String { message }
}

/// A problem in the machine Kith runs on — a full disk, a folder it may not write, another run
/// holding the output folder — with what to do about it (exit code 1).
public struct EnvironmentError: Error, Sendable, CustomStringConvertible {
  /// What happened and what to do, naming the path; never an identifier's value.
  public var message: String

  /// Creates the error.
  public init(_ message: String) { self.message = message }

  /// The message.
  public var description: String { message }
}
