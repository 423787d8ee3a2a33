import Testing

@testable import Kith

@Suite struct ResponsePositionsTests {
  /// Every response stored is found again by its pid and wave, through the table's growth from
  /// 1,024 slots to 65,536; a pid or wave not stored finds nothing.
  @Test func everyPositionIsFoundByItsPidAndWave() {
    let pids = (0..<10_000).map { Pseudonymiser.hex(UInt64($0) &* 0x2545_F491_4F6C_DD1D) }
    var table = ResponsePositions()
    var stored: [(pid: String, wave: Int)] = []
    for wave in 0..<3 {
      for pid in pids {
        table.insert(stored.count, for: ResponsePositions.key(PidKey(pid), wave: wave))
        stored.append((pid, wave))
      }
    }
    #expect(table.count == 30_000)
    let found = stored.map { pid, wave in
      table.position(of: ResponsePositions.key(PidKey(pid), wave: wave)) {
        stored[$0].pid == pid && stored[$0].wave == wave
      }
    }
    #expect(found == Array(0..<30_000).map { Optional($0) })
    #expect(
      table.position(of: ResponsePositions.key(PidKey(pids[0]), wave: 3)) { _ in true } == nil)
    #expect(
      table.position(of: ResponsePositions.key(PidKey("ffffffffffffffff"), wave: 0)) { _ in true }
        == nil)
  }

  /// Pids counting up (as a linkage file may give them) and positions sharing one key: the
  /// caller's check picks among the positions under a key.
  @Test func positionsSharingAKeyAreToldApartByTheCheck() {
    var table = ResponsePositions()
    for number in 0..<5_000 {
      table.insert(
        number, for: ResponsePositions.key(PidKey(Pseudonymiser.hex(UInt64(number))), wave: 0))
    }
    let shared = ResponsePositions.key(PidKey("0000000000000007"), wave: 0)
    table.insert(5_000, for: shared)
    table.insert(5_001, for: shared)
    #expect(table.position(of: shared) { $0 == 7 } == 7)
    #expect(table.position(of: shared) { $0 > 7 } == 5_000)
    #expect(table.position(of: shared) { $0 == 5_001 } == 5_001)
    #expect(table.position(of: shared) { $0 == 8 } == nil)
    #expect(
      table.position(of: ResponsePositions.key(PidKey("0000000000000fff"), wave: 0)) { _ in true }
        == 4_095)
  }

  /// One search both finds and files: a position the check accepts is returned and nothing is
  /// stored; otherwise the new position is filed under the key and found afterwards.
  @Test func findingOrInsertingIsOneSearch() {
    var table = ResponsePositions()
    for number in 0..<3_000 {
      #expect(
        table.position(of: UInt64(number % 1_000), where: { _ in false }, orInsert: number) == nil)
    }
    #expect(table.count == 3_000)
    #expect(table.position(of: 7, where: { $0 == 2_007 }, orInsert: 9_999) == 2_007)
    #expect(table.count == 3_000)
    #expect(table.position(of: 7, where: { $0 > 2_007 }, orInsert: 3_000) == nil)
    #expect(table.position(of: 7) { $0 > 2_007 } == 3_000)
    #expect(table.count == 3_001)
  }
}
