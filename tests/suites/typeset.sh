# tests/suites/typeset.sh - typesetting, asserted on the layout dump
# (`planc build --dump-layout`) and on the text of the PDF per page:
# lines within their measure, no widows or orphans, no heading last on a
# page, footnotes on the page of their mark, the activity table's rows
# split under a repeated header, and contents whose page numbers are right
# even when the contents take two pages. Sourced by tests/run.

# layout_rules NAME DUMP: the four rules of tests/tools/layoutcheck.awk
layout_rules() {
	local rule
	for rule in measure vertical widows headings footnotes; do
		[ "$rule" = footnotes ] && ! grep -q '\[\^' "$2.src" 2>/dev/null && continue
		check "$1: $rule" awk -v rule="$rule" -f tests/tools/layoutcheck.awk "$3"
	done
}

# page_text PDF N: the text of page N
page_text() { pdftotext -q -enc UTF-8 -f "$2" -l "$2" -layout "$1" - 2>/dev/null | tr -d '\f'; }

for plan in plans/pact-2018.yaml plans/pact-2019.yaml tests/typeset/tall-row.yaml tests/typeset/long-toc.yaml \
    tests/typeset/long-note.yaml; do
	name=$(basename "$plan" .yaml)
	dump="$tmp/$name.dump"
	if "$PLANC" build --dump-layout "$plan" >"$dump" 2>"$tmp/err"; then
		ok
	else
		not_ok "typeset $name: --dump-layout fails" "$(cat "$tmp/err")"
		continue
	fi
	cp "$plan" "$dump.src"
	layout_rules "typeset $name" "$dump" "$dump"
	marks=$(grep -c '^mark [0-9]' "$dump")
	links=$(awk '/^page /{p=$2} /^  link /{if (p <= 4) n++} END{print n+0}' "$dump")
	# Entry per heading, each a link; the contents are within the first
	# pages of these plans.
	check "typeset $name: a contents link per heading ($marks)" test "$links" -eq "$marks"
	check "typeset $name: --dump-layout writes no PDF" test ! -e "${plan%.yaml}.pdf"
done

# The same rules in the plain layout (10pt text, 8pt notes, ragged right,
# the table in 9pt); its table's activities column lies between x 204 and
# 404 (columns 0.28 and 0.47 of 425 points from 85).
for year in 2018 2019; do
	"$PLANC" build --layout plain --dump-layout plans/pact-$year.yaml >"$tmp/plain-$year.dump" 2>/dev/null
	for rule in measure vertical widows headings footnotes; do
		check "typeset pact-$year (plain): $rule" \
			awk -v rule="$rule" -v body=10 -v note=8 -f tests/tools/layoutcheck.awk "$tmp/plain-$year.dump"
	done
done
cp "$tmp/plain-2018.dump" "$tmp/plain.dump"

# A line broken after a word's own hyphen ("onderwijs-zorg-|jeugd") ends
# in that hyphen, not in a second one the breaker added.
for dump in "$tmp/pact-2018.dump" "$tmp/pact-2019.dump" "$tmp/plain-2018.dump" \
    "$tmp/plain-2019.dump"; do
	check "typeset $(basename "$dump" .dump): no line ends in a doubled hyphen" \
		sh -c "! grep -E '^  y .*[^-]--\$' '$dump'"
done
# Where the compound falls depends on the words' shaped widths: in one of
# the two layouts a line ends after its hyphen.
check "typeset pact-2019: a line breaks after the hyphen of onderwijs-zorg-jeugd" \
	grep -q ' onderwijs-zorg-$' "$tmp/pact-2019.dump" "$tmp/plain-2019.dump"
check "typeset pact-2018 (plain): no row cut under a heading or a list's opening line" \
	awk -v left=200 -v right=403 -f tests/tools/tablecuts.awk "$tmp/plain.dump"

# The footnote check must be able to fail: a mark whose note is elsewhere.
printf 'page 1 number 1 size 595 842 area 72 72 523 770\n  y 700 x 72 w 5 p 1 regular 6.8 1\npage 2 number 2 size 595 842 area 72 72 523 770\n  y 80 x 72 w 4 p 2 regular 5.9 1\n' >"$tmp/fake.dump"
check "typeset: the footnote rule catches a note on the wrong page" \
	sh -c "! awk -v rule=footnotes -f tests/tools/layoutcheck.awk '$tmp/fake.dump' >/dev/null"
printf 'page 1 number 1 size 595 842 area 72 72 523 770\n  y 700 x 500 w 30 p 1 regular 11 overvol\n' >"$tmp/fake.dump"
check "typeset: the measure rule catches an overfull line" \
	sh -c "! awk -v rule=measure -f tests/tools/layoutcheck.awk '$tmp/fake.dump' >/dev/null"
