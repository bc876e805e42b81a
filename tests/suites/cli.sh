# tests/suites/cli.sh - the command line's conventions: help on every
# command and through `planc help`, -V, "did you mean" for commands, options
# and diagnostic codes, "missing argument", --color, --werror, -W no-CODE,
# --quiet. Sourced by tests/run.

cl=$tmp/suite-cli
rm -rf "$cl" && mkdir -p "$cl"
warn=tests/check/free-text-entity.yaml	# one warning, no error

for args in "help" "--help" "-h"; do
	"$PLANC" $args >"$cl/out" 2>&1
	check "cli: planc $args names every command (exit 0)" \
		sh -c "[ $? -eq 0 ] && grep -q '^  check ' '$cl/out' && grep -q '^  build ' '$cl/out' &&
		grep -q '^  diff ' '$cl/out' && grep -q '^  dump ' '$cl/out'"
done
for c in check build diff dump; do
	for args in "help $c" "$c --help" "$c -h"; do
		"$PLANC" $args >"$cl/out" 2>&1
		check "cli: planc $args (exit 0, its usage)" \
			sh -c "[ $? -eq 0 ] && grep -q '^usage: planc $c ' '$cl/out'"
	done
done
"$PLANC" -V >"$cl/out" 2>&1
check "cli: -V prints the version" sh -c "[ $? -eq 0 ] && grep -q '^planc [0-9]' '$cl/out'"
"$PLANC" chek x.yaml >"$cl/out" 2>&1
check "cli: a misspelt command gets a did-you-mean (exit 2)" \
	sh -c "[ $? -eq 2 ] && grep -qx \"planc: unknown command 'chek'; did you mean 'check'?\" '$cl/out'"
"$PLANC" help frobnicate >"$cl/out" 2>&1
check "cli: help for no such command exits 2" test $? -eq 2
"$PLANC" build plans/example.yaml -o >"$cl/out" 2>&1
check "cli: -o without its value is a missing argument (exit 2)" \
	sh -c "[ $? -eq 2 ] && grep -qx \"planc: missing argument for '-o'\" '$cl/out'"
"$PLANC" check --formt=json plans/example.yaml >"$cl/out" 2>&1
check "cli: a misspelt option gets a did-you-mean (exit 2)" \
	sh -c "[ $? -eq 2 ] && grep -q \"did you mean '--format'\" '$cl/out'"

# colour: forced on and off, whatever the terminal
"$PLANC" check --color=always "$warn" >/dev/null 2>"$cl/err"
check "cli: --color=always colours the diagnostics" grep -q "$(printf '\033')\[" "$cl/err"
"$PLANC" check --color=never "$warn" >/dev/null 2>"$cl/err"
check "cli: --color=never does not" sh -c "! grep -q \"\$(printf '\\033')\" '$cl/err'"
"$PLANC" check --color=sometimes "$warn" >/dev/null 2>&1
check "cli: --color with a bad value exits 2" test $? -eq 2

# warnings: fatal with --werror, silenced by code, left out with --quiet
"$PLANC" check "$warn" >/dev/null 2>&1
check "cli: a warning alone exits 0" test $? -eq 0
"$PLANC" check --werror "$warn" >/dev/null 2>"$cl/err"
check "cli: --werror makes a warning exit 1" \
	sh -c "[ $? -eq 1 ] && grep -q 'free-text-entity' '$cl/err'"
rm -f "$cl/w.pdf"
"$PLANC" build --werror -o "$cl/w.pdf" "$warn" >/dev/null 2>&1
check "cli: build --werror with a warning writes no PDF (exit 1)" \
	sh -c "[ $? -eq 1 ] && [ ! -e '$cl/w.pdf' ]"
"$PLANC" check -W no-free-text-entity --werror "$warn" >/dev/null 2>"$cl/err"
check "cli: -W no-CODE silences that code (nothing printed, exit 0 even with --werror)" \
	sh -c "[ $? -eq 0 ] && [ ! -s '$cl/err' ]"
"$PLANC" check -Wno-free-text-entity --format=json "$warn" >"$cl/out" 2>&1
check "cli: -Wno-CODE in one word, also in json" \
	sh -c "[ $? -eq 0 ] && ! grep -q 'free-text-entity' '$cl/out'"
"$PLANC" check -W no-free-text-entty "$warn" >"$cl/out" 2>&1
check "cli: -W with a misspelt code gets a did-you-mean (exit 2)" \
	sh -c "[ $? -eq 2 ] && grep -q \"did you mean 'free-text-entity'\" '$cl/out'"
"$PLANC" check -W no-unknown-ref "$warn" >"$cl/out" 2>&1
check "cli: an error's code cannot be silenced (exit 2)" \
	sh -c "[ $? -eq 2 ] && grep -q \"'unknown-ref' is an error and cannot be silenced\" '$cl/out'"
