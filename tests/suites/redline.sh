# tests/suites/redline.sh - planc build --compare OLD NEW, the redline PDF:
# the 2018 -> 2019 redline read back (its summary's counts are diff --stat's,
# a known inserted and removed word, a removed activity's words, moved
# activities' notes), its annotations (/StrikeOut and /Underline with
# /QuadPoints, /Contents and /T planc, one per annotation the layout made;
# the summary's /Link destinations on pages of the document), qpdf --check;
# the small pair in tests/redline (a removed chapter, section, paragraph and
# activity struck through in place, each linked from the summary); a plan
# against itself (no marks, "no changes"); exit codes and the default output
# name; the documentation. Sourced by tests/run.

rd=$tmp/suite-redline
rm -rf "$rd" && mkdir -p "$rd"
old=plans/pact-2018.yaml
new=plans/pact-2019.yaml

# ---- 2018 -> 2019 ----
"$PLANC" build --compare "$old" "$new" -o "$rd/rl.pdf" 2>"$rd/err"
rc=$?
if [ "$rc" -eq 0 ] && [ -s "$rd/rl.pdf" ]; then
	ok
	check "redline: qpdf --check is clean" qpdf --check "$rd/rl.pdf"
	# Tagged like any build: the summary a Sect, the contents' entries
	# Links, every Underline/StrikeOut in an Annot element.
	check "redline: tagged and PDF/UA-1 conditions hold (pdfua.py)" \
		sh -c "pdfinfo '$rd/rl.pdf' | grep -q '^Tagged: *yes' &&
		python3 tests/tools/pdfua.py '$rd/rl.pdf'"
	pdftotext -q -enc UTF-8 "$rd/rl.pdf" "$rd/rl.txt"
	"$PLANC" build -o "$rd/plain.pdf" "$new" 2>/dev/null
	pdftotext -q -enc UTF-8 "$rd/plain.pdf" "$rd/plain.txt"
	# The summary's counts are diff's, in the plan's words.
	want=$("$PLANC" diff --stat "$old" "$new" | sed -E 's/([0-9]+) added, ([0-9]+) removed, ([0-9]+) changed, ([0-9]+) moved, ([0-9]+) renamed/\1 toegevoegd, \2 verwijderd, \3 gewijzigd, \4 verplaatst, \5 hernoemd/')
	check "redline: the summary's counts are diff --stat's ($want)" \
		grep -qxF "$want" "$rd/rl.txt"
	check "redline: the summary is the first page after the cover" \
		sh -c "pdftotext -q -f 2 -l 2 '$rd/rl.pdf' - | grep -q '^Wijzigingen'"
	# A removed activity ("pamflet") is in the redline, not in the plain PDF.
	check "redline: a removed activity's words are shown" \
		sh -c "grep -q 'handzaam' '$rd/rl.txt' && ! grep -q 'handzaam' '$rd/plain.txt'"
	check "redline: a moved activity has its note in the plan's words" \
		grep -q 'verplaatst van Professionalisering' "$rd/rl.txt"
	# Annotations: as many as the layout made, of the two kinds, each
	# with its words, its quadrilateral and planc as its author.
	"$PLANC" build --compare "$old" "$new" --dump-layout >"$rd/rl.dump" 2>/dev/null
	qpdf --qdf --object-streams=disable "$rd/rl.pdf" "$rd/rl.qdf" 2>/dev/null
	n_strike=$(grep -c '^  annot strikeout ' "$rd/rl.dump")
	n_under=$(grep -c '^  annot underline ' "$rd/rl.dump")
	check "redline: /StrikeOut annotations = struck runs ($n_strike)" \
		sh -c "[ $n_strike -gt 10 ] && [ \$(grep -ac '/Subtype /StrikeOut' '$rd/rl.qdf') -eq $n_strike ]"
	check "redline: /Underline annotations = inserted runs ($n_under)" \
		sh -c "[ $n_under -gt 10 ] && [ \$(grep -ac '/Subtype /Underline' '$rd/rl.qdf') -eq $n_under ]"
	check "redline: every markup annotation has /QuadPoints, /Contents, /T (planc)" \
		sh -c "[ \$(grep -ac '/QuadPoints' '$rd/rl.qdf') -eq $((n_strike + n_under)) ] &&
		    [ \$(grep -ac '/T (planc)' '$rd/rl.qdf') -eq $((n_strike + n_under)) ] &&
		    [ \$(grep -ac '/Contents <feff' '$rd/rl.qdf') -ge $((n_strike + n_under)) ]"
	# A known prose change (chapter naar-een-pact): "plan" struck, the new
	# words inserted, each marked in the dump and in an annotation.
	check "redline: --dump-layout marks a removed and an inserted word" \
		sh -c "grep -q ' regular 11.0 del plan\$' '$rd/rl.dump' &&
		    grep -q ' regular 11.0 ins programma-\$' '$rd/rl.dump'"
	check "redline: their annotations carry the words" \
		sh -c "grep -q '^  annot strikeout .* plan\$' '$rd/rl.dump' &&
		    grep -q '^  annot underline .* programma- en activiteitenplan 2019' '$rd/rl.dump'"
	check "redline: a roster marks who joined and who left, and a group that is gone" \
		sh -c "grep -q ' ins Risselada\$' '$rd/rl.dump' && grep -q ' del Dekker\$' '$rd/rl.dump' &&
		    grep -q ' bold 11.0 del Secretariaat\$' '$rd/rl.dump'"
	check "redline: an activity's new partner is underlined" \
		grep -q ' regular 11.0 ins VNG$' "$rd/rl.dump"
	check "redline: changed lines have change bars (fills in the margin)" \
		sh -c "awk '/^page /{w=\$6} /^  fill / && (\$5 > w - 72 || \$5 < 72) {n++} END{exit !(n > 50)}' '$rd/rl.dump'"
	# The summary's links lead to pages of the document.
	/usr/bin/python3 - "$rd/rl.pdf" >"$rd/links" 2>&1 <<'PY'
