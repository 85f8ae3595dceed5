#!/usr/bin/env bash
# Manual check (not CI): WaveSpeed's official JavaScript SDK, pinned in package.json, against the emulator.
# Starts the emulator host, installs the SDK into a temporary folder, runs check.mjs, and stops the host.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
work="$(mktemp -d)"
host_pid=""

cleanup() {
  if [[ -n "$host_pid" ]]; then
    kill "$host_pid" 2>/dev/null || true
    wait "$host_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

cp "$here/package.json" "$here/check.mjs" "$work/"
(cd "$work" && npm install --no-audit --no-fund --loglevel=error)

dotnet build "$root/src/Seedance.Emulator.Host" -c Release -o "$work/host" --nologo -v quiet >/dev/null
dotnet "$work/host/seedance-emulator.dll" --latency 1 >"$work/host.out" &
host_pid=$!

base=""
for _ in $(seq 1 100); do
  base="$(awk '$1 == "WaveSpeed" { print $2 }' "$work/host.out")"
  [[ -n "$base" ]] && break
  sleep 0.1
done
[[ -n "$base" ]] || { echo "The emulator did not start:" >&2; cat "$work/host.out" >&2; exit 1; }

WAVESPEED_BASE_URL="$base" WAVESPEED_API_KEY="emulator-check-key" node "$work/check.mjs"
