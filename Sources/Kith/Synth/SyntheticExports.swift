import Foundation
import KithCSV

/// Writes a synthetic study's exports as evaluators receive them: a long attendance register typed
/// by facilitators, and a baseline and a follow-up survey exported from Qualtrics.
///
/// A few rows carry the mistakes real exports have (an impossible date, a blank email, an unknown
/// mark, a repeated row, an out-of-range answer, a second submission), so that a run shows its
/// rejects.
public enum SyntheticExports {
  /// What was written.
  public struct Written: Sendable {
    /// File names, in the order written.
    public var files: [String]
    /// Rows in the register.
    public var registerRows: Int
    /// Responses in the two surveys.
    public var surveyRows: Int
  }

  /// The files a synthetic study is written as.
  public static let fileNames = [
    "attendance.csv", "survey_baseline.csv", "survey_followup.csv", "demo.key", "interviews.qdpx",
    "themes.qdc",
  ]

  /// Writes `attendance.csv`, `survey_baseline.csv`, `survey_followup.csv`, `demo.key`,
  /// `interviews.qdpx` and `themes.qdc` into `folder`, from `seed`, for `members` invented members.
  ///
  /// - Throws: ``UsageError`` when `folder` holds anything else: files of the same names there
  ///   were written by an earlier `kith synth`, and only those are replaced.
  public static func write(to folder: URL, seed: UInt64, members: Int) throws -> Written {
    let existing = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    let others = existing.filter { !fileNames.contains($0) && !$0.hasPrefix(".") }.sorted()
    guard others.isEmpty else {
      throw UsageError(
        "\(folder.relativePath) holds files a synthetic study is not written as ("
          + others.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
          + "); give `kith synth` a new or empty folder with --out")
    }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let study = SyntheticStudy(
      seed: seed, memberCount: members, groupCount: max(2, members / 60), weeks: 26)
    var random = SeededGenerator(seed: seed ^ 0x5EED)
    let sessions = try writeRegister(
      study, to: folder.appendingPathComponent("attendance.csv"), random: &random)
    let surveys = try SurveyExport(study: study, sessionsAttended: sessions.attended)
      .write(to: folder, random: &random)
    let key = (0..<32).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    try Data((Hex.string(key) + "\n").utf8).write(to: folder.appendingPathComponent("demo.key"))
    // Its own stream, so the files above do not change with it.
    var interviewRandom = SeededGenerator(seed: seed ^ 0x1A7E)
    let interviews = try InterviewExport(study: study, sessionsAttended: sessions.attended)
      .write(to: folder, random: &interviewRandom)
    return Written(
      files: ["attendance.csv", "survey_baseline.csv", "survey_followup.csv", "demo.key"]
        + interviews,
      registerRows: sessions.rows, surveyRows: surveys)
  }

  /// Simulates attendance and writes the register in session order, as facilitators type it.
  private static func writeRegister(
    _ study: SyntheticStudy, to url: URL, random: inout SeededGenerator
  ) throws -> (attended: [Int], rows: Int) {
    var (attended, rows) = simulateRegister(study, random: &random)
    plantRegisterMistakes(&rows)
    try writeRegisterRows(rows, to: url)
    return (attended, rows.count)
  }

  /// The register's rows, in session order, and how many sessions each member attended.
  static func simulateRegister(_ study: SyntheticStudy, random: inout SeededGenerator) -> (
    attended: [Int], rows: [(day: Int, group: Int, fields: [String])]
  ) {
    var attended = [Int](repeating: 0, count: study.members.count)
    var rows: [(day: Int, group: Int, fields: [String])] = []
    for member in study.members {
      for group in member.groups {
        for week in member.joinWeek..<max(member.joinWeek + 1, member.leaveWeek) {
          let first = week == member.joinWeek && group == member.groups[0]
          let present = first || random.chance(member.attendance)
          let day = study.sessionDay(group: group, week: week)
          if present {
            attended[member.index] += 1
          } else if !random.chance(0.5) {
            continue
          }
          let mark =
            present
            ? random.pick(["Y", "Y", "Y", "y", "Yes"]) : random.pick(["A", "apologies", "N", ""])
          rows.append(
            (
              day, group,
              [
                study.groups[group].name, Self.typedDate(day, random: &random),
                typedName(member, random: &random),
                typedEmail(member, random: &random), mark,
              ]
            ))
        }
      }
    }
    rows.sort { ($0.day, $0.group) < ($1.day, $1.group) }
    return (attended, rows)
  }

  /// Writes register rows as a facilitators' CSV.
  static func writeRegisterRows(_ rows: [(day: Int, group: Int, fields: [String])], to url: URL)
    throws
  {
    let writer = try CSVWriter(path: url.path)
    try writer.write(["Group", "Session date", "Name", "Email", "Attended"])
    for row in rows { try writer.write(row.fields) }
    try writer.close()
  }

  /// An impossible date, a blank email, an unknown mark and a repeated row, spread through the file.
  static func plantRegisterMistakes(
    _ rows: inout [(day: Int, group: Int, fields: [String])]
  ) {
    guard rows.count >= 40 else { return }
    rows[rows.count / 5].fields[1] = "31/02/2025"
    rows[rows.count * 2 / 5].fields[3] = "  "
    rows[rows.count * 3 / 5].fields[4] = "?"
    rows.insert(rows[rows.count * 4 / 5], at: rows.count * 4 / 5 + 1)
  }

  /// `dd/mm/yyyy`, sometimes without leading zeros, as people type dates.
  static func typedDate(_ day: Int, random: inout SeededGenerator) -> String {
    let iso = CivilDate.iso(day).split(separator: "-").map(String.init)
    if random.chance(0.15) {
      return "\(Int(iso[2]) ?? 0)/\(Int(iso[1]) ?? 0)/\(iso[0])"
    }
    return "\(iso[2])/\(iso[1])/\(iso[0])"
  }

  private static func typedName(_ member: SyntheticStudy.Member, random: inout SeededGenerator)
    -> String
  {
    switch random.below(6) {
    case 0: "\(member.lastName), \(member.firstName)"
    case 1: " \(member.firstName.lowercased()) \(member.lastName.lowercased())"
    case 2: "\(member.firstName) \(member.lastName) "
    default: "\(member.firstName) \(member.lastName)"
    }
  }

  private static func typedEmail(_ member: SyntheticStudy.Member, random: inout SeededGenerator)
    -> String
  {
    switch random.below(8) {
    case 0: " " + member.email
    case 1: member.email.prefix(1).uppercased() + member.email.dropFirst()
    case 2: member.email.uppercased() + " "
    default: member.email
    }
  }
}