import json, subprocess, sys
j = json.loads(subprocess.run(["qpdf", "--json", sys.argv[1]], capture_output=True, text=True).stdout)
objs = j["objects"] if "objects" in j else j["qpdf"][1]
def get(ref):
    o = objs.get(ref) or objs.get("obj:" + ref)
    return o.get("value", o) if isinstance(o, dict) else o
pages = [p["object"] for p in j["pages"]]
annots = get(pages[1]).get("/Annots", [])
if isinstance(annots, str):
    annots = get(annots)
n = 0
for a in annots:
    a = get(a)
    if a.get("/Subtype") != "/Link":
        continue
    dest = a.get("/Dest")
    if isinstance(dest, str):
        dest = get(dest)
    if not dest or dest[0] not in pages[2:]:
        print("bad destination", dest); sys.exit(1)
    n += 1
print(n)
sys.exit(0 if n >= 20 else 1)
PY
	check "redline: the summary page's links lead into the document" \
		sh -c "[ \$(tail -1 '$rd/links') -ge 20 ] 2>/dev/null" 
else
	not_ok "redline: 2018 -> 2019 does not build (exit $rc)" "$(cat "$rd/err")"
fi

# ---- removed entities in place: tests/redline/old.yaml -> new.yaml ----
"$PLANC" build --compare tests/redline/old.yaml tests/redline/new.yaml \
	--dump-layout >"$rd/small.dump" 2>"$rd/err"
check "redline: the small pair builds" test $? -eq 0
check "redline: a removed section and chapter are struck through" \
	sh -c "grep -q ' bold 12.5 del werkwijze\$' '$rd/small.dump' &&
	    grep -q ' bold 15.0 del hoofdstuk\$' '$rd/small.dump' &&
	    grep -q ' del buurthuis.\$' '$rd/small.dump'"
check "redline: a removed chapter's own section follows it, struck" \
	sh -c "awk '/ del hoofdstuk\$/ { c = NR } / bold 12.5 del Bezoekrooster\$/ { s = NR }
	    END { exit !(c && s > c) }' '$rd/small.dump' && grep -q ' del voorjaarsbezoeken.\$' '$rd/small.dump'"
check "redline: a removed paragraph is struck through in its chapter" \
	grep -q ' del leesclub$' "$rd/small.dump"
check "redline: a removed activity is a struck row of the table" \
	sh -c "grep -q ' italic 11.0 del Schrijversbezoek\$' '$rd/small.dump' &&
	    grep -q ' del kinderboekenschrijver\$' '$rd/small.dump'"
check "redline: a changed word: the old struck, the new underlined" \
	sh -c "grep -q ' del verwend\$' '$rd/small.dump' && grep -q ' ins voorgelezen\$' '$rd/small.dump'"
check "redline: the moved activity's note" \
	grep -q ' note Voorjaar' "$rd/small.dump"
# Each removed entity's summary line links to its page (the last page).
last=$(grep -c '^page ' "$rd/small.dump")
check "redline: the summary links to removed entities where they are shown" \
	sh -c "[ \$(awk '/^page 2 /,/^page 3 /' '$rd/small.dump' | grep -c 'link .* to page $last ') -eq 3 ]"

