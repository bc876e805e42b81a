# tests/suites/start.sh - start-up and per-word work (issue 15): --timings
# prints a line per stage, in order, after the diagnostics, and changes
# nothing else (PDF bytes, the layout dump, diagnostics); the completions
# know it. The fast pattern loader is compared with libhyphen's in
# tests/unit/test_hyphdict.c. Sourced by tests/run; never asserts a time.

st_plan=plans/pact-2018.yaml
st_dir="$tmp/start"
mkdir -p "$st_dir"

# st_lines FILE STAGES...: the timing lines of FILE (after its heading) are
# exactly STAGES then total, each with two numbers of two decimals, the
# total the sum of the stages (to rounding), and nothing follows them.
st_lines() {
	local f=$1
	shift
	awk -v want="$* total" '
		BEGIN { n = split(want, w, " ") }
		$0 ~ /^timings \(ms\) +cpu +wall$/ { on = 1; k = 0; next }
		!on { next }
		{
			k++
			if ($1 != w[k] || NF != 3 || $2 !~ /^[0-9]+\.[0-9][0-9]$/ ||
			    $3 !~ /^[0-9]+\.[0-9][0-9]$/) { bad = "line " k ": " $0; exit }
			if ($1 == "total") {
				if ($2 - cpu > 0.01 * n || cpu - $2 > 0.01 * n ||
				    $3 - wall > 0.01 * n || wall - $3 > 0.01 * n)
					bad = "total " $2 " " $3 " is not the sum " cpu " " wall
				done = 1
			} else { cpu += $2; wall += $3 }
		}
		END {
			if (bad == "" && !on) bad = "no heading"
			if (bad == "" && !done) bad = "no total (after " k " lines)"
			if (bad == "" && k != n) bad = k " lines, expected " n
			if (bad != "") { print bad; exit 1 }
		}' "$f"
}

STAGES_BUILD="load model check layout typeset pdf write"
STAGES_CHECK="load model check layout"

# ---- build --timings: the lines, and the same PDF ----
SOURCE_DATE_EPOCH=0 "$PLANC" build -o "$st_dir/plain.pdf" "$st_plan" \
	2>"$st_dir/plain.err"
st_rc_plain=$?
SOURCE_DATE_EPOCH=0 "$PLANC" build --timings -o "$st_dir/timed.pdf" "$st_plan" \
	2>"$st_dir/timed.err"
st_rc_timed=$?
check "timings: build --timings exits as build does (0)" \
	sh -c "[ $st_rc_plain -eq 0 ] && [ $st_rc_timed -eq 0 ]"
check "timings: build prints a heading, load model check layout typeset pdf write, total" \
	st_lines "$st_dir/timed.err" $STAGES_BUILD
check "timings: build --timings writes the same PDF bytes" \
	cmp "$st_dir/plain.pdf" "$st_dir/timed.pdf"
# The diagnostics come first, unchanged; the figures are the last 9 lines.
head -n -9 "$st_dir/timed.err" >"$st_dir/timed.diag"
check "timings: the diagnostics are unchanged and come before the figures" \
	sh -c "grep -q '^0 errors, 4 warnings\$' '$st_dir/plain.err' &&
	cmp '$st_dir/plain.err' '$st_dir/timed.diag'"
check "timings: build takes typeset time (the stage is measured, not zero)" \
	sh -c "awk '\$1 == \"typeset\" && \$2 + 0 > 0 { f = 1 } END { exit !f }' '$st_dir/timed.err'"

# Untagged, the plain layout and --dump-layout: the same output too.
SOURCE_DATE_EPOCH=0 "$PLANC" build --untagged --layout plain \
	-o "$st_dir/u-plain.pdf" "$st_plan" 2>/dev/null
SOURCE_DATE_EPOCH=0 "$PLANC" build --untagged --layout plain --timings \
	-o "$st_dir/u-timed.pdf" "$st_plan" 2>/dev/null
check "timings: --untagged --layout plain, the same PDF bytes" \
	cmp "$st_dir/u-plain.pdf" "$st_dir/u-timed.pdf"
"$PLANC" build --dump-layout "$st_plan" >"$st_dir/dump-plain" 2>/dev/null
"$PLANC" build --dump-layout --timings "$st_plan" >"$st_dir/dump-timed" \
	2>"$st_dir/dump.err"
