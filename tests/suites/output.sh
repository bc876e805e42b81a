# tests/suites/output.sh - what a build may write and how: no input of the
# build is ever its output; symbolic links are followed, FIFOs and devices
# written in place; a closed pipe, a signal or an exit mid-write leave no
# temporary file and no signal exit; inputs never hang; SOURCE_DATE_EPOCH is
# checked; `make install` leaves the tree's binary alone. A refusal or a
# failed write is an error about the output file, code [output]. Sourced by
# tests/run.

out=$tmp/suite-output
rm -rf "$out" && mkdir -p "$out"
export SOURCE_DATE_EPOCH=1520000000
"$PLANC" build -o "$out/ref.pdf" plans/example.yaml 2>/dev/null

# no_temp DIR: no ".NAME.XXXXXX" file is left in DIR
no_temp() { ! ls -A "$1" | grep -q '^\..*\.[A-Za-z0-9]\{6\}$'; }

# ---- an input is never the output ----
cp plans/example.yaml "$out/plan.pdf"
cp "$out/plan.pdf" "$out/plan.copy"
"$PLANC" build "$out/plan.pdf" 2>"$out/err"
check "output: 'build plan.pdf' refuses to overwrite the plan (exit 2)" \
	sh -c "[ $? -eq 2 ] && cmp -s '$out/plan.pdf' '$out/plan.copy' &&
	grep -q \"^$out/plan.pdf: error: refusing to write the PDF over an input of this build; name another output with -o \\[output\\]\" '$out/err'"

cp plans/example.yaml "$out/plan.yaml"
"$PLANC" build -o "$out/plan.yaml" "$out/plan.yaml" 2>/dev/null
check "output: -o naming the plan is refused" \
	sh -c "[ $? -eq 2 ] && cmp -s '$out/plan.yaml' plans/example.yaml"
ln -s plan.yaml "$out/alias.pdf"
ln "$out/plan.yaml" "$out/hard.pdf"
for o in alias.pdf hard.pdf; do
	"$PLANC" build -o "$out/$o" "$out/plan.yaml" 2>"$out/err"
	check "output: -o $o (a link to the plan) is refused" \
		sh -c "[ $? -eq 2 ] && cmp -s '$out/plan.yaml' plans/example.yaml &&
		grep -q \"refusing to write the PDF over '$out/plan.yaml', an input\" '$out/err'"
done

# an included file, the layout and a font, all copies under $out
mkdir -p "$out/inc"
cp fonts/Carlito-Regular.ttf "$out/inc/Regular.ttf"
printf 'fonts:\n  regular: Regular.ttf\n' >"$out/inc/layout.yaml"
printf 'people: []\n' >"$out/inc/people.yaml"
printf 'plan: { title: T, date: 2018-03 }\ninclude: [people.yaml]\nparts:\n  - { id: p, title: P, chapters: [{ id: c, title: C, text: Tekst. }] }\n' \
	>"$out/inc/plan.yaml"
for victim in people.yaml layout.yaml Regular.ttf; do
	cp "$out/inc/$victim" "$out/victim.copy"
	"$PLANC" build --layout "$out/inc/layout.yaml" -o "$out/inc/$victim" \
		"$out/inc/plan.yaml" 2>"$out/err"
	check "output: -o naming the build's $victim is refused" \
		sh -c "[ $? -eq 2 ] && cmp -s '$out/inc/$victim' '$out/victim.copy' &&
		grep -q 'refusing to write' '$out/err'"
done
"$PLANC" build --layout "$out/inc/layout.yaml" -o "$out/inc/plan.pdf" \
	"$out/inc/plan.yaml" 2>"$out/err"
check "output: the same build to a fresh name works" test $? -eq 0

# ---- symbolic links are followed, their target replaced ----
echo old >"$out/real.pdf"
ln -s real.pdf "$out/link.pdf"
"$PLANC" build -o "$out/link.pdf" plans/example.yaml 2>"$out/err"
check "output: a symlink stays a link and its target gets the PDF" \
	sh -c "[ $? -eq 0 ] && [ -L '$out/link.pdf' ] && cmp -s '$out/real.pdf' '$out/ref.pdf'"
