import Crypto

/// HMAC-SHA256 (RFC 2104) with the key's inner and outer pads hashed once.
///
/// A message then costs two SHA-256 compressions through swift-crypto's concrete `SHA256`;
/// its generic `HMAC` gives the same codes, but for messages as short as identifiers its
/// generic calls cost more than the hashing.
struct HMACSHA256 {
  /// SHA-256 after the key's inner pad (key ⊕ 0x36…) and outer pad (key ⊕ 0x5c…).
  private var inner = SHA256()
  private var outer = SHA256()

  /// Prepares codes under `key`; a key longer than a block (64 bytes) is hashed first.
  init(key: SymmetricKey) {
    var block = [UInt8](repeating: 0, count: SHA256.blockByteCount)
    key.withUnsafeBytes { bytes in
      if bytes.count > block.count {
        SHA256.hash(data: bytes).withUnsafeBytes { block.replaceSubrange(0..<$0.count, with: $0) }
      } else {
        block.replaceSubrange(0..<bytes.count, with: bytes)
      }
    }
    inner.update(data: block.map { $0 ^ 0x36 })
    outer.update(data: block.map { $0 ^ 0x5C })
  }

  /// Passes the code of `message`, its 32 bytes, to `body`.
  func authenticate<Result>(
    _ message: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Result
  ) -> Result {
    var inner = self.inner
    inner.update(bufferPointer: message)
    var outer = self.outer
    inner.finalize().withUnsafeBytes { outer.update(bufferPointer: $0) }
    return outer.finalize().withUnsafeBytes(body)
  }
}
