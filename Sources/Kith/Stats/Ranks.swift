/// Ranks with ties given their average rank (scipy's `rankdata(method="average")`).
enum Ranks {
  /// The 1-based average ranks of `values`, in their order.
  static func average(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { (values[$0], $0) < (values[$1], $1) }
    var ranks = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
      let rank = Double(start + end + 2) / 2
      for position in start...end { ranks[order[position]] = rank }
      start = end + 1
    }
    return ranks
  }

  /// The sizes of the groups of tied values (1 for an untied value).
  static func tieGroups(_ values: [Double]) -> [Int] {
    var counts: [Double: Int] = [:]
    for value in values { counts[value, default: 0] += 1 }
    return counts.values.sorted()
  }
}
