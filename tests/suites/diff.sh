# tests/suites/diff.sh - planc diff: a plan against itself is no change
# (exit 0, no output); the 2018 -> 2019 diff is exactly the list of changes
# made (tests/diff/pact-2019.changes, in order); the small case of one change
# of each kind in all three formats (golden); the json validates against
# plans/diff.schema.json; the markdown renders (cmark-gfm); --stat; plans
# with errors and bad usage exit 2. Sourced by tests/run.

df=$tmp/suite-diff
rm -rf "$df" && mkdir -p "$df"

"$PLANC" diff plans/pact-2018.yaml plans/pact-2018.yaml >"$df/out" 2>"$df/err"
check "diff: a plan against itself: exit 0, no output" \
	sh -c "[ $? -eq 0 ] && [ ! -s '$df/out' ] && [ ! -s '$df/err' ]"
"$PLANC" diff plans/example.yaml tests/dump/example-rewritten.yaml >"$df/out" 2>&1
check "diff: re-wrapped, re-quoted, re-ordered is no change (exit 0)" \
	sh -c "[ $? -eq 0 ] && [ ! -s '$df/out' ]"

# 2018 -> 2019: every change made, nothing else, in the documented order
"$PLANC" diff --format=json plans/pact-2018.yaml plans/pact-2019.yaml >"$df/2019.json" 2>"$df/err"
rc=$?
/usr/bin/python3 tests/tools/diffchanges.py <"$df/2019.json" >"$df/got" 2>>"$df/err"
grep -v '^#' tests/diff/pact-2019.changes | grep -v '^no-change ' | grep -v '^$' >"$df/want"
if [ "$rc" -eq 1 ] && diff -u "$df/want" "$df/got" >"$df/diff"; then ok; else
	not_ok "diff: 2018 -> 2019 is not tests/diff/pact-2019.changes (exit $rc)" "$(cat "$df/diff" "$df/err")"; fi
"$PLANC" diff plans/pact-2018.yaml plans/pact-2019.yaml >"$df/2019.txt" 2>&1
check "diff: 2018 -> 2019 ends with its summary" \
	grep -qx '13 added, 9 removed, 26 changed, 4 moved, 5 renamed' "$df/2019.txt"
check "diff: the re-wrapped section of 2019 is not in the diff" \
	sh -c "! grep -q '^section kernboodschap' '$df/2019.txt'"

# one change of each kind, all three formats
for fmt in human markdown json; do
	"$PLANC" diff --format=$fmt tests/diff/small-old.yaml tests/diff/small-new.yaml >"$df/small.$fmt" 2>&1
	rc=$?
	if [ "$rc" -eq 1 ] && diff -u "tests/diff/small.$fmt" "$df/small.$fmt" >"$df/diff"; then ok; else
		not_ok "diff: small case, --format=$fmt (exit $rc)" "$(cat "$df/diff")"; fi
done
check "diff: a one-word edit is that word in context" \
	grep -qx '    text: Voorleesochtenden in {+bijna+} alle peuterspeelzalen.' "$df/small.human"
check "diff: a renamed id is one rename, not a removal and an addition" \
	sh -c "grep -q 'renamed: boekenkast → boekenkast-in-de-klas' '$df/small.human' &&
	! grep -q '^[-+] activity boekenkast' '$df/small.human'"
check "diff: an activity moved to another period is one move" \
	grep -q 'moved: period voorjaar-2025 (Voorjaar 2025) → eind-2025 (Eind 2025)' "$df/small.human"
"$PLANC" diff --stat tests/diff/small-old.yaml tests/diff/small-new.yaml >"$df/stat" 2>&1
check "diff: --stat prints only the summary" \
	sh -c "[ $? -eq 1 ] && [ \"\$(cat '$df/stat')\" = '1 added, 1 removed, 3 changed, 3 moved, 1 renamed' ]"

if /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
	check "diff: the json validates against plans/diff.schema.json" /usr/bin/python3 -c '
