import CClp

/// What a reader can work out about unknown counts from published ones: the values each
/// variable can take, given equations between variables and each variable's bounds — linear
/// programs solved by COIN-OR CLP's simplex, as few as the question needs.
///
/// Every solution the simplex finds is a possible set of counts, so each variable's smallest
/// and largest value seen so far bound its interval from inside: a variable seen at two whole
/// numbers is not pinned, without a program of its own. Only what the seen values cannot settle
/// is solved exactly. Every call into CLP is in this file; nothing else sees its types.
final class FeasibleRegion {
  /// One linear equation: the sum of `terms` (variable, coefficient) equals `value`.
  struct Equation {
    var terms: [(variable: Int, coefficient: Double)]
    var value: Double
  }

  private let model: UnsafeMutableRawPointer?
  private let count: Int
  private var objective: [Double]
  /// Each variable's smallest and largest value in any solution seen.
  private var seen: [ClosedRange<Double>?]
  /// Exact intervals already solved.
  private var solved: [Int: ClosedRange<Double>] = [:]
  /// Whether any values satisfy the bounds and equations at all.
  let isFeasible: Bool

  /// The region of `bounds` (`Double.infinity` above for none) and `equations`.
  init(bounds: [ClosedRange<Double>], equations: [Equation]) {
    count = bounds.count
    objective = [Double](repeating: 0, count: bounds.count)
    seen = [ClosedRange<Double>?](repeating: nil, count: bounds.count)
    model = Clp_newModel()
    Clp_setLogLevel(model, 0)
    // CLP reads the constraint matrix by column: each variable's equations and coefficients.
    var columns = [[(row: Int32, value: Double)]](repeating: [], count: bounds.count)
    for (row, equation) in equations.enumerated() {
      for term in equation.terms { columns[term.variable].append((Int32(row), term.coefficient)) }
    }
    var starts: [Int32] = [0]
    var rows: [Int32] = []
    var values: [Double] = []
    for column in columns {
      rows += column.map(\.row)
      values += column.map(\.value)
      starts.append(Int32(rows.count))
    }
    var lower = bounds.map(\.lowerBound)
    var upper = bounds.map {
      $0.upperBound.isFinite ? $0.upperBound : Double.greatestFiniteMagnitude
    }
    var rowValues = equations.map(\.value)
    Clp_loadProblem(
      model, Int32(bounds.count), Int32(equations.count), &starts, &rows, &values, &lower,
      &upper, &objective, &rowValues, &rowValues)
    isFeasible = bounds.isEmpty || Self.solve(model, direction: 1) != nil
    guard isFeasible && !bounds.isEmpty else { return }
    record()
    // A few far-apart solutions first — every count low, every count high, alternately low and
    // high — so that most variables are seen at two values before any is asked about.
    for signs in [{ (_: Int) in 1.0 }, { $0 % 2 == 0 ? 1.0 : -1.0 }] {
      var weights = (0..<count).map(signs)
      Clp_chgObjCoefficients(model, &weights)
      for direction in [1.0, -1.0] where Self.solve(model, direction: direction) != nil {
        record()
      }
    }
  }

  deinit { Clp_deleteModel(model) }

  /// Whether `variable` can take only one whole number.
  func isPinned(_ variable: Int) -> Bool {
    if let range = seen[variable], Self.wholeNumbers(in: range) > 1 { return false }
    guard let exact = interval(of: variable) else { return false }
    return Self.wholeNumbers(in: exact) <= 1
  }

  /// The smallest and largest value of `variable` in the solutions seen so far: inside its
  /// interval.
  func seenRange(of variable: Int) -> ClosedRange<Double>? { seen[variable] }

  /// The exact interval of `variable`; `nil` when the region is empty.
  func interval(of variable: Int) -> ClosedRange<Double>? {
    guard isFeasible else { return nil }
    if let known = solved[variable] { return known }
    objective[variable] = 1
    Clp_chgObjCoefficients(model, &objective)
    objective[variable] = 0
    guard let low = Self.solve(model, direction: 1) else { return nil }
    record()
    guard let high = Self.solve(model, direction: -1) else { return nil }
    record()
    let interval = low...max(low, high)
    solved[variable] = interval
    return interval
  }

  /// Notes the current solution's values.
  private func record() {
    guard let solution = Clp_getColSolution(model) else { return }
    for index in 0..<count {
      let value = solution[index]
      seen[index] =
        seen[index].map { min($0.lowerBound, value)...max($0.upperBound, value) }
        ?? value...value
    }
  }

  /// Optimises the objective in `direction` (1 minimise, -1 maximise); its value, or `nil`
  /// when no values satisfy the region.
  ///
  /// The corresponding C functions are `Clp_setOptimizationDirection`, `Clp_primal` and
  /// `Clp_objectiveValue`.
  private static func solve(_ model: UnsafeMutableRawPointer?, direction: Double) -> Double? {
    Clp_setOptimizationDirection(model, direction)
    Clp_primal(model, 0)
    guard Clp_isProvenOptimal(model) != 0 else { return nil }
    return Clp_objectiveValue(model)
  }

  /// How many whole numbers `range` holds (allowing for rounding in the simplex).
  static func wholeNumbers(in range: ClosedRange<Double>) -> Int {
    let span = (range.upperBound + 1e-6).rounded(.down) - (range.lowerBound - 1e-6).rounded(.up)
    return span.isFinite && span < 1e15 ? Int(span) + 1 : Int.max
  }
}
