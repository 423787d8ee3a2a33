import Testing

@testable import Kith

@Suite struct TextScrubberTests {
  let scrubber = TextScrubber(
    names: Set(TextScrubber.nameWords(of: "Jo Smith") + TextScrubber.nameWords(of: "O'Neil, Priya"))
  )

  @Test(arguments: [
    ("Email me at jo.smith1@example.org!", "Email me at [email]!"),
    ("see https://example.org/x?y=1 or www.example.net", "see [url] or [url]"),
    ("ring 07700 900123 or +44 (0)7700 900124", "ring [phone] or [phone]"),
    ("my NHS no is 943 476 5919.", "my NHS no is [nhs number]."),
    ("I live near LS6 2AB and sw1a1aa", "I live near [postcode] and [postcode]"),
    ("Thanks to Jo and PRIYA o'neil", "Thanks to [name] and [name] [name]"),
    ("Smithson and Joanna stay", "Smithson and Joanna stay"),
    ("It is a safe space; scored 42 on 14/03/2025", "It is a safe space; scored 42 on 14/03/2025"),
  ])
  func identifyingTextBecomesTags(text: String, scrubbed: String) {
    #expect(scrubber.scrub(text) == scrubbed)
  }

  @Test func shortWordsAreNotNames() {
    #expect(TextScrubber.nameWords(of: "J. Smith-Jones") == ["smith-jones"])
  }
}
