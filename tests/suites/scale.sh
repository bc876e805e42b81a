# tests/suites/scale.sh - planc takes time linear in its input: each case
# runs a plan that is large in one way (tests/tools/genscale) at two sizes
# eight times apart and asserts that the larger takes less than 24 times
# the CPU time (user + system) of the smaller: linear work gives about 8,
# quadratic work about 64. Never wall-clock time: CPU time is what a loaded
# machine does not inflate. The smaller runs twice and the lesser time
# counts, the larger again only if it seemed over the bound; the larger is
# also held to a CPU limit (and, outside ASan, an address-space limit), so
# quadratic code fails instead of stalling.
# Diagnostics go to /dev/null: their printing is bounded elsewhere.
# Sourced by tests/run.

scale_gen=tests/tools/genscale
scale_ratio=24
scale_cpu=20			# seconds of CPU for one run, at most
scale_mem=1500000		# KB of address space for the larger run
[ -n "${ASAN_OPTIONS:-}" ] && scale_mem=	# ASan reserves terabytes

# scale_time MEM RUNS CMD...: the least user+system CPU milliseconds of
# RUNS runs of CMD, in $scale_ms; empty if a run failed (exit 2 or more, a
# signal, the CPU or memory limit). Exit 1 is fine: some cases have errors
# on purpose.
scale_time() {
	local mem=$1 runs=$2 i t rc
	shift 2
	scale_ms=
	for i in $(seq "$runs"); do
		t=$( { TIMEFORMAT='%3U %3S'; time (
			ulimit -t "$scale_cpu"
			[ -n "$mem" ] && ulimit -v "$mem"
			"$@" >/dev/null 2>&1
			echo $? >"$tmp/scale.rc"
		) ; } 2>&1 ) || return
		rc=$(cat "$tmp/scale.rc" 2>/dev/null)
		rm -f "$tmp/scale.rc"
		[ "${rc:-2}" -le 1 ] || { scale_ms=; return; }
		t=$(echo "$t" | awk '{ printf "%d", ($1 + $2) * 1000 }')
		[ -z "$scale_ms" ] || [ "$t" -lt "$scale_ms" ] && scale_ms=$t
	done
}

# scale_case COMMAND KIND SMALL: `planc COMMAND` on KIND at SMALL and 8 x
# SMALL. SMALL is chosen so that the small run takes 50 ms or more.
scale_case() {
	local cmd=$1 kind=$2 n=$3 small large
	local f1="$tmp/scale-$kind-1.yaml" f8="$tmp/scale-$kind-8.yaml"

	"$scale_gen" "$kind" "$n" >"$f1"
	"$scale_gen" "$kind" $((n * 8)) >"$f8"
	set -- "$PLANC" check
	[ "$cmd" = build ] && set -- "$PLANC" build -o "$tmp/scale.pdf"
	scale_time "" 2 "$@" "$f1"
	small=$scale_ms
	scale_time "$scale_mem" 1 "$@" "$f8"
	large=$scale_ms
	if [ -n "$small" ] && [ -n "$large" ] &&
	    [ "$large" -ge $((small * scale_ratio)) ]; then
		scale_time "$scale_mem" 1 "$@" "$f8"
		[ -n "$scale_ms" ] && [ "$scale_ms" -lt "$large" ] &&
			large=$scale_ms
	fi
	if [ -z "$small" ] || [ -z "$large" ]; then
		not_ok "scale $cmd $kind: a run failed or passed its limit" \
		    "$kind $n: ${small:-failed} ms; $kind $((n * 8)): ${large:-failed or over ${scale_cpu} s CPU / ${scale_mem:-no} KB}"
		return
	fi
	[ -n "${SCALE_VERBOSE:-}" ] &&
		echo "scale $cmd $kind $n: $small ms; x8: $large ms" >&2
	# Below 50 ms the noise would decide; count it as 50.
	[ "$small" -lt 50 ] && small=50
	if [ "$large" -lt $((small * scale_ratio)) ]; then
		ok
	else
		not_ok "scale $cmd $kind: x8 the input took ${large} ms, more than x$scale_ratio of ${small} ms"
	fi
}

