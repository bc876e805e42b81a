# tests/suites/oom.sh - running out of memory anywhere ends planc with
# "planc: out of memory" and exit 2, leaving no output and no temporary file.
# $BUILD/tests/planc-oom is planc built with -DPLANC_FAULT_INJECTION (see
# src/arena.c): PLANC_FAIL_ALLOC=N fails its Nth own allocation,
# PLANC_FAIL_HYPHEN=N libhyphen's Nth. Sourced by tests/run, it tries a sample
# of N; `make oomtest` runs it on its own with OOM_SWEEP=full: every N.
# Also: libhyphen's allocator is interposed (nm -D), the hook is not in
# $PLANC, and a real `ulimit -v` gives planc's message.

if [ -z "${tmp-}" ]; then
	# Run on its own (make oomtest): the helpers tests/run would give.
	set -u
	cd "$(dirname "$0")/../.." || exit 2
	PLANC=${PLANC:-build/planc}
	BUILD=${BUILD:-build}
	CC=${CC:-cc}
	CFLAGS=${CFLAGS:--std=c11 -O1 -g -D_POSIX_C_SOURCE=200809L -I/usr/include/harfbuzz}
	LIBS=${LIBS:--lhpdf -lharfbuzz-subset -lharfbuzz -lpcre2-8 -lyaml -lhyphen -lfontconfig -lz -lm}
	export NO_COLOR=1 LC_ALL=C.UTF-8
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/planc-oom.XXXXXX") || exit 2
	trap 'rm -rf "$tmp"' EXIT
	pass=0
	fail=0
	ok() { pass=$((pass + 1)); }
	not_ok() {
		fail=$((fail + 1))
		echo "FAIL: $1"
		[ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/    /' | head -40
	}
	check() {
		local name=$1; shift
		if "$@" >"$tmp/why" 2>&1; then ok; else not_ok "$name" "$(cat "$tmp/why")"; fi
	}
	oom_alone=1
fi
oom_full=${OOM_SWEEP:-}
[ "$oom_full" = full ] || oom_full=

# fontconfig, failing to allocate while it scans the system's fonts, writes
# an empty cache for their directories into /var/cache/fontconfig (as
# root), after which no program on the machine finds those fonts until
# fc-cache -f. Every run here gets a fontconfig of its own: the system's
# font directories, a cache under $tmp.
oom_fc_was=${FONTCONFIG_FILE-}
mkdir -p "$tmp/oom-fc-cache"
printf '%s\n' '<?xml version="1.0"?>' \
	'<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">' \
	'<fontconfig>' '<dir>/usr/share/fonts</dir>' \
	'<dir>/usr/local/share/fonts</dir>' \
	"<cachedir>$tmp/oom-fc-cache</cachedir>" '</fontconfig>' \
	>"$tmp/oom-fonts.conf"
export FONTCONFIG_FILE="$tmp/oom-fonts.conf"
# Its cache filled once with memory to spare, as the system's is, so that
# the runs below fail in planc and not in a first scan of every font.
"$PLANC" build -o "$tmp/oom-warm.pdf" plans/example.yaml >/dev/null 2>&1
oom_bin="$BUILD/tests/planc-oom"
oom_dir="$tmp/oom"
mkdir -p "$oom_dir" "$BUILD/tests"
# A process that runs out of memory exits with its memory in use: that is no
# leak worth reporting (and LeakSanitizer would change the exit status).
oom_asan="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

# oom_spread COUNT K: 1, 2, K numbers spread evenly over 1..COUNT, and COUNT
oom_spread() {
	awk -v c="$1" -v k="$2" 'BEGIN {
		print 1; print 2; print c
		for (i = 1; i <= k; i++) print int(i * c / (k + 1))
	}' | awk -v c="$1" '$1 >= 1 && $1 <= c' | sort -nu
}

# oom_counts ARGS...: "A H", planc's and libhyphen's allocations in a run of
# `planc-oom ARGS` that fails none
oom_counts() {
	ASAN_OPTIONS=$oom_asan PLANC_FAIL_ALLOC=0 PLANC_FAIL_HYPHEN=0 \
	    "$oom_bin" "$@" 2>&1 >/dev/null |
		sed -n 's/^planc-oom: \([0-9]*\) allocations, \([0-9]*\) in libhyphen$/\1 \2/p'
}

# oom_reset: an output directory holding only keep.pdf ("old"), which a
# command may name as its output to see that a failure leaves it as it was
oom_reset() {
	rm -rf "$oom_dir/out" && mkdir "$oom_dir/out" &&
		echo old >"$oom_dir/out/keep.pdf"
}

