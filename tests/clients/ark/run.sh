#!/usr/bin/env bash
# Manual, not CI: starts the emulator host, installs the client into a temporary folder, runs check.mjs
# against the Ark twin, and stops the host. Needs dotnet, node and the npm registry.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
work=$(mktemp -d)
key=ark-client-check-key
host_pid=

cleanup() {
  if [ -n "$host_pid" ]; then kill "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

cp "$here/package.json" "$here/check.mjs" "$work/"
(cd "$work" && npm install --no-audit --no-fund --loglevel=error >/dev/null)

dotnet build "$root/src/Seedance.Emulator.Host" -v q -nologo >/dev/null
dotnet run --no-build --project "$root/src/Seedance.Emulator.Host" -- --latency 1 --api-key "$key" >"$work/host.out" 2>&1 &
host_pid=$!
for _ in $(seq 1 100); do
  grep -q '^Ark ' "$work/host.out" 2>/dev/null && break
  sleep 0.2
done
base=$(awk '$1 == "Ark" { print $2 }' "$work/host.out")
[ -n "$base" ] || { echo "The emulator host did not start:"; cat "$work/host.out"; exit 1; }

echo "Ark twin at $base"
(cd "$work" && ARK_BASE_URL="${base%/}" ARK_API_KEY="$key" node check.mjs)
