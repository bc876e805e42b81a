# tests/suites/lang.sh - the words the layout adds come from the plan's
# language (src/lang.c) or the layout's `words:`: the 2018 plan set in
# English has none of the Dutch furniture, in Dutch all of it, and a
# layout's word replaces the language's. Sourced by tests/run.

mkdir -p "$tmp/lang"
cp plans/pact-2018.yaml plans/pact-organisation.yaml "$tmp/lang/"
sed 's/^  lang: nl$/  lang: en/' plans/pact-2018.yaml >"$tmp/lang/pact-2018-en.yaml"
# The words the layout adds in Dutch; the plan's own text has none of them.
dutch='DEEL|Inhoud|\(vervolg\)|o\.l\.v\.|paragraaf|Bouwt voort op|Met medewerking'
if grep -q '^  lang: en$' "$tmp/lang/pact-2018-en.yaml" &&
    "$PLANC" build -o "$tmp/lang/en.pdf" "$tmp/lang/pact-2018-en.yaml" 2>"$tmp/err" &&
    "$PLANC" build -o "$tmp/lang/nl.pdf" "$tmp/lang/pact-2018.yaml" 2>"$tmp/err"; then
	pdftotext -q -enc UTF-8 "$tmp/lang/en.pdf" - | tr -d '\f' >"$tmp/lang/en.txt"
	pdftotext -q -enc UTF-8 "$tmp/lang/nl.pdf" - | tr -d '\f' >"$tmp/lang/nl.txt"
	check "lang: the 2018 plan in English has no Dutch furniture words" \
		sh -c "! grep -E '$dutch' '$tmp/lang/en.txt'"
	check "lang: ... and its own: PART, Contents, (continued), led by, March" \
		sh -c "grep -q '^PART 1 PROGRAMMA' '$tmp/lang/en.txt' &&
		    grep -q '^Contents' '$tmp/lang/en.txt' &&
		    grep -q '(continued)' '$tmp/lang/en.txt' &&
		    grep -q 'led by' '$tmp/lang/en.txt' &&
		    grep -q '^March 2018' '$tmp/lang/en.txt'"
	check "lang: the same plan in Dutch has them all" \
		sh -c "for w in '^DEEL 1' '^Inhoud' '(vervolg)' 'o\\.l\\.v\\.' \\
		    '^Maart 2018'; do grep -q \"\$w\" '$tmp/lang/nl.txt' || { echo \"no \$w\"; exit 1; }; done"
else
	not_ok "lang: the 2018 plan in English or Dutch does not build" "$(cat "$tmp/err")"
fi

# References print the plan's words for a section and a page.
sed 's/lang: nl/lang: en/' tests/typeset/refs.yaml >"$tmp/lang/refs-en.yaml"
if "$PLANC" build -o "$tmp/lang/refs-en.pdf" "$tmp/lang/refs-en.yaml" 2>"$tmp/err"; then
	check "lang: an English reference reads 'section 2.1 (p. N)'" \
		sh -c "pdftotext -q '$tmp/lang/refs-en.pdf' - | grep -q 'section 2\.1 (p\. [0-9]' &&
		    ! pdftotext -q '$tmp/lang/refs-en.pdf' - | grep -q 'paragraaf'"
else
	not_ok "lang: refs in English do not build" "$(cat "$tmp/err")"
fi

# A layout's words replace the language's, in any plan it sets.
cat >"$tmp/lang/words.yaml" <<'LAYOUT'
words:
  contents: Inhoudsopgave
  continued: wordt vervolgd
  led-by: onder leiding van
LAYOUT
if "$PLANC" build --layout "$tmp/lang/words.yaml" -o "$tmp/lang/words.pdf" \
    "$tmp/lang/pact-2018.yaml" 2>"$tmp/err"; then
	pdftotext -q -enc UTF-8 "$tmp/lang/words.pdf" - | tr -d '\f' >"$tmp/lang/words.txt"
	check "lang: a layout's words: replace the language's" \
		sh -c "grep -q '^Inhoudsopgave' '$tmp/lang/words.txt' &&
		    grep -q 'vervolgd)' '$tmp/lang/words.txt' &&
		    grep -q 'onder leiding van' '$tmp/lang/words.txt' &&
		    ! grep -qE '^Inhoud\$|\\(vervolg\\)|o\\.l\\.v\\.' '$tmp/lang/words.txt'"
	check "lang: the words it leaves alone stay the language's" \
		sh -c "grep -q '^DEEL 1' '$tmp/lang/words.txt'"
else
	not_ok "lang: a layout with words: does not build" "$(cat "$tmp/err")"
fi

# The languages planc has words for (lang.c) are the ones the plan schema
# offers editors: a language added to one must be added to the other.
printf 'plan: { title: T, date: 2025-01, lang: xx }\n' >"$tmp/lang/xx.yaml"
known=$("$PLANC" check "$tmp/lang/xx.yaml" 2>&1 | sed -n 's/.*planc knows \(.*\) \[bad-value\]$/\1/p' |
	sed 's/ and /, /; s/, /\n/g' | sort | tr '\n' ' ')
schema=$(awk '/"lang": \{/{f = 1} f && /"[a-z][a-z]"/{gsub(/[ ",]/, ""); print} f && /\]/{exit}' \
	plans/plan.schema.json | sort | tr '\n' ' ')
check "lang: the schema's languages are lang.c's ($known)" \
	sh -c "[ -n '$known' ] && [ '$known' = '$schema' ] || { echo 'schema: $schema'; exit 1; }"
