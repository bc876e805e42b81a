# tests/suites/pdf.sh - the PDF itself, read back with qpdf and poppler:
# link annotations where the layout put its links and leading to the
# headings they name, outlines, page labels equal to the printed numbers,
# /Lang, ToUnicode maps poppler accepts, size, fonts, object streams.
# Sourced by tests/run.

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
	awk 'FILENAME == ARGV[1] { a[FNR] = $0; n = FNR; next }
	{ m = FNR; if (split(a[FNR], x, " ") != split($0, y, " ")) bad = 1
	  for (i in x) { d = x[i] - y[i]; if (d > 0.01 || d < -0.01) bad = 1 } }
	END { if (bad || m != n) { print "differ"; exit 1 } }' "$1" "$2" ||
		{ diff "$1" "$2"; return 1; }
}

# equal GOT WANT
equal() { [ "$1" = "$2" ] || { echo "got $1, expected $2"; return 1; }; }

# empty FILE: FILE is empty, or its first lines are shown
empty() { [ ! -s "$1" ] || { sort "$1" | uniq -c | head -5; return 1; }; }

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
	    -W "$(echo "$size" | awk '{printf "%d", $1}')" -H 80 "$1" - | squeeze >"$tmp/pdf-at"
	case $(cat "$tmp/pdf-at") in "$4"*) return 0 ;; esac
	echo "page $2 from y $3: $(head -c 200 "$tmp/pdf-at")"
	return 1
}

# pdf_plan NAME PLAN: builds PLAN and checks its PDF against its layout
# dump; leaves $pdf, $dump and $json for checks of particular plans.
# Returns 1 if the plan does not build.
pdf_plan() {
	local name=$1 plan=$2 n faces
	pdf="$tmp/pdf-$name.pdf" dump="$tmp/pdf-$name.dump" json="$tmp/pdf-$name.json"
	if "$PLANC" build -o "$pdf" "$plan" 2>/dev/null &&
	   "$PLANC" build --dump-layout "$plan" >"$dump" 2>/dev/null; then
		ok
	else
		not_ok "pdf $name: does not build"
		return 1
	fi
	pdf_json "$pdf" >"$json"
	pdf_links "$json" >"$tmp/pdf-$name.links"
	dump_links "$dump" >"$tmp/pdf-$name.dlinks"
	check "pdf $name: qpdf --check is clean" qpdf --check "$pdf"

	# ---- links ----
	n=$(grep -c '^  link ' "$dump")
	check "pdf $name: a /Link annotation per link of the layout ($n)" \
		equal "$(grep -c '"/Subtype": "/Link"' "$json")" "$n"
	check "pdf $name: each link where the layout put it, to its page and height" \
		same_numbers "$tmp/pdf-$name.dlinks" "$tmp/pdf-$name.links"
	check "pdf $name: links have no border" \
		awk '/"\/Border": \[/ { b = 3; next } b && b-- && $1 + 0 != 0 { bad = 1 } END { exit bad }' "$json"

	# ---- outlines: one per heading ----
	n=$(grep -c '^mark ' "$dump")
	check "pdf $name: an outline item per heading ($n)" \
		equal "$(sed -n '/^  "outlines": \[/,/^  \]/p' "$json" | grep -c '"title": ')" "$n"

	# ---- page labels: the printed numbers; none on the cover ----
	# The label of every page from the /PageLabels ranges ("-" for a
	# label without a number) beside the number in the dump (0 = none).
	sed -n '/^  "pagelabels": \[/,/^  \]/p' "$json" | awk '
		/"index": / { v = $2; sub(/,/, "", v); start[++n] = v; style[n] = ""; st[n] = 1 }
		/"\/S": / { style[n] = $2 }
		/"\/St": / { st[n] = $2 }
		END { for (k = 1; k <= n; k++) print start[k], (style[k] == "" ? "-" : st[k]) }' >"$tmp/pdf-labels"
	awk 'FILENAME == ARGV[1] { s[++n] = $1; v[n] = $2; next }
	/^page / { p = $2 - 1; l = "?"; for (k = 1; k <= n; k++) if (s[k] <= p) l = (v[k] == "-" ? "-" : v[k] + p - s[k])
		print $2, ($4 == 0 ? "-" : $4), l }' "$tmp/pdf-labels" "$dump" >"$tmp/pdf-$name.labels"
	check "pdf $name: page labels are the printed page numbers" \
		awk '$2 != $3 { print; bad = 1 } END { exit bad + (NR == 0) }' "$tmp/pdf-$name.labels"

	check "pdf $name: objects in object streams, an xref stream (pdfpack)" \
		python3 tests/tools/objstm.py "$pdf"

	# ---- language, text, fonts ----
	check "pdf $name: /Lang (nl) in the catalog" grep -q '"/Lang": "u:nl"' "$json"
	pdftotext -enc UTF-8 "$pdf" "$tmp/pdf-$name.txt" 2>"$tmp/pdf-$name.poppler"
	check "pdf $name: pdftotext has no warnings" empty "$tmp/pdf-$name.poppler"
	check "pdf $name: every font embedded" \
		awk 'NR > 2 && $(NF-4) != "yes" { print; bad = 1 } END { exit bad }' <(pdffonts "$pdf" 2>/dev/null)
	# Each face the layout sets text in is one font in the PDF and one
	# embedded font program: no face is embedded that nothing uses.
	faces=$(awk '/^  y /{print $9}' "$dump" | sort -u | wc -l)
	check "pdf $name: only the $faces faces used are in the PDF" \
		equal "$(pdffonts "$pdf" 2>/dev/null | awk 'NR > 2' | wc -l) fonts, $(grep -c '"/FontFile2": ' "$json") embedded" \
		    "$faces fonts, $faces embedded"
	# ToUnicode maps code points to Unicode (bfrange), not to CIDs
	qpdf --qdf --object-streams=disable "$pdf" "$tmp/pdf-$name.qdf" 2>/dev/null
	check "pdf $name: ToUnicode maps are bfrange, not cidrange" \
		sh -c "grep -aq beginbfrange '$tmp/pdf-$name.qdf' && ! grep -aq begincidrange '$tmp/pdf-$name.qdf'"
	return 0
}

