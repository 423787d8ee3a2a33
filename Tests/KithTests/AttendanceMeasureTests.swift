import Testing

@testable import Kith

/// Engagement and isolation measures worked out by hand on small registers.
@Suite struct AttendanceMeasureTests {
  let settings = AttendanceSettings()
  /// Group 0 meets weekly, days 0, 7, …, 84 (13 sessions).
  let weekly: [Int32: [Int32]] = [0: Array(stride(from: 0, through: 84, by: 7))]

  func sessions(_ days: [Int32], group: Int32 = 0) -> [SessionKey] {
    days.map { SessionKey(group: group, day: $0) }
  }

  @Test func gapsReturnsAndRetentionAtTheWeekBoundaries() throws {
    // Attends 0 and 7, misses four (14–35), returns 42, 49, misses 56, returns 63, misses
    // 70 and 77, returns 84.
    let measured = try #require(
      Engagement.measure(
        attended: sessions([0, 7, 42, 49, 63, 84]), held: weekly, settings: settings))
    #expect(measured.sessionsAttended == 6 && measured.sessionsOffered == 13)
    #expect(Fixed.format(measured.attendanceRate, decimals: 3) == "0.462")
    #expect(measured.firstDay == 0 && measured.lastDay == 84)
    #expect(measured.longestGapDays == 35)
    #expect(measured.longestGapSessions == 4)
    #expect(measured.returnsAfterGap == 1)
    // Day 84 is exactly week 12: retained at weeks 4, 8 and 12.
    #expect(measured.retained == [true, true, true])
    let later = try #require(
      Engagement.measure(attended: sessions([7, 84]), held: weekly, settings: settings))
    // First at 7: week 12 is day 91, after the last session; 10 sessions missed in between.
    #expect(later.retained == [true, true, false])
    #expect(
      later.sessionsOffered == 12 && later.longestGapSessions == 10 && later.returnsAfterGap == 1)
  }

  @Test func aOneSessionMember() throws {
    let once = try #require(
      Engagement.measure(attended: sessions([35]), held: weekly, settings: settings))
    #expect(once.sessionsOffered == 8 && once.longestGapDays == 0 && once.longestGapSessions == 0)
    #expect(once.retained == [false, false, false] && once.lastDay - once.firstDay == 0)
  }

  @Test func peopleInTwoGroupsAreOfferedBothGroupsSessions() throws {
    // Group 1 meets on days 3, 10, 17. Attends group 0 on 0 and group 1 on 10 and 17.
    var held = weekly
    held[1] = [3, 10, 17]
    let both = try #require(
      Engagement.measure(
        attended: sessions([0]) + sessions([10, 17], group: 1), held: held, settings: settings))
    // Offered: 13 of group 0 + 3 of group 1 from day 0. In day order: 0 ✓, 3 ✗, 7 ✗, 10 ✓,
    // 14 ✗, 17 ✓ → the longest run of missed sessions is 2.
    #expect(both.sessionsOffered == 16 && both.groupsAttended == 2)
    #expect(both.longestGapSessions == 2 && both.returnsAfterGap == 0)
    #expect(both.longestGapDays == 10)
  }

  @Test func aDeclaredStudyEndLimitsSessionsOffered() throws {
    var ended = settings
    ended.studyEnd = 42
    let measured = try #require(
      Engagement.measure(attended: sessions([0, 7]), held: weekly, settings: ended))
    #expect(measured.sessionsOffered == 7)
  }

  /// Five people, four sessions of one group:
  /// s1 = {0, 1, 2}, s2 = {0, 1}, s3 = {0, 1, 3}, s4 = {0, 1, 2, 4}.
  @Test func theCoAttendanceNetworkOfFivePeople() {
    let meetings: [(Int32, [Int32])] = [
      (1, [0, 1, 2]), (2, [0, 1]), (3, [0, 1, 3]), (4, [0, 1, 2, 4]),
    ]
    var ledger = AttendanceLedger(studyEnd: nil)
    for (day, pids) in meetings {
      for pid in pids { ledger.record(pid: pid, group: 0, day: day, attended: true) }
    }
    // Someone who only ever sent apologies meets nobody.
    ledger.record(pid: 5, group: 0, day: 1, attended: false)
    let network = CoAttendance.measure(ledger, settings: settings)
    // 0 met 1 four times (regular), 2 twice, 3 and 4 once; other attendees 2 + 1 + 2 + 3 over
    // 4 sessions; one regular peer after 4 sessions: isolated in the group.
    #expect(
      network[0]
        == CoAttendance(
          peersMet: 4, regularPeers: 1, meanCoattendees: 2, weightedDegree: 8, isolated: true))
    #expect(network[1] == network[0])
    #expect(
      network[2]
        == CoAttendance(
          peersMet: 3, regularPeers: 0, meanCoattendees: 2.5, weightedDegree: 5, isolated: nil))
    #expect(
      network[3]
        == CoAttendance(
          peersMet: 2, regularPeers: 0, meanCoattendees: 2, weightedDegree: 2, isolated: nil))
    #expect(
      network[4]
        == CoAttendance(
          peersMet: 3, regularPeers: 0, meanCoattendees: 3, weightedDegree: 3, isolated: nil))
    var lenient = settings
    lenient.regularPeerSessions = 2
    // With two shared sessions enough, 0 has regular peers 1 and 2: no longer isolated.
    #expect(CoAttendance.measure(ledger, settings: lenient)[0]?.isolated == false)
    #expect(network[5] == nil)
  }

  /// Random attendance of one group, with and without a study end: sessions offered, gaps in
  /// sessions and returns are those of walking every held day in turn.
  @Test func oneGroupsMeasuresAreThoseOfWalkingEveryHeldDay() throws {
    var random = SeededGenerator(seed: 5)
    let days = (0..<60).map { Int32($0 * 7 + random.below(3)) }
    for trial in 0..<200 {
      let attended = days.filter { _ in random.below(4) == 0 }
      guard let first = attended.first, let last = attended.last else { continue }
      var ended = settings
      ended.studyEnd = trial % 2 == 0 ? nil : Int(days[random.below(days.count)])
      let measured = try #require(
        Engagement.measure(
          attended: sessions(attended.shuffled(using: &random)), held: [0: days], settings: ended))
      let offered = days.filter { day in
        day >= first && ended.studyEnd.map { Int(day) <= $0 } ?? true
      }
      var (run, longest, returns) = (0, 0, 0)
      for day in offered where day <= last {
        if attended.contains(day) {
          if run >= ended.returnGapSessions { returns += 1 }
          (longest, run) = (max(longest, run), 0)
        } else {
          run += 1
        }
      }
      #expect(
        [measured.sessionsOffered, measured.longestGapSessions, measured.returnsAfterGap]
          == [offered.count, longest, returns], "trial \(trial)")
    }
  }

  /// A register recorded in shuffled order (slots out of day order), some groups past 128
  /// sessions, some marks absent: once finished, each group's slots are in day order, every
  /// participant keeps the sessions attended and marked absent, and the measures of one group's
  /// bits are those of listing and sorting the sessions — with and without a study end.
  @Test func aFinishedLedgersBitsGiveTheMeasuresOfItsSessions() throws {
    var random = SeededGenerator(seed: 23)
    var rows: [(pid: Int32, group: Int32, day: Int32, attended: Bool)] = []
    for pid in Int32(0)..<60 {
      for group in pid % 7 == 0 ? [Int32(0), 2] : [pid % 3] {
        let sessions = group == 1 ? 150 : 40
        for session in 0..<sessions where random.below(3) == 0 {
          rows.append((pid, group, Int32(session * 7 + Int(group)), random.below(5) > 0))
        }
      }
    }
    rows.shuffle(using: &random)
    var ledger = AttendanceLedger(studyEnd: nil)
    for row in rows {
      ledger.record(pid: row.pid, group: row.group, day: row.day, attended: row.attended)
    }
    let listed = (Int32(0)..<60).map { pid in
      ledger.entriesByPid[Int(pid)].map { index in
        let entry = ledger.entries[index]
        return [true, false].map { Set(ledger.sessions(of: entry, attended: $0)) }
      }
    }
    #expect(ledger.groupDays.contains { $0 != $0.sorted() })
    ledger.finishRecording()
    #expect(ledger.groupDays.allSatisfy { $0 == $0.sorted() })
    let held = Dictionary(
      uniqueKeysWithValues: ledger.groupDays.enumerated().map { (Int32($0), $1) })
    for pid in Int32(0)..<60 {
      let entries = ledger.entriesByPid[Int(pid)]
      #expect(
        entries.map { index in
          [true, false].map { Set(ledger.sessions(of: ledger.entries[index], attended: $0)) }
        } == listed[Int(pid)], "pid \(pid)")
      guard entries.count == 1 else { continue }
      let entry = ledger.entries[entries[0]]
      for studyEnd in [nil, 100, 600] {
        var ended = settings
        ended.studyEnd = studyEnd
        #expect(
          Engagement.measure(
            attended: entry.attended, days: ledger.groupDays[Int(entry.group)], settings: ended)
            == Engagement.measure(
              attended: ledger.attended(pid: pid).shuffled(using: &random), held: held,
              settings: ended), "pid \(pid), study end \(studyEnd ?? -1)")
      }
    }
  }

  /// 300 groups recorded in shuffled order, finished on one thread and on two (the groups
  /// shared out): the same days in each group and the same sessions for every entry.
  @Test func finishingOnTwoThreadsOrdersSlotsAsOneThreadDoes() {
    var random = SeededGenerator(seed: 31)
    var rows: [(pid: Int32, group: Int32, day: Int32)] = []
    for pid in Int32(0)..<900 {
      let group = pid % 300
      for session in 0..<30 where random.below(2) == 0 {
        rows.append((pid, group, Int32(session * 7)))
      }
    }
    rows.shuffle(using: &random)
    var finished: [AttendanceLedger] = []
    for threads in [1, 2] {
      var ledger = AttendanceLedger(studyEnd: nil)
      for row in rows {
        ledger.record(pid: row.pid, group: row.group, day: row.day, attended: true)
      }
      ledger.finishRecording(threads: threads)
      finished.append(ledger)
    }
    #expect(finished[0].groupDays == finished[1].groupDays)
    #expect(finished[0].groupDays.allSatisfy { $0 == $0.sorted() })
    #expect(finished[0].entries.map(\.attended) == finished[1].entries.map(\.attended))
    #expect(
      finished[0].entries.map { finished[0].sessions(of: $0, attended: true).map(\.day) }
        == finished[0].entries.map { entry in
          rows.filter { $0.pid == entry.pid }.map(\.day).sorted()
        })
  }

  /// Forty people in three groups, some in two, one group meeting 200 times (bits past the
  /// two inline words): every measure is what counting shared sessions pair by pair gives.
  @Test func theCoAttendanceNetworkIsWhatCountingPairsGives() {
    var random = SeededGenerator(seed: 11)
    var ledger = AttendanceLedger(studyEnd: nil)
    var attended: [Int32: Set<SessionKey>] = [:]
    for pid in Int32(0)..<40 {
      let groups: [Int32] = pid % 5 == 0 ? [0, 1] : pid % 3 == 0 ? [2] : [pid % 2]
      for group in groups {
        let sessions = group == 2 ? 200 : 30
        for day in Int32(0)..<Int32(sessions) where random.below(3) == 0 {
          ledger.record(pid: pid, group: group, day: day, attended: true)
          attended[pid, default: []].insert(SessionKey(group: group, day: day))
        }
      }
    }
    var lenient = settings
    lenient.regularPeerSessions = 5
    let network = CoAttendance.measure(ledger, settings: lenient)
    for pid in Int32(0)..<40 {
      let mine = attended[pid] ?? []
      let shared = (Int32(0)..<40).filter { $0 != pid }.map {
        mine.intersection(attended[$0] ?? []).count
      }
      let degree = shared.reduce(0, +)
      let regular = shared.filter { $0 >= 5 }.count
      #expect(
        network[Int(pid)]
          == (mine.isEmpty
            ? nil
            : CoAttendance(
              peersMet: shared.filter { $0 > 0 }.count, regularPeers: regular,
              meanCoattendees: Double(degree) / Double(mine.count), weightedDegree: degree,
              isolated: mine.count >= lenient.isolationMinSessions
                ? regular <= lenient.isolationMaxRegularPeers : nil)),
        "pid \(pid)")
    }
  }

  @Test(arguments: [
    (0.6666, 3, "0.667"), (2.0, 2, "2.00"), (0.0005, 3, "0.001"), (-1.25, 1, "-1.3"), (7, 0, "7"),
  ])
  func fixedDecimalsAreTheSameEverywhere(value: Double, decimals: Int, text: String) {
    #expect(Fixed.format(value, decimals: decimals) == text)
  }

  @Test func medians() {
    #expect(GroupsFile.median([3, 1, 2]) == 2)
    #expect(GroupsFile.median([4, 1, 2, 3]) == 2.5)
    #expect(GroupsFile.median([]) == 0)
  }
}

