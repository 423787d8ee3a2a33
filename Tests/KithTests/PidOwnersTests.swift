import Foundation
import Testing

@testable import Kith

@Suite struct PidOwnersTests {
  /// Pids that count up, pids that share low bits, and the pid 0: every one is found with its
  /// owner through many resizes, and a pid added again keeps its first owner.
  @Test func everyPidKeepsItsFirstOwner() {
    let pids: [UInt64] = [0] + (1...20_000).map { $0 } + (1...20_000).map { $0 << 40 }
    var owners = PidOwners()
    for pid in pids { #expect(owners.insert(pid: pid, owner: pid &* 3 &+ 1) == nil) }
    #expect(owners.count == 40_001)
    for pid in pids { #expect(owners.owner(of: pid) == pid &* 3 &+ 1) }
    #expect(owners.insert(pid: 0, owner: 99) == 1)
    #expect(owners.insert(pid: 7 << 40, owner: 99) == (7 << 40) &* 3 &+ 1)
    #expect(owners.owner(of: 20_001) == nil)
    #expect(owners.count == 40_001)
  }

  /// `forEach` visits each pid once, and two tables of the same pairs added in different
  /// orders are equal; a different owner makes them differ.
  @Test func visitsEachPidOnceAndComparesByContent() {
    let pairs = (0..<5_000).map { (UInt64($0) &* 0x9E37_79B9_7F4A_7C15, UInt64($0)) }
    var forward = PidOwners()
    var backward = PidOwners()
    for (pid, owner) in pairs { _ = forward.insert(pid: pid, owner: owner) }
    for (pid, owner) in pairs.reversed() { _ = backward.insert(pid: pid, owner: owner) }
    var visited: [UInt64: UInt64] = [:]
    forward.forEach { pid, owner in visited[pid, default: 0] += owner + 1 }
    #expect(visited == Dictionary(uniqueKeysWithValues: pairs.map { ($0, $1 + 1) }))
    #expect(forward == backward)
    _ = backward.insert(pid: 1, owner: 2)
    #expect(forward != backward)
    #expect(PidOwners() == [:])
  }

  /// A snapshot saves the table as a flat list and reads it back equal; a list naming a pid
  /// twice is refused.
  @Test func roundTripsThroughJSON() throws {
    let owners: PidOwners = [0: 5, 1: 10, 0xFFFF_FFFF_FFFF_FFFF: 20]
    let json = try JSONEncoder().encode(owners)
    #expect(try JSONDecoder().decode(PidOwners.self, from: json) == owners)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(PidOwners.self, from: Data("[1,2,1,3]".utf8))
    }
  }
}