# ---- a plan against itself ----
"$PLANC" build --compare "$old" "$old" --dump-layout >"$rd/self.dump" 2>/dev/null
check "redline: a plan against itself has no marks and no annotations" \
	sh -c "[ -s '$rd/self.dump' ] && ! grep -qE ' (ins|del|note) |^  annot ' '$rd/self.dump'"
check "redline: ... and its summary says there are no changes" \
	sh -c "grep -q ' Geen$' '$rd/self.dump' && grep -q ' wijzigingen.$' '$rd/self.dump' &&
	    grep -q ' 0 *$' '$rd/self.dump'"

# ---- exit codes, outputs ----
mkdir -p "$rd/p"
cp plans/pact-2018.yaml plans/pact-organisation.yaml plans/pact-2019.yaml \
	plans/pact-2019-organisation.yaml "$rd/p/"
"$PLANC" build --compare "$rd/p/pact-2018.yaml" "$rd/p/pact-2019.yaml" 2>/dev/null
check "redline: the default output is NEW's name with -redline.pdf" \
	sh -c "[ -s '$rd/p/pact-2019-redline.pdf' ] && [ ! -e '$rd/p/pact-2019.pdf' ]"
printf 'plan: { title: T, date: 2018-13 }\n' >"$rd/p/bad.yaml"
rm -f "$rd/p/x.pdf"
"$PLANC" build --compare "$rd/p/bad.yaml" "$rd/p/pact-2019.yaml" -o "$rd/p/x.pdf" 2>"$rd/err"
rc=$?
check "redline: errors in OLD: exit 1, its diagnostic, no PDF" \
	sh -c "[ $rc -eq 1 ] && grep -q '^$rd/p/bad.yaml:1:' '$rd/err' && [ ! -e '$rd/p/x.pdf' ]"
"$PLANC" build --compare "$rd/p/missing.yaml" "$rd/p/pact-2019.yaml" -o "$rd/p/x.pdf" 2>"$rd/err"
rc=$?
check "redline: an unreadable OLD: exit 2, no PDF" \
	sh -c "[ $rc -eq 2 ] && [ ! -e '$rd/p/x.pdf' ] && grep -q 'missing.yaml' '$rd/err'"
cp "$rd/p/pact-2018.yaml" "$rd/p/keep.yaml"
"$PLANC" build --compare "$rd/p/pact-2018.yaml" "$rd/p/pact-2019.yaml" -o "$rd/p/pact-2018.yaml" 2>"$rd/err"
rc=$?
check "redline: OLD as the output: exit 2 [output], OLD untouched" \
	sh -c "[ $rc -eq 2 ] && grep -q '\[output\]' '$rd/err' && cmp -s '$rd/p/pact-2018.yaml' '$rd/p/keep.yaml'"
"$PLANC" build --compare "$rd/p/pact-2018.yaml" "$rd/p/pact-2019.yaml" -o "$rd/p/pact-organisation.yaml" 2>"$rd/err"
rc=$?
check "redline: a file OLD includes as the output: exit 2 [output]" \
	sh -c "[ $rc -eq 2 ] && grep -q '^$rd/p/pact-organisation.yaml: error: refusing .*\[output\]' '$rd/err'"
"$PLANC" build --compare 2>"$rd/err"
rc=$?
check "redline: --compare without a value is a usage error" \
	sh -c "[ $rc -eq 2 ] && grep -q \"missing argument for '--compare'\" '$rd/err'"

# ---- documented ----
check "redline: README, the man page and --help name --compare" \
	sh -c "grep -q -- '--compare' README.md && grep -q 'compare' src/planc.1 &&
	    '$PLANC' build --help | grep -q -- '--compare OLD'"

# Standard input can be one side of a redline, not both.
echo 'plan: { title: x, date: 2018-03 }' |
	"$PLANC" build --compare - - -o "$tmp/rl-stdin.pdf" >/dev/null 2>"$tmp/rl-stdin.err"
check "redline: --compare - with the plan - too is a usage error (exit 2), nothing written" \
	sh -c "[ $? -eq 2 ] && grep -q 'standard input (-) can be read only once' '$tmp/rl-stdin.err' && [ ! -e '$tmp/rl-stdin.pdf' ]"
"$PLANC" build --compare plans/pact-2018.yaml --stdin-filename plans/pact-2019.yaml \
	-o "$tmp/rl-stdin.pdf" - <plans/pact-2019.yaml >/dev/null 2>&1
check "redline: the new plan from standard input (--stdin-filename for its includes)" \
	sh -c "[ $? -eq 0 ] && pdftotext '$tmp/rl-stdin.pdf' - | grep -q 'toegevoegd'"