@Suite struct StudyWindowTests {
  @Test func sessionsAfterTheStudyEndAreReportedAndNotOffered() throws {
    let folder = StudyFolder()
    try SmallStudy.write(
      into: folder,
      pipeline: SmallStudy.pipeline.replacingOccurrences(
        of: "waves: [baseline, followup]",
        with: "waves: [baseline, followup]\nattendance: {study_end: 2025-01-14}"))
    let summary = try folder.run()
    #expect(
      summary.inputs[2].notices.contains(
        "1 attendance is after the study end (2025-01-14); they are released but not counted as offered"
      ))
    let jo = try #require(
      try folder.rows("out/release/data/participants.csv").first { $0[0] == "70c6bf3f59e3888f" })
    // Tuesday 21 January is after the end: Jo is offered 3 sessions, not 4.
    #expect(jo[2] == "3" && jo[3] == "1.000")
  }
}

@Suite struct AttendanceLedgerTests {
  @Test func bitsRecordSessionsRepeatsAndAbsences() {
    var ledger = AttendanceLedger(studyEnd: 20)
    for day: Int32 in [1, 8, 8, 15, 22] {
      ledger.record(pid: 0, group: 0, day: day, attended: true)
    }
    ledger.record(pid: 1, group: 0, day: 8, attended: false)
    ledger.record(pid: 1, group: 0, day: 15, attended: false)
    ledger.record(pid: 1, group: 0, day: 15, attended: true)
    #expect(ledger.repeats == 1 && ledger.late == 1)
    #expect(ledger.attendedCount(pid: 0) == 4 && ledger.attendedCount(pid: 1) == 1)
    #expect(ledger.attended(pid: 1) == [SessionKey(group: 0, day: 15)])
    // Marked absent and later present at 15: present wins; absent only at 8.
    let entry = ledger.entries[ledger.entriesByPid[1][0]]
    #expect(ledger.sessions(of: entry, attended: false) == [SessionKey(group: 0, day: 8)])
    #expect(Set(ledger.sessionsHeld.map(\.day)) == [1, 8, 15, 22])
  }

