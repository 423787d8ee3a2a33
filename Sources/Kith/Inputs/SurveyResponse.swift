/// One participant's answers at one wave.
struct SurveyResponse {
  var pid: String
  /// The wave's position in the pipeline's `waves`.
  var wave: Int
  var waveName: String
  /// The input's name in the pipeline, and the line the response starts on.
  var input: String
  var line: Int
  /// The day the response was given (days since 1970-01-01), when the export dates it; the
  /// dose–response table counts the sessions between a participant's two responses.
  var day: Int32?
  /// Which instruments ``codes`` hold, and where; shared by the responses of one reading.
  let layout: ItemLayout
  /// Where the answer codes lie: in a block shared with the reading's other responses, so that
  /// a response allocates nothing of its own.
  private let block: CodeBlock
  private let start: Int32
  private let count: Int32

  /// The code of an item missing or unusable.
  static let missing = Int32.min

  /// A response whose `codes` follow `layout`, kept in `blocks` (or a block of its own).
  init(
    pid: String, wave: Int, waveName: String, input: String, line: Int, day: Int32? = nil,
    layout: ItemLayout, codes: [Int32], blocks: CodeBlocks? = nil
  ) {
    (self.pid, self.wave, self.waveName, self.input, self.line, self.day) =
      (pid, wave, waveName, input, line, day)
    self.layout = layout
    (block, start) = (blocks ?? CodeBlocks(blockSize: codes.count)).store(codes)
    count = Int32(codes.count)
  }

  /// Answer codes, instrument by instrument as ``layout`` says, item by item;
  /// ``SurveyResponse/missing`` where missing or unusable.
  var codes: [Int32] { withExtendedLifetime(block) { Array(held) } }

  /// The answers at positions `span` of ``codes``, `nil` where missing or unusable.
  func answers(in span: Range<Int>) -> [Int?] {
    withExtendedLifetime(block) {
      held[span].map { $0 == Self.missing ? nil : Int($0) }
    }
  }

  /// The codes in their block; valid while the block is held.
  private var held: UnsafeBufferPointer<Int32> {
    UnsafeBufferPointer(rebasing: block.codes[Int(start)..<Int(start) + Int(count)])
  }

  /// A response from its codes per instrument id; `layout` is reused when it fits them.
  init(
    pid: String, wave: Int, waveName: String, input: String, line: Int, day: Int32? = nil,
    items: [String: [Int?]], layout: ItemLayout? = nil
  ) {
    let counts = items.keys.sorted().map { ($0, items[$0]?.count ?? 0) }
    let fitting = layout.flatMap { $0.counts.elementsEqual(counts, by: ==) ? $0 : nil }
    let layout = fitting ?? ItemLayout(counts)
    self.init(
      pid: pid, wave: wave, waveName: waveName, input: input, line: line, day: day,
      layout: layout,
      codes: layout.instruments.flatMap { id in
        (items[id] ?? []).map { $0.map { Int32(clamping: $0) } ?? Self.missing }
      })
  }

  /// Answer codes per instrument id, item by item, `nil` where missing or unusable.
  var items: [String: [Int?]] {
    Dictionary(uniqueKeysWithValues: layout.instruments.map { ($0, items(of: $0) ?? []) })
  }

  /// The answer codes of `instrument`, when the response holds it.
  func items(of instrument: String) -> [Int?]? {
    layout.span(of: instrument).map { span in
      answers(in: span)
    }
  }

  /// Whether every item of every instrument was answered.
  var isComplete: Bool { withExtendedLifetime(block) { !held.contains(Self.missing) } }

  /// The instruments with at least one item answered; all of them when none is, so that two
  /// empty responses at one wave are still duplicates of each other.
  var answeredInstruments: Set<String> {
    let answered = layout.instruments.filter { id in
      items(of: id)?.contains { $0 != nil } ?? false
    }
    return Set(answered.isEmpty ? layout.instruments : answered)
  }
}

/// Answer codes of many responses side by side in fixed blocks, filled by one reading.
///
/// A block never moves once made, so responses can point into it; a full block is followed by a
/// new one. A reading's thread fills its blocks; afterwards they are only read.
final class CodeBlocks: @unchecked Sendable {
  private let blockSize: Int
  private var current: CodeBlock?

  /// Blocks of `blockSize` codes (more for a response that needs more).
  init(blockSize: Int = 1 << 16) { self.blockSize = blockSize }

  /// Copies `codes` into the current block, or a new one; returns the block and where they start.
  func store(_ codes: [Int32]) -> (CodeBlock, Int32) {
    if let current, current.used + codes.count <= current.codes.count {
      return (current, current.append(codes))
    }
    let block = CodeBlock(capacity: max(blockSize, codes.count))
    current = block
    return (block, block.append(codes))
  }
}

/// One block of answer codes.
final class CodeBlock: @unchecked Sendable {
  let codes: UnsafeMutableBufferPointer<Int32>
  private(set) var used = 0

  init(capacity: Int) {
    codes = .allocate(capacity: capacity)
    codes.initialize(repeating: SurveyResponse.missing)
  }

  deinit { codes.deallocate() }

  /// Copies `values` in after the codes already held; returns where they start.
  func append(_ values: [Int32]) -> Int32 {
    let start = used
    for (offset, value) in values.enumerated() { codes[start + offset] = value }
    used += values.count
    return Int32(start)
  }
}

/// Which instruments the item codes of a response hold and where each one's lie: one per
/// reading, shared by all its responses, so a response costs a few bytes per item.
final class ItemLayout: Sendable {
  /// The instrument ids, in the order their codes lie.
  let instruments: [String]
  /// Each instrument's item count.
  let counts: [(String, Int)]
  private let spans: [Range<Int>]

  /// A layout of `counts` items per instrument, in that order.
  init(_ counts: [(String, Int)]) {
    self.counts = counts
    instruments = counts.map(\.0)
    var start = 0
    spans = counts.map { _, count in
      defer { start += count }
      return start..<start + count
    }
  }

  /// Where `instrument`'s codes lie.
  func span(of instrument: String) -> Range<Int>? {
    instruments.firstIndex(of: instrument).map { spans[$0] }
  }
}
