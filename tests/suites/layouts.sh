# tests/suites/layouts.sh - layouts: layouts/*.yaml and --layout. Golden
# diagnostics of broken layouts, the shipped layouts load cleanly and give
# different PDFs, the plan's `layout:` is followed, a layout's error writes
# nothing, and `check` checks the layout too. Sourced by tests/run.

# ---- golden cases: tests/layouts/CASE.yaml against CASE.diag ----
# The diagnostics of `planc check --layout CASE.yaml plans/example.yaml`
# (the example plan is clean, so they are all the layout's); exit 1 iff
# the .diag holds an error.
for f in tests/layouts/*.yaml; do
	[ -e "$f" ] || continue
	name=$(basename "$f" .yaml)
	want=${f%.yaml}.diag
	timeout 10 "$PLANC" check --layout "$f" plans/example.yaml >"$tmp/out" 2>"$tmp/err"
	rc=$?
	expect=0
	grep -q ': error: ' "$want" 2>/dev/null && expect=1
	if [ ! -e "$want" ]; then
		not_ok "layout $name: no $want"
	elif ! diff -u "$want" "$tmp/err" >"$tmp/diff"; then
		not_ok "layout $name: diagnostics differ" "$(cat "$tmp/diff")"
	elif [ "$rc" -ne "$expect" ]; then
		not_ok "layout $name: exit $rc, expected $expect"
	else
		ok
	fi
done

# ---- the shipped layouts ----
for l in layouts/*.yaml; do
	name=$(basename "$l" .yaml)
	"$PLANC" check --layout "$name" plans/example.yaml >"$tmp/out" 2>"$tmp/err"
	check "layouts/$name.yaml: loads without a diagnostic" \
		sh -c "[ $? -eq 0 ] && [ ! -s '$tmp/err' ]"
	"$PLANC" check --layout "$l" plans/example.yaml >"$tmp/out" 2>"$tmp/err"
	check "layouts/$name.yaml: loads by path too" \
		sh -c "[ $? -eq 0 ] && [ ! -s '$tmp/err' ]"
done

# Each plan in plans/ (a file with a plan: mapping; the others are
# included by them) in each layout; the two layouts must give different
# PDFs.
for plan in $(grep -l '^plan:' plans/*.yaml); do
	base=$(basename "$plan" .yaml)
	for l in pact plain; do
		if SOURCE_DATE_EPOCH=1520000000 "$PLANC" build --layout "$l" \
		    -o "$tmp/$base-$l.pdf" "$plan" 2>"$tmp/err"; then
			ok
		else
			not_ok "layout $l: build $plan fails" "$(head -20 "$tmp/err")"
		fi
	done
	check "layout: pact and plain give different PDFs of $base" \
		sh -c "! cmp -s '$tmp/$base-pact.pdf' '$tmp/$base-plain.pdf'"
done
check "layout pact: the 2018 plan is set in Carlito" \
	sh -c "pdffonts '$tmp/pact-2018-pact.pdf' 2>/dev/null | grep -q Carlito"
check "layout plain: the 2018 plan is set in DejaVu Sans, without Carlito" \
	sh -c "pdffonts '$tmp/pact-2018-plain.pdf' 2>/dev/null | grep -q DejaVuSans &&
	! pdffonts '$tmp/pact-2018-plain.pdf' 2>/dev/null | grep -q Carlito"
check "layout plain: qpdf --check" qpdf --check "$tmp/pact-2018-plain.pdf"
# The plan says `layout: pact`: the same PDF as --layout pact.
SOURCE_DATE_EPOCH=1520000000 "$PLANC" build -o "$tmp/default.pdf" plans/pact-2018.yaml 2>/dev/null
check "layout: without --layout the plan's layout (pact) is used" \
	cmp "$tmp/default.pdf" "$tmp/pact-2018-pact.pdf"

# plain's margins (30mm left and right, 25mm top and bottom) and its header
# ("{chapter}    {page}" at the right) reach the pages.
"$PLANC" build --layout plain --dump-layout plans/pact-2018.yaml >"$tmp/plain.dump" 2>/dev/null
check "layout plain: the text area follows its margins" \
	grep -q '^page 2 number 2 size 595.28 841.89 area 85.04 70.87 510.24 771.02$' "$tmp/plain.dump"
check "layout plain: the header names the chapter and the page" \
	sh -c "pdftotext -q -f 4 -l 4 -layout '$tmp/pact-2018-plain.pdf' - | head -3 | grep -qE '[0-9]\\. .*  +4\$'"

# plain's narrower measure wraps a long contents entry: between words,
# never with a hyphen ("Kindcen-tra").
check "layout plain: a wrapped contents entry is not hyphenated" \
	sh -c "pdftotext -q -f 2 -l 2 '$tmp/pact-2018-plain.pdf' - | grep -q '^Kindcentra' &&
	! pdftotext -q -f 2 -l 2 '$tmp/pact-2018-plain.pdf' - | grep -q -- '-\$'"

# new-page on the headings: sections begin pages (but a chapter's first
# when the chapter has no text of its own), parts need not.
printf 'text: { part: { new-page: false }, section: { new-page: true } }\n' >"$tmp/np.yaml"
"$PLANC" build --layout "$tmp/np.yaml" --dump-layout plans/pact-2018.yaml >"$tmp/np.dump" 2>/dev/null
check "layout: section new-page: 1.1 and 2.2 begin pages, 2.1 follows its chapter" \
	sh -c "grep -q '^mark 2 page [0-9]* y 769.89 1\.1 ' '$tmp/np.dump' &&
	grep -q '^mark 2 page [0-9]* y 769.89 2\.2 ' '$tmp/np.dump' &&
	! grep -q '^mark 2 page [0-9]* y 769.89 2\.1 ' '$tmp/np.dump'"
check "layout: part new-page false: DEEL 2 follows on the page before" \
	sh -c "grep -q '^mark 0 page ' '$tmp/np.dump' &&
	! grep -q '^mark 0 page [0-9]* y 769.89 DEEL 2 ' '$tmp/np.dump'"

# part-orientation: part 2 of the 2018 plan on landscape pages (its
# prose set in their measure), the parts around it upright; the caption
# and header of the table go with the first row's opening lines.
printf 'page: { part-orientation: { 2: landscape } }\n' >"$tmp/po.yaml"
"$PLANC" build --layout "$tmp/po.yaml" --dump-layout plans/pact-2018.yaml >"$tmp/po.dump" 2>/dev/null
check "layout: part-orientation turns part 2's pages, and only those" \
	awk '/^page /{ p = $2; land[p] = ($6 > $7) }
	    /^mark 0 /{ start[++n] = $4 }
	    END { if (n != 3) exit 1
		for (q = 1; q <= p; q++)
			if (land[q] != (q >= start[2] && q < start[3])) exit 1 }' "$tmp/po.dump"
check "layout: a landscape part's prose fills the landscape measure" \
	awk -v rule=measure -f tests/tools/layoutcheck.awk "$tmp/po.dump"
check "layout: the table's header opens a page with the first activities under it" \
	awk '/^page /{ p = $2 } / Ambitie$/ && !h { h = p } / Goede$/ && !g { g = p }
	    END { exit !(h && h == g) }' "$tmp/po.dump"
check "layout: a landscape part's prose is set wider than 600pt" \
	awk '/^page /{ land = ($6 > $7) } land && /^  y / && $4 + $6 > 660 { found = 1 } END { exit !found }' "$tmp/po.dump"

# The cover's roles reach the cover: the tagline, the date and the foot
# line in the sizes the layout gives.
printf 'text: { cover-tagline: { size: 17pt }, cover-date: { size: 21pt }, cover-footer: { size: 9.5pt } }\n' >"$tmp/cover.yaml"
"$PLANC" build --layout "$tmp/cover.yaml" --dump-layout plans/pact-2018.yaml 2>/dev/null |
	awk '/^page 2 /{exit} {print}' >"$tmp/cover.dump"
check "layout: the cover's tagline, date and foot line take their roles' sizes" \
	sh -c "grep -q ' italic 17.0 ontwikkel$' '$tmp/cover.dump' &&
	grep -q ' regular 21.0 Maart$' '$tmp/cover.dump' &&
	grep -q ' regular 9.5 Bouwt$' '$tmp/cover.dump'"

# A layout with every kind of value (landscape A4, a .ttf file, lengths in
# every unit, a landscape table) sets the 2018 plan.
if "$PLANC" build --layout tests/layouts/clean.yaml -o "$tmp/clean.pdf" plans/pact-2018.yaml 2>"$tmp/err"; then
	ok
	check "layout clean.yaml: landscape pages" \
		sh -c "pdfinfo '$tmp/clean.pdf' | grep -q 'Page size: *841.89 x 595.2'"
else
	not_ok "layout clean.yaml: build fails" "$(head -20 "$tmp/err")"
fi

# A family that only the system has is found by fontconfig.
printf 'fonts: { regular: DejaVu Serif }\n' >"$tmp/serif.yaml"
if [ -e /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ]; then
	"$PLANC" build --layout "$tmp/serif.yaml" -o "$tmp/serif.pdf" plans/example.yaml 2>"$tmp/err"
	check "layout: a system family (DejaVu Serif) is found by fontconfig" \
		sh -c "[ $? -eq 0 ] && pdffonts '$tmp/serif.pdf' | grep -q DejaVuSerif"
fi

# ---- unknown and unreadable layouts ----
# --layout with a name planc has no layout for is a usage error (exit 2),
# with the names it has and a did-you-mean; so is a file that cannot be
# read. Nothing is written.
rm -f "$tmp/none.pdf"
"$PLANC" build --layout nosuch -o "$tmp/none.pdf" plans/example.yaml 2>"$tmp/err"
check "layout: build --layout nosuch exits 2 and writes nothing" \
	sh -c "[ $? -eq 2 ] && [ ! -e '$tmp/none.pdf' ] &&
	grep -q \"^planc: error: unknown layout 'nosuch': planc has pact and plain \\[bad-value\\]\" '$tmp/err'"
"$PLANC" check --layout plian plans/example.yaml 2>"$tmp/err"
check "layout: check --layout plian exits 2 and suggests plain" \
	sh -c "[ $? -eq 2 ] && grep -q \"did you mean 'plain'\" '$tmp/err'"
"$PLANC" build --layout "$tmp/absent.yaml" -o "$tmp/none.pdf" plans/example.yaml 2>"$tmp/err"
check "layout: an unreadable --layout file exits 2 and writes nothing" \
	sh -c "[ $? -eq 2 ] && [ ! -e '$tmp/none.pdf' ] && grep -q \"^$tmp/absent.yaml: error: cannot read the file: No such file or directory \\[io\\]\" '$tmp/err'"

# ---- a broken layout writes nothing ----
"$PLANC" build -o "$tmp/keep.pdf" plans/example.yaml 2>/dev/null
cp "$tmp/keep.pdf" "$tmp/keep.copy"
"$PLANC" build --layout tests/layouts/bad-colour.yaml -o "$tmp/keep.pdf" plans/example.yaml 2>"$tmp/err"
check "layout: a broken layout exits 1 with its diagnostics" \
	sh -c "[ $? -eq 1 ] && grep -q '^tests/layouts/bad-colour.yaml:4:19: error: ' '$tmp/err'"
check "layout: a broken layout leaves the old PDF byte for byte" cmp "$tmp/keep.pdf" "$tmp/keep.copy"
"$PLANC" build --layout tests/layouts/bad-colour.yaml -o - plans/example.yaml >"$tmp/stdout.pdf" 2>/dev/null
check "layout: a broken layout writes nothing to -o -" test ! -s "$tmp/stdout.pdf"

# ---- the plan's own layout: ----
# A path is relative to the plan; its problems are reported in the layout
# file; an unknown name or an unreadable file is the plan's error (exit 1).
mkdir -p "$tmp/own"
abs_planc=$(cd "$(dirname "$PLANC")" && pwd)/$(basename "$PLANC")
printf 'plan: { title: Eigen, date: 2018-03, layout: mine.yaml }\n' >"$tmp/own/plan.yaml"
printf 'justify: false\nfooter: { text: "{page}", colour: red }\n' >"$tmp/own/mine.yaml"
(cd "$tmp" && "$abs_planc" check own/plan.yaml) >/dev/null 2>"$tmp/err"
check "plan layout: a path relative to the plan; its error is in the layout" \
	sh -c "[ $? -eq 1 ] && grep -q \"^own/mine.yaml:2:35: error: 'red' is not a colour\" '$tmp/err'"
(cd "$tmp" && "$abs_planc" check --layout plain own/plan.yaml) >/dev/null 2>"$tmp/err"
check "plan layout: --layout overrides the plan's layout" \
	sh -c "[ $? -eq 0 ] && [ ! -s '$tmp/err' ]"
cp "$tmp/own/plan.yaml" "$tmp/own/second.yaml"
(cd "$tmp" && "$abs_planc" check own/plan.yaml own/second.yaml) >/dev/null 2>"$tmp/err"
check "plan layout: two plans with one broken layout report it once" \
	test "$(grep -c 'is not a colour' "$tmp/err")" -eq 1
printf 'plan: { title: Eigen, date: 2018-03, layout: weg.yaml }\n' >"$tmp/own/gone.yaml"
(cd "$tmp" && "$abs_planc" check own/gone.yaml) >/dev/null 2>"$tmp/err"
check "plan layout: an unreadable layout file is the plan's error at its name" \
	sh -c "[ $? -eq 1 ] && grep -q \"^own/gone.yaml:1:46: error: cannot read layout 'own/weg.yaml'.*\\[io\\]\" '$tmp/err'"

# ---- check checks the default layout too ----
# A data directory whose pact.yaml is broken: check of a clean plan fails.
mkdir -p "$tmp/data/layouts"
ln -s "$PWD/fonts" "$tmp/data/fonts"
printf 'page: { size: A4, margins: 2 }\n' >"$tmp/data/layouts/pact.yaml"
PLANC_DATADIR="$tmp/data" "$PLANC" check tests/check/clean.yaml >/dev/null 2>"$tmp/err"
check "layout: check also checks the default layout" \
	sh -c "[ $? -eq 1 ] && grep -q \"^$tmp/data/layouts/pact.yaml:1:28: error: '2' needs a unit\" '$tmp/err'"

# ---- hostile files as layouts: the loader's limits hold here too ----
for f in tests/bad/*; do
	[ -f "$f" ] || continue
	name=$(basename "$f")
	timeout 5 "$PLANC" check --layout "$f" plans/example.yaml >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 1 ] && [ "$rc" -ne 2 ]; then
		not_ok "layout from bad/$name: exit $rc, expected 1 or 2" "$(head -5 "$tmp/err")"
	elif ! grep -qE '^[^:]+:[0-9]+:[0-9]+: error: |^planc: ' "$tmp/err"; then
		not_ok "layout from bad/$name: no positioned message" "$(head -5 "$tmp/err")"
	else
		ok
	fi
done

# Extreme but valid layouts set a plan without hanging: a page of two
# inches with large type, and tiny type on a large page.
printf 'page: { size: [2in, 2in], margins: 0 }\ntext: { body: { size: 144pt }, chapter: { size: 144pt } }\n' >"$tmp/tiny.yaml"
printf 'page: { size: A3, margins: 0 }\ntext: { body: { size: 0.5pt }, note: { size: 0.5pt } }\n' >"$tmp/huge.yaml"
for l in tiny huge; do
	timeout 20 "$PLANC" build --layout "$tmp/$l.yaml" -o "$tmp/$l.pdf" plans/example.yaml >/dev/null 2>"$tmp/err"
	rc=$?
	check "layout $l: build ends (exit 0 or 1), no crash or hang" \
		sh -c "[ $rc -eq 0 ] || [ $rc -eq 1 ]"
done