  /// 134 sessions: slots past the two words held inline (128 slots) behave as the first ones.
  @Test func manySessionsSpanSeveralWords() {
    var ledger = AttendanceLedger(studyEnd: nil)
    for day in Int32(0)..<400 where day % 3 == 0 {
      ledger.record(pid: 7, group: 2, day: day, attended: true)
    }
    // Slot 130 (day 390) again: a repeat; pid 8 absent at slots 1 and 133, present at 132.
    ledger.record(pid: 7, group: 2, day: 390, attended: true)
    for (day, attended) in [(Int32(3), false), (399, false), (396, true)] {
      ledger.record(pid: 8, group: 2, day: day, attended: attended)
    }
    #expect(ledger.repeats == 1)
    #expect(ledger.attendedCount(pid: 7) == 134)
    #expect(ledger.attended(pid: 7).map(\.day) == Array(stride(from: Int32(0), to: 400, by: 3)))
    let entry = ledger.entries[ledger.entriesByPid[8][0]]
    #expect(ledger.sessions(of: entry, attended: false).map(\.day) == [3, 399])
    #expect(ledger.attended(pid: 8).map(\.day) == [396])
    #expect(AttendanceLedger.recordCount(entry) == 3)
    #expect(
      ledger.attendeesBySlot(group: 2)[132] == 2 && ledger.attendeesBySlot(group: 2)[133] == 1)
  }

  /// Absorbing another ledger gives what recording its rows after this one's gives, through its
  /// pid and group numbering; finishing keeps everything recorded readable.
  @Test func absorbingAndFinishingKeepWhatWasRecorded() {
    var first = AttendanceLedger(studyEnd: 150)
    first.record(pid: 0, group: 0, day: 100, attended: true)
    first.record(pid: 1, group: 1, day: 120, attended: true)
    var second = AttendanceLedger(studyEnd: 150)
    // Its pid 0 is the first ledger's pid 1, its group 0 the first's group 1, and the reverse.
    second.record(pid: 0, group: 0, day: 120, attended: true)
    second.record(pid: 0, group: 0, day: 200, attended: true)
    second.record(pid: 1, group: 1, day: 100, attended: true)
    second.record(pid: 1, group: 1, day: 100, attended: true)
    first.absorb(second, pids: [1, 0], groups: [1, 0], countingItsRepeats: true)
    // Two sessions both hold, and one row `second` repeated itself; one row after the end.
    #expect(first.repeats == 3 && first.late == 1)
    #expect(first.attended(pid: 0).map(\.day) == [100])
    #expect(first.attended(pid: 1).map(\.day) == [120, 200])
    first.finishRecording()
    #expect(first.isFinished)
    #expect(first.groupDays == [[100], [120, 200]])
    #expect(first.attendeesBySlot(group: 1) == [1, 1])
    #expect(first.sessionsHeld.count == 3)
  }

  /// A participant new to the ledger comes across whole, in the ledger's own slots: sessions
  /// attended (after the end: late), marked absent, and marked absent then attended.
  @Test func absorbingANewParticipantKeepsEveryBit() {
    var first = AttendanceLedger(studyEnd: 150)
    for day: Int32 in [300, 100, 140] { first.record(pid: 0, group: 0, day: day, attended: true) }
    var second = AttendanceLedger(studyEnd: 150)
    for (day, attended) in [
      (Int32(140), true), (160, true), (100, false), (300, false), (300, true),
    ] {
      second.record(pid: 0, group: 0, day: day, attended: attended)
    }
    first.absorb(second, pids: [1], groups: [0], countingItsRepeats: true)
    // Late: day 300 in each ledger, and 160.
    #expect(first.repeats == 0 && first.late == 3)
    #expect(first.groupDays == [[300, 100, 140, 160]])
    #expect(first.attended(pid: 1).map(\.day) == [300, 140, 160])
    let entry = first.entries[first.entriesByPid[1][0]]
    #expect(first.sessions(of: entry, attended: false).map(\.day) == [100])
    #expect(first.attendeesBySlot(group: 0) == [2, 1, 2, 1])
  }
}

