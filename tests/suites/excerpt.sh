# tests/suites/excerpt.sh - the quoted source line of a human diagnostic:
# behind a line-number gutter (" 12 | text", "    | ^~~"), and fitted to
# the terminal's width when standard error is one ($COLUMNS, else the
# terminal's own size), 120 columns beside the gutter otherwise. The
# terminal is script(1)'s pseudo-terminal. Sourced by tests/run.

xc=$tmp/suite-excerpt
rm -rf "$xc" && mkdir -p "$xc"
# A plan whose line 10 is 260 characters wide, with three unknown
# partners near its end.
{
	echo 'plan: { title: Testplan, date: 2018-03 }'
	echo 'periods:'
	echo '  - { id: voorjaar, title: Voorjaar 2018 }'
	echo 'domains:'
	echo '  - id: kinderen'
	echo '    title: Kinderen en ouders'
	echo '    ambitions:'
	echo '      - { id: stem, text: De stem van kinderen is hoorbaar. }'
	echo 'activities:'
	printf '  - { id: gesprekken, domain: kinderen, serves: [stem], period: voorjaar, text: '
	for i in 1 2 3 4 5 6 7; do printf 'Met ouders in gesprek. '; done
	echo ', with: [onbekend-0, onbekend-1, onbekend-2] }'
} >"$xc/wide.yaml"

# widest FILE: the widest line in columns, colours left out
widest() {
	python3 -c '
import re, sys
w = 0
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    line = re.sub("\x1b\\[[0-9;]*m", "", line.rstrip("\r\n"))
    w = max(w, len(line))
print(w)' "$1"
}

"$PLANC" check tests/check/duplicate-id.yaml >/dev/null 2>"$xc/err"
check "excerpt: a quoted line has a gutter with its number, the caret line an empty one" \
	sh -c "grep -q '^ [0-9]* | ' '$xc/err' && grep -q '^ *| *\^' '$xc/err' &&
	! grep -v '^tests/\|^[0-9]* errors\?, ' '$xc/err' | grep -qv '^ *[0-9]* |'"
n=$(sed -n 's/^[^:]*:\([0-9]*\):[0-9]*: error: .*/\1/p' "$xc/err" | head -1)
check "excerpt: the gutter's number is the diagnostic's line" \
	sh -c "sed -n '2p' '$xc/err' | grep -q '^ $n | '"

# Off a terminal: 120 columns of text beside the gutter, whatever
# COLUMNS says (a CI log looks the same everywhere).
COLUMNS=50 "$PLANC" check "$xc/wide.yaml" >/dev/null 2>"$xc/err"
w=$(widest "$xc/err")
check "excerpt: off a terminal the window is 120 columns beside the gutter ($w)" \
	sh -c "[ $w -le 125 ] && [ $w -ge 110 ] && grep -q '^ 10 | …' '$xc/err'"

if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
	planc_abs=$(cd "$(dirname "$PLANC")" && pwd)/$(basename "$PLANC")
	# On a terminal of COLUMNS=60: every line of the excerpt fits.
	COLUMNS=60 script -qec "'$planc_abs' check '$xc/wide.yaml'" /dev/null >"$xc/tty" 2>&1
	grep '|' "$xc/tty" >"$xc/quoted"
	w=$(widest "$xc/quoted")
	check "excerpt: on a terminal of COLUMNS=60 quoted lines fit ($w columns)" \
		sh -c "[ $w -le 60 ] && [ $w -ge 50 ] && grep -q 'onbekend-0' '$xc/quoted'"
	# Without COLUMNS, the terminal's own width (TIOCGWINSZ).
	env -u COLUMNS script -qec "stty cols 45; '$planc_abs' check '$xc/wide.yaml'" \
		/dev/null >"$xc/tty" 2>&1
	grep '|' "$xc/tty" >"$xc/quoted"
	w=$(widest "$xc/quoted")
	check "excerpt: on a terminal 45 columns wide quoted lines fit ($w columns)" \
		sh -c "[ $w -le 45 ] && [ $w -ge 35 ] && grep -q '\^~~~~~~~~~' '$xc/quoted'"
	# A terminal too narrow for anything still gets a usable window.
	COLUMNS=5 script -qec "'$planc_abs' check '$xc/wide.yaml'" /dev/null >"$xc/tty" 2>&1
	check "excerpt: a 5-column terminal still gets a window of 20 columns and the caret" \
		sh -c "grep -q '^ 10 | …' '$xc/tty' && grep -q '\^~' '$xc/tty'"
else
	echo "excerpt: script(1) cannot make a terminal here; the terminal width tests are skipped"
fi
