#!/usr/bin/env bash
# Installs what the browser tests drive and read, from Debian (never a downloaded browser build):
# Chromium, poppler-utils to read the minutes the tests print to PDF, and exiftool to read what
# metadata a downloaded photo still carries.
set -euo pipefail
if [ -x /usr/bin/chromium ] && command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null && command -v exiftool >/dev/null; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing test tools: run 'sudo apt-get install -y chromium poppler-utils libimage-exiftool-perl' (Debian) and retry." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core poppler-utils libimage-exiftool-perl >/dev/null
/usr/bin/chromium --version
pdftotext -v 2>&1 | head -1
exiftool -ver