check "timings: --dump-layout prints the same pages, the figures on stderr" \
	sh -c "cmp '$st_dir/dump-plain' '$st_dir/dump-timed' &&
	! grep -q '^timings' '$st_dir/dump-timed'"
check "timings: --dump-layout's stages (the dump is the write stage)" \
	st_lines "$st_dir/dump.err" $STAGES_BUILD
# A plan with errors: the stages it ran are there all the same.
printf 'plan: { title: T, date: 2018-13 }\n' >"$st_dir/broken.yaml"
"$PLANC" build --timings -o "$st_dir/broken.pdf" "$st_dir/broken.yaml" \
	2>"$st_dir/broken.err"
check "timings: a plan with errors: exit 1, no PDF, the figures after the errors" \
	sh -c "[ $? -eq 1 ] && [ ! -e '$st_dir/broken.pdf' ] &&
	grep -q 'error: ' '$st_dir/broken.err' &&
	tail -n 9 '$st_dir/broken.err' | head -n 1 | grep -q '^timings (ms)'"
check "timings: ... with every stage's line" \
	st_lines "$st_dir/broken.err" $STAGES_BUILD

# ---- check --timings ----
"$PLANC" check --format=json "$st_plan" >"$st_dir/check.json" 2>/dev/null
"$PLANC" check --format=json --timings "$st_plan" >"$st_dir/check-t.json" \
	2>"$st_dir/check-t.err"
check "timings: check prints load model check layout, total" \
	st_lines "$st_dir/check-t.err" $STAGES_CHECK
check "timings: check --format=json --timings: the same JSON on stdout" \
	cmp "$st_dir/check.json" "$st_dir/check-t.json"
"$PLANC" check --timings "$st_plan" plans/pact-2019.yaml 2>"$st_dir/check2.err"
check "timings: check of two plans: one set of figures" \
	sh -c "[ \$(grep -c '^timings (ms)' '$st_dir/check2.err') -eq 1 ] &&
	[ \$(grep -c '^load ' '$st_dir/check2.err') -eq 1 ]"

# ---- not where it means nothing ----
"$PLANC" diff --timings "$st_plan" "$st_plan" >/dev/null 2>"$st_dir/diff.err"
check "timings: diff does not take --timings (usage error, exit 2)" \
	sh -c "[ $? -eq 2 ] && grep -q \"unknown option '--timings'\" '$st_dir/diff.err'"
"$PLANC" build --timing "$st_plan" >/dev/null 2>"$st_dir/typo.err"
check "timings: --timing is a typo of --timings" \
	grep -q "did you mean '--timings'" "$st_dir/typo.err"

# ---- documented ----
check "timings: build --help and check --help describe --timings" \
	sh -c "'$PLANC' build --help | grep -q -- '--timings prints' &&
	'$PLANC' check --help | grep -q -- '--timings'"
check "timings: the man page, README and every completion know --timings" \
	sh -c "grep -q 'Fl \\\\-timings' src/planc.1 && grep -q -- '--timings' README.md &&
	grep -q -- '--timings' src/completion/planc.bash &&
	grep -q -- '--timings' src/completion/_planc &&
	grep -q -- '-l timings' src/completion/planc.fish"

# ---- libharu out of memory is planc out of memory ----
# A preloaded HPDF_SaveToStream that fails as libharu does when an
# allocation fails (HPDF_FAILD_TO_ALLOC_MEM): exit 2, "planc: out of
# memory" last, no file; not a [pdf] error that blames the fonts.
printf '%s\n' 'unsigned long HPDF_SaveToStream(void *pdf);' \
	'unsigned long HPDF_SaveToStream(void *pdf) { (void)pdf; return 0x1015; }' \
	>"$st_dir/nomem.c"