mkdir -p "$out/sub"
ln -s sub/new.pdf "$out/dangling.pdf"
"$PLANC" build -o "$out/dangling.pdf" plans/example.yaml 2>"$out/err"
check "output: a dangling symlink's target is created" \
	sh -c "[ $? -eq 0 ] && [ -L '$out/dangling.pdf' ] && cmp -s '$out/sub/new.pdf' '$out/ref.pdf'"
ln -s loop1.pdf "$out/loop2.pdf"
ln -s loop2.pdf "$out/loop1.pdf"
"$PLANC" build -o "$out/loop1.pdf" plans/example.yaml 2>"$out/err"
check "output: a symlink loop is an error (exit 2)" \
	sh -c "[ $? -eq 2 ] && grep -q \"^$out/loop1.pdf: error: cannot write the file: .*\\[output\\]\" '$out/err'"
check "output: no temporary file is left after these" no_temp "$out"

# ---- FIFOs and devices are written in place ----
mkfifo "$out/fifo.pdf"
timeout 20 "$PLANC" build -o "$out/fifo.pdf" plans/example.yaml 2>"$out/err"
check "output: a FIFO nobody reads fails at once (exit 2), stays a FIFO" \
	sh -c "[ $? -eq 2 ] && [ -p '$out/fifo.pdf' ] && grep -q 'no process is reading' '$out/err'"
cat "$out/fifo.pdf" >"$out/from-fifo.pdf" &
reader=$!
timeout 20 "$PLANC" build -o "$out/fifo.pdf" plans/example.yaml 2>"$out/err"
rc=$?
wait "$reader"
check "output: a FIFO's reader gets the PDF; the FIFO stays a FIFO" \
	sh -c "[ $rc -eq 0 ] && [ -p '$out/fifo.pdf' ] && cmp -s '$out/from-fifo.pdf' '$out/ref.pdf'"
# As root, a planc that renamed over its output would replace the
# machine's /dev/null: root tests on device nodes of its own.
if [ "$(id -u)" = 0 ]; then
	null=$out/null full=$out/full
	mknod -m 666 "$null" c 1 3 2>/dev/null && mknod -m 666 "$full" c 1 7 2>/dev/null ||
		null= full=
else
	null=/dev/null full=/dev/full
fi
if [ -n "$null" ]; then
	"$PLANC" build -o "$null" plans/example.yaml 2>"$out/err"
	check "output: a null device is written, and stays a device" \
		sh -c "[ $? -eq 0 ] && [ -c '$null' ]"
	"$PLANC" build -o "$full" plans/example.yaml 2>"$out/err"
	check "output: a full device gives exit 2 and stays a device" \
		sh -c "[ $? -eq 2 ] && [ -c '$full' ] && grep -q \"^$full: error: cannot write the file: No space left on device \\[output\\]\" '$out/err'"
fi
"$PLANC" build -o "$out" plans/example.yaml 2>"$out/err"
check "output: a directory as output is exit 2" test $? -eq 2

# ---- a reader that is gone: exit 2, never SIGPIPE ----
# The pipe's read end is closed before planc starts, so every write fails.
closed_pipe() {
	python3 -c '
import os, subprocess, sys
r, w = os.pipe()
os.close(r)
sys.exit(subprocess.run(sys.argv[1:], stdout=w, stderr=subprocess.DEVNULL).returncode)
' "$@"
}
closed_pipe "$PLANC" build -o - plans/example.yaml
check "output: build -o - into a closed pipe exits 2, not 141" test $? -eq 2
closed_pipe "$PLANC" check --format=sarif plans/pact-2018.yaml
check "output: check --format=sarif into a closed pipe exits 2" test $? -eq 2
closed_pipe "$PLANC" build --dump-layout plans/example.yaml
check "output: --dump-layout into a closed pipe exits 2" test $? -eq 2

