#!/usr/bin/env python3
"""Checks that Kith's participant values equal a peer's (job B1) for every pid.

usage: compare.py KITH_PARTICIPANTS PEER_PARTICIPANTS
Columns compared (Kith name = B1 name): sessions_attended = sessions, first_attended = first,
last_attended = last, longest_gap_days, groups_attended = groups, tenure_days, and the WEMWBS
and UCLA-3 totals at baseline and follow-up. Exits 1 naming the first differences.
"""
import csv, sys

PAIRS = [("sessions_attended", "sessions"), ("first_attended", "first"), ("last_attended", "last"),
         ("longest_gap_days", "longest_gap_days"), ("groups_attended", "groups"),
         ("tenure_days", "tenure_days"), ("wemwbs_baseline", "wemwbs_baseline"),
         ("wemwbs_followup", "wemwbs_followup"), ("ucla3_baseline", "ucla3_baseline"),
         ("ucla3_followup", "ucla3_followup")]

def norm(value):
    value = (value or "").strip()
    try:
        number = float(value)
        return str(int(number)) if number == int(number) else value
    except ValueError:
        return value

def load(path):
    with open(path, newline="") as f:
        return {row["pid"]: row for row in csv.DictReader(f)}

kith, peer = load(sys.argv[1]), load(sys.argv[2])
# Kith lists people seen only in the survey with 0 sessions; B1 peers leave them empty.
problems = []
if set(peer) - set(kith):
    problems.append(f"{len(set(peer) - set(kith))} pids of the peer are missing from Kith")
for pid, theirs in peer.items():
    ours = kith.get(pid)
    if ours is None:
        continue
    for ours_name, their_name in PAIRS:
        a, b = norm(ours.get(ours_name)), norm(theirs.get(their_name))
        if ours_name == "sessions_attended" and a == "0" and b == "":
            continue
        if a != b and not (b == "" and ours_name in ("longest_gap_days", "tenure_days", "groups_attended") and a == ""):
            problems.append(f"{pid} {ours_name}: kith {a!r}, peer {b!r}")
if problems:
    print("VALUES DIFFER:", *problems[:10], sep="\n  ")
    sys.exit(1)
print(f"values check: {len(peer)} pids, every value equal")
