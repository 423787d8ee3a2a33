"""Writes example_tables_reference.json (or, with `late-joiners`, late_joiners_tables_reference.json):
T1, T2, T3 (effect-size CIs), T4, T5, T6 (late joiners), T7, T8, T9, T10, T11, T12, J1 and J2 of the
bundled example, recomputed with pandas, scipy and statsmodels from the released data files of a
run under an open disclosure rule (every count exact, every statistic to nine decimals), and from
the raw surveys' RecordedDate for the dose window of T4.

Run from the repository's root after building Kith:
    .build/debug/kith run <open pipeline> --out /tmp/kith-open --force
    python3 Tests/KithTests/Reference/make_tables_reference.py /tmp/kith-open/release
and for the late-joiners study (make_late_joiners_study.py), the same with its pipeline and
    python3 Tests/KithTests/Reference/make_tables_reference.py RELEASE late-joiners
where <open pipeline> is pipelines/example.yaml with
    disclosure: {preset: min5, suppress_below: 1, round_to: 1, min_n_for_statistics: 3}
(`OpenRuleTables.pipeline` in ExampleTablesReferenceTests.swift writes exactly that). Run again
whenever the example data or its pipeline change. Keys are "table|row|column"; percentages are
unrounded (the test allows the whole-number rounding the tables publish). `withheld` lists the
cells that even the open rule must withhold, because a difference of published sums would give
back the scores of fewer than its minimum of people.
"""
import csv
import hashlib
import hmac
import io
import json
import os
import re
import sys
from datetime import date

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from scipy import stats

release = sys.argv[1] if len(sys.argv) > 1 else "/tmp/kith-open/release"
study = sys.argv[2] if len(sys.argv) > 2 else "example"
FIRST, LAST = "baseline", "followup"
Z = 1.959963984540054
LATE = "Tests/KithTests/Reference/late-joiners"
# Per study: its key, its surveys (wave, file, header rows to skip after the first, email and
# date columns), and where the reference goes.
STUDIES = {
    "example": (
        "data/example/demo.key",
        [
            (FIRST, "data/example/survey_baseline.csv", 2, "Email", "RecordedDate"),
            (LAST, "data/example/survey_followup.csv", 2, "Email", "RecordedDate"),
        ],
        "Tests/KithTests/Reference/example_tables_reference.json",
    ),
    "late-joiners": (
        f"{LATE}/study.key",
        [
            (FIRST, f"{LATE}/baseline.csv", 0, "Email", "Date"),
            (LAST, f"{LATE}/followup.csv", 0, "Email", "Date"),
        ],
        "Tests/KithTests/Reference/late_joiners_tables_reference.json",
    ),
}
key_path, surveys, output = STUDIES[study]
key = bytes.fromhex(open(key_path).read().strip())


def pid(email):
    """Kith's pid of an email: HMAC-SHA256(key, "email:" + the trimmed, lower-cased address)."""
    message = ("email:" + email.strip().lower()).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:16]


def day(text):
    return date.fromisoformat(text[:10]).toordinal()


reference = {}
withheld = []
OPEN_MINIMUM = 3  # min_n_for_statistics of the open rule


def put(table, row, column, value):
    reference[f"{table}|{row}|{column}"] = float(value)


participants = pd.read_csv(f"{release}/data/participants.csv", dtype={"pid": str})
scores = pd.read_csv(f"{release}/data/scores.csv", dtype={"pid": str})
attendance = pd.read_csv(f"{release}/data/attendance.csv", dtype={"pid": str})
attended = attendance[attendance["attended"] == 1]
scores = scores[scores["score"].notna()]

# Response days from the raw exports (the release holds no survey dates).
response_day = {}
for wave, path, skip, email_column, date_column in surveys:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))[skip:]  # Qualtrics' label and import-id rows
    for row in rows:
        if row[email_column].strip() and row[date_column][:4].isdigit():
            response_day[(pid(row[email_column]), wave)] = day(row[date_column])

