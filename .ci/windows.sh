#!/usr/bin/env bash
# CI's Windows leg, called by .ci/run: on a fresh Debian machine, cross-builds POS Care for
# x86_64-pc-windows-gnu and runs it under Debian's Wine 8:
#   1. set-up     rustup target, mingw, wine (with wine32, for the 32-bit installer), nsis,
#                 osslsigncode; a throwaway Wine prefix; the test-only ProcessPrng stand-in DLL
#                 (Wine 8 lacks it; see .ci/wine-test-only/)
#   2. build      the test executables (cold: every crate for Windows)
#   3. tests      every unit and integration test under Wine, with Wine as cargo's runner: the
#                 store (open, lock, checks, move-aside, backups, restore, thinning), the file
#                 writer and its faults, exports, call sheets and printed plans, the CLI against
#                 the real poscare.exe, knowledge, planner, history, the Run value Settings
#                 writes, and the UI flows that back up, restore and export through the window
#   4. dist       scripts/dist.sh, signed with a throwaway self-signed certificate: release
#                 build, portable zip, installer; the signatures verified; the exe's PE header
#                 carries no build time (reproducible builds)
#   5. smoke      the installer refusing Windows 7 and 32-bit Windows; installed silently with
#                 /NOSTARTUP, upgraded keeping that choice, /STARTUP; Apps & features' entries,
#                 the shortcuts' one name; --version and lookup 51; the window's first frame under
#                 Xvfb (within two starts, no environment variable); a second start bringing the
#                 window to the front; the reading commands while the window is open, through
#                 poscare.com (the console launcher, exit codes kept); a silent upgrade while two
#                 windows are open (one on another data folder) closing both, replacing the
#                 program and opening it again; `poscare close`; an upgrade failing with exit code
#                 3 and the old program untouched when the program stays in use; check, backup
#                 --to, restore into a second folder (a Chinese name with spaces, no staging\
#                 left), export; the portable zip keeping its data beside the program; the
#                 uninstaller closing an open window, the data folder still there, byte for byte
# Prints the time of each part at the end. POSCARE_CI_WINDOWS_PARTS (default "build tests dist
# smoke") runs only some of the parts after the set-up, for a local run.
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
parts=" ${POSCARE_CI_WINDOWS_PARTS:-build tests dist smoke} "
runs() { [[ $parts == *" $1 "* ]]; }
# wine32: the installer is a 32-bit program (so that a 32-bit Windows can be told why not);
# osslsigncode and openssl: the signing step and its throwaway certificate.
packages=(gcc-mingw-w64-x86-64 wine wine64 wine32:i386 nsis zip python3 xvfb xauth osslsigncode
          openssl)
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    dpkg --print-foreign-architectures | grep -qx i386 || dpkg --add-architecture i386
    # A mirror in the middle of a sync: try again (see .ci/run).
    for attempt in 1 2 3; do
        apt-get update -qq && break
        echo "apt-get update failed (attempt $attempt of 3)"
        sleep 20
    done
    if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
        # A mirror whose i386 security index does not match its Release file ("File has
        # unexpected size", seen for days at a time) leaves wine32 uninstallable while everything
        # else installs. Then the leg goes on without it: build, tests and dist as always; only
        # the installer's smoke test, which needs 32-bit Wine, is skipped, and said so loudly.
        [[ " ${missing[*]} " == *" wine32:i386 "* ]] || fail "could not install: ${missing[*]}"
        rest=()
        for p in "${missing[@]}"; do [ "$p" = wine32:i386 ] || rest+=("$p"); done
        echo "WARNING: wine32:i386 cannot be installed from this mirror; going on without it"
        apt-get install -y -qq --no-install-recommends "${rest[@]}" >/dev/null ||
            fail "could not install: ${rest[*]}"
    fi
fi
no_wine32=
dpkg -s wine32:i386 >/dev/null 2>&1 || no_wine32=1
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

target_dir=$(realpath -m "${CARGO_TARGET_DIR:-target}")

# ---------------------------------------------------------------------------------------------
if runs build; then
    part build
    cargo test --locked --target "$target" --lib --bins --tests --no-run
fi

# ---------------------------------------------------------------------------------------------
if runs tests; then
    part tests
    # Every test, none skipped: the store, the file writer and its faults, the CLI against the
    # real poscare.exe, and the window's flows, all with Windows file semantics.
    cargo test --locked --no-fail-fast --target "$target" --lib --bins --tests
fi

