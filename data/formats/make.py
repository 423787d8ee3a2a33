#!/usr/bin/env python3
"""Writes the synthetic study of data/formats/: one small peer-support evaluation whose data
arrive in every format Kith reads, as evaluators hold them.

    python3 data/formats/make.py

Everyone here is invented. The files vary what real exports vary: a Qualtrics export answered in
label text (with the wording variants exports write), a LimeSurvey export with an unsubmitted
response and a wording of its own, a longitudinal REDCap export keyed by record_id that also
holds the email, a semicolon-separated Windows-1252 register with a taster session before the
study and a Total row, a wide register with a total column and row, a Microsoft Teams report
(UTF-16) and a Zoom report, and coded interviews as a spreadsheet. pipelines/formats.yaml reads
them all; the output is deterministic.
"""
import csv
import io
import os

HERE = os.path.dirname(os.path.abspath(__file__))

PEOPLE = [
    ("Amira Haddad", "amira.haddad@example.org"),
    ("Ben Okoro", "ben.okoro@example.org"),
    ("Carys Pugh", "carys.pugh@example.org"),
    ("Dev Mistry", "dev.mistry@example.org"),
    ("Elin Morgan", "elin.morgan@example.org"),
    ("Femi Adeyemi", "femi.adeyemi@example.org"),
    ("Gwen Price", "gwen.price@example.org"),
    ("Hana Kowalski", "hana.kowalski@example.org"),
    ("Ifan Rees", "ifan.rees@example.org"),
    ("Jade Li", "jade.li@example.org"),
]

# Members enrolled by a partner organisation in its REDCap project (record ids 101-108).
ENROLLED = [
    ("Kai Evans", "kai.evans@example.org"),
    ("Lowri Jones", "lowri.jones@example.org"),
    ("Mo Farah Ali", "mo.ali@example.org"),
    ("Nia Thomas", "nia.thomas@example.org"),
    ("Owen Hughes", "owen.hughes@example.org"),
    ("Priya Nair", "priya.nair@example.org"),
    ("Rhys Bowen", "rhys.bowen@example.org"),
    ("Sian Lloyd", "sian.lloyd@example.org"),
]

UCLA = ["Hardly ever", "Some of the time", "Often"]
# LSNS-6 answers as exports write them: the form's wording and its published variants.
LSNS = ["none", "one", "two", "three or four", "Five thru eight", "nine or more"]
LSNS_VARIANTS = {4: ["Five thru eight", "five through eight", "5–8", "Five to eight"]}


def write(name, text, encoding="utf-8", bom=b""):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(bom + text.encode(encoding))


def rows_csv(rows, delimiter=","):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerows(rows)
    return out.getvalue()


def lsns(person, shift):
    answers = []
    for item in range(6):
        code = (person + item + shift) % 6
        label = LSNS[code]
        if code in LSNS_VARIANTS:
            label = LSNS_VARIANTS[code][(person + item) % len(LSNS_VARIANTS[code])]
        answers.append(label)
    return answers


def qualtrics():
    names = ["StartDate", "EndDate", "Status", "Progress", "Finished", "RecordedDate",
             "ResponseId", "RecipientEmail"] + [f"UCLA_{n}" for n in (1, 2, 3)] \
        + [f"LSNS_{n}" for n in range(1, 7)]
    texts = ["Start Date", "End Date", "Response Type", "Progress", "Finished", "Recorded Date",
             "Response ID", "Recipient Email"] \
        + [f"How often do you feel {t}?" for t in ("you lack companionship", "left out",
                                                  "isolated from others")] \
        + [f"LSNS item {n}" for n in range(1, 7)]
    imports = ['{"ImportId":"%s"}' % n for n in
               ["startDate", "endDate", "status", "progress", "finished", "recordedDate",
                "_recordId", "recipientEmail"]] \
        + ['{"ImportId":"QID1_%d"}' % n for n in (1, 2, 3)] \
        + ['{"ImportId":"QID2_%d"}' % n for n in range(1, 7)]
    rows = [names, texts, imports]
    for index, (_, email) in enumerate(PEOPLE):
        day = 3 + index % 5
        stamp = f"2025-03-{day:02d} 10:{index:02d}:00"
        ucla = [UCLA[(index + k) % 3] for k in range(3)]
        # Spacing and case as people's exports write them.
        if index == 2:
            ucla[0] = "some of the time "
        finished = "0" if index == 9 else "1"
        rows.append([stamp, stamp, "IP Address", "100" if finished == "1" else "40", finished,
                     stamp, f"R_{index + 1:03d}", email] + ucla + lsns(index, 0))
    write("qualtrics_baseline.csv", rows_csv(rows))


