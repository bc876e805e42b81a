# tests/suites/input.sh - where a plan comes from and what it may reach:
# "-" for standard input (check, build, dump, diff's NEW) with
# --stdin-filename for positions and for the directory includes are
# relative to; --root DIR, the project root that includes, a layout and
# its font files named by a plan must stay in (a project with 2018/,
# 2019/ and shared/organisation.yaml), symbolic links resolved, planc's
# own data and the system's fonts reachable. Sourced by tests/run.

in=$tmp/suite-input
rm -rf "$in" && mkdir -p "$in"
planc_abs=$(cd "$(dirname "$PLANC")" && pwd)/$(basename "$PLANC")

# ---- standard input ----
inc=tests/check/include-ok/plan.yaml	# includes organisation.yaml beside it
"$PLANC" check - <tests/check/duplicate-id.yaml >/dev/null 2>"$in/err"
check "input: check - reads standard input, positions as <stdin> (exit 1)" \
	sh -c "[ $? -eq 1 ] && grep -q '^<stdin>:20:11: error: duplicate id' '$in/err'"
"$PLANC" check --stdin-filename tests/check/duplicate-id.yaml - \
	<tests/check/duplicate-id.yaml >/dev/null 2>"$in/err2"
"$PLANC" check tests/check/duplicate-id.yaml >/dev/null 2>"$in/want"
check "input: --stdin-filename names the plan in diagnostics, as if read from the file" \
	diff -u "$in/want" "$in/err2"
"$PLANC" check --stdin-filename "$inc" - <"$inc" >/dev/null 2>"$in/err"
check "input: includes are relative to --stdin-filename's directory (exit 0)" \
	sh -c "[ $? -eq 0 ] && [ ! -s '$in/err' ]"
(cd "$in" && "$planc_abs" check - <"$OLDPWD/$inc") >/dev/null 2>"$in/err"
check "input: without --stdin-filename, includes are relative to the working directory (exit 1)" \
	sh -c "[ $? -eq 1 ] && grep -q 'cannot read included file' '$in/err'"
"$PLANC" check --format=json --stdin-filename "x y.yaml" - <tests/check/duplicate-id.yaml \
	>"$in/json" 2>/dev/null
check "input: JSON names the plan read from standard input by --stdin-filename" \
	grep -q '"file": "x y.yaml", "line": 20' "$in/json"
"$PLANC" check - - </dev/null >/dev/null 2>"$in/err"
check "input: standard input twice is a usage error (exit 2)" \
	sh -c "[ $? -eq 2 ] && grep -q 'only once' '$in/err'"
rm -f "$in/"*.pdf
"$PLANC" build - <plans/example.yaml >/dev/null 2>"$in/err"
check "input: build - without -o is a usage error (exit 2), nothing written" \
	sh -c "[ $? -eq 2 ] && grep -q 'needs -o' '$in/err' && ! ls '$in/'*.pdf 2>/dev/null"
"$PLANC" build --stdin-filename plans/example.yaml -o "$in/ex.pdf" - <plans/example.yaml \
	>/dev/null 2>&1
rc=$?
check "input: build -o OUT.pdf - writes the PDF of the plan on standard input" \
	sh -c "[ $rc -eq 0 ] && pdftotext '$in/ex.pdf' - | grep -q ."
SOURCE_DATE_EPOCH=0 "$PLANC" build --stdin-filename plans/example.yaml -o - - \
	<plans/example.yaml >"$in/out.pdf" 2>/dev/null
SOURCE_DATE_EPOCH=0 "$PLANC" build -o "$in/file.pdf" plans/example.yaml >/dev/null 2>&1
check "input: build -o - - gives the same PDF as building the file" \
	cmp "$in/out.pdf" "$in/file.pdf"
"$PLANC" dump --stdin-filename plans/pact-2018.yaml - <plans/pact-2018.yaml >"$in/dump1" 2>&1
"$PLANC" dump plans/pact-2018.yaml >"$in/dump2" 2>&1
check "input: dump - equals the dump of the file (includes found through --stdin-filename)" \
	sh -c "cmp -s '$in/dump1' '$in/dump2' && grep -q 'jeannette-doornenbal' '$in/dump1'"
