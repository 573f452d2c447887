#!/usr/bin/env bash
# CI's Windows leg, called by .ci/run: on a fresh Debian machine, cross-builds POS Care for
# x86_64-pc-windows-gnu and runs it under Debian's Wine 8:
#   1. set-up     rustup target, mingw, wine, nsis; a throwaway Wine prefix; the test-only
#                 ProcessPrng stand-in DLL (Wine 8 lacks it; see .ci/wine-test-only/)
#   2. build      the test executables (cold: every crate for Windows)
#   3. tests      every unit and integration test under Wine, with Wine as cargo's runner: the
#                 store (open, lock, checks, move-aside, backups, restore, thinning), the file
#                 writer and its faults, exports, call sheets and printed plans, the CLI against
#                 the real poscare.exe, knowledge, planner, history, and the UI flows that back up,
#                 restore and export through the window
#   4. dist       scripts/dist.sh: release build, portable zip, installer
#   5. smoke      the installer installed silently; the installed exe's --version and lookup 51;
#                 the window's first frame under Xvfb (within two starts, no environment
#                 variable); a second start bringing the window to the front; check, backup --to,
#                 restore into a second folder (a Chinese name with spaces), export; uninstalled
#                 silently; the data folder still there, byte for byte
# Prints the time of each part at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-pc-windows-gnu
started=$SECONDS
times=()
part_started=$SECONDS
part() { # part NAME: closes the running part, names the next
    if [ -n "${part_name:-}" ]; then
        times+=("$(printf '%-10s %4d s' "$part_name" $((SECONDS - part_started)))")
    fi
    part_name=$1
    part_started=$SECONDS
    [ -n "$1" ] && echo "== windows: $1"
    return 0
}
fail() {
    echo "windows leg FAILED: $*" >&2
    exit 1
}

# ---------------------------------------------------------------------------------------------
part set-up
packages=(gcc-mingw-w64-x86-64 wine wine64 nsis zip python3 xvfb xauth)
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
rustup target list --installed | grep -qx "$target" || rustup target add "$target"

