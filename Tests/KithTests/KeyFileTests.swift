import Foundation
import Testing

@testable import Kith

/// What a key file must be before its key is used, and how `KeyFile.create` makes one.
@Suite struct KeyFileTests {
  let folder = StudyFolder()

  /// A file holding `text` with permissions `mode`.
  func file(_ name: String, _ text: String, mode: Int = 0o600) throws -> URL {
    let url = try folder.write(name, text)
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
    return url
  }

  @Test func aPrivateFileOfHexIsReadWithItsFingerprint() throws {
    let url = try file("k.key", "  " + StudyFolder.testKeyHex.uppercased() + "\n")
    // HMAC-SHA256(key, "kith-key-fingerprint"), first 4 bytes, computed with Python's hmac.
    #expect(try KeyFile.read(url).fingerprint == "5f1afe45")
  }

  @Test(arguments: [0o644, 0o640, 0o604, 0o660, 0o666, 0o700])
  func aKeyOthersMayReadIsRefusedWithTheFix(mode: Int) throws {
    let url = try file("k.key", StudyFolder.testKeyHex, mode: mode)
    if mode & 0o077 == 0 {
      #expect(throws: Never.self) { try KeyFile.read(url) }
      return
    }
    #expect(throws: KeyError.readableByOthers(path: url.path, mode: mode)) {
      try KeyFile.read(url)
    }
    #expect(
      KeyError.readableByOthers(path: url.path, mode: mode).description.contains(
        "chmod 600 \(url.path)"))
    // A demonstration study's key is public by design: its mode is not checked.
    #expect(throws: Never.self) { try KeyFile.read(url, checksMode: false) }
  }

  @Test func aSymbolicLinkToAKeyIsRefused() throws {
    let target = try file("real.key", StudyFolder.testKeyHex)
    let link = folder.url.appendingPathComponent("link.key")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
    #expect(throws: KeyError.symbolicLink(path: link.path)) { try KeyFile.read(link) }
  }

  @Test func aFolderIsNotAKeyFile() throws {
    let path = folder.url.appendingPathComponent("dir.key")
    try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
    #expect(throws: KeyError.notAFile(path: path.path)) { try KeyFile.read(path) }
  }

  @Test(arguments: [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF]] as [[UInt8]])
  func aByteOrderMarkIsRefused(mark: [UInt8]) throws {
    let url = folder.url.appendingPathComponent("bom.key")
    try Data(mark + Array(StudyFolder.testKeyHex.utf8)).write(to: url)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
    #expect(throws: KeyError.byteOrderMark(path: url.path)) { try KeyFile.read(url) }
  }

  @Test func textThatIsNotHexOrTooShortIsRefused() throws {
    let bad = try file("bad.key", "zz")
    #expect(throws: KeyError.notHex(path: bad.path)) { try KeyFile.read(bad) }
    let short = try file("short.key", String(StudyFolder.testKeyHex.prefix(62)))
    #expect(throws: KeyError.tooShort(bytes: 31)) { try KeyFile.read(short) }
  }

  /// Keys no random generator would give: one byte repeated, a short run repeated, counting up
  /// or down, or too few distinct bytes.
  static let patterned: [[UInt8]] = {
    let pi: [UInt8] = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]
    let dead: [UInt8] = [0xDE, 0xAD, 0xBE, 0xEF]
    var keys: [[UInt8]] = [Array(repeating: 0, count: 32), Array(repeating: 0xFF, count: 32)]
    keys.append((0..<32).map { UInt8($0) })
    keys.append((0..<32).map { UInt8(255 - $0) })
    keys.append((0..<32).map { UInt8(($0 * 7) & 0xFF) })
    keys.append((0..<32).map { dead[$0 % 4] })
    keys.append((0..<32).map { pi[$0 % 11] })
    return keys
  }()

  @Test(arguments: Self.patterned)
  func patternedKeysAreRefused(bytes: [UInt8]) {
    #expect(throws: KeyError.lowEntropy) { try StudyKey(bytes: bytes) }
  }

  @Test func randomKeysAreAccepted() throws {
    for _ in 0..<200 {
      #expect(throws: Never.self) { try StudyKey(bytes: StudyKey.random()) }
    }
  }

  @Test func createMakesAnOwnerOnlyKeyAndNeverReplacesAnything() throws {
    let path = folder.url.appendingPathComponent("new.key").path
    let key = try KeyFile.create(at: path)
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.count == 65 && text.last == "\n")
    #expect(try KeyFile.read(URL(fileURLWithPath: path)).fingerprint == key.fingerprint)
    #expect(throws: KeyError.alreadyExists(path: path)) { try KeyFile.create(at: path) }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    // A symbolic link at the path, even one pointing nowhere, is not followed.
    let dangling = folder.url.appendingPathComponent("dangling.key")
    try FileManager.default.createSymbolicLink(
      atPath: dangling.path, withDestinationPath: folder.url.appendingPathComponent("x").path)
    #expect(throws: KeyError.alreadyExists(path: dangling.path)) {
      try KeyFile.create(at: dangling.path)
    }
    #expect(!folder.exists("x"))
  }
}
