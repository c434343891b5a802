#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the dashboard's browser tests; does nothing
# (quickly) when it already is. The tests drive this browser with playwright-core and never
# download one of their own.
#   CHROMIUM_PATH   the browser to check (default /usr/bin/chromium)
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ -x "$CHROMIUM" ]]; then
  exit 0
fi

fail() { echo "ensure-chromium: $*" >&2; exit 1; }

if [[ "$CHROMIUM" != /usr/bin/chromium ]]; then
  fail "CHROMIUM_PATH=$CHROMIUM: no executable there"
fi
command -v apt-get >/dev/null 2>&1 || fail "$CHROMIUM is missing and apt-get is not available to install Debian's chromium"

SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || fail "$CHROMIUM is missing; installing it needs root: sudo apt-get install -y chromium"
  SUDO=(sudo -n)
fi

echo "ensure-chromium: installing Debian's chromium (apt-get)..." >&2
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y chromium
[[ -x "$CHROMIUM" ]] || fail "apt-get installed chromium but $CHROMIUM is still missing"