printf 'page 1 number 1 size 595 842 area 72 72 523 770\n  y 40 x 72 w 30 p 1 regular 11 onder\n' >"$tmp/fake.dump"
check "typeset: the vertical rule catches a line below the foot" \
	sh -c "! awk -v rule=vertical -f tests/tools/layoutcheck.awk '$tmp/fake.dump' >/dev/null"

# ---- a footnote that must continue ----
# Its mark and first lines on one page, the rest at the foot of the next,
# above the bottom margin on both.
check "long-note: the footnote starts on its mark's page and continues" \
	awk '/^page /{p = $2} / 6\.8 1$/{mark = p} / 8\.5 /{n[p]++; if ($2 < 72) low = 1}
	    END{exit !(mark && n[mark] >= 2 && n[mark + 1] >= 2 && !low)}' "$tmp/long-note.dump"

# ---- a 300-letter word: broken inside the margins ----
"$PLANC" build --dump-layout tests/build/long-word.yaml >"$tmp/long-word.dump" 2>/dev/null
check "long-word: every line within the measure" \
	awk -v rule=measure -f tests/tools/layoutcheck.awk "$tmp/long-word.dump"
check "long-word: the word is set whole, over four lines" \
	sh -c "awk -f tests/tools/linebreaks.awk '$tmp/long-word.dump' | grep -c 'Kinderopvang' | grep -qx 4"

# ---- references to parts of the document: number, page and link ----
pdf="$tmp/refs.pdf"
if "$PLANC" build -o "$pdf" tests/typeset/refs.yaml 2>"$tmp/err"; then
	line=$(pdftotext -q "$pdf" - | grep '^Zie ')
	n=$(printf '%s\n' "$line" | sed -nE 's/.*paragraaf 2\.1 \(p\. ([0-9]+)\).*/\1/p')
	check "refs: a section prints its number and page ($line)" test -n "$n"
	check "refs: the page printed is the section's page" \
		sh -c "pdftotext -q -f '$n' -l '$n' '$pdf' - | grep -q '^2.1 De aanpak'"
	"$PLANC" build --dump-layout tests/typeset/refs.yaml >"$tmp/refs.dump" 2>/dev/null
	# Three references, each one link area to its heading's top.
	check "refs: one link per reference, to the heading" \
		sh -c "awk 'NR == FNR {if (/^mark 2 /) y = \$6; next} /^page 3 /{p = 1} /^page 4 /{p = 0} p && /^  link /{n++; if (\$12 == y) s++} END{exit !(n == 3 && s == 1)}' '$tmp/refs.dump' '$tmp/refs.dump'"
else
	not_ok "refs: build fails" "$(cat "$tmp/err")"
fi

# ---- words in another language ----
"$PLANC" build --dump-layout tests/typeset/foreign.yaml >"$tmp/foreign.dump" 2>/dev/null
check "foreign: an unmarked English word is hyphenated, the marked one is not" \
	sh -c "[ \$(grep -c ' interna-\$' '$tmp/foreign.dump') -eq 1 ] &&
	    [ \$(grep -c ' internationalization\$' '$tmp/foreign.dump') -eq 1 ]"
check "foreign: the brackets and {lang=en} are not printed" \
	sh -c "! grep -q 'lang=' '$tmp/foreign.dump'"

# ---- soft hyphens ----
"$PLANC" build --dump-layout tests/typeset/soft-hyphen.yaml >"$tmp/soft.dump" 2>/dev/null
check "soft-hyphen: the word breaks at its soft hyphen, the unmarked one by pattern" \
	sh -c "grep -q ' kinderopvang-\$' '$tmp/soft.dump' && grep -q ' kinderop-\$' '$tmp/soft.dump'"
check "soft-hyphen: no U+00AD reaches the page" \
	sh -c "! grep -q \$(printf '\\302\\255') '$tmp/soft.dump'"

# ---- ties: no break inside "13 juni 2018", "o.a. de", "PO-Raad", "50 %" ----
if "$PLANC" build --dump-layout tests/typeset/ties.yaml >"$tmp/ties.dump" 2>"$tmp/err"; then
	check "ties: no line breaks inside a tie" \
		sh -c "awk -f tests/tools/linebreaks.awk '$tmp/ties.dump' | awk -f tests/tools/tiecheck.awk"
	check "ties: the paragraphs are still justified within the measure" \
		awk -v rule=measure -f tests/tools/layoutcheck.awk "$tmp/ties.dump"
else
	not_ok "ties: build fails" "$(cat "$tmp/err")"
fi

