"""Writes example_t3_reference.json: T3 of the bundled example, recomputed with scipy from the
released scores (release/data/scores.csv), for every scale.

Run after `make run` (or any run of pipelines/example.yaml), from this folder:
    python3 make_example_t3_reference.py ../../../out/example/release
and again whenever the example data or its pipeline change. Also prints the largest difference
between Kith's t3_change.csv and scipy.
"""
import csv
import json
import sys
from collections import defaultdict

import numpy as np
from scipy import stats

release = sys.argv[1] if len(sys.argv) > 1 else "../../../out/example/release"
first, last = "baseline", "followup"

scores = defaultdict(dict)
with open(f"{release}/data/scores.csv", newline="") as handle:
    for row in csv.DictReader(handle):
        if row["score"] != "":
            scores[(row["instrument"], row["scale"])][(row["pid"], row["wave"])] = float(row["score"])

reference = {}
for (instrument, scale), values in scores.items():
    pids = sorted({pid for pid, wave in values if wave == first}
                  & {pid for pid, wave in values if wave == last})
    x = np.array([values[(pid, first)] for pid in pids])
    y = np.array([values[(pid, last)] for pid in pids])
    d = y - x
    n = len(d)
    if n < 2:
        continue
    t = stats.ttest_rel(y, x)
    ci = t.confidence_interval(0.95)
    w = stats.wilcoxon(y, x)
    sd1, sd2 = x.std(ddof=1), y.std(ddof=1)
    reference[f"{instrument} {scale}"] = {
        "baseline_mean": x.mean(), "baseline_sd": sd1, "followup_mean": y.mean(),
        "followup_sd": sd2, "mean_change": d.mean(), "change_ci_low": float(ci.low),
        "change_ci_high": float(ci.high), "t": float(t.statistic), "p_t": float(t.pvalue),
        "p_wilcoxon": float(w.pvalue), "d_z": d.mean() / d.std(ddof=1),
        "g_av": d.mean() / ((sd1 + sd2) / 2) * (1 - 3 / (4 * (n - 1) - 1)),
    }

with open("example_t3_reference.json", "w") as out:
    json.dump(reference, out, indent=1, sort_keys=True)
    out.write("\n")

largest = (0.0, "")
with open(f"{release}/tables/t3_change.csv", newline="") as handle:
    for row in csv.DictReader(handle):
        expected = reference.get(f"{row['instrument']} {row['scale']}", {})
        for column, value in expected.items():
            if row[column] in ("", "*"):
                continue
            difference = abs(float(row[column]) - value)
            if difference > largest[0]:
                largest = (difference, f"{row['instrument']} {row['scale']} {column}")
print(f"largest |Kith − scipy| in t3_change.csv: {largest[0]:.3g} ({largest[1]})")
