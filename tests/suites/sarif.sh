# tests/suites/sarif.sh - SARIF logs valid against the official SARIF
# 2.1.0 schema (tests/tools/sarif-schema-2.1.0.json, see sarifcheck.py),
# and a run that failed (a plan that cannot be read, an unknown --layout)
# reported as such: exit 2, the invocation unsuccessful with an error
# notification, the failure a result too, so that an uploaded report never
# looks clean. Sourced by tests/run.

sf=$tmp/suite-sarif
rm -rf "$sf" && mkdir -p "$sf/mét spatie"
cp tests/check/duplicate-id.yaml "$sf/mét spatie/plan.yaml"
schemacheck() { /usr/bin/python3 tests/tools/sarifcheck.py "$@"; }

if /usr/bin/python3 -c 'import jsonschema' 2>/dev/null; then
	printf '{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": 1}}]}]}\n' \
		>"$sf/broken.sarif"
	check "sarif: the schema check rejects a log that breaks the schema" \
		sh -c "! /usr/bin/python3 tests/tools/sarifcheck.py '$sf/broken.sarif'"
	n=0
	for args in "plans/example.yaml" "plans/pact-2018.yaml plans/pact-2019.yaml" \
	    "tests/format/refs.yaml" "--max-per-code=1 tests/check/near-duplicate.yaml" \
	    "$sf/mét spatie/plan.yaml" "$sf/absent.yaml" "--layout nosuch plans/example.yaml" \
	    "tests/check/include-escape/plan.yaml" "tests/check/syntax-error.yaml"; do
		n=$((n + 1))
		# shellcheck disable=SC2086
		case $args in
		*spatie*) "$PLANC" check --format=sarif "$args" >"$sf/$n.sarif" 2>/dev/null ;;
		*) "$PLANC" check --format=sarif $args >"$sf/$n.sarif" 2>/dev/null ;;
		esac
		check "sarif: valid against the SARIF 2.1.0 schema: check --format=sarif $args" \
			schemacheck "$sf/$n.sarif"
	done
else
	echo "sarif: python3-jsonschema is missing; the schema checks are skipped"
fi

"$PLANC" check --format=sarif "$sf/absent.yaml" >"$sf/io.sarif" 2>"$sf/err"
rc=$?
check "sarif: an unreadable plan: exit 2, an unsuccessful run with an error notification and a result" \
	/usr/bin/python3 - "$sf/io.sarif" "$rc" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
assert sys.argv[2] == "2", "exit " + sys.argv[2]
run = log["runs"][0]
inv = run["invocations"][0]
assert inv["executionSuccessful"] is False, inv
notes = [n for n in inv["toolExecutionNotifications"] if n["level"] == "error"]
assert len(notes) == 1, notes
assert "cannot read" in notes[0]["message"]["text"]
assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("/absent.yaml")
assert notes[0]["associatedRule"]["id"] == "io"
assert [r["ruleId"] for r in run["results"]] == ["io"], run["results"]
PY
"$PLANC" check --format=sarif --layout nosuch plans/example.yaml >"$sf/layout.sarif" 2>/dev/null
rc=$?
check "sarif: an unknown --layout: exit 2, an unsuccessful run, a notification without a place" \
	/usr/bin/python3 - "$sf/layout.sarif" "$rc" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
assert sys.argv[2] == "2", "exit " + sys.argv[2]
inv = log["runs"][0]["invocations"][0]
assert inv["executionSuccessful"] is False
n = inv["toolExecutionNotifications"][0]
assert n["level"] == "error" and "unknown layout" in n["message"]["text"] and "locations" not in n, n
PY
"$PLANC" check --format=sarif tests/check/duplicate-id.yaml >"$sf/errors.sarif" 2>/dev/null
check "sarif: a plan with errors is a successful run (exit 1): no failure notification" \
	/usr/bin/python3 - "$sf/errors.sarif" "$?" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
assert sys.argv[2] == "1"
run = log["runs"][0]
assert all(i["executionSuccessful"] for i in run.get("invocations", []))
assert run["results"] and all(r["locations"] for r in run["results"])
PY
