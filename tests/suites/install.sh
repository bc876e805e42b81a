# tests/suites/install.sh - what `make install` lays out besides the binary
# and its data: the format, the page of codes and the schemas under
# share/doc/planc, the bash, zsh and fish completion, a man page that sends
# its reader there; `planc schema` printing the installed schema; and the
# completion scripts completing commands, options, layouts and codes.
# Sourced by tests/run.

ins=$tmp/suite-install
rm -rf "$ins" && mkdir -p "$ins/bin"
planc_abs=$(cd "$(dirname "$PLANC")" && pwd)/$(basename "$PLANC")

# ---- planc schema ----
"$PLANC" schema >"$ins/schema.json" 2>&1
check "schema: planc schema prints plans/plan.schema.json" cmp "$ins/schema.json" plans/plan.schema.json
"$PLANC" schema diff >"$ins/schema.json" 2>&1
check "schema: planc schema diff prints plans/diff.schema.json" cmp "$ins/schema.json" plans/diff.schema.json
"$PLANC" schema --path >"$ins/path" 2>&1
check "schema: planc schema --path names the file it prints" \
	sh -c "cmp \"\$(cat '$ins/path')\" plans/plan.schema.json"
"$PLANC" schema plna >"$ins/out" 2>&1
check "schema: an unknown schema is a usage error (exit 2)" test $? -eq 2

# ---- make install DESTDIR=... (the tree's binary only: asan builds its own) ----
if [ "$BUILD" = build ] && [ -x build/planc ]; then
	make -s install PREFIX=/usr DESTDIR="$ins/x" >"$ins/err" 2>&1
	check "install: make install DESTDIR= succeeds" sh -c "[ $? -eq 0 ]"
	missing=""
	for f in bin/planc share/man/man1/planc.1 share/planc/plan.schema.json \
	    share/planc/diff.schema.json share/planc/layouts/pact.yaml \
	    share/doc/planc/README.md share/doc/planc/CODES.md \
	    share/doc/planc/plan.schema.json share/doc/planc/diff.schema.json \
	    share/doc/planc/example.yaml share/bash-completion/completions/planc \
	    share/zsh/site-functions/_planc share/fish/vendor_completions.d/planc.fish; do
		[ -s "$ins/x/usr/$f" ] || missing="$missing $f"
	done
	if [ -z "$missing" ]; then ok; else not_ok "install: not installed:$missing"; fi
	check "install: the installed codes page is the one the catalogue gives" \
		sh -c "env -u PLANC_DATADIR '$ins/x/usr/bin/planc' explain --all --format=markdown |
		cmp - '$ins/x/usr/share/doc/planc/CODES.md'"
	env -u PLANC_DATADIR "$ins/x/usr/bin/planc" schema --path >"$ins/path" 2>&1
	check "install: the installed planc schema --path is the installed schema" \
		sh -c "[ \"\$(cat '$ins/path')\" = '$ins/x/usr/share/planc/plan.schema.json' ]"
	check "install: the man page sends its reader to share/doc/planc" \
		sh -c "grep -q 'share/doc/planc/README.md' '$ins/x/usr/share/man/man1/planc.1' &&
		grep -q 'share/doc/planc/CODES.md' '$ins/x/usr/share/man/man1/planc.1'"
	make -s uninstall PREFIX=/usr DESTDIR="$ins/x" >"$ins/err" 2>&1
	check "install: make uninstall removes what install laid out" \
		sh -c "[ -z \"\$(find '$ins/x' -type f)\" ]"
fi

# ---- completion ----
ln -s "$planc_abs" "$ins/bin/planc"
cmds=$("$PLANC" help | sed -n 's/^  \([a-z]*\)  .*/\1/p')
for s in src/completion/planc.bash src/completion/_planc src/completion/planc.fish; do
	missing=""
	for c in $cmds --root --stdin-filename --werror --layout --format --dump-layout \
	    --max-per-code --quiet --color --stat --git --all --path; do
		case $s in
		*.fish) case $c in --*) w="-l ${c#--}" ;; *) w=$c ;; esac ;;
		*) w=$c ;;
		esac
		grep -q -- "$w" "$s" || missing="$missing $c"
	done
	if [ -z "$missing" ]; then ok; else not_ok "completion: $s does not know:$missing"; fi
done
# complete WORDS...: what bash completes for the command line WORDS (the
# last word being completed), one a line.
complete_bash() {
	PATH="$ins/bin:$PATH" bash -c '
		. src/completion/planc.bash
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_planc; printf "%s\n" "${COMPREPLY[@]}"' bash "$@"
}
check "completion: bash completes a command" sh -c "[ \"$(complete_bash planc expl)\" = explain ]"
check "completion: bash completes diagnostic codes for explain" \
	sh -c "[ \"$(complete_bash planc explain unknown-r | tr '\n' ' ')\" = 'unknown-ref ' ]"
check "completion: bash completes -W no-CODE" \
	sh -c "[ \"$(complete_bash planc check -W no-unused-p | tr '\n' ' ')\" = 'no-unused-person ' ]"
check "completion: bash completes layouts after --layout" \
	sh -c "complete_out='$(complete_bash planc build --layout p | tr '\n' ' ')'; echo \"\$complete_out\" | grep -q pact && echo \"\$complete_out\" | grep -q plain"
check "completion: bash completes a command's options" \
	sh -c "[ \"$(complete_bash planc build --dump | tr '\n' ' ')\" = '--dump-layout ' ]"
if command -v zsh >/dev/null 2>&1; then
	check "completion: the zsh script parses" zsh -n src/completion/_planc
else
	echo "completion: zsh is not installed; its script is not checked"
fi
if command -v fish >/dev/null 2>&1; then
	check "completion: the fish script parses" fish -n src/completion/planc.fish
	PATH="$ins/bin:$PATH" fish -c 'source src/completion/planc.fish; complete -C "planc explain unknown-r"' \
		>"$ins/fish" 2>&1
	check "completion: fish completes diagnostic codes for explain, with their summary" \
		grep -q '^unknown-ref	a reference to an id that does not exist' "$ins/fish"
else
	echo "completion: fish is not installed; its script is not checked"
fi
