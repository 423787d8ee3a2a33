import Testing

@testable import Kith

@Suite struct CodeBlocksTests {
  /// Responses keep their own codes when they share blocks, across a block's end, and a
  /// response longer than a block gets a block of its own.
  @Test func responsesKeepTheirCodesInSharedBlocks() {
    let blocks = CodeBlocks(blockSize: 10)
    let layout = ItemLayout([("a", 3)])
    let written: [[Int32]] = (0..<9).map { n in [n, n + 1, n == 4 ? SurveyResponse.missing : n + 2]
    }
    var responses = written.enumerated().map { line, codes in
      SurveyResponse(
        pid: "p\(line)", wave: 0, waveName: "baseline", input: "survey", line: line + 2,
        layout: layout, codes: codes, blocks: blocks)
    }
    responses.append(
      SurveyResponse(
        pid: "long", wave: 0, waveName: "baseline", input: "survey", line: 20,
        layout: ItemLayout([("a", 12)]), codes: Array(0..<12),
        blocks: blocks))
    #expect(responses.prefix(9).map(\.codes) == written)
    #expect(responses[9].codes == Array(0..<12))
    #expect(responses[4].answers(in: 1..<3) == [5, nil])
    #expect(responses[4].isComplete == false && responses[5].isComplete)
    #expect(responses[2].items(of: "a") == [2, 3, 4])
  }
}
