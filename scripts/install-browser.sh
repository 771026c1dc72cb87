#!/usr/bin/env bash
# Browser tests: Debian's Chromium plus the Playwright package, nothing downloaded by Playwright.
#
# Playwright's own browser download (`playwright install`) does not work on our networks, so the
# tests drive /usr/bin/chromium through executable_path. Safe to run again: each step is skipped
# when it is already done.
set -euo pipefail

cd "$(dirname "$0")/.."
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
VENV="${VENV:-.venv}"

if [ -x "$CHROMIUM" ]; then
    echo "chromium: already at $CHROMIUM"
elif [ "$(id -u)" = "0" ]; then
    echo "chromium: installing Debian's package"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
else
    echo "chromium: missing at $CHROMIUM and not root; run: sudo apt-get install -y chromium" >&2
    exit 1
fi

"$VENV/bin/pip" install --quiet -r requirements-browser.txt
echo "playwright: $("$VENV/bin/python" -c 'from importlib.metadata import version; print(version("playwright"))')"
"$CHROMIUM" --version