"$PLANC" diff --stdin-filename plans/pact-2019.yaml plans/pact-2018.yaml - \
	<plans/pact-2019.yaml >"$in/diff1" 2>&1
rc=$?
"$PLANC" diff plans/pact-2018.yaml plans/pact-2019.yaml >"$in/diff2" 2>&1
check "input: diff OLD - compares with the plan on standard input (exit 1, the same changes)" \
	sh -c "[ $rc -eq 1 ] && cmp -s '$in/diff1' '$in/diff2'"

# ---- the project root ----
p=$in/project
mkdir -p "$p/2018" "$p/2019" "$p/shared" "$in/outside"
"$PLANC" new "$p/start" >/dev/null 2>&1
mv "$p/start/organisatie.yaml" "$p/shared/organisation.yaml"
for y in 2018 2019; do
	sed "s/2026/$y/g; s#include: \[organisatie.yaml\]#include: [../shared/organisation.yaml]#" \
		"$p/start/plan.yaml" >"$p/$y/plan.yaml"
done
rm -rf "$p/start"
"$PLANC" check "$p/2019/plan.yaml" >/dev/null 2>"$in/err"
check "root: by default an include of ../shared leaves the plan's directory (exit 1)" \
	sh -c "[ $? -eq 1 ] && grep -q \"9/plan.yaml:[0-9]*:[0-9]*: error: include '../shared/organisation.yaml' leads outside the plan's directory.*\[include-escape\]\" '$in/err'"
(cd "$p" && "$planc_abs" check --root . 2018/plan.yaml 2019/plan.yaml) >/dev/null 2>"$in/err"
check "root: --root . lets 2018/ and 2019/ share shared/organisation.yaml (exit 0)" \
	sh -c "[ $? -eq 0 ] && [ ! -s '$in/err' ]"
(cd "$p/2019" && SOURCE_DATE_EPOCH=0 "$planc_abs" build --root .. -o "$in/2019.pdf" plan.yaml) \
	>/dev/null 2>"$in/err"
check "root: --root .. from inside 2019/ builds its PDF" \
	sh -c "[ $? -eq 0 ] && pdftotext '$in/2019.pdf' - | grep -q 2019"
# A mistake in the shared file is shown under a path that opens from here.
sed -i 's/^people:/pepole:/' "$p/shared/organisation.yaml"
(cd "$p/2019" && "$planc_abs" check --root .. plan.yaml) >/dev/null 2>"$in/err"
check "root: a diagnostic in the shared file names it as ../shared/organisation.yaml" \
	grep -q "^\.\./shared/organisation.yaml:[0-9]*:[0-9]*: error: unknown key 'pepole'" "$in/err"
sed -i 's/^pepole:/people:/' "$p/shared/organisation.yaml"
# Each year's PDF depends only on what it includes.
(cd "$p" && SOURCE_DATE_EPOCH=0 "$planc_abs" build --root . -o "$in/2018a.pdf" 2018/plan.yaml) >/dev/null 2>&1
sed -i 's/Ons programma/Ons nieuwe programma/' "$p/2019/plan.yaml"
(cd "$p" && SOURCE_DATE_EPOCH=0 "$planc_abs" build --root . -o "$in/2018b.pdf" 2018/plan.yaml) >/dev/null 2>&1
check "root: a change to 2019/plan.yaml leaves the 2018 PDF byte for byte" \
	sh -c "[ -s '$in/2018a.pdf' ] && cmp '$in/2018a.pdf' '$in/2018b.pdf'"
# Still confined: past the root, absolute, or through a symbolic link.
cp "$p/shared/organisation.yaml" "$in/outside/org.yaml"
ln -s "$in/outside/org.yaml" "$p/shared/link.yaml"
sed -i 's#include: \[../shared/organisation.yaml\]#include: [../shared/link.yaml, ../../outside/org.yaml]#' \
	"$p/2018/plan.yaml"
