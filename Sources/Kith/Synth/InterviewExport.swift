import Foundation
import ZIPFoundation

/// Writes a synthetic coded-interview project as a QDA program exports it: a REFI-QDA project
/// (`interviews.qdpx`, a ZIP of `project.qde` and one text file per interview) and its codebook
/// (`themes.qdc`), coded with the seed study's themes.
///
/// Interviewees are the members who attended most; each case carries the member's email as a
/// case variable. One focus-group transcript belongs to no case, so a run shows how unlinked
/// documents are counted. The bytes are the same on every machine: stored (not compressed)
/// entries with a fixed date.
struct InterviewExport {
  let study: SyntheticStudy
  let sessionsAttended: [Int]

  /// The seed study's themes, each with two codes and, per code, what interviewees said.
  static let codebook: [(theme: String, codes: [(code: String, sayings: [String])])] = [
    (
      "Safe space",
      [
        (
          "Feeling safe",
          [
            "It is the one place where I feel safe enough to say what is really going on.",
            "Nobody pushes you to say more than you want to, so I stopped bracing myself.",
          ]
        ),
        (
          "Confidentiality",
          [
            "What is said in the room stays in the room, and that matters more than anything.",
            "I knew none of it would get back to work or to my family.",
          ]
        ),
      ]
    ),
    (
      "Non-judgemental listening",
      [
        (
          "Being heard",
          [
            "People actually listen, they do not rush to fix you.",
            "For once I finished a sentence without someone talking over me.",
          ]
        ),
        (
          "No judgement",
          [
            "Nobody looked shocked when I talked about the scars.",
            "There is no judgement here, just people who get it.",
          ]
        ),
      ]
    ),
    (
      "Reciprocal peer support",
      [
        (
          "Helping others",
          [
            "Being able to help someone else made me feel useful again.",
            "Last month I was the one passing on what worked for me.",
          ]
        ),
        (
          "Shared experience",
          [
            "Everyone there has been through something like it, so you do not have to explain.",
            "Hearing someone describe my exact feelings was a relief.",
          ]
        ),
      ]
    ),
    (
      "Less isolation",
      [
        (
          "Less alone",
          [
            "I do not feel like the only one any more.",
            "Tuesdays give the week a shape, I have somewhere to be.",
          ]
        ),
        (
          "New friendships",
          [
            "A couple of us meet for coffee between sessions now.",
            "I have people I can text when it gets bad at night.",
          ]
        ),
      ]
    ),
    (
      "Managing self-harm",
      [
        (
          "Coping strategies",
          [
            "I learnt to hold ice or snap a band instead, and sometimes that is enough.",
            "We swap ideas for getting through the worst hour.",
          ]
        ),
        (
          "Urges and alternatives",
          [
            "The urges still come but they pass quicker now.",
            "I write down what I feel before I do anything, it buys me time.",
          ]
        ),
      ]
    ),
    (
      "Contrast with statutory services",
      [
        (
          "Waiting lists",
          [
            "I was on a waiting list for eight months and heard nothing.",
            "The group was there when the services were not.",
          ]
        ),
        (
          "Feeling dismissed",
          [
            "At A&E they patched me up and sent me home without a word.",
            "My GP just upped the tablets and moved on.",
          ]
        ),
      ]
    ),
  ]

