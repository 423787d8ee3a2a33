import Dispatch
import Foundation

/// Work spread over threads whose results come back in order, so output never depends on timing.
package enum Parallel {
  /// The threads to use: `KITH_THREADS` when set (at least 1), else the machine's cores.
  package static func threads(environment: [String: String]) -> Int {
    if let text = environment["KITH_THREADS"], let count = Int(text), count >= 1 { return count }
    return max(1, ProcessInfo.processInfo.activeProcessorCount)
  }

  /// Runs `body` for every index below `count` on up to `threads` threads.
  ///
  /// Returns the results in index order. The first error thrown (by index) is rethrown after
  /// every task has finished; typed throws make it rethrow, so a body that cannot throw gives a
  /// map that cannot either.
  package static func map<T, E: Error>(
    _ count: Int, threads: Int, _ body: (Int) throws(E) -> T
  ) throws(E) -> [T] {
    guard threads > 1 && count > 1 else {
      var results: [T] = []
      results.reserveCapacity(count)
      for index in 0..<count { results.append(try body(index)) }
      return results
    }
    let results = UnsafeMutableBufferPointer<Result<T, E>?>.allocate(capacity: count)
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
          box.results[index] = Result { () throws(E) -> T in try box.body(index) }
        }
      }
    }
    // concurrentPerform returns once every index is taken and done: every slot is filled.
    var values: [T] = []
    values.reserveCapacity(count)
    for slot in results {
      guard let slot else { preconditionFailure("concurrentPerform left an index undone") }
      values.append(try slot.get())
    }
    return values
  }

  /// Runs `first` and `second` at once when `threads` allows, and returns both results.
  package static func both<A, B, E: Error>(
    threads: Int, _ first: () throws(E) -> A, _ second: () throws(E) -> B
  ) throws(E) -> (A, B) {
    var a: A?
    var b: B?
    _ = try map(2, threads: threads) { (index) throws(E) in
      if index == 0 { a = try first() } else { b = try second() }
    }
    // map returns only once both have run.
    guard let a, let b else { preconditionFailure("Parallel.map left a task undone") }
    return (a, b)
  }

  /// Hands out indices 0, 1, 2, … to the threads.
  private final class NextIndex: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    package func take(below count: Int) -> Int? {
      lock.lock()
      defer { lock.unlock() }
      guard value < count else { return nil }
      value += 1
      return value - 1
    }
  }

  /// The work and the result slots, shared by the threads; each slot is written by one thread.
  private struct UncheckedBox<T, E: Error>: @unchecked Sendable {
    package let body: (Int) throws(E) -> T
    package let results: UnsafeMutableBufferPointer<Result<T, E>?>
  }
}
