/// How the C allocator hands out memory to this process.
enum AllocatorSettings {
  /// Blocks of a mebibyte or more — the growing arrays and tables of a large study — come
  /// straight from the operating system and go back to it when freed.
  ///
  /// glibc's default raises that threshold each time such a block is freed, up to 32 MiB, after
  /// which big blocks are carved from the heap and leave holes there when freed: on the
  /// 10-million-row benchmark that kept about 60 MB more resident at the peak, against 0.2 s
  /// more system time with the setting. Everything else keeps the allocator's defaults.
  ///
  /// Returns whether the allocator took the setting (where there is none to take, as off
  /// Linux: false).
  @discardableResult
  static func apply() -> Bool {
    #if os(Linux)
    return glibcMallopt(mmapThresholdParameter, 1 << 20) == 1
    #else
    return false
    #endif
  }
}

#if os(Linux)
/// glibc's `M_MMAP_THRESHOLD` (`<malloc.h>`, which Swift's Glibc module does not import).
private let mmapThresholdParameter: Int32 = -3

/// glibc's `int mallopt(int param, int value)`, declared here because Swift's Glibc module
/// leaves out `<malloc.h>`; it returns 1 on success.
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
