import Foundation
import Testing

@testable import Kith

@Suite struct UnifiedDiffTests {
  @Test func equalTextsHaveNoDiff() {
    #expect(UnifiedDiff.diff("a\nb\n", "a\nb\n", oldName: "x", newName: "y") == "")
  }

  @Test func aChangedLineIsShownWithContext() {
    let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
    let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
    #expect(
      UnifiedDiff.diff(old, new, oldName: "a/t.csv", newName: "b/t.csv") == """
        --- a/t.csv
        +++ b/t.csv
        @@ -2,7 +2,7 @@
         line 2
         line 3
         line 4
        -line 5
        +line five
         line 6
         line 7
         line 8

        """)
  }

  @Test func separateChangesGetSeparateHunksAndEndsAreHandled() {
    let old = (1...20).map(String.init).joined(separator: "\n") + "\n"
    let new = "0\n" + old.replacingOccurrences(of: "\n20\n", with: "\n")
    #expect(
      UnifiedDiff.diff(old, new, oldName: "a", newName: "b") == """
        --- a
        +++ b
        @@ -1,3 +1,4 @@
        +0
         1
         2
         3
        @@ -17,4 +18,3 @@
         17
         18
         19
        -20

        """)
  }
}
