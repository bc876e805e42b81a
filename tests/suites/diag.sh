# tests/suites/diag.sh - bounded diagnostics: a long line is quoted as a
# window around the caret (its golden cases are tests/check/window-*.yaml
# and escape-invisible.yaml), so output stays small and quick whatever the
# input; each code prints at most --max-per-code diagnostics (default 100)
# and every format says how many more there were; a diagnostic is written
# in one piece. Sourced by tests/run (check, ok, not_ok, $PLANC, $tmp).
# Time is bounded as CPU time (ulimit -t), never as wall-clock time.

dg="$tmp/diag"
mkdir -p "$dg"

# ---- 5 MiB on one line ----
/usr/bin/python3 - "$dg" <<'EOF'
import sys
d = sys.argv[1]
big = 5 * 1024 * 1024
# a syntax error in the middle of the line, one at its end, a quoted
# scalar that never ends (the note quotes the line's start), deep flow
open(d + "/mid.yaml", "w").write("plan: { title: T, x: " + "x" * (big // 2) + " ] " + "y" * (big // 2) + " }\n")
open(d + "/end.yaml", "w").write("plan: { title: T, x: " + "x" * big + " ] }\n")
open(d + "/quote.yaml", "w").write('plan: { title: "' + "x" * big + "\n")
open(d + "/deep.yaml", "w").write("plan: " + "[" * 100000 + "\n")
EOF
for f in mid end quote deep; do
	(ulimit -t 10; "$PLANC" check "$dg/$f.yaml") >"$dg/out" 2>"$dg/err"
	rc=$?
	size=$(wc -c <"$dg/err")
	check "diag: 5 MiB line ($f): exit 1 within 10 s of CPU, < 2 KiB of output ($size bytes)" \
		sh -c "[ $rc -eq 1 ] && [ $size -lt 2048 ] && grep -q '^$dg/$f.yaml:[0-9]*:[0-9]*: error: ' '$dg/err'"
done
# The window in the middle of the line is cut on both sides and its caret is
# under the character the column names.
"$PLANC" check "$dg/mid.yaml" 2>"$dg/err"
check "diag: the window of a long line has … on both sides, the caret under its character" \
	/usr/bin/python3 - "$dg/mid.yaml" "$dg/err" <<'EOF'
import re, sys
src = open(sys.argv[1], encoding="utf-8").read().split("\n")
err = open(sys.argv[2], encoding="utf-8").read().split("\n")
m = re.match(r".*:(\d+):(\d+): error: ", err[0])
line, col = int(m.group(1)), int(m.group(2))
# behind the gutter: " 1 | text" and "   | ^"
text = re.match(r" *\d+ \| (.*)$", err[1]).group(1)
under = re.match(r" *\| (.*)$", err[2]).group(1)
assert text.startswith("\u2026") and text.endswith("\u2026"), text
assert len(text) <= 120, len(text)
caret = under.index("^")
assert text[caret] == src[line - 1][col - 1] == "]", (text[caret], caret)
assert text[1:-1] in src[line - 1]
EOF
(ulimit -t 10; "$PLANC" build -o "$dg/big.pdf" "$dg/end.yaml") >"$dg/out" 2>"$dg/err"
rc=$?
size=$(wc -c <"$dg/err")
check "diag: build of a 5 MiB line: exit 1, bounded output ($size bytes), no PDF" \
	sh -c "[ $rc -eq 1 ] && [ $size -lt 2048 ] && [ ! -e '$dg/big.pdf' ]"

# 100,000 diagnostics on one 1 MiB line, all shown: each quote resumes
# where the one before it left the line, so this is linear, not 100,000
# walks of the line (that took 16 s for 30,000 on 3 MiB).
/usr/bin/python3 - "$dg" <<'EOF'
import sys
refs = ", ".join("zz-%d" % i for i in range(100000))
open(sys.argv[1] + "/refs-line.yaml", "w").write("""plan: { title: T, date: 2018-03 }
periods:
  - { id: voorjaar, title: Voorjaar 2018 }
domains:
  - id: kinderen
    title: Kinderen
    ambitions:
      - { id: stem, text: De stem van kinderen. }
activities:
  - id: gesprekken
    domain: kinderen
    serves: [stem]
    period: voorjaar
    text: Gesprekken.
    with: [%s]
""" % refs)
EOF
(ulimit -t 10; "$PLANC" check --max-per-code=0 "$dg/refs-line.yaml") 2>"$dg/err" >/dev/null
rc=$?
check "diag: 100,000 errors on one 1 MiB line, all quoted, within 10 s of CPU (exit 1)" \
	sh -c "[ $rc -eq 1 ] && [ \$(grep -c '^ *[0-9]* | ….*…\$' '$dg/err') -ge 99000 ]"

# ---- the per-code limit ----
/usr/bin/python3 - "$dg" <<'EOF'
import random, sys
d = sys.argv[1]
rnd = random.Random(2018)
def name():
    w = lambda n: "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(n)).capitalize()
    return w(9) + " " + w(8)
def people(n):
    return "people:\n" + "".join("  - { id: p%d, name: %s }\n" % (i, name()) for i in range(n))
head = "plan: { title: T, date: 2018-03 }\n"
open(d + "/people.yaml", "w").write(head + people(150))
open(d + "/many.yaml", "w").write(head + people(1200))
refs = ", ".join("x%d-onbekend" % i for i in range(120))
open(d + "/refs.yaml", "w").write(head + """periods:
  - { id: voorjaar, title: Voorjaar 2018 }
domains:
  - id: kinderen
    title: Kinderen
    ambitions:
      - { id: stem, text: De stem van kinderen. }
activities:
  - id: gesprekken
    domain: kinderen
    serves: [stem]
    period: voorjaar
    text: Gesprekken.
    with: [%s]
""" % refs)
EOF
unused="warning: person 'p[0-9]*' is never referred to \[unused-person\]"
"$PLANC" check "$dg/people.yaml" 2>"$dg/err"
rc=$?
check "diag: 150 unused people print 100 warnings, then one line with the rest (exit 0)" \
	sh -c "[ $rc -eq 0 ] && [ \$(grep -c \"$unused\" '$dg/err') -eq 100 ] &&
	[ \"\$(tail -2 '$dg/err' | head -1)\" = \"planc: note: 50 more 'unused-person' warnings not shown (--max-per-code=0 shows all)\" ] &&
	[ \"\$(tail -1 '$dg/err')\" = '0 errors, 150 warnings' ]"
check "diag: the limit keeps the first 100 in sorted order" \
	sh -c "grep -q \"'p0' is never\" '$dg/err' && grep -q \"'p99' is never\" '$dg/err' &&
	! grep -q \"'p100' is never\" '$dg/err'"
"$PLANC" check --max-per-code=0 "$dg/people.yaml" 2>"$dg/err"
check "diag: --max-per-code=0 shows all" \
	sh -c "[ \$(grep -c \"$unused\" '$dg/err') -eq 150 ] && ! grep -q 'not shown' '$dg/err'"
"$PLANC" check "$dg/people.yaml" --max-per-code 7 2>"$dg/err"
check "diag: --max-per-code N (separate argument, after the file)" \
	sh -c "[ \$(grep -c \"$unused\" '$dg/err') -eq 7 ] && grep -q '^planc: note: 143 more ' '$dg/err'"
"$PLANC" check "$dg/many.yaml" 2>"$dg/err"
check "diag: the count has thousands separators" \
	grep -qx "planc: note: 1,100 more 'unused-person' warnings not shown (--max-per-code=0 shows all)" "$dg/err"
"$PLANC" check --max-per-code=10 "$dg/refs.yaml" 2>"$dg/err"
rc=$?
check "diag: errors beyond the limit are counted and still exit 1" \
	sh -c "[ $rc -eq 1 ] && [ \$(grep -c 'error: unknown .*\[unknown-ref\]$' '$dg/err') -eq 10 ] &&
	grep -qx \"planc: note: 110 more 'unknown-ref' errors not shown (--max-per-code=0 shows all)\" '$dg/err'"
"$PLANC" check --max-per-code=x "$dg/people.yaml" 2>"$dg/err"
rc1=$?
"$PLANC" check --max-per-code=-1 "$dg/people.yaml" 2>>"$dg/err"
rc2=$?
check "diag: --max-per-code takes a whole number (else exit 2)" \
	sh -c "[ $rc1 -eq 2 ] && [ $rc2 -eq 2 ] && [ \$(grep -c '^planc: --max-per-code takes a number' '$dg/err') -eq 2 ]"
"$PLANC" build --max-per-code=3 -o "$dg/people.pdf" "$dg/people.yaml" 2>"$dg/err"
rc=$?
check "diag: build takes --max-per-code too" \
	sh -c "[ $rc -eq 0 ] && [ \$(grep -c \"$unused\" '$dg/err') -eq 3 ] && grep -q '^planc: note: 147 more ' '$dg/err'"

"$PLANC" check --format=json "$dg/people.yaml" >"$dg/out"
check "diag: json carries 100 diagnostics and the count of the rest in \"suppressed\"" \
	/usr/bin/python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d['diagnostics']) == 100, len(d['diagnostics'])
assert d['suppressed'] == [{'code': 'unused-person', 'severity': 'warning', 'count': 50}], d['suppressed']
" "$dg/out"
"$PLANC" check --format=json --max-per-code=0 "$dg/people.yaml" >"$dg/out"
check "diag: json without a limit: all 150, \"suppressed\" empty" \
	/usr/bin/python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d['diagnostics']) == 150 and d['suppressed'] == []
" "$dg/out"
"$PLANC" check --format=sarif --max-per-code=10 "$dg/refs.yaml" >"$dg/out"
rc=$?
check "diag: sarif carries 10 results and a notification of the 110 others (exit 1)" \
	/usr/bin/python3 -c "
import json, sys
run = json.load(open(sys.argv[1]))['runs'][0]
assert len(run['results']) == 10
inv = run['invocations']
assert len(inv) == 1 and inv[0]['executionSuccessful'] is True
n = inv[0]['toolExecutionNotifications']
assert len(n) == 1, n
n = n[0]
assert n['associatedRule']['id'] == 'unknown-ref'
assert run['tool']['driver']['rules'][n['associatedRule']['index']]['id'] == 'unknown-ref'
assert n['properties'] == {'severity': 'error', 'count': 110}, n['properties']
assert n['message']['text'] == \"110 more 'unknown-ref' errors not shown (--max-per-code=0 shows all)\"
assert int(sys.argv[2]) == 1
" "$dg/out" "$rc"
"$PLANC" check --format=github "$dg/people.yaml" >"$dg/out"
check "diag: github prints 100 warnings and a notice of the rest" \
	sh -c "[ \$(grep -c '^::warning ' '$dg/out') -eq 100 ] &&
	[ \"\$(tail -1 '$dg/out')\" = \"::notice title=planc::50 more 'unused-person' warnings not shown (--max-per-code=0 shows all)\" ]"

check "diag: --max-per-code is in --help, the man page and README" \
	sh -c "'$PLANC' --help | grep -q -- '--max-per-code=N' &&
	grep -q 'max\\\\-per\\\\-code' src/planc.1 && grep -q -- '--max-per-code' README.md"

# ---- one write(2) per diagnostic (LeakSanitizer cannot run under strace) ----
if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -e trace=write -o "$dg/trace" "$PLANC" check "$dg/people.yaml" 2>/dev/null
	writes=$(grep -c 'write(2,' "$dg/trace")
	check "diag: 100 warnings and the summary in 101 writes to stderr (got $writes)" test "$writes" -eq 101
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -e trace=write -o "$dg/trace" "$PLANC" check "$dg/end.yaml" 2>/dev/null
	writes=$(grep -c 'write(2,' "$dg/trace")
	check "diag: the 5 MiB line's error and its note in one write, the count in another (got $writes)" test "$writes" -eq 2
fi
