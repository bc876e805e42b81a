# tests/suites/pdf.sh - the PDF itself, read back with qpdf and poppler:
# link annotations where the layout put its links and leading to the
# headings they name, outlines, page labels equal to the printed numbers,
# /Lang, ToUnicode maps poppler accepts, size, fonts. Sourced by tests/run.

# pdf_json PDF: qpdf's JSON of the whole file (pretty-printed, one value a
# line, which the awk below relies on)
pdf_json() { qpdf --json "$1" 2>/dev/null; }

# pdf_links JSON: a line per link annotation, pages in order and each
# page's /Annots in order: "PAGE X0 Y0 X1 Y1 TOPAGE Y" (pages from 1)
pdf_links() {
	awk '
	function ref(s) { match(s, /[0-9]+ 0 R/); return substr(s, RSTART, RLENGTH) }
	/^  "[a-z]+": / { sec = $1 }
	sec == "\"pages\":" && /^      "object": / { page[++np] = ref($0); pageno[ref($0)] = np }
	sec == "\"qpdf\":" && /^      "obj:/ { cur = ref($0); want = ""; k = 0 }
	sec == "\"qpdf\":" && /^        "value": \[/ { want = "dest"; k = 0; next }
	sec == "\"qpdf\":" && /^          "\/Annots": \[/ { want = "annots"; next }
	sec == "\"qpdf\":" && /^          "\/Rect": \[/ { want = "rect"; k = 0; next }
	sec == "\"qpdf\":" && /^ *\]/ { want = "" }
	want == "dest" { v = $1; sub(/,$/, "", v); if (k == 0) dpage[cur] = ref($0); if (k == 3) dy[cur] = v; k++ }
	want == "annots" { annots[cur] = annots[cur] " " ref($0) }
	want == "rect" { v = $1; sub(/,$/, "", v); rect[cur] = rect[cur] " " v }
	/"\/Subtype": "\/Link"/ { islink[cur] = 1 }
	/"\/Dest": "/ { dest[cur] = ref($0) }
	END {
		for (p = 1; p <= np; p++) {
			n = split(annots[page[p]], a, " ")
			for (i = 1; i <= n; i += 3) {
				r = a[i] " " a[i + 1] " " a[i + 2]
				if (!islink[r]) continue
				d = dest[r]
				print p rect[r], pageno[dpage[d]], dy[d]
			}
		}
	}' "$1"
}

# dump_links DUMP: the same lines from the layout dump
dump_links() {
	awk '/^page /{p = $2} /^  link /{print p, $6, $3, $7, $4, $10, $12}' "$1"
}

# same_numbers A B: the two files have the same lines, fields equal within
# 0.01 (libharu writes reals as floats)
same_numbers() {
	awk 'NR == FNR { a[FNR] = $0; n = FNR; next }
	{ m = FNR; if (split(a[FNR], x, " ") != split($0, y, " ")) bad = 1
	  for (i in x) { d = x[i] - y[i]; if (d > 0.01 || d < -0.01) bad = 1 } }
	END { if (bad || m != n) { print "differ"; exit 1 } }' "$1" "$2" ||
		{ diff "$1" "$2"; return 1; }
}

squeeze() { tr -s ' \f\n' '   ' | sed 's/^ //; s/ $//'; }

# link_text PDF PAGE X0 Y0 X1 Y1 ...: the text inside a link area, without
# the contents' leaders and page number (pdftotext crops from the top left)
link_text() {
	local h
	h=$(pdfinfo -f "$2" -l "$2" "$1" | awk '/^Page +[0-9]+ size:/{print $6}')
	pdftotext -q -f "$2" -l "$2" -x "${3%.*}" \
	    -y "$(awk -v h="$h" -v t="$6" 'BEGIN{printf "%d", h - t}')" \
	    -W "$(awk -v a="$3" -v b="$5" 'BEGIN{printf "%d", b - a + 1}')" \
	    -H "$(awk -v a="$4" -v b="$6" 'BEGIN{printf "%d", b - a}')" "$1" - |
		squeeze | sed -E 's/[ .]*[0-9]+$//'
}

# starts_at PDF PAGE Y TEXT: the text of PAGE from height Y down starts
# with TEXT (a heading whose top is Y)
starts_at() {
	local size
	size=$(pdfinfo -f "$2" -l "$2" "$1" | awk '/^Page +[0-9]+ size:/{print $4, $6}')
	pdftotext -q -f "$2" -l "$2" -x 0 -y "$(echo "$size $3" | awk '{printf "%d", $2 - $3}')" \
	    -W "$(echo "$size" | awk '{printf "%d", $1}')" -H 80 "$1" - | squeeze >"$tmp/at"
	case $(cat "$tmp/at") in "$4"*) return 0 ;; esac
	echo "page $2 from y $3: $(head -c 200 "$tmp/at")"
	return 1
}

pdf="$tmp/pdf-2018.pdf"
dump="$tmp/pdf-2018.dump"
if "$PLANC" build -o "$pdf" plans/pact-2018.yaml 2>/dev/null &&
   "$PLANC" build --dump-layout plans/pact-2018.yaml >"$dump" 2>/dev/null; then
	ok
	pdf_json "$pdf" >"$tmp/pdf.json"
	pdf_links "$tmp/pdf.json" >"$tmp/pdf.links"
	dump_links "$dump" >"$tmp/dump.links"

	# ---- links ----
	n=$(grep -c '^  link ' "$dump")
	check "pdf: a /Link annotation per link of the layout ($n)" \
		test "$(grep -c '"/Subtype": "/Link"' "$tmp/pdf.json")" -eq "$n"
	check "pdf: the pdf_links reader sees them all" test "$(wc -l <"$tmp/pdf.links")" -eq "$n"
	check "pdf: each link where the layout put it, to its page and height" \
		same_numbers "$tmp/dump.links" "$tmp/pdf.links"
	check "pdf: links have no border" \
		sh -c "! grep -A1 '\"/Border\": \\[' '$tmp/pdf.json' | grep -q '^ *[1-9]'"
	# The first contents entry, as a reader sees it: the text inside its
	# link area is a heading, and the page the link leads to has that
	# heading while the page before it does not.
	set -- $(head -1 "$tmp/pdf.links")
	if [ $# -eq 7 ]; then
		entry=$(link_text "$pdf" "$@")
		title=$(awk '/^mark /{$1 = $2 = $3 = $4 = $5 = $6 = ""; print; exit}' "$dump" | squeeze)
		check "pdf: the first contents entry reads '$entry', the first heading" \
			test "$entry" = "$title"
		check "pdf: its link leads to page $6 at '$entry'" \
			starts_at "$pdf" "$6" "$7" "$entry"
		# and so every entry of the contents (the links on that page)
		bad=$(awk -v p="$1" '$1 == p' "$tmp/pdf.links" | while read -r lp x0 y0 x1 y1 tp ty; do
			e=$(link_text "$pdf" "$lp" "$x0" "$y0" "$x1" "$y1")
			starts_at "$pdf" "$tp" "$ty" "$e" >/dev/null || echo "'$e' -> page $tp y $ty"
		done)
		check "pdf: every contents entry leads to its heading" test -z "$bad"
		[ -n "$bad" ] && echo "$bad" | sed 's/^/    /'
	else
		not_ok "pdf: no link annotation to follow"
	fi

	# ---- outlines: one per heading ----
	n=$(grep -c '^mark ' "$dump")
	check "pdf: an outline item per heading ($n)" \
		test "$(sed -n '/^  "outlines": \[/,/^  \]/p' "$tmp/pdf.json" | grep -c '"title": ')" -eq "$n"

	# ---- page labels: the printed numbers; none on the cover ----
	# Label of every page from the /PageLabels ranges, "-" for a label
	# without a number, against the numbers in the dump (0 = none).
	sed -n '/^  "pagelabels": \[/,/^  \]/p' "$tmp/pdf.json" | awk '
		/"index": / { v = $2; sub(/,/, "", v); i = v; start[++n] = i; style[n] = ""; st[n] = 1 }
		/"\/S": / { style[n] = $2 }
		/"\/St": / { st[n] = $2 }
		END { for (k = 1; k <= n; k++) print start[k], (style[k] == "" ? "-" : st[k]) }' >"$tmp/labels"
	awk 'NR == FNR { s[++n] = $1; v[n] = $2; next }
	/^page / { p = $2 - 1; l = "?"; for (k = 1; k <= n; k++) if (s[k] <= p) l = (v[k] == "-" ? "-" : v[k] + p - s[k])
		print $2, ($4 == 0 ? "-" : $4), l }' "$tmp/labels" "$dump" >"$tmp/labels.cmp"
	check "pdf: page labels are the printed page numbers" \
		awk '$2 != $3 { print; bad = 1 } END { exit bad + (NR == 0) }' "$tmp/labels.cmp"
	check "pdf: the cover's label has no number" \
		sh -c "head -1 '$tmp/labels.cmp' | grep -qx '1 - -'"
	check "pdf: page 2's label is its printed number" \
		sh -c "sed -n 2p '$tmp/labels.cmp' | awk '\$2 > 0 && \$2 == \$3 { ok = 1 } END { exit !ok }'"

	# ---- /Lang from plan.lang ----
	check "pdf: /Lang (nl) in the catalog" grep -q '"/Lang": "u:nl"' "$tmp/pdf.json"
	check "pdf: qpdf --check is clean" qpdf --check "$pdf"
else
	not_ok "pdf: the 2018 plan does not build"
fi
