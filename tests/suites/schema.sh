# tests/suites/schema.sh - plans/plan.schema.json, the JSON Schema editors
# use to complete and check plans as they are typed: it accepts every plan
# and shared file in plans/, names exactly the keys the model reads
# (src/model.c and the kind descriptions of src/kind.c), and
# rejects what it can see is wrong (an unknown key, a bad id, a missing
# title). Sourced by tests/run; needs python3-yaml and python3-jsonschema,
# which `make` installs.

schema=plans/plan.schema.json
if ! /usr/bin/python3 -c 'import yaml, jsonschema' 2>"$tmp/err"; then
	not_ok "schema: python3-yaml and python3-jsonschema are missing (make deps)" "$(cat "$tmp/err")"
else
	check "schema: every file in plans/ is valid" \
		/usr/bin/python3 tests/tools/schemacheck.py "$schema" plans/*.yaml tests/check/clean.yaml
	check "schema: it names exactly the keys src/model.c and src/kind.c read" \
		/usr/bin/python3 tests/tools/schemacheck.py --keys "$schema" src/model.c src/kind.c
	for f in unknown-key-chapter bad-id missing-title bad-lang bad-severity; do
		/usr/bin/python3 tests/tools/schemacheck.py "$schema" "tests/check/$f.yaml" >"$tmp/out" 2>&1
		check "schema: rejects tests/check/$f.yaml" \
			sh -c "[ $? -eq 1 ] && grep -q '^tests/check/$f.yaml: ' '$tmp/out'"
	done
fi
