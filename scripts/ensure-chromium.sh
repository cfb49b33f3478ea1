#!/bin/sh
# Runs before `npm test`: the browser tests (test/browser) drive Debian's Chromium. Installs it when it is missing
# and we are root with apt-get; otherwise says how to install it and stops before the tests run.
set -eu
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "pretest: Chromium is missing at $chromium; installing Debian's chromium package for the browser tests." >&2
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
  exit 0
fi
echo "pretest: the browser tests need Chromium at $chromium. Install it with" >&2
echo "  sudo apt-get update && sudo apt-get install -y chromium" >&2
echo "or set CHROMIUM_PATH to a Chromium or Chrome binary." >&2
exit 1
