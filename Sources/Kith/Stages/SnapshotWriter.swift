import Dispatch
import Foundation

/// Saves input readings to `OUT/.cache` on a background thread while the run computes its
/// measures and tables, so keeping them costs the run little time.
final class SnapshotWriter: @unchecked Sendable {
  private let group = DispatchGroup()
  private let lock = NSLock()
  private var failure: Error?

  /// Starts saving `data` (one input's reading, no longer changed by anyone) as `input`'s
  /// snapshot with the stage `parts`.
  func save(
    _ data: StudyData, owned: PidOwners, parts: [String: String], input: String,
    in directory: URL
  ) {
    let job = Job(data: data, owned: owned, parts: parts, input: input, directory: directory)
    DispatchQueue.global().async(group: group) {
      do {
        try InputSnapshot.save(
          job.data, owned: job.owned, parts: job.parts, input: job.input, in: job.directory)
      } catch {
        self.lock.lock()
        self.failure = self.failure ?? error
        self.lock.unlock()
      }
    }
  }

  /// Waits for every save.
  ///
  /// - Throws: ``EnvironmentError`` naming the first save that failed and what to do.
  func finish() throws {
    group.wait()
    if let failure { throw EnvironmentError.translating(failure) }
  }

  /// One save's inputs; the study data is only read once handed over.
  private struct Job: @unchecked Sendable {
    let data: StudyData
    let owned: PidOwners
    let parts: [String: String]
    let input: String
    let directory: URL
  }
}