# ---- T2: the whole-study row (everyone who attended), retention among those who could stay.
engaged = participants[participants["sessions_attended"] > 0]
last_day = max(day(d) for d in attended["session_date"])  # no study_end or register period.to
put("t2", "All who attended", "participants", len(engaged))
for column, source in [("sessions", "sessions_attended"), ("tenure", "tenure_days")]:
    values = engaged[source].to_numpy(dtype=float)
    suffix = "_days" if column == "tenure" else ""
    put("t2", "All who attended", f"{column}_median{suffix}", np.quantile(values, 0.5))
    put("t2", "All who attended", f"{column}_q1{suffix}", np.quantile(values, 0.25))
    put("t2", "All who attended", f"{column}_q3{suffix}", np.quantile(values, 0.75))
for week in (4, 8, 12):
    first = engaged["first_attended"].map(day)
    could = engaged[last_day - first >= 7 * week]
    retained = could[could["last_attended"].map(day) - could["first_attended"].map(day) >= 7 * week]
    put("t2", "All who attended", f"could_w{week}", len(could))
    put("t2", "All who attended", f"retained_w{week}", len(retained))
    put("t2", "All who attended", f"retained_w{week}_percent", 100 * len(retained) / len(could))

# ---- T10: everyone who attended, by the sessions they attended, by main group (below).
BANDS = [("1", 1), ("2–3", 2), ("4–7", 4), ("8–11", 8), ("12 or more", 12)]
DOSE_BANDS = [("0", 0)] + BANDS[1:]
DOSE_BANDS[1] = ("1–3", 1)
T11_STATISTICS = ["mean_change", "change_ci_low", "change_ci_high"]


def band_of(sessions, bands=BANDS):
    return [label for label, low in bands if sessions >= low][-1]


def band_of_dose(sessions):
    return band_of(sessions, DOSE_BANDS)


