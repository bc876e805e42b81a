#!/usr/bin/env python3
"""pdfua.py PDF - the machine-checkable conditions of PDF/UA-1 (ISO 14289-1)
that qpdf's JSON shows, for planc's tagged PDFs. Standard library only.

Checked (each failure is printed; exit 1 if any):
  catalog   /MarkInfo /Marked true, /StructTreeRoot, /Lang, /ViewerPreferences
            /DisplayDocTitle true, /Metadata (XMP) with dc:title and
            pdfuaid:part 1; the Info /Title
  content   every text and path operator of every page inside marked
            content: a sequence with an MCID, or an /Artifact; BDC/EMC
            balanced on every page
  mcids     every MCID of a page in the ParentTree under the page's
            /StructParents, pointing to the element whose /K holds it;
            no MCID twice on a page
  tree      every element's /P is the element whose /K holds it; every
            element type standard or role-mapped to one; headings never
            skip a level downwards; every Note has a unique /ID; every TH a
            /Scope; every page /Tabs /S
  annots    every annotation has /StructParent, its ParentTree entry is the
            element holding an OBJR for it, and a /Contents
  fonts     every font embedded (FontFile, FontFile2 or FontFile3) with a
            /ToUnicode map
Not checkable here (need a person or a full validator): that alternative
texts and reading order make sense, colour contrast, that the tags match
what the page shows (an H1 that looks like body text), natural language of
every word, glyph-level checks of the embedded font programs.
"""
import base64
import json
import re
import subprocess
import sys

STANDARD = set("""Document Part Art Sect Div BlockQuote Caption TOC TOCI Index
NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead
TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP
Warichu WT WP Figure Formula Form""".split())

fails = []


