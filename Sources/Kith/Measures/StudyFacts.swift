import Foundation

/// What the study tables are computed from, gathered once per run from the released measures:
/// each participant's group, engagement, released characteristics, scores and item scores.
struct StudyFacts {
  /// Every participant, sorted.
  let pids: [String]
  /// The groups, in the natural order of their names (``NaturalOrder``).
  let groups: [String]
  /// Each participant's main group: the one they attended most (ties to the one whose name
  /// comes first in ``groups``).
  let group: [String: String]
  /// Engagement of everyone who attended.
  let engagement: [String: Engagement]
  /// The days each participant attended a session, ascending (a day twice when they attended
  /// two groups' sessions on it).
  let attendedDays: [String: [Int32]]
  /// The day of each participant's response at each wave, where the export dates it.
  let responseDays: [[String: Int32]]
  /// The study's last day: `attendance.study_end`, else the latest `period.to` of a register,
  /// else the last day anyone attended; `nil` when no one did.
  let lastDay: Int?
  /// How precisely the release may show a date (`dates:`): the tables' words follow it.
  let dates: DateRelease
  /// Whether each participant is isolated in their group, where it is measured.
  let isolated: [String: Bool]
  /// Released (generalised) characteristics by column (`age_band`, `gender`), by pid.
  let characteristics: [String: [String: String]]
  /// The characteristic columns released.
  let characteristicColumns: [String]
  /// The instruments, in pipeline order.
  let instruments: [Instrument]
  /// The waves, in order.
  let waves: [String]
  /// Scores by instrument, scale and wave: pid → score.
  let scores: [[[ScoreColumn]]]
  /// Item scores (reversed where the instrument says) by instrument and wave: pid → items,
  /// `nil` where unanswered.
  let items: [[[String: [Double?]]]]
  /// Who responded at each wave.
  let responded: [Set<String>]
  /// The themes, in the order the pipeline maps them (else by name).
  let themes: [String]
  /// The codes (paths), sorted.
  let codes: [String]
  /// Linked participants' themes and codes, and segments per theme.
  let themesOf: [String: Set<String>]
  let codesOf: [String: Set<String>]
  /// Segments per theme: linked, and from documents linked to no one.
  let linkedSegments: [String: Int]
  let unlinkedSegments: [String: Int]
  /// The instruments the joint displays use: (instrument position, the total scale's position).
  let wellbeing: (instrument: Int, scale: Int)?
  let loneliness: (instrument: Int, scale: Int)?
  /// A merged study's sites, in merge order (`kith merge`); empty for a run.
  var sites: [String] = []
  /// The sites that released each participant, for a merged study.
  var sitesOf: [String: [String]] = [:]

