"""Writes the Excel fixtures of ExcelReaderTests, the same register by two writers — openpyxl
(3.1, which writes inline strings and formulas without cached values) and XlsxWriter (3.3, the
Python original of libxlsxwriter: shared strings, formulas with cached values) — each in the 1900 and the 1904 date system, and malformed
workbooks made from them. Run from the repository's root:

    python3 Tests/KithTests/ExcelFixtures/make_fixtures.py

Every cell kind of a register: text (shared or inline), whole and decimal numbers, a date and a
date with a time under date formats, a boolean, a formula with its cached value, an error
(#N/A), an empty row, and a second sheet with a merged cell.
"""
import datetime
import io
import os
import zipfile

import openpyxl
import xlsxwriter

HERE = "Tests/KithTests/ExcelFixtures"
HEADER = ["Member email", "Group", "Session date", "Attended", "Sessions", "Score", "Total", "Flag"]
ROWS = [
    ["ana@example.org", "Hillside group", datetime.date(2025, 1, 7), "Y", 3, 45.5, ("=E2*2", 6), True],
    ["ben@example.org", "Hillside group", datetime.datetime(2025, 1, 14, 18, 30), "N", 12, 0.25, ("=E3*2", 24), False],
    None,  # an empty row
    ["cy@example.org", "Riverside group", datetime.date(2024, 2, 29), "Y", 0, -3, ("=E5*2", 0), "#N/A"],
]


def openpyxl_book(path, mac):
    book = openpyxl.Workbook()
    if mac:
        book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    sheet = book.active
    sheet.title = "Register"
    sheet.append(HEADER)
    for index, row in enumerate(ROWS, start=2):
        if row is None:
            continue
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=index, column=column)
            if isinstance(value, tuple):
                cell.value = value[0]  # openpyxl stores no cached value
            elif value == "#N/A":
                cell.value = value
                cell.data_type = "e"
            else:
                cell.value = value
            if isinstance(value, datetime.datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"
            elif isinstance(value, datetime.date):
                cell.number_format = "dd/mm/yyyy"
    notes = book.create_sheet("Notes")
    notes["A1"] = "Attendance taken by the facilitator"
    notes.merge_cells("A1:C1")  # a merged cell's value is its top-left cell's
    notes["A2"] = "Checked"
    book.save(path)


def xlsxwriter_book(path, mac):
    book = xlsxwriter.Workbook(path, {"date_1904": mac})
    book.set_properties({"created": datetime.datetime(2025, 1, 1)})
    sheet = book.add_worksheet("Register")
    dates = book.add_format({"num_format": "dd/mm/yyyy"})
    stamps = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    sheet.write_row(0, 0, HEADER)
    for index, row in enumerate(ROWS, start=1):
        if row is None:
            continue
        for column, value in enumerate(row):
            if isinstance(value, tuple):
                sheet.write_formula(index, column, value[0], None, value[1])
            elif value == "#N/A":
                sheet.write_formula(index, column, "=NA()", None, "#N/A")
            elif isinstance(value, datetime.datetime):
                sheet.write_datetime(index, column, value, stamps)
            elif isinstance(value, datetime.date):
                sheet.write_datetime(index, column, datetime.datetime.combine(value, datetime.time()), dates)
            elif isinstance(value, bool):
                sheet.write_boolean(index, column, value)
            else:
                sheet.write(index, column, value)
    notes = book.add_worksheet("Notes")
    notes.merge_range(0, 0, 0, 2, "Attendance taken by the facilitator")
    notes.write(1, 0, "Checked")
    book.close()


def rewrite(source, target, change):
    """A copy of the workbook `source` with `change(name, data)` applied to each part."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = change(item.filename, old.read(item.filename))
            if data is not None:
                new.writestr(item, data)


for mac in (False, True):
    suffix = "-1904" if mac else ""
    openpyxl_book(f"{HERE}/register-openpyxl{suffix}.xlsx", mac)
    xlsxwriter_book(f"{HERE}/register-xlsxwriter{suffix}.xlsx", mac)

source = f"{HERE}/register-xlsxwriter.xlsx"
data = open(source, "rb").read()
open(f"{HERE}/truncated.xlsx", "wb").write(data[: len(data) // 2])
rewrite(source, f"{HERE}/no-shared-strings.xlsx",
        lambda name, part: None if name == "xl/sharedStrings.xml" else part)
rewrite(source, f"{HERE}/cells-out-of-order.xlsx",
        lambda name, part: part.replace(b'r="A2"', b'r="Z2"') if name == "xl/worksheets/sheet1.xml" else part)
# A legacy .xls (and any encrypted workbook) is an OLE2 compound file.
open(f"{HERE}/legacy.xls", "wb").write(bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504))
with zipfile.ZipFile(f"{HERE}/calc.ods", "w") as ods:
    ods.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    ods.writestr("content.xml", "<office:document-content/>")
print(sorted(os.listdir(HERE)))

# A register under a title: the header is on row 3, a date slip on row 6 and an error on row 7.
book = openpyxl.Workbook()
sheet = book.active
sheet.title = "Attendance"
sheet["A1"] = "Hillside group register, spring term"
sheet.append([])
sheet.append(["Email", "Group", "Session date", "Attended"])
sheet.append(["ana@example.org", "Hillside group", datetime.date(2025, 1, 7), "Y"])
sheet.append(["ben@example.org", "Hillside group", datetime.date(2025, 1, 7), "Y"])
sheet.append(["ana@example.org", "Hillside group", "31/02/2025", "Y"])
sheet.append(["cy@example.org", "Hillside group", datetime.date(2025, 1, 14), "#N/A"])
sheet.cell(row=7, column=4).data_type = "e"
for row in (4, 5, 7):
    sheet.cell(row=row, column=3).number_format = "dd/mm/yyyy"
book.create_sheet("Notes")["A1"] = "nothing here"
book.save(f"{HERE}/titled-register.xlsx")
