#!/usr/bin/python3
"""diffchanges.py - `planc diff --format=json` as the lines of a .changes
file (tests/diff/pact-2019.changes describes the format), one per change,
so that the diff can be compared with the list of changes made.

    planc diff --format=json OLD NEW | diffchanges.py
"""
import json
import sys


def kind(k):
    return k.replace(" ", "-")


def main():
    d = json.load(sys.stdin)
    for c in d["changes"]:
        op, k, i = c["op"], kind(c["kind"]), c["id"]
        if op in ("added", "removed"):
            print(f"{op} {k} {i}")
        elif op == "renamed":
            print(f"renamed {k} {c['old_id']} -> {i}")
        elif op == "changed" and k == "plan":
            print(f"changed plan {c['field']}")
        elif op == "changed":
            print(f"changed {k} {i} {c['field']}")
        elif op == "moved" and c["person"]:
            print(f"moved person {c['person']} group {c['from']} -> {c['to']}")
        elif op == "moved":
            print(f"moved {k} {i} {c['field']} {c['from']} -> {c['to']}")
        elif op in ("joined", "left"):
            print(f"{op} {k} {i} {c['person']}")
        else:
            print(f"unknown {op} {k} {i}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
