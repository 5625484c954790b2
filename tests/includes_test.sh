#!/bin/sh
# The layers: cmd/, the unit tests and the fuzz targets use the library only
# through its public headers (include/riskgate/*.h), plus their own local
# headers (cmd/cmd.h and cmd/hook_notes.h; tests/unit/unit.h, gitrepo.h and
# classify_oracle.h, which the fuzz targets may use too). A quoted include of
# anything else — a private header of src/ — is a failure naming the file
# and line.
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/.." || exit 1

for f in cmd/*.c cmd/*.h tests/unit/*.c tests/unit/*.h tests/fuzz/*.c; do
	[ -f "$f" ] || continue
	bad=$(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
		grep -v -E '#[[:space:]]*include[[:space:]]*"(riskgate/[A-Za-z0-9_]+\.h|cmd\.h|hook_notes\.h|unit\.h|gitrepo\.h|classify_oracle\.h)"')
	if [ -n "$bad" ]; then
		fail "$f includes a private header: $bad"
	else
		pass
	fi
done
# The check itself must be able to fail: a private include is caught.
printf '#include "repo_internal.h"\n' >"$T_ROOT/probe.c"
if grep -v -E '#[[:space:]]*include[[:space:]]*"(riskgate/[A-Za-z0-9_]+\.h|cmd\.h|hook_notes\.h|unit\.h|gitrepo\.h|classify_oracle\.h)"' \
	"$T_ROOT/probe.c" | grep -q include; then pass; else fail "the include check cannot fail"; fi
finish includes
