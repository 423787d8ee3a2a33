"""Reads every .sav and .dta file of a Kith release with pyreadstat and compares it with the CSV
it was made from, cell by cell: numbers equal, coded columns' value labels equal the CSV's text,
dates equal, `*` a declared missing value (SPSS user-missing, Stata .a), an empty cell the other
one (.b), text equal; variable labels present. Exits 1 naming the first cells that differ.

    python3 Tests/Formats/compare_statistical.py out/example/release
"""
import csv
import glob
import math
import os
import sys
from datetime import date, datetime

import pyreadstat

release = sys.argv[1] if len(sys.argv) > 1 else "out/example/release"
WITHHELD, EMPTY = -999999.0, -999998.0
problems = []
checked = 0
files = 0


def expected_missing(text):
    return {"*": "a", "": "b"}.get(text)


for path in sorted(glob.glob(f"{release}/data/*.sav") + glob.glob(f"{release}/data/*.dta")):
    files += 1
    source = path.rsplit(".", 1)[0] + ".csv"
    with open(source, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, rows = rows[0], rows[1:]
    spss = path.endswith(".sav")
    read = pyreadstat.read_sav if spss else pyreadstat.read_dta
    frame, meta = read(path, user_missing=True, apply_value_formats=False)
    names = list(frame.columns)
    if len(names) != len(header) or len(frame) != len(rows):
        problems.append(f"{path}: {len(names)} variables × {len(frame)} rows, CSV {len(header)} × {len(rows)}")
        continue
    for index, column in enumerate(header):
        name = names[index]
        labels = meta.variable_value_labels.get(name, {})
        if not meta.column_names_to_labels.get(name):
            problems.append(f"{path}: `{name}` has no variable label")
        kind = meta.original_variable_types[name]
        for row, values in enumerate(rows):
            text = values[index]
            value = frame.iat[row, index]
            checked += 1
            place = f"{path} `{name}` row {row + 1}: CSV {text!r}, file {value!r}"
            missing = expected_missing(text)
            is_text = kind.startswith("A") if spss else kind.startswith("%") and kind.endswith("s")
            if is_text:
                if value != text and not (text == "" and value in ("", None)):
                    problems.append(place)
                continue
            if missing:
                if spss and ("DATE" in kind):
                    ok = value is None or (isinstance(value, float) and math.isnan(value))
                elif spss:
                    code = WITHHELD if missing == "a" else EMPTY
                    declared = [r["lo"] for r in meta.missing_ranges.get(name, [])]
                    ok = value == code and code in declared
                else:
                    ok = value == missing
                if not ok:
                    problems.append(place)
                continue
            if isinstance(value, (date, datetime)) or "DATE" in kind or kind == "%td":
                shown = value.isoformat()[:10] if hasattr(value, "isoformat") else value
                if shown != text:
                    problems.append(place)
                continue
            number = float(value)
            if labels and number in labels:
                if labels[number] != text and not (labels[number] in ("no", "yes") and text == str(int(number))):
                    problems.append(place)
                continue
            if not math.isclose(number, float(text), rel_tol=0, abs_tol=1e-9):
                problems.append(place)

if files == 0:
    problems.append(f"no .sav or .dta file in {release}/data")
for problem in problems[:20]:
    print(problem)
print(f"pyreadstat {pyreadstat.__version__}: {files} files, {checked} cells compared with the CSV, {len(problems)} differ")
sys.exit(1 if problems else 0)
