#!/bin/sh
# Installs Microsoft's SARIF multitool (npm package @microsoft/sarif-multitool,
# a self-contained program) under build/tools/sarif-multitool when it is not
# there, and prints the path of its program. tests/formats_test.sh validates
# riskgate's SARIF with it. Exits non-zero, saying why, when npm is missing
# or the registry cannot be reached.
set -eu
VERSION=5.7.0
DIR="$(cd "$(dirname "$0")/.." && pwd)/build/tools/sarif-multitool"
find_bin() {
	for b in "$DIR"/node_modules/@microsoft/sarif-multitool-*/Sarif.Multitool; do
		[ -x "$b" ] && { printf '%s\n' "$b"; return 0; }
	done
	return 1
}
find_bin && exit 0
command -v npm >/dev/null 2>&1 || { echo "sarif-multitool: npm not found" >&2; exit 1; }
mkdir -p "$DIR"
[ -f "$DIR/package.json" ] || printf '{"name": "riskgate-sarif-multitool", "private": true}\n' >"$DIR/package.json"
if ! (cd "$DIR" && npm install --no-audit --no-fund --silent "@microsoft/sarif-multitool@$VERSION") >&2; then
	echo "sarif-multitool: npm install @microsoft/sarif-multitool@$VERSION failed" >&2
	exit 1
fi
find_bin || { echo "sarif-multitool: installed, but no program for this platform" >&2; exit 1; }
