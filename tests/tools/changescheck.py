#!/usr/bin/python3
"""changescheck.py - keeps a list of changes (tests/diff/*.changes) true.

    changescheck.py OLD.yaml NEW.yaml CHANGES

A .changes file is the oracle of the `planc diff` tests: every change from
OLD to NEW, one per line (its format is described at the top of
tests/diff/pact-2019.changes). This script recomputes, independently of
planc and roughly (by entity, not by word), what changed between the two
plans and their includes, and fails unless the file says exactly that:

  - every line is well formed, its kinds in the file's order of kinds;
  - the added, removed, renamed, moved, changed, joined and left lines are
    exactly those the two plans give (renames are taken from the file but
    must hold: the old id only in OLD, the new one only in NEW, one kind);
  - every no-change line names an entity whose source differs in that way
    (rewrap: its text's line breaks; requote: a scalar's quotes; reorder:
    a mapping's key order) and means the same.

Prose is compared with its white space folded, so a changed word or mark is
a change and a re-wrapped line is not. Exit 0 when the file is right, 1 with
a line per problem when it is not, 2 on a usage or read error. Uses
Debian's python3-yaml.
"""
import os
import re
import sys

import yaml


class Loader(yaml.SafeLoader):
    pass


# YAML 1.2 as planc reads it: no implicit timestamps (2018-03 stays text).
Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

KINDS = ("plan part chapter section footnote domain ambition strand activity "
         "milestone body group person organisation period style-rule").split()
# Lines about groups, members and their moves belong to the body's place.
KIND_OF_LINE = {"group": "body"}
LISTS = (("activities", "activity"), ("milestones", "milestone"),
         ("people", "person"), ("organisations", "organisation"),
         ("periods", "period"), ("style-rules", "style-rule"))
NESTED = ("chapters", "sections", "footnotes", "ambitions", "strands", "groups")


def compose(path):
    with open(path, encoding="utf-8") as f:
        return yaml.compose(f, Loader)


def value(node):
    """The plain value of a node: scalars as text, style forgotten."""
    if isinstance(node, yaml.ScalarNode):
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [value(n) for n in node.value]
    return {k.value: value(v) for k, v in node.value}


def get(node, key):
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return v
    return None


def items(node):
    return node.value if isinstance(node, yaml.SequenceNode) else []


class Plan:
    """A plan and its includes: entities by id, in file order."""

    def __init__(self, path):
        self.order = []          # ids in document order
        self.kind = {}           # id -> kind
        self.node = {}           # id -> mapping node
        self.parent = {}         # group id -> body id
        root = compose(path)
        self.plan = get(root, "plan")
        inc = get(root, "include")
        self.include = value(inc) if inc is not None else None
        files = [root]
        names = [self.include] if isinstance(self.include, str) else self.include or []
        for name in names:
            files.append(compose(os.path.join(os.path.dirname(path), name)))
        for doc in files:
            for part in items(get(doc, "parts")):
                self.walk_part(part)
            for dom in items(get(doc, "domains")):
                self.add("domain", dom)
                for a in items(get(dom, "ambitions")):
                    self.add("ambition", a)
                for s in items(get(dom, "strands")):
                    self.add("strand", s)
            for key, kind in LISTS:
                for e in items(get(doc, key)):
                    self.add(kind, e)
            for b in items(get(doc, "bodies")):
                self.add("body", b)
                for g in items(get(b, "groups")):
                    self.add("group", g)
                    self.parent[value(get(g, "id"))] = value(get(b, "id"))

    def walk_part(self, part):
        self.add("part", part)
        for c in items(get(part, "chapters")):
            self.add("chapter", c)
            for f in items(get(c, "footnotes")):
                self.add("footnote", f)
            for s in items(get(c, "sections")):
                self.add("section", s)
                for f in items(get(s, "footnotes")):
                    self.add("footnote", f)

    def add(self, kind, node):
        i = value(get(node, "id"))
        self.order.append(i)
        self.kind[i] = kind
        self.node[i] = node

    def fields(self, i, ren):
        """An entity's own fields (nested entities left out), prose folded,
        references to renamed entities under their new ids."""
        return {k.value: fold(value(v), ren) for k, v in self.node[i].value
                if k.value not in NESTED and k.value != "id"}


def fold(v, ren):
    if isinstance(v, str):
        v = " ".join(v.split())
        return ren.get(v, v)
    if isinstance(v, list):
        return [fold(x, ren) for x in v]
    return {k: fold(x, ren) for k, x in v.items()}


def members(node):
    """Person ids of a body's or group's members."""
    out = []
    for m in items(get(node, "members")):
        out.append(value(get(m, "person")) if isinstance(m, yaml.MappingNode)
                   else value(m))
    return out


def parse(path, problems):
    pats = [
        r"(added|removed) (\S+) (\S+)",
        r"renamed (\S+) (\S+) -> (\S+)",
        r"changed plan (\S+)",
        r"changed (\S+) (\S+) (\S+)",
        r"moved activity (\S+) (domain|period) (\S+) -> (\S+)",
        r"moved person (\S+) group (\S+) -> (\S+)",
        r"(joined|left) (group|body) (\S+) (\S+)",
        r"no-change (\S+) (\S+) (rewrap|requote|reorder)",
    ]
    lines = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line == "" or line.startswith("#"):
                continue
            if not any(re.fullmatch(p, line) for p in pats):
                problems.append("%s:%d: not a change line: %s" % (path, n, line))
                continue
            w = line.split()
            kind = w[1]
            if w[0] in ("joined", "left"):
                kind = "body"
            elif w[0] == "moved" and w[1] == "person":
                kind = "body"
            if kind not in KINDS:
                problems.append("%s:%d: unknown kind '%s'" % (path, n, kind))
                continue
            lines.append((n, line, KIND_OF_LINE.get(kind, kind)))
    # Grouped by kind, in the order of KINDS.
    last = -1
    for n, line, kind in lines:
        k = KINDS.index(kind)
        if k < last:
            problems.append("%s:%d: out of order (kind %s after %s): %s" %
                            (path, n, kind, KINDS[last], line))
        last = max(last, k)
    return [line for _, line, _ in lines]


