import Foundation
import KithCSV

/// The baseline and follow-up surveys of a synthetic study, in Qualtrics' current CSV layout:
/// export tags, question texts, import ids, then one row per response, metadata columns first.
struct SurveyExport {
  let study: SyntheticStudy
  let sessionsAttended: [Int]
  /// Whether a member answers these surveys (at a site: the members whose own group meets
  /// there).
  var answers: (SyntheticStudy.Member) -> Bool = { _ in true }

  static let metadata = [
    "StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
    "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
    "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel",
    "UserLanguage",
  ]
  static let wemwbsItems = [
    "I've been feeling optimistic about the future", "I've been feeling useful",
    "I've been feeling relaxed", "I've been feeling interested in other people",
    "I've had energy to spare", "I've been dealing with problems well",
    "I've been thinking clearly", "I've been feeling good about myself",
    "I've been feeling close to other people", "I've been feeling confident",
    "I've been able to make up my own mind about things", "I've been feeling loved",
    "I've been interested in new things", "I've been feeling cheerful",
  ]
  static let djgItems = [
    "I experience a general sense of emptiness", "There are plenty of people I can rely on",
    "There are many people I can trust completely", "I miss having people around",
    "There are enough people I feel close to", "I often feel rejected",
  ]
  static let comments = [
    "", "", "", "It is a safe space, nobody judges you.",
    "Felt less alone,\nmet people who get it.",
    "The group said \"you are not alone\" and I believed it.", "Hard to get there, the buses.",
    "%NAME% always makes me feel welcome.", "I have learnt other ways to cope when it gets bad.",
    "Better than waiting for the CMHT; here people listen.",
  ]

  /// The columns after the metadata, with their question texts.
  private var questions: [(tag: String, text: String)] {
    var columns: [(String, String)] = [
      ("Email", "Your email address (so we can link your answers)"),
      ("DOB", "Your date of birth"), ("Gender", "How would you describe your gender?"),
      ("Postcode", "Your postcode"),
      ("Group", "Which group do you go to?"),
    ]
    columns += Self.wemwbsItems.enumerated().map {
      ("WEMWBS_\($0.offset + 1)", "Over the last 2 weeks - \($0.element)")
    }
    columns += [
      "How often do you feel that you lack companionship?", "How often do you feel left out?",
      "How often do you feel isolated from others?",
    ].enumerated().map { ("UCLA_\($0.offset + 1)", $0.element) }
    columns += Self.djgItems.enumerated().map { ("DJG_\($0.offset + 1)", $0.element) }
    columns += [
      "Overall, how satisfied are you with your life nowadays?",
      "Overall, to what extent do you feel the things you do in your life are worthwhile?",
      "Overall, how happy did you feel yesterday?", "Overall, how anxious did you feel yesterday?",
    ]
    .enumerated().map { ("ONS4_\($0.offset + 1)", $0.element) }
    columns += (1...6).map { ("LSNS_\($0)", "Lubben Social Network Scale item \($0)") }
    columns += (1...9).map { ("PHQ9_\($0)", "PHQ-9 item \($0)") }
    columns.append(("Comment", "Anything you would like to tell us about the group?"))
    return columns
  }

  /// Writes both waves; returns how many responses were written.
  func write(to folder: URL, random: inout SeededGenerator) throws -> Int {
    var written = 0
    var baseline: [Int] = []
    for wave in ["baseline", "followup"] {
      let writer = try CSVWriter(path: folder.appendingPathComponent("survey_\(wave).csv").path)
      try writer.write(Self.metadata + questions.map(\.tag))
      try writer.write(Self.metadataTexts + questions.map(\.text))
      try writer.write((Self.metadata.map(Self.importId) + questions.map { Self.importId($0.tag) }))
      var responses: [[String]] = []
      for member in study.members where sessionsAttended[member.index] > 0 && answers(member) {
        if wave == "baseline" {
          guard random.chance(0.92) else { continue }
          baseline.append(member.index)
        } else {
          guard baseline.contains(member.index), random.chance(0.7) else { continue }
        }
        responses.append(
          response(member, wave: wave, random: &random))
      }
      if wave == "baseline" { plantSurveyMistakes(&responses) }
      for response in responses { try writer.write(response) }
      written += responses.count
      try writer.close()
    }
    return written
  }