# ---- T3, T4, T7, T11: per scale, the pairs scored at both waves.
wide = scores.pivot_table(index=["instrument", "scale", "pid"], columns="wave", values="score")
wide = wide.dropna(subset=[FIRST, LAST]).reset_index()
ordinal = {("ons_loneliness", "total")}
rci = {("wemwbs", "total"): (7.309391081, 10.045797163), ("phq9", "total"): (6.0, None)}
clinical = {("wemwbs", "total"): ("<=", 40), ("phq9", "total"): (">=", 10)}
better_higher = {"wemwbs", "swemwbs", "ons4", "lsns6"}
for (instrument, scale), pairs in wide.groupby(["instrument", "scale"]):
    if (instrument, scale) in ordinal:
        continue
    row = f"{instrument}.{scale}"
    x, y = pairs[FIRST].to_numpy(), pairs[LAST].to_numpy()
    n, change = len(x), y - x
    dz = change.mean() / change.std(ddof=1)
    se = np.sqrt(1 / n + dz**2 / (2 * n))
    put("t3", row, "d_z", dz)
    put("t3", row, "d_z_ci_low", dz - Z * se)
    put("t3", row, "d_z_ci_high", dz + Z * se)
    j = 1 - 3 / (4 * (n - 1) - 1)
    dav = change.mean() / ((x.std(ddof=1) + y.std(ddof=1)) / 2)
    r = np.corrcoef(x, y)[0, 1]
    se = np.sqrt((1 / n + dav**2 / (2 * n)) * 2 * (1 - r))
    put("t3", row, "g_av", j * dav)
    put("t3", row, "g_av_ci_low", j * (dav - Z * se))
    put("t3", row, "g_av_ci_high", j * (dav + Z * se))

    # T4: sessions attended from the baseline survey's day to the follow-up survey's, inclusive.
    sessions = []
    for person in pairs["pid"]:
        days = attended.loc[attended["pid"] == person, "session_date"].map(day)
        start = response_day.get((person, FIRST), -(10**9))
        end = response_day.get((person, LAST), 10**9)
        sessions.append(int(((days >= start) & (days <= end)).sum()))
    frame = pd.DataFrame({"change": change, "sessions": sessions, "baseline": x})
    rho, p = stats.spearmanr(frame["sessions"], frame["change"])
    put("t4", row, "n_pairs", n)
    put("t4", row, "spearman_rho", rho)
    put("t4", row, "spearman_p", p)
    for prefix, formula in [("", "change ~ sessions"), ("adjusted_", "change ~ sessions + baseline")]:
        fit = smf.ols(formula, data=frame).fit()
        low, high = fit.conf_int(alpha=0.05).loc["sessions"]
        put("t4", row, f"{prefix}slope_per_session", fit.params["sessions"])
        put("t4", row, f"{prefix}slope_ci_low", low)
        put("t4", row, f"{prefix}slope_ci_high", high)

    # T11: the pairs in bands of those sessions, each band's mean change and its t interval.
    # Bands under the open rule's minimum are withheld, and so is the smallest shown band
    # while the withheld ones are one band or pool fewer than the minimum (T3's mean change
    # minus the shown bands' sums would give theirs back).
    frame["band"] = frame["sessions"].map(band_of_dose)
    sizes = {label: int((frame["band"] == label).sum()) for label, _ in DOSE_BANDS}
    hidden = [b for b, size in sizes.items() if 0 < size < OPEN_MINIMUM]
    while hidden and (len(hidden) == 1 or sum(sizes[b] for b in hidden) < OPEN_MINIMUM):
        shown_bands = [b for b, size in sizes.items() if size >= OPEN_MINIMUM and b not in hidden]
        if not shown_bands:
            break
        hidden.append(min(shown_bands, key=lambda b: (sizes[b], f"t11|{b}|{row}")))
    for label, _ in DOSE_BANDS:
        put("t11", f"{instrument}|{scale}|{label}", "n_pairs", sizes[label])
        values = frame.loc[frame["band"] == label, "change"].to_numpy()
        cells = [f"t11|{instrument}|{scale}|{label}|{c}" for c in T11_STATISTICS]
        if label in hidden:
            withheld += cells
        elif sizes[label] > 0:
            half = stats.t.ppf(0.975, len(values) - 1) * values.std(ddof=1) / np.sqrt(len(values))
            for cell, value in zip(T11_STATISTICS, [values.mean(), values.mean() - half, values.mean() + half]):
                put("t11", f"{instrument}|{scale}|{label}", cell, value)

    # T7: cases and, where the cut-off is clinical, recovery and reliable improvement.
    if (instrument, scale) in clinical:
        side, cut = clinical[(instrument, scale)]
        case = (lambda s: s <= cut) if side == "<=" else (lambda s: s >= cut)
        gain = change if instrument in better_higher else -change
        cases = case(x)
        recovered = cases & ~case(y)
        put("t7", row, "n_pairs", n)
        put("t7", row, "cases_baseline", cases.sum())
        put("t7", row, "cases_followup", case(y).sum())
        put("t7", row, "recovered", recovered.sum())
        put("t7", row, "recovered_percent", 100 * recovered.sum() / cases.sum())
        main, other = rci[(instrument, scale)]
        put("t7", row, "reliably_recovered", (recovered & (gain >= main - 1e-9)).sum())
        put("t7", row, "reliably_improved", (gain >= main - 1e-9).sum())
        if other is not None:
            put("t7", row, "reliably_improved_sensitivity", (gain >= other - 1e-9).sum())

# ---- T5: followed up or not; attenders who never answered the first wave.
baseline = set(scores.loc[scores["wave"] == FIRST, "pid"])
followup = set(scores.loc[scores["wave"] == LAST, "pid"])
responded = {
    wave: {p for (p, w) in response_day if w == wave} | set(scores.loc[scores["wave"] == wave, "pid"])
    for wave in (FIRST, LAST)
}
followed = sorted(responded[FIRST] & responded[LAST])
lost = sorted(responded[FIRST] - responded[LAST])
sessions_of = participants.set_index("pid")["sessions_attended"]
attenders = set(engaged["pid"])
unanswered = attenders - responded[FIRST]
put("t5", "attenders|||answered baseline", "n", len(attenders) - len(unanswered))
put("t5", "attenders|||no baseline response", "n", len(unanswered))


def smd(a, b):
    return (np.mean(b) - np.mean(a)) / np.sqrt((np.var(a, ddof=1) + np.var(b, ddof=1)) / 2)


