#!/usr/bin/env bash
# Signs one Windows program in place with Authenticode (Debian's osslsigncode), for
# scripts/dist.sh and the installer's !finalize / !uninstfinalize:
#   POSCARE_SIGN_PFX=cert.p12 POSCARE_SIGN_PASSWORD=… scripts/sign.sh FILE.exe
# POSCARE_SIGN_TIMESTAMP_URL (optional): a timestamp server (RFC 3161), so that the signature
# stays valid after the certificate expires; it needs the network.
set -euo pipefail
file=$1
: "${POSCARE_SIGN_PFX:?POSCARE_SIGN_PFX names the PKCS#12 certificate file}"
timestamp=()
if [ -n "${POSCARE_SIGN_TIMESTAMP_URL:-}" ]; then
    timestamp=(-ts "$POSCARE_SIGN_TIMESTAMP_URL")
fi
signed="$file.signed"
rm -f "$signed"
# The password through a file (a pipe), never on a command line other processes can read.
osslsigncode sign -pkcs12 "$POSCARE_SIGN_PFX" -readpass <(printf '%s' "${POSCARE_SIGN_PASSWORD:-}") \
    -n "POS Care 维护助手" -h sha256 "${timestamp[@]}" -in "$file" -out "$signed" >/dev/null
mv -f "$signed" "$file"
echo "signed: $file"
