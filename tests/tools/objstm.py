#!/usr/bin/env python3
"""objstm.py PDF... - checks that each PDF is written with object streams
(pdfpack.c): a PDF 1.5 header or later, cross-references in an xref stream,
every object that is not a stream inside an object stream of at most 100
objects, and every stream outside. Reads the files with qpdf; prints one
line per fault and exits 1 on any."""
import json
import re
import subprocess
import sys


def faults(path):
    with open(path, "rb") as f:
        head = f.read(16)
    m = re.match(rb"%PDF-1\.(\d)", head)
    if not m or int(m.group(1)) < 5:
        yield "header is not PDF 1.5 or later: %r" % head[:8]
    xref = subprocess.run(["qpdf", "--show-xref", path], capture_output=True,
                          text=True).stdout
    where = {}
    per_stream = {}
    for line in xref.splitlines():
        m = re.match(r"(\d+)/(\d+): (compressed|uncompressed)(?:; stream = (\d+))?",
                     line)
        if m:
            where[int(m.group(1))] = m.group(3)
            if m.group(4):
                per_stream[m.group(4)] = per_stream.get(m.group(4), 0) + 1
    if not where:
        yield "qpdf --show-xref lists no objects"
        return
    doc = json.loads(subprocess.run(["qpdf", "--json", "--json-key=qpdf", path],
                                    capture_output=True, text=True).stdout)
    objects = doc["qpdf"][1]
    xref_streams = 0
    for key, obj in objects.items():
        if key == "trailer":
            continue
        n = int(key.split()[0][4:])
        is_stream = "stream" in obj
        if is_stream and obj["stream"]["dict"].get("/Type") == "/XRef":
            xref_streams += 1
        if is_stream and where.get(n) != "uncompressed":
            yield "stream %d is inside an object stream" % n
        if not is_stream and where.get(n) != "compressed":
            yield "object %d is not in an object stream" % n
    if xref_streams != 1:
        yield "%d xref streams, not 1" % xref_streams
    for s, count in per_stream.items():
        if count > 100:
            yield "object stream %s holds %d objects" % (s, count)


def main():
    bad = 0
    for path in sys.argv[1:]:
        for f in faults(path):
            print("%s: %s" % (path, f))
            bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main())
