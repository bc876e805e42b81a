# tests/suites/shaping.sh - text shaped with HarfBuzz and fonts embedded as
# real subsets: kerning measured in the layout dump and drawn as TJ
# adjustments in the PDF, both held against the font's own kerning read
# with HarfBuzz by tests/tools/kernpair.c; ligatures that extract as their
# letters; the layout keys that turn both off; the 2018 plan's size and
# fonts; and libharu never loading a TrueType font. Sourced by tests/run.

sdir="$tmp/shaping"
mkdir -p "$sdir"
cat >"$sdir/plan.yaml" <<'EOF'
plan: { title: Kerning, date: 2025-01, lang: nl }
parts:
  - id: d
    title: Deel
    chapters:
      - id: c
        title: Hoofdstuk
        text: |
          To

          Voorjaar officieel fijn [office]{lang=en} Werkwijze
EOF
printf 'kerning: false\n' >"$sdir/nokern.yaml"
printf 'ligatures: false\n' >"$sdir/noliga.yaml"

# width_of DUMP WORD: the width of the body-text piece that is WORD
width_of() { awk -v w="$2" '$1 == "y" && $NF == w && $(NF-1) == "11.0" { print $6; exit }' "$1"; }

"$PLANC" build --dump-layout "$sdir/plan.yaml" >"$sdir/kern.dump" 2>"$sdir/err"
"$PLANC" build --layout "$sdir/nokern.yaml" --dump-layout "$sdir/plan.yaml" \
	>"$sdir/nokern.dump" 2>>"$sdir/err"
# shellcheck disable=SC2086
if $CC $CFLAGS -o "$BUILD/tests/kernpair" tests/tools/kernpair.c $LIBS 2>"$tmp/cc"; then
	read -r s_units s_kern <<EOF
$("$BUILD/tests/kernpair" fonts/Carlito-Regular.ttf To)
EOF
	# The pair must kern at all, or nothing below could fail.
	check "shaping: Carlito kerns 'To' ($s_kern units of $s_units)" test "${s_kern:-0}" -lt 0
	s_on=$(width_of "$sdir/kern.dump" To)
	s_off=$(width_of "$sdir/nokern.dump" To)
	check "shaping: 'To' at 11pt is ${s_kern}/${s_units} em narrower kerned ($s_on) than not ($s_off)" \
		awk -v on="$s_on" -v off="$s_off" -v k="$s_kern" -v u="$s_units" 'BEGIN {
			want = -k * 11 / u; got = off - on
			exit !(on != "" && off != "" && got - want < 0.011 && want - got < 0.011) }'
	# In the PDF: the T, then the kern in thousandths of the size (a
	# positive number pulls the o closer), then the o.
	s_tj=$(awk -v k="$s_kern" -v u="$s_units" 'BEGIN { s = sprintf("%.2f", -k * 1000 / u)
		sub(/0+$/, "", s); sub(/\.$/, "", s); print s }')
	"$PLANC" build -o "$sdir/kern.pdf" "$sdir/plan.yaml" 2>>"$sdir/err"
	"$PLANC" build --layout "$sdir/nokern.yaml" -o "$sdir/nokern.pdf" "$sdir/plan.yaml" 2>>"$sdir/err"
	qpdf --qdf --object-streams=disable "$sdir/kern.pdf" "$sdir/kern.qdf" 2>/dev/null
	qpdf --qdf --object-streams=disable "$sdir/nokern.pdf" "$sdir/nokern.qdf" 2>/dev/null
	check "shaping: the PDF draws 'To' as [<T>$s_tj<o>] TJ" \
		grep -aqE "^\[<[0-9a-f]{4}>$s_tj<[0-9a-f]{4}>\] TJ$" "$sdir/kern.qdf"
	check "shaping: kerning: false draws 'To' without an adjustment" \
		sh -c "! grep -aqE '^\[<[0-9a-f]{4}>$s_tj<' '$sdir/nokern.qdf' &&
		grep -aqE '^\[<[0-9a-f]{8}>\] TJ$' '$sdir/nokern.qdf'"
else
	not_ok "shaping: tests/tools/kernpair.c does not compile" "$(cat "$tmp/cc")"
fi

# Ligatures: "fi" and "ff" are single glyphs whose ToUnicode entries give
# their letters, so the text extracts whole; kerned words stay one word.
"$PLANC" build --layout "$sdir/noliga.yaml" -o "$sdir/noliga.pdf" "$sdir/plan.yaml" 2>>"$sdir/err"
qpdf --qdf --object-streams=disable "$sdir/noliga.pdf" "$sdir/noliga.qdf" 2>/dev/null
check "shaping: a ligature glyph maps to its two letters in ToUnicode" \
	grep -aqE '^<[0-9A-F]{4}> <0066006[69]>$' "$sdir/kern.qdf"
check "shaping: ligatures: false leaves no ligature glyph" \
	sh -c "! grep -aqE '^<[0-9A-F]{4}> <[0-9A-F]{8,}>$' '$sdir/noliga.qdf'"
for s_pdf in kern noliga; do
	pdftotext -enc UTF-8 "$sdir/$s_pdf.pdf" "$sdir/$s_pdf.txt" 2>/dev/null
	check "shaping: $s_pdf: the words extract whole" \
		grep -q '^Voorjaar officieel fijn office Werkwijze$' "$sdir/$s_pdf.txt"
done
check "shaping: no warnings or errors while building" test ! -s "$sdir/err"

# A run's language reaches the shaper: Carlito's Romanian forms (locl)
# draw the s and t with a comma below, other glyphs than the Dutch text's
# cedillas, so each of the two characters maps back from two codes.
cat >"$sdir/lang.yaml" <<'EOF'
plan: { title: Taal, date: 2025-01, lang: nl }
parts:
  - id: d
    title: Deel
    chapters:
      - id: c
        title: Hoofdstuk
        text: |
          Şeş ţară

          [Şeş ţară]{lang=ro}
