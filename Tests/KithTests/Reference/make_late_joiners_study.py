"""Writes late-joiners/: a synthetic study for the study tables' reference tests, with what the
bundled example lacks — people joining until the last weeks (who cannot yet be retained at week
12), five groups whose names sort naturally (Group 5 before Group 10), people attending two
groups, survey respondents who never attend, and a gender question with eight answers (T1 shows
the five most common and "other").

Run from this folder (no packages needed; the output is the same for the same seed):
    python3 make_late_joiners_study.py
then make_tables_reference.py recomputes the reference values from a run of it.
"""
import csv
import os
import random
from datetime import date, timedelta

SEED = 20261203
MEMBERS = 150
START = date(2025, 1, 6)
WEEKS = 26
GROUPS = ["Group 1", "Group 2", "Group 5", "Group 10", "Group 12"]
GENDERS = [
    ("Woman", 40), ("Man", 28), ("Non-binary", 9), ("Trans woman", 6), ("Trans man", 5),
    ("Agender", 4), ("Genderfluid", 4), ("Prefer not to say", 4),
]
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "late-joiners")

rng = random.Random(SEED)
os.makedirs(HERE, exist_ok=True)


def weighted(choices):
    total = sum(weight for _, weight in choices)
    pick = rng.uniform(0, total)
    for value, weight in choices:
        pick -= weight
        if pick <= 0:
            return value
    return choices[-1][0]


def clamp(value, low, high):
    return max(low, min(high, value))


register, baseline, followup = [], [], []
for number in range(MEMBERS):
    email = f"member{number:03d}@example.org"
    gender = weighted(GENDERS)
    home = GROUPS[number % len(GROUPS)]
    groups = [home] + ([GROUPS[(number + 2) % len(GROUPS)]] if number % 6 == 0 else [])
    never_attends = number % 15 == 7
    join = rng.randrange(0, WEEKS - 1)  # late joiners up to the last weeks
    stay = rng.randrange(1, WEEKS - join + 1)
    keen = rng.uniform(0.3, 0.95)
    attended_days = []
    for group in groups:
        offset = GROUPS.index(group)  # each group meets on its own weekday
        for week in range(join, WEEKS):
            day = START + timedelta(days=7 * week + offset)
            present = not never_attends and week < join + stay and (
                week == join or rng.random() < keen)
            register.append((group, day.isoformat(), email, "Yes" if present else "No"))
            if present:
                attended_days.append(day)
    first_day = min(attended_days) if attended_days else START + timedelta(days=7 * join)
    sessions = len(attended_days)
    wellbeing = rng.gauss(0, 1)
    items = {
        "wemwbs": [clamp(round(3 + 0.8 * wellbeing + rng.gauss(0, 0.8)), 1, 5) for _ in range(14)],
        "ucla3": [clamp(round(2 - 0.4 * wellbeing + rng.gauss(0, 0.6)), 1, 3) for _ in range(3)],
        "phq9": [clamp(round(1.3 - 0.7 * wellbeing + rng.gauss(0, 0.7)), 0, 3) for _ in range(9)],
    }
    baseline.append((email, first_day.isoformat(), gender, items))
    follow_day = first_day + timedelta(days=84 + rng.randrange(0, 14))
    if rng.random() < 0.7 and follow_day <= START + timedelta(days=7 * WEEKS + 30):
        # Those who attended more tend to improve more: a dose to find.
        lift = 0.04 * sessions + rng.gauss(0, 0.5)
        after = {
            "wemwbs": [clamp(v + round(lift + rng.gauss(0, 0.5)), 1, 5) for v in items["wemwbs"]],
            "ucla3": [clamp(v - round(0.5 * lift + rng.gauss(0, 0.4)), 1, 3) for v in items["ucla3"]],
            "phq9": [clamp(v - round(0.6 * lift + rng.gauss(0, 0.5)), 0, 3) for v in items["phq9"]],
        }
        followup.append((email, follow_day.isoformat(), gender, after))

with open(os.path.join(HERE, "register.csv"), "w", newline="") as handle:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(["Group", "Date", "Email", "Attended"])
    writer.writerows(register)

columns = (
    [f"WEMWBS_{n}" for n in range(1, 15)] + [f"UCLA_{n}" for n in range(1, 4)]
    + [f"PHQ9_{n}" for n in range(1, 10)]
)
for name, rows in [("baseline.csv", baseline), ("followup.csv", followup)]:
    with open(os.path.join(HERE, name), "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["Email", "Date", "Gender"] + columns)
        for email, day, gender, items in rows:
            writer.writerow([email, day, gender] + items["wemwbs"] + items["ucla3"] + items["phq9"])

with open(os.path.join(HERE, "study.key"), "w") as handle:
    handle.write("".join(f"{rng.randrange(256):02x}" for _ in range(32)) + "\n")
print(f"{len(register)} register rows, {len(baseline)} baseline, {len(followup)} follow-up")
