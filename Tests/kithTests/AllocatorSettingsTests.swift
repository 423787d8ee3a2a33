import Testing

@testable import kith

@Suite struct AllocatorSettingsTests {
  /// glibc takes the mmap threshold (a wrong parameter number or binding would be refused).
  @Test(.enabled(if: isLinux)) func glibcTakesTheThreshold() {
    #expect(AllocatorSettings.apply())
  }
}

#if os(Linux)
private let isLinux = true
#else
private let isLinux = false
#endif
