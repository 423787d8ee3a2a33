import Dispatch
import Foundation

/// Work spread over threads whose results come back in order, so output never depends on timing.
enum Parallel {
  /// The threads to use: `KITH_THREADS` when set (at least 1), else the machine's cores.
  static func threads(environment: [String: String]) -> Int {
    if let text = environment["KITH_THREADS"], let count = Int(text), count >= 1 { return count }
    return max(1, ProcessInfo.processInfo.activeProcessorCount)
  }

  /// Runs `body` for every index below `count` on up to `threads` threads.
  ///
  /// Returns the results in index order. The first error thrown (by index) is rethrown after
  /// every task has finished.
  static func map<T>(_ count: Int, threads: Int, _ body: (Int) throws -> T) throws -> [T] {
    guard threads > 1 && count > 1 else { return try (0..<count).map(body) }
    let results = UnsafeMutableBufferPointer<Result<T, any Error>?>.allocate(capacity: count)
    results.initialize(repeating: nil)
    defer {
      results.deinitialize()
      results.deallocate()
    }
    let next = NextIndex()
    withoutActuallyEscaping(body) { body in
      let box = UncheckedBox(body: body, results: results)
      DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
        while let index = next.take(below: count) {
          box.results[index] = Result { try box.body(index) }
        }
      }
    }
    return try results.map { try ($0 ?? .failure(CancellationError())).get() }
  }

  /// Runs `first` and `second` at once when `threads` allows, and returns both results.
  static func both<A, B>(
    threads: Int, _ first: () throws -> A, _ second: () throws -> B
  ) throws -> (A, B) {
    var a: A?
    var b: B?
    _ = try map(2, threads: threads) { index in
      if index == 0 { a = try first() } else { b = try second() }
    }
    guard let a, let b else { throw CancellationError() }
    return (a, b)
  }

  /// Hands out indices 0, 1, 2, … to the threads.
  private final class NextIndex: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func take(below count: Int) -> Int? {
      lock.lock()
      defer { lock.unlock() }
      guard value < count else { return nil }
      value += 1
      return value - 1
    }
  }

  /// The work and the result slots, shared by the threads; each slot is written by one thread.
  private struct UncheckedBox<T>: @unchecked Sendable {
    let body: (Int) throws -> T
    let results: UnsafeMutableBufferPointer<Result<T, any Error>?>
  }
}
