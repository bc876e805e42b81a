# tests/suites/footnotes.sh - footnotes anywhere (issue 13 item 4): a mark
# in an activity table's cell puts its note at the foot of the page where
# the mark lands, the rows cut to leave it room; a note marked twice is
# printed once, both marks carrying its number. Asserted on the layout
# dump with tests/tools/footcheck.py (no two pieces' boxes meet, no rule
# crosses a piece, each note on the page of its first mark), in both
# layouts, and on the PDF (its text per page, the tagged structure).
# Sourced by tests/run.

fn_plan=tests/footnotes/table-notes.yaml
fn_pairs="MERKA=NOOTA MERKB=NOOTB MERKC=NOOTC MERKD=NOOTD MERKE=NOOTA
MERKF=NOOTF MERKH=NOOTF MERKG=NOOTG"

for lay in pact plain; do
	dump="$tmp/fn-$lay.dump"
	if ! "$PLANC" build --layout "$lay" --dump-layout "$fn_plan" >"$dump" 2>"$tmp/err"; then
		not_ok "footnotes $lay: --dump-layout fails" "$(cat "$tmp/err")"
		continue
	fi
	# shellcheck disable=SC2086
	check "footnotes $lay: notes on their marks' pages, printed once, nothing overlaps" \
		python3 tests/tools/footcheck.py "$dump" $fn_pairs
	# The table does break across pages with marks on several of them
	# (else the test proves little).
	check "footnotes $lay: the marks fall on at least three pages" \
		sh -c "awk '/^page /{p=\$2} / MERK[A-E]\$/{print p}' '$dump' | sort -u | wc -l | grep -qx '[3-9]'"
	pdf="$tmp/fn-$lay.pdf"
	if "$PLANC" build --layout "$lay" -o "$pdf" "$fn_plan" 2>"$tmp/err"; then
		# The PDF agrees: each note's text on the page of its first mark.
		for pair in $fn_pairs; do
			m=${pair%=*} n=${pair#*=}
			mp=$(for i in $(seq 1 "$(pdfinfo "$pdf" | awk '/^Pages:/{print $2}')"); do
				pdftotext -q -f "$i" -l "$i" "$pdf" - | grep -q "$m" && echo "$i"; done | head -1)
			np=$(for i in $(seq 1 "$(pdfinfo "$pdf" | awk '/^Pages:/{print $2}')"); do
				pdftotext -q -f "$i" -l "$i" "$pdf" - | grep -q "$n" && echo "$i"; done | tr '\n' ' ')
			case $m in MERKE|MERKH) continue ;; esac	# second marks
			check "footnotes $lay: PDF has $n once, on $m's page ($mp)" test "$np" = "$mp "
		done
		check "footnotes $lay: PDF/UA-1 conditions (pdfua.py)" python3 tests/tools/pdfua.py "$pdf"
		# The note marked twice is one Note element in the tree.
		check "footnotes $lay: one Note for a note marked twice" \
			sh -c "pdfinfo -struct-text '$pdf' 2>/dev/null | grep -c 'NOOTA' | grep -qx 1"
	else
		not_ok "footnotes $lay: build fails" "$(cat "$tmp/err")"
	fi
done

# footcheck.py itself: it must see an overlap and a note on the wrong page.
printf 'page 1 number 1 size 595 842 area 72 72 523 770\n  y 100.00 x 72.00 w 40.00 p 1 regular 11.0 MERKX\n  y 104.00 x 112.00 w 3.00 p 1 regular 6.8 1\n  y 95.00 x 80.00 w 30.00 p 2 regular 11.0 over\npage 2 number 2 size 595 842 area 72 72 523 770\n  y 80.00 x 72.00 w 3.00 p 3 regular 5.9 1\n  y 77.00 x 76.00 w 30.00 p 3 regular 8.5 NOOTX\n' >"$tmp/fc.dump"
python3 tests/tools/footcheck.py "$tmp/fc.dump" MERKX=NOOTX >"$tmp/fc.out"
check "footnotes: footcheck.py finds an overlap and a note off its mark's page" \
	sh -c "grep -q \"'MERKX' and 'over' overlap\" '$tmp/fc.out' &&
	grep -q 'note NOOTX on page 2, its first mark on page 1' '$tmp/fc.out'"
