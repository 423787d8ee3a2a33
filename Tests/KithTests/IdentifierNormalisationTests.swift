import Testing

@testable import Kith

/// The normalisation table of each identifier kind: as written → canonical, or refused.
@Suite struct IdentifierNormalisationTests {
  @Test(arguments: [
    ("07700 900123", "+447700900123"),
    ("07700-900-123", "+447700900123"),
    ("+44 7700 900123", "+447700900123"),
    ("+44 (0)7700 900123", "+447700900123"),
    ("0044 7700 900123", "+447700900123"),
    ("447700900123", "+447700900123"),
    ("(0113) 496 0000", "+441134960000"),
    (" 020 7946 0000 ", "+442079460000"),
    ("01632 960 001", "+441632960001"),
  ])
  func ukPhonesBecomeE164(raw: String, canonical: String) {
    #expect(IdentifierKind.phone.normalise(raw) == .success(canonical))
  }

  @Test(arguments: [
    "7700 900123", "+1 202 555 0100", "0770090012", "077009001234", "phone me", "00 7700 900123",
    "+44 07700 900123x",
  ])
  func otherPhonesAreRefused(raw: String) {
    #expect(IdentifierKind.phone.normalise(raw) == .failure(.malformed("is not a UK phone number")))
  }

  @Test(arguments: [
    ("943 476 5919", "9434765919"), ("401-023-2137", "4010232137"), ("9990000026", "9990000026"),
  ])
  func nhsNumbersWithAValidCheckDigitAreKept(raw: String, canonical: String) {
    #expect(IdentifierKind.nhs.normalise(raw) == .success(canonical))
  }

  @Test(arguments: ["9434765918", "1234567890", "943476591", "94347659190", "943476591X"])
  func nhsNumbersFailingTheCheckAreRefused(raw: String) {
    guard case .failure(.malformed) = IdentifierKind.nhs.normalise(raw) else {
      Issue.record("\(raw) was accepted")
      return
    }
  }

  @Test func theCheckDigitFollowsTheDataDictionary() {
    #expect(NHSNumber.checkDigit([9, 4, 3, 4, 7, 6, 5, 9, 1]) == 9)
    #expect(NHSNumber.checkDigit([0, 0, 0, 0, 0, 0, 0, 0, 0]) == 0)
    // 1·10 + 2·9 + … + 9·2 = 210; 210 mod 11 = 1; 11 − 1 = 10: no valid number.
    #expect(NHSNumber.checkDigit([1, 2, 3, 4, 5, 6, 7, 8, 9]) == nil)
  }

  @Test(arguments: [
    (" Jo.Smith@Example.ORG\t", "jo.smith@example.org"), ("a@b.c", "a@b.c"),
    ("ZOË.Ünal@Example.org", "zoë.ünal@example.org"), ("\u{00A0}x@y.org\u{00A0}", "x@y.org"),
  ])
  func emailsAreTrimmedAndLowerCased(raw: String, canonical: String) {
    #expect(IdentifierKind.email.normalise(raw) == .success(canonical))
  }

  @Test(arguments: [
    "jo smith@example.org", "@example.org", "jo@example", "jo@@example.org", "jo.example.org",
    "jo@exa\u{2003}mple.org", "jo.smith@example\torg",
  ])
  func otherEmailsAreRefused(raw: String) {
    #expect(IdentifierKind.email.normalise(raw) == .failure(.malformed("is not an email address")))
  }

  @Test func blankValuesOfEveryKindAreEmpty() {
    for kind in IdentifierKind.allCases {
      #expect(kind.normalise("  ") == .failure(.empty))
    }
  }
}
