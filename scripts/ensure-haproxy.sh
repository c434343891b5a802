#!/usr/bin/env bash
# Makes sure Debian's haproxy is installed (the load balancer in front of a fleet's edges, see
# docs/fleet.md); does nothing (quickly) when it already is.
set -euo pipefail

command -v haproxy >/dev/null 2>&1 && exit 0

fail() { echo "ensure-haproxy: $*" >&2; exit 1; }
command -v apt-get >/dev/null 2>&1 || fail "haproxy is missing and apt-get is not available to install Debian's haproxy"

SUDO=()
if [[ "$(id -u)" -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || fail "haproxy is missing; installing it needs root: sudo apt-get install -y haproxy"
  SUDO=(sudo -n)
fi

echo "ensure-haproxy: installing Debian's haproxy (apt-get)..." >&2
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y --no-install-recommends haproxy
command -v haproxy >/dev/null 2>&1 || fail "apt-get installed haproxy but it is still not on the PATH"