(cd "$p" && "$planc_abs" check --root . 2018/plan.yaml) >/dev/null 2>"$in/err"
check "root: an include past the root, or a link out of it, is refused (exit 1)" \
	sh -c "[ $? -eq 1 ] &&
	grep -q \"include '../shared/link.yaml' leads outside the project root '.': it resolves to '.*/outside/org.yaml' \[include-escape\]\" '$in/err' &&
	grep -q \"include '../../outside/org.yaml' leads outside the project root '.' \[include-escape\]\" '$in/err'"
sed -i 's#include: \[../shared/link.yaml, ../../outside/org.yaml\]#include: [../shared/organisation.yaml]#' \
	"$p/2018/plan.yaml"
(cd "$p" && "$planc_abs" check --root 2019 2018/plan.yaml) >/dev/null 2>"$in/err"
check "root: a plan outside --root is refused (exit 2)" \
	sh -c "[ $? -eq 2 ] && grep -q '2018/plan.yaml: error: the plan lies outside the project root .2019.*\[include-escape\]' '$in/err'"
"$PLANC" check --root "$in/nowhere" "$p/2018/plan.yaml" >/dev/null 2>"$in/err"
check "root: a --root that does not exist is an io error (exit 2)" \
	sh -c "[ $? -eq 2 ] && grep -q 'cannot use the project root.*\[io\]' '$in/err'"
"$PLANC" check --root . - <"$p/2018/plan.yaml" >/dev/null 2>"$in/err"
check "root: a plan from standard input is confined like a file" \
	grep -q "leads outside the project root '.'" "$in/err"

# A layout the plan names, and its font files, stay in the project; planc's
# fonts and the system's families stay reachable.
cp fonts/Carlito-Regular.ttf "$in/outside/Outside.ttf"
cp fonts/Carlito-Regular.ttf "$p/shared/House.ttf"
printf 'fonts: { family: DejaVu Sans, regular: House.ttf, bold: Carlito-Bold.ttf }\n' \
	>"$p/shared/house.yaml"
sed -i 's/^  layout: pact/  layout: ..\/shared\/house.yaml/' "$p/2019/plan.yaml"
(cd "$p" && "$planc_abs" check --root . 2019/plan.yaml) >/dev/null 2>"$in/err"
check "root: a layout in the project, with its own font, planc's and a system family (exit 0)" \
	sh -c "[ $? -eq 0 ] && [ ! -s '$in/err' ]"
printf 'fonts: { regular: ../../outside/Outside.ttf }\n' >"$p/shared/house.yaml"
(cd "$p" && "$planc_abs" check --root . 2019/plan.yaml) >/dev/null 2>"$in/err"
check "root: a font file outside the project is refused where the layout names it (exit 1)" \
	sh -c "[ $? -eq 1 ] && grep -q \"^2019/../shared/house.yaml:1:19: error: font file '../../outside/Outside.ttf' lies outside the project root.*\[include-escape\]\" '$in/err'"
cp "$p/shared/house.yaml" "$in/outside/house.yaml"
sed -i 's/^  layout: .*/  layout: ..\/..\/outside\/house.yaml/' "$p/2019/plan.yaml"
(cd "$p" && "$planc_abs" check --root . 2019/plan.yaml) >/dev/null 2>"$in/err"
check "root: a layout outside the project is refused at the plan's layout: (exit 1)" \
	sh -c "[ $? -eq 1 ] && grep -q \"^2019/plan.yaml:[0-9]*:[0-9]*: error: layout '../../outside/house.yaml' lies outside the project root.*\[include-escape\]\" '$in/err'"
(cd "$p" && "$planc_abs" check --root . --layout "$in/outside/house.yaml" 2018/plan.yaml) \
	>/dev/null 2>"$in/err"
check "root: --layout FILE on the command line is the user's choice, not confined" \
	sh -c "! grep -q 'include-escape' '$in/err'"
