import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What reading one input found, saved in `OUT/.cache` so that a later run whose stage for the
/// input is fresh takes it from there instead of reading the file again.
///
/// It holds what `private/` holds — identifiers as written, for the leak gate — so it lives in
/// the private cache folder (mode 0700), never under `release/`.
struct InputSnapshot: Codable {
  /// The stage's parts when the snapshot was taken: it is used only while they are unchanged.
  var parts: [String: String]
  var report: InputReport
  /// Responses and attendance as compact lines (``Line``): JSON objects per response cost
  /// several times more to write and read.
  var responses: [String]
  var replacedResponses: [String: Int]
  var attendance: [String]
  var participants: [String]
  var attributes: [String: [String: String]]
  var quasi: [String: [QuasiIdentifierSpec.Kind: QuasiValue]]
  /// The leak gate's fingerprints (``SensitiveValues``), 16 hex digits each, and its longest
  /// phrase in words.
  var sensitive: String
  var longestPhrase: Int
  var freeText: [FreeText]
  var rejects: [Reject]
  var safeguarding: [SafeguardingConcern]
  /// The pids made, with fingerprints of the identifiers they were made from (for collision
  /// checks).
  var owned: PidOwners

  /// Fields of a line are split by the ASCII unit separator, lists by the record separator.
  enum Line {
    static let field: Character = "\u{1F}"
    static let list: Character = "\u{1E}"

    /// Whether `text` can be a field (it holds neither separator nor a line break).
    static func fits(_ text: String) -> Bool {
      !text.utf8.contains { $0 == 0x1F || $0 == 0x1E || $0 == 0x0A || $0 == 0x0D }
    }
  }

  /// The part of the snapshot of `data` (the reading of one input on its own) that is not its
  /// four long lists, which ``save(_:owned:parts:input:in:)`` writes line by line.
  private init(head data: StudyData, parts: [String: String]) {
    self.parts = parts
    report = data.reports[0]
    (responses, attendance, participants, owned) = ([], [], [], PidOwners())
    replacedResponses = data.replacedResponses
    attributes = data.attributes
    quasi = data.quasi
    sensitive = data.sensitive.fingerprints.values.sorted().map { fingerprint in
      let digits = String(fingerprint, radix: 16)
      return String(repeating: "0", count: 16 - digits.count) + digits
    }.joined()
    longestPhrase = data.sensitive.longestPhrase
    freeText = data.freeText
    rejects = data.rejects.entries
    safeguarding = data.safeguarding
  }

  /// The line of `response`; `nil` when a value holds a separator.
  private static func line(of response: SurveyResponse) -> String? {
    let field = String(Line.field)
    let list = String(Line.list)
    let items = response.items.sorted { $0.key < $1.key }.map { id, codes in
      id + "=" + codes.map { $0.map(String.init) ?? "" }.joined(separator: ",")
    }
    guard ([response.pid, response.waveName, response.input] + items).allSatisfy(Line.fits) else {
      return nil
    }
    return [
      response.pid, String(response.wave), response.waveName, response.input,
      String(response.line), items.joined(separator: list), response.day.map(String.init) ?? "",
    ].joined(separator: field)
  }

  /// The line of one participant's attendance in one group of `ledger`, whose pid and group
  /// ids name `pids` and `groups`; `nil` when the group's name holds a separator.
  private static func line(
    of entry: AttendanceLedger.Entry, in ledger: AttendanceLedger, pids: [String],
    groups: [String]
  ) -> String? {
    let group = groups[Int(entry.group)]
    guard Line.fits(group) else { return nil }
    let days = { (attended: Bool) in
      ledger.sessions(of: entry, attended: attended).map { String($0.day) }
        .joined(separator: ",")
    }
    return [pids[Int(entry.pid)], group, days(true), days(false)]
      .joined(separator: String(Line.field))
  }

  /// The study data the snapshot was taken from; `nil` when a response's line cannot be read
  /// back (a snapshot another Kith wrote), so the input is read again rather than lose it.
  func restore(studyEnd: Int?) -> StudyData? {
    let data = StudyData(studyEnd: studyEnd)
    data.reports = [report]
    var layout: ItemLayout?
    for line in responses {
      guard let response = Self.response(line, layout: layout) else { return nil }
      layout = response.layout
      data.responses.append(response)
    }
    data.replacedResponses = replacedResponses
    for line in attendance {
      let fields = line.split(separator: Line.field, omittingEmptySubsequences: false)
      guard fields.count == 4 else { continue }
      let pid = data.pids.id(String(fields[0]))
      let group = data.groups.id(String(fields[1]))
      for (index, attended) in [(2, true), (3, false)] {
        for day in fields[index].split(separator: ",").compactMap({ Int32($0) }) {
          data.ledger.record(pid: pid, group: group, day: day, attended: attended)
        }
      }
    }
    data.otherParticipants = Set(participants.map(PidKey.init))
    data.attributes = attributes
    data.quasi = quasi
    let digits = Array(sensitive.utf8)
    data.sensitive.restore(
      fingerprints: stride(from: 0, to: digits.count - 15, by: 16).map { start in
        digits[start..<start + 16].reduce(UInt64(0)) { $0 << 4 | UInt64(Hex.value($1) ?? 0) }
      }, longestPhrase: longestPhrase)
    data.freeText = freeText
    for reject in rejects { data.rejects.add(reject) }
    data.safeguarding = safeguarding
    return data
  }