# ---- a signal or an exit while the temporary file exists ----
# An LD_PRELOAD shim makes fsync (called once, on the temporary file) raise
# SIGTERM or call exit(2) the way an out-of-memory does.
cat >"$out/shim.c" <<'EOF'
#include <signal.h>
#include <stdlib.h>
int fsync(int fd) {
	const char *how = getenv("SHIM");
	(void)fd;
	if (how && how[0] == 't') raise(SIGTERM);
	if (how && how[0] == 'e') exit(2);
	return 0;
}
EOF
if cc -shared -fPIC -o "$out/shim.so" "$out/shim.c" 2>/dev/null; then
	for how in term exit; do
		rm -rf "$out/sig" && mkdir "$out/sig"
		cp "$out/plan.copy" "$out/sig/plan.pdf.old"
		echo previous >"$out/sig/o.pdf"
		# In a subshell whose stderr is closed, so that the shell's
		# "Terminated" does not end up in the test output.
		rc=$( (SHIM=$how LD_PRELOAD="$out/shim.so" \
			ASAN_OPTIONS=verify_asan_link_order=0 \
			"$PLANC" build -o "$out/sig/o.pdf" plans/example.yaml
			echo $?) 2>/dev/null)
		want=2
		[ "$how" = term ] && want=143
		check "output: $how while writing keeps the old file, leaves no temporary (exit $want)" \
			sh -c "[ $rc -eq $want ] && [ \"\$(cat '$out/sig/o.pdf')\" = previous ] &&
			[ \$(ls -A '$out/sig' | wc -l) -eq 2 ]"
	done
else
	not_ok "output: the LD_PRELOAD shim does not compile"
fi

# ---- inputs never hang ----
mkfifo "$out/in.yaml"
timeout 20 "$PLANC" check "$out/in.yaml" 2>"$out/err"
check "input: a FIFO with no writer reads as empty (exit 1, positioned)" \
	sh -c "[ $? -eq 1 ] && grep -q '^$out/in.yaml:1:1: error: the file is empty' '$out/err'"
timeout 20 "$PLANC" check <(sleep 1; cat plans/example.yaml) 2>"$out/err"
check "input: process substitution that writes late is waited for" test $? -eq 0
printf 'plan: { title: T, date: 2018-03 }\ninclude: [in.yaml]\n' >"$out/with-fifo.yaml"
timeout 20 "$PLANC" check "$out/with-fifo.yaml" 2>"$out/err"
check "input: an included FIFO with no writer reads as empty (exit 0)" test $? -eq 0

# ---- SOURCE_DATE_EPOCH ----
for bad in abc 12x -1 253402300800 99999999999999999999; do
	SOURCE_DATE_EPOCH=$bad "$PLANC" build -o "$out/sde.pdf" plans/example.yaml 2>"$out/err"
	check "SOURCE_DATE_EPOCH=$bad is a usage error, nothing written" \
		sh -c "[ $? -eq 2 ] && [ ! -e '$out/sde.pdf' ] && grep -q '^planc: SOURCE_DATE_EPOCH' '$out/err'"
done
SOURCE_DATE_EPOCH=253402300799 "$PLANC" build -o "$out/sde.pdf" plans/example.yaml 2>/dev/null
check "SOURCE_DATE_EPOCH of 9999-12-31 gives D:99991231235959" \
	sh -c "qpdf --qdf --object-streams=disable '$out/sde.pdf' - |
		grep -aq 'CreationDate (D:99991231235959Z'"
unset SOURCE_DATE_EPOCH

# ---- make install never changes the tree's binary ----
if [ "$BUILD" = build ] && [ -x build/planc ]; then
	sum=$(cksum <build/planc)
	make -s install PREFIX=/usr DESTDIR="$out/inst" >"$out/err" 2>&1
	rc=$?
	check "install: make install leaves build/planc as it was" \
		sh -c "[ $rc -eq 0 ] && [ \"\$(cksum <build/planc)\" = '$sum' ]"
	# The installed copy finds its data beside itself, not in the tree.
	cp layouts/plain.yaml "$out/inst/usr/share/planc/layouts/only-installed.yaml"
	env -u PLANC_DATADIR "$out/inst/usr/bin/planc" check --layout only-installed \
		plans/example.yaml 2>"$out/err"
	check "install: the installed binary uses BIN/../share/planc" test $? -eq 0
	env -u PLANC_DATADIR "$PLANC" check --layout pact plans/example.yaml 2>"$out/err"
	check "install: the tree's binary still finds the tree's layouts" test $? -eq 0
fi
PLANC_DATADIR=$out/nowhere "$PLANC" check --layout pact plans/example.yaml 2>"$out/err"
check "install: an empty data directory is named in the message" \
	sh -c "[ $? -eq 2 ] && grep -q \"'$out/nowhere/layouts'; PLANC_DATADIR\" '$out/err'"
