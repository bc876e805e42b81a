# tests/suites/watch.sh - planc watch, the real loop: a `planc watch` in the
# background with its output captured, and a scripted sequence of edits
# made the ways editors make them (rename over, vim's backup dance, sed -i,
# in place). Each step waits for the line it expects, up to 20 seconds;
# nothing is asserted about time. Sourced by tests/run.

wt=$tmp/watch
mkdir -p "$wt"
watch_pid=

# wait_for FILE PATTERN COUNT: until FILE has COUNT lines matching the
# extended regular expression PATTERN (up to 20 s); fails otherwise.
wait_for() {
	local i
	for i in $(seq 200); do
		[ "$(grep -cE -- "$2" "$1" 2>/dev/null)" -ge "$3" ] && return 0
		sleep 0.1
	done
	echo "waited 20 s for $3 lines like '$2' in $1:"
	cat "$1"
	return 1
}

# stop_watch [SIGNAL]: sends SIGNAL (TERM) to the watch started last and
# leaves its exit status in watch_rc (or 124 when it did not end in 20 s).
stop_watch() {
	local i
	watch_rc=124
	[ -n "$watch_pid" ] || return 0
	kill -"${1:-TERM}" "$watch_pid" 2>/dev/null
	for i in $(seq 200); do
		if ! kill -0 "$watch_pid" 2>/dev/null; then
			wait "$watch_pid"
			watch_rc=$?
			watch_pid=
			return 0
		fi
		sleep 0.1
	done
	kill -KILL "$watch_pid" 2>/dev/null
	wait "$watch_pid" 2>/dev/null
	watch_pid=
}

# rename_over FILE SED-SCRIPT: FILE edited into a new file, renamed over it.
rename_over() {
	sed "$2" "$1" >"$1.new" && mv "$1.new" "$1"
}

pdf_has() {	# pdf_has PDF TEXT
	pdftotext "$1" - 2>/dev/null | grep -qF -- "$2"
}

# ---- the scripted edit sequence ----
p=$wt/proj
"$PLANC" new "$p" >/dev/null 2>&1
log=$wt/log
# A long quiet period: each scripted save of several steps stays one round
# on a machine as busy as it may be (the default is 150 ms).
PLANC_WATCH_QUIET_MS=1000 "$PLANC" watch "$p/plan.yaml" >"$log" 2>&1 &
watch_pid=$!

check "watch: the first round builds the plan" \
	wait_for "$log" "^built $p/plan.pdf in [0-9]+ ms, [0-9]+ pages$" 1
check "watch: and says what it watches" \
	grep -qE '^watching [0-9]+ files \(the plan, its includes, layout and fonts\); Ctrl-C stops$' "$log"

rename_over "$p/plan.yaml" 's/title: Eerste activiteit/title: Tweede ronde/'
check "watch: a plan renamed over is built again" wait_for "$log" "^built " 2
check "watch: with the new text in the PDF" pdf_has "$p/plan.pdf" "Tweede ronde"
check "watch: the round names the file that changed" \
	grep -qx "$p/plan.yaml changed" "$log"
cp "$p/plan.pdf" "$wt/good.pdf"

rename_over "$p/plan.yaml" 's/serves: \[eerste-ambitie\]/serves: [eerste-ambitje]/'
check "watch: an error is printed with its position" \
	wait_for "$log" "^$p/plan.yaml:[0-9]+:[0-9]+: error: .*\[unknown-ref\]$" 1
check "watch: and the round says the last good PDF was kept" \
	wait_for "$log" "^2 errors; kept the last good PDF, $p/plan.pdf$" 1
check "watch: the last good PDF is byte for byte as it was" \
	cmp "$wt/good.pdf" "$p/plan.pdf"

rename_over "$p/plan.yaml" 's/eerste-ambitje/eerste-ambitie/; s/Tweede ronde/Derde ronde/'
check "watch: fixed, it builds again" wait_for "$log" "^built " 3
check "watch: with the fix in the PDF" pdf_has "$p/plan.pdf" "Derde ronde"

# An included file, edited in place (as an editor without backups does)
sed -i 's/name: Eerste Persoon/name: Gewijzigde Persoon/' "$p/organisatie.yaml"
check "watch: an included file edited with sed -i is built again" \
	wait_for "$log" "^built " 4
check "watch: the included file's change is in the PDF" \
	pdf_has "$p/plan.pdf" "Gewijzigde Persoon"
check "watch: that round names the included file" \
	grep -qx "$p/organisatie.yaml changed" "$log"
printf '# appended in place\n' >>"$p/organisatie.yaml"
check "watch: a file written in place (appended) is built again" \
	wait_for "$log" "^built " 5