  /// The facts of `study` and its measures; `responded` stands in for the responses of a study
  /// read from releases (``MergedStudy``), which hold scores but no answers.
  init(
    spec: PipelineSpec, study: MeasuredStudy, scores: ScoreRelease, quasi: QuasiRelease,
    attendance: AttendanceRelease, responded released: [Set<String>]? = nil
  ) {
    pids = PidOrder.sorted(study.participants)
    let groupNames = study.groups.strings
    let rank = study.groups.ranks(by: NaturalOrder.less)
    groups = groupNames.indices.sorted { rank[$0] < rank[$1] }.map { groupNames[$0] }
    var group: [String: String] = [:]
    var attendedDays: [String: [Int32]] = [:]
    group.reserveCapacity(study.pids.strings.count)
    attendedDays.reserveCapacity(study.pids.strings.count)
    let ledger = study.ledger
    // Sessions per group of one participant: a few groups each, so a list, not a table.
    var sessions: [(group: Int32, count: Int)] = []
    for (id, pid) in study.pids.strings.enumerated() {
      sessions.removeAll(keepingCapacity: true)
      let attended = ledger.attended(pid: Int32(id))
      for session in attended {
        if let index = sessions.firstIndex(where: { $0.group == session.group }) {
          sessions[index].count += 1
        } else {
          sessions.append((session.group, 1))
        }
      }
      if !attended.isEmpty { attendedDays[pid] = attended.map(\.day).sorted() }
      if let main = sessions.max(by: {
        ($0.count, -rank[Int($0.group)]) < ($1.count, -rank[Int($1.group)])
      }) {
        group[pid] = groupNames[Int(main.group)]
      }
    }
    self.group = group
    self.attendedDays = attendedDays
    engagement = attendance.engagements
    let periodEnd = spec.inputs.filter { $0.kind == .register }.compactMap { $0.period?.to }.max()
    dates = spec.dates
    lastDay =
      spec.attendance.studyEnd ?? periodEnd ?? attendance.engagements.values.map(\.lastDay).max()
    isolated = attendance.isolated
    characteristicColumns = quasi.columns.filter { ["age_band", "gender"].contains($0) }
    var characteristics: [String: [String: String]] = [:]
    characteristics.reserveCapacity(quasi.values.count)
    for (pid, values) in quasi.values {
      for (column, value) in zip(quasi.columns, values)
      where characteristicColumns.contains(column) {
        characteristics[pid, default: [:]][column] = value
      }
    }
    self.characteristics = characteristics
    instruments = spec.instruments.map(\.value)
    waves = spec.waves
    // One table of pids for every scale and wave: the study's participants, then anyone scored
    // who is not one of them.
    var pidPositions = [String: Int32](minimumCapacity: pids.count)
    for pid in pids where pidPositions[pid] == nil { pidPositions[pid] = Int32(pidPositions.count) }
    let scorePositions = scores.pids.map { pid in
      if let position = pidPositions[pid] { return position }
      pidPositions[pid] = Int32(pidPositions.count)
      return Int32(pidPositions.count - 1)
    }
    var byScale = instruments.map { instrument in
      instrument.scales.map { _ in spec.waves.map { _ in ScoreColumn(positions: pidPositions) } }
    }
    for row in scores.rows {
      guard let value = row.value else { continue }
      byScale[Int(row.instrument)][Int(row.scale)][Int(row.wave)].set(
        value.double, at: scorePositions[Int(row.participant)])
    }
    self.scores = byScale
    let positions = Dictionary(
      uniqueKeysWithValues: instruments.enumerated().map { ($1.id, $0) })
    var items = instruments.map { _ in spec.waves.map { _ in [String: [Double?]]() } }
    var responded = spec.waves.map { _ in Set<String>() }
    var responseDays = spec.waves.map { _ in [String: Int32]() }
    for response in study.responses {
      responded[response.wave].insert(response.pid)
      if let day = response.day { responseDays[response.wave][response.pid] = day }
      for (id, codes) in response.items {
        guard let position = positions[id] else { continue }
        let instrument = instruments[position]
        items[position][response.wave][response.pid] = codes.enumerated().map { index, code in
          code.map { Double(instrument.itemScore($0, item: index + 1)) }
        }
      }
    }
    self.items = items
    self.responded = released ?? responded
    self.responseDays = responseDays
    let mapped = spec.codings.flatMap { $0.themes.map(\.theme) }
    var themesOf: [String: Set<String>] = [:]
    var codesOf: [String: Set<String>] = [:]
    var linked: [String: Int] = [:]
    var unlinked: [String: Int] = [:]
    for segment in study.themes {
      if let pid = segment.pid {
        themesOf[pid, default: []].insert(segment.theme)
        codesOf[pid, default: []].insert(segment.code)
        linked[segment.theme, default: 0] += segment.count
      } else {
        unlinked[segment.theme, default: 0] += segment.count
      }
    }
    let seen = Set(study.themes.map(\.theme))
    var ordered: [String] = []
    for theme in mapped where seen.contains(theme) && !ordered.contains(theme) {
      ordered.append(theme)
    }
    themes = ordered + seen.subtracting(ordered).sorted()
    codes = Set(study.themes.map(\.code)).sorted()
    self.themesOf = themesOf
    self.codesOf = codesOf
    linkedSegments = linked
    unlinkedSegments = unlinked
    let position = { (id: String?) -> (Int, Int)? in
      guard let id, let index = spec.instruments.firstIndex(where: { $0.value.id == id }),
        let scale = spec.instruments[index].value.scales.firstIndex(where: { $0.id == "total" })
      else { return nil }
      return (index, scale)
    }
    wellbeing = position(spec.jointDisplay.wellbeing)
    loneliness = position(spec.jointDisplay.loneliness)
  }

  /// The step between two possible scores of each scale (`wemwbs total` → 1), for the attacker:
  /// whole-number items give whole-number sums; a prorated scale's rounding or a conversion
  /// table's decimals give smaller steps.
  var scoreSteps: [String: Double] {
    var steps: [String: Double] = [:]
    for instrument in instruments {
      for scale in instrument.scales {
        var decimals = 0
        if case .prorate(_, let places) = scale.missing { decimals = places }
        if let conversion = scale.conversion {
          decimals = max(decimals, conversion.values.map(\.decimals).max() ?? 0)
        }
        steps["\(instrument.id) \(scale.id)"] = pow(10, -Double(decimals))
      }
    }
    return steps
  }

  /// The scales that have means (not ordinal), with where their scores are.
  var intervalScales: [(position: Int, index: Int, instrument: Instrument, scale: InstrumentScale)]
  {
    instruments.enumerated().flatMap { position, instrument in
      instrument.scales.enumerated().filter { $0.element.level != .ordinal }.map {
        (position, $0.offset, instrument, $0.element)
      }
    }
  }

  /// `pids` split by main group, in the order of ``groups``, each keeping the order of `pids`;
  /// one pass, however many groups a programme has.
  func byGroup(_ pids: [String]) -> [(group: String, pids: [String])] {
    var members: [String: [String]] = [:]
    for pid in pids {
      if let group = group[pid] { members[group, default: []].append(pid) }
    }
    return groups.map { ($0, members[$0] ?? []) }
  }
}

extension StudyFacts {
  /// The sessions `pid` attended from the day of their response at wave `first` to the day of
  /// their response at wave `last`, both days included (a survey answered at a session follows
  /// that session); from the start or to the end where a response is undated.
  func sessionsBetween(_ pid: String, first: Int, last: Int) -> Int {
    guard let days = attendedDays[pid] else { return 0 }
    let from = responseDays[first][pid] ?? .min
    let to = responseDays[last][pid] ?? .max
    return days.reduce(0) { $0 + (from <= $1 && $1 <= to ? 1 : 0) }
  }
}
