#!/usr/bin/env bash
# Draws the installer's wizard picture (the left side of its first and last pages) with
# ImageMagick and writes wizard.bmp: 164×314, 24-bit, the size and format NSIS's Modern UI
# wants. The app icon (assets/icon/poscare.png) over the icon's own blues, and the app's one
# name in the bundled font (assets/fonts), so the picture is the same on every machine.
# The drawing below is the picture's source; run this script again after changing it (or the
# icon) and commit wizard.bmp with it.
set -euo pipefail
cd "$(dirname "$0")"
font=../../assets/fonts/PosCareSansSC-Regular.otf
icon=../../assets/icon/poscare.png

# Drawn at twice the size and scaled down, for smooth edges.
convert -size 328x628 gradient:'#2F5A94'-'#1F3B63' \
    \( "$icon" -filter Lanczos -resize 184x184 \) -geometry +72+104 -composite \
    -font "$font" -fill '#FFFFFF' -gravity north \
    -pointsize 44 -annotate +0+332 'POS Care' \
    -pointsize 50 -annotate +0+396 '维护助手' \
    -fill '#9DB7DA' -pointsize 22 -annotate +0+486 '刷卡终端 · 日常维护 · 记录' \
    -fill '#9DB7DA' -draw 'rectangle 124,562 204,566' \
    -filter Lanczos -resize 164x314 -alpha off -strip -type TrueColor BMP3:wizard.bmp