import json, sys, jsonschema
schema = json.load(open("plans/diff.schema.json"))
jsonschema.Draft7Validator.check_schema(schema)
for path in sys.argv[1:]:
    jsonschema.validate(json.load(open(path)), schema)
' "$df/small.json" "$df/2019.json"
fi
if command -v cmark-gfm >/dev/null 2>&1; then
	cmark-gfm -e table -e strikethrough "$df/small.markdown" >"$df/small.html" 2>&1
	check "diff: the markdown renders: a table, struck and strong words, nested lists" \
		sh -c "grep -q '<table>' '$df/small.html' && grep -q '<del>Stichting Primair Leesdorp</del>' '$df/small.html' &&
		grep -q '<strong>bijna</strong>' '$df/small.html' && [ \$(grep -c '<ul>' '$df/small.html') -ge 4 ]"
else
	not_ok "diff: cmark-gfm is missing (make deps)"
fi

# trouble: exit 2
printf 'plan: { title: T, date: 2018-13 }\n' >"$df/bad.yaml"
"$PLANC" diff plans/example.yaml "$df/bad.yaml" >"$df/out" 2>"$df/err"
check "diff: a plan with errors prints them and exits 2" \
	sh -c "[ $? -eq 2 ] && grep -q '^$df/bad.yaml:1:[0-9]*: error: ' '$df/err' && [ ! -s '$df/out' ]"
"$PLANC" diff plans/example.yaml >/dev/null 2>&1
check "diff: one FILE is a usage error (exit 2)" test $? -eq 2
"$PLANC" diff --format=xml plans/example.yaml plans/example.yaml >/dev/null 2>&1
check "diff: an unknown format is a usage error (exit 2)" test $? -eq 2

# --git: the plan and every file it includes as they were at each revision
# (here only the included organisation file changes between commits)
if command -v git >/dev/null 2>&1; then
	repo=$df/repo
	mkdir -p "$repo/plans"
	cp plans/pact-2018.yaml "$repo/plans/plan.yaml"
	cp plans/pact-organisation.yaml "$repo/plans/"
	planc_abs=$(cd "$(dirname "$PLANC")" && pwd)/$(basename "$PLANC")
	(
		cd "$repo" || exit 1
		git init -q . && git config user.email t@example.org && git config user.name t
		git add . && git commit -qm one
		sed -i 's/name: SWN }/name: Sociaal Werk Nederland }/' plans/pact-organisation.yaml
		git commit -qam two
		sed -i 's/name: VNG }/name: Vereniging van Nederlandse Gemeenten }/' plans/pact-organisation.yaml
	) >/dev/null 2>&1
	(cd "$repo" && "$planc_abs" diff --git HEAD~1 HEAD plans/plan.yaml) >"$df/git1" 2>&1
	check "diff --git REV1 REV2: a change in an included file (exit 1)" \
		sh -c "[ $? -eq 1 ] && grep -q '^--- HEAD~1:plans/plan.yaml' '$df/git1' &&
		grep -q '^organisation swn ' '$df/git1' && ! grep -q '^organisation vng ' '$df/git1'"
	(cd "$repo/plans" && "$planc_abs" diff --git HEAD plan.yaml) >"$df/git2" 2>&1
	check "diff --git REV: against the work tree, from inside the directory" \
		sh -c "[ $? -eq 1 ] && grep -q '^organisation vng ' '$df/git2' && ! grep -q '^organisation swn ' '$df/git2'"
	(cd "$repo" && "$planc_abs" diff --git HEAD HEAD plans/plan.yaml) >"$df/git3" 2>&1
	check "diff --git: a revision against itself is no change (exit 0)" \
		sh -c "[ $? -eq 0 ] && [ ! -s '$df/git3' ]"
	(cd "$repo" && "$planc_abs" diff --git no-such-revision plans/plan.yaml) >"$df/git4" 2>&1
	check "diff --git: an unknown revision exits 2 and leaves no temporary directory" \
		sh -c "[ $? -eq 2 ] && grep -q \"^planc: cannot read 'plans' at revision 'no-such-revision'\" '$df/git4'"
	"$PLANC" diff --git HEAD "$df/bad.yaml" >/dev/null 2>"$df/git5"
	check "diff --git outside a work tree exits 2" \
		sh -c "[ $? -eq 2 ] && grep -q 'is not in a git work tree' '$df/git5'"
