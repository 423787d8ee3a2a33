/// The study period (`period: {from: 2025-02-01, to: 2025-08-31}`): a session or a response
/// dated outside it is rejected with its date, so a taster session before the programme counts
/// neither as attendance nor as anyone's first session.
public struct StudyPeriod: Sendable {
  /// The first day of the study (a day number), or `nil` for no lower bound.
  public var from: Int?
  /// The last day of the study (a day number), or `nil` for no upper bound.
  public var to: Int?
  /// Survey inputs: the column holding each response's date, when the wave is not already
  /// placed by a date (`wave: {date: …}`) or the platform's own date column is not wanted.
  public var responseDate: DateColumnSpec?

  /// Why `day` is outside the period (`before the study period (2025-02-01 to 2025-08-31)`), or
  /// `nil` when it is inside.
  public func outside(_ day: Int) -> String? {
    if let from, day < from { return "before the study period (\(described))" }
    if let to, day > to { return "after the study period (\(described))" }
    return nil
  }

  /// `2025-02-01 to 2025-08-31`, `from 2025-02-01`, `to 2025-08-31`.
  public var described: String {
    switch (from, to) {
    case (let from?, let to?): "\(CivilDate.iso(from)) to \(CivilDate.iso(to))"
    case (let from?, nil): "from \(CivilDate.iso(from))"
    case (nil, let to?): "to \(CivilDate.iso(to))"
    case (nil, nil): "no bounds"
    }
  }
}