EOF
"$PLANC" build -o "$sdir/lang.pdf" "$sdir/lang.yaml" 2>/dev/null
qpdf --qdf --object-streams=disable "$sdir/lang.pdf" "$sdir/lang.qdf" 2>/dev/null
check "shaping: {lang=ro} draws S-cedilla with another glyph than the Dutch text" \
	test "$(grep -acE '^<[0-9A-F]{4}> <015E>$' "$sdir/lang.qdf")" -eq 2
pdftotext -enc UTF-8 "$sdir/lang.pdf" "$sdir/lang.txt" 2>/dev/null
check "shaping: the Romanian glyphs extract as the text's characters" \
	test "$(grep -c '^Şeş ţară$' "$sdir/lang.txt")" -eq 2

# Words are measured as they are drawn: a word's boxes (cut at its
# hyphenation points) add up to the word shaped whole, and a hyphen at a
# break counts with what it changes ("r-" kerns). So every justified line
# of the 2018 plan ends on the right margin (523.28), not a kern short.
"$PLANC" build --dump-layout plans/pact-2018.yaml >"$sdir/pact.dump" 2>/dev/null
# A line is taken as justified when a space between its words is not the
# natural 2.49 pt (ragged lines, a roster's names, keep their spaces).
check "shaping: justified lines of the 2018 plan end on the margin, hyphenated or not" \
	awk '$1 == "page" { pg = $2 }
		$1 == "y" && $(NF-1) == "11.0" { k = pg " " $2; e = $4 + $6 - 523.28
			if (k in prev) { g = $4 - prev[k]; if (g > 0.5 && (g < 2.43 || g > 2.54)) just[k] = 1 }
			prev[k] = $4 + $6
			if (!(k in end) || e > end[k]) { end[k] = e; last[k] = $0 } }
		END { for (k in just) if (end[k] > -1 && end[k] < 1) { lines++
			if (end[k] > 0.015 || end[k] < -0.015) { print "ends at " end[k] ": " last[k]; bad = 1 } }
		exit bad || lines < 100 }' "$sdir/pact.dump"

# ... and no piece runs into the next: after a break inside a word the
# second half is shaped on its own ("leef-|tijd" loses Carlito's ft
# ligature and is wider than its share of the word); the pieces after it
# move, and a full line's spaces give the room back.
for s_year in 2018 2019; do
	"$PLANC" build --dump-layout plans/pact-$s_year.yaml 2>/dev/null |
		awk '$1 == "page" { pg = $2 } $1 == "y" { print pg, $2, $4, $6, $NF }' |
		sort -k1,1n -k2,2n -k3,3n >"$sdir/pieces-$s_year"
	check "shaping: pact-$s_year: no piece overlaps the next on its line" \
		awk '$1 == pg && $2 == y && $3 < end - 0.02 { print "overlap: " prev " / " $0; bad = 1 }
			{ pg = $1; y = $2; end = $3 + $4; prev = $0 } END { exit bad }' "$sdir/pieces-$s_year"
done

# The layout keys are booleans, reported where they are wrong.
printf 'kerning: maybe\n' >"$sdir/bad.yaml"
"$PLANC" check --layout "$sdir/bad.yaml" "$sdir/plan.yaml" >/dev/null 2>"$sdir/bad.err"
check "shaping: kerning: maybe is a positioned error" \
	sh -c "[ $? -eq 1 ] && grep -q 'bad.yaml:1:10: error: expected true or false, got .maybe. \[bad-value\]' '$sdir/bad.err'"

# The 2018 plan: every font a subset (ABCDEF+Name), the fallback face a few
# KB, the whole untagged PDF within 130 KB (it was 192 KB with libharu's
# fonts; the tags, tests/suites/tagged.sh, are measured apart).
"$PLANC" build --untagged -o "$sdir/pact.pdf" plans/pact-2018.yaml 2>/dev/null
s_size=$(wc -c <"$sdir/pact.pdf")
check "shaping: the 2018 plan's untagged PDF is at most 130 KB ($s_size bytes)" test "$s_size" -le 133120
check "shaping: every font of the 2018 plan embedded as a subset" \
	sh -c "pdffonts '$sdir/pact.pdf' | awk 'NR > 2 { n++; if (\$1 !~ /^[A-Z][A-Z][A-Z][A-Z][A-Z][A-Z]\\+/ || \$(NF-4) != \"yes\" || \$(NF-3) != \"yes\" || \$(NF-2) != \"yes\") bad = 1 } END { exit bad || n != 4 }'"
qpdf --json "$sdir/pact.pdf" >"$sdir/pact.json" 2>/dev/null
s_dejavu=$(python3 - "$sdir/pact.json" <<'EOF'
import json, sys
objs = json.load(open(sys.argv[1]))["qpdf"][1]
for k, v in objs.items():
    d = v.get("value")
    if isinstance(d, dict) and "DejaVu" in str(d.get("/FontName", "")):
        ff = objs["obj:" + d["/FontFile2"]]["stream"]["dict"]
        n = ff["/Length"]
        # a length may be an indirect object of its own
        print(objs["obj:" + n]["value"] if isinstance(n, str) else n)
EOF
)
check "shaping: the fallback face (one ✓) costs a few KB (${s_dejavu:-?} bytes)" \
	test "${s_dejavu:-999999}" -le 8192

# libharu no longer reads font files: planc does not even link the call.
check "shaping: planc does not call HPDF_LoadTTFontFromFile" \
	sh -c "! nm -D '$PLANC' | grep -q 'HPDF_LoadTTFontFromFile'"
