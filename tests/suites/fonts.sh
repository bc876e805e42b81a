# tests/suites/fonts.sh - damaged fonts. Each kind of damage is made at
# test time from fonts/Carlito-Regular.ttf by tests/tools/fontdamage.py and
# named by a two-line layout; a directory and a FIFO are named the same
# way. `check` and `build` must both exit 1 with the same positioned error
# (golden text below), `build` must write no PDF, and nothing may crash,
# hang or reach libharu (before font.c checked fonts, most of these passed
# `check` and then crashed or failed `build` without a position). The
# fuzz corpus of the font reader is replayed the same way. Sourced by
# tests/run.

fdir="$tmp/fonts"
mkdir -p "$fdir"
fplan="$PWD/plans/example.yaml"
fbin="$(cd "$(dirname "$PLANC")" && pwd)/$(basename "$PLANC")"
fsrc="$PWD/fonts/Carlito-Regular.ttf"

# font_case NAME FILE MESSAGE: a layout NAME.yaml whose regular face is
# FILE must give "cannot use font 'FILE': MESSAGE" at its line 2, column 12,
# in check and in build alike, and build must write nothing.
font_case() {
	local name=$1 file=$2 msg=$3 carets rc
	printf 'fonts:\n  regular: %s\n' "$file" >"$fdir/$name.yaml"
	carets=$(printf '%*s' $((${#file} - 1)) '' | tr ' ' '~')
	printf '%s.yaml:2:12: error: cannot use font '\''%s'\'': %s [bad-value]\n 2 |   regular: %s\n   |            ^%s\n1 error, 0 warnings\n' \
		"$name" "$file" "$msg" "$file" "$carets" >"$fdir/$name.want"
	for cmd in check build; do
		rm -f "$fdir/$name.pdf"
		if [ "$cmd" = check ]; then
			(cd "$fdir" && timeout 10 "$fbin" check --layout "$name.yaml" "$fplan") \
				>/dev/null 2>"$fdir/$name.err"
		else
			(cd "$fdir" && timeout 10 "$fbin" build --layout "$name.yaml" \
				-o "$name.pdf" "$fplan") >/dev/null 2>"$fdir/$name.err"
		fi
		rc=$?
		if ! diff -u "$fdir/$name.want" "$fdir/$name.err" >"$tmp/diff"; then
			not_ok "font $name: $cmd diagnostics differ (exit $rc)" "$(cat "$tmp/diff")"
		elif [ "$rc" -ne 1 ]; then
			not_ok "font $name: $cmd exit $rc, expected 1"
		elif [ -e "$fdir/$name.pdf" ]; then
			not_ok "font $name: build wrote a PDF"
		else
			ok
		fi
	done
}

# Kind of damage (tests/tools/fontdamage.py), then the message after
# "cannot use font 'KIND.ttf': ".
cat >"$fdir/cases" <<'EOF'
truncate-header|not a TrueType font
truncate-directory|the table directory (17 tables) runs past the end of the file
truncate-half|table 'GDEF' runs past the end of the file
truncate-last-byte|table 'GSUB' runs past the end of the file
offset-past-eof|table 'loca' runs past the end of the file
length-overflow|table 'glyf' runs past the end of the file
numtables-huge|the table directory lists 65535 tables; libharu reads at most 625
units-zero|head: unitsPerEm is 0 (expected 16 to 16384)
loca-format|head: indexToLocFormat is 2 (expected 0 or 1)
bbox|head: the bounding box (xMin -30000) comes to -468750 thousandths of an em, more than libharu's limit of 32767
no-glyphs|maxp: the font has no glyphs
glyphs-fewer|hhea: numberOfHMetrics (2781) is more than the 2681 glyphs in maxp
hmetrics-over|hhea: numberOfHMetrics (2882) is more than the 2782 glyphs in maxp
hmtx-short|table 'hmtx' is too short for 2782 glyphs (11122 bytes, needs 11126)
loca-order|loca: glyph 11 starts before glyph 10
loca-past-glyf|loca: glyph 2781 lies past the end of table 'glyf'
glyph-short|glyf: glyph 1 is shorter than a glyph header (4 bytes)
composite-gid|glyf: composite glyph 10 uses glyph 2787, but the font has 2782 glyphs
cap-height|glyf: the glyph of 'H' has a yMax of -100, which libharu cannot take for the cap height
cmap-segments|cmap: the format 4 subtable is shorter (5082 bytes) than its 32767 segments (262152 bytes)
cmap-range|cmap: the glyph of U+0000 lies outside the format 4 subtable
cmap-no-ffff|cmap: no segment of the format 4 subtable ends at U+FFFF
cmap-not-unicode|cmap: no Unicode BMP subtable (platform 3, encoding 1, format 4), which libharu needs
name-empty|name: the PostScript name (name ID 6) is empty
no-embedding|its licence does not allow embedding it in a PDF (OS/2 fsType 0x0002)
EOF
cuts="0 1 11 12 13 200 4096 65536 300000 635000 635995"
# shellcheck disable=SC2046
if python3 tests/tools/fontdamage.py "$fsrc" "$fdir" $(cut -d'|' -f1 "$fdir/cases") \
    $(for c in $cuts; do echo "truncate-at-$c"; done) 2>"$tmp/why"; then
	while IFS='|' read -r kind msg; do
		font_case "$kind" "$kind.ttf" "$msg"
	done <"$fdir/cases"
else
	not_ok "fonts: fontdamage.py failed" "$(cat "$tmp/why")"
fi

# Truncated anywhere: every cut is refused, whatever the table it hits.
for cut in $cuts; do
	printf 'fonts:\n  regular: truncate-at-%s.ttf\n' "$cut" >"$fdir/cut.yaml"
	(cd "$fdir" && timeout 10 "$fbin" check --layout cut.yaml "$fplan") >/dev/null 2>"$fdir/cut.err"
	rc=$?
	check "font truncated to $cut bytes: exit 1 with a positioned error (exit $rc)" \
		sh -c "[ $rc -eq 1 ] && grep -q '^cut.yaml:2:12: error: cannot use font .truncate-at-$cut.ttf.: ' '$fdir/cut.err'"
done

# Not regular files: a directory, and a FIFO without a writer (opening it
# for reading must not wait for one).
mkdir -p "$fdir/dir.ttf"
font_case directory dir.ttf "not a regular file"
rm -f "$fdir/fifo.ttf"
if mkfifo "$fdir/fifo.ttf" 2>/dev/null; then
	font_case fifo fifo.ttf "not a regular file"
fi

# The undamaged font in the same layout is accepted (the cases above fail
# for their damage, not for the layout).
cp "$fsrc" "$fdir/good.ttf"
printf 'fonts:\n  regular: good.ttf\n' >"$fdir/good.yaml"
(cd "$fdir" && "$fbin" build --layout good.yaml -o good.pdf "$fplan") >/dev/null 2>"$fdir/good.err"
rc=$?
check "font: the undamaged copy builds (exit $rc)" \
	sh -c "[ $rc -eq 0 ] && [ ! -s '$fdir/good.err' ] && [ -s '$fdir/good.pdf' ]"

# The fuzz corpus (tests/fuzz/corpus/font): the fonts fuzz_font found
# libharu failing on (finding-*) and the damaged seeds (damaged-*) are
# refused with a positioned error, the sound seeds accepted.
for f in tests/fuzz/corpus/font/*; do
	[ -f "$f" ] || continue
	base=$(basename "$f")
	cp "$f" "$fdir/corpus.ttf"
	printf 'fonts:\n  regular: corpus.ttf\n' >"$fdir/corpus.yaml"
	(cd "$fdir" && timeout 10 "$fbin" check --layout corpus.yaml "$fplan") >/dev/null 2>"$fdir/corpus.err"
	rc=$?
	case $base in
	finding-* | damaged-*)
		check "font corpus $base: refused (exit $rc)" sh -c "[ $rc -eq 1 ] &&
			grep -q '^corpus.yaml:2:12: error: cannot use font .corpus.ttf.: ' '$fdir/corpus.err'" ;;
	*)
		check "font corpus $base: accepted (exit $rc)" sh -c "[ $rc -eq 0 ] && [ ! -s '$fdir/corpus.err' ]" ;;
	esac
done

# A font that hb-subset refuses is embedded whole: a preloaded
# hb_subset_plan_create_or_fail that fails stands in for HarfBuzz refusing
# every font. And should libharu fail to write the document (a preloaded
# HPDF_SaveToStream that returns a write error and writes nothing), the result is
# a [pdf] error, exit 2, and no file: never an empty "PDF" with exit 0, as
# it was before the save's status was read.
printf '%s\n' '#include <stddef.h>' \
	'void *hb_subset_plan_create_or_fail(void *face, const void *input);' \
	'void *hb_subset_plan_create_or_fail(void *face, const void *input)' \
	'{ (void)face; (void)input; return NULL; }' >"$fdir/refuse.c"
printf '%s\n' 'unsigned long HPDF_SaveToStream(void *pdf);' \
	'unsigned long HPDF_SaveToStream(void *pdf) { (void)pdf; return 0x1016; }' \
	>"$fdir/nosave.c"
if $CC -shared -fPIC -o "$fdir/refuse.so" "$fdir/refuse.c" 2>"$tmp/why" &&
    $CC -shared -fPIC -o "$fdir/nosave.so" "$fdir/nosave.c" 2>>"$tmp/why"; then
	rm -f "$fdir/refused.pdf"
	LD_PRELOAD="$fdir/refuse.so" ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
		timeout 20 "$fbin" build -o "$fdir/refused.pdf" "$fplan" >/dev/null 2>"$fdir/refused.err"
	rc=$?
	check "font refused by the subsetter: embedded whole, the build succeeds (exit $rc)" \
		sh -c "[ $rc -eq 0 ] && pdffonts '$fdir/refused.pdf' | grep -q 'Carlito .* yes no  yes'"
	rm -f "$fdir/unsaved.pdf"
	LD_PRELOAD="$fdir/nosave.so" ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
		timeout 20 "$fbin" build -o "$fdir/unsaved.pdf" "$fplan" >/dev/null 2>"$fdir/unsaved.err"
	rc=$?
	check "a PDF the library fails to save: exit 2, a [pdf] error, no file (exit $rc)" \
		sh -c "[ $rc -eq 2 ] && [ ! -e '$fdir/unsaved.pdf' ] &&
		grep -q 'error: the PDF library failed (error 0x1016.*\\[pdf\\]' '$fdir/unsaved.err'"
else
	not_ok "fonts: the subsetter stand-in does not compile" "$(cat "$tmp/why")"
fi

# Found by fuzz_font once fonts were subset with hb-subset and written by
# planc: a font that font.c accepts and hb-subset refuses is embedded whole
# (its own name, no ABCDEF+ subset tag); one whose metrics are out of a PDF
# number's range (two head tables) has them clamped. Both builds succeed
# instead of failing without a place in the layout.
fs=$tmp/fonts-subset
mkdir -p "$fs"
for odd in subset-refused metrics-out-of-range; do
	cp "tests/fuzz/corpus/font/$odd.ttf" "$fs/odd.ttf"
	printf 'fonts: { regular: odd.ttf, bold: odd.ttf, italic: odd.ttf, bold-italic: odd.ttf }\n' >"$fs/layout.yaml"
	rm -f "$fs/out.pdf"
	"$PLANC" build --layout "$fs/layout.yaml" -o "$fs/out.pdf" tests/check/clean.yaml >"$fs/err" 2>&1
	check "fonts: the fuzzed font $odd builds (exit 0, text extracts)" \
		sh -c "[ $? -eq 0 ] && qpdf --check '$fs/out.pdf' >/dev/null &&
		pdftotext '$fs/out.pdf' - | grep -q Testplan"
done
