/// Links every coded segment to a participant and gives it its theme.
///
/// The participant comes through the identifier the export carries, a case variable, or the
/// pipeline's `documents:` map, pseudonymised with the study key. Segments that cannot be linked are kept and counted at group level.
struct CodingLinker {
  let spec: CodingSpec
  let resolver: IdentityResolver
  let data: StudyData

  /// Links `export`, adding its segments to `data`; returns the report with link rejections
  /// counted and unlinked documents named.
  ///
  /// - Throws: ``DataError`` when pseudonymising fails.
  func link(_ export: CodingExport, report: InputReport) throws -> InputReport {
    var report = report
    report.columns = fates
    let themes = ThemeAssignment(export: export, mapping: spec.themes)
    for rejected in export.rejected {
      data.rejects.add(
        Reject(
          source: spec.name, line: Self.line(rejected.origin), reason: rejected.reason, raw: "",
          column: nil, outcome: .rowRejected))
    }
    // Documents in the order the export lists them, so each can be named by its position.
    var order: [String: Int] = [:]
    for segment in export.segments where order[segment.caseName ?? segment.document] == nil {
      order[segment.caseName ?? segment.document] = order.count + 1
    }
    var unlinked: Set<String> = []
    var unmapped: Set<String> = []
    let attribute = spec.identifier?.column.value.lowercased() ?? ""
    let kind = spec.identifier?.kind ?? resolver.primary
    for segment in export.segments {
      let identifier =
        segment.identifier
        ?? segment.caseName.flatMap { export.caseValues[$0]?[attribute] }
        ?? segment.caseName.flatMap { spec.documents[$0] } ?? spec.documents[segment.document]
      var pid: String?
      if let identifier, !identifier.isEmpty {
        do {
          pid = try resolver.pid(identifier: identifier, kind: kind, sensitive: &data.sensitive)
        } catch let rejection as RowRejection {
          data.rejects.add(
            Reject(
              source: spec.name, line: Self.line(segment.origin),
              reason: "\(segment.document): \(rejection.reason)", raw: "", column: nil,
              outcome: .rowRejected))
          report.rowsAccepted -= 1
          report.rowsRejected += 1
          continue
        }
      } else {
        unlinked.insert(segment.caseName ?? segment.document)
      }
      if let pid { data.otherParticipants.insert(PidKey(pid)) }
      let (theme, mapped) = themes.theme(of: segment.code)
      if !mapped { unmapped.insert(themes.codePath(segment.code)) }
      data.codedSegments.append(
        CodedSegment(
          source: spec.name, document: segment.document, pid: pid, theme: theme,
          code: themes.codePath(segment.code), text: segment.text, count: segment.count,
          quotes: spec.quotes, quoteMaxLength: spec.quoteMaxLength))
    }
    if !unlinked.isEmpty {
      // By position and a keyed tag, never by name: a document is often named after its
      // interviewee.
      let named = unlinked.map { (order[$0] ?? 0, $0) }.sorted { $0.0 < $1.0 }.prefix(5).map {
        "document \($0.0) (tag \(resolver.pseudonymiser.tag($0.1)))"
      }
      report.notices.append(
        "\(unlinked.count) document\(unlinked.count == 1 ? " is" : "s are") not linked to a "
          + "participant: \(named.joined(separator: ", "))\(unlinked.count > 5 ? ", …" : ""). "
          + "Their segments count in the theme tables' unlinked column only; "
          + "private/segments.csv names them")
    }
    if !unmapped.isEmpty && !spec.themes.isEmpty {
      report.notices.append(
        "\(unmapped.count) code\(unmapped.count == 1 ? " is" : "s are") in no theme of the "
          + "pipeline's `themes:` and count under their top-level code: "
          + unmapped.sorted().prefix(5).joined(separator: ", ") + (unmapped.count > 5 ? ", …" : ""))
    }
    return report
  }

  /// What happens to each part of a coding export, for the privacy report.
  private var fates: [ColumnFate] {
    var fates: [ColumnFate] = []
    if let identifier = spec.identifier {
      fates.append(
        ColumnFate(
          column: identifier.column.value,
          fate: "pseudonymised (keyed hash of the \(identifier.kind.rawValue), linked to the pid)"))
    }
    if !spec.documents.isEmpty {
      fates.append(
        ColumnFate(
          column: "documents: (the pipeline's map)",
          fate: "pseudonymised (each document's participant is made into the pid)"))
    }
    fates += [
      ColumnFate(
        column: "documents and cases (their names)",
        fate: "kept in private/segments.csv only; notices name them by position and a keyed tag"),
      ColumnFate(column: "codes", fate: "released as theme and code names (themes.csv, tables)"),
      ColumnFate(
        column: "coded text",
        fate: spec.quotes
          ? "released as quotes after scrubbing, at most \(spec.quoteMaxLength) characters"
          : "kept in private/segments.csv only"),
    ]
    return fates
  }

  /// The line number in an origin like `line 12`, else 0 (a REFI selection has none).
  static func line(_ origin: String) -> Int {
    origin.hasPrefix("line ") ? Int(origin.dropFirst(5)) ?? 0 : 0
  }
}

/// One coded segment, linked (or not) to a participant and given its theme.
struct CodedSegment {
  var source: String
  var document: String
  /// `nil` when the document is not linked to anyone.
  var pid: String?
  var theme: String
  /// The code's path (`Support/Reciprocity`).
  var code: String
  var text: String
  /// How many segments this stands for.
  var count: Int
  /// Whether the export's pipeline entry releases quotes, and how long they may be.
  var quotes: Bool
  var quoteMaxLength: Int

  /// The columns of `private/segments.csv`.
  static let csvHeader = ["source", "document", "pid", "theme", "code", "segments", "text"]

  /// The row of `private/segments.csv`.
  var csvRecord: [String] {
    [source, document, pid ?? "", theme, code, String(count), text]
  }
}
