import Foundation
import KithCSV

/// One site's released data files as read for a merge, in the site's own ids.
///
/// Its attendance in a ledger of its own, its scores packed, its participants, themes and free
/// text. Sites are read on threads of their own and then combined (``MergedStudy``).
///
/// Rows are read as bytes: consecutive rows of one participant (the files are sorted by pid)
/// reuse the pid's id, and dates, waves and scales are matched without making text, so a site
/// of a million rows reads in a fraction of a second.
struct SiteReading {
  /// The pids of the site's attendance, by id (the ledger's).
  var pids = Interner()
  /// The site's groups, renamed as the merge file says, by id (the ledger's).
  var groups = Interner()
  var ledger: AttendanceLedger
  /// Every participant the site released, in its file's order.
  var participants: [String] = []
  /// Their quasi-identifiers, with how the site generalised them.
  var quasi: QuasiMerge.SiteValues
  /// The pids of the site's scores, by id (``rows``' participants).
  var scorePids = Interner()
  /// The site's scores, in its file's order.
  var rows: [ScoreRelease.Row] = []
  /// Each response: its pid (in ``scorePids``), wave, rows, and whether every item of every
  /// scale was answered.
  var responses: [Response] = []
  /// Coded themes: pid, theme, code and segments.
  var themes: [(key: [String], segments: Int)] = []
  /// Free text, as the site released it.
  var freeText: [FreeText] = []
  /// The first day anyone attended a session at the site: its T12's week 1 starts there.
  var firstAttended: Int32?

  /// One response of the site's scores.
  struct Response {
    var pid: Int32
    var wave: Int
    var rows: Range<Int>
    var complete: Bool
  }

  /// Reads `site`'s data files.
  ///
  /// - Throws: ``DataError`` naming file, line and column for a file that is not as Kith
  ///   publishes it.
  static func read(
    _ site: SiteRelease, spec: MergeSpec, design: StudyDesign, instruments: [Instrument]
  ) throws -> SiteReading {
    let columns = site.manifest.kAnonymity.map { Array($0.generalisation.keys).sorted() } ?? []
    var reading = SiteReading(
      ledger: AttendanceLedger(studyEnd: design.attendance.studyEnd),
      quasi: QuasiMerge.SiteValues(
        columns: columns, values: [:],
        generalisation: site.manifest.kAnonymity?.generalisation ?? [:]))
    try reading.readAttendance(site, renames: spec.groupNames[site.name] ?? [:])
    try reading.readParticipants(site)
    try reading.readScores(
      site, waves: Self.waves(design.waves, renames: spec.waveNames[site.name] ?? [:]),
      instruments: instruments)
    try reading.readThemes(site)
    try reading.readFreeText(site, renames: spec.waveNames[site.name] ?? [:])
    return reading
  }

  /// The wave names a site's files may hold, as bytes, with their positions in the study's
  /// `waves` (a renamed wave under its name at the site).
  private static func waves(_ waves: [String], renames: [String: String]) -> [([UInt8], Int)] {
    var names = waves.enumerated().map { (Array($1.utf8), $0) }
    for (from, to) in renames {
      if let index = waves.firstIndex(of: to) { names.append((Array(from.utf8), index)) }
    }
    return names
  }

  private mutating func readAttendance(_ site: SiteRelease, renames: [String: String]) throws {
    guard let file = site.file(ReleaseDataFile.attendance.path) else { return }
    var last: (pid: [UInt8], id: Int32) = ([], -1)
    var lastGroup: (name: [UInt8], id: Int32) = ([], -1)
    try Self.read(file, site: site, columns: ["pid", "group", "session_date", "attended"]) {
      row, fields, cell in
      let pid = row.bytes(fields[0])
      if !pid.elementsEqual(last.pid) { last = (Array(pid), pids.id(bytes: pid)) }
      let group = row.bytes(fields[1])
      if !group.elementsEqual(lastGroup.name) {
        let name = String(decoding: group, as: UTF8.self)
        lastGroup = (Array(group), groups.id(renames[name] ?? name))
      }
      guard let day = Self.isoDay(row.bytes(fields[2])) else {
        throw cell(2, "'\(row.string(fields[2]))' is not a date (YYYY-MM-DD)")
      }
      let attended = row.bytes(fields[3])
      let present = attended.count == 1 && attended[0] == UInt8(ascii: "1")
      if present { firstAttended = min(firstAttended ?? Int32(day), Int32(day)) }
      ledger.record(pid: last.id, group: lastGroup.id, day: Int32(day), attended: present)
    }
  }

  private mutating func readParticipants(_ site: SiteRelease) throws {
    guard let file = site.file(ReleaseDataFile.participants.path) else {
      throw DataError(
        "site `\(site.name)`: its release has no data/participants.csv, which a merge needs "
          + "(who the participants are); ask the site to publish it (outputs.data)")
    }
    let count = quasi.columns.count
    try Self.read(file, site: site, columns: ["pid"] + quasi.columns) { row, fields, _ in
      let pid = row.string(fields[0])
      participants.append(pid)
      if count > 0 { quasi.values[pid] = fields.dropFirst().map { row.string($0) } }
    }
  }

