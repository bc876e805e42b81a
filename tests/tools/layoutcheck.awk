# layoutcheck.awk - asserts typesetting rules on `planc build --dump-layout`.
#
#   awk -v rule=RULE [-v body=PT -v note=PT] -f layoutcheck.awk DUMP
#
# body and note are the layout's text and footnote sizes (11 and 8.5, the
# pact layout's, unless given): footnote marks are told by their size.
# RULE is one of:
#   measure    no piece of text sticks out of the page's text area sideways
#   vertical   no line of the text (running headers and footers aside)
#              stands below the text area's foot or above its head
#   widows     a paragraph broken across pages keeps two lines on each
#   headings   every heading has text under it on its own page
#   footnotes  every footnote mark's note is on the mark's page
# Prints one line per violation and exits 1 if there was any.
function fail(msg) { print msg; bad = 1 }
BEGIN {
	if (body == "") body = 11
	if (note == "") note = 8.5
}
/^page / {
	page = $2; x0[page] = $9; x1[page] = $11; y0[page] = $10; y1[page] = $12
	next
}
/^  y / {
	y = $2; x = $4; w = $6; p = $8; face = $9; size = $10
	text = $0
	for (i = 0; i < 10; i++) sub(/^ *[^ ]+ /, "", text)
	if (rule == "measure" && (x < x0[page] - 0.5 || x + w > x1[page] + 0.5))
		fail("page " page ": '" text "' at x " x " w " w " leaves " x0[page] "-" x1[page])
	if (rule == "vertical" && p > 0 && (y < y0[page] - 0.5 || y > y1[page] + 0.5))
		fail("page " page ": '" text "' at y " y " leaves " y0[page] "-" y1[page])
	if (p > 0) {
		key = p SUBSEP page
		if (!((key, y) in seen)) { seen[key, y] = 1; nlines[key]++ }
		if (!((p, page) in onpage)) { onpage[p, page] = 1; npages[p]++ }
	}
	if (face != "bold" && size >= 9.5 && p > 0)
		plain[page] = plain[page] " " y
	# Marks are set at 0.62 of the text size, footnote numbers at 0.7 of
	# the note size; both are digits only.
	if (text ~ /^[0-9]+$/ && size > body * 0.62 - 0.2 && size < body * 0.62 + 0.2) {
		marks[page] = marks[page] " " text
		nmarks++
	}
	if (text ~ /^[0-9]+$/ && size > note * 0.7 - 0.2 && size < note * 0.7 + 0.2) notes[page] = notes[page] " " text " "
	next
}
/^mark / {
	if ($2 >= 0) { nh++; hpage[nh] = $4; hy[nh] = $6; htitle[nh] = $0 }
	next
}
END {
	if (rule == "widows")
		for (key in nlines) {
			split(key, k, SUBSEP)
			if (npages[k[1]] > 1 && nlines[key] < 2)
				fail("paragraph " k[1] " has a single line on page " k[2])
		}
	if (rule == "headings")
		for (i = 1; i <= nh; i++) {
			n = split(plain[hpage[i]], ys, " ")
			found = 0
			for (j = 1; j <= n; j++) if (ys[j] + 0 < hy[i] - 12) found = 1
			if (!found) fail("heading last on page " hpage[i] ": " htitle[i])
		}
	if (rule == "footnotes")
		for (pg in marks) {
			n = split(marks[pg], ms, " ")
			for (j = 1; j <= n; j++)
				if (index(notes[pg], " " ms[j] " ") == 0)
					fail("footnote " ms[j] " is not on page " pg ", the page of its mark")
		}
	if (rule == "footnotes" && nmarks == 0)
		fail("no footnote marks found: the dump's format has changed?")
	exit bad
}
