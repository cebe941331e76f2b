#!/usr/bin/env bash
# Installs the Debian packages the project needs, if any are missing. Safe to run again.
#   base:    gettext (translations), Pango and Noto CJK fonts (PDF documents with Chinese text)
#   test:    PostgreSQL 15, Redis, Chromium (browser tests), wrk (bench)
set -euo pipefail
want=(gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk)
if [ "${1:-}" = "test" ] || [ "${1:-}" = "bench" ]; then
  want+=(postgresql redis-server chromium wrk poppler-utils)
fi
missing=()
for pkg in "${want[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