@Suite struct LedgerSlotTests {
  /// Sessions near each other and decades apart are all held, each once, with slots in order of
  /// first sight (far days go past the group's day array to its dictionary).
  @Test func sessionsNearAndFarKeepTheirSlots() {
    var ledger = AttendanceLedger(studyEnd: nil)
    let days: [Int32] = [20_000, 20_007, 9_000, 20_014, 30_000, 19_990, 20_007, 9_000]
    let slots = days.map { ledger.hold(group: 2, day: $0) }
    #expect(slots == [0, 1, 2, 3, 4, 5, 1, 2])
    #expect(ledger.groupDays[2] == [20_000, 20_007, 9_000, 20_014, 30_000, 19_990])
    ledger.record(pid: 0, group: 2, day: 9_000, attended: true)
    ledger.record(pid: 0, group: 2, day: 19_990, attended: true)
    ledger.record(pid: 0, group: 2, day: 19_990, attended: true)
    #expect(ledger.attended(pid: 0).map(\.day).sorted() == [9_000, 19_990])
    #expect(ledger.repeats == 1)
  }
}

@Suite struct StudyParticipantsTests {
  /// A study's participants are the ledger's pids and the pids of other inputs, each once.
  @Test func participantsAreTheLedgersPidsAndTheOthersOnce() {
    let data = StudyData(studyEnd: nil)
    #expect(data.participants.isEmpty && data.participantCount == 0)
    data.ledger.record(pid: data.pids.id("0a"), group: data.groups.id("G"), day: 1, attended: true)
    data.ledger.record(pid: data.pids.id("0b"), group: data.groups.id("G"), day: 1, attended: true)
    data.otherParticipants = [PidKey("0b"), PidKey("0c")]
    #expect(data.participants.sorted() == ["0a", "0b", "0c"])
    #expect(data.participantCount == 3)
  }