  /// A response from its line.
  private static func response(_ line: String, layout: ItemLayout?) -> SurveyResponse? {
    let fields = line.split(separator: Line.field, omittingEmptySubsequences: false).map(
      String.init)
    guard fields.count == 7, let wave = Int(fields[1]), let number = Int(fields[4]) else {
      return nil
    }
    var items: [String: [Int?]] = [:]
    for item in fields[5].split(separator: Line.list) {
      guard let equals = item.firstIndex(of: "=") else { continue }
      items[String(item[..<equals])] = item[item.index(after: equals)...]
        .split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
    }
    return SurveyResponse(
      pid: fields[0], wave: wave, waveName: fields[2], input: fields[3], line: number,
      day: Int32(fields[6]), items: items, layout: layout)
  }

  /// Where the snapshot of `input` is kept.
  static func url(for input: String, in directory: URL) -> URL {
    directory.appendingPathComponent(".cache").appendingPathComponent("read-\(input).snapshot")
  }

  /// Removes the snapshot of `input`, and one an earlier Kith saved as JSON.
  static func remove(input: String, in directory: URL) {
    let folder = directory.appendingPathComponent(".cache")
    for name in ["read-\(input).snapshot", "read-\(input).json"] {
      try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
    }
  }

  /// The snapshot of `input`, if one was saved with exactly these `parts`.
  ///
  /// The file is one line of JSON for everything but the four long lists, then each list as
  /// its length on a line and its entries one per line (JSON strings cost several times more).
  static func load(input: String, parts: [String: String], from directory: URL) -> InputSnapshot? {
    guard let data = FileManager.default.contents(atPath: url(for: input, in: directory).path)
    else { return nil }
    let lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
    guard let head = lines.first,
      var snapshot = try? JSONDecoder().decode(InputSnapshot.self, from: Data(head)),
      snapshot.parts == parts
    else { return nil }
    var next = 1
    func list() -> [String]? {
      guard next < lines.count, let count = Int(String(decoding: lines[next], as: UTF8.self)),
        count >= 0, next + count < lines.count
      else { return nil }
      defer { next += count + 1 }
      return lines[(next + 1)..<(next + 1 + count)].map { String(decoding: $0, as: UTF8.self) }
    }
    guard let responses = list(), let attendance = list(), let participants = list(),
      let owned = list()
    else { return nil }
    snapshot.responses = responses
    snapshot.attendance = attendance
    snapshot.participants = participants
    var pids = PidOwners()
    for line in owned {
      let fields = line.split(separator: Line.field, maxSplits: 1)
      guard fields.count == 2, let pid = UInt64(fields[0], radix: 16),
        let owner = UInt64(fields[1], radix: 16), pids.insert(pid: pid, owner: owner) == nil
      else { return nil }
    }
    snapshot.owned = pids
    return snapshot
  }

  /// Whether the snapshot of `input` was saved with exactly these `parts`, reading only its
  /// first line.
  static func hasParts(_ parts: [String: String], input: String, in directory: URL) -> Bool {
    struct Head: Decodable { var parts: [String: String] }
    guard let handle = FileHandle(forReadingAtPath: url(for: input, in: directory).path) else {
      return false
    }
    defer { try? handle.close() }
    var head = Data()
    while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
      if let end = chunk.firstIndex(of: 0x0A) {
        head.append(chunk[..<end])
        break
      }
      head.append(chunk)
    }
    return (try? JSONDecoder().decode(Head.self, from: head))?.parts == parts
  }

  /// Saves the snapshot of `data` — the reading of one input on its own, with the pids its
  /// pseudonymiser made (`owned`) — for `input` in the private cache folder, with the stage
  /// `parts`.
  ///
  /// Lines go to a file beside its place a mebibyte at a time, made one by one from the study
  /// data, and the file is moved into place when whole: a large register's snapshot is never
  /// in memory. A value that holds a separator leaves no snapshot (the input is simply read
  /// again next time).
  static func save(
    _ data: StudyData, owned: PidOwners, parts: [String: String], input: String,
    in directory: URL
  ) throws {
    try PrivateZone.prepare(directory.appendingPathComponent(".cache"), named: ".cache")
    remove(input: input, in: directory)
    let target = url(for: input, in: directory)
    // Named for this run alone: no other run's partial file can be mistaken for it.
    let partial = target.appendingPathExtension(
      "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).partial")
    try PrivateZone.write(Data(), to: partial)
    let handle = try FileHandle(forWritingTo: partial)
    var buffer = try JSONEncoder().encode(InputSnapshot(head: data, parts: parts))
    func append(_ line: String) throws {
      buffer.append(0x0A)
      buffer.append(contentsOf: line.utf8)
      if buffer.count >= 1 << 20 {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
      }
    }
    do {
      try append(String(data.responses.count))
      for response in data.responses {
        guard let line = line(of: response) else { throw Unfit() }
        try append(line)
      }
      // Read once: each read of the study data's struct properties copies them.
      let (ledger, pids, groups) = (data.ledger, data.pids.strings, data.groups.strings)
      try append(String(ledger.entries.count))
      for entry in ledger.entries {
        guard let line = line(of: entry, in: ledger, pids: pids, groups: groups) else {
          throw Unfit()
        }
        try append(line)
      }
      let participants = data.participants
      try append(String(participants.count))
      for pid in participants { try append(pid) }
      try append(String(owned.count))
      try owned.forEach { pid, owner in
        try append(Pseudonymiser.hex(pid) + String(Line.field) + Pseudonymiser.hex(owner))
      }
      try handle.write(contentsOf: buffer)
      try handle.close()
      // One rename, replacing any snapshot saved meanwhile.
      guard rename(partial.path, target.path) == 0 else {
        throw EnvironmentError(
          "cannot write \(target.path): \(FileProblem.reason(errno)); "
            + FileProblem.advice(errno))
      }
    } catch {
      try? handle.close()
      try? FileManager.default.removeItem(at: partial)
      if !(error is Unfit) { throw error }
    }
  }
}

/// A value that cannot be written as a snapshot field: the snapshot is not saved.
private struct Unfit: Error {}