# vim's backup dance, step by step: the plan renamed away, a new one
# written, the backup removed, beside a swap file and vim's 4913 probe
: >"$p/.plan.yaml.swp"
: >"$p/4913" && rm "$p/4913"
mv "$p/plan.yaml" "$p/plan.yaml~"
sed 's/Derde ronde/Vierde ronde/' "$p/plan.yaml~" >"$p/plan.yaml"
rm "$p/plan.yaml~" "$p/.plan.yaml.swp"
check "watch: vim's backup dance is built again" wait_for "$log" "^built " 6
check "watch: with the text vim wrote" pdf_has "$p/plan.pdf" "Vierde ronde"

# The real vim, when there is one ('backupskip' would skip /tmp)
if command -v vim >/dev/null 2>&1; then
	vim -u NONE -i NONE -N -n -es -c 'set backupskip= backupcopy=no writebackup' \
	    -c '%s/Vierde ronde/Vijfde ronde/' -c 'wq' "$p/plan.yaml" </dev/null >/dev/null 2>&1
	check "watch: vim's save is built again" wait_for "$log" "^built " 7
	check "watch: with vim's text" pdf_has "$p/plan.pdf" "Vijfde ronde"
else
	sed -i 's/Vierde ronde/Vijfde ronde/' "$p/plan.yaml"
	wait_for "$log" "^built " 7 >/dev/null
fi

# A new include is watched from the round that reads it, even before it
# exists; one taken out again no longer is.
rename_over "$p/plan.yaml" 's/^include: \[organisatie.yaml\]/include: [organisatie.yaml, extra.yaml]/'
check "watch: an include that is not there yet is an error" \
	wait_for "$log" "cannot read included file '$p/extra.yaml'.*\[io\]$" 1
printf '# nothing yet\n' >"$p/extra.yaml.tmp" && mv "$p/extra.yaml.tmp" "$p/extra.yaml"
check "watch: the new include appearing is built again" wait_for "$log" "^built " 8
check "watch: that round names the new include" grep -qx "$p/extra.yaml changed" "$log"
rename_over "$p/plan.yaml" 's/^include: \[organisatie.yaml, extra.yaml\]/include: [organisatie.yaml]/'
check "watch: the include taken out again is built again" wait_for "$log" "^built " 9
printf '# not included any more\n' >>"$p/extra.yaml"
rename_over "$p/plan.yaml" 's/Vijfde ronde/Zesde ronde/'
check "watch: the next round is the plan's" wait_for "$log" " changed$" 11
check "watch: an include taken out is no longer watched (the round is the plan's)" \
	sh -c "grep ' changed\$' '$log' | tail -n 1 | grep -qx '$p/plan.yaml changed'"
check "watch: ... and built" wait_for "$log" "^built " 10

# Nothing else made a round: not the PDF watch writes, nor its temporary
# file, nor the editors' files beside the plan. Eleven saves so far.
# Events are read in order, so a round started by the PDF's own write
# would come right after that write, and be named after its file.
check "watch: every round is named after a watched file" \
	sh -c "! grep ' changed\$' '$log' | grep -vxE '$p/(plan|organisatie|extra)\.yaml changed'"
check "watch: one round per save, none from its own PDF" \
	test "$(grep -c ' changed$' "$log")" -eq 11

stop_watch TERM
check "watch: SIGTERM ends it with exit 0" test "$watch_rc" -eq 0
check "watch: no temporary file is left in the plan's directory" \
	sh -c "[ -z \"\$(ls -A '$p' | grep -vxE 'plan.yaml|plan.pdf|organisatie.yaml|extra.yaml')\" ]"

# ---- a layout and a font of the project's own are watched too ----
q=$wt/fonts
"$PLANC" new "$q" >/dev/null 2>&1
cp fonts/DejaVuSans.ttf "$q/Body.ttf"
sed 's/^  family: DejaVu Sans .*/  family: DejaVu Sans\n  regular: Body.ttf/' layouts/plain.yaml >"$q/mine.yaml"
log=$wt/log-fonts
PLANC_WATCH_QUIET_MS=1000 "$PLANC" watch --layout "$q/mine.yaml" -o "$q/out.pdf" "$q/plan.yaml" >"$log" 2>&1 &
watch_pid=$!
check "watch --layout FILE -o: the first round builds" wait_for "$log" "^built $q/out.pdf " 1
check "watch: the regular face is the project's DejaVu Sans" \
	sh -c "pdffonts '$q/out.pdf' | grep -q '+DejaVuSans '"
