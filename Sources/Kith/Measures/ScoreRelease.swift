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
  private let values: [String: [String]]

  init(spec: PipelineSpec, responses: [SurveyResponse]) {
    instruments = spec.instruments.map(\.value)
    waves = spec.waves
    var rows: [Row] = []
    for response in responses {
      for (position, instrument) in instruments.enumerated() {
        guard let codes = response.items[instrument.id] else { continue }
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
    let width = names.count
    var values: [String: [String]] = [:]
    for row in rows {
      guard let value = row.score.value else { continue }
      let column = columnIndex[row.instrument][row.score.scale][row.wave]
      values[row.pid, default: Array(repeating: "", count: width)][column] =
        value.description
    }
    self.values = values
  }

  /// The participant column of a scale at a wave: `wemwbs_baseline` for a total,
  /// `djg6_emotional_baseline` for a subscale.
  static func column(instrument: String, scale: String, wave: String) -> String {
    scale == "total" ? "\(instrument)_\(wave)" : "\(instrument)_\(scale)_\(wave)"
  }

  /// The participant's scores in ``columns`` order; blank where there is none.
  func participantValues(_ pid: String) -> [String] {
    values[pid] ?? Array(repeating: "", count: columns.count)
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
