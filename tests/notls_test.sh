#!/bin/sh
# cmd/notls.c: libgit2 built with mbedTLS parses the whole system CA bundle
# when it starts, for connections riskgate never makes through it. The
# binary's own definitions of the two mbedTLS loaders take their place:
# libgit2's calls must bind to the riskgate binary, the bundle must not be
# opened, and the gate must still work.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"

cd "$T_ROOT" || exit 1
BIN=${RISKGATE_BIN:-$RISKGATE}

new_repo r
git -C r branch base
mkdir -p r/src/auth
printf 'int f(void) { return 1; }\n' >r/src/auth/a.c
git -C r add -A && git -C r commit -q -m "auth"

run_check() { "$RISKGATE" check --repo r --base base --head main --format json >check.json 2>check.err; }

run_check
rc=$?
check "check runs (exit 1 for an unreviewed critical change, got $rc)" [ "$rc" = 1 ]
check "check's report names the file" grep -q 'src/auth/a.c' check.json

if ! ldd "$BIN" 2>/dev/null | grep -q 'libmbedx509'; then
	# Said, not counted: with libgit2 built on another TLS library there is
	# nothing to replace (the definitions are then never called).
	echo "notls: libgit2 does not use mbedTLS here ($(ldd "$BIN" | grep -o 'lib\(ssl\|gnutls\|mbed\)[^ ]*' | head -1)); binding checks not applicable"
else
	LD_DEBUG=bindings "$BIN" check --repo r --base base --head main --format json \
		>/dev/null 2>bindings.txt
	for sym in mbedtls_x509_crt_parse_file mbedtls_x509_crt_parse_path; do
		check "libgit2's $sym binds to the riskgate binary" \
			grep -Eq "binding file [^ ]*libgit2[^ ]* \[0\] to [^ ]*riskgate[^ /]* \[0\]: normal symbol .$sym'" bindings.txt
	done
fi

if command -v strace >/dev/null 2>&1; then
	strace -f -e trace=open,openat -o trace.txt "$BIN" check --repo r --base base --head main \
		--format json >/dev/null 2>&1
	check "strace saw the repository opened" grep -q '/r/\.git\|"r/\.git\|r/.git' trace.txt
	if grep -E '/etc/ssl|ca-certificates|\.pem"|\.crt"' trace.txt >ssl.txt; then
		fail "the CA bundle was opened"
		head -3 ssl.txt >&2
	else
		pass
	fi
else
	echo "notls: strace not installed; the open-file check did not run"
fi

finish notls
