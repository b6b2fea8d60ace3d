#!/usr/bin/env bash
# Install Debian's Chromium and the fonts the browser checks measure with, if
# missing. Never downloads a browser build of its own (Playwright's `install` is
# not used). The fonts are named explicitly: Chromium only recommends them, and
# a machine installed with --no-install-recommends would otherwise lay pages out
# in whatever fallback font it happens to have. The board pack (WeasyPrint)
# needs Pango, and its tests read the PDF with poppler-utils (pdftotext).
set -euo pipefail
packages=(chromium fonts-liberation fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0
  libharfbuzz-subset0 poppler-utils)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ]; then
  echo "Missing for the browser and board pack tests: ${missing[*]}; run 'sudo apt-get install ${missing[*]}'" >&2
  exit 0
fi
echo "Installing for the browser and board pack tests: ${missing[*]}…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