def limesurvey():
    rows = [["Response ID", "Date submitted", "Last page", "Start language", "Email"]
            + [f"UCLA_{n}" for n in (1, 2, 3)] + [f"LSNS_{n}" for n in range(1, 7)]]
    for index, (_, email) in enumerate(PEOPLE):
        submitted = "" if index == 4 else f"2025-06-{10 + index:02d} 19:30:00"
        ucla = [UCLA[(index + k + 1) % 3] for k in range(3)]
        if index % 3 == 0:
            ucla[1] = "Now and then"  # this survey's own wording, declared under `answers:`
        rows.append([str(index + 1), submitted, "3" if submitted else "1", "en", email]
                    + ucla + lsns(index, 1))
    write("limesurvey_followup.csv", rows_csv(rows))


def redcap():
    rows = [["record_id", "redcap_event_name", "email"] + [f"phq9_{n}" for n in range(1, 10)]
            + ["phq9_complete"]]
    for index, (_, email) in enumerate(ENROLLED):
        record = str(101 + index)
        for event, shift in (("baseline_arm_1", 1), ("week_12_arm_1", 0)):
            items = [str((index + n + shift) % 3) for n in range(9)]
            # Record 104 left its week-12 form Incomplete: its answers are set aside.
            status = "0" if (index == 3 and event == "week_12_arm_1") else "2"
            rows.append([record, event, email if event == "baseline_arm_1" else ""] + items
                        + [status])
    write("redcap.csv", rows_csv(rows))


SESSIONS = ["04/03/2025", "11/03/2025", "18/03/2025", "25/03/2025", "01/04/2025"]


def long_register():
    rows = [["Groupe", "Date", "Nom", "Courriel", "Présent"]]
    # A taster session before the study period: rejected, not attendance.
    rows.append(["Café group", "21/01/2025", PEOPLE[0][0], PEOPLE[0][1], "Y"])
    for day in SESSIONS:
        for index, (name, email) in enumerate(PEOPLE[:6]):
            came = "Y" if (index + SESSIONS.index(day)) % 4 != 0 else "N"
            rows.append(["Café group", day, name, email, came])
    rows.append(["Total", "", "", "", "22"])
    write("register_cafe.csv", rows_csv(rows, delimiter=";"), encoding="cp1252")


def wide_register():
    days = ["06/03/2025", "13/03/2025", "20/03/2025"]
    rows = [["Name", "Email"] + days + ["Total"]]
    for index, (name, email) in enumerate(PEOPLE[4:] + ENROLLED[:4]):
        marks = ["Y" if (index + k) % 3 else "A" for k in range(3)]
        rows.append([name, email] + marks + [str(marks.count("Y"))])
    rows.append(["Total", "", "7", "7", "6", "20"])
    write("register_riverside.csv", rows_csv(rows))


def teams():
    lines = ["1. Summary", "Meeting title\tOnline group", "Start time\t05/03/25, 18:00:03",
             "Meeting duration\t1h 0m", "", "2. Participants",
             "Name\tFirst join\tLast leave\tIn-meeting duration\tEmail\tRole"]
    for index, (name, email) in enumerate(PEOPLE[::2]):
        minutes = 55 if index % 2 == 0 else 6
        lines.append(f"{name}\t05/03/25, 18:01:00\t05/03/25, 19:00:00\t{minutes}m 10s\t{email}"
                     "\tAttendee")
    lines += ["", "3. In-Meeting activities",
              "Name\tJoin time\tLeave time\tDuration\tEmail\tRole", ""]
    write("teams_2025-03-05.csv", "\n".join(lines), encoding="utf-16-le", bom=b"\xff\xfe")


def zoom():
    rows = [["Meeting ID", "Topic", "Start Time", "End Time", "User Email", "Duration (Minutes)",
             "Participants", ""],
            ["812 3456 7890", "Online group", "03/12/2025 06:58:10 PM", "03/12/2025 08:01:00 PM",
             "host@example.org", "63", "10", ""], [],
            ["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)",
             "Guest"]]
    for index, (name, email) in enumerate(PEOPLE[1::2] + ENROLLED[4:]):
        rows.append([name, email, "03/12/2025 07:00:00 PM", "03/12/2025 07:50:00 PM",
                     str(50 - index * 5), "No"])
    write("zoom_2025-03-12.csv", rows_csv(rows))


def coding():
    codes = [("safe space", "It felt safe to talk here."),
             ("reciprocal support", "I helped someone else this week."),
             ("less isolated", "I see people now."),
             ("managing self-harm", "I have ways to cope now.")]
    rows = [["participant", "code", "segment"]]
    for index, (_, email) in enumerate(PEOPLE[:6]):
        for k in range(2):
            code, text = codes[(index + k) % len(codes)]
            rows.append([email, code, text])
    write("interviews_coded.csv", rows_csv(rows))


if __name__ == "__main__":
    qualtrics()
    limesurvey()
    redcap()
    long_register()
    wide_register()
    teams()
    zoom()
    coding()
