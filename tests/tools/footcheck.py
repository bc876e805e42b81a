#!/usr/bin/env python3
"""footcheck.py - footnotes and overlaps in `planc build --dump-layout`.

    footcheck.py DUMP [MARKWORD=NOTEWORD ...]

Asserts that
  - no two pieces of text on a page have intersecting boxes (a piece at
    baseline y in size s covers y - 0.2 s .. y + 0.75 s, x .. x + w: the
    ink of a line, not its leading, so neighbouring lines do not touch);
  - no piece is crossed by a rule (table lines, the rule above the notes)
    or a frame line (a fill narrower than 3 pt);
  - for each MARKWORD=NOTEWORD: the footnote mark right after the word
    MARKWORD carries the number of the note whose text starts with
    NOTEWORD; that note is printed once, on the page of the first of its
    marks. Several MARKWORDs may name one NOTEWORD (a note marked twice).
Prints one line per violation and exits 1 if there was any.
"""
import sys

EPS = 0.05


def parse(path):
    pages = []
    for line in open(path, encoding="utf-8"):
        f = line.split()
        if line.startswith("page "):
            pages.append({"pieces": [], "rules": [], "fills": []})
        elif line.startswith("  y "):
            text = line.rstrip("\n").split(" ", 12)[12]
            pages[-1]["pieces"].append((float(f[1]), float(f[3]),
                                        float(f[5]), float(f[9]), text))
        elif line.startswith("  rule "):
            pages[-1]["rules"].append((float(f[2]), float(f[4]),
                                       float(f[6])))
        elif line.startswith("  fill "):
            pages[-1]["fills"].append((float(f[2]), float(f[4]),
                                       float(f[6]), float(f[8])))
    return pages


def box(pc):
    y, x, w, s, _ = pc
    return (x, y - 0.2 * s, x + w, y + 0.75 * s)


def meet(a, b):
    return (a[0] < b[2] - EPS and b[0] < a[2] - EPS and
            a[1] < b[3] - EPS and b[1] < a[3] - EPS)


def main():
    pages = parse(sys.argv[1])
    bad = []
    for n, pg in enumerate(pages, 1):
        boxes = sorted((box(pc), pc[4]) for pc in pg["pieces"])
        # Sweep by left edge: only boxes that start before this one ends
        # can meet it.
        for i, (a, ta) in enumerate(boxes):
            for b, tb in boxes[i + 1:]:
                if b[0] >= a[2] - EPS:
                    break
                if meet(a, b):
                    bad.append("page %d: '%s' and '%s' overlap" %
                               (n, ta, tb))
        lines = [(x, y, x + w, y) for y, x, w in pg["rules"]]
        lines += [(x, y, x + w, y + h) for y, x, w, h in pg["fills"]
                  if w < 3]
        for a, ta in boxes:
            for r in lines:
                if (r[0] < a[2] - EPS and a[0] < r[2] - EPS and
                        r[1] < a[3] - EPS and a[1] < r[3] - EPS):
                    bad.append("page %d: a line crosses '%s'" % (n, ta))
    marks = {}	# note word -> [(page, number)] in page order
    notes = {}	# note word -> [(page, number)]
    pairs = [a.split("=", 1) for a in sys.argv[2:]]
    for n, pg in enumerate(pages, 1):
        pcs = pg["pieces"]
        for i, pc in enumerate(pcs):
            for mw, nw in pairs:
                if pc[4] == mw:
                    nx = pcs[i + 1] if i + 1 < len(pcs) else None
                    if nx is None or not nx[4].isdigit() or nx[3] >= pc[3]:
                        bad.append("page %d: %s has no mark after it" %
                                   (n, mw))
                        continue
                    marks.setdefault(nw, []).append((n, nx[4]))
            nws = {nw for _, nw in pairs}
            if pc[4] in nws:
                pv = pcs[i - 1] if i > 0 else None
                if pv is None or not pv[4].isdigit():
                    bad.append("page %d: note %s has no number" %
                               (n, pc[4]))
                    continue
                notes.setdefault(pc[4], []).append((n, pv[4]))
    for nw in sorted({nw for _, nw in pairs}):
        if len(notes.get(nw, [])) != 1:
            bad.append("note %s printed %d times" %
                       (nw, len(notes.get(nw, []))))
            continue
        if not marks.get(nw):
            bad.append("note %s: no mark found" % nw)
            continue
        page, num = notes[nw][0]
        if marks[nw][0][0] != page:
            bad.append("note %s on page %d, its first mark on page %d" %
                       (nw, page, marks[nw][0][0]))
        for mp, mn in marks[nw]:
            if mn != num:
                bad.append("note %s numbered %s, its mark on page %d %s" %
                           (nw, num, mp, mn))
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
