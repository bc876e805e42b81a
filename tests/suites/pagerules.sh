# tests/suites/pagerules.sh - page rules (issue 13 item 6): keep-together
# on a heading's role keeps what it heads on one page where it can (the
# 2018 plan's short appendix chapters 7 and 8 share a page in the pact
# layout; a section that would be split begins a page of its own), and a
# roster's names stand in two or three columns when every name fits, as a
# running list otherwise. Asserted on the layout dump; the pages are
# tagged right (pdfua.py). Sourced by tests/run.

pr_plan=tests/pagerules/keep-section.yaml

# mark_page DUMP TITLE-START: the page of the heading whose title starts so
pr_mark_page() { awk -v t="$2" '/^mark / { s = $0; sub(/^mark [0-9]+ page [0-9]+ y [0-9.]+ /, "", s)
	if (index(s, t) == 1) { print $4; exit } }' "$1"; }
pr_mark_y() { awk -v t="$2" '/^mark / { s = $0; sub(/^mark [0-9]+ page [0-9]+ y [0-9.]+ /, "", s)
	if (index(s, t) == 1) { print $6; exit } }' "$1"; }

# ---- the 2018 plan: chapters 7 and 8 share a page (pact keeps chapters
# together), and only with keep-together ----
"$PLANC" build --dump-layout plans/pact-2018.yaml >"$tmp/pr-2018.dump" 2>/dev/null
sed 's/keep-together: true/keep-together: false/' layouts/pact.yaml >"$tmp/pr-nokeep.yaml"
"$PLANC" build --layout "$tmp/pr-nokeep.yaml" --dump-layout plans/pact-2018.yaml \
	>"$tmp/pr-2018-nokeep.dump" 2>/dev/null
p7=$(pr_mark_page "$tmp/pr-2018.dump" "7. ")
p8=$(pr_mark_page "$tmp/pr-2018.dump" "8. ")
p9=$(pr_mark_page "$tmp/pr-2018.dump" "9. ")
check "pagerules pact-2018: chapters 7 and 8 share page $p7, 9 begins the next" \
	sh -c "[ -n '$p7' ] && [ '$p7' = '$p8' ] && [ '$p9' = $((p7 + 1)) ] &&
	[ '$(pr_mark_y "$tmp/pr-2018.dump" "9. ")' = 769.89 ]"
check "pagerules pact-2018: without keep-together, chapter 8 begins a page" \
	test "$(pr_mark_page "$tmp/pr-2018-nokeep.dump" "8. ")" = \
	"$(( $(pr_mark_page "$tmp/pr-2018-nokeep.dump" "7. ") + 1 ))"
check "pagerules pact-2018: one page fewer with keep-together" \
	test "$(grep -c '^page ' "$tmp/pr-2018.dump")" -eq \
	"$(( $(grep -c '^page ' "$tmp/pr-2018-nokeep.dump") - 1 ))"
check "pagerules pact-2018: nothing overlaps" python3 tests/tools/footcheck.py "$tmp/pr-2018.dump"

# ---- a section that fits a page is not split (keep-together without
# new-page), in the plain layout ----
sed 's/^  section: *{\(.*\) }/  section: {\1, keep-together: true }/' layouts/plain.yaml >"$tmp/pr-plain-keep.yaml"
"$PLANC" build --layout plain --dump-layout "$pr_plan" >"$tmp/pr-split.dump" 2>/dev/null
"$PLANC" build --layout "$tmp/pr-plain-keep.yaml" --dump-layout "$pr_plan" >"$tmp/pr-kept.dump" 2>/dev/null
check "pagerules: without keep-together the section starts low on the chapter's page" \
	sh -c "[ '$(pr_mark_page "$tmp/pr-split.dump" "1.1 ")' = '$(pr_mark_page "$tmp/pr-split.dump" "1. ")' ] &&
	[ '$(pr_mark_y "$tmp/pr-split.dump" "1.1 ")' != 771.02 ]"
check "pagerules: with keep-together the section begins the next page" \
	sh -c "[ '$(pr_mark_page "$tmp/pr-kept.dump" "1.1 ")' = $(( $(pr_mark_page "$tmp/pr-kept.dump" "1. ") + 1 )) ] &&
	[ '$(pr_mark_y "$tmp/pr-kept.dump" "1.1 ")' = 771.02 ]"
for rule in widows headings; do
	check "pagerules: keep-together keeps the $rule rule" \
		awk -v rule="$rule" -v body=10 -v note=8 -f tests/tools/layoutcheck.awk "$tmp/pr-kept.dump"
done

# ---- name grids ----
# Seven short names: three columns, rows of three; a group with a name too
# long for a column: one running list.
check "pagerules: short names stand in three columns, row by row" \
	awk '/ Anna Bos$/ { ya = $2; xa = $4 } / Bram Dekker$/ { yb = $2; xb = $4 }
	    / Dirk Feld$/ { yd = $2; xd = $4 }
	    END { exit !(ya != "" && ya == yb && xb > xa + 100 && yd < ya && xd == xa) }' "$tmp/pr-split.dump"
check "pagerules: a name too long for a column makes the group a list" \
	grep -q ' Henriette$' "$tmp/pr-split.dump"
check "pagerules pact-2018: the Pettelaargroep's names in a grid" \
	awk '/ Manon Ketz$/ { y = $2 } / Niko Persoon$/ { z = $2 } END { exit !(y != "" && y == z) }' \
	"$tmp/pr-2018.dump"
check "pagerules pact-2018: a group of three stays a list" \
	grep -q ' Bashara,$' "$tmp/pr-2018.dump"
"$PLANC" build --layout "$tmp/pr-plain-keep.yaml" -o "$tmp/pr.pdf" "$pr_plan" 2>/dev/null
check "pagerules: PDF/UA-1 conditions with a kept section and grids" python3 tests/tools/pdfua.py "$tmp/pr.pdf"
check "pagerules: the grid's names extract in reading order" \
	sh -c "pdftotext -layout '$tmp/pr.pdf' - | grep -q 'Anna Bos  *Bram Dekker  *Cor Eijk'"
