import Foundation

/// What reading one input found, saved in `OUT/.cache` so that a later run whose stage for the
/// input is fresh takes it from there instead of reading the file again.
///
/// It holds what `private/` holds — identifiers as written, for the leak gate — so it lives in
/// the private cache folder (mode 0700), never under `release/`.
struct InputSnapshot: Codable {
  /// The stage's parts when the snapshot was taken: it is used only while they are unchanged.
  var parts: [String: String]
  var report: InputReport
  var responses: [SurveyResponse]
  var replacedResponses: [String: Int]
  var attendance: [Attendance]
  var participants: [String]
  var attributes: [String: [String: String]]
  var quasi: [String: [QuasiIdentifierSpec.Kind: QuasiValue]]
  var sensitive: [String]
  var nameWords: [String]
  var freeText: [FreeText]
  var rejects: [Reject]
  var safeguarding: [SafeguardingConcern]
  /// The pids made, with the identifiers they were made from (for collision checks).
  var owned: [String: String]

  /// One participant's sessions in one group.
  struct Attendance: Codable {
    var pid: String
    var group: String
    var attended: [Int32]
    var absent: [Int32]
  }

  /// The snapshot of `data`, the reading of one input on its own.
  init(parts: [String: String], data: StudyData, owned: [String: String]) {
    self.parts = parts
    report = data.reports[0]
    responses = data.responses
    replacedResponses = data.replacedResponses
    attendance = data.ledger.entries.map { entry in
      Attendance(
        pid: data.pids.strings[Int(entry.pid)], group: data.groups.strings[Int(entry.group)],
        attended: data.ledger.sessions(of: entry, attended: true).map(\.day),
        absent: data.ledger.sessions(of: entry, attended: false).map(\.day))
    }
    participants = data.participants.sorted()
    attributes = data.attributes
    quasi = data.quasi
    sensitive = data.sensitive.values
    nameWords = data.nameWords.sorted()
    freeText = data.freeText
    rejects = data.rejects.entries
    safeguarding = data.safeguarding
    self.owned = owned
  }

  /// The study data the snapshot was taken from.
  func restore(studyEnd: Int?) -> StudyData {
    let data = StudyData(studyEnd: studyEnd)
    data.reports = [report]
    data.responses = responses
    data.replacedResponses = replacedResponses
    for entry in attendance {
      let pid = data.pids.id(entry.pid)
      let group = data.groups.id(entry.group)
      for day in entry.attended {
        data.ledger.record(pid: pid, group: group, day: day, attended: true)
      }
      for day in entry.absent {
        data.ledger.record(pid: pid, group: group, day: day, attended: false)
      }
    }
    data.participants = Set(participants)
    data.attributes = attributes
    data.quasi = quasi
    for value in sensitive { data.sensitive.insert(value) }
    data.nameWords = Set(nameWords)
    data.freeText = freeText
    for reject in rejects { data.rejects.add(reject) }
    data.safeguarding = safeguarding
    return data
  }

  /// Where the snapshot of `input` is kept.
  static func url(for input: String, in directory: URL) -> URL {
    directory.appendingPathComponent(".cache").appendingPathComponent("read-\(input).json")
  }

  /// The snapshot of `input`, if one was saved with exactly these `parts`.
  static func load(input: String, parts: [String: String], from directory: URL) -> InputSnapshot? {
    guard let data = FileManager.default.contents(atPath: url(for: input, in: directory).path),
      let snapshot = try? JSONDecoder().decode(InputSnapshot.self, from: data),
      snapshot.parts == parts
    else { return nil }
    return snapshot
  }

  /// Saves the snapshot for `input` in the private cache folder.
  func save(input: String, in directory: URL) throws {
    let folder = directory.appendingPathComponent(".cache")
    try FileManager.default.createDirectory(
      at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    try JSONEncoder().encode(self).write(
      to: Self.url(for: input, in: directory), options: .atomic)
  }
}
