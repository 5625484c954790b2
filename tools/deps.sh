#!/bin/sh
# Installs what riskgate needs when it is missing: the five libraries
# (libgit2, cJSON, PCRE2, libcrypto, librnp) found by pkg-config, Hyperscan
# where the distribution packages it (amd64), the compiler tools, and the
# git CLI and jq that the tests use to build fixtures and read reports, and
# python3-jsonschema to validate the SARIF report, strace to watch which
# files the binary opens, man, zsh and fish for the installed pages and
# completion; Chromium for the trends page; valgrind and clang with
# its libFuzzer runtime for the memcheck and fuzzing runs of `make test`.
set -eu

missing=""
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
command -v cc >/dev/null 2>&1 || missing="$missing build-essential"
command -v make >/dev/null 2>&1 || missing="$missing make"
if command -v pkg-config >/dev/null 2>&1; then
	pkg-config --exists libgit2 || missing="$missing libgit2-dev"
	pkg-config --exists libcjson || missing="$missing libcjson-dev"
	pkg-config --exists libpcre2-8 || missing="$missing libpcre2-dev"
	pkg-config --exists libcrypto || missing="$missing libssl-dev"
	pkg-config --exists librnp || missing="$missing librnp-dev"
	# The classifier's prefilter; optional, and packaged for amd64 only.
	if ! pkg-config --exists libhs && apt-cache show libhyperscan-dev >/dev/null 2>&1; then
		missing="$missing libhyperscan-dev"
	fi
else
	missing="$missing libgit2-dev libcjson-dev libpcre2-dev libssl-dev librnp-dev"
fi
command -v git >/dev/null 2>&1 || missing="$missing git"
command -v jq >/dev/null 2>&1 || missing="$missing jq"
# The signature tests sign commits and check verdicts with ssh-keygen.
command -v ssh-keygen >/dev/null 2>&1 || missing="$missing openssh-client"
# The OpenPGP signature tests make keys and sign commits with gpg.
command -v gpg >/dev/null 2>&1 || missing="$missing gnupg"
# tests/formats_test.sh validates SARIF against the official schema with it.
python3 -c 'import jsonschema' >/dev/null 2>&1 || missing="$missing python3-jsonschema"
command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
# tests/install_test.sh renders the manual pages with man and asks bash,
# zsh and fish for completions.
command -v man >/dev/null 2>&1 || missing="$missing man-db"
command -v zsh >/dev/null 2>&1 || missing="$missing zsh"
# make static (tests/static_test.sh) builds libgit2 and cJSON from Debian's
# source packages (dpkg-source, cmake) and links libstdc++ statically (g++).
command -v dpkg-source >/dev/null 2>&1 || missing="$missing dpkg-dev"
command -v cmake >/dev/null 2>&1 || missing="$missing cmake"
command -v g++ >/dev/null 2>&1 || missing="$missing g++"
# tests/static_test.sh builds a GitHub Enterprise Server hook environment
# with a static busybox as its shell.
[ -x /bin/busybox ] || missing="$missing busybox-static"
# tests/servers_test.sh pushes through sshd and lighttpd (git daemon and
# git-http-backend come with git).
[ -x /usr/sbin/sshd ] || missing="$missing openssh-server"
[ -x /usr/sbin/lighttpd ] || missing="$missing lighttpd"
# tests/deb_test.sh builds the Debian package (debian/) with debhelper.
command -v dh >/dev/null 2>&1 || missing="$missing debhelper"
command -v fish >/dev/null 2>&1 || missing="$missing fish"
# tests/notls_test.sh checks with it which files the binary opens.
command -v strace >/dev/null 2>&1 || missing="$missing strace"
# tests/formats_test.sh installs Microsoft's SARIF multitool with npm
# (tools/sarif-multitool.sh).
command -v npm >/dev/null 2>&1 || missing="$missing npm"
# tests/stats_test.sh renders the trends page in headless Chromium.
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v clang >/dev/null 2>&1 || missing="$missing clang"
# libFuzzer ships in clang's runtime package, which clang does not pull in.
probe=$(mktemp -d)
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
	>"$probe/f.c"
if ! clang -fsanitize=fuzzer "$probe/f.c" -o "$probe/f" >/dev/null 2>&1; then
	missing="$missing libclang-rt-dev"
fi
rm -rf "$probe"

[ -z "$missing" ] && exit 0

echo "riskgate: installing missing packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "riskgate: cannot install$missing: run as root or install them yourself" >&2
	exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
	echo "riskgate: no apt-get here; install$missing with your package manager" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq $missing >/dev/null