if $CC -shared -fPIC -o "$st_dir/nomem.so" "$st_dir/nomem.c" 2>"$tmp/why"; then
	LD_PRELOAD="$st_dir/nomem.so" ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
		timeout 20 "$PLANC" build -o "$st_dir/nomem.pdf" plans/example.yaml \
		>/dev/null 2>"$st_dir/nomem.err"
	check "libharu out of memory: exit 2, 'planc: out of memory', no file" \
		sh -c "[ $? -eq 2 ] && [ ! -e '$st_dir/nomem.pdf' ] &&
		[ \"\$(tail -n 1 '$st_dir/nomem.err')\" = 'planc: out of memory' ] &&
		! grep -q '\\[pdf\\]' '$st_dir/nomem.err'"
else
	not_ok "start: the libharu stand-in does not compile" "$(cat "$tmp/why")"
fi

# ---- planc's own fonts without fontconfig ----
# fontconfig's entry points preloaded to abort: the 2018 plan (Carlito and
# DejaVu Sans, both in fonts/) checks and builds all the same, in both
# layouts; a system family (DejaVu Serif) does reach fontconfig, which
# shows that the stand-in is in the way.
printf '%s\n' '#include <stdlib.h>' '#include <unistd.h>' \
	'static void no(void) { write(2, "fontconfig called\n", 18); abort(); }' \
	'void *FcConfigCreate(void) { no(); return 0; }' \
	'int FcConfigAppFontAddFile(void *c, const void *f) { (void)c; (void)f; no(); return 0; }' \
	'void *FcInitLoadConfigAndFonts(void) { no(); return 0; }' \
	'void *FcFontMatch(void *c, void *p, void *r) { (void)c; (void)p; (void)r; no(); return 0; }' \
	>"$st_dir/nofc.c"
if $CC -shared -fPIC -o "$st_dir/nofc.so" "$st_dir/nofc.c" 2>"$tmp/why"; then
	st_nofc() {
		LD_PRELOAD="$st_dir/nofc.so" \
		ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0" \
			timeout 60 "$PLANC" "$@"
	}
	st_nofc check "$st_plan" >/dev/null 2>"$st_dir/nofc.err"
	check "fonts/: check of the 2018 plan asks fontconfig nothing" \
		sh -c "[ $? -eq 0 ] && ! grep -q 'fontconfig called' '$st_dir/nofc.err'"
	SOURCE_DATE_EPOCH=0 st_nofc build -o "$st_dir/nofc.pdf" "$st_plan" \
		>/dev/null 2>&1 &&
	SOURCE_DATE_EPOCH=0 st_nofc build --layout plain -o "$st_dir/nofc-plain.pdf" \
		"$st_plan" >/dev/null 2>&1
	check "fonts/: builds in both layouts without fontconfig" \
		sh -c "[ $? -eq 0 ] && cmp '$st_dir/nofc.pdf' '$st_dir/plain.pdf'"
	check "fonts/: the plain layout's four DejaVu Sans faces are found by name" \
		sh -c "pdffonts '$st_dir/nofc-plain.pdf' | grep -q 'DejaVuSans-Bold ' &&
		pdffonts '$st_dir/nofc-plain.pdf' | grep -q 'DejaVuSans '"
	printf 'fonts: { regular: DejaVu Serif }\n' >"$st_dir/serif.yaml"
	st_nofc check --layout "$st_dir/serif.yaml" "$st_plan" >/dev/null \
		2>"$st_dir/serif.err"
	check "fonts/: a family not in fonts/ is fontconfig's (the stand-in aborts)" \
		grep -q 'fontconfig called' "$st_dir/serif.err"
else
	not_ok "start: the fontconfig stand-in does not compile" "$(cat "$tmp/why")"
fi

# ---- each font file read once ----
# Every byte read() from a font while building the 2018 plan, summed per
# file: each file's size once (the layout's check of the font and the
# typesetting share what was read). The family lookup's reads of a few
# tables are pread()s and not counted. Needs strace.
if command -v strace >/dev/null 2>&1 && [ -z "${ASAN_OPTIONS:-}" ]; then
	strace -f -y -e trace=read -o "$st_dir/strace" "$PLANC" build \
		-o "$st_dir/strace.pdf" "$st_plan" >/dev/null 2>&1
	awk '/\.ttf>, / && /^([0-9]+ +)?read\(/ {
		match($0, /<[^>]*\.ttf>/); f = substr($0, RSTART + 1, RLENGTH - 2)
		n[f] += $NF
	} END { for (f in n) print f, n[f] }' "$st_dir/strace" >"$st_dir/reads"
	check "fonts: each of the 2018 plan's five font files is read once, whole" \
		sh -c "[ \$(wc -l <'$st_dir/reads') -eq 5 ] &&
		while read -r f n; do [ \"\$n\" -eq \"\$(wc -c <\"\$f\")\" ] || { echo \"\$f: \$n bytes read\"; exit 1; }; done <'$st_dir/reads'"
else
	echo "start: strace is not installed (or ASan): font reads are not counted"
fi
