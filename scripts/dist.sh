#!/usr/bin/env bash
# Builds, on Linux, what a shop PC downloads:
#   target/dist/PosCare-<version>-windows-x64.zip   the portable copy: poscare.exe, README.txt
#                                                    (Chinese and English), the licences
#   target/dist/PosCare-<version>-setup.exe         the per-user installer (Debian's nsis)
# Needs the rustup target x86_64-pc-windows-gnu and Debian's gcc-mingw-w64-x86-64 (linker,
# windres, strip), nsis, zip and python3; .ci/windows.sh installs them on a fresh machine.
# The Wine-only ProcessPrng stand-in (.ci/wine-test-only/) is never packaged: checked below.
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-pc-windows-gnu
version=$(cargo metadata --no-deps --format-version 1 --locked |
    python3 -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "poscare"))')
out=target/dist
name=PosCare-$version-windows-x64
stage=$out/$name
setup=$out/PosCare-$version-setup.exe

echo "== dist: cargo build --release --target $target"
cargo build --release --locked --target "$target"

echo "== dist: staging $stage"
rm -rf "$stage" "$out/$name.zip" "$setup"
mkdir -p "$stage"
# Debug symbols out (about 49 MB → a third of that); the icon and version resources stay.
x86_64-w64-mingw32-strip -o "$stage/poscare.exe" "target/$target/release/poscare.exe"
crlf() { sed 's/\r$//; s/$/\r/'; } # Notepad on older Windows 10 wants CRLF
sed "s/{VERSION}/$version/g" packaging/windows/README.txt | crlf >"$stage/README.txt"
crlf <LICENSE >"$stage/LICENSE.txt"
crlf <assets/fonts/OFL.txt >"$stage/OFL.txt"
python3 scripts/third_party_licenses.py "$target" "$stage/THIRD-PARTY-LICENSES.txt"

if find "$stage" -iname '*bcryptprimitives*' -o -iname '*processprng*' | grep -q .; then
    echo "dist: the Wine-only test DLL must never ship" >&2
    exit 1
fi
if [ "$(find "$stage" -name '*.dll' | wc -l)" -ne 0 ]; then
    echo "dist: poscare.exe is meant to need no DLL of its own; found one in $stage" >&2
    exit 1
fi

echo "== dist: zip"
(cd "$out" && zip -q -r -X "$name.zip" "$name")

echo "== dist: installer (makensis)"
# makensis runs from the script's folder: absolute paths.
makensis -V2 -DVERSION="$version" -DSTAGE="$PWD/$stage" -DICON="$PWD/assets/icon/poscare.ico" \
    -DOUTFILE="$PWD/$setup" packaging/windows/poscare.nsi

size() { echo "$(($(stat -c %s "$1") / 1024)) KiB  $1"; }
echo "== dist: done"
size "$stage/poscare.exe"
size "$out/$name.zip"
size "$setup"
