"""Writes a benchmark register (CSV) as an Excel workbook with XlsxWriter, in constant-memory
mode: text cells as text, the session date as a date cell (dd/mm/yyyy). bench/run times Kith
reading it against the CSV.

    python3 bench/register_xlsx.py attendance.csv attendance.xlsx
"""
import csv, datetime, sys, xlsxwriter
src, dst = sys.argv[1], sys.argv[2]
book = xlsxwriter.Workbook(dst, {"constant_memory": True})
sheet = book.add_worksheet("Attendance")
fmt = book.add_format({"num_format": "dd/mm/yyyy"})
with open(src, encoding="utf-8", newline="") as handle:
    reader = csv.reader(handle)
    header = next(reader)
    sheet.write_row(0, 0, header)
    d = header.index("Session date")
    for r, row in enumerate(reader, start=1):
        for c, v in enumerate(row):
            if c == d:
                day, month, year = map(int, v.split("/"))
                sheet.write_datetime(r, c, datetime.datetime(year, month, day), fmt)
            else:
                sheet.write_string(r, c, v)
book.close()
