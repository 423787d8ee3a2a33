/// A synthetic peer-support study modelled on the seed study: groups meeting weekly, members who
/// drop in and out, and a latent wellbeing that improves a little with each session attended.
///
/// Everything is invented from a seed: the names are common first names and surnames paired at
/// random, every email is at a reserved example domain (RFC 2606), every IP address is in a
/// documentation range (RFC 5737).
struct SyntheticStudy: Sendable {
  /// One invented member.
  struct Member: Sendable {
    var index: Int
    var firstName: String
    var lastName: String
    var email: String
    /// Groups attended, by index into ``groups``.
    var groups: [Int]
    /// Week of first attendance.
    var joinWeek: Int
    /// Week after the last one the member could attend.
    var leaveWeek: Int
    /// Probability of attending a session while a member.
    var attendance: Double
    /// Latent baseline wellbeing (roughly the mean item answer, 1–5).
    var wellbeing: Double
    /// Latent loneliness (roughly the mean UCLA item answer, 1–3).
    var loneliness: Double
    /// Date of birth as a day number.
    var birthDay: Int
    /// Gender as the member would type it.
    var gender: String
    /// A postcode in one of the towns the groups serve.
    var postcode: String
  }

  /// One group: its name, weekday offset from the study start, and how many weeks it meets.
  struct Group: Sendable {
    var name: String
    var firstSession: Int
  }

  /// The study's first day (a Monday) as a day number.
  static let startDay = CivilDate.dayNumber(year: 2025, month: 1, day: 6) ?? 0
  /// How many weeks the groups meet.
  let weeks: Int
  let groups: [Group]
  let members: [Member]
  let seed: UInt64

  static let firstNames = [
    "Alex", "Sam", "Jo", "Chris", "Priya", "Aisha", "Tom", "Li", "Maria", "Kwame", "Zoe", "Rhys",
    "Niamh", "Callum", "Fatima", "Ewan", "Grace", "Oliver", "Hannah", "Yusuf", "Megan", "Dylan",
    "Chloe", "Arjun", "Erin", "Tariq", "Sian", "Nadia", "Owen", "Leah",
  ]
  static let lastNames = [
    "Smith", "Jones", "Khan", "O'Neil", "Nguyen", "Evans", "Brown", "Patel", "Okafor", "Williams",
    "Taylor", "Davies", "Hughes", "Ahmed", "Murphy", "Campbell", "Clarke", "Walsh", "Ali", "Price",
  ]
  static let genders = [
    "Female", "female", "Woman", "F", "Female", "Male", "male", "Man", "Non-binary",
    "Prefer not to say",
  ]
  static let districts = [
    ["LS6", "LS4", "LS7"], ["LS8", "LS9", "LS11"], ["BD1", "BD3"], ["HX1", "HX3"],
  ]

  /// A postcode near group `home`: a district it serves and a made-up inward code.
  static func postcode(_ home: Int, random: inout SeededGenerator) -> String {
    let letters = Array("ABDEFGHJLNPQRSTUWXYZ")
    let district = random.pick(districts[home % districts.count])
    return "\(district) \(1 + random.below(9))\(random.pick(letters))\(random.pick(letters))"
  }

  static let groupNames = ["Riverside group", "Hillside group", "Harbour group", "Meadow group"]

  /// Invents a study of `memberCount` members in `groupCount` groups meeting for `weeks` weeks.
  ///
  /// - Parameters:
  ///   - seed: The random seed.
  ///   - memberCount: How many members to invent.
  ///   - groupCount: How many groups.
  ///   - weeks: How many weeks the groups meet.
  ///   - names: The groups' names; `Riverside group`, `Hillside group`, … when `nil`.
  ///   - secondGroup: How likely a member is to attend a second group, and how many groups on
  ///     from their own it is.
  init(
    seed: UInt64, memberCount: Int, groupCount: Int = 2, weeks: Int = 26,
    names: [String]? = nil, secondGroup: (chance: Double, step: Int) = (0.08, 1)
  ) {
    var random = SeededGenerator(seed: seed)
    self.seed = seed
    self.weeks = weeks
    let names = names ?? Self.groupNames
    groups = (0..<groupCount).map { index in
      Group(
        name: index < names.count ? names[index] : "Group \(index + 1)",
        firstSession: 1 + 2 * (index % 3))
    }
    members = (0..<memberCount).map { index in
      let first = random.pick(Self.firstNames)
      let last = random.pick(Self.lastNames)
      let local = "\(first).\(last)".lowercased().filter { $0.isLetter || $0 == "." }
      let home = random.below(groupCount)
      var groups = [home]
      if groupCount > 1 && random.chance(secondGroup.chance) {
        groups.append((home + secondGroup.step) % groupCount)
      }
      let join = random.below(max(1, weeks * 2 / 3))
      let style = random.unit()
      let (stay, attendance): (Int, Double) =
        switch style {
        case ..<0.12: (1, 1.0)  // came once
        case ..<0.35: (3 + random.below(6), 0.6)  // tried it, drifted away
        case ..<0.65: (weeks, 0.45)  // drops in now and then
        default: (weeks, 0.85)  // regular
        }
      return Member(
        index: index, firstName: first, lastName: last,
        email: "\(local)\(index + 1)@\(random.pick(["example.org", "example.com", "example.net"]))",
        groups: groups, joinWeek: join, leaveWeek: min(weeks, join + stay), attendance: attendance,
        wellbeing: min(4.3, max(1.6, random.normal(mean: 2.9, sd: 0.55))),
        loneliness: min(3, max(1, random.normal(mean: 2.3, sd: 0.45))),
        birthDay: Self.startDay - 365 * (18 + Int(abs(random.normal(mean: 0, sd: 14))))
          - random.below(365),
        gender: random.pick(Self.genders), postcode: Self.postcode(home, random: &random))
    }
  }

  /// The day number of `week`'s session of `group`.
  func sessionDay(group: Int, week: Int) -> Int {
    Self.startDay + week * 7 + groups[group].firstSession
  }
}
