# tests/suites/mem.sh - the memory a build needs grows slowly with the
# plan (issue 15): the peak resident memory that 900 more activities add
# (tests/bench/genplan 1,000 against 100) stays under 40 MB. Before the
# arena grew arrays in place, the table's rows were freed after placing
# and libharu's page streams were compressed page by page, it was 62 MB;
# now it is about 28 MB. Sizes, not times; the peak is the child's
# ru_maxrss (Python's resource module). Not under ASan, whose shadow
# memory and quarantine say nothing about planc's.
# Sourced by tests/run.

mem_peak() {	# mem_peak PLAN: the build's peak RSS in KB, or nothing
	python3 -c '
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL)
if r.returncode == 0:
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
' "$PLANC" build -q -o "$tmp/mem.pdf" "$1"
}

if [ -z "${ASAN_OPTIONS:-}" ] && command -v python3 >/dev/null; then
	tests/bench/genplan 100 >"$tmp/mem-100.yaml"
	tests/bench/genplan 1000 >"$tmp/mem-1000.yaml"
	mem_small=$(mem_peak "$tmp/mem-100.yaml")
	mem_large=$(mem_peak "$tmp/mem-1000.yaml")
	if [ -z "$mem_small" ] || [ -z "$mem_large" ]; then
		not_ok "mem: genplan 100 and 1,000 build" \
		    "peak ${mem_small:-failed} KB, ${mem_large:-failed} KB"
	elif [ $((mem_large - mem_small)) -lt 40960 ]; then
		ok
	else
		not_ok "mem: 900 more activities add $(((mem_large - mem_small) / 1024)) MB of peak memory, more than 40 MB" \
		    "genplan 100: $mem_small KB; genplan 1,000: $mem_large KB"
	fi
fi