def fail(msg):
    fails.append(msg)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: pdfua.py FILE.pdf")
    out = subprocess.run(
        ["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline",
         "--decode-level=generalized", sys.argv[1]],
        capture_output=True, check=False)
    if out.returncode not in (0, 3):
        sys.exit("qpdf failed: " + out.stderr.decode(errors="replace"))
    q = json.loads(out.stdout)["qpdf"][1]

    def obj(ref):
        o = q.get("obj:" + ref) if isinstance(ref, str) else None
        if o is None:
            return ref
        return o.get("value", o.get("stream", {}).get("dict"))

    def val(x):
        """x, with a reference followed."""
        if isinstance(x, str) and re.fullmatch(r"\d+ \d+ R", x):
            return obj(x)
        return x

    def data(ref):
        s = q.get("obj:" + ref, {}).get("stream", {})
        return base64.b64decode(s.get("data", "")) if "data" in s else b""

    def text(s):
        if isinstance(s, str) and s.startswith("u:"):
            return s[2:]
        if isinstance(s, str) and s.startswith("b:"):
            return bytes.fromhex(s[2:]).decode("latin-1")
        return None

    trailer = q["trailer"]["value"]
    cat = val(trailer["/Root"])
    info = val(trailer.get("/Info", {})) or {}

    # ---- catalog ----
    mark = val(cat.get("/MarkInfo")) or {}
    if mark.get("/Marked") is not True:
        fail("catalog: no /MarkInfo << /Marked true >>")
    if "/StructTreeRoot" not in cat:
        fail("catalog: no /StructTreeRoot")
    if not text(val(cat.get("/Lang"))):
        fail("catalog: no /Lang")
    vp = val(cat.get("/ViewerPreferences")) or {}
    if vp.get("/DisplayDocTitle") is not True:
        fail("catalog: no /ViewerPreferences << /DisplayDocTitle true >>")
    if not text(val(info.get("/Title"))):
        fail("info: no /Title")
    if "/Metadata" not in cat:
        fail("catalog: no /Metadata")
    else:
        xmp = data(cat["/Metadata"]).decode("utf-8", errors="replace")
        if "<pdfuaid:part>1</pdfuaid:part>" not in xmp and \
                'pdfuaid:part="1"' not in xmp:
            fail("metadata: no pdfuaid:part 1")
        if "<dc:title>" not in xmp:
            fail("metadata: no dc:title")

    # Without a tree, only the pages are looked at.
    root = val(cat.get("/StructTreeRoot")) or {"/K": [], "/ParentTree": {}}
    rolemap = val(root.get("/RoleMap")) or {}

    # The ParentTree's number tree, flattened.
    ptree = {}

    def walk_nums(node):
        node = val(node)
        nums = val(node.get("/Nums", []))
        for i in range(0, len(nums) - 1, 2):
            ptree[nums[i]] = nums[i + 1]
        for kid in val(node.get("/Kids", [])):
            walk_nums(kid)
    walk_nums(root["/ParentTree"])

    # ---- the tree: every element, who holds it, what it holds ----
    elems = {}         # ref -> dict
    holder = {}        # elem ref -> the ref whose /K holds it
    mcid_owner = {}    # (page ref, mcid) -> elem ref
    objr_owner = {}    # annot ref -> elem ref
    order = []         # element refs in document order
    ids = set()
    stack = [(root["/K"], "root", None)]
    while stack:
        k, parent, pg = stack.pop()
        items = k if isinstance(k, list) else [k]
        for item in reversed(items):
            if isinstance(item, int):
                mcid_owner.setdefault((pg, item), parent)
                if (pg, item) in mcid_owner and mcid_owner[(pg, item)] != parent:
                    fail("tree: MCID %d of %s in two elements" % (item, pg))
                continue
            d = val(item)
            if not isinstance(d, dict):
                continue
            t = d.get("/Type")
            if t == "/MCR":
                mcid_owner[(d.get("/Pg"), d.get("/MCID"))] = parent
                continue
            if t == "/OBJR":
                objr_owner[d.get("/Obj")] = parent
                continue
            if not isinstance(item, str):
                fail("tree: a structure element that is not an object of "
                     "its own under %s" % parent)
                continue
            if item in elems:
                fail("tree: %s twice in the tree" % item)
                continue
            elems[item] = d
            holder[item] = parent
            stack.append((d.get("/K", []), item, d.get("/Pg", pg)))
    # document order (depth first, kids in order)
    def walk_order(k):
        for item in (k if isinstance(k, list) else [k]):
            if isinstance(item, str) and item in elems:
                order.append(item)
                walk_order(elems[item].get("/K", []))
    walk_order(root["/K"])

    for ref, d in elems.items():
        want = holder[ref]
        p = d.get("/P")
        if want == "root":
            if val(p) is not root and p != trailer["/Root"] and \
                    val(p) != root:
                fail("tree: %s: /P is not the StructTreeRoot" % ref)
        elif p != want:
            fail("tree: %s: /P %s, but %s holds it" % (ref, p, want))
        s = d.get("/S", "")[1:]
        if s not in STANDARD and rolemap.get("/" + s, "")[1:] not in STANDARD:
            fail("tree: %s: type %s is not standard nor role-mapped" %
                 (ref, s))
        if s == "Note":
            i = text(d.get("/ID"))
            if not i:
                fail("tree: Note %s without /ID" % ref)
            elif i in ids:
                fail("tree: Note /ID %s twice" % i)
            ids.add(i)
        if s == "TH":
            a = val(d.get("/A")) or {}
            attrs = a if isinstance(a, list) else [a]
            if not any(isinstance(val(x), dict) and "/Scope" in val(x)
                       for x in attrs):
                fail("tree: TH %s without /Scope" % ref)

    level = 0
    for ref in order:
        s = elems[ref].get("/S", "")[1:]
        s = rolemap.get("/" + s, "/" + s)[1:]
        m = re.fullmatch(r"H([1-6])", s)
        if m:
            n = int(m.group(1))
            if n > level + 1:
                fail("tree: heading %s (%s) after H%d skips a level" %
                     (s, ref, level))
            level = n

    # ---- pages: content, MCIDs, annotations ----
    pages = []

    def walk_pages(node):
        node_d = val(node)
        if node_d.get("/Type") == "/Pages":
            for kid in node_d.get("/Kids", []):
                walk_pages(kid)
        else:
            pages.append(node)
    walk_pages(cat["/Pages"])

    fonts_seen = set()
    for n, pref in enumerate(pages, 1):
        page = val(pref)
        if page.get("/Tabs") != "/S":
            fail("page %d: no /Tabs /S" % n)
        contents = page.get("/Contents", [])
        if not isinstance(contents, list):
            contents = [contents]
        stream = b"\n".join(data(c) for c in contents)
        mcids = check_content(n, stream)
        sp = page.get("/StructParents")
        if mcids and sp is None:
            fail("page %d: marked content but no /StructParents" % n)
        entry = val(ptree.get(sp, [])) if sp is not None else []
        seen = set()
        for mcid in mcids:
            if mcid in seen:
                fail("page %d: MCID %d twice" % (n, mcid))
            seen.add(mcid)
            if not isinstance(entry, list) or mcid >= len(entry):
                fail("page %d: MCID %d not in the ParentTree" % (n, mcid))
                continue
            owner = mcid_owner.get((pref, mcid))
            if owner is None:
                fail("page %d: MCID %d in no element's /K" % (n, mcid))
            elif entry[mcid] != owner:
                fail("page %d: MCID %d: ParentTree says %s, the tree %s" %
                     (n, mcid, entry[mcid], owner))
        for aref in page.get("/Annots", []):
            a = val(aref)
            if a.get("/Subtype") in ("/Popup",):
                continue
            sp = a.get("/StructParent")
            if sp is None:
                fail("page %d: annotation %s without /StructParent" %
                     (n, aref))
                continue
            if ptree.get(sp) != objr_owner.get(aref):
                fail("page %d: annotation %s: ParentTree %s, OBJR in %s" %
                     (n, aref, ptree.get(sp), objr_owner.get(aref)))
            if not text(val(a.get("/Contents"))):
                fail("page %d: annotation %s without /Contents" % (n, aref))
        res = val(page.get("/Resources", {})) or {}
        for fref in (val(res.get("/Font", {})) or {}).values():
            fonts_seen.add(fref)

    # ---- fonts ----
    for fref in sorted(fonts_seen):
        f = val(fref)
        name = f.get("/BaseFont", fref)
        if "/ToUnicode" not in f:
            fail("font %s: no /ToUnicode" % name)
        desc = [f]
        for d in val(f.get("/DescendantFonts", [])) or []:
            desc.append(val(d))
        embedded = False
        for d in desc:
            fd = val(d.get("/FontDescriptor", {})) or {}
            if any(k in fd for k in ("/FontFile", "/FontFile2",
                                     "/FontFile3")):
                embedded = True
        if not embedded:
            fail("font %s: not embedded" % name)

    print("pdfua: %d elements, %d pages, %d fonts checked" %
          (len(elems), len(pages), len(fonts_seen)))


