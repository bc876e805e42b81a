# tests/suites/explain.sh - planc explain: every code explained with an
# example from the one catalogue (src/diag.c), did-you-mean for a wrong
# code, the generated page plans/CODES.md equal to what the catalogue
# gives, and SARIF's rule help the same text. Sourced by tests/run.

ex=$tmp/suite-explain
rm -rf "$ex" && mkdir -p "$ex"
codes=$(sed -n 's/^	\[D_[A-Z_]*\] = { "\([a-z-]*\)".*/\1/p' src/diag.c)

"$PLANC" explain unknown-ref >"$ex/out" 2>"$ex/err"
check "explain: unknown-ref (exit 0): severity, explanation, example and fix" \
	sh -c "[ $? -eq 0 ] && [ ! -s '$ex/err' ] &&
	head -1 '$ex/out' | grep -qx 'unknown-ref (error): a reference to an id that does not exist' &&
	grep -q 'nearest' '$ex/out' &&
	grep -qx '    with: \[jeanette-doornenbal\]' '$ex/out' &&
	grep -qx '    with: \[jeannette-doornenbal\]' '$ex/out'"
"$PLANC" explain unused-person >"$ex/out" 2>&1
check "explain: a warning says how to silence it" \
	grep -q -- '-W no-unused-person leaves it out' "$ex/out"
"$PLANC" explain unkown-ref >"$ex/out" 2>"$ex/err"
check "explain: a misspelt code gets a did-you-mean (exit 2, nothing on stdout)" \
	sh -c "[ $? -eq 2 ] && [ ! -s '$ex/out' ] &&
	grep -qx \"planc: unknown diagnostic code 'unkown-ref'; did you mean 'unknown-ref'?\" '$ex/err'"
"$PLANC" explain >"$ex/out" 2>&1
check "explain: no code is a usage error (exit 2)" test $? -eq 2
"$PLANC" explain --format=pdf io >"$ex/out" 2>&1
check "explain: an unknown --format is a usage error (exit 2)" test $? -eq 2
"$PLANC" help explain >"$ex/out" 2>&1
check "explain: planc help explain" sh -c "[ $? -eq 0 ] && grep -q '^usage: planc explain ' '$ex/out'"

# Every code of the catalogue: explained at some length, with an example
# and a fix that differ, and nothing left blank.
bad=""
for c in $codes; do
	if ! "$PLANC" explain "$c" >"$ex/one" 2>&1; then bad="$bad $c(exit)"; continue; fi
	[ "$(wc -l <"$ex/one")" -ge 14 ] || bad="$bad $c(short)"
	sed -n '/^Example:$/,/^Fixed:$/p' "$ex/one" | grep -v '^Example:$\|^Fixed:$\|^$' >"$ex/bad"
	sed -n '/^Fixed:$/,$p' "$ex/one" | grep -v '^Fixed:$\|^$' >"$ex/fix"
	[ -s "$ex/bad" ] && [ -s "$ex/fix" ] && ! cmp -s "$ex/bad" "$ex/fix" || bad="$bad $c(example)"
	awk 'length > 80 { exit 1 }' "$ex/one" || bad="$bad $c(wide)"
done
if [ -z "$bad" ]; then ok; else not_ok "explain: codes badly explained:$bad"; fi
"$PLANC" explain --all >"$ex/all" 2>&1
check "explain: --all explains every code" \
	sh -c "[ \$(grep -c '^[a-z-]* (\(error\|warning\)): ' '$ex/all') -eq $(echo $codes | wc -w) ]"

# The page of codes is generated: it never drifts from the catalogue.
"$PLANC" explain --all --format=markdown >"$ex/CODES.md" 2>&1
check "explain: plans/CODES.md is what 'planc explain --all --format=markdown' prints (regenerate it)" \
	diff -u plans/CODES.md "$ex/CODES.md"
missing=""
for c in $codes; do
	grep -q "^## \`$c\` (" plans/CODES.md || missing="$missing $c"
	grep -q "(#$c-\(error\|warning\))" plans/CODES.md || missing="$missing $c(link)"
done
if [ -z "$missing" ]; then ok; else not_ok "explain: codes missing from plans/CODES.md:$missing"; fi
if command -v cmark-gfm >/dev/null 2>&1; then
	# Markdown's punctuation in the texts ("[^id]", "'*'") is escaped:
	# the only emphasis is each code's one-line summary.
	cmark-gfm -e table plans/CODES.md >"$ex/codes.html"
	check "explain: CODES.md renders without stray emphasis or links" \
		sh -c "[ \$(grep -c '<em>' '$ex/codes.html') -eq $(echo $codes | wc -w) ] &&
		! grep -q '<strong>' '$ex/codes.html' &&
		[ \$(grep -c '<h2>' '$ex/codes.html') -eq $(echo $codes | wc -w) ]"
fi

# SARIF's rules carry the same explanation as their help.
"$PLANC" check --format=sarif plans/example.yaml >"$ex/sarif" 2>&1
"$PLANC" explain markup >"$ex/markup" 2>&1
check "explain: SARIF's rule help is planc explain's text" python3 -c "
import json, sys
log = json.load(open('$ex/sarif'))
rules = {r['id']: r for r in log['runs'][0]['tool']['driver']['rules']}
assert rules['markup']['help']['text'] == open('$ex/markup').read(), 'help differs'
assert rules['markup']['help']['markdown'].startswith('## \`markup\`')
assert all(len(r['fullDescription']['text']) > 80 for r in rules.values())
"
