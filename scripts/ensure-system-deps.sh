#!/usr/bin/env bash
# Installs the system packages that PDF export and the browser tests need, when they are missing:
#   chromium        headless browser that prints the official layout to PDF (driven by playwright-core)
#   fonts-noto-cjk  a CJK font, without which Chinese prints as empty boxes (the app's UI font)
#   fonts-arphic-uming, fonts-wqy-microhei
#                   TrueType CJK faces (宋体 and 黑体 looks) for the printed form: chromium embeds TrueType
#                   outlines as font subsets, CFF ones such as Noto CJK only as Type 3 glyph drawings
#                   (PDFs 3–5× larger)
#   poppler-utils   pdftoppm/pdftotext, used to look at exported PDFs
# Idempotent and fast when everything is there; a no-op with a message when not root.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
if ! command -v fc-list >/dev/null 2>&1 || ! fc-list ':lang=zh' family 2>/dev/null | grep -qi 'noto.*cjk'; then
  need+=(fonts-noto-cjk)
fi
# Read whole first: grep -q stops early, and under pipefail fc-list's broken pipe would count as missing.
families=$(fc-list : family 2>/dev/null || true)
grep -q 'AR PL UMing CN' <<<"$families" || need+=(fonts-arphic-uming)
grep -q 'WenQuanYi Micro Hei' <<<"$families" || need+=(fonts-wqy-microhei)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)

if [ ${#need[@]} -eq 0 ]; then
  echo "ensure-system-deps: chromium, CJK fonts and poppler-utils already installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-system-deps: missing ${need[*]}; not root, so not installing." >&2
  echo "  Install them with: sudo apt-get install -y ${need[*]}" >&2
  exit 0
fi

echo "ensure-system-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fc-cache -f >/dev/null 2>&1 || true
echo "ensure-system-deps: done"
