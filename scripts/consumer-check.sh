#!/usr/bin/env bash
# Type-checks examples/consumer-ts against the BUILT package, as a user's project would see it:
# node_modules/anychannel there is a symlink to this repo, so imports go through package.json
# "exports" to dist/*.d.ts (ESM) and dist/*.d.cts (CJS). Run after `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f dist/index.d.ts ] || { echo "consumer-check: dist/ is missing, run npm run build first" >&2; exit 1; }
consumer=examples/consumer-ts
mkdir -p "$consumer/node_modules"
ln -sfn ../../.. "$consumer/node_modules/anychannel"

tsc=node_modules/.bin/tsc
for config in tsconfig.bundler.json tsconfig.node16.json; do
  echo "consumer-check: tsc --noEmit -p $consumer/$config"
  "$tsc" --noEmit -p "$consumer/$config"
done
echo "consumer-check: the built types compile for moduleResolution bundler and node16"
