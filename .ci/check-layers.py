#!/usr/bin/env python3
"""Checks that the folders of Sources/Kith depend one way along the data flow
(docs/architecture.md): a file may name the types of its own layer and of the layers below it,
never of a layer above.

A folder's types are the structs, enums, classes, protocols and type aliases declared in it; a
file depends on a folder when it names one of them. Swift has no import between folders of one
module, so this is read from the source text (comments and string literals left out).

The dependencies against the flow that the code still has are listed in
.ci/layer-exceptions.txt ("Folder -> Folder: Type"): the check fails on any other, and on an
exception that no longer occurs, so the list only shrinks. Run by `make lint`.
"""
import collections
import glob
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
# Lowest first; folders on one line are one layer.
LAYERS = [
    ["Stats"],
    ["Spec", "Instruments"],
    ["Anonymise"],
    ["Inputs", "Qualitative"],
    ["Measures"],
    ["DataFiles"],
    ["Disclosure"],
    ["StudyTables"],
    ["Report"],
    ["Publish"],
    ["Stages", "Run", "Synth"],
    ["Merge"],
]
RANK = {folder: rank for rank, folders in enumerate(LAYERS) for folder in folders}
DECLARATION = re.compile(
    r"^\s*(?:(?:public|package|private|fileprivate|internal|final|indirect|nonisolated)\s+|@\w+\s+)*"
    r"(?:struct|enum|class|protocol|typealias|actor)\s+([A-Z]\w*)",
    re.M,
)


def strip(text):
    """The source without comments and string literals."""
    text = re.sub(r'"""[\s\S]*?"""', '""', text)
    text = re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)
    return re.sub(r"//[^\n]*", "", text)


def main():
    files = sorted(glob.glob(os.path.join(ROOT, "Sources/Kith/*/**/*.swift"), recursive=True))
    sources, owner = {}, {}
    for path in files:
        folder = os.path.relpath(path, os.path.join(ROOT, "Sources/Kith")).split(os.sep)[0]
        if folder not in RANK:
            print(f"{os.path.relpath(path, ROOT)}: folder {folder} has no layer in "
                  ".ci/check-layers.py (and docs/architecture.md)")
            return 1
        text = strip(open(path, encoding="utf-8").read())
        sources[path] = (folder, text)
        # Nested types are named through their parent; only top-level ones are a folder's.
        for match in DECLARATION.finditer(text):
            if not text[: match.start()].count("{") - text[: match.start()].count("}"):
                owner.setdefault(match.group(1), folder)
    found = collections.defaultdict(set)
    for path, (folder, text) in sources.items():
        for name in set(re.findall(r"\b([A-Z]\w*)\b", text)):
            other = owner.get(name)
            if other and RANK[other] > RANK[folder]:
                found[f"{folder} -> {other}: {name}"].add(os.path.relpath(path, ROOT))
    listed_path = os.path.join(ROOT, ".ci/layer-exceptions.txt")
    listed = set()
    if os.path.exists(listed_path):
        for line in open(listed_path, encoding="utf-8"):
            line = line.split("#")[0].strip()
            if line:
                listed.add(line)
    new = sorted(set(found) - listed)
    gone = sorted(listed - set(found))
    for item in new:
        print(f"against the flow: {item} (in {', '.join(sorted(found[item]))})")
    for item in gone:
        print(f"no longer occurs, remove it from .ci/layer-exceptions.txt: {item}")
    if new or gone:
        print(f"{len(new)} new dependencies against the flow, {len(gone)} stale exceptions "
              "(docs/architecture.md says where things go)")
        return 1
    print(f"layers: {len(files)} files, {len(listed)} listed exceptions, nothing new against the flow")
    return 0


if __name__ == "__main__":
    sys.exit(main())
