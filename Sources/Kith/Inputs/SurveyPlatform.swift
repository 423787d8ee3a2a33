import Foundation
import KithCSV

/// What Kith knows about each survey platform's exports: how to recognise one, how many header
/// rows it has and how its columns are named, which of its metadata columns identify people, and
/// which column says whether a response was finished.
enum SurveyPlatform {
  /// The header rows of each survey format.
  static func headerRows(_ format: InputSpec.Format) -> Int {
    switch format {
    case .qualtrics: 3
    case .qualtricsLegacy, .surveymonkey: 2
    default: 1
    }
  }

  /// Recognises a survey export from its first lines.
  ///
  /// - Returns: The format, `.csv` when no platform's signature matches.
  static func detect(path: String, dialect: CSVDialect) -> InputSpec.Format {
    var probe = dialect
    probe.headerRows = 1
    guard let reader = try? CSVReader(path: path, dialect: probe) else { return .csv }
    let names = reader.header.names
    var rows: [[String]] = []
    try? reader.forEachRow { row in
      rows.append((0..<row.count).map { row.string($0).trimmed })
      if rows.count == 2 { throw CancellationError() }
    }
    let set = Set(names)
    if set.isSuperset(of: ["StartDate", "ResponseId"]),
      rows.count >= 2, rows[1].first?.hasPrefix("{\"ImportId\"") == true
    {
      return .qualtrics
    }
    if names.first == "V1", rows.first?.contains("ResponseID") == true { return .qualtricsLegacy }
    if set.isSuperset(of: ["Respondent ID", "Collector ID"]) { return .surveymonkey }
    if set.contains("redcap_event_name") || set.contains("redcap_repeat_instrument")
      || set.contains("redcap_survey_identifier") || set.contains("Event Name")
      || set.contains("Repeat Instrument")
      || names.contains(where: { $0.hasSuffix("_complete") || $0.hasSuffix("Complete?") })
    {
      return .redcap
    }
    if names.first == "Timestamp" { return .googleForms }
    if names.starts(with: ["ID", "Start time", "Completion time"]) { return .microsoftForms }
    if set.isSuperset(of: ["Response ID", "Date submitted"])
      || set.isSuperset(of: ["id", "submitdate", "lastpage"])
    {
      return .limesurvey
    }
    return .csv
  }

  /// The names columns are bound by: the first header row, except where a platform spreads the
  /// name over two rows.
  ///
  /// Legacy Qualtrics tags its metadata `V1`, `V2`, … and names it in the second row (those
  /// columns take the second row's name). SurveyMonkey heads a matrix question once and names
  /// each statement in the second row (those columns are `question - statement`).
  static func columnHeader(_ header: CSVHeader, format: InputSpec.Format) -> CSVHeader {
    guard let second = header.extraRows.first else { return header }
    switch format {
    case .qualtricsLegacy:
      return CSVHeader(
        rows: [
          header.names.indices.map { index in
            let tag = header.names[index]
            let isMetadataTag = tag.first == "V" && tag.dropFirst().allSatisfy(\.isNumber)
            return isMetadataTag && index < second.count ? second[index] : tag
          }
        ] + header.extraRows)
    case .surveymonkey:
      var question = ""
      let names = header.names.indices.map { index -> String in
        if !header.names[index].isEmpty { question = header.names[index] }
        let option = index < second.count ? second[index].trimmed : ""
        return ["", "Response", "Open-Ended Response"].contains(option)
          ? question : "\(question) - \(option)"
      }
      return CSVHeader(rows: [names] + header.extraRows)
    default:
      return header
    }
  }

  /// Platform metadata columns that identify people: never released, whatever the pipeline
  /// says, and their values are searched for in the release by the leak gate.
  static func identifyingMetadata(_ format: InputSpec.Format) -> [String] {
    switch format {
    case .qualtrics:
      [
        "IPAddress", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
        "ExternalReference", "ExternalDataReference", "LocationLatitude", "LocationLongitude",
      ]
    case .qualtricsLegacy:
      [
        "IPAddress", "Name", "EmailAddress", "ExternalDataReference", "LocationLatitude",
        "LocationLongitude",
      ]
    case .surveymonkey:
      ["IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1"]
    case .googleForms: ["Email Address", "Email address"]
    case .microsoftForms: ["Email", "Name"]
    case .limesurvey: ["IP address", "ipaddr", "Referrer URL", "refurl"]
    case .redcap: ["redcap_survey_identifier", "Survey Identifier"]
    default: []
    }
  }

  /// The column saying whether a response was finished, and whether a value means finished.
  static func completion(
    _ format: InputSpec.Format
  ) -> (columns: [String], isFinished: @Sendable (String) -> Bool)? {
    switch format {
    case .qualtrics, .qualtricsLegacy:
      (["Finished"], { ["1", "true"].contains($0.lowercased()) })
    case .limesurvey:
      (["Date submitted", "submitdate"], { !$0.isEmpty })
    default:
      nil
    }
  }

  /// The display name of a format, for notices.
  static func name(_ format: InputSpec.Format) -> String {
    switch format {
    case .csv: "plain CSV"
    case .qualtrics: "Qualtrics"
    case .qualtricsLegacy: "legacy Qualtrics"
    case .redcap: "REDCap"
    case .surveymonkey: "SurveyMonkey"
    case .googleForms: "Google Forms"
    case .microsoftForms: "Microsoft Forms"
    case .limesurvey: "LimeSurvey"
    case .wide: "wide register"
    case .teams: "Teams report"
    case .zoom: "Zoom report"
    }
  }
}