# oom_try VAR N ARGS...: `planc-oom ARGS` with allocation N of kind VAR
# failing; prints what went wrong, nothing if it ended as it must: exit 2,
# "planc: out of memory" as the last line of stderr, nothing on stdout (so
# "-o -" wrote no partial PDF), the output directory as it was (no new PDF,
# no .NAME.XXXXXX temporary file, keep.pdf unchanged).
oom_try() {
	local var=$1 n=$2 rc last left; shift 2
	oom_reset || { echo "cannot reset $oom_dir/out"; return; }
	env ASAN_OPTIONS="$oom_asan" "$var=$n" timeout 60 "$oom_bin" "$@" \
	    >"$oom_dir/stdout" 2>"$oom_dir/stderr"
	rc=$?
	last=$(tail -n 1 "$oom_dir/stderr")
	left=$(cd "$oom_dir/out" && ls -A | grep -vx keep.pdf | tr '\n' ' ')
	if [ "$rc" -ne 2 ]; then
		echo "exit $rc, expected 2: $(tail -n 3 "$oom_dir/stderr")"
	elif [ "$last" != "planc: out of memory" ]; then
		echo "stderr ends with '$last'"
	elif [ -s "$oom_dir/stdout" ]; then
		echo "$(wc -c <"$oom_dir/stdout") bytes on stdout"
	elif [ -n "$left" ]; then
		echo "left behind: $left"
	elif [ "$(cat "$oom_dir/out/keep.pdf")" != old ]; then
		echo "keep.pdf was changed"
	fi
}

# oom_sweep NAME VAR "N..." ARGS...: oom_try for each N; a test per N, the
# first few failures of a sweep shown in full, the rest counted
oom_sweep() {
	local name=$1 var=$2 list=$3 n why shown=0 bad=0 total=0 start; shift 3
	start=$(date +%s)
	for n in $list; do
		total=$((total + 1))
		why=$(oom_try "$var" "$n" "$@")
		if [ -z "$why" ]; then
			ok
		elif [ "$shown" -lt 5 ]; then
			shown=$((shown + 1)); bad=$((bad + 1))
			not_ok "oom: $name: $var=$n: $why"
		else
			bad=$((bad + 1)); fail=$((fail + 1))
		fi
	done
	[ "$bad" -gt "$shown" ] &&
		echo "FAIL: oom: $name: $((bad - shown)) more failing N not shown"
	[ -n "$oom_full" ] &&
		echo "oom: $name: $var over $total N: $((total - bad)) passed, $bad failed ($(($(date +%s) - start)) s)"
}

