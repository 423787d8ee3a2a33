"""Opens a Kith release's tables/study_tables.xlsx with openpyxl and compares every sheet with
the study table's CSV, cell by cell: the header frozen, numbers equal to the CSV's and shown with
its decimals, `*` and text as text, empty cells empty, the table's title and notes under it.
Exits 1 naming the first cells that differ.

    python3 Tests/Formats/compare_workbook.py out/example/release
"""
import csv
import os
import sys

import openpyxl

release = sys.argv[1] if len(sys.argv) > 1 else "out/example/release"
workbook = openpyxl.load_workbook(os.path.join(release, "tables", "study_tables.xlsx"))
problems = []
checked = 0
for name in workbook.sheetnames:
    sheet = workbook[name]
    with open(os.path.join(release, "tables", name + ".csv"), encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if sheet.freeze_panes != "A2":
        problems.append(f"{name}: header not frozen ({sheet.freeze_panes})")
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row, start=1):
            cell = sheet.cell(row=r, column=c)
            checked += 1
            place = f"{name}!{cell.coordinate}: CSV {text!r}, workbook {cell.value!r}"
            if text == "":
                ok = cell.value is None
            elif isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                decimals = len(text.split(".")[1]) if "." in text else 0
                expected = "0" if decimals == 0 else "0." + "0" * decimals
                ok = abs(cell.value - float(text)) <= 1e-12 and cell.number_format == expected
            else:
                ok = cell.value == text
            if not ok:
                problems.append(place)
    # Under the table, after a blank row: the title (T1., T2., …, J1.) and the notes.
    title = sheet.cell(row=len(rows) + 2, column=1).value or ""
    notes = [sheet.cell(row=r, column=1).value for r in range(len(rows) + 3, sheet.max_row + 1)]
    if not title.split(".")[0][:1] in ("T", "J") or not any("Disclosure control" in (n or "") for n in notes):
        problems.append(f"{name}: no title and disclosure note under the table")
if not workbook.sheetnames:
    problems.append("the workbook has no sheet")
for problem in problems[:20]:
    print(problem)
print(f"openpyxl {openpyxl.__version__}: {len(workbook.sheetnames)} sheets, {checked} cells compared with the CSV, {len(problems)} differ")
sys.exit(1 if problems else 0)