  /// An out-of-range answer, a missing item, and one person submitting twice.
  private func plantSurveyMistakes(_ responses: inout [[String]]) {
    guard responses.count >= 10 else { return }
    let first = Self.metadata.count + 5
    responses[2][first + 2] = "7"
    responses[5][first + 9] = ""
    var again = responses[7]
    again[Self.metadata.count - 9] =
      "R_" + String(again[Self.metadata.count - 9].dropFirst(2).reversed())
    responses.insert(again, at: 8)
  }

  private func response(
    _ member: SyntheticStudy.Member, wave: String, random: inout SeededGenerator
  ) -> [String] {
    let followUp = wave == "followup"
    let dose = Double(sessionsAttended[member.index])
    let gain = followUp ? min(0.8, 0.035 * dose) + random.normal(mean: 0, sd: 0.25) : 0
    let day = study.sessionDay(group: member.groups[0], week: member.joinWeek + (followUp ? 12 : 0))
    let start =
      "\(CivilDate.iso(day)) \(10 + random.below(10)):\(10 + random.below(50)):\(10 + random.below(50))"
    let duration = 240 + random.below(600)
    var row = [
      start, start, "0", "192.0.2.\(1 + random.below(254))", "100", String(duration), "1", start,
      "R_" + Self.responseId(random: &random), "", "", "", "", "", "", "anonymous", "EN-GB",
    ]
    row.append(random.chance(0.85) ? member.email : member.email.uppercased())
    let birth = CivilDate.iso(member.birthDay).split(separator: "-")
    row.append("\(birth[2])/\(birth[1])/\(birth[0])")
    row.append(member.gender)
    row.append(random.chance(0.1) ? member.postcode.lowercased() : member.postcode)
    row.append(study.groups[member.groups[0]].name)
    row += (0..<14).map { _ in
      Self.item(member.wellbeing + gain, sd: 0.7, in: 1...5, random: &random)
    }
    row += (0..<3).map { _ in
      Self.item(member.loneliness - gain * 0.6, sd: 0.5, in: 1...3, random: &random)
    }
    let lonely = member.loneliness - gain * 0.6
    row += (0..<6).map { index in
      let negative = [0, 3, 5].contains(index)
      let level = lonely + random.normal(mean: 0, sd: 0.6)
      return level > 2.6
        ? (negative ? "Yes" : "No") : level > 2.0 ? "More or less" : (negative ? "No" : "Yes")
    }
    row += (0..<4).map { index in
      index == 3
        ? Self.item(10 - 2 * (member.wellbeing + gain), sd: 1.5, in: 0...10, random: &random)
        : Self.item(2 * (member.wellbeing + gain) - 0.5, sd: 1.2, in: 0...10, random: &random)
    }
    row += (0..<6).map { _ in Self.item(3.2 - member.loneliness, sd: 1, in: 0...5, random: &random)
    }
    row += (0..<9).map { index in
      index == 8
        ? (random.chance(0.05) ? "1" : "0")
        : Self.item(4 - member.wellbeing - gain, sd: 0.7, in: 0...3, random: &random)
    }
    let comment = random.pick(Self.comments).replacingOccurrences(
      of: "%NAME%", with: random.pick(SyntheticStudy.firstNames))
    row.append(comment)
    return row
  }

  private static func item(
    _ mean: Double, sd: Double, in range: ClosedRange<Int>, random: inout SeededGenerator
  ) -> String {
    String(
      min(
        range.upperBound, max(range.lowerBound, Int((random.normal(mean: mean, sd: sd)).rounded())))
    )
  }

  private static func responseId(random: inout SeededGenerator) -> String {
    let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789")
    return String((0..<15).map { _ in random.pick(alphabet) })
  }

  private static var metadataTexts: [String] {
    [
      "Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)",
      "Finished", "Recorded Date", "Response ID", "Recipient Last Name", "Recipient First Name",
      "Recipient Email", "External Data Reference", "Location Latitude", "Location Longitude",
      "Distribution Channel", "User Language",
    ]
  }

  private static func importId(_ tag: String) -> String {
    "{\"ImportId\":\"\(tag.hasPrefix("Q") || tag.contains("_") ? "QID_" + tag : tag.prefix(1).lowercased() + tag.dropFirst())\"}"
  }
}