"$PLANC" check --quiet "$warn" >/dev/null 2>"$cl/err"
check "cli: --quiet prints no warnings" sh -c "[ $? -eq 0 ] && [ ! -s '$cl/err' ]"
"$PLANC" check --quiet tests/check/unknown-ref-domain.yaml >/dev/null 2>"$cl/err"
check "cli: --quiet still prints errors and their count" \
	sh -c "[ $? -eq 1 ] && grep -q ': error: ' '$cl/err' && grep -qE '^[0-9]+ errors?, 0 warnings$' '$cl/err'"

# CI formats: SARIF says how columns count and encodes file names as URIs;
# JSON carries the counts
mkdir -p "$cl/mét spatie"
cp tests/check/unknown-ref-domain.yaml "$cl/mét spatie/plan.yaml"
planc_abs=$(cd "$(dirname "$PLANC")" && pwd)/$(basename "$PLANC")
(cd "$cl" && "$planc_abs" check --format=sarif "mét spatie/plan.yaml") >"$cl/sarif" 2>/dev/null
check "cli: SARIF has columnKind and percent-encoded URIs" /usr/bin/python3 -c '
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
assert run["columnKind"] == "unicodeCodePoints", run.get("columnKind")
uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
assert uri == "m%C3%A9t%20spatie/plan.yaml", uri
assert all("help" in r for r in run["tool"]["driver"]["rules"])
' "$cl/sarif"
"$PLANC" check --format=json "$warn" >"$cl/json" 2>/dev/null
check "cli: JSON has the counts" /usr/bin/python3 -c '
import json, sys
c = json.load(open(sys.argv[1]))["counts"]
assert c == {"errors": 0, "warnings": 1, "notes": 0}, c
' "$cl/json"

# planc new and planc layouts: a new user's first minutes
"$PLANC" new "$cl/start" >"$cl/out" 2>&1
check "cli: planc new writes a plan and its organisation file (exit 0)" \
	sh -c "[ $? -eq 0 ] && [ -s '$cl/start/plan.yaml' ] && [ -s '$cl/start/organisatie.yaml' ]"
"$PLANC" check "$cl/start/plan.yaml" >"$cl/out" 2>&1
check "cli: the new plan checks clean, without a warning" sh -c "[ $? -eq 0 ] && [ ! -s '$cl/out' ]"
sed 's/title: Eerste activiteit/title: Eerste activiteit, herzien/' "$cl/start/plan.yaml" >"$cl/start/p2" &&
	mv "$cl/start/p2" "$cl/start/plan.yaml"
"$PLANC" build "$cl/start/plan.yaml" >"$cl/out" 2>&1
check "cli: the new plan, edited, builds next to itself" \
	sh -c "[ $? -eq 0 ] && pdftotext '$cl/start/plan.pdf' - 2>/dev/null | grep -q 'Eerste activiteit, herzien'"
cp "$cl/start/plan.yaml" "$cl/plan.keep"
"$PLANC" new "$cl/start" >"$cl/out" 2>&1
check "cli: planc new never overwrites (exit 2, the plan as it was)" \
	sh -c "[ $? -eq 2 ] && cmp -s '$cl/plan.keep' '$cl/start/plan.yaml' && grep -q 'refusing to write a new plan over an existing file \[output\]' '$cl/out'"
"$PLANC" layouts >"$cl/out" 2>&1
check "cli: planc layouts lists pact and plain" \
	sh -c "[ $? -eq 0 ] && grep -qx pact '$cl/out' && grep -qx plain '$cl/out'"

# One error channel: a file that cannot be read is a diagnostic in every
# format, not a line on stderr beside an empty, clean-looking report
"$PLANC" check --format=json "$cl/absent.yaml" >"$cl/io.json" 2>"$cl/io.err"
rc=$?
check "cli: an unreadable plan is an io error in json (exit 2, nothing on stderr)" /usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["diagnostics"]
assert len(d) == 1 and d[0]["code"] == "io" and d[0]["line"] is None, d
assert sys.argv[2] == "2" and open(sys.argv[3]).read() == ""
' "$cl/io.json" "$rc" "$cl/io.err"
"$PLANC" check --format=sarif "$cl/absent.yaml" >"$cl/io.sarif" 2>/dev/null
check "cli: an unreadable plan is an io result in sarif, located at the file" /usr/bin/python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]["results"]
assert len(r) == 1 and r[0]["ruleId"] == "io" and r[0]["level"] == "error", r
assert "region" not in r[0]["locations"][0]["physicalLocation"], r
' "$cl/io.sarif"
"$PLANC" check --format=github "$cl/absent.yaml" >"$cl/io.gh" 2>/dev/null
check "cli: and a GitHub annotation without a line" \
	grep -q "^::error file=$cl/absent.yaml,title=io::cannot read the file" "$cl/io.gh"

# A usage error is two lines: the mistake, and where help is; not every
# command's synopsis after it.
"$PLANC" build plans/example.yaml -o >/dev/null 2>"$tmp/usage-err"
check "cli: a usage error is the mistake and one line on where help is (exit 2)" \
	sh -c "[ $? -eq 2 ] && [ \$(wc -l <'$tmp/usage-err') -eq 2 ] &&
	grep -q \"^planc: missing argument for '-o'\" '$tmp/usage-err' &&
	grep -q \"'planc help' lists the commands\" '$tmp/usage-err'"
