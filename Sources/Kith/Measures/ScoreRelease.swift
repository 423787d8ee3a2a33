import KithCSV

/// Every response scored on every scale of every instrument it holds: the long `scores.csv`,
/// and the wide `<instrument>_<scale>_<wave>` columns of `participants.csv`.
struct ScoreRelease {
  /// One scale of one response, packed into 24 bytes.
  ///
  /// A release holds one per response and scale. The band is not kept: it follows from the
  /// score (``InstrumentScale/band(of:)``).
  struct Row {
    /// The pid's position in ``pids``.
    var participant: Int32
    var wave: Int16
    /// The instrument's position in the pipeline's `instruments`, and the scale's in its
    /// `scales`.
    var instrument: Int16
    var scale: Int16
    var answered: Int16
    var missing: Int16
    var prorated: Bool
    /// The score's decimal places; -1 when the missing-item rule allows no score.
    var decimals: Int8
    /// The score times 10^``decimals``.
    var units: Int

    init(participant: Int32, wave: Int, instrument: Int, score: ScaleScore) {
      (self.participant, self.wave, self.instrument) =
        (participant, Int16(clamping: wave), Int16(clamping: instrument))
      (scale, answered, missing, prorated) =
        (
          Int16(clamping: score.scale), Int16(clamping: score.answered),
          Int16(clamping: score.missing), score.prorated
        )
      decimals = score.value.map { Int8(clamping: $0.decimals) } ?? -1
      units = score.value?.units ?? 0
    }

    /// A released score: `value` as published, `nil` where the rule allowed none.
    init(
      participant: Int32, wave: Int, instrument: Int, scale: Int, answered: Int, missing: Int,
      prorated: Bool, value: FixedDecimal?
    ) {
      (self.participant, self.wave, self.instrument, self.scale) =
        (participant, Int16(clamping: wave), Int16(clamping: instrument), Int16(clamping: scale))
      (self.answered, self.missing, self.prorated) =
        (Int16(clamping: answered), Int16(clamping: missing), prorated)
      decimals = value.map { Int8(clamping: $0.decimals) } ?? -1
      units = value?.units ?? 0
    }

    /// The score; `nil` when the missing-item rule allows none.
    var value: FixedDecimal? {
      decimals < 0 ? nil : FixedDecimal(units: units, decimals: Int(decimals))
    }
  }

  /// The pids of ``rows``, in order: a row's ``Row/participant`` is its pid's position here.
  let pids: [String]
  /// The rows, ordered by pid, wave, instrument and scale.
  let rows: [Row]
  /// The participant columns, instrument by instrument, scale by scale, wave by wave.
  let columns: [String]
  private let instruments: [Instrument]
  private let waves: [String]
  /// The participant column of each instrument, scale and wave.
  private let columnIndex: [[[Int]]]

  /// Where each response's rows go, made on one thread before the responses are scored on
  /// several.
  ///
  /// Responses are put in pid and wave order; each response's rows (one per scale of each
  /// instrument its layout holds) then have a known place, and every response is scored in the
  /// order it was read (its codes lie in that order) straight into it.
  struct Plan {
    /// The pids of the responses, sorted as ``PidOrder`` sorts, each once.
    let pids: [String]
    /// Each response's pid's position in ``pids``, and its first row, in the order read.
    let participantOf: [Int32]
    let firstRow: [Int]
    /// The number of rows.
    let count: Int

    init(spec: PipelineSpec, responses: [SurveyResponse]) {
      var spans = LayoutSpans(spec: spec)
      // Sorted as pairs of words (pid key; wave and position) rather than through positions
      // into three arrays.
      let responsePids = responses.map(\.pid)
      var order = zip(PidOrder.keys(responsePids), responses.indices).map { key, index in
        (key, UInt64(responses[index].wave) << 32 | UInt64(index))
      }
      order.sort { $0 < $1 }
      let rowCounts = responses.map { spans.rowCount(of: $0.layout) }
      var participantOf = [Int32](repeating: 0, count: responses.count)
      var firstRow = [Int](repeating: 0, count: responses.count)
      var pids: [String] = []
      var count = 0
      for rank in order.indices {
        let index = Int(order[rank].1 & 0xFFFF_FFFF)
        if rank == 0 || order[rank].0 != order[rank - 1].0 { pids.append(responsePids[index]) }
        participantOf[index] = Int32(pids.count - 1)
        firstRow[index] = count
        count += rowCounts[index]
      }
      (self.pids, self.participantOf, self.firstRow, self.count) =
        (pids, participantOf, firstRow, count)
    }
  }

  /// Where each instrument's codes lie in a response of a layout, for the layout met last (a
  /// reading shares one among its responses).
  private struct LayoutSpans {
    let ids: [String]
    let scales: [Int]
    private var last: (layout: ItemLayout, spans: [Range<Int>?])?

    init(spec: PipelineSpec) {
      ids = spec.instruments.map(\.value.id)
      scales = spec.instruments.map(\.value.scales.count)
    }

    /// Each instrument's span in `layout`, `nil` for one it does not hold.
    mutating func spans(of layout: ItemLayout) -> [Range<Int>?] {
      if let last, last.layout === layout { return last.spans }
      let spans = ids.map(layout.span)
      last = (layout, spans)
      return spans
    }

    /// A response's rows: the scales of the instruments `layout` holds.
    mutating func rowCount(of layout: ItemLayout) -> Int {
      zip(spans(of: layout), scales).reduce(0) { $0 + ($1.0 == nil ? 0 : $1.1) }
    }
  }