TOKEN = re.compile(rb"""
    (?P<ws>[\x00\t\n\x0c\r ]+|%[^\r\n]*)
  | (?P<str>\()
  | (?P<hex><[0-9A-Fa-f\s]*>)
  | (?P<dopen><<) | (?P<dclose>>>)
  | (?P<aopen>\[) | (?P<aclose>\])
  | (?P<name>/[^\x00\t\n\x0c\r ()<>\[\]{}/%]*)
  | (?P<num>[+-]?(?:\d+\.?\d*|\.\d+))
  | (?P<op>[^\x00\t\n\x0c\r ()<>\[\]{}/%]+)
""", re.X)

SHOW = {b"Tj", b"TJ", b"'", b'"'}
PAINT = {b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"sh",
         b"Do"}


def check_content(n, s):
    """The MCIDs of page n's content s, in order; fails content drawn
    outside marked content."""
    i = 0
    operands = []
    stack = []       # per open sequence: "mcid", "artifact" or "other"
    mcids = []
    depth = 0        # of arrays and dictionaries among the operands
    bad_text = bad_paint = 0
    while i < len(s):
        m = TOKEN.match(s, i)
        if m is None:
            i += 1
            continue
        kind = m.lastgroup
        if kind == "str":
            # a literal string: balanced parentheses, backslash escapes
            j, level = i + 1, 1
            while j < len(s) and level:
                c = s[j:j + 1]
                if c == b"\\":
                    j += 1
                elif c == b"(":
                    level += 1
                elif c == b")":
                    level -= 1
                j += 1
            operands.append(("str", s[i:j]))
            i = j
            continue
        i = m.end()
        if kind == "ws":
            continue
        tok = m.group(kind)
        if kind in ("dopen", "aopen"):
            depth += 1
            operands.append((kind, tok))
        elif kind in ("dclose", "aclose"):
            depth -= 1
            operands.append((kind, tok))
        elif kind != "op" or depth > 0:
            operands.append((kind, tok))
        else:
            if tok in (b"BDC", b"BMC"):
                tag = next((t for k, t in operands if k == "name"), b"")
                flat = b" ".join(t for _, t in operands)
                mm = re.search(rb"/MCID\s+(\d+)", flat)
                if tag == b"/Artifact":
                    stack.append("artifact")
                elif mm:
                    stack.append("mcid")
                    mcids.append(int(mm.group(1)))
                else:
                    stack.append("other")
            elif tok == b"EMC":
                if not stack:
                    fail("page %d: EMC without BDC" % n)
                else:
                    stack.pop()
            elif tok in SHOW and not any(x in ("mcid", "artifact")
                                         for x in stack):
                bad_text += 1
            elif tok in PAINT and not any(x in ("mcid", "artifact")
                                          for x in stack):
                bad_paint += 1
            operands = []
    if stack:
        fail("page %d: %d marked-content sequences not ended" %
             (n, len(stack)))
    if bad_text:
        fail("page %d: %d text operators outside tagged content or "
             "artifacts" % (n, bad_text))
    if bad_paint:
        fail("page %d: %d paths outside tagged content or artifacts" %
             (n, bad_paint))
    return mcids


if __name__ == "__main__":
    main()
    for f in fails[:50]:
        print("FAIL:", f)
    if len(fails) > 50:
        print("... and %d more" % (len(fails) - 50))
    sys.exit(1 if fails else 0)
