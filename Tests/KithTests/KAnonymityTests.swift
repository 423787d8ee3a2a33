import Foundation
import Testing

@testable import Kith

@Suite struct KAnonymityTests {
  static func spec(_ kind: QuasiIdentifierSpec.Kind, groups: [(String, [String])] = [])
    -> QuasiIdentifierSpec
  {
    QuasiIdentifierSpec(
      kind: kind, column: Located(kind.rawValue), dateFormat: .dayMonthYear,
      bands: QuasiIdentifierSpec.defaultBands, groups: groups)
  }

  @Test func ageBandsWidenRungByRungThenSuppress() {
    let age = Generaliser(spec: Self.spec(.age))
    #expect(age.levels == 4)
    #expect(
      (0...4).map { age.value(.age(40), level: $0) } == ["35–44", "35–54", "18–54", "18+", "*"])
    #expect(age.value(.age(17), level: 0) == "under 18")
    #expect(age.value(.age(70), level: 0) == "65+")
    #expect(age.value(nil, level: 2) == "")
  }

  @Test func postcodesGoToDistrictThenArea() {
    #expect(QuasiParser.outwardCode("ls6 2ab") == "LS6")
    #expect(QuasiParser.outwardCode("SW1A1AA") == "SW1A")
    #expect(QuasiParser.outwardCode("LS6") == nil)
    #expect(QuasiParser.outwardCode("12345") == nil)
    let postcode = Generaliser(spec: Self.spec(.postcode))
    #expect((0...2).map { postcode.value(.text("SW1A"), level: $0) } == ["SW1A", "SW", "*"])
  }

  @Test func answersAreGroupedAsDeclared() {
    let gender = Self.spec(
      .gender, groups: [("Woman", ["female", "woman", "f"]), ("Man", ["male", "man"])])
    #expect(QuasiParser.parse("Female", spec: gender) == .success(.group("Woman")))
    guard case .failure(let rejection) = QuasiParser.parse("Fem", spec: gender) else {
      Issue.record("an unknown answer was grouped")
      return
    }
    #expect(rejection.reason == "'Fem' is in none of the groups declared for gender (Woman, Man)")
  }

  @Test func agesAreWholeYearsAtTheReferenceDay() throws {
    let born = try #require(DateFormat.iso.day("2000-03-15"))
    #expect(QuasiRelease.age(born: born, on: try #require(DateFormat.iso.day("2025-03-14"))) == 24)
    #expect(QuasiRelease.age(born: born, on: try #require(DateFormat.iso.day("2025-03-15"))) == 25)
  }

  /// Worked by hand in the comments: k = 3, at most 1 of 10 suppressed.
  @Test func greedyGeneralisationThenSuppressionOfTheRest() {
    let people: [(Int?, String?)] = [
      (20, "W"), (22, "W"), (23, "W"), (30, "M"), (31, "M"), (33, "M"), (40, "W"), (41, "M"),
      (50, "W"), (nil, nil),
    ]
    let records: [[QuasiBase?]] = people.map {
      [$0.0.map(QuasiBase.age), $0.1.map(QuasiBase.text)]
    }
    let generalisers = [Generaliser(spec: Self.spec(.age)), Generaliser(spec: Self.spec(.gender))]
    let outcome = KAnonymity.enforce(
      records, generalisers: generalisers, spec: KAnonymitySpec(k: 3, maxSuppressed: 0.1))
    // The all-missing person tells nothing and is exempt. Rung [0, 0]: 40 W, 41 M and 50 W are
    // alone (3 > 1 allowed). Widening age to 18–34 / 35–54 or suppressing gender each leave 3
    // small; age has more distinct values (5 vs 3), so age widens. Rung [1, 0]: 35–54 M is alone;
    // widening age to 18–54 and suppressing gender both leave none; equal distinct values, so
    // age (declared first) widens: (18–54, W) ×5, (18–54, M) ×4.
    #expect(outcome.levels == [2, 0])
    #expect(outcome.suppressed.isEmpty)
    #expect(outcome.values[0] == ["18–54", "W"] && outcome.values[9] == ["", ""])
    #expect(KAnonymity.classSizes(outcome.values) == [5, 4, 1])
    #expect(KAnonymity.smallClassMembers(outcome.values, k: 3).isEmpty)
  }

  @Test func aFewStragglersAreSuppressedRatherThanWideningEveryone() {
    let records: [[QuasiBase?]] = [20, 21, 22, 60].map { [.age($0)] }
    let outcome = KAnonymity.enforce(
      records, generalisers: [Generaliser(spec: Self.spec(.age))],
      spec: KAnonymitySpec(k: 3, maxSuppressed: 0.25))
    #expect(outcome.levels == [0] && outcome.suppressed == [3])
    #expect(outcome.values.map { $0[0] } == ["18–24", "18–24", "18–24", "*"])
  }

  @Test func missingValuesAreACategoryOfTheirOwn() {
    let values = [["18–24", ""], ["18–24", ""], ["18–24", "W"], ["18–24", "W"]]
    #expect(KAnonymity.smallClassMembers(values, k: 2).isEmpty)
    #expect(KAnonymity.smallClassMembers(values + [["18–24", "M"]], k: 2) == [4])
    #expect(KAnonymity.smallClassMembers(values + [["25–34", ""]], k: 2) == [4])
    // A row with nothing but missing or suppressed values carries no quasi-identifier.
    #expect(KAnonymity.smallClassMembers(values + [["", "*"]], k: 2).isEmpty)
  }

  @Test func theWrittenFileIsCheckedIndependently() throws {
    let folder = StudyFolder()
    let file = try folder.write(
      "p.csv", "pid,age_band,gender\na,18–24,W\nb,18–24,W\nc,25–34,W\nd,*,*\n")
    #expect(try KAnonymity.verify(file: file, columns: ["age_band", "gender"], k: 2) == [1])
    #expect(try KAnonymity.verify(file: file, columns: ["gender"], k: 2) == [])
  }

  /// The least important characteristic whose coarsening helps is coarsened first.
  ///
  /// `quasi_identifiers.priority`, worked by hand: four people, k = 2, none may be suppressed; every one is alone
  /// at first; widening age (18–34) or suppressing gender each make two pairs. Without a
  /// priority age widens (a tie, declared first); with age first in the priority, gender goes.
  @Test(arguments: [
    ([], [1, 0]), ([QuasiIdentifierSpec.Kind.age, .gender], [0, 1]), ([.gender, .age], [1, 0]),
    ([.gender], [1, 0]),
  ])
  func thePriorityDecidesWhichCharacteristicIsCoarsened(
    priority: [QuasiIdentifierSpec.Kind], levels: [Int]
  ) {
    let records: [[QuasiBase?]] = [(20, "W"), (30, "W"), (21, "M"), (31, "M")].map {
      [.age($0.0), .text($0.1)]
    }
    let generalisers = [Generaliser(spec: Self.spec(.age)), Generaliser(spec: Self.spec(.gender))]
    var spec = KAnonymitySpec(k: 2, maxSuppressed: 0)
    spec.priority = priority
    let outcome = KAnonymity.enforce(records, generalisers: generalisers, spec: spec)
    #expect(outcome.levels == levels)
    #expect(KAnonymity.smallClassMembers(outcome.values, k: 2).isEmpty)
  }

  /// With a priority, the few left in small classes lose their least important value first.
  ///
  /// Worked by hand: k = 2, 3 of 6 may be suppressed; the people of 60 and 70 are each alone;
  /// suppressing their ages makes them a pair (*, W).
  @Test func stragglersLoseTheLeastImportantValueFirst() {
    let records: [[QuasiBase?]] = [
      (20, "W"), (21, "W"), (22, "M"), (23, "M"), (60, "W"), (70, "W"),
    ]
    .map { [.age($0.0), .text($0.1)] }
    let generalisers = [Generaliser(spec: Self.spec(.age)), Generaliser(spec: Self.spec(.gender))]
    var spec = KAnonymitySpec(k: 2, maxSuppressed: 0.5)
    let plain = KAnonymity.enforce(records, generalisers: generalisers, spec: spec)
    #expect(plain.values.suffix(2) == [["*", "*"], ["*", "*"]] && plain.suppressed == [4, 5])
    #expect(plain.suppressedValues == [2, 2])
    spec.priority = [.gender, .age]
    let genderFirst = KAnonymity.enforce(records, generalisers: generalisers, spec: spec)
    #expect(genderFirst.levels == [0, 0])
    #expect(genderFirst.values.suffix(2) == [["*", "W"], ["*", "W"]])
    #expect(genderFirst.suppressed.isEmpty && genderFirst.suppressedValues == [2, 0])
    spec.priority = [.age, .gender]
    let ageFirst = KAnonymity.enforce(records, generalisers: generalisers, spec: spec)
    #expect(ageFirst.values.suffix(2) == [["*", "*"], ["*", "*"]])
    #expect(ageFirst.suppressedValues == [2, 2])
  }

  @Test func thePriorityIsReadFromThePipelineAndMustAgree() throws {
    let folder = StudyFolder()
    let pipeline = SmallStudy.pipeline.replacingOccurrences(
      of: "identifying: [Name]\n  followup:",
      with: "identifying: [Name]\n    quasi_identifiers: {priority: [area, age_band]}\n  followup:")
    try SmallStudy.write(into: folder, pipeline: pipeline)
    let spec = try PipelineLoader.load(
      path: folder.url.appendingPathComponent("pipeline.yaml").path)
    #expect(spec.kAnonymity.priority == [.postcode, .age])
    try SmallStudy.write(
      into: folder, pipeline: pipeline + "quasi_identifiers: {priority: [gender]}\n")
    #expect(throws: PipelineErrors.self) {
      try PipelineLoader.load(path: folder.url.appendingPathComponent("pipeline.yaml").path)
    }
  }
}
