#!/usr/bin/env bash
# Run every check of the project and print a summary: ruff lint, ruff format, pytest.
# All steps run even if one fails; the exit code is non-zero if any failed
# (pytest's code 5, "no tests collected", counts as a failure too).
# Extra arguments go to pytest, e.g. `scripts/check.sh -k doctor`.
set -uo pipefail

cd "$(dirname "$0")/.."
BIN=.venv/bin
mkdir -p test-artifacts

names=()
codes=()
seconds=()
step() {  # step NAME COMMAND...
    local name=$1 start code
    shift
    printf '\n===== %s: %s\n' "$name" "$*"
    start=$(date +%s)
    "$@"
    code=$?
    names+=("$name")
    codes+=("$code")
    seconds+=("$(($(date +%s) - start))")
}

step "ruff check" "$BIN/ruff" check .
step "ruff format" "$BIN/ruff" format --check .
step "pytest" "$BIN/pytest" --junitxml=test-artifacts/junit.xml "$@"

printf '\n===== summary\n'
failed=0
for i in "${!names[@]}"; do
    if [ "${codes[$i]}" -eq 0 ]; then
        verdict=passed
    else
        verdict="FAILED (exit ${codes[$i]})"
        failed=1
    fi
    printf '  %-12s %-20s %4ss\n' "${names[$i]}" "$verdict" "${seconds[$i]}"
done
if [ "$failed" -ne 0 ]; then
    echo "Some checks FAILED (see above). Failed browser tests leave screenshots and server logs in test-artifacts/."
fi
exit "$failed"