# ---- a table row three pages tall ----
pdf="$tmp/tall-row.pdf"
if "$PLANC" build -o "$pdf" tests/typeset/tall-row.yaml 2>"$tmp/err"; then
	pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
	first=$(for i in $(seq 1 "$pages"); do page_text "$pdf" "$i" | grep -q 'Met wie' && echo "$i"; done | head -1)
	tablepages=$(for i in $(seq 1 "$pages"); do page_text "$pdf" "$i" | grep -q 'Met wie' && echo "$i"; done | wc -l)
	check "tall-row: the table runs over at least 3 pages ($tablepages)" test "$tablepages" -ge 3
	bad=""
	for i in $(seq $((first + 1)) "$pages"); do
		t=$(page_text "$pdf" "$i")
		printf '%s' "$t" | grep -q 'Ambitie.*Activiteiten.*Met wie' || bad="$bad header:$i"
		# Every continued page but the last starts the long row again.
		if [ "$i" -lt "$pages" ]; then
			printf '%s' "$t" | grep -q 'Eén domein (vervolg)' || bad="$bad vervolg:$i"
		fi
		# No stranded header: text follows it on the page.
		[ "$(printf '%s\n' "$t" | grep -c '[a-z]')" -gt 4 ] || bad="$bad stranded:$i"
	done
	check "tall-row: header repeated, (vervolg) and text on every continued page" test -z "$bad"
	check "tall-row: the next row follows the split one" \
		sh -c "pdftotext -q '$pdf' - | grep -q 'Tweede domein'"
	check "tall-row: the long text is all there" \
		sh -c "pdftotext -q -raw '$pdf' - | tr -d '\n' | grep -q 'Een lange activiteit'"
else
	not_ok "tall-row: build fails" "$(cat "$tmp/err")"
fi

# ---- contents: every entry names the page its heading is on ----
# toc_entries NAME PDF DUMP COUNT: the contents run from page 2 to the page
# before the first part; each entry "TITLE . . . N" must have its heading on
# page N, and there must be COUNT entries.
toc_entries() {
	local body entries=0 bad="" line title num
	body=$(awk '/^mark 0 /{print $4; exit}' "$3")
	for i in $(seq 2 $((body - 1))); do page_text "$2" "$i"; done >"$tmp/toc.txt"
	while IFS= read -r line; do
		title=$(printf '%s\n' "$line" | sed -E 's/^ *//; s/ *(\. )+\.? *[0-9]+ *$//; s/  +/ /g')
		num=$(printf '%s\n' "$line" | sed -E 's/.* ([0-9]+) *$/\1/')
		entries=$((entries + 1))
		page_text "$2" "$num" | sed -E 's/  +/ /g' | grep -qF "$title" || bad="$bad [$title → $num]"
	done < <(grep -E '\. \. .* [0-9]+ *$' "$tmp/toc.txt")
	check "$1: $4 contents entries, each on the page it names ($entries)" \
		sh -c "[ $entries -eq $4 ] && [ -z '$bad' ] || { echo '$bad'; exit 1; }"
}

pdf="$tmp/long-toc.pdf"
if "$PLANC" build -o "$pdf" tests/typeset/long-toc.yaml 2>"$tmp/err"; then
	body=$(awk '/^mark 0 /{print $4; exit}' "$tmp/long-toc.dump")
	check "long-toc: the contents take more than one page" test "$body" -gt 3
	toc_entries long-toc "$pdf" "$tmp/long-toc.dump" 108
else
	not_ok "long-toc: build fails" "$(cat "$tmp/err")"
fi
pdf="$tmp/pact-toc.pdf"
if "$PLANC" build -o "$pdf" plans/pact-2018.yaml 2>/dev/null; then
	toc_entries pact-2018 "$pdf" "$tmp/pact-2018.dump" 22
else
	not_ok "pact-2018: build fails"
fi

# ---- the 2018 plan with the pact layout: where rows split, where
# chapters begin ----
# Its activities column lies between x 207 and 410 (columns 0.30 and 0.45
# of 451 points from 72).
check "pact-2018: no row cut under a period's heading or a list's opening line" \
	awk -v left=205 -v right=410 -f tests/tools/tablecuts.awk "$tmp/pact-2018.dump"
# keep-together: a chapter that does not begin a page is whole on the
# page it shares (the next chapter begins the next page); 8 follows 7.
check "pact-2018: every chapter but a part's first begins a page (new-page) or is kept whole on one (keep-together)" \
	awk '/^mark [01] / && shared { if ($4 != shared + 1 || $6 != "769.89") bad = 1; shared = 0 }
	    /^mark 0 /{first = 1; next}
	    /^mark 1 /{ if (!first && $6 != "769.89") { shared = $4; n++ } first = 0 }
	    END{exit bad || n < 1}' "$tmp/pact-2018.dump"
