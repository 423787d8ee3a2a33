import Testing

@testable import Kith

/// The free-text scrubber: every form of a name, phone number or NHS number a person may write
/// becomes a tag, and ordinary words and numbers stay as they are.
@Suite struct TextScrubberTests {
  /// Identifying values as the inputs hold them: names in a name column (one written
  /// surname-first, one split across two columns), a phone and an NHS number.
  static let sensitive: SensitiveValues = {
    var values = SensitiveValues()
    for name in ["Dylan Walsh", "O'Neil, Priya", "Zoë", "Ünal"] { values.insertName(name) }
    values.insertIdentifier("07700 900123", kind: .phone)
    values.insertIdentifier("943 476 5919", kind: .nhs)
    values.seal()
    return values
  }()

  let scrubber = TextScrubber(sensitive: Self.sensitive)

  @Test(arguments: [
    ("Email me at jo.smith1@example.org!", "Email me at [email]!"),
    ("see https://example.org/x?y=1 or www.example.net", "see [url] or [url]"),
    ("I live near LS6 2AB and sw1a1aa", "I live near [postcode] and [postcode]"),
    ("It is a safe space; scored 42 on 14/03/2025", "It is a safe space; scored 42 on 14/03/2025"),
  ])
  func identifyingTextBecomesTags(text: String, scrubbed: String) {
    #expect(scrubber.scrub(text) == scrubbed)
  }

  /// Every form of a name seen in the inputs: each token, whatever its case, accents,
  /// normalisation, apostrophe or possessive, and whatever separates it from the next.
  @Test(arguments: [
    ("Dylan Walsh helped", "[name] [name] helped"),
    ("Walsh, Dylan helped", "[name], [name] helped"),
    ("Walsh's group", "[name] group"),
    ("Walsh’s group", "[name] group"),
    ("ask WALSH", "ask [name]"),
    ("Dylan\u{00A0}Walsh", "[name]\u{00A0}[name]"),
    ("Dylan-Walsh", "[name]-[name]"),
    ("priya o'neil", "[name] [name]"),
    ("Zoe came", "[name] came"),
    ("Zoe\u{0308} came", "[name] came"),
    ("Unal came", "[name] came"),
  ])
  func everyFormOfANameIsScrubbed(text: String, scrubbed: String) {
    #expect(scrubber.scrub(text) == scrubbed)
  }

  /// Every form of a UK phone number, known or not.
  @Test(arguments: [
    "07700 900123", "07700900123", "07700.900.123", "07700/900123", "07700-900-123",
    "+44 7700 900123", "+44 (0)7700 900123", "0044 7700 900123", "44 7700 900123",
    "(07700) 900123", "01697 73123", "020 7946 0958",
  ])
  func everyFormOfAPhoneNumberIsScrubbed(phone: String) {
    #expect(scrubber.scrub("ring \(phone) now") == "ring [phone] now", "\(phone)")
  }

  /// An NHS number however it is grouped, and a known number's digits however they are written.
  @Test(arguments: [
    ("no. 943 476 5919.", "no. [nhs number]."),
    ("no. 9434765919.", "no. [nhs number]."),
    ("no. 943-476-5919.", "no. [nhs number]."),
    ("no. 943 4765 919.", "no. [nhs number]."),
    ("no. 943.476.5919.", "no. [nhs number]."),
    ("mine is 7700 900123", "mine is [phone]"),
    ("mine is 7700.900.123", "mine is [phone]"),
  ])
  func everyFormOfANumberIsScrubbed(text: String, scrubbed: String) {
    #expect(scrubber.scrub(text) == scrubbed)
  }

  /// Ordinary words and numbers are left alone: words that only contain a name, short
  /// numbers, dates, scores.
  @Test(arguments: [
    "Walshes and Dylanesque stay", "Call at 10:30 on 14/03/2025", "I scored 42 then 47.5",
    "Session 3 of 24, 2025-03-14", "a 0.123456789 share", "my 12345678 reference",
  ])
  func ordinaryTextIsKept(text: String) {
    #expect(scrubber.scrub(text) == text)
  }

  @Test func theTallyCountsEachTag() {
    let tally = TextScrubber.Tally()
    let counting = TextScrubber(sensitive: Self.sensitive, tally: tally)
    _ = counting.scrub("Dylan Walsh, 07700 900123, dw@example.org")
    #expect(tally.counts == ["[name]": 2, "[phone]": 1, "[email]": 1])
  }
}
