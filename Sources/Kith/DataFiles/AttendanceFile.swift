/// `data/attendance.csv`: every session a register records for a participant, attended (1) or
/// marked absent (0), by pid, group and date.
struct AttendanceFile: DataFile {
  var id: ReleaseDataFile { .attendance }

  /// The file's columns: the date column follows `dates:`.
  static func header(dates: DateRelease) -> [String] {
    ["pid", "group", dates == .daysSinceFirst ? "days_since_first" : "session_date", "attended"]
  }

  /// The table, its rows made one participant at a time.
  func table(from release: MeasuredRelease) -> Table? {
    let study = release.study
    let ledger = study.ledger
    let pids = study.pids.strings
    let groups = study.groups.strings
    let groupRank = study.groups.ranks(by: NaturalOrder.less)
    let order = ledger.entriesByPid.indices.sorted { pids[$0] < pids[$1] }
    var offsets = [0]
    for pid in order {
      let count = ledger.entriesByPid[pid].reduce(0) {
        $0 + AttendanceLedger.recordCount(ledger.entries[$1])
      }
      offsets.append(offsets[offsets.count - 1] + count)
    }
    let dates = release.spec.dates
    return Table(
      path: id.path, header: Self.header(dates: dates), count: offsets[offsets.count - 1]
    ) {
      // Each maker of rows (one per thread) keeps the sessions of the participant it is on.
      let cache = ParticipantRows<(sessions: [(SessionKey, attended: Bool)], first: Int32?)>()
      return { index, record in
        // The participant whose rows hold `index`: the last offset not above it.
        var low = 0
        var high = order.count - 1
        while low < high {
          let middle = (low + high + 1) / 2
          if offsets[middle] <= index { low = middle } else { high = middle - 1 }
        }
        let pid = order[low]
        let participant = cache.rows(for: pid) {
          var sessions: [(SessionKey, attended: Bool)] = []
          for entry in ledger.entriesByPid[pid] {
            for attended in [true, false] {
              sessions += ledger.sessions(of: ledger.entries[entry], attended: attended).map {
                ($0, attended)
              }
            }
          }
          sessions.sort {
            ($0.0.day, groupRank[Int($0.0.group)]) < ($1.0.day, groupRank[Int($1.0.group)])
          }
          return (sessions, sessions.filter(\.attended).map(\.0.day).min())
        }
        let (session, attended) = participant.sessions[index - offsets[low]]
        record.append(pids[pid])
        record.append(groups[Int(session.group)])
        switch dates {
        case .exact: record.append(CivilDate.iso(Int(session.day)))
        case .month: record.append(String(CivilDate.iso(Int(session.day)).prefix(7)))
        case .daysSinceFirst:
          if let first = participant.first {
            record.append(Int(session.day - first))
          } else {
            record.appendEmpty()
          }
        }
        record.append(attended ? 1 : 0)
      }
    }
  }

  func schema(header: [String], spec: PipelineSpec) -> TableSchema {
    typealias Field = TableSchema.Field
    let date: Field =
      switch spec.dates {
      case .exact:
        Field(
          name: "session_date", type: "date", description: "The date of the session attended.",
          constraints: ["required": .flag(true)])
      case .month:
        Field(
          name: "session_date", type: "yearmonth",
          description: "The month of the session attended (dates are released by month).",
          constraints: ["required": .flag(true)])
      case .daysSinceFirst:
        Field(
          name: "days_since_first", type: "integer",
          description: "Days from the participant's first attended session to this one "
            + "(negative for an absence before it; empty if they never attended).")
      }
    return TableSchema(
      fields: [
        .pid(unique: false),
        Field(
          name: "group", type: "string", description: "The group whose session it was.",
          constraints: ["required": .flag(true)]),
        date,
        Field(
          name: "attended", type: "integer",
          description: "1 when the person attended, 0 when the register marks them absent.",
          constraints: ["required": .flag(true), "enum": .texts(["0", "1"])]),
      ], primaryKey: spec.dates == .month ? [] : ["pid", "group", date.name])
  }
}
