#!/usr/bin/env bash
# Install the few Debian libraries the pipeline needs outside PyPI (WeasyPrint's
# Pango/HarfBuzz text stack and a font), only when they are missing.
set -euo pipefail

need=()
libs=$(ldconfig -p)
fonts=$(fc-list 2>/dev/null || true)
have_lib() { grep -qF "$1" <<<"$libs"; }
have_lib 'libpango-1.0.so.0'     || need+=(libpango-1.0-0)
have_lib 'libpangoft2-1.0.so.0'  || need+=(libpangoft2-1.0-0)
have_lib 'libharfbuzz-subset.so.0' || need+=(libharfbuzz-subset0)
grep -qi 'DejaVu Sans' <<<"$fonts" || need+=(fonts-dejavu-core)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Missing system packages: ${need[*]}" >&2
  echo "Install them with your package manager (Debian/Ubuntu: sudo apt-get install ${need[*]}) and re-run." >&2
  exit 1
fi
echo "Installing system packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
