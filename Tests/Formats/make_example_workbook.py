"""Writes data/example/attendance.xlsx: the bundled example's register as an evaluator keeps it
in Excel — every date a real date cell (shown dd/mm/yyyy) where the CSV's text is a date, the
rest text as typed (so a slip such as 31/02/2025 stays a slip to reject). Read by
pipelines/example-xlsx.yaml, whose attendance.csv and participants.csv must equal the example's.

    python3 Tests/Formats/make_example_workbook.py    (openpyxl 3.1)
"""
import csv
import datetime

import openpyxl

with open("data/example/attendance.csv", encoding="utf-8", newline="") as handle:
    rows = list(csv.reader(handle))

book = openpyxl.Workbook()
sheet = book.active
sheet.title = "Attendance"
sheet.append(rows[0])
date_column = rows[0].index("Session date")
for row in rows[1:]:
    values = list(row)
    try:
        day, month, year = (int(part) for part in row[date_column].strip().split("/"))
        values[date_column] = datetime.date(year, month, day)
    except ValueError:
        pass  # not a date: kept as the text typed
    sheet.append(values)
    if isinstance(values[date_column], datetime.date):
        sheet.cell(row=sheet.max_row, column=date_column + 1).number_format = "dd/mm/yyyy"
# A fixed creation time: the same workbook every time the script runs.
book.properties.created = book.properties.modified = datetime.datetime(2025, 6, 1)
book.save("data/example/attendance.xlsx")
print(f"data/example/attendance.xlsx: {len(rows) - 1} rows")