for plan in plans/example.yaml tests/typeset/refs.yaml tests/typeset/long-toc.yaml; do
	pdf_plan "$(basename "$plan" .yaml)" "$plan"
done

# ---- the 2018 plan ----
if pdf_plan pact-2018 plans/pact-2018.yaml; then
	check "pdf pact-2018: the cover's label has no number" \
		sh -c "head -1 '$tmp/pdf-pact-2018.labels' | grep -qx '1 - -'"
	check "pdf pact-2018: page 2's label is its printed number" \
		awk 'NR == 2 && $2 > 0 && $2 == $3 { ok = 1 } END { exit !ok }' "$tmp/pdf-pact-2018.labels"
	# The tagged PDF's growth is the tagged suite's; untagged, it is
	# what it was.
	"$PLANC" build --untagged -o "$tmp/pdf-untagged.pdf" plans/pact-2018.yaml \
	    2>/dev/null
	size=$(wc -c <"$tmp/pdf-untagged.pdf")
	check "pdf pact-2018: untagged under 250000 bytes ($size)" test "$size" -lt 250000
	check "pdf pact-2018: untagged, objects in object streams too" \
		python3 tests/tools/objstm.py "$tmp/pdf-untagged.pdf"
	check "pdf pact-2018: the check marks (DejaVu Sans) come out as text" \
		grep -q '✓ De projecten PACT' "$tmp/pdf-pact-2018.txt"
	check "pdf pact-2018: bold italic is embedded only if something is set in it" \
		sh -c "grep -q ' bold-italic ' '$dump' || ! pdffonts '$pdf' 2>/dev/null | grep -q BoldItalic"

	# The first contents entry as a reader sees it: the text inside its
	# link area is the first heading, and the link leads to the page and
	# height where that heading begins.
	if read -r lp x0 y0 x1 y1 tp ty <"$tmp/pdf-pact-2018.links" && [ -n "$ty" ]; then
		entry=$(link_text "$pdf" "$lp" "$x0" "$y0" "$x1" "$y1")
		title=$(awk '/^mark /{$1 = $2 = $3 = $4 = $5 = $6 = ""; print; exit}' "$dump" | squeeze)
		check "pdf pact-2018: the first contents entry reads '$entry', the first heading" \
			equal "$entry" "$title"
		check "pdf pact-2018: its link leads to page $tp at '$entry'" \
			starts_at "$pdf" "$tp" "$ty" "$entry"
		# and so every entry of the contents (the links on that page)
		bad=$(awk -v p="$lp" '$1 == p' "$tmp/pdf-pact-2018.links" | while read -r lp x0 y0 x1 y1 tp ty; do
			e=$(link_text "$pdf" "$lp" "$x0" "$y0" "$x1" "$y1")
			starts_at "$pdf" "$tp" "$ty" "$e" >/dev/null || echo "'$e' -> page $tp y $ty"
		done)
		if [ -z "$bad" ]; then ok; else
			not_ok "pdf pact-2018: every contents entry leads to its heading" "$bad"; fi
	else
		not_ok "pdf pact-2018: no link annotation to follow"
	fi
fi