rename_over "$q/mine.yaml" 's/size: 26pt/size: 30pt/'
check "watch: the layout file changed is built again" wait_for "$log" "^built " 2
check "watch: that round names the layout" grep -qx "$q/mine.yaml changed" "$log"
cp fonts/Carlito-Regular.ttf "$q/Body.ttf.new" && mv "$q/Body.ttf.new" "$q/Body.ttf"
check "watch: a font replaced is built again" wait_for "$log" "^built " 3
check "watch: that round names the font" grep -qx "$q/Body.ttf changed" "$log"
check "watch: and the PDF has the new font" sh -c "pdffonts '$q/out.pdf' | grep -q '+Carlito '"
# A stop that comes with a save, wherever it lands (the quiet period, the
# build, the write): exit 0 and nothing half-made left behind
rename_over "$q/plan.yaml" 's/^  title: Ons programma$/  title: Gestopt programma/'
stop_watch TERM
check "watch: SIGTERM right after a save is exit 0 too" test "$watch_rc" -eq 0
check "watch: and leaves no temporary file" \
	sh -c "[ -z \"\$(ls -A '$q' | grep -vxE 'plan.yaml|plan.pdf|out.pdf|organisatie.yaml|mine.yaml|Body.ttf')\" ]"

# ---- SIGINT (Ctrl-C); a background job starts with it ignored ----
log=$wt/log-int
env --default-signal=INT "$PLANC" watch "$q/plan.yaml" >"$log" 2>&1 &
watch_pid=$!
check "watch: started for Ctrl-C" wait_for "$log" "^built " 1
stop_watch INT
check "watch: SIGINT ends it with exit 0" test "$watch_rc" -eq 0

# ---- what ends it at once ----
timeout 20 "$PLANC" watch "$wt/absent.yaml" >"$wt/out" 2>&1
check "watch: a plan that cannot be read at the start is exit 2, with an [io] error" \
	sh -c "[ $? -eq 2 ] && grep -q 'absent.yaml: error: cannot read the file.*\[io\]' '$wt/out'"
timeout 20 "$PLANC" watch -o - "$q/plan.yaml" >"$wt/out" 2>&1
check "watch -o - is a usage error (exit 2)" \
	sh -c "[ $? -eq 2 ] && grep -q 'watch replaces a file each round' '$wt/out'"
timeout 20 "$PLANC" watch --dump-layout "$q/plan.yaml" >"$wt/out" 2>&1
check "watch --dump-layout is a usage error (exit 2)" test $? -eq 2
timeout 20 "$PLANC" watch -o "$q/plan.yaml" "$q/plan.yaml" >"$wt/out" 2>&1
check "watch: an output that is its input is exit 2 at the start, nothing written" \
	sh -c "[ $? -eq 2 ] && grep -q '\[output\]' '$wt/out' && grep -q '^plan:' '$q/plan.yaml'"
"$PLANC" watch --help >"$wt/out" 2>&1
check "watch --help says what it does and how it stops" \
	sh -c "[ $? -eq 0 ] && grep -q '^usage: planc watch' '$wt/out' && grep -q 'SIGTERM' '$wt/out'"
"$PLANC" wacth "$q/plan.yaml" >"$wt/out" 2>&1
check "watch: misspelt, it is suggested" grep -q "did you mean 'watch'" "$wt/out"

# ---- a new user's first minutes: new, edit, check, build, watch ----
u=$wt/newuser
"$PLANC" new "$u" >"$wt/out" 2>&1
check "new user: planc new (exit 0)" test $? -eq 0
rename_over "$u/plan.yaml" 's/^  title: Ons programma$/  title: Ons eigen programma/'
"$PLANC" check "$u/plan.yaml" >"$wt/out" 2>&1
check "new user: the edited plan checks clean" sh -c "[ $? -eq 0 ] && [ ! -s '$wt/out' ]"
"$PLANC" build "$u/plan.yaml" >"$wt/out" 2>&1
check "new user: and builds, with the new title" \
	sh -c "[ $? -eq 0 ] && pdftotext '$u/plan.pdf' - | grep -q 'Ons eigen programma'"
log=$wt/log-new
"$PLANC" watch "$u/plan.yaml" >"$log" 2>&1 &
watch_pid=$!
check "new user: watch's first round" wait_for "$log" "^built $u/plan.pdf in " 1
rename_over "$u/plan.yaml" 's/^  title: Ons eigen programma$/  title: Ons nieuwe programma/'
check "new user: watch's second round" wait_for "$log" "^built $u/plan.pdf in " 2
check "new user: the title as last saved" pdf_has "$u/plan.pdf" "Ons nieuwe programma"
stop_watch TERM
check "new user: Ctrl-C's cousin SIGTERM, exit 0" test "$watch_rc" -eq 0

# Nothing left running, whatever failed above
stop_watch KILL
