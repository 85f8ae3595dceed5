#!/usr/bin/env bash
# Manual check, not CI: runs the official fal client (@fal-ai/client, pinned in package.json) against the emulator's
# fal twin. Starts the emulator host on loopback, installs the client into a temporary folder, runs check.mjs, and
# stops the host. Needs dotnet, node 20+ and npm (the npm registry must be reachable).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
work=$(mktemp -d)
host_pid=
cleanup() {
  if [ -n "$host_pid" ]; then kill "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

key="fal-client-check-$RANDOM$RANDOM"
dotnet build "$root/src/Seedance.Emulator.Host" -v q -nologo -o "$work/host" >/dev/null
dotnet "$work/host/seedance-emulator.dll" --latency 1 --api-key "$key" >"$work/emulator.out" &
host_pid=$!
for _ in $(seq 1 100); do
  grep -q '^fal ' "$work/emulator.out" 2>/dev/null && break
  sleep 0.2
done
base=$(awk '$1 == "fal" { print $2 }' "$work/emulator.out")
[ -n "$base" ] || { echo "The emulator did not report a fal twin:" >&2; cat "$work/emulator.out" >&2; exit 1; }
echo "emulator fal twin at $base"

cp "$here/package.json" "$here/check.mjs" "$work/"
(cd "$work" && npm install --no-audit --no-fund --loglevel=error)
FAL_TWIN_BASE="$base" FAL_KEY="$key" node "$work/check.mjs"