def expected(old, new, ren, problems):
    inv = {v: k for k, v in ren.items()}
    out = []
    for o, n in ren.items():
        if o not in old.kind or o in new.kind:
            problems.append("renamed %s: the old id must be in OLD only" % o)
        if n not in new.kind or n in old.kind:
            problems.append("renamed %s: the new id must be in NEW only" % n)
        if o in old.kind and n in new.kind and old.kind[o] != new.kind[n]:
            problems.append("renamed %s -> %s: not one kind" % (o, n))
    po, pn = value(old.plan), value(new.plan)
    for k in sorted(set(po) | set(pn)):
        if po.get(k) != pn.get(k):
            out.append("changed plan %s" % k)
    # Which file holds the shared data is not part of what the plan means
    # (planc diff compares the entities, wherever they live): a changed
    # include: is no change.
    for i in old.order:
        if ren.get(i, i) not in new.kind:
            out.append("removed %s %s" % (old.kind[i], i))
    left, joined = {}, {}
    for i in old.order:        # members of a removed group or body left it
        if old.kind[i] in ("body", "group") and ren.get(i, i) not in new.kind:
            for p in members(old.node[i]):
                left.setdefault(p, []).append(i)
    for j in new.order:
        i = inv.get(j, j)
        kind = new.kind[j]
        if i not in old.kind:
            out.append("added %s %s" % (kind, j))
            continue
        if i != j:
            out.append("renamed %s %s -> %s" % (kind, i, j))
        fo, fn = old.fields(i, ren), new.fields(j, ren)
        for k in sorted(set(fo) | set(fn)):
            if fo.get(k) == fn.get(k):
                continue
            if k == "members":
                a, b = members(old.node[i]), members(new.node[j])
                for p in a:
                    if p not in b:
                        left.setdefault(p, []).append(j)
                for p in b:
                    if p not in a:
                        joined.setdefault(p, []).append(j)
            elif kind == "activity" and k in ("domain", "period"):
                out.append("moved activity %s %s %s -> %s" %
                           (j, k, value(get(old.node[i], k)), fn.get(k)))
            else:
                out.append("changed %s %s %s" % (kind, j, k))
    where = lambda g: "group" if g in new.parent or g in old.parent else "body"
    for p in sorted(set(left) | set(joined)):
        a, b = left.get(p, []), joined.get(p, [])
        while a and b:
            out.append("moved person %s group %s -> %s" % (p, a.pop(0), b.pop(0)))
        out += ["left %s %s %s" % (where(g), g, p) for g in a]
        out += ["joined %s %s %s" % (where(g), g, p) for g in b]
    return out


def scalars(node, path=()):
    """(path, style) of every scalar below node."""
    if isinstance(node, yaml.ScalarNode):
        yield path, node.style
    elif isinstance(node, yaml.SequenceNode):
        for n, v in enumerate(node.value):
            yield from scalars(v, path + (n,))
    else:
        for k, v in node.value:
            yield from scalars(v, path + (k.value,))


def no_change(old, new, line, ren, problems):
    _, kind, i, how = line.split()
    if i not in old.kind or i not in new.kind:
        problems.append("%s: the entity must be in both plans" % line)
        return
    if old.fields(i, ren) != new.fields(i, ren):
        problems.append("%s: the entity changed" % line)
        return
    a, b = old.node[i], new.node[i]
    if how == "rewrap":
        ok = value(get(a, "text")) != value(get(b, "text"))
    elif how == "requote":
        ok = dict(scalars(a)) != dict(scalars(b))
    else:
        ok = [k.value for k, _ in a.value] != [k.value for k, _ in b.value]
    if not ok:
        problems.append("%s: the source shows no such edit" % line)


def main(argv):
    if len(argv) != 4:
        sys.stderr.write("usage: changescheck.py OLD.yaml NEW.yaml CHANGES\n")
        return 2
    try:
        old, new = Plan(argv[1]), Plan(argv[2])
        problems = []
        lines = parse(argv[3], problems)
    except (OSError, yaml.YAMLError) as e:
        sys.stderr.write("changescheck.py: %s\n" % e)
        return 2
    ren = {}
    for line in lines:
        m = re.fullmatch(r"renamed \S+ (\S+) -> (\S+)", line)
        if m:
            ren[m.group(1)] = m.group(2)
    for line in lines:
        if line.startswith("no-change "):
            no_change(old, new, line, ren, problems)
    want = expected(old, new, ren, problems)
    have = [line for line in lines if not line.startswith("no-change ")]
    for line in want:
        if line not in have:
            problems.append("missing: %s" % line)
    for line in have:
        if line not in want:
            problems.append("not a change: %s" % line)
    if len(set(have)) != len(have):
        problems.append("a line appears twice")
    for p in problems:
        print("%s: %s" % (argv[3], p))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