  /// Scores every response as `plan` places it, slices of responses on up to `threads` threads;
  /// the rows do not depend on the thread count.
  init(spec: PipelineSpec, responses: [SurveyResponse], plan: Plan, threads: Int) {
    instruments = spec.instruments.map(\.value)
    waves = spec.waves
    // Each instrument scores through a closure holding it: calling a method on an instrument
    // read from an array copies it first (a retain of each of its fields), once per response.
    let scorers = instruments.map { instrument in
      { (codes: [Int?]) in instrument.score(codes) }
    }
    let slices = threads > 1 ? 4 * threads : 1
    let (participantOf, firstRow) = (plan.participantOf, plan.firstRow)
    let rows = [Row](unsafeUninitializedCapacity: plan.count) { buffer, initialized in
      let rows = buffer
      // Responses are read in place: a copy of each would retain each of its fields.
      responses.withUnsafeBufferPointer { responses in
        let scoreSlice = { (slice: Int) in
          var spans = LayoutSpans(spec: spec)
          let scales = spans.scales
          let count = responses.count
          for index in count * slice / slices..<count * (slice + 1) / slices {
            // Only the fields needed are read: the whole response would be copied, retaining
            // each of its references.
            let (layout, wave) = (responses[index].layout, responses[index].wave)
            var next = firstRow[index]
            for (position, span) in spans.spans(of: layout).enumerated() {
              guard let span else { continue }
              let codes = responses[index].answers(in: span)
              // One score per scale, in the order of the instrument's scales.
              let scored = scorers[position](codes)
              precondition(scored.count == scales[position], "a score for each scale")
              for score in scored {
                rows.initializeElement(
                  at: next,
                  to: Row(
                    participant: participantOf[index], wave: wave,
                    instrument: position, score: score))
                next += 1
              }
            }
          }
        }
        // Each slice fills its responses' rows, apart from every other slice's. Scoring throws
        // nothing; `map` throws only for a slice that never ran, which is then scored here.
        if (try? Parallel.map(slices, threads: threads, scoreSlice)) == nil {
          for slice in 0..<slices { scoreSlice(slice) }
        }
      }
      initialized = plan.count
    }
    self.pids = plan.pids
    self.rows = rows
    (columns, columnIndex) = Self.participantColumns(instruments: instruments, waves: waves)
  }

  /// Scores already made, as site releases publish them (for `kith merge`): `pids` sorted as
  /// ``PidOrder`` sorts, `rows` in pid, wave, instrument and scale order, each row's participant
  /// its pid's position in `pids`.
  init(sortedPids pids: [String], rows: [Row], instruments: [Instrument], waves: [String]) {
    (self.instruments, self.waves) = (instruments, waves)
    (self.pids, self.rows) = (pids, rows)
    (columns, columnIndex) = Self.participantColumns(instruments: instruments, waves: waves)
  }

  /// The participant columns, and each instrument's, scale's and wave's place among them.
  private static func participantColumns(instruments: [Instrument], waves: [String]) -> (
    [String], [[[Int]]]
  ) {
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
    return (names, columnIndex)
  }

  /// The participant column of a scale at a wave: `wemwbs_baseline` for a total,
  /// `djg6_emotional_baseline` for a subscale.
  static func column(instrument: String, scale: String, wave: String) -> String {
    scale == "total" ? "\(instrument)_\(wave)" : "\(instrument)_\(scale)_\(wave)"
  }

  /// Where each of `pids` (sorted as ``PidOrder`` sorts, and holding every pid of ``rows``)
  /// has its first row, if it has any.
  func firstRows(of pids: [String]) -> [Int?] {
    var next = 0
    return pids.map { pid in
      guard next < rows.count, self.pids[Int(rows[next].participant)] == pid else { return nil }
      let participant = rows[next].participant
      defer { while next < rows.count && rows[next].participant == participant { next += 1 } }
      return next
    }
  }

  /// Appends to `record` the scores of the participant whose rows start at `first` (from
  /// ``firstRows(of:)``), in ``columns`` order; blank where there is none.
  func appendParticipantValues(from first: Int?, to record: CSVRecord) {
    // The participant's row holding each column's score, -1 where there is none.
    withUnsafeTemporaryAllocation(of: Int.self, capacity: columns.count) { scored in
      scored.initialize(repeating: -1)
      if var index = first {
        let participant = rows[index].participant
        while index < rows.count && rows[index].participant == participant {
          let row = rows[index]
          if row.decimals >= 0 {
            scored[columnIndex[Int(row.instrument)][Int(row.scale)][Int(row.wave)]] = index
          }
          index += 1
        }
      }
      for index in scored {
        if let value = index < 0 ? nil : rows[index].value {
          record.append(value)
        } else {
          record.appendEmpty()
        }
      }
    }
  }

  /// The scores as a table at `path`: one row per response, instrument and scale, with the
  /// columns of `header` (``ScoresFile/header``).
  func table(path: String, header: [String]) -> Table {
    let (rows, pids, waves) = (self.rows, self.pids, self.waves)
    // Each scale's names and bands, looked up by position rather than copied out of its
    // instrument for every row.
    let scales = instruments.map(\.scales)
    let names = instruments.map { instrument in
      instrument.scales.map { [instrument.id, $0.id, instrument.version] }
    }
    return Table(path: path, header: header, count: rows.count) {
      { index, record in
        let row = rows[index]
        let (instrument, scale) = (Int(row.instrument), Int(row.scale))
        let names = names[instrument][scale]
        record.append(pids[Int(row.participant)])
        record.append(waves[Int(row.wave)])
        record.append(names[0])
        record.append(names[1])
        if let value = row.value {
          record.append(value)
          record.append(scales[instrument][scale].band(of: value) ?? "")
        } else {
          record.appendEmpty()
          record.appendEmpty()
        }
        record.append(Int(row.answered))
        record.append(Int(row.missing))
        record.append(row.prorated ? 1 : 0)
        record.append(names[2])
      }
    }
  }
}