# ---------------------------------------------------------------------------------------------
# A throwaway self-signed certificate: the signing step runs as with a real one, and the
# signatures are checked (accepting this certificate as its own authority).
cert=$scratch/cert
mkdir -p "$cert"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=POS Care CI throwaway" \
    -keyout "$cert/key.pem" -out "$cert/cert.pem" 2>/dev/null
openssl pkcs12 -export -inkey "$cert/key.pem" -in "$cert/cert.pem" -out "$cert/cert.p12" \
    -passout pass:ci-only-password
dist=$target_dir/dist
verify_signed() { # verify_signed FILE: signed by the throwaway certificate the dist part used
    osslsigncode verify -in "$1" -CAfile "$dist/ci-throwaway-cert.pem" >"$scratch/verify.log" 2>&1 ||
        { cat "$scratch/verify.log"; fail "not signed as it should be: $1"; }
    echo "signed: $1"
}
if runs dist; then
    part dist
    rm -rf "$dist"
    POSCARE_SIGN_PFX=$cert/cert.p12 POSCARE_SIGN_PASSWORD=ci-only-password scripts/dist.sh
    cp "$cert/cert.pem" "$dist/ci-throwaway-cert.pem"
fi
setup=$(echo "$dist"/PosCare-*-setup.exe)
version=${setup#"$dist"/PosCare-}
version=${version%-setup.exe}
zipfile=$dist/PosCare-$version-windows-x64.zip
stage=$dist/PosCare-$version-windows-x64
for f in "$stage/poscare.exe" "$stage/poscare.com" "$setup"; do verify_signed "$f"; done
# Reproducible: the PE header's time is the last commit's (dist.sh's SOURCE_DATE_EPOCH, which
# strip writes; the linker writes none), never the time of the build.
python3 - "$stage/poscare.exe" "${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}" <<'PY' ||
import struct, sys
data = open(sys.argv[1], "rb").read(4096)
pe = struct.unpack_from("<I", data, 0x3C)[0]
stamp = struct.unpack_from("<I", data, pe + 8)[0]
print(f"PE timestamp: {stamp} (the last commit: {sys.argv[2]})")
sys.exit(stamp != int(sys.argv[2]))
PY
    fail "poscare.exe carries the time of the build"

# ---------------------------------------------------------------------------------------------
if runs smoke && [ -n "$no_wine32" ]; then
    part smoke
    echo "WARNING: smoke SKIPPED: the installer is a 32-bit program and wine32 could not be"
    echo "         installed (the mirror's i386 index); build, every test and dist ran"
fi
if runs smoke && [ -z "$no_wine32" ]; then
part smoke
users=$WINEPREFIX/drive_c/users/$(whoami)
localappdata=$users/AppData/Local
installed=$localappdata/Programs/PosCare
data=$localappdata/PosCare/data
public=$WINEPREFIX/drive_c/users/Public
shortcut="POS Care 维护助手.lnk"
uninstkey='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\PosCare'
runkey='HKCU\Software\Microsoft\Windows\CurrentVersion\Run'
reg_value() { # reg_value KEY NAME: the value's data (text or number), or nothing
    # Exported (UTF-16), since `reg query` prints through the console's code page (no Chinese).
    rm -f "$scratch/value.reg"
    wine reg export "$1" "$(winepath -w "$scratch/value.reg")" >/dev/null 2>&1 || return 0
    python3 - "$scratch/value.reg" "$2" <<'PY'
import re, sys
for line in open(sys.argv[1], encoding="utf-16").read().splitlines():
    m = re.fullmatch(r'"((?:[^"\\]|\\.)*)"=(.*)', line)
    if not m or m.group(1) != sys.argv[2]:
        continue
    value = m.group(2)
    if value.startswith('"'):
        print(re.sub(r"\\(.)", r"\1", value[1:-1]))
    elif value.startswith("dword:"):
        print(int(value[6:], 16))
PY
}
sha() { sha256sum "$1" | cut -d' ' -f1; }
installer() { # installer ARGS…: runs the installer, prints and returns its exit code
    local status
    set +e
    timeout 300 wine "$setup" "$@"
    status=$?
    set -e
    echo "setup.exe $*: exit $status"
    return $status
}
ended() { # ended PID SECONDS: whether the process ends within SECONDS
    timeout "$2" tail --pid="$1" -f /dev/null
}

# Debian's Wine 8 says it is Windows 7 unless told otherwise: from here on a Windows 10, the
# oldest the program runs on (the tests above ran with Wine's default).
windows_version() { wine reg add 'HKCU\Software\Wine' /v Version /d "$1" /f >/dev/null 2>&1; }
echo "-- the installer refuses Windows 7, says why, and installs nothing (exit 5)"
windows_version win7
status=0
installer /S || status=$?
windows_version win10
[ "$status" -eq 5 ] || fail "on Windows 7 the installer exited $status, not 5"
[ ! -e "$installed" ] || fail "on Windows 7 something was installed"

echo "-- and 32-bit Windows (a 32-bit Wine prefix)"
(
    export WINEPREFIX=$scratch/wine32 WINEARCH=win32
    wineboot -i >/dev/null 2>&1
    set +e
    timeout 120 wine "$setup" /S
    status=$?
    set -e
    wineserver -k 2>/dev/null || true
    echo "32-bit Windows: exit $status"
    [ "$status" -eq 5 ] || fail "on 32-bit Windows the installer exited $status, not 5"
    [ ! -e "$WINEPREFIX/drive_c/users/$(whoami)/AppData/Local/Programs/PosCare" ] ||
        fail "on 32-bit Windows something was installed"
)

echo "-- the installer, silently, without opening at startup"
installer /S /NOSTARTUP
wineserver -w
[ -f "$installed/poscare.exe" ] || fail "not installed in $installed"
[ -f "$installed/poscare.com" ] || fail "no console launcher"
[ -f "$installed/uninstall.exe" ] || fail "no uninstaller"
[ ! -e "$installed/portable.txt" ] || fail "the installed program was made portable"
[ ! -e "$installed/poscare-new.exe" ] || fail "the new program was left under its other name"
[ "$(sha "$installed/poscare.exe")" = "$(sha "$stage/poscare.exe")" ] || fail "not the built program"
verify_signed "$installed/uninstall.exe"
find "$users" -name "$shortcut" | grep -q "Start Menu" || fail "no Start-menu shortcut"
find "$users" -name "$shortcut" | grep -q "Desktop" || fail "no desktop shortcut"
[ -z "$(reg_value "$runkey" PosCare)" ] || fail "/NOSTARTUP: set to open when Windows starts"
[ ! -e "$installed/bcryptprimitives.dll" ] || fail "the test-only DLL was installed"
echo "Apps & features:"
for name in DisplayName DisplayVersion Publisher InstallDate EstimatedSize; do
    printf '   %-15s %s\n' "$name" "$(reg_value "$uninstkey" "$name")"
done
[ "$(reg_value "$uninstkey" DisplayName)" = "POS Care 维护助手" ] || fail "DisplayName"
[ "$(reg_value "$uninstkey" DisplayVersion)" = "$version" ] || fail "DisplayVersion"
[ "$(reg_value "$uninstkey" Publisher)" = "The POS Care authors" ] || fail "Publisher"
reg_value "$uninstkey" InstallDate | grep -qx "$(date +%Y%m%d)" || fail "InstallDate"
size_kb=$(($(reg_value "$uninstkey" EstimatedSize)))
[ "$size_kb" -gt 10000 ] || fail "EstimatedSize $size_kb KiB"
python3 - "$installed/poscare.exe" <<'PY' || fail "no CompanyName or product name in the exe"
import sys
data = open(sys.argv[1], "rb").read()
for text in ["CompanyName", "The POS Care authors", "POS Care 维护助手"]:
    assert text.encode("utf-16-le") in data, text
PY
exe=$installed/poscare.exe
com=$installed/poscare.com

echo "-- the choice is kept: an upgrade without options leaves it off, /STARTUP turns it on"
installer /S
wineserver -w
[ -z "$(reg_value "$runkey" PosCare)" ] || fail "an upgrade turned opening at startup back on"
installer /S /STARTUP
wineserver -w
reg_value "$runkey" PosCare | grep -qF "$(winepath -w "$exe")" || fail "/STARTUP did not set it"
installer /S
wineserver -w
reg_value "$runkey" PosCare | grep -q poscare.exe || fail "an upgrade turned opening at startup off"

echo "-- the installed exe: --version, lookup 51; poscare.com keeps the exit code for cmd"
wine "$exe" --version | tee "$scratch/version.txt"
grep -q "^poscare $version" "$scratch/version.txt" || fail "--version"
wine "$exe" lookup --lang en 51 | tee "$scratch/lookup.txt"
grep -q "RC-51" "$scratch/lookup.txt" || fail "lookup 51"
[ ! -e "$data" ] || fail "lookup created the data folder"
set +e
wine cmd /c "$(winepath -w "$com")" frobnicate >/dev/null 2>&1
status=$?
set -e
[ "$status" -eq 2 ] || fail "cmd /c poscare.com frobnicate: exit $status, not 2"
wine cmd /c "$(winepath -w "$com")" --version | tr -d '\r' | grep -q "^poscare $version" ||
    fail "poscare.com --version"

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

open_window() { # open_window LOG [ARGS…]: starts the window, waits for its port file; sets $window
    local log=$1 folder=$data
    shift
    [ "${1:-}" = --data-dir ] && folder=$(winepath -u "$2")
    rm -f "$folder/window.port"
    wine "$exe" "$@" >"$log" 2>&1 &
    window=$!
    for _ in $(seq 1 120); do
        grep -q "^poscare-window" "$folder/window.port" 2>/dev/null && break
        sleep 0.5
    done
    grep -q "^poscare-window" "$folder/window.port" || fail "the window wrote no port file ($log)"
    sleep 3 # the first frame
}

echo "-- an older program is installed (a byte more), its window open"
printf 'x' >>"$exe"
old_sha=$(sha "$exe")
open_window "$scratch/first.log"
first=$window
echo "-- a second start brings the running window to the front and exits 0"
timeout 60 wine "$exe" 2>&1 | tee "$scratch/second.log"
sleep 1
grep -q "bringing it to the front" "$scratch/first.log" || fail "the first window was not asked to show"

echo "-- the reading commands work while the window is open (poscare.com, as typed in cmd)"
temp=$(winepath -u "$(wine cmd /c 'echo %TEMP%' | tr -d '\r')")
temp_before=$(find "$temp" -maxdepth 1 -name 'poscare-*' | wc -l)
wine cmd /c "$(winepath -w "$com")" check | tee "$scratch/check-open.txt"
grep -q "^OK" "$scratch/check-open.txt" || fail "check while the window is open"
wine cmd /c "$(winepath -w "$com")" today --json >"$scratch/today-open.json" ||
    fail "today while the window is open"
python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8-sig"))' "$scratch/today-open.json" ||
    fail "today --json while the window is open"
wine cmd /c "$(winepath -w "$com")" export 'C:\users\Public\while-open.csv'
[ -s "$public/while-open.csv" ] || fail "export while the window is open"
set +e
wine "$exe" backup --to 'C:\users\Public\U 盘' >"$scratch/busy.log" 2>&1
status=$?
set -e
cat "$scratch/busy.log"
[ "$status" -eq 2 ] && grep -q "poscare close" "$scratch/busy.log" ||
    fail "backup while the window is open: not exit 2 with what to do"
temp_after=$(find "$temp" -maxdepth 1 -name 'poscare-*' | wc -l)
[ "$temp_after" -eq "$temp_before" ] || fail "a command left its copy of the data in Temp"

echo "-- a window on another data folder (closed by its title: an older POS Care's way)"
open_window "$scratch/other.log" --data-dir 'C:\users\Public\另一个店'
other=$window

echo "-- a silent upgrade while both are open: both close, the program is replaced, it opens again"
installer /S || fail "the upgrade with the window open failed"
ended "$first" 30 || fail "the window was not closed by the upgrade"
ended "$other" 30 || fail "the window on the other folder was not closed by the upgrade"
grep -q "asked to close" "$scratch/first.log" || fail "the window was not asked to close by its door"
[ "$(sha "$exe")" = "$(sha "$stage/poscare.exe")" ] ||
    fail "the upgrade reported success with the old program in place"
[ "$(sha "$exe")" != "$old_sha" ] || fail "the old program stayed"
for _ in $(seq 1 60); do
    grep -q "^poscare-window" "$data/window.port" 2>/dev/null && break
    sleep 0.5
done
grep -q "^poscare-window" "$data/window.port" || fail "POS Care was not opened again after the upgrade"
sleep 3
echo "-- poscare close closes it and waits"
wine cmd /c "$(winepath -w "$com")" close | tee "$scratch/close.txt"
[ ! -e "$data/window.port" ] || fail "poscare close: the window's port file is still there"
grep -q "maximized:" "$data/window.ron" || fail "the window's size and place were not kept"
wineserver -w

echo "-- an upgrade while the program stays in use fails (exit 3) and leaves it as it was"
x86_64-w64-mingw32-gcc -municode -O2 -s -o "$scratch/holdfile.exe" .ci/wine-test-only/holdfile.c
before_sha=$(sha "$exe")
wine "$scratch/holdfile.exe" "$(winepath -w "$exe")" "$(winepath -w "$scratch/release")" 300 &
holder=$!
sleep 2
status=0
installer /S || status=$?
touch "$scratch/release"
ended "$holder" 30 || fail "holdfile.exe did not end"
[ "$status" -eq 3 ] || fail "an upgrade with the program in use exited $status, not 3"
[ "$(sha "$exe")" = "$before_sha" ] || fail "the program was changed by a failed upgrade"
[ ! -e "$installed/poscare-new.exe" ] || fail "a failed upgrade left poscare-new.exe"
wineserver -w

echo "-- check, backup --to, restore into a second folder, export"
wine "$exe" check | tee "$scratch/check.txt"
grep -q "^OK" "$scratch/check.txt" || fail "check"
usb='C:\users\Public\U 盘'
wine "$exe" backup --to "$usb" | tee "$scratch/backup.txt"
backup=$(tr -d '\r' <"$scratch/backup.txt" | tail -1)
second='C:\users\Public\张三 的店\数据'
# The folder above a data folder must be there (a missing one is a stick not plugged in): the
# new PC's folder for the shop is made first, and only the data folder by the restore.
wine "$exe" --data-dir "$second" restore "$backup" 2>/dev/null &&
    fail "a restore under a folder that is not there was not refused"
[ ! -e "$public/张三 的店" ] || fail "a refused restore made folders"
mkdir -p "$public/张三 的店"
wine "$exe" --data-dir "$second" restore "$backup" || fail "restore into a second folder"
wine "$exe" --data-dir "$second" check | grep -q "^OK" || fail "check of the restored copy"
[ ! -e "$(winepath -u "$second")/staging" ] || fail "the restore left staging\\ behind"
wine "$exe" export 'C:\users\Public\history.csv'
head -c 3 "$public/history.csv" | od -An -tx1 | grep -q "ef bb bf" ||
    fail "export: no CSV with BOM"
wine "$exe" export --html 'C:\users\Public\report.html'
grep -q "<html" "$public/report.html" || fail "export --html"

echo "-- the portable zip on a USB stick keeps its data beside the program"
(cd "$data" && find . -type f -exec sha256sum {} + | sort -k2) >"$scratch/data-before.txt"
stick=$public/U盘
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$zipfile" "$stick"
portable=$stick/PosCare-$version-windows-x64
[ -f "$portable/portable.txt" ] || fail "the zip has no portable.txt"
wine "$portable/poscare.exe" restore "$backup" || fail "restore into the portable copy"
[ -f "$portable/data/poscare.db" ] || fail "the portable copy's data is not beside it"
wine cmd /c "$(winepath -w "$portable/poscare.com")" check | tee "$scratch/portable-check.txt"
grep -q "^OK" "$scratch/portable-check.txt" || fail "check of the portable copy"
(cd "$data" && find . -type f -exec sha256sum {} + | sort -k2) >"$scratch/data-after.txt"
diff "$scratch/data-before.txt" "$scratch/data-after.txt" || fail "the portable copy used the user's data"

echo "-- uninstall, silently, with the window open; the data stays"
# The open window's empty -wal and its -shm (SQLite's index of it) hold no records and go when
# it closes; everything else must be byte for byte the same.
open_window "$scratch/last.log"
last=$window
sleep 2
(cd "$data" && find . -type f ! -name window.port ! -name window.ron ! -name renderer.json \
    ! -name '*-shm' ! \( -name '*-wal' -empty \) -exec sha256sum {} + | sort -k2) >"$scratch/data-before.txt"
wine "$installed/uninstall.exe" /S
for _ in $(seq 1 120); do [ -e "$installed/poscare.exe" ] || break; sleep 0.5; done
[ ! -e "$installed/poscare.exe" ] || fail "the uninstaller left the program (the window was open)"
ended "$last" 30 || fail "the uninstaller did not close the window"
timeout 60 wineserver -w || fail "something of the uninstall is still running"
! find "$users" -name "$shortcut" | grep -q . || fail "the uninstaller left a shortcut"
[ -z "$(reg_value "$runkey" PosCare)" ] || fail "the uninstaller left the start-with-Windows entry"
(cd "$data" && find . -type f ! -name window.port ! -name window.ron ! -name renderer.json \
    ! -name '*-shm' ! \( -name '*-wal' -empty \) -exec sha256sum {} + | sort -k2) >"$scratch/data-after.txt"
diff "$scratch/data-before.txt" "$scratch/data-after.txt" || fail "the data folder changed on uninstall"
grep -q "poscare.db" "$scratch/data-after.txt" || fail "the database is gone"
echo "data folder intact: $(wc -l <"$scratch/data-after.txt") files"
fi

# ---------------------------------------------------------------------------------------------
part ""
echo "== windows leg passed; times:"
printf '   %s\n' "${times[@]}"
printf '   %-10s %4d s\n' total $((SECONDS - started))
du -k "$setup" "$zipfile" | awk '{printf "   %-48s %6d KiB\n", $2, $1}'
