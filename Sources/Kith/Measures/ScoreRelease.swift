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
    var rows: [Row] = []
    for response in responses {
      for (position, instrument) in instruments.enumerated() {
        guard let codes = response.items(of: instrument.id) else { continue }
        let reversed = response.exportReversed.contains(instrument.id)
        for score in instrument.score(codes, exportReversed: reversed) {
          rows.append(
            Row(pid: response.pid, wave: response.wave, instrument: position, score: score))
        }
      }
    }
    rows.sort {
      ($0.pid, $0.wave, $0.instrument, $0.score.scale)
        < ($1.pid, $1.wave, $1.instrument, $1.score.scale)
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
