# tests/suites/dump.sh - `planc dump`, the canonical text of a checked plan:
# a golden dump of plans/example.yaml; the same dump for a copy written
# differently (re-wrapped, re-quoted, re-ordered); every entity of the 2018
# plan present; a lone copy whose include is missing (as git's textconv
# hands it over); git diff through textconv in a temporary repository.
# Sourced by tests/run.

dmp=$tmp/suite-dump
rm -rf "$dmp" && mkdir -p "$dmp"

"$PLANC" dump plans/example.yaml >"$dmp/example.dump" 2>"$dmp/err"
rc=$?
if [ "$rc" -eq 0 ] && diff -u tests/dump/example.dump "$dmp/example.dump" >"$dmp/diff"; then ok; else
	not_ok "dump: plans/example.yaml differs from tests/dump/example.dump (exit $rc)" "$(cat "$dmp/diff" "$dmp/err")"; fi

"$PLANC" dump tests/dump/example-rewritten.yaml >"$dmp/rewritten.dump" 2>"$dmp/err"
if diff -u tests/dump/example.dump "$dmp/rewritten.dump" >"$dmp/diff"; then ok; else
	not_ok "dump: a re-wrapped, re-quoted, re-ordered copy dumps differently" "$(cat "$dmp/diff")"; fi

# every entity of the 2018 plan and its organisation file, by id
"$PLANC" dump plans/pact-2018.yaml >"$dmp/2018.dump" 2>"$dmp/err"
check "dump: the 2018 plan dumps (exit 0, nothing on stderr)" \
	sh -c "[ $? -eq 0 ] && [ ! -s '$dmp/err' ]"
grep -ho '^ *- *{* *id: [a-z0-9-]*\|^ *id: [a-z0-9-]*' plans/pact-2018.yaml plans/pact-organisation.yaml |
	sed 's/.*id: //' | sort >"$dmp/ids.yaml"
kinds='part\|chapter\|section\|footnote\|period\|domain\|ambition\|strand\|activity\|milestone\|person\|organisation\|body\|group\|style rule'
sed -n "s/^ *\($kinds\) \([a-z0-9][a-z0-9-]*\)\$/\2/p" "$dmp/2018.dump" | sort >"$dmp/ids.dump"
if diff "$dmp/ids.yaml" "$dmp/ids.dump" >"$dmp/diff" && [ -s "$dmp/ids.yaml" ]; then ok; else
	not_ok "dump: the 2018 plan's entities (ids in the YAML vs blocks in the dump)" "$(head -20 "$dmp/diff")"; fi
check "dump: references carry the name they resolve to" \
	grep -q '^  domain: kinderen-en-ouders (' "$dmp/2018.dump"

# A lone copy (what git's textconv gets): the include is named as not read,
# references to its entities stay bare ids, and the dump still succeeds.
cp plans/pact-2018.yaml "$dmp/lone.yaml"
"$PLANC" dump "$dmp/lone.yaml" >"$dmp/lone.dump" 2>"$dmp/err"
check "dump: a plan whose include is missing still dumps (exit 0)" \
	sh -c "[ $? -eq 0 ] && grep -qx '# not read: pact-organisation.yaml' '$dmp/lone.dump' &&
	grep -q '^activity ' '$dmp/lone.dump'"

printf 'plan: { title: T, date: 2018-03\n' >"$dmp/broken.yaml"
"$PLANC" dump "$dmp/broken.yaml" >"$dmp/out" 2>"$dmp/err"
check "dump: a plan that does not parse exits 1 with its diagnostics" \
	sh -c "[ $? -eq 1 ] && grep -q '^$dmp/broken.yaml:[0-9]*:[0-9]*: error: ' '$dmp/err' && [ ! -s '$dmp/out' ]"
"$PLANC" dump "$dmp/nonexistent.yaml" >/dev/null 2>&1
check "dump: an unreadable plan exits 2" test $? -eq 2

# git diff through textconv: re-wrapping shows nothing, a word shows.
if command -v git >/dev/null 2>&1; then
	repo=$dmp/repo
	mkdir -p "$repo" && cp plans/example.yaml "$repo/plan.yaml"
	planc_abs=$(cd "$(dirname "$PLANC")" && pwd)/$(basename "$PLANC")
	(
		cd "$repo" || exit 1
		git init -q . && git config user.email t@example.org && git config user.name t
		echo '*.yaml diff=planc' >.gitattributes
		git config diff.planc.textconv "$planc_abs dump"
		git add . && git commit -qm one
	) >/dev/null 2>&1
	# re-wrap one paragraph (no word changes)
	awk '{ sub(/leescoördinator. De stuurgroep/, "leescoördinator.\n              De stuurgroep") } { print }' \
		plans/example.yaml >"$repo/plan.yaml"
	(cd "$repo" && git diff) >"$dmp/gitdiff" 2>&1
	check "dump: git diff through textconv shows nothing for a re-wrapped paragraph" \
		sh -c "[ ! -s '$dmp/gitdiff' ] && ! (cd '$repo' && git diff --no-textconv --quiet)"
	sed 's/Voorleesochtenden in alle/Voorleesochtenden in bijna alle/' plans/example.yaml >"$repo/plan.yaml"
	(cd "$repo" && git diff) >"$dmp/gitdiff" 2>&1
	check "dump: git diff through textconv shows a changed word" \
		sh -c "grep -qx '+    Voorleesochtenden in bijna alle peuterspeelzalen.' '$dmp/gitdiff' &&
		[ \$(grep -c '^[-+][^-+]' '$dmp/gitdiff') -eq 2 ]"
fi