# scale_pair COMMAND OLDKIND NEWKIND SMALL: `planc diff OLD NEW` or
# `planc build --compare OLD NEW` (COMMAND compare) on two plans of the
# two kinds, at SMALL and 8 x SMALL, held to the bounds of scale_case.
scale_pair() {
	local cmd=$1 okind=$2 nkind=$3 n=$4 small large m
	local name="scale $cmd $okind -> $nkind"

	for m in "$n" $((n * 8)); do
		"$scale_gen" "$okind" "$m" >"$tmp/scale-old-$m.yaml"
		"$scale_gen" "$nkind" "$m" >"$tmp/scale-new-$m.yaml"
	done
	set -- "$PLANC" diff
	[ "$cmd" = compare ] && set -- "$PLANC" build -o "$tmp/scale.pdf" --compare
	scale_time "" 2 "$@" "$tmp/scale-old-$n.yaml" "$tmp/scale-new-$n.yaml"
	small=$scale_ms
	m=$((n * 8))
	scale_time "$scale_mem" 1 "$@" "$tmp/scale-old-$m.yaml" "$tmp/scale-new-$m.yaml"
	large=$scale_ms
	if [ -n "$small" ] && [ -n "$large" ] &&
	    [ "$large" -ge $((small * scale_ratio)) ]; then
		scale_time "$scale_mem" 1 "$@" "$tmp/scale-old-$m.yaml" \
		    "$tmp/scale-new-$m.yaml"
		[ -n "$scale_ms" ] && [ "$scale_ms" -lt "$large" ] &&
			large=$scale_ms
	fi
	if [ -z "$small" ] || [ -z "$large" ]; then
		not_ok "$name: a run failed or passed its limit" \
		    "$n: ${small:-failed} ms; $m: ${large:-failed or over ${scale_cpu} s CPU / ${scale_mem:-no} KB}"
		return
	fi
	[ -n "${SCALE_VERBOSE:-}" ] &&
		echo "$name $n: $small ms; x8: $large ms" >&2
	[ "$small" -lt 50 ] && small=50
	if [ "$large" -lt $((small * scale_ratio)) ]; then
		ok
	else
		not_ok "$name: x8 the input took ${large} ms, more than x$scale_ratio of ${small} ms"
	fi
}

# The three the hardening issue measured: near-duplicate names among
# 'Persoon 0' ... (check), a long footnote on one line, nested foreign
# spans.
scale_case check people 12000
scale_case build footnote 120000
scale_case build nest 2500
# One paragraph on one line, one word, one table cell, one list, one line
# of emphasis.
scale_case build line 120000
scale_case build word 60000
scale_case build cell 120000
scale_case build list 6000
scale_case build marks 12000
# Many ids, references, footnotes, unknown references (their "did you
# mean"), headings referred to by page, rows and periods of the activity
# table, members of a body.
scale_case check ids 12000
scale_case build refs 12000
scale_case build footnotes 1500
scale_case check unknown 1500
scale_case build sections 1500
scale_case build domains 1500
scale_case build periods 4000
scale_case build members 2000
# Issue 15: made-up names, many the same (check); activities in 50
# domains over 400 periods (x8: 3,200; a table that read every activity
# for every domain and period took x69); a domain of many strands and
# ambitions (every ambition asked for every row: x40); a redline of
# domains that lost every activity (the removed array copied at each
# removal: out of memory); a diff where every id changed (every pair of
# old and new compared: x43); chapters kept together (each trial copied
# every structure element: 1.7 GB at x8).
scale_case check names 12000
scale_case build grid 2000
scale_case build strands 1500
scale_case build chapters 500
scale_pair compare domains dropped 1500
scale_pair diff ids renamed 4000
