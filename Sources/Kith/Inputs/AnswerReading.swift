import KithCSV

/// How one export writes one instrument's answers: the instrument's labels (which always mean
/// what they say), and what a bare number means in this export, item by item.
///
/// Codes leave here as the answers' own, so scoring never needs to know how an export was
/// written: a number the export already reversed (`reversed_in_export`) or numbered from the
/// other end (`codes: {ons_loneliness: often-first}`) is turned back when read.
struct AnswerReading: Sendable {
  /// The instrument's id.
  let instrument: String
  let answers: AnswerCoding
  /// Per item, what a bare number means.
  private let numbers: [Numbers]
  /// Per item, the wordings the input adds (`answers:`), keyed by ``AnswerCoding/key(_:)``.
  private let added: [[String: Int]]

  /// What a bare number means on one item.
  private enum Numbers: Sendable {
    /// The number is the code.
    case code
    /// The number is `lowest + highest − code`.
    case reversed
    /// Numbers are not read; the reason says why and what to do.
    case refused(String)
  }

  /// What one answer cell holds.
  enum Outcome: Equatable {
    /// Nothing (blank or white space).
    case blank
    /// A readable answer, as its code.
    case code(Int)
    /// An answer that is present but cannot be read: the reason says why.
    case unreadable(String)
  }

  /// The reading of `instrument` in an export that holds its reversed items already reversed
  /// (`reversedInExport`) and numbers its answers by `numbering` (one of the definition's
  /// ``AnswerCoding/numberings``, by name).
  init(
    _ instrument: Instrument, reversedInExport: Bool, numbering: String?,
    added: [[String: Int]] = []
  ) {
    self.added = added.isEmpty ? Array(repeating: [:], count: instrument.itemCount) : added
    self.instrument = instrument.id
    let answers = instrument.answers
    self.answers = answers
    let upper = instrument.id.uppercased()
    let base: Numbers
    if answers.labelsOnly {
      base = .refused(
        "\(upper) is read from its answer labels only (exports number its answers in different "
          + "ways); export the labels")
    } else if answers.numberings.isEmpty {
      base = .code
    } else if let numbering,
      let declared = answers.numberings.first(where: { $0.name == numbering })
    {
      base = declared.reversed ? .reversed : .code
    } else {
      let named = answers.numberings.map { numbering in
        let first = numbering.reversed ? answers.codes.upperBound : answers.codes.lowerBound
        return "`\(numbering.name)` (\(answers.codes.lowerBound) = "
          + "'\(answers.label(of: first) ?? String(first))')"
      }
      base = .refused(
        "exports number \(upper)'s answers both ways (\(named.joined(separator: " or "))), so a "
          + "bare number could mean either; say which this export uses with `codes: "
          + "{\(instrument.id): \(answers.numberings[0].name)}` on the input, or export the labels")
    }
    numbers = (1...instrument.itemCount).map { item in
      guard reversedInExport, instrument.reversed.contains(item) else { return base }
      switch base {
      case .code: return .reversed
      case .reversed: return .code
      case .refused: return base
      }
    }
  }

  /// The answer to `item` (numbered from 1) in column `index` of `row`.
  ///
  /// - Returns: Blank, the answer's code, or why it cannot be read; never a coerced value.
  func read(_ row: CSVRow, column index: Int, item: Int) -> Outcome {
    let cell = row.bytes(index)
    if cell.count == 1, cell[0] >= UInt8(ascii: "0"), cell[0] <= UInt8(ascii: "9"),
      let code = code(ofNumber: Int(cell[0] - UInt8(ascii: "0")), item: item)
    {
      return .code(code)
    }
    return read(row.string(index), item: item)
  }

  /// The answer `text` to `item` (numbered from 1).
  ///
  /// - Returns: Blank, the answer's code, or why it cannot be read.
  func read(_ text: String, item: Int) -> Outcome {
    let answer = text.trimmed
    guard !answer.isEmpty else { return .blank }
    if let number = AnswerCoding.number(answer) {
      if case .refused(let reason) = numbers[item - 1] {
        return .unreadable("'\(answer)' is a number, but \(reason)")
      }
      if let code = code(ofNumber: number, item: item) { return .code(code) }
      return .unreadable(notAnAnswer(answer, item: item))
    }
    if let code = answers.code(ofLabel: answer) { return .code(code) }
    if !added[item - 1].isEmpty, let code = added[item - 1][AnswerCoding.key(answer)] {
      return .code(code)
    }
    return .unreadable(notAnAnswer(answer, item: item))
  }

  private func notAnAnswer(_ answer: String, item: Int) -> String {
    let numbers: Bool
    if case .refused = self.numbers[item - 1] { numbers = false } else { numbers = true }
    return "'\(answer)' is not an answer of \(instrument.uppercased()); "
      + answers.accepted(numbers: numbers)
  }

  /// The code of the bare number `number` on `item`, when numbers are read and it is in range.
  private func code(ofNumber number: Int, item: Int) -> Int? {
    guard answers.codes.contains(number) else { return nil }
    switch numbers[item - 1] {
    case .code: return number
    case .reversed: return answers.codes.lowerBound + answers.codes.upperBound - number
    case .refused: return nil
    }
  }
}
