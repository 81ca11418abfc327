#!/usr/bin/env bash
# Prepare the course environment: create or reuse .venv and install the course into it.
#
#   scripts/bootstrap.sh          the virtual environment (what `make lab` needs)
#   scripts/bootstrap.sh --test   also what the tests need: system packages (Chromium, CJK fonts, bubblewrap,
#                                 PostgreSQL and the system Python's venv for the cohort hub tests,
#                                 npm) and axe-core from npm into .test-tools/
#
# The install runs again only when pyproject.toml or INSTALL_FLAGS changed (their hash is kept in .venv/.course-stamp).
# Environment: PYTHON (default python3, must be >= 3.11).
set -euo pipefail

cd "$(dirname "$0")/.."
VENV=.venv
STAMP=$VENV/.course-stamp
PYTHON=${PYTHON:-python3}
# postgresql: the hub tests' throwaway gradebook server; python3-venv: the hub's environment is
# made from Debian's /usr/bin/python3 (`course hub setup`), which every account can run.
SYSTEM_PACKAGES=(chromium fonts-wqy-microhei fonts-noto-cjk bubblewrap postgresql python3-venv)
# axe-core, the accessibility engine the browser tests inject (tests/support/axe.py keeps the same range)
AXE="axe-core@~4.14"
TOOLS=.test-tools
# Compile every installed module to bytecode now: uv does not by default, and where
# PYTHONDONTWRITEBYTECODE is set (as on these machines) every Python process, every kernel
# included, would otherwise compile its imports from source at each start (a Python kernel
# then takes about 1.5 s to start instead of 0.7 s).
INSTALL_FLAGS="--compile-bytecode"

say() { printf '[bootstrap] %s\n' "$*"; }
die() { printf '[bootstrap] ERROR: %s\n' "$*" >&2; exit 1; }

APT_UPDATED=0
apt_install() {  # apt_install PACKAGE... (root only; `apt-get update` once per run)
    [ "$(id -u)" -eq 0 ] || die "missing system packages: $*
    Please ask an administrator to run:  sudo apt-get install -y $*"
    command -v apt-get >/dev/null || die "missing system packages: $* (and no apt-get here)"
    if [ "$APT_UPDATED" -eq 0 ]; then
        say "apt-get update"
        apt-get update -qq
        APT_UPDATED=1
    fi
    say "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

missing_debs() {  # print the given Debian packages that are not installed
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || echo "$pkg"
    done
}

ensure_python() {
    command -v "$PYTHON" >/dev/null || die "$PYTHON not found: install Python 3.11 or newer"
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || die "$("$PYTHON" -V 2>&1) is too old: the course needs Python 3.11 or newer (set PYTHON=...)"
    if ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
        apt_install python3-venv
    fi
}

ensure_venv() {
    if [ -x "$VENV/bin/python" ] && ! "$VENV/bin/python" -c 'import sys' 2>/dev/null; then
        say "$VENV is broken (its Python moved?): recreating it"
        rm -rf "$VENV"
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        ensure_python
        say "creating $VENV with $("$PYTHON" -V 2>&1)"
        "$PYTHON" -m venv "$VENV"
    fi
    local want
    want=$( (cat pyproject.toml; echo "$INSTALL_FLAGS") | sha256sum | cut -d' ' -f1)
    if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
        say "$VENV is up to date"
        return
    fi
    [ -x "$VENV/bin/uv" ] || "$VENV/bin/python" -m pip install -q uv
    say "installing the course and its test tools into $VENV (uv; the first time about half a minute, most of it compiling to bytecode)"
    # shellcheck disable=SC2086
    "$VENV/bin/uv" pip install -q --python "$VENV/bin/python" $INSTALL_FLAGS -e '.[test]'
    echo "$want" >"$STAMP"
}

ensure_system_packages() {
    command -v dpkg-query >/dev/null || {
        [ -x /usr/bin/chromium ] || die "no /usr/bin/chromium and no dpkg: install Chromium and CJK fonts by hand"
        return
    }
    local missing
    missing=$(missing_debs "${SYSTEM_PACKAGES[@]}")
    if [ -z "$missing" ]; then
        say "system packages present: ${SYSTEM_PACKAGES[*]}"
        return
    fi
    # shellcheck disable=SC2086  # one word per package
    apt_install $missing
    if grep -q fonts <<<"$missing"; then  # matplotlib's font list predates the new fonts
        rm -f "$("$VENV/bin/python" -c 'import matplotlib; print(matplotlib.get_cachedir())')"/fontlist-*.json
        say "cleared matplotlib's font cache"
    fi
}

ensure_test_tools() {
    if [ -f "$TOOLS/node_modules/axe-core/axe.min.js" ]; then
        say "$AXE present in $TOOLS"
        return
    fi
    command -v npm >/dev/null || apt_install npm
    say "npm install $AXE into $TOOLS"
    npm install --prefix "$TOOLS" --no-save --no-audit --no-fund "$AXE" >/dev/null
}

ensure_venv
if [ "${1:-}" = "--test" ]; then
    ensure_system_packages
    ensure_test_tools
fi