scratch=$(mktemp -d)
export WINEPREFIX=$scratch/wine WINEDEBUG=-all WINEARCH=win64
# No Mono or Gecko download prompts in a prefix that runs no .NET or HTML, and no menu entries or
# icons written into the CI machine's own desktop (winemenubuilder).
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
xvfb_pid=
cleanup() {
    wineserver -k 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT
wineboot -i >/dev/null 2>&1
wineserver -w
# Wine links the Windows user's Desktop, Documents, … to the Unix home folder: make them folders
# of the throwaway prefix, so the installer's desktop shortcut lands there, not in $HOME.
for link in "$WINEPREFIX/drive_c/users/$(whoami)"/*; do
    if [ -L "$link" ]; then rm "$link" && mkdir "$link"; fi
done
# A program that aborts (wgpu inside Wine's DX12 layer) must end, not wait in a crash dialog.
wine reg add 'HKCU\Software\Wine\WineDbg' /v ShowCrashDialog /t REG_DWORD /d 0 /f >/dev/null 2>&1
# TEST-ONLY: Rust's std needs ProcessPrng (bcryptprimitives.dll), which Wine 8 lacks. Into the
# throwaway prefix's system32 only, so that no build output folder ever holds it.
x86_64-w64-mingw32-gcc -O2 -s -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
    .ci/wine-test-only/processprng.c .ci/wine-test-only/bcryptprimitives.def -ladvapi32
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine
# Line tables are enough for a failing test's backtrace; full debug info triples link time.
export CARGO_PROFILE_DEV_DEBUG=line-tables-only

# ---------------------------------------------------------------------------------------------
part build
cargo test --locked --target "$target" --lib --bins --tests --no-run

# ---------------------------------------------------------------------------------------------
part tests
# Every test, none skipped: the store, the file writer and its faults, the CLI against the real
# poscare.exe, and the window's flows, all with Windows file semantics.
cargo test --locked --no-fail-fast --target "$target" --lib --bins --tests

# ---------------------------------------------------------------------------------------------
part dist
rm -rf target/dist
scripts/dist.sh
setup=$(echo target/dist/PosCare-*-setup.exe)
version=${setup#target/dist/PosCare-}
version=${version%-setup.exe}

# ---------------------------------------------------------------------------------------------
part smoke
users=$WINEPREFIX/drive_c/users/$(whoami)
localappdata=$users/AppData/Local
installed=$localappdata/Programs/PosCare
data=$localappdata/PosCare/data
shortcut="POS Care 商户POS维护助手.lnk"

echo "-- the installer, silently"
wine "$setup" /S
wineserver -w
[ -f "$installed/poscare.exe" ] || fail "not installed in $installed"
[ -f "$installed/uninstall.exe" ] || fail "no uninstaller"
find "$users" -name "$shortcut" | grep -q "Start Menu" || fail "no Start-menu shortcut"
find "$users" -name "$shortcut" | grep -q "Desktop" || fail "no desktop shortcut"
wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Run' /v PosCare | grep -q poscare.exe ||
    fail "not set to open when Windows starts"
[ ! -e "$installed/bcryptprimitives.dll" ] || fail "the test-only DLL was installed"
exe=$installed/poscare.exe

echo "-- the installed exe: --version, lookup 51"
wine "$exe" --version | tee "$scratch/version.txt"
grep -q "^poscare $version" "$scratch/version.txt" || fail "--version"
wine "$exe" lookup --lang en 51 | tee "$scratch/lookup.txt"
grep -q "RC-51" "$scratch/lookup.txt" || fail "lookup 51"
[ ! -e "$data" ] || fail "lookup created the data folder"

echo "-- the window under Xvfb: its first frame within two starts"
display=
for n in $(seq 140 199); do
    if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then display=:$n; break; fi
done
[ -n "$display" ] || fail "no free X display"
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=$display
sleep 2
drew=
for start in 1 2; do
    set +e
    timeout 120 wine "$exe" --exit-after-first-frame >"$scratch/window-$start.log" 2>&1
    status=$?
    set -e
    echo "start $start: exit $status"
    cat "$scratch/window-$start.log"
    if grep -q "^first frame: [0-9]* ms" "$scratch/window-$start.log"; then
        drew=$start
        break
    fi
done
[ -n "$drew" ] || fail "the window did not reach its first frame in two starts"
echo "first frame at start $drew; renderer.json:"
cat "$data/renderer.json"
grep -q '"starting": null' "$data/renderer.json" || fail "the first frame was not noted"

echo "-- a second start brings the running window to the front and exits 0"
wine "$exe" >"$scratch/first.log" 2>&1 &
first=$!
for _ in $(seq 1 120); do
    grep -q "^poscare-window" "$data/window.port" 2>/dev/null && break
    sleep 0.5
done
grep -q "^poscare-window" "$data/window.port" || fail "the running window wrote no port file"
sleep 3 # the first frame
timeout 60 wine "$exe" 2>&1 | tee "$scratch/second.log"
grep -q "brought to the front" "$scratch/second.log" || fail "the second start did not reach the first"
sleep 1
grep -q "bringing it to the front" "$scratch/first.log" || fail "the first window was not asked to show"
echo "-- a command on the busy folder keeps its message"
set +e
wine "$exe" check >"$scratch/busy.log" 2>&1
set -e
cat "$scratch/busy.log"
echo "-- closing the window as a person would: it keeps its size and place, and its port file goes"
wine taskkill /im poscare.exe
timeout 60 tail --pid="$first" -f /dev/null || fail "the window did not close"
wineserver -w
grep -q "maximized:" "$data/window.ron" || fail "the window's size and place were not kept"
[ ! -e "$data/window.port" ] || fail "the closed window left its port file"

echo "-- check, backup --to, restore into a second folder, export"
wine "$exe" check | tee "$scratch/check.txt"
grep -q "^OK" "$scratch/check.txt" || fail "check"
usb='C:\users\Public\U 盘'
wine "$exe" backup --to "$usb" | tee "$scratch/backup.txt"
backup=$(tr -d '\r' <"$scratch/backup.txt" | tail -1)
second='C:\users\Public\张三 的店\数据'
wine "$exe" --data-dir "$second" restore "$backup" | tee "$scratch/restore.txt"
grep -q "^restored from" "$scratch/restore.txt" || fail "restore into a second folder"
wine "$exe" --data-dir "$second" check | grep -q "^OK" || fail "check of the restored copy"
wine "$exe" export 'C:\users\Public\history.csv'
head -c 3 "$WINEPREFIX/drive_c/users/Public/history.csv" | od -An -tx1 | grep -q "ef bb bf" ||
    fail "export: no CSV with BOM"
wine "$exe" export --html 'C:\users\Public\report.html'
grep -q "<html" "$WINEPREFIX/drive_c/users/Public/report.html" || fail "export --html"

echo "-- uninstall, silently; the data stays"
(cd "$data" && find . -type f -exec sha256sum {} + | sort -k2) >"$scratch/data-before.txt"
wine "$installed/uninstall.exe" /S
wineserver -w
for _ in $(seq 1 60); do [ -e "$installed/poscare.exe" ] || break; sleep 0.5; done
[ ! -e "$installed/poscare.exe" ] || fail "the uninstaller left the program"
! find "$users" -name "$shortcut" | grep -q . || fail "the uninstaller left a shortcut"
! wine reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Run' /v PosCare >/dev/null 2>&1 ||
    fail "the uninstaller left the start-with-Windows entry"
(cd "$data" && find . -type f -exec sha256sum {} + | sort -k2) >"$scratch/data-after.txt"
diff "$scratch/data-before.txt" "$scratch/data-after.txt" || fail "the data folder changed on uninstall"
grep -q "poscare.db" "$scratch/data-after.txt" || fail "the database is gone"
echo "data folder intact: $(wc -l <"$scratch/data-after.txt") files"

# ---------------------------------------------------------------------------------------------
part ""
echo "== windows leg passed; times:"
printf '   %s\n' "${times[@]}"
printf '   %-10s %4d s\n' total $((SECONDS - started))
du -k "$setup" "target/dist/PosCare-$version-windows-x64.zip" | awk '{printf "   %-48s %6d KiB\n", $2, $1}'