a = [float(sessions_of.get(p, 0)) for p in followed]
b = [float(sessions_of.get(p, 0)) for p in lost]
put("t5", "sessions attended|||not followed up", "std_difference", smd(a, b))
first_scores = scores[scores["wave"] == FIRST]
for (instrument, scale), group in first_scores.groupby(["instrument", "scale"]):
    if (instrument, scale) in ordinal:
        continue
    values = group.set_index("pid")["score"]
    a = [values[p] for p in followed if p in values.index]
    b = [values[p] for p in lost if p in values.index]
    put("t5", f"baseline score|{instrument}|{scale}|not followed up", "std_difference", smd(a, b))

# ---- T9: the flow.
everyone = set(participants["pid"])
put("t9", "in any input||", "n", len(everyone))
put("t9", "attended at least one session||", "n", len(attenders))
put("t9", f"answered the {FIRST} survey||", "n", len(responded[FIRST]))
put("t9", f"answered the {FIRST} and {LAST} surveys||", "n", len(followed))

# ---- Main groups: the group attended most, ties to the first in natural order.
def natural(name):
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


main_group = {}
for person, rows in attended.groupby("pid"):
    counts = rows["group"].value_counts()
    best = counts.max()
    main_group[person] = sorted(counts[counts == best].index, key=natural)[0]
groups = sorted(set(main_group.values()), key=natural)

for group in groups + ["All who attended"]:
    members = engaged if group == "All who attended" else engaged[
        engaged["pid"].map(main_group.get) == group]
    bands = members["sessions_attended"].map(band_of)
    for label, _ in BANDS:
        put("t10", f"{group}|{label}", "participants", int((bands == label).sum()))

