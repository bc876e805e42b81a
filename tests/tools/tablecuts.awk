# tablecuts.awk - reads a layout dump of a plan with an activity table and
# fails when a row is cut on a page whose next page continues it
# ("(vervolg)") right under a line that belongs with what follows: a
# heading of the activities column ("Eind 2018", all in bold) or the line
# that opens a list (ending in a colon). -v left=X -v right=X bound the
# column.
/^page / { p = $2; next }
/^  y / {
	y = $2; x = $4
	if (index($0, "(vervolg)") || index($0, "(continued)"))
		cont[p] = 1
	if (x <= left || x >= right || $8 == 0)
		next
	if (!(p in low) || y < low[p] - 0.01) {
		low[p] = y
		allbold[p] = ($9 == "bold")
		lastx[p] = -1
		text[p] = ""
	} else if (y > low[p] + 0.01)
		next
	if ($9 != "bold")
		allbold[p] = 0
	text[p] = text[p] " " $NF
	if (x > lastx[p]) {
		lastx[p] = x
		last[p] = $NF
	}
}
END {
	bad = 0
	for (q in low)
		if ((q + 1) in cont && (allbold[q] || last[q] ~ /:$/)) {
			printf "page %d: the row is cut under '%s'\n", q,
			    substr(text[q], 2) > "/dev/stderr"
			bad = 1
		}
	exit bad
}
