/// The order people read names in.
///
/// Runs of digits compare as numbers, so `Group 5` comes before `Group 10` and `Week 2` before
/// `Week 12`; the rest compares as text does (code points, the same on every machine). Names equal as numbers (`Group 05`, `Group 5`) fall back to plain
/// order, so the order is total and every run sorts alike.
///
/// Hand-written: Foundation's `localizedStandardCompare` also orders numbers, but by the
/// machine's locale, and a release must not depend on where it was made.
enum NaturalOrder {
  /// Whether `a` comes before `b`.
  static func less(_ a: String, _ b: String) -> Bool {
    let (left, right) = (Array(a.unicodeScalars), Array(b.unicodeScalars))
    var (i, j) = (0, 0)
    while i < left.count && j < right.count {
      let (x, y) = (left[i], right[j])
      if isDigit(x) && isDigit(y) {
        let startI = i
        let startJ = j
        while i < left.count && isDigit(left[i]) { i += 1 }
        while j < right.count && isDigit(right[j]) { j += 1 }
        let first = left[startI..<i].drop { $0 == "0" }
        let second = right[startJ..<j].drop { $0 == "0" }
        if first.count != second.count { return first.count < second.count }
        for (p, q) in zip(first, second) where p != q { return p.value < q.value }
      } else {
        if x != y { return x.value < y.value }
        i += 1
        j += 1
      }
    }
    // One name is the other's beginning: the shorter first.
    if i < left.count || j < right.count { return i == left.count }
    return a < b
  }

  private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value >= 48 && scalar.value <= 57
  }
}
