#!/usr/bin/env bash
# Manual check (not CI): Replicate's official JavaScript client against the emulator's Replicate twin.
# Starts the emulator host, installs the pinned client into a temporary folder, runs check.mjs, stops the host.
# Needs dotnet, node 20+ and the npm registry; nothing is written into the repository.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
work=$(mktemp -d)
token="r8_emulator-client-check"
host=""
cleanup() {
  if [ -n "$host" ]; then kill "$host" 2>/dev/null || true; wait "$host" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== Building the emulator host"
dotnet build "$root/src/Seedance.Emulator.Host" -c Release -o "$work/host" --nologo -v quiet >/dev/null

echo "== Installing the pinned client into $work"
cp "$here/package.json" "$here/check.mjs" "$work/"
(cd "$work" && npm install --no-audit --no-fund --loglevel=error >/dev/null)

echo "== Starting the emulator (1 s generations)"
dotnet "$work/host/seedance-emulator.dll" --latency 1 --api-key "$token" >"$work/host.out" &
host=$!
for _ in $(seq 100); do
  grep -q '^Replicate ' "$work/host.out" 2>/dev/null && break
  sleep 0.1
done
base=$(awk '$1 == "Replicate" { print $2 }' "$work/host.out")
[ -n "$base" ] || { echo "The emulator did not report a Replicate base URI." >&2; cat "$work/host.out" >&2; exit 1; }
echo "   Replicate twin at $base"

echo "== replicate@$(node -p "require('$work/node_modules/replicate/package.json').version") against the twin"
node "$work/check.mjs" "$base" "$token"