fi

# Speed by ratio, not by the clock: diffing two generated plans of 2,000
# activities (1 % edited, renamed, moved; some removed) costs at most twice
# checking both (the goal is 1.5; make bench measures it), and a 100,000-word
# paragraph with a few words changed diffs in bounded CPU time, near-linear:
# no more than 20 times the check of the same plan.
cpu() {	# cpu COMMAND...: user+sys seconds, best of two runs
	local best="" t i
	for i in 1 2; do
		t=$( { TIMEFORMAT='%U %S'; time "$@" >/dev/null 2>&1; } 2>&1 | awk '{ print $1 + $2 }')
		if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
	done
	echo "$best"
}
tests/bench/genplan 2000 >"$df/g.yaml"
tests/tools/mutplan <"$df/g.yaml" >"$df/g-m.yaml"
"$PLANC" diff --stat "$df/g.yaml" "$df/g-m.yaml" >"$df/gstat" 2>&1
check "diff: a generated year's changes are found (20 changed, 20 moved, 20 renamed, 7 removed)" \
	grep -qx '0 added, 7 removed, 20 changed, 20 moved, 20 renamed' "$df/gstat"
c1=$(cpu "$PLANC" check "$df/g.yaml")
c2=$(cpu "$PLANC" check "$df/g-m.yaml")
dt=$(cpu "$PLANC" diff "$df/g.yaml" "$df/g-m.yaml")
check "diff: 2,000 activities diff in at most 2x the checks' CPU time ($dt s vs $c1 + $c2 s)" \
	awk -v d="$dt" -v a="$c1" -v b="$c2" 'BEGIN { exit !(d <= 2 * (a + b) + 0.05) }'
awk 'BEGIN {
	srand(7); split("kind ouder school opvang zorg wijk regio leraar plan kennis", w, " ")
	print "plan: { title: T, date: 2018-03 }"
	print "parts:\n  - id: p\n    title: P\n    chapters:\n      - id: c\n        title: C\n        text: |"
	for (i = 0; i < 100000; i++) printf "%s%s", (i % 12 ? " " : "\n          "), w[int(rand() * 10) + 1] (i % 12 == 11 ? "." : "")
	print ""
}' >"$df/long.yaml"
awk 'NR % 1000 == 500 { sub(/ kind /, " kinderen ") } { print }' "$df/long.yaml" >"$df/long-m.yaml"
ck=$(cpu "$PLANC" check "$df/long.yaml")
dl=$( (ulimit -t 60; cpu "$PLANC" diff "$df/long.yaml" "$df/long-m.yaml") )
"$PLANC" diff "$df/long.yaml" "$df/long-m.yaml" >"$df/long.out" 2>&1
check "diff: a 100,000-word paragraph with a few words changed ($dl s CPU, check $ck s)" \
	sh -c "grep -q '{+kinderen+}' '$df/long.out' && awk -v d='$dl' -v c='$ck' 'BEGIN { exit !(d <= 20 * c + 0.2) }'"
check "diff: two entities swapped in their list are one move" \
	grep -qx '    moved in its list: after voorlezen → first' "$df/small.human"
check "diff: two members swapped in a group are one move, not a leave and a join" \
	sh -c "grep -qx '    moved in the list: lotte-bakker (Lotte Bakker): after ahmed-yilmaz → first' '$df/small.human' &&
	! grep -q 'left: lotte-bakker' '$df/small.human'"