  private mutating func readScores(
    _ site: SiteRelease, waves: [([UInt8], Int)], instruments: [Instrument]
  ) throws {
    guard let file = site.file(ReleaseDataFile.scores.path) else { return }
    let scales = instruments.enumerated().flatMap { position, instrument in
      instrument.scales.enumerated().map {
        (Array(instrument.id.utf8), Array($1.id.utf8), position, $0)
      }
    }
    var last: (pid: [UInt8], id: Int32) = ([], -1)
    var current: Response?
    try Self.read(
      file, site: site,
      columns: [
        "pid", "wave", "instrument", "scale", "score", "items_answered", "items_missing",
        "prorated",
      ]
    ) { row, fields, cell in
      let pid = row.bytes(fields[0])
      if !pid.elementsEqual(last.pid) { last = (Array(pid), scorePids.id(bytes: pid)) }
      let waveBytes = row.bytes(fields[1])
      guard let wave = waves.first(where: { $0.0.elementsEqual(waveBytes) })?.1 else {
        throw cell(1, "'\(row.string(fields[1]))' is not a wave of the study")
      }
      let (instrument, scale) = (row.bytes(fields[2]), row.bytes(fields[3]))
      guard
        let found = scales.first(where: {
          $0.0.elementsEqual(instrument) && $0.1.elementsEqual(scale)
        })
      else {
        throw cell(
          2,
          "'\(row.string(fields[2])) \(row.string(fields[3]))' is not a scale of the study's "
            + "instruments")
      }
      guard let answered = Self.integer(row.bytes(fields[5])),
        let missing = Self.integer(row.bytes(fields[6]))
      else { throw cell(5, "items_answered and items_missing must be whole numbers") }
      let text = row.isEmpty(fields[4]) ? nil : row.string(fields[4])
      let value = text.flatMap(FixedDecimal.init)
      if let text, value == nil { throw cell(4, "'\(text)' is not a score") }
      var response: Response
      if let open = current, open.pid == last.id, open.wave == wave {
        response = open
      } else {
        if let done = current { responses.append(done) }
        response = Response(
          pid: last.id, wave: wave, rows: rows.count..<rows.count, complete: true)
      }
      rows.append(
        ScoreRelease.Row(
          participant: last.id, wave: wave, instrument: found.2, scale: found.3,
          answered: answered, missing: missing, prorated: row.bytes(fields[7]).first == 0x31,
          value: value))
      response.rows = response.rows.lowerBound..<rows.count
      if missing > 0 { response.complete = false }
      current = response
    }
    if let done = current { responses.append(done) }
  }

  private mutating func readThemes(_ site: SiteRelease) throws {
    guard let file = site.file(ReleaseDataFile.themes.path) else { return }
    try Self.read(file, site: site, columns: ["pid", "theme", "code", "segments"]) {
      row, fields, cell in
      guard let segments = Self.integer(row.bytes(fields[3])) else {
        throw cell(3, "segments must be a whole number")
      }
      themes.append((fields.prefix(3).map { row.string($0) }, segments))
    }
  }

  private mutating func readFreeText(_ site: SiteRelease, renames: [String: String]) throws {
    guard let file = site.file(ReleaseDataFile.freeText.path) else { return }
    try Self.read(file, site: site, columns: ["pid", "source", "wave", "column", "text"]) {
      row, fields, _ in
      let values = fields.map { row.string($0) }
      freeText.append(
        FreeText(
          pid: values[0], source: values[1], wave: renames[values[2]] ?? values[2],
          column: values[3], line: row.line, text: values[4]))
    }
  }

  /// A problem in cell `column` (of the columns asked for) of the row being read, as a
  /// ``DataError`` naming file, line and column.
  typealias CellProblem = (_ column: Int, _ message: String) -> DataError

  /// Reads every row of a site's released file, with where each of `columns` (by name) is.
  private static func read(
    _ file: URL, site: SiteRelease, columns: [String],
    _ body: (CSVRow, [Int], CellProblem) throws -> Void
  ) throws {
    let name = "site `\(site.name)`: \(file.pathComponents.suffix(2).joined(separator: "/"))"
    let reader: CSVReader
    do {
      reader = try CSVReader(path: file.path, displayName: name, dialect: .written)
    } catch {
      throw DataError("\(name) cannot be read: \(error)")
    }
    let found = columns.map { reader.header.names.firstIndex(of: $0) }
    let fields = found.compactMap { $0 }
    if let missing = zip(columns, found).first(where: { $0.1 == nil }) {
      throw DataError(
        "\(name) has no column `\(missing.0)`, which Kith's release always has; ask the site "
          + "for its release as `kith run` wrote it")
    }
    try reader.forEachRow { row in
      if let problem = row.problem { throw DataError("\(name), line \(row.line): \(problem)") }
      try body(row, fields) { column, message in
        DataError("\(name), line \(row.line), column `\(columns[column])`: \(message)")
      }
    }
  }

  /// The day number of `YYYY-MM-DD`, as a release writes dates.
  private static func isoDay(_ bytes: UnsafeRawBufferPointer) -> Int? {
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let year = integer(UnsafeRawBufferPointer(rebasing: bytes[0..<4])),
      let month = integer(UnsafeRawBufferPointer(rebasing: bytes[5..<7])),
      let day = integer(UnsafeRawBufferPointer(rebasing: bytes[8..<10]))
    else { return nil }
    return CivilDate.dayNumber(year: year, month: month, day: day)
  }

  /// The whole number `bytes` spell in decimal digits (at most 18).
  private static func integer(_ bytes: UnsafeRawBufferPointer) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
    var value = 0
    for byte in bytes {
      guard (0x30...0x39).contains(byte) else { return nil }
      value = value * 10 + Int(byte - 0x30)
    }
    return value
  }
}
