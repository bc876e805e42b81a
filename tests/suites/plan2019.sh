# tests/suites/plan2019.sh - the 2019 plan (plans/pact-2019.yaml with its
# own plans/pact-2019-organisation.yaml) and tests/diff/pact-2019.changes,
# the list of every change from 2018 that the `planc diff` tests rely on:
# the plan checks without a diagnostic, reads as 2019, leaves the 2018 files
# to the 2018 plan, and the list says exactly what changed
# (tests/tools/changescheck.py). Both layouts are built by layouts.sh.
# Sourced by tests/run.

p19=plans/pact-2019.yaml
changes=tests/diff/pact-2019.changes

"$PLANC" check "$p19" >"$tmp/out" 2>"$tmp/err"
check "pact-2019: check exits 0 without a diagnostic" \
	sh -c "[ $? -eq 0 ] && [ ! -s '$tmp/err' ] && [ ! -s '$tmp/out' ]"
check "pact-2019: includes its own organisation file, the 2018 plan the 2018 one" \
	sh -c "grep -qx 'include: pact-2019-organisation.yaml' '$p19' &&
	grep -qx 'include: pact-organisation.yaml' plans/pact-2018.yaml"

if SOURCE_DATE_EPOCH=1550000000 "$PLANC" build -o "$tmp/p19.pdf" "$p19" 2>"$tmp/err" &&
   SOURCE_DATE_EPOCH=1520000000 "$PLANC" build -o "$tmp/p18.pdf" plans/pact-2018.yaml 2>>"$tmp/err"; then
	ok
	pdftotext -enc UTF-8 -f 1 -l 1 "$tmp/p19.pdf" "$tmp/p19-cover.txt" 2>/dev/null
	check "pact-2019: the cover says Activiteiten 2019, Maart 2019" \
		sh -c "grep -qx 'Activiteiten 2019' '$tmp/p19-cover.txt' && grep -qx 'Maart 2019' '$tmp/p19-cover.txt'"
	pdftotext -enc UTF-8 "$tmp/p19.pdf" - 2>/dev/null | tr -s ' \n' '  ' >"$tmp/p19.txt"
	check "pact-2019: the regiegroep's chair and the kopgroepen's contacts are printed" \
		sh -c "grep -qF 'Regiegroep Kindcentra 2020 o.l.v. Gijs van Rozendaal' '$tmp/p19.txt' &&
		grep -qF 'Contactpersoon: Anneke Risselada' '$tmp/p19.txt' &&
		grep -qF 'Florian Bootsman (contactpersoon)' '$tmp/p19.txt'"
	# The kernboodschap's second paragraph is re-wrapped in the source, not
	# changed: both years print the same words.
	para() { pdftotext -enc UTF-8 "$1" - 2>/dev/null | tr -s ' \n' '  ' |
		sed -n 's/.*\(In PACT voor Kindcentra werken mensen.*professionele ontmoeting te organiseren\.\).*/\1/p'; }
	para "$tmp/p18.pdf" >"$tmp/k18"
	para "$tmp/p19.pdf" >"$tmp/k19"
	check "pact-2019: the re-wrapped paragraph prints as in 2018" \
		sh -c "[ -s '$tmp/k18' ] && cmp -s '$tmp/k18' '$tmp/k19' &&
		! cmp -s plans/pact-2018.yaml '$p19'"
else
	not_ok "pact-2019: the 2018 and 2019 plans build" "$(head -20 "$tmp/err")"
fi

# The list of changes against the two plans.
if ! /usr/bin/python3 -c 'import yaml' 2>"$tmp/err"; then
	not_ok "pact-2019: python3-yaml is missing (make deps)" "$(cat "$tmp/err")"
else
	check "pact-2019: $changes lists exactly the changes from 2018" \
		/usr/bin/python3 tests/tools/changescheck.py plans/pact-2018.yaml "$p19" "$changes"
	# ... and would see a line missing, one too many, or a false no-change.
	grep -v '^changed activity masterclasses text$' "$changes" >"$tmp/c1"
	sed 's/^no-change activity stem-van-kinderen requote$/no-change activity goede-ervaringen requote/' \
		"$changes" >"$tmp/c2"
	{ cat "$changes"; echo 'removed activity kennis-van-kantelaars'; } >"$tmp/c3"
	for c in c1 c2 c3; do
		/usr/bin/python3 tests/tools/changescheck.py plans/pact-2018.yaml "$p19" "$tmp/$c" >"$tmp/out" 2>&1
		check "pact-2019: changescheck rejects a wrong list ($c)" \
			sh -c "[ $? -eq 1 ] && grep -q '^$tmp/$c: ' '$tmp/out'"
	done
fi
