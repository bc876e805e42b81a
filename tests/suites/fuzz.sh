# tests/suites/fuzz.sh - the fuzz targets' corpora (tests/fuzz/corpus/)
# replayed through planc itself, so that every input a fuzzer once found
# interesting keeps getting a clean answer without clang: plans (split at
# their "#--- inc.yaml" line, see tests/fuzz/README.md) through `check`,
# the build corpus through `build`, layouts through `check --layout`, prose
# inside a chapter's text through `check`. Each must exit 0, 1 or 2 within
# its CPU bound, with no sanitizer report (make asan), and a build writes
# a PDF exactly when it succeeds. Sourced by tests/run.

fz=$tmp/fuzz
mkdir -p "$fz"

# fuzz_split FILE: FILE as $fz/plan.yaml and, after its separator line,
# $fz/inc.yaml (removed when there is none).
fuzz_split() {
	local off size
	rm -f "$fz/plan.yaml" "$fz/inc.yaml"
	off=$(grep -abxm1 -e '#--- inc.yaml' "$1" | cut -d: -f1)
	size=$(wc -c <"$1")
	if [ -n "$off" ] && [ $((off + 14)) -le "$size" ]; then
		head -c "$off" "$1" >"$fz/plan.yaml"
		tail -c +$((off + 15)) "$1" >"$fz/inc.yaml"
	else
		cp "$1" "$fz/plan.yaml"
	fi
}

# fuzz_run WHAT FILE ARGS...: runs planc ARGS on behalf of corpus file
# FILE; prints why it failed, if it did.
fuzz_run() {
	local what=$1 file=$2 rc
	shift 2
	( ulimit -t 20; "$PLANC" "$@" ) >"$fz/out" 2>"$fz/err"
	rc=$?
	if [ "$rc" -gt 2 ]; then
		echo "$what $file: exit $rc"; head -5 "$fz/err"
	elif grep -qE 'Sanitizer|runtime error:' "$fz/err"; then
		echo "$what $file: sanitizer report"; head -5 "$fz/err"
	fi
	return "$rc"
}

for f in tests/fuzz/corpus/plan/*; do
	[ -f "$f" ] || continue
	fuzz_split "$f"
	fuzz_run check "$f" check "$fz/plan.yaml"
done >"$fz/why"
check "fuzz: the plan corpus checks without a crash" test ! -s "$fz/why"
[ -s "$fz/why" ] && cat "$fz/why" >&2

for f in tests/fuzz/corpus/build/*; do
	[ -f "$f" ] || continue
	fuzz_split "$f"
	rm -f "$fz/out.pdf"
	if fuzz_run build "$f" build -o "$fz/out.pdf" "$fz/plan.yaml"; then
		head -c 5 "$fz/out.pdf" 2>/dev/null | grep -q '^%PDF-' ||
			echo "build $f: exit 0 without a PDF"
	elif [ -e "$fz/out.pdf" ]; then
		echo "build $f: failed but wrote a PDF"
	fi
done >"$fz/why2"
check "fuzz: the build corpus builds a PDF or fails cleanly" test ! -s "$fz/why2"
[ -s "$fz/why2" ] && cat "$fz/why2" >&2

for f in tests/fuzz/corpus/layout/*; do
	[ -f "$f" ] || continue
	cp "$f" "$fz/layout.yaml"
	fuzz_run layout "$f" check --layout "$fz/layout.yaml" tests/check/clean.yaml
done >"$fz/why3"
check "fuzz: the layout corpus checks without a crash" test ! -s "$fz/why3"
[ -s "$fz/why3" ] && cat "$fz/why3" >&2

for f in tests/fuzz/corpus/markup/*; do
	[ -f "$f" ] || continue
	{
		printf 'plan: { title: T, date: 2018-03 }\nparts:\n  - id: p\n'
		printf '    title: P\n    chapters:\n      - id: c\n'
		printf '        title: C\n        text: |\n'
		sed 's/^/          /' "$f"
	} >"$fz/plan.yaml"
	fuzz_run markup "$f" check "$fz/plan.yaml"
done >"$fz/why4"
check "fuzz: the markup corpus checks without a crash" test ! -s "$fz/why4"
[ -s "$fz/why4" ] && cat "$fz/why4" >&2

# The targets themselves are built only by `make fuzz` (clang): compile
# each here with the suite's compiler, so that a change of an API they use
# breaks make test, not the next fuzzing run.
for t in tests/fuzz/fuzz_*.c tests/fuzz/harness.c; do
	[ -e "$t" ] || continue
	# shellcheck disable=SC2086
	if $CC $CFLAGS -iquote src -iquote tests/fuzz -c -o "$tmp/fuzz-target.o" "$t" 2>"$tmp/cc"; then
		ok
	else
		not_ok "fuzz: $(basename "$t") does not compile against today's sources" "$(cat "$tmp/cc")"
	fi
done
