#!/bin/sh
# The Debian package: built from a copy of the tree with dpkg-buildpackage
# (debian/), installed with dpkg into a root of its own whose package
# database is a copy of this machine's (so dpkg checks the dependencies
# dpkg-shlibdeps computed against what is really installed, and the machine
# itself is left alone), used, and removed.
. "$(dirname "$0")/lib.sh"

root=$(pwd)
for tool in dpkg-buildpackage dh dpkg-deb dpkg man; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "deb: $tool not found (tools/deps.sh installs it)" >&2
		exit 1
	}
done

# The tree as it is now (tracked and new files, not build products). One
# tar reads the names: xargs would split a long list over several tars,
# whose concatenated archives the reader stops at the first end of.
src=$T_ROOT/pkg/riskgate
mkdir -p "$src"
(cd "$root" && git ls-files -co --exclude-standard -z | tar --null -T - -cf -) | tar -xf - -C "$src"
# Without the make flags and variables of the run that started this suite
# (SANITIZE=...):
# a package is built the way a packager builds it.
(cd "$src" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u SANITIZE -u VALGRIND -u SMALL DEB_BUILD_OPTIONS="parallel=$(nproc)" \
	dpkg-buildpackage -us -uc -b) \
	>"$T_ROOT/build.log" 2>&1
rc=$?
check "dpkg-buildpackage exits 0 (got $rc): $(tail -3 "$T_ROOT/build.log")" [ "$rc" = 0 ]
deb=$(ls "$T_ROOT"/pkg/riskgate_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || {
	fail "no riskgate_*.deb built"
	finish deb
	exit 1
}

cd "$T_ROOT" || exit 1
version=$("$RISKGATE" version | sed -n '1s/^riskgate //p')
check "the package version is riskgate's ($version)" \
	[ "$(dpkg-deb -f "$deb" Version)" = "$version" ]
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libgit2 libpcre2-8 libcjson libssl libc6; do
	check "Depends names $lib: $depends" sh -c "echo '$depends' | grep -q '$lib'"
done
dpkg-deb -c "$deb" | awk '{print $6}' >contents
check "the package holds /usr/bin/riskgate" grep -qx './usr/bin/riskgate' contents
check "the package holds riskgate-policy(5)" grep -q '^./usr/share/man/man5/riskgate-policy.5' contents
check "the package holds the default policy, uncompressed" \
	grep -qx './usr/share/riskgate/policies/default.json' contents
outside=$(grep -v '^\./$' contents | grep -v '^\./usr/' || true)
check "nothing outside /usr: $outside" [ -z "$outside" ]

# A dpkg root of its own, with this machine's package database.
R=$T_ROOT/root
mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates" "$R/var/lib/dpkg/triggers"
cp /var/lib/dpkg/status "$R/var/lib/dpkg/status"
[ -f /var/lib/dpkg/arch ] && cp /var/lib/dpkg/arch "$R/var/lib/dpkg/arch"
: >"$R/var/lib/dpkg/available"
dpkg_r() { dpkg --root="$R" --force-not-root --log=/dev/null "$@"; }
dpkg_r -i "$deb" >install.out 2>&1
rc=$?
check "dpkg -i exits 0 (got $rc): $(tail -3 install.out)" [ "$rc" = 0 ]
check "dpkg says installed" sh -c "dpkg --root='$R' -s riskgate 2>/dev/null | grep -q '^Status: install ok installed'"

# Used as installed.
bin=$R/usr/bin/riskgate
"$bin" --version >version.out 2>&1
check "the installed binary runs: $(head -1 version.out)" grep -q "^riskgate $version\$" version.out
new_repo r
git -C r branch base
mkdir -p r/src/auth
printf 'int f(void) { return 1; }\n' >r/src/auth/a.c
git -C r add -A && git -C r commit -q -m "auth"
"$bin" check --repo r --base base --head main --format json >check.json 2>check.err
rc=$?
check "the installed binary gates a change (exit 1, got $rc)" [ "$rc" = 1 ]
check "its report names the file" grep -q 'src/auth/a.c' check.json
"$bin" policy lint "$R/usr/share/riskgate/policies/webservice.json" >lint.out 2>&1
rc=$?
check "the installed example policy lints (exit $rc): $(head -2 lint.out)" [ "$rc" = 0 ]
MANWIDTH=100 man --warnings -M "$R/usr/share/man" 1 riskgate-check >man.out 2>man.err
rc=$?
check "man finds the installed (compressed) riskgate-check(1) (exit $rc)" [ "$rc" = 0 ]
check "it renders without warnings: $(head -2 man.err)" [ ! -s man.err ]
check "it is the page: $(head -1 man.out)" grep -q '^RISKGATE-CHECK(1)' man.out

dpkg_r -r riskgate >remove.out 2>&1
rc=$?
check "dpkg -r exits 0 (got $rc): $(tail -2 remove.out)" [ "$rc" = 0 ]
check "the binary is gone" [ ! -e "$bin" ]
left=$(find "$R/usr" -type f 2>/dev/null | head -3)
check "dpkg -r leaves no file under /usr: $left" [ -z "$left" ]

finish deb
