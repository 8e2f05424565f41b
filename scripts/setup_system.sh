#!/usr/bin/env bash
# Install the few Debian packages the pipeline and its tests need outside PyPI, only when they
# are missing: WeasyPrint's Pango/HarfBuzz text stack and a font; poppler-utils (pdfinfo,
# pdfdetach: the tests check the PDF/A metadata and the attached manifest); chromium (the browser
# test drives Debian's build through playwright; nothing is downloaded at test time).
set -euo pipefail

need=()
libs=$(ldconfig -p)
fonts=$(fc-list 2>/dev/null || true)
have_lib() { grep -qF "$1" <<<"$libs"; }
have_lib 'libpango-1.0.so.0'     || need+=(libpango-1.0-0)
have_lib 'libpangoft2-1.0.so.0'  || need+=(libpangoft2-1.0-0)
have_lib 'libharfbuzz-subset.so.0' || need+=(libharfbuzz-subset0)
grep -qi 'DejaVu Sans' <<<"$fonts" || need+=(fonts-dejavu-core)
{ command -v pdfinfo && command -v pdfdetach && command -v pdftoppm; } >/dev/null || need+=(poppler-utils)
[ -x /usr/bin/chromium ] || need+=(chromium)

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
