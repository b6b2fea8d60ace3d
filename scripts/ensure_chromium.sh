#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests if it is missing. Never downloads
# a browser build of its own (Playwright's `install` is not used).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "Chromium is missing: run 'sudo apt-get install chromium' (browser tests will be skipped)" >&2
  exit 0
fi
echo "Installing Debian's chromium for the browser tests…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