  /// A survey's participants are its responses' pids: one answering two waves, or also named
  /// by a coded interview or a register, is one participant; a pid of another shape (from a
  /// linkage file) is one too, in the place its fingerprint gives it.
  @Test func aSurveysParticipantsAreItsResponsesPidsOnce() throws {
    let data = StudyData(studyEnd: nil)
    let layout = ItemLayout([("a", 1)])
    let answers = [
      ("00000000000000aa", 0), ("00000000000000aa", 1), ("00000000000000bb", 0),
      ("P-7", 0), ("P-7", 1), ("00000000000000cc", 1),
    ]
    for (line, (pid, wave)) in answers.enumerated() {
      // Respondents worked out midway are worked out again once more responses come.
      if line == 3 {
        #expect(data.respondents().map(\.pid).sorted() == ["00000000000000aa", "00000000000000bb"])
      }
      try data.add(
        SurveyResponse(
          pid: pid, wave: wave, waveName: "w\(wave)", input: "survey", line: line + 2,
          layout: layout, codes: [1]),
        policy: .error)
    }
    data.ledger.record(pid: data.pids.id("00000000000000cc"), group: 0, day: 1, attended: true)
    data.otherParticipants = [PidKey("00000000000000bb"), PidKey("00000000000000dd")]
    data.finishReading(threads: 2)
    #expect(data.participantCount == 5)
    #expect(
      data.participants
        == ["00000000000000cc"]
        + [
          PidKey("00000000000000aa"), PidKey("00000000000000bb"), PidKey("00000000000000dd"),
          PidKey("P-7"),
        ].sorted { $0.number < $1.number }.map(\.pid))
  }

  /// Finishing reading on several threads (a survey of over 131,072 pids is looked up in two
  /// halves) keeps every other participant not in a register, each once, and drops the rest.
  @Test func participantsFoundOnTwoThreadsAreThoseFoundOnOne() {
    let pids = (0..<140_000).map { Pseudonymiser.hex(UInt64($0) &* 0x9E37_79B9_7F4A_7C15) }
    var found: [[String]] = []
    for threads in [1, 2] {
      let data = StudyData(studyEnd: nil)
      // Every third pid attended; every pid answered the survey.
      for pid in pids.enumerated().filter({ $0.offset % 3 == 0 }).map(\.element) {
        data.ledger.record(
          pid: data.pids.id(pid), group: data.groups.id("G"), day: 1, attended: true)
      }
      data.otherParticipants = Set(pids.map(PidKey.init))
      data.finishReading(threads: threads)
      #expect(data.participantCount == 140_000)
      found.append(data.participants.sorted())
    }
    #expect(found[0] == pids.sorted() && found[1] == found[0])
  }
}

@Suite struct FixedFormatTests {
  /// Rounded half away from zero, every decimal written, no sign on a value that rounds to zero.
  @Test(arguments: [
    (0.0, 3, "0.000"), (0.0005, 3, "0.001"), (0.6667, 3, "0.667"), (2.5, 0, "3"), (-2.5, 0, "-3"),
    (-0.0004, 3, "0.000"), (-1.25, 1, "-1.3"), (12.05, 2, "12.05"), (1234567.0, 2, "1234567.00"),
    (0.05, 2, "0.05"), (7.0, 0, "7"),
  ])
  func formats(value: Double, decimals: Int, text: String) {
    #expect(Fixed.format(value, decimals: decimals) == text)
  }
}
