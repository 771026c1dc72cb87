#!/usr/bin/env bash
# Fonts for the report exports (PDF through WeasyPrint, chart images through matplotlib).
#
# Arabic is drawn with DejaVu Sans (fonts-dejavu-core), Chinese with WenQuanYi Zen Hei
# (fonts-wqy-zenhei): without a font holding their glyphs the PDF would show empty boxes.
# Safe to run again: each package is skipped when fontconfig already knows its font.
set -euo pipefail

# Read the list once: `fc-list | grep -q` would fail under pipefail when grep stops reading early.
families="$(fc-list : family 2>/dev/null || true)"
missing=()
grep -qi "DejaVu Sans" <<<"$families" || missing+=(fonts-dejavu-core)
grep -qiE "WenQuanYi Zen Hei|Noto Sans CJK" <<<"$families" || missing+=(fonts-wqy-zenhei)
# WeasyPrint subsets the fonts it embeds with HarfBuzz when it can: the same report then gives the
# same PDF bytes (its fallback, fontTools, does not always; reporting/tests/test_exports.py checks).
ldconfig -p 2>/dev/null | grep -q "libharfbuzz-subset.so" || missing+=(libharfbuzz-subset0)

if [ "${#missing[@]}" -eq 0 ]; then
    echo "report fonts: already present (DejaVu Sans, a CJK font, HarfBuzz's subsetter)"
    exit 0
fi

if [ "$(id -u)" = "0" ]; then
    echo "report fonts: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fc-cache -f >/dev/null 2>&1 || true
else
    echo "report fonts: missing ${missing[*]} and not root; run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
