#!/usr/bin/env bash
# Runs the `run:` steps of action.yml in order, as the GitHub runner would (the `uses:` steps, the cache and the
# SARIF upload, are GitHub's own and are skipped): inputs and `github.action_path` filled in, GITHUB_ENV,
# GITHUB_OUTPUT and GITHUB_STEP_SUMMARY as files. A folder with a blocking finding must fail the Gate step with
# eniplan's exit code 3 and leave a SARIF report and a job summary; a clean one must pass.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"

run_action() { # folder, then the expected exit status of the action
    local folder="$1" expected="$2" work
    work="$(mktemp -d)"
    ( cd "$folder" && python3 - "$here" "$work" <<'PY'
import os, re, subprocess, sys, yaml
here, work = sys.argv[1], sys.argv[2]
action = yaml.safe_load(open(os.path.join(here, "action.yml")))
inputs = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
files = {name: os.path.join(work, name) for name in ("env", "output", "summary")}
for path in files.values(): open(path, "w").close()
environment = dict(os.environ, GITHUB_ENV=files["env"], GITHUB_OUTPUT=files["output"],
                   GITHUB_STEP_SUMMARY=files["summary"], RUNNER_TEMP=work)
def fill(text):
    text = text.replace("${{ github.action_path }}", here)
    return re.sub(r"\$\{\{ inputs\.([a-z-]+) \}\}", lambda m: inputs[m.group(1)], text)
status = 0
for step in action["runs"]["steps"]:
    if "run" not in step: continue
    env = dict(environment, **{key: fill(str(value)) for key, value in step.get("env", {}).items()})
    done = subprocess.run(["bash", "-e", "-c", step["run"]], env=env)
    for line in open(files["env"]):
        key, _, value = line.rstrip("\n").partition("=")
        if key: environment[key] = value
    if done.returncode != 0:
        status = done.returncode
        break
sys.exit(status)
PY
    ) && status=0 || status=$?
    if [ "$status" != "$expected" ]; then echo "FAIL: the action exited $status on $folder, not $expected" >&2; exit 1; fi
    if [ "$expected" != 0 ]; then
        [ -s "$folder/eniplan.sarif" ] || { echo "FAIL: no SARIF report in $folder" >&2; exit 1; }
        grep -q "eniplan release preview" "$work/summary" || { echo "FAIL: no job summary" >&2; exit 1; }
    fi
    rm -rf "$work"
}

blocking="$(mktemp -d)"; clean="$(mktemp -d)"
trap 'rm -rf "$blocking" "$clean"' EXIT
cp "$here/Examples/unsupported-region-primary/current.yaml" "$blocking/state.yaml"
cp "$here/Examples/retained-primary/current.yaml" "$clean/state.yaml"
run_action "$blocking" 3
run_action "$clean" 0
echo "action: 2 passed, 0 failed"