  /// Writes `interviews.qdpx` and `themes.qdc` into `folder`.
  func write(to folder: URL, random: inout SeededGenerator) throws -> [String] {
    let interviewees = study.members.filter { sessionsAttended[$0.index] >= 3 }
      .sorted { (sessionsAttended[$0.index], -$0.index) > (sessionsAttended[$1.index], -$1.index) }
      .prefix(24)
      .sorted { $0.index < $1.index }
    var guid = 0
    func nextGUID() -> String {
      guid += 1
      return String(format: "00000000-0000-4000-8000-%012d", guid)
    }
    var codeGUIDs: [String: String] = [:]
    var codebookXML: [String] = []
    for (theme, codes) in Self.codebook {
      let themeGUID = nextGUID()
      codeGUIDs[theme] = themeGUID
      codebookXML.append("      <Code guid=\"\(themeGUID)\" name=\"\(theme)\" isCodable=\"true\">")
      for (code, _) in codes {
        let codeGUID = nextGUID()
        codeGUIDs[code] = codeGUID
        codebookXML.append(
          "        <Code guid=\"\(codeGUID)\" name=\"\(code)\" isCodable=\"true\"/>")
      }
      codebookXML.append("      </Code>")
    }
    let emailVariable = nextGUID()
    var cases: [String] = []
    var sources: [String] = []
    var texts: [(name: String, text: String)] = []
    var documents = interviewees.map { member -> (String, SyntheticStudy.Member?) in
      ("Interview \(String(format: "%02d", member.index + 1))", member)
    }
    documents.append(("Focus group, Riverside", nil))
    for (name, member) in documents {
      var text = ""
      var selections: [String] = []
      let engaged = member.map { Double(sessionsAttended[$0.index]) / 20 } ?? 0.5
      for (theme, codes) in Self.codebook {
        let likely =
          theme == "Less isolation" || theme == "Reciprocal peer support"
          ? 0.45 + engaged / 2 : 0.55
        for (code, sayings) in codes where random.chance(min(0.9, likely)) {
          let saying = random.pick(sayings)
          let start = text.unicodeScalars.count
          text += saying + "\n"
          selections.append(
            "        <PlainTextSelection guid=\"\(nextGUID())\" name=\"\(theme): \(code)\" "
              + "startPosition=\"\(start)\" endPosition=\"\(start + saying.unicodeScalars.count)\">\n"
              + "          <Coding guid=\"\(nextGUID())\"><CodeRef targetGUID=\"\(codeGUIDs[code] ?? "")\"/></Coding>\n"
              + "        </PlainTextSelection>")
        }
      }
      let sourceGUID = nextGUID()
      let file = "\(sourceGUID).txt"
      texts.append((file, text))
      sources.append(
        "      <TextSource guid=\"\(sourceGUID)\" name=\"\(name).txt\" "
          + "plainTextPath=\"internal://\(file)\">\n" + selections.joined(separator: "\n")
          + "\n      </TextSource>")
      if let member {
        cases.append(
          "      <Case guid=\"\(nextGUID())\" name=\"\(name)\">\n"
            + "        <VariableValue><VariableRef targetGUID=\"\(emailVariable)\"/>"
            + "<TextValue>\(member.email)</TextValue></VariableValue>\n"
            + "        <SourceRef targetGUID=\"\(sourceGUID)\"/>\n      </Case>")
      }
    }
    let project = """
      <?xml version="1.0" encoding="utf-8"?>
      <Project xmlns="urn:QDA-XML:project:1.0" name="Example interviews (synthetic)" origin="kith synth">
        <CodeBook>
          <Codes>
      \(codebookXML.joined(separator: "\n"))
          </Codes>
        </CodeBook>
        <Variables>
          <Variable guid="\(emailVariable)" name="Email" typeOfVariable="Text"/>
        </Variables>
        <Cases>
      \(cases.joined(separator: "\n"))
        </Cases>
        <Sources>
      \(sources.joined(separator: "\n"))
        </Sources>
      </Project>

      """
    let qdpx = folder.appendingPathComponent("interviews.qdpx")
    try? FileManager.default.removeItem(at: qdpx)
    let archive = try Archive(url: qdpx, accessMode: .create)
    let fixed = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01
    for (path, text) in [("project.qde", project)] + texts.map({ ("sources/\($0.name)", $0.text) })
    {
      let data = Data(text.utf8)
      try archive.addEntry(
        with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: fixed,
        permissions: 0o644, compressionMethod: .none
      ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
    }
    let codebook = """
      <?xml version="1.0" encoding="utf-8"?>
      <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="kith synth">
        <Codes>
      \(codebookXML.joined(separator: "\n"))
        </Codes>
      </CodeBook>

      """
    try Data(codebook.utf8).write(to: folder.appendingPathComponent("themes.qdc"))
    return ["interviews.qdpx", "themes.qdc"]
  }
}
