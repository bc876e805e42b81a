# tests/suites/languages.sh - hyphenation patterns per language: a plan
# whose language has patterns installed is hyphenated with them quietly; one
# whose patterns are missing gets a [no-hyphenation] warning that names the
# Debian package, at its `lang:`, and --werror then keeps the old PDF.

lg=$tmp/languages
mkdir -p "$lg"
sed 's/^plan: { title: Testplan, date: 2018-03 }/plan: { title: Testplan, date: 2018-03, lang: en }/' \
	tests/check/clean.yaml >"$lg/en.yaml"
"$PLANC" build "$lg/en.yaml" -o "$lg/en.pdf" >"$lg/en.out" 2>&1
check "languages: an English plan builds with the English patterns (hyphen-en-us), no warning" \
	sh -c "[ -s '$lg/en.pdf' ] && ! grep -q . '$lg/en.out' && grep -q 'lang: en' '$lg/en.yaml'"

# A language whose patterns this machine lacks (the Makefile installs only
# Dutch and English; a machine with all of them skips this part).
missing=""
for l in de:hyph_de_DE.dic:hyphen-de fr:hyph_fr.dic:hyphen-fr; do
	[ -e "/usr/share/hyphen/${l#*:}" ] && continue
	missing=${l%%:*}; pkg=${l##*:}; break
done
if [ -n "$missing" ]; then
	sed "s/^plan: { title: Testplan, date: 2018-03 }/plan: { title: Testplan, date: 2018-03, lang: $missing }/" \
		tests/check/clean.yaml >"$lg/x.yaml"
	"$PLANC" build "$lg/x.yaml" -o "$lg/x.pdf" >"$lg/x.out" 2>&1
	rc=$?
	check "languages: a plan in '$missing' without its patterns builds (exit 0) with a [no-hyphenation] warning naming $pkg at its lang:" \
		sh -c "[ $rc -eq 0 ] && [ -s '$lg/x.pdf' ] &&
		grep -q \"x.yaml:1:47: warning: no hyphenation patterns for '$missing' are installed, so the text is set without hyphens (install Debian's $pkg) \[no-hyphenation\]\" '$lg/x.out'"
	cp "$lg/x.pdf" "$lg/keep.pdf"
	"$PLANC" build --werror "$lg/x.yaml" -o "$lg/x.pdf" >/dev/null 2>&1
	rc=$?
	check "languages: with --werror the missing patterns fail the build and the old PDF stays" \
		sh -c "[ $rc -eq 1 ] && cmp -s '$lg/x.pdf' '$lg/keep.pdf'"
	"$PLANC" check "$lg/x.yaml" >"$lg/xc.out" 2>&1
	check "languages: check (which sets no text) does not warn about patterns" \
		sh -c "! grep -q no-hyphenation '$lg/xc.out'"
else
	echo "skip: languages: every language's patterns are installed here"
fi
