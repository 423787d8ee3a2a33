#!/usr/bin/env python3
"""Checks what headless Chromium made of a Kith report (Tests/Browser/report-check).

usage: check_report.py dom DOM.html          every section and chart is in the rendered DOM, each
                                             chart with a non-empty SVG and its numbers as a table
       check_report.py png SCREENSHOT.png    the screenshot is not blank: at least 2 % of its
                                             pixels are not white (decoded by hand with zlib:
                                             the standard library has no image module)
"""
import html.parser
import struct
import sys
import zlib

SECTIONS = ["glance", "flow", "engagement", "outcomes", "dose", "isolation", "themes", "methods"]
CHARTS = ["chart-flow", "chart-retention", "chart-sessions", "chart-attended", "chart-weekly", "chart-held", "chart-effect", "chart-reliable",
          "chart-dose", "chart-dose-bands-wemwbs", "chart-isolated", "chart-themes", "chart-joint"]


class Report(html.parser.HTMLParser):
    """The sections, and per chart (figure) how many SVG elements and table cells it holds."""

    def __init__(self):
        super().__init__()
        self.sections, self.figures, self.stack = set(), {}, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self.sections.add(attrs.get("id"))
        if tag == "figure":
            self.stack.append(attrs.get("id"))
            self.figures[attrs.get("id")] = {"svg": 0, "drawn": 0, "cells": 0}
        elif self.stack:
            figure = self.figures[self.stack[-1]]
            if tag == "svg":
                figure["svg"] += 1
            elif tag in ("rect", "circle", "path", "line", "text"):
                figure["drawn"] += 1
            elif tag == "td":
                figure["cells"] += 1

    def handle_endtag(self, tag):
        if tag == "figure" and self.stack:
            self.stack.pop()


def dom(path):
    report = Report()
    report.feed(open(path, encoding="utf-8").read())
    problems = [f"section {s} is missing" for s in SECTIONS if s not in report.sections]
    for chart in CHARTS:
        figure = report.figures.get(chart)
        if figure is None:
            problems.append(f"chart {chart} is missing")
        elif figure["svg"] != 1 or figure["drawn"] < 5 or figure["cells"] < 1:
            problems.append(f"chart {chart} is empty: {figure}")
    for problem in problems:
        print("report:", problem)
    print(f"report DOM: {len(report.sections)} sections, {len(report.figures)} charts, "
          f"{sum(f['drawn'] for f in report.figures.values())} drawn SVG elements")
    return 1 if problems else 0


def png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    offset, idat, width, height, colour = 8, b"", 0, 0, 2
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), "an 8-bit RGB or RGBA PNG"
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    rows = zlib.decompress(idat)
    channels = {2: 3, 6: 4}[colour]
    stride = width * channels
    previous = bytearray(stride)
    drawn = 0
    for y in range(height):
        kind = rows[y * (stride + 1)]
        line = bytearray(rows[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):  # PNG's five scanline filters, undone
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                corner = previous[x - channels] if x >= channels else 0
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        drawn += sum(1 for x in range(0, stride, channels) if min(line[x:x + 3]) < 200)
        previous = line
    share = drawn / (width * height)
    print(f"screenshot {width}×{height}: {share:.1%} of its pixels are not white")
    return 0 if share > 0.02 else 1


if __name__ == "__main__":
    sys.exit({"dom": dom, "png": png}[sys.argv[1]](sys.argv[2]))
