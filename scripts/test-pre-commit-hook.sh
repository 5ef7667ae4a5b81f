#!/usr/bin/env bash
# Runs the eniplan-check hook of .pre-commit-hooks.yaml with pre-commit itself (from PyPI), as a user's
# repository would: a manifest with a blocking finding fails the hook, a clean one passes it. The hook's first run
# builds eniplan (pre-commit's swift language), which takes a few minutes.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v pre-commit >/dev/null 2>&1; then
    python3 -m pip install --quiet pre-commit
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
git init -q
git -c user.name=eniplan -c user.email=eniplan@example.invalid commit -q --allow-empty -m start

# A primary ENI asking to be retained in a region that cannot retain it: ENI001, an error.
cp "$here/Examples/unsupported-region-primary/current.yaml" state.yaml
echo "replicas: 3" > values.yaml
git add state.yaml values.yaml
if pre-commit try-repo "$here" eniplan-check --all-files > out.txt 2>&1; then
    cat out.txt
    echo "FAIL: the hook passed a manifest with a blocking finding" >&2
    exit 1
fi
grep -q "error\[ENI001\]" out.txt || { cat out.txt; echo "FAIL: the hook failed without ENI001" >&2; exit 1; }
grep -q "1 other file skipped" out.txt || { cat out.txt; echo "FAIL: the hook did not skip values.yaml" >&2; exit 1; }

# The same estate with nothing blocking passes.
cp "$here/Examples/retained-primary/current.yaml" state.yaml
git add state.yaml
pre-commit try-repo "$here" eniplan-check --all-files > out.txt 2>&1 || { cat out.txt; echo "FAIL: the hook failed a clean manifest" >&2; exit 1; }
echo "pre-commit hook: 2 passed, 0 failed"