# ---- T12: people of each main group attending in each week, week 1 from the first day anyone
# attended.
days = attended.assign(day=attended["session_date"].map(day))
start = days["day"].min()
weeks = (days["day"].max() - start) // 7 + 1
days = days.assign(week=(days["day"] - start) // 7 + 1, main=days["pid"].map(main_group.get))
for group in groups:
    people = days[days["main"] == group].groupby("week")["pid"].nunique()
    for week in range(1, weeks + 1):
        put("t12", f"{group}|{week}", "participants", int(people.get(week, 0)))

# ---- T1: participants, released characteristics and baseline scores per group and overall.
columns = [(g, [p for p in participants["pid"] if main_group.get(p) == g]) for g in groups]
columns.append(("All participants", list(participants["pid"])))
released = participants.set_index("pid")
characteristics = [c for c in ("age_band", "gender") if c in participants.columns]
shown = {}
for characteristic in characteristics:
    counts = released[characteristic].fillna("").value_counts()
    known = [v for v in counts.index if v not in ("", "*")]
    if len(known) > 6:
        # More than six known values: the five most common (ties by name), the rest "other".
        kept = sorted(known, key=lambda v: (-counts[v], v))[:5]
        shown[characteristic] = {v: (v if v in kept else "other") for v in known}
for group, members in columns:
    put("t1", f"participants||{group}", "n", len(members))
    for characteristic in characteristics:
        values = released.loc[members, characteristic].fillna("")
        values = values.map(lambda v: shown.get(characteristic, {}).get(v, v))
        for level, count in values.value_counts().items():
            label = {"": "not known", "*": "withheld (k-anonymity)"}.get(level, level)
            put("t1", f"{characteristic}|{label}|{group}", "n", count)
            put("t1", f"{characteristic}|{label}|{group}", "percent", 100 * count / len(members))
    for (instrument, scale), frame in first_scores.groupby(["instrument", "scale"]):
        if (instrument, scale) in ordinal:
            continue
        values = frame.set_index("pid")["score"]
        chosen = values[values.index.isin(members)].to_numpy()
        row = f"{instrument} {scale}||{group}"
        put("t1", row, "n", len(chosen))
        grouped = values[values.index.isin(main_group.keys())]
        if group == "All participants" and 0 < len(values) - len(grouped) < OPEN_MINIMUM:
            # The whole study's sum minus the groups' sums would give the scores of the few
            # people in no group: the whole-study statistics must be withheld.
            withheld += [f"t1|{row}|mean", f"t1|{row}|sd"]
        elif len(chosen) > 1:
            put("t1", row, "mean", chosen.mean())
            put("t1", row, "sd", chosen.std(ddof=1))

# ---- T8, J1, J2: themes among the interviewed; J3 has a row per interviewed person.
has_themes = os.path.exists(f"{release}/data/themes.csv")
themes = pd.read_csv(
    f"{release}/data/themes.csv" if has_themes else io.StringIO("pid,theme,code,segments\n"),
    dtype={"pid": str})
interviewed = set(themes["pid"])
if has_themes:
    put("j3", "rows", "count", len(interviewed))
by_theme = themes.groupby("theme")["pid"].apply(set)
pairs_of = {
    name: wide[(wide["instrument"] == name) & (wide["scale"] == "total")].set_index("pid")
    for name in ("wemwbs", "ucla3")
}
for theme, people in by_theme.items():
    for group in groups + ["All interviewed"]:
        members = interviewed if group == "All interviewed" else {
            p for p in interviewed if main_group.get(p) == group
        }
        if not members:
            continue
        with_theme = people & members
        put("t8", f"{theme}|{group}", "participants", len(with_theme))
        put("t8", f"{theme}|{group}", "interviewed", len(members))
        put("t8", f"{theme}|{group}", "percent", 100 * len(with_theme) / len(members))
    wellbeing = pairs_of["wemwbs"][pairs_of["wemwbs"].index.isin(people)]
    loneliness = pairs_of["ucla3"][pairs_of["ucla3"].index.isin(people)]
    gain = wellbeing[LAST] - wellbeing[FIRST]
    put("j1", theme, "participants", len(people))
    put("j1", theme, "wellbeing_pairs", len(wellbeing))
    put("j1", theme, "wellbeing_mean_change", gain.mean())
    put("j1", theme, "loneliness_pairs", len(loneliness))
    put("j1", theme, "loneliness_mean_change", (loneliness[LAST] - loneliness[FIRST]).mean())
    threshold = rci[("wemwbs", "total")][0] - 1e-9
    improved, worse = (gain >= threshold).sum(), (-gain >= threshold).sum()
    put("j1", theme, "wellbeing_reliably_improved_percent", 100 * improved / len(wellbeing))
    put("j2", theme, "participants", len(people))
    put("j2", theme, "reliably_improved", improved)
    put("j2", theme, "reliably_deteriorated", worse)
    put("j2", theme, "no_reliable_change", len(wellbeing) - improved - worse)
    put("j2", theme, "not_scored", len(people) - len(wellbeing))

# ---- T6 (the late-joiners study, whose exports hold item codes): Cronbach's alpha per scale
# and wave over complete responses, the item of lowest corrected item-rest correlation, and
# alpha without it.
def alpha(frame):
    k = frame.shape[1]
    return k / (k - 1) * (1 - frame.var(ddof=1).sum() / frame.sum(axis=1).var(ddof=1))


if study == "late-joiners":
    prefixes = {"wemwbs": ("WEMWBS_", 14), "ucla3": ("UCLA_", 3), "phq9": ("PHQ9_", 9)}
    for wave, path, skip, _, _ in surveys:
        answers = pd.read_csv(path)
        for instrument, (prefix, count) in prefixes.items():
            items = answers[[f"{prefix}{n}" for n in range(1, count + 1)]].dropna()
            row = f"{instrument}|total|{wave}"
            put("t6", row, "n", len(items))
            put("t6", row, "alpha", alpha(items))
            rest = [
                np.corrcoef(items.iloc[:, i], items.drop(columns=items.columns[i]).sum(axis=1))[0, 1]
                for i in range(count)
            ]
            weakest = int(np.nanargmin(rest))
            put("t6", row, "lowest_item", weakest + 1)
            put("t6", row, "lowest_item_rest", rest[weakest])
            put("t6", row, "alpha_without_it", alpha(items.drop(columns=items.columns[weakest])))

with open(output, "w") as handle:
    json.dump({"values": reference, "withheld": sorted(withheld)}, handle, indent=1, sort_keys=True)
    handle.write("\n")
print(f"{len(reference)} reference values, {len(withheld)} cells to withhold")