# oom_command NAME OUT K KH ARGS...: counts the allocations of `planc-oom
# ARGS` (which writes OUT, or nothing when OUT is empty), checks that one
# more than counted is never made (the sweep's range is complete), then
# sweeps planc's own allocations (every N, or K spread over them) and, when
# KH > 0 and it hyphenates, libhyphen's (KH spread over them; the full
# sweep takes the first 200 and 200 spread: libhyphen allocates tens of
# thousands of times, for its patterns).
oom_command() {
	local name=$1 out=$2 k=$3 kh=$4 counts a h list; shift 4
	counts=$(oom_counts "$@")
	a=${counts% *}
	h=${counts#* }
	if [ -z "$counts" ] || [ "$a" -lt 2 ]; then
		not_ok "oom: $name: no allocation count from planc-oom" \
		    "$(ASAN_OPTIONS=$oom_asan PLANC_FAIL_ALLOC=0 "$oom_bin" "$@" 2>&1 | tail -5)"
		return
	fi
	oom_reset
	ASAN_OPTIONS=$oom_asan PLANC_FAIL_ALLOC=$((a + 1)) \
	    "$oom_bin" "$@" >/dev/null 2>"$oom_dir/stderr"
	check "oom: $name: allocation $((a + 1)) of $a is never made" \
	    sh -c "[ $? -eq 0 ] && { [ -z '$out' ] || [ \"\$(head -c 4 '$out')\" = %PDF ]; }"
	[ -n "$oom_full" ] && echo "oom: $name: $a allocations, $h in libhyphen"
	if [ -n "$oom_full" ]; then list=$(seq 1 "$a"); else list=$(oom_spread "$a" "$k"); fi
	oom_sweep "$name" PLANC_FAIL_ALLOC "$list" "$@"
	[ "$h" -gt 0 ] && [ "$kh" -gt 0 ] || return 0
	if [ -n "$oom_full" ]; then
		list=$( (seq 1 200; oom_spread "$h" 200) | sort -nu)
	else
		list=$(oom_spread "$h" "$kh")
	fi
	oom_sweep "$name" PLANC_FAIL_HYPHEN "$list" "$@"
}

# ---- the test binary: every source, the hook compiled in ----
oom_cmd="$CC $CFLAGS -D_DEFAULT_SOURCE -DPLANC_FAULT_INJECTION -DPLANC_VERSION='\"oom\"' -DPLANC_DATADIR='\"$PWD\"' -iquote src -o $oom_bin src/*.c $LIBS"
if [ -x "$oom_bin" ] && [ "$(cat "$oom_bin.cmd" 2>/dev/null)" = "$oom_cmd" ] &&
    [ -z "$(find src -newer "$oom_bin" 2>/dev/null)" ]; then
	oom_built=1		# up to date
elif eval "$oom_cmd" 2>"$oom_dir/cc"; then
	printf '%s\n' "$oom_cmd" >"$oom_bin.cmd"
	oom_built=1
else
	not_ok "oom: planc-oom does not compile" "$(cat "$oom_dir/cc")"
	oom_built=
fi

# ---- the hook is only in the test binary ----
check "oom: planc itself has no fault injection (PLANC_FAIL_ALLOC=1 is ignored)" \
	sh -c "! nm '$PLANC' 2>/dev/null | grep -q ' arena_fault\$' &&
	PLANC_FAIL_ALLOC=1 PLANC_FAIL_HYPHEN=1 '$PLANC' check plans/pact-2018.yaml 2>/dev/null"

# ---- libhyphen's hnj_malloc/hnj_realloc are planc's ----
# Exported by the executable, they take the place of libhyphen's own (which
# print "can't allocate" and exit 1); failing them proves the calls land here.
check "oom: planc defines hnj_malloc and hnj_realloc for libhyphen (nm -D)" \
	sh -c "nm -D '$PLANC' | grep -q ' T hnj_malloc\$' && nm -D '$PLANC' | grep -q ' T hnj_realloc\$'"

# ---- every failing allocation, or a sample ----
# The sample: 12 N spread over planc's allocations plus the first two and
# the last, 6 over libhyphen's; a few with the PDF on stdout and over an
# existing output.
if [ -n "$oom_built" ]; then
	oom_command "check 2018 plan" "" 12 0 check plans/pact-2018.yaml
	oom_command "build example" "$oom_dir/out/new.pdf" 12 6 \
	    build -o "$oom_dir/out/new.pdf" plans/example.yaml
	oom_command "build example -o -" "" 2 0 build -o - plans/example.yaml
	oom_command "build example over keep.pdf" "$oom_dir/out/keep.pdf" 2 0 \
	    build -o "$oom_dir/out/keep.pdf" plans/example.yaml
	[ -n "$oom_full" ] &&
		oom_command "build 2018 plan" "$oom_dir/out/new.pdf" 0 1 \
		    build -o "$oom_dir/out/new.pdf" plans/pact-2018.yaml
fi

# ---- a real shortage: ulimit -v ----
# From the smallest limit the loader can map planc under, up in steps of
# 500 KiB to the first that builds: every run that fails must be planc's
# exit 2 and message, whichever allocation (planc's, libhyphen's, another
# library's) the limit hits first. Between about 13 and 16 MB the first to
# fail used to be libhyphen's ("can't allocate 1310720 bytes", exit 1).
# ASan reserves terabytes of address space and cannot run under a limit.
if nm "$PLANC" 2>/dev/null | grep -q __asan_init || [ "${BUILD%asan}" != "$BUILD" ]; then
	:	# skipped: an ASan build
else
	oom_v=3000 oom_seen=0 oom_bad=
	while [ "$oom_v" -le 100000 ]; do
		oom_reset
		(ulimit -v "$oom_v" && exec "$PLANC" build -o "$oom_dir/out/new.pdf" \
		    plans/pact-2018.yaml) >/dev/null 2>"$oom_dir/stderr"
		oom_rc=$?
		if [ "$oom_rc" -eq 0 ]; then
			break
		elif [ "$oom_rc" -eq 127 ] && grep -q 'error while loading shared libraries' "$oom_dir/stderr"; then
			:	# the loader could not map planc at all
		elif [ "$oom_rc" -eq 134 ] && [ "$(wc -l <"$oom_dir/stderr")" -eq 1 ] &&
		    grep -q "^GLib (gthread-posix.c): Unexpected error from C library during 'malloc'" "$oom_dir/stderr"; then
			:	# GLib (Debian's HarfBuzz links it) aborts in its own
			# constructor, which the loader runs before planc's main:
			# as when the loader fails, planc cannot report it
		elif [ "$oom_rc" -ne 2 ] ||
		    ! tail -n 1 "$oom_dir/stderr" | grep -q '^planc: ' ||
		    [ -e "$oom_dir/out/new.pdf" ]; then
			oom_bad="$oom_bad
ulimit -v $oom_v: exit $oom_rc: $(tail -n 1 "$oom_dir/stderr")"
		else
			oom_seen=$((oom_seen + 1))
		fi
		oom_v=$((oom_v + 500))
	done
	if [ -n "$oom_bad" ] || [ "$oom_seen" -eq 0 ] || [ "$oom_rc" -ne 0 ]; then
		not_ok "oom: ulimit -v: a limit too small must fail with exit 2 and 'planc: ...'" \
		    "$oom_seen limits failed well; the last tried, $oom_v KiB, exit $oom_rc$oom_bad"
	else
		ok
	fi
fi

if [ -n "$oom_fc_was" ]; then
	export FONTCONFIG_FILE="$oom_fc_was"
else
	unset FONTCONFIG_FILE
fi
if [ -n "${oom_alone-}" ]; then
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit
fi
