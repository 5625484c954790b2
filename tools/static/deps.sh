#!/bin/sh
# The two static archives Debian does not ship, built from Debian's own
# source packages (with Debian's patches applied) for `make static`:
#
#   libcjson.a  cJSON's one source file (libcjson-dev has only the shared
#               library);
#   libgit2.a   libgit2 without any network transport (no HTTPS, SSH or
#               GSSAPI: riskgate only reads the object store). Debian's
#               libgit2.a needs libgssapi_krb5.a, which Debian does not ship.
#
# The rest comes static from the usual -dev packages: libpcre2-8.a,
# libcrypto.a, libz.a, libhttp_parser.a, libhs.a, and libstdc++.a from gcc.
# Sources are fetched with apt-get source from the release the machine runs
# (its own apt configuration is left alone), so the archives match the
# installed headers' versions.
#
# usage: tools/static/deps.sh OUTDIR   (writes OUTDIR/include, OUTDIR/lib)
set -eu

out=$1
mkdir -p "$out"
out=$(cd "$out" && pwd)
[ -f "$out/stamp" ] && exit 0

for tool in apt-get dpkg-source cmake ar cc; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "static: $tool not found (tools/deps.sh installs it)" >&2
		exit 1
	}
done
codename=$(sed -n 's/^VERSION_CODENAME=//p' /etc/os-release)
id=$(sed -n 's/^ID=//p' /etc/os-release)
[ "$id" = debian ] && [ -n "$codename" ] || {
	echo "static: this script fetches Debian's source packages, and this machine runs" \
		"${id:-an unknown system} ${codename:-(no release name)}; on another" \
		"distribution, link against its static libraries (docs/pre-receive.md)" >&2
	exit 1
}

apt=$out/apt
rm -rf "$apt" "$out/src" "$out/versions"
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$out/src" "$out/include/cjson" "$out/lib"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
cat >"$apt/sources.list" <<EOF
deb-src [signed-by=$keyring] http://deb.debian.org/debian $codename main
deb-src [signed-by=$keyring] http://deb.debian.org/debian $codename-updates main
deb-src [signed-by=$keyring] http://deb.debian.org/debian-security $codename-security main
EOF
aptq() {
	cmd=apt-get
	[ "$1" = showsrc ] && cmd=apt-cache
	$cmd -q -o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null \
		-o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" \
		-o APT::Sandbox::User="$(id -un)" "$@"
}
aptq update >"$out/apt.log" 2>&1 || {
	tail -5 "$out/apt.log" >&2
	echo "static: cannot read Debian's source index (deb-src for $codename)" >&2
	exit 1
}

# fetch PACKAGE DEVPACKAGE: its source, patched, in $out/src/PACKAGE: the newest
# version the index lists that can be downloaded (a mirror may index a
# security update whose source it does not serve).
fetch() {
	for v in $(aptq showsrc --only-source "$1" 2>>"$out/apt.log" | sed -n 's/^Version: //p' |
		sort -rV | uniq); do
		rm -f "$out/src/$1"_*
		if (cd "$out/src" && aptq source --download-only "$1=$v" >>"$out/apt.log" 2>&1); then
			dpkg-source -x "$out/src/$1"_*.dsc "$out/src/$1" >>"$out/apt.log" 2>&1
			echo "static: $1 $v from Debian's source package" >>"$out/versions"
			# Said when it differs from the installed headers' package.
			dev=$(dpkg-query -W -f='${Version}' "$2" 2>/dev/null || true)
			[ -z "$dev" ] || [ "$dev" = "$v" ] ||
				echo "static: note: $2 is $dev here; the newest source this mirror serves is $v" |
				tee -a "$out/versions" >&2
			return 0
		fi
	done
	tail -5 "$out/apt.log" >&2
	echo "static: cannot download the source package $1" >&2
	exit 1
}

fetch cjson libcjson-dev
cc -O2 -fPIC -c "$out/src/cjson/cJSON.c" -o "$out/src/cJSON.o"
ar rcs "$out/lib/libcjson.a" "$out/src/cJSON.o"
cp "$out/src/cjson/cJSON.h" "$out/include/cjson/cJSON.h"

fetch libgit2 libgit2-dev
cmake -S "$out/src/libgit2" -B "$out/src/libgit2-build" -DCMAKE_BUILD_TYPE=Release \
	-DCMAKE_INSTALL_PREFIX="$out" -DCMAKE_INSTALL_LIBDIR=lib -DBUILD_SHARED_LIBS=OFF \
	-DBUILD_CLI=OFF -DBUILD_TESTS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_FUZZERS=OFF \
	-DUSE_HTTPS=OFF -DUSE_SSH=OFF -DUSE_GSSAPI=OFF -DUSE_NTLMCLIENT=OFF \
	-DREGEX_BACKEND=pcre2 -DUSE_HTTP_PARSER=system >"$out/libgit2.log" 2>&1 &&
	cmake --build "$out/src/libgit2-build" -j "$(nproc)" >>"$out/libgit2.log" 2>&1 &&
	cmake --install "$out/src/libgit2-build" >>"$out/libgit2.log" 2>&1 || {
	tail -20 "$out/libgit2.log" >&2
	echo "static: building libgit2 failed (log: $out/libgit2.log)" >&2
	exit 1
}
touch "$out/stamp"
