#!/usr/bin/env bash
# Draws the POS Care icon (a card terminal with a green check mark) with ImageMagick and writes
# poscare.png (256×256, the window icon) and poscare.ico (16–256 px, the .exe and installer icon).
# The drawing below is the icon's source; run this script again after changing it.
set -euo pipefail
cd "$(dirname "$0")"
big=$(mktemp --suffix=.png)
trap 'rm -f "$big"' EXIT

# A 1024×1024 drawing, scaled down for every size.
convert -size 1024x1024 xc:none \
    -fill '#1F3B63' -draw 'roundrectangle 212,60 740,972 96,96' \
    -fill '#2F5A94' -draw 'roundrectangle 236,84 716,948 80,80' \
    -fill '#EAF3FC' -draw 'roundrectangle 300,150 652,430 36,36' \
    -fill '#9DB7DA' -draw 'roundrectangle 344,214 560,246 14,14' \
    -fill '#9DB7DA' -draw 'roundrectangle 344,300 500,332 14,14' \
    -fill '#C9DAF0' \
    -draw 'roundrectangle 300,500 400,572 22,22' -draw 'roundrectangle 426,500 526,572 22,22' -draw 'roundrectangle 552,500 652,572 22,22' \
    -draw 'roundrectangle 300,602 400,674 22,22' -draw 'roundrectangle 426,602 526,674 22,22' -draw 'roundrectangle 552,602 652,674 22,22' \
    -draw 'roundrectangle 300,704 400,776 22,22' -draw 'roundrectangle 426,704 526,776 22,22' \
    -fill '#FFFFFF' -draw 'circle 738,756 738,1004' \
    -fill '#23A05A' -draw 'circle 738,756 738,972' \
    -fill none -stroke '#FFFFFF' -strokewidth 64 \
    -draw 'stroke-linecap round stroke-linejoin round polyline 638,762 712,838 850,680' \
    "$big"

convert "$big" -filter Lanczos -resize 256x256 -strip PNG32:poscare.png
convert "$big" -filter Lanczos \
    \( -clone 0 -resize 16x16 \) \( -clone 0 -resize 24x24 \) \( -clone 0 -resize 32x32 \) \
    \( -clone 0 -resize 48x48 \) \( -clone 0 -resize 64x64 \) \( -clone 0 -resize 128x128 \) \
    \( -clone 0 -resize 256x256 \) -delete 0 -strip -depth 8 poscare.ico
