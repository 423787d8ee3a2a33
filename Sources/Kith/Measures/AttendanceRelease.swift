import KithCSV

/// The engagement and isolation columns of `participants.csv`, and attendees per session, computed
/// once from the pseudonymised attendance.
struct AttendanceRelease {
  /// The participant columns, in order.
  static let columns =
    [
      "sessions_offered", "attendance_rate", "first_attended", "last_attended", "tenure_days",
      "longest_gap_days", "longest_gap_sessions", "returns_after_gap", "retained_w4", "retained_w8",
      "retained_w12", "groups_attended",
    ] + CoAttendance.columns

  let spec: PipelineSpec
  let study: MeasuredStudy
  /// Each group's held session days, sorted.
  let held: [Int32: [Int32]]
  /// The engagement of everyone who attended, by pid id.
  private let measured: [Engagement?]
  /// Who everyone who attended met, by pid id; empty when no output shows it.
  private let network: [CoAttendance?]

  /// The measures of `study`'s attendance: `network` from ``CoAttendance/measure(_:settings:)``
  /// and `measured` from ``Engagement/measure(attended:held:settings:)`` per pid id (each can be
  /// computed on threads of its own), over the sessions `held` (``heldDays(in:)``).
  init(
    spec: PipelineSpec, study: MeasuredStudy, held: [Int32: [Int32]], network: [CoAttendance?],
    measured: [Engagement?]
  ) {
    (self.spec, self.study, self.held) = (spec, study, held)
    (self.network, self.measured) = (network, measured)
  }

  /// Each group's held session days, sorted.
  static func heldDays(in study: MeasuredStudy) -> [Int32: [Int32]] {
    var held: [Int32: [Int32]] = [:]
    for (group, days) in study.ledger.groupDays.enumerated() where !days.isEmpty {
      held[Int32(group)] = days.sorted()
    }
    return held
  }

  /// How many sessions the person with pid id `id` attended.
  func sessionsAttended(id: Int32) -> Int {
    Int(id) < measured.count ? measured[Int(id)]?.sessionsAttended ?? 0 : 0
  }

  /// Appends to `record` the participant columns of the person with pid id `id`, as released;
  /// blanks for someone who attended nothing.
  func appendValues(id: Int32?, to record: CSVRecord) {
    guard let id, Int(id) < measured.count, let engagement = measured[Int(id)] else {
      for _ in Self.columns { record.appendEmpty() }
      return
    }
    let (first, last) = Self.dates(engagement, mode: spec.dates)
    let co = Int(id) < network.count ? network[Int(id)] : nil
    record.append(engagement.sessionsOffered)
    record.append(Fixed.format(engagement.attendanceRate, decimals: 3))
    record.append(first)
    record.append(last)
    record.append(engagement.lastDay - engagement.firstDay)
    record.append(engagement.longestGapDays)
    record.append(engagement.longestGapSessions)
    record.append(engagement.returnsAfterGap)
    for week in Engagement.retentionWeeks {
      record.append(engagement.isRetained(week: week) ? 1 : 0)
    }
    record.append(engagement.groupsAttended)
    record.append(co?.peersMet ?? 0)
    record.append(co?.regularPeers ?? 0)
    record.append(Fixed.format(co?.meanCoattendees ?? 0, decimals: 2))
    record.append(co?.weightedDegree ?? 0)
    if let isolated = co?.isolated { record.append(isolated ? 1 : 0) } else { record.appendEmpty() }
  }

  /// The engagement of everyone who attended, by pid.
  var engagements: [String: Engagement] {
    var engagements: [String: Engagement] = [:]
    engagements.reserveCapacity(measured.count)
    for (id, engagement) in measured.enumerated() {
      if let engagement { engagements[study.pids.strings[id]] = engagement }
    }
    return engagements
  }

  /// Whether each participant is isolated in their group, where it is measured.
  var isolated: [String: Bool] {
    var isolated: [String: Bool] = [:]
    isolated.reserveCapacity(measured.count)
    for (id, co) in network.enumerated() where measured[id] != nil {
      if let judged = co?.isolated { isolated[study.pids.strings[id]] = judged }
    }
    return isolated
  }

  private static func dates(_ engagement: Engagement, mode: DateRelease) -> (String, String) {
    switch mode {
    case .exact: (CivilDate.iso(engagement.firstDay), CivilDate.iso(engagement.lastDay))
    case .month:
      (
        String(CivilDate.iso(engagement.firstDay).prefix(7)),
        String(CivilDate.iso(engagement.lastDay).prefix(7))
      )
    case .daysSinceFirst: ("0", String(engagement.lastDay - engagement.firstDay))
    }
  }

  /// Attendees per held session.
  func attendees() -> [SessionKey: Int] {
    var counts: [SessionKey: Int] = [:]
    let ledger = study.ledger
    for (group, days) in ledger.groupDays.enumerated() {
      for (slot, count) in ledger.attendeesBySlot(group: group).enumerated() {
        counts[SessionKey(group: Int32(group), day: days[slot])] = count
      }
    }
    return counts
  }
}

/// Fixed-point decimal text, the same on every machine and locale.
enum Fixed {
  /// `value` rounded half away from zero to `decimals` places (`0.6667` → `0.667`).
  static func format(_ value: Double, decimals: Int) -> String {
    let scale = Double(FixedDecimal.power(decimals))
    let scaled = Int((abs(value) * scale).rounded(.toNearestOrAwayFromZero))
    return DecimalText.withText(
      magnitude: UInt(scaled), decimals: decimals, negative: value < 0 && scaled != 0
    ) { String(decoding: $0, as: UTF8.self) }
  }

  /// The decimal places `text` (a number as Kith writes it) is written with: `39.90` → 2.
  static func decimals(in text: String) -> Int {
    text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
  }
}
