/// A unified diff of two texts by lines (Myers' algorithm), as `diff -u` prints it, for
/// `kith run --check`.
enum UnifiedDiff {
  private enum Edit: Equatable {
    case same(Int, Int)
    case removed(Int)
    case added(Int)
  }

  /// The diff of `old` and `new`, labelled with `oldName` and `newName`; empty when they are equal.
  static func diff(
    _ old: String, _ new: String, oldName: String, newName: String, context: Int = 3
  ) -> String {
    let a = lines(old)
    let b = lines(new)
    guard a != b else { return "" }
    let edits = script(a, b)
    var output = ["--- \(oldName)", "+++ \(newName)"]
    var index = 0
    while index < edits.count {
      guard
        let firstChange = edits[index...].firstIndex(where: {
          if case .same = $0 { false } else { true }
        })
      else { break }
      var end = firstChange
      var lastChange = firstChange
      while end < edits.count {
        if case .same = edits[end] {
          if end - lastChange > 2 * context { break }
        } else {
          lastChange = end
        }
        end += 1
      }
      let start = max(index, firstChange - context)
      let stop = min(edits.count, lastChange + context + 1)
      output.append(header(edits[start..<stop], a: a, b: b))
      for edit in edits[start..<stop] {
        switch edit {
        case .same(let i, _): output.append(" " + a[i])
        case .removed(let i): output.append("-" + a[i])
        case .added(let j): output.append("+" + b[j])
        }
      }
      index = stop
    }
    return output.joined(separator: "\n") + "\n"
  }

  private static func lines(_ text: String) -> [String] {
    var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if result.last == "" { result.removeLast() }
    return result
  }

  private static func header(_ hunk: ArraySlice<Edit>, a: [String], b: [String]) -> String {
    var oldStart = -1
    var newStart = -1
    var oldCount = 0
    var newCount = 0
    var oldBefore = 0
    var newBefore = 0
    for edit in hunk {
      switch edit {
      case .same(let i, let j):
        if oldStart < 0 { oldStart = i }
        if newStart < 0 { newStart = j }
        oldCount += 1
        newCount += 1
        oldBefore = i + 1
        newBefore = j + 1
      case .removed(let i):
        if oldStart < 0 { oldStart = i }
        oldCount += 1
        oldBefore = i + 1
      case .added(let j):
        if newStart < 0 { newStart = j }
        newCount += 1
        newBefore = j + 1
      }
    }
    if oldStart < 0 { oldStart = oldBefore }
    if newStart < 0 { newStart = newBefore }
    func range(_ start: Int, _ count: Int) -> String {
      count == 1 ? "\(start + 1)" : "\(count == 0 ? start : start + 1),\(count)"
    }
    return "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@"
  }

  /// The shortest edit script from `a` to `b` (Myers 1986, greedy forward search).
  private static func script(_ a: [String], _ b: [String]) -> [Edit] {
    let n = a.count
    let m = b.count
    let maxD = n + m
    var v = [Int](repeating: 0, count: 2 * maxD + 2)
    var trace: [[Int]] = []
    outer: for d in 0...maxD {
      trace.append(v)
      for k in stride(from: -d, through: d, by: 2) {
        var x =
          (k == -d || (k != d && v[maxD + k - 1] < v[maxD + k + 1]))
          ? v[maxD + k + 1] : v[maxD + k - 1] + 1
        var y = x - k
        while x < n && y < m && a[x] == b[y] {
          x += 1
          y += 1
        }
        v[maxD + k] = x
        if x >= n && y >= m { break outer }
      }
    }
    var edits: [Edit] = []
    var x = n
    var y = m
    for d in stride(from: trace.count - 1, through: 0, by: -1) {
      let v = trace[d]
      let k = x - y
      let previousK =
        (k == -d || (k != d && v[maxD + k - 1] < v[maxD + k + 1])) ? k + 1 : k - 1
      let previousX = v[maxD + previousK]
      let previousY = previousX - previousK
      while x > previousX && y > previousY {
        x -= 1
        y -= 1
        edits.append(.same(x, y))
      }
      if d > 0 {
        if x == previousX {
          y -= 1
          edits.append(.added(y))
        } else {
          x -= 1
          edits.append(.removed(x))
        }
      }
    }
    return edits.reversed()
  }
}
