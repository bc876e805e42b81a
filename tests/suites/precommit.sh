# tests/suites/precommit.sh - .pre-commit-hooks.yaml: planc's hooks for the
# pre-commit framework, tried as a plan repository would use them
# (`pre-commit try-repo` on this tree in a repository of its own, and a
# .pre-commit-config.yaml naming plans) when pre-commit is installed; the
# Makefile does not install it (Debian's package: pre-commit). Sourced by
# tests/run.

pc=$tmp/suite-precommit
rm -rf "$pc" && mkdir -p "$pc/bin"
planc_abs=$(cd "$(dirname "$PLANC")" && pwd)/$(basename "$PLANC")
tree=$(pwd)
ln -s "$planc_abs" "$pc/bin/planc"

check "pre-commit: .pre-commit-hooks.yaml declares planc-check and planc-check-plans" \
	/usr/bin/python3 - .pre-commit-hooks.yaml <<'PY'
import re, sys, yaml
hooks = yaml.safe_load(open(sys.argv[1]))
ids = {h["id"]: h for h in hooks}
assert set(ids) == {"planc-check", "planc-check-plans"}, ids.keys()
for h in hooks:
    assert h["entry"] == "planc check" and h["language"] == "system", h
    assert h["name"] and h["description"]
files = re.compile(ids["planc-check"]["files"])
assert files.search("plan.yaml") and files.search("2019/plan.yaml")
assert files.search("plan-2019.yml") and not files.search("shared/organisation.yaml")
assert ids["planc-check-plans"]["pass_filenames"] is False
PY

if command -v pre-commit >/dev/null 2>&1 && command -v git >/dev/null 2>&1; then
	export PRE_COMMIT_HOME="$pc/cache"
	repo=$pc/plans
	"$PLANC" new "$repo" >/dev/null 2>&1
	(
		cd "$repo" || exit 2
		git init -q . && git add -A &&
		git -c user.name=t -c user.email=t@example.invalid commit -qm plans
	) >/dev/null 2>&1
	(cd "$repo" && PATH="$pc/bin:$PATH" pre-commit try-repo "$tree" planc-check --all-files) \
		>"$pc/out" 2>&1
	check "pre-commit: try-repo planc-check passes on a clean plan" \
		sh -c "[ $? -eq 0 ] && grep -q 'planc check.*Passed' '$pc/out'"
	sed -i 's/period: voorjaar-2026/period: voorjar-2026/' "$repo/plan.yaml"
	(cd "$repo" && PATH="$pc/bin:$PATH" pre-commit try-repo "$tree" planc-check --all-files) \
		>"$pc/out" 2>&1
	check "pre-commit: try-repo planc-check fails on a plan with an error, with planc's diagnostic" \
		sh -c "[ $? -eq 1 ] && grep -q 'planc check.*Failed' '$pc/out' &&
		grep -q \"plan.yaml:[0-9]*:[0-9]*: error: unknown period 'voorjar-2026' \[unknown-ref\]\" '$pc/out'"
	# planc-check-plans, as a project sharing files between years uses it:
	# a change to the shared file rechecks the plans named in args.
	if git diff --quiet HEAD -- .pre-commit-hooks.yaml 2>/dev/null; then
		sed -i 's/period: voorjar-2026/period: voorjaar-2026/' "$repo/plan.yaml"
		cat >"$repo/.pre-commit-config.yaml" <<-YAML
		repos:
		  - repo: $tree
		    rev: $(git rev-parse HEAD)
		    hooks:
		      - id: planc-check-plans
		        args: [--root, ., plan.yaml]
		YAML
		sed -i 's/^people:/pepole:/' "$repo/organisatie.yaml"
		(cd "$repo" && git add -A && PATH="$pc/bin:$PATH" pre-commit run) >"$pc/out" 2>&1
		check "pre-commit: planc-check-plans rechecks the named plan when its include changes" \
			sh -c "[ $? -eq 1 ] && grep -q \"organisatie.yaml:[0-9]*:[0-9]*: error: unknown key 'pepole'\" '$pc/out'"
	else
		echo "pre-commit: .pre-commit-hooks.yaml has uncommitted changes; planc-check-plans is tried once it is committed"
	fi
	unset PRE_COMMIT_HOME
else
	echo "pre-commit: pre-commit (Debian package pre-commit) is not installed; the hooks are not tried"
fi

# ---- the GitHub Actions workflow in README.md ----
# Its YAML parses, its SARIF step writes the file its upload step sends,
# and its planc commands, run in a project of two years sharing a file,
# give annotations and a valid SARIF log (exit 0 when clean, 1 with an error).
sed -n '/^# .github\/workflows\/plans.yml$/,/^```$/p' README.md | sed '$d' >"$pc/workflow.yml"
/usr/bin/python3 - "$pc/workflow.yml" "$pc/steps" <<'PY' >"$pc/why" 2>&1
import sys, yaml
wf = yaml.safe_load(open(sys.argv[1]))
steps = wf["jobs"]["check"]["steps"]
runs = [s["run"] for s in steps if "run" in s and s["run"].startswith("planc ")]
up = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
assert len(runs) == 2 and len(up) == 1, (runs, up)
assert "--format=github" in runs[0] and "--format=sarif" in runs[1]
assert runs[1].split("> ")[1].split()[0] == up[0]["with"]["sarif_file"]
assert wf["permissions"]["security-events"] == "write"
open(sys.argv[2], "w").write("\n".join(runs) + "\n")
PY
check "workflow: README's GitHub Actions workflow parses, and uploads the SARIF it writes" \
	sh -c "[ $? -eq 0 ] || { cat '$pc/why'; exit 1; }"
if [ -s "$pc/steps" ]; then
	wp=$pc/project
	mkdir -p "$wp/shared"
	"$PLANC" new "$wp/start" >/dev/null 2>&1
	mv "$wp/start/organisatie.yaml" "$wp/shared/organisation.yaml"
	for y in 2018 2019; do
		mkdir -p "$wp/$y"
		sed "s/2026/$y/g; s#\[organisatie.yaml\]#[../shared/organisation.yaml]#" \
			"$wp/start/plan.yaml" >"$wp/$y/plan.yaml"
	done
	rm -rf "$wp/start"
	(cd "$wp" && PATH="$pc/bin:$PATH" sh -e "$pc/steps") >"$pc/out" 2>&1
	check "workflow: its planc steps pass on a clean project, the SARIF valid" \
		sh -c "[ $? -eq 0 ] && [ ! -s '$pc/out' ] && /usr/bin/python3 tests/tools/sarifcheck.py '$wp/planc.sarif'"
	sed -i 's/period: voorjaar-2019/period: voorjar-2019/' "$wp/2019/plan.yaml"
	(cd "$wp" && PATH="$pc/bin:$PATH" sh -c "$(head -1 "$pc/steps")") >"$pc/out" 2>&1
	check "workflow: an error fails the annotation step with a ::error annotation" \
		sh -c "[ $? -eq 1 ] && grep -q '^::error file=2019/plan.yaml,line=[0-9]*,col=13,.*title=unknown-ref::' '$pc/out'"
fi
