/// The released, generalised quasi-identifier columns of `participants.csv`, k-anonymous.
struct QuasiRelease {
  /// The column names, in the order first declared.
  let columns: [String]
  /// The values per pid, one per column.
  let values: [String: [String]]
  /// What enforcement did; `nil` when no quasi-identifier is declared.
  let report: KAnonymityReport?

  /// Quasi-identifiers already generalised (a merge's, ``QuasiMerge``).
  init(columns: [String], values: [String: [String]], report: KAnonymityReport?) {
    (self.columns, self.values, self.report) = (columns, values, report)
  }

  /// Generalises the quasi-identifiers of `pids` (sorted), as read (`quasi`), until they are
  /// k-anonymous.
  init(
    spec: PipelineSpec, study: MeasuredStudy,
    quasi raw: [String: [QuasiIdentifierSpec.Kind: QuasiValue]], pids: [String]
  ) {
    var specs: [QuasiIdentifierSpec] = []
    for input in spec.inputs {
      for quasi in input.quasiIdentifiers where !specs.contains(where: { $0.kind == quasi.kind }) {
        specs.append(quasi)
      }
    }
    guard !specs.isEmpty else {
      (columns, values, report) = ([], [:], nil)
      return
    }
    let firstDay = study.ledger.firstAttendedDays(pids: study.pids)
    let records = pids.map { pid in
      specs.map { quasi -> QuasiBase? in
        switch raw[pid]?[quasi.kind] {
        case .birthDay(let birth)?:
          guard let reference = spec.ageReference ?? firstDay[pid] else { return nil }
          return .age(Self.age(born: birth, on: reference))
        case .group(let name)?: return .text(name)
        case nil: return nil
        }
      }
    }
    let generalisers = specs.map(Generaliser.init)
    let outcome = KAnonymity.enforce(records, generalisers: generalisers, spec: spec.kAnonymity)
    let names = specs.map(\.kind.outputColumn)
    columns = names
    values = Dictionary(uniqueKeysWithValues: zip(pids, outcome.values))
    let informative = outcome.values.filter { !KAnonymity.isUninformative($0) }
    report = KAnonymityReport(
      k: spec.kAnonymity.k,
      generalisation: Dictionary(
        uniqueKeysWithValues: specs.indices.map {
          (names[$0], generalisers[$0].describe(level: outcome.levels[$0]))
        }),
      classes: KAnonymity.classSizes(outcome.values).count,
      smallestClass: KAnonymity.classSizes(informative).last ?? 0,
      suppressedParticipants: outcome.suppressed.count,
      suppressedValues: Dictionary(
        uniqueKeysWithValues: zip(names, outcome.suppressedValues).filter { $0.1 > 0 }),
      priority: spec.kAnonymity.priority.map(\.outputColumn),
      coarsened: specs.indices.filter { outcome.levels[$0] > 0 }.map { names[$0] }.sorted())
  }

  /// Whole years from `born` to `day` (both day numbers).
  static func age(born: Int, on day: Int) -> Int {
    let birth = CivilDate.iso(born).split(separator: "-").compactMap { Int($0) }
    let then = CivilDate.iso(day).split(separator: "-").compactMap { Int($0) }
    var years = then[0] - birth[0]
    if (then[1], then[2]) < (birth[1], birth[2]) { years -= 1 }
    return years
  }
}
