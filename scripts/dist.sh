#!/usr/bin/env bash
# Builds, on Linux, what a shop PC downloads (into $CARGO_TARGET_DIR/dist when that is set):
#   target/dist/PosCare-<version>-windows-x64.zip   the portable copy: poscare.exe, poscare.com
#                                                    (the console launcher), portable.txt (keeps
#                                                    the data in data\ beside the program),
#                                                    README.txt (Chinese and English), the licences
#   target/dist/PosCare-<version>-setup.exe         the per-user installer (Debian's nsis)
# Needs the rustup target x86_64-pc-windows-gnu and Debian's gcc-mingw-w64-x86-64 (linker,
# windres, strip), nsis, zip and python3; .ci/windows.sh installs them on a fresh machine.
# The Wine-only ProcessPrng stand-in (.ci/wine-test-only/) is never packaged: checked below.
#
# Signing: with POSCARE_SIGN_PFX (a PKCS#12 certificate file) and POSCARE_SIGN_PASSWORD set,
# poscare.exe, poscare.com, the installer and its uninstaller are signed with Authenticode
# (Debian's osslsigncode, scripts/sign.sh; POSCARE_SIGN_TIMESTAMP_URL adds a timestamp).
# Without them the build is unsigned: see the README for what Windows then shows.
#
# Reproducible: the same sources give the same poscare.exe, byte for byte (no link or strip
# timestamp, no build path, file times from the last commit), so anyone can check a download
# against a build of their own. The zip and the installer carry the same files.
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-pc-windows-gnu
version=$(cargo metadata --no-deps --format-version 1 --locked |
    python3 -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "poscare"))')
target_dir=$(realpath -m "${CARGO_TARGET_DIR:-target}")
out=$target_dir/dist
built=$target_dir/$target/release
name=PosCare-$version-windows-x64
stage=$out/$name
setup=$out/PosCare-$version-setup.exe
# One fixed time for everything that records one: the last commit's.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 1767225600)}
export SOURCE_DATE_EPOCH
signing=
if [ -n "${POSCARE_SIGN_PFX:-}" ]; then
    [ -f "$POSCARE_SIGN_PFX" ] || { echo "dist: POSCARE_SIGN_PFX: no such file" >&2; exit 1; }
    signing=1
fi

echo "== dist: cargo build --release --target $target"
# No timestamp in the PE header (the linker writes the build time there unless told not to),
# and the source folders named the same wherever the tree is checked out.
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="-C link-arg=-Wl,--no-insert-timestamp --remap-path-prefix=$PWD=poscare --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}=cargo"
cargo build --release --locked --target "$target"

echo "== dist: staging $stage"
rm -rf "$stage" "$out/$name.zip" "$setup"
mkdir -p "$stage"
# Debug symbols out (about 49 MB → about 20 MB); the icon and version resources stay. Debian's
# strip keeps the PE header's (zero) timestamp when SOURCE_DATE_EPOCH is set.
x86_64-w64-mingw32-strip -o "$stage/poscare.exe" "$built/poscare.exe"
# The console launcher, under the name cmd and PowerShell pick before poscare.exe.
x86_64-w64-mingw32-strip -o "$stage/poscare.com" "$built/poscare-console.exe"
crlf() { sed 's/\r$//; s/$/\r/'; } # Notepad on older Windows 10 wants CRLF
sed "s/{VERSION}/$version/g" packaging/windows/README.txt | crlf >"$stage/README.txt"
crlf <packaging/windows/portable.txt >"$stage/portable.txt"
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
if [ -n "$signing" ]; then
    echo "== dist: signing the programs"
    scripts/sign.sh "$stage/poscare.exe"
    scripts/sign.sh "$stage/poscare.com"
fi
touch -d "@$SOURCE_DATE_EPOCH" "$stage" "$stage"/*

echo "== dist: zip"
# Entries in a fixed order, with the fixed times above and no extra attributes.
(cd "$out" && find "$name" -print | LC_ALL=C sort | zip -q -X -D "$name.zip" -@)

echo "== dist: installer (makensis)"
# makensis runs from the script's folder: absolute paths. The installer's own files are
# packaging/windows/poscare.nsi and wizard.bmp (drawn by draw-wizard.sh); portable.txt is the
# zip's only.
sign_args=()
[ -n "$signing" ] && sign_args=(-DSIGN="$PWD/scripts/sign.sh")
makensis -V2 -DVERSION="$version" -DSTAGE="$stage" -DICON="$PWD/assets/icon/poscare.ico" \
    -DOUTFILE="$setup" "${sign_args[@]}" packaging/windows/poscare.nsi

size() { echo "$(($(stat -c %s "$1") / 1024)) KiB  $1"; }
echo "== dist: done"
size "$stage/poscare.exe"
size "$out/$name.zip"
size "$setup"
sha256sum "$stage/poscare.exe" "$stage/poscare.com"
