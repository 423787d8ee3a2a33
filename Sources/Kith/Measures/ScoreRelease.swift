/// Every response scored on every scale of every instrument it holds: the long `scores.csv`,
/// and the wide `<instrument>_<scale>_<wave>` columns of `participants.csv`.
struct ScoreRelease {
  /// One scale of one response.
  struct Row {
    var pid: String
    var wave: Int
    /// The instrument's position in the pipeline's `instruments`.
    var instrument: Int
    var score: ScaleScore
  }

  /// The rows, ordered by pid, wave, instrument and scale.
  let rows: [Row]
  /// The participant columns, instrument by instrument, scale by scale, wave by wave.
  let columns: [String]
  private let instruments: [Instrument]
  private let waves: [String]
  /// Where each participant's rows start in ``rows``.
  private let firstRow: [String: Int]
  /// The participant column of each instrument, scale and wave.
  private let columnIndex: [[[Int]]]

  init(spec: PipelineSpec, responses: [SurveyResponse]) {
    instruments = spec.instruments.map(\.value)
    waves = spec.waves
    // Responses in pid and wave order, each scored instrument by instrument, scale by scale:
    // the rows come out in order.
    let keys = PidOrder.keys(responses.map(\.pid))
    let responseWaves = responses.map(\.wave)
    let order = responses.indices.sorted {
      (keys[$0], responseWaves[$0], $0) < (keys[$1], responseWaves[$1], $1)
    }
    let ids = instruments.map(\.id)
    var rows: [Row] = []
    rows.reserveCapacity(responses.count * instruments.count)
    for index in order {
      for position in instruments.indices {
        guard let codes = responses[index].items(of: ids[position]) else { continue }
        let reversed = responses[index].exportReversed.contains(ids[position])
        let scores = instruments[position].score(codes, exportReversed: reversed)
        for score in scores.sorted(by: { $0.scale < $1.scale }) {
          rows.append(
            Row(
              pid: responses[index].pid, wave: responseWaves[index], instrument: position,
              score: score))
        }
      }
    }
    self.rows = rows
    var names: [String] = []
    var columnIndex: [[[Int]]] = []
    for instrument in instruments {
      var scales: [[Int]] = []
      for scale in instrument.scales {
        var byWave: [Int] = []
        for wave in waves {
          byWave.append(names.count)
          names.append(Self.column(instrument: instrument.id, scale: scale.id, wave: wave))
        }
        scales.append(byWave)
      }
      columnIndex.append(scales)
    }
    columns = names
    self.columnIndex = columnIndex
    var firstRow: [String: Int] = [:]
    firstRow.reserveCapacity(responses.count)
    for (index, row) in rows.enumerated() where index == 0 || rows[index - 1].pid != row.pid {
      firstRow[row.pid] = index
    }
    self.firstRow = firstRow
  }

  /// The participant column of a scale at a wave: `wemwbs_baseline` for a total,
  /// `djg6_emotional_baseline` for a subscale.
  static func column(instrument: String, scale: String, wave: String) -> String {
    scale == "total" ? "\(instrument)_\(wave)" : "\(instrument)_\(scale)_\(wave)"
  }

  /// The participant's scores in ``columns`` order; blank where there is none.
  func participantValues(_ pid: String) -> [String] {
    var values = Array(repeating: "", count: columns.count)
    guard var index = firstRow[pid] else { return values }
    while index < rows.count && rows[index].pid == pid {
      let row = rows[index]
      if let value = row.score.value {
        values[columnIndex[row.instrument][row.score.scale][row.wave]] = value.description
      }
      index += 1
    }
    return values
  }

  /// `release/data/scores.csv`.
  var table: Table {
    let rows = self.rows
    let instruments = self.instruments
    let waves = self.waves
    return Table(path: "data/scores.csv", header: Self.header, count: rows.count) { index in
      let row = rows[index]
      let instrument = instruments[row.instrument]
      let score = row.score
      return [
        row.pid, waves[row.wave], instrument.id, instrument.scales[score.scale].id,
        score.value?.description ?? "", score.band ?? "", String(score.answered),
        String(score.missing), score.prorated ? "1" : "0", instrument.version,
      ]
    }
  }

  /// The columns of `scores.csv`.
  static let header = [
    "pid", "wave", "instrument", "scale", "score", "band", "items_answered", "items_missing",
    "prorated", "instrument_version",
  ]
}
