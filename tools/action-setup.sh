#!/bin/sh
# The first step of the riskgate GitHub Action (action.yml): checks that the
# runner has what building and running riskgate needs, and installs what is
# missing where it can, saying what it does and, when it cannot, exactly
# what to install. Kept here so that tests/action_setup_test.sh can run it.
#
# - Linux: a C compiler, make, git, pkg-config and jq, and the libraries
#   libgit2, cJSON, PCRE2 and libcrypto (Debian/Ubuntu package names).
#   Installed with apt-get as root (a container job), with sudo when it
#   needs no password (GitHub's hosted runners), else not at all: a
#   self-hosted runner without root gets the list and exit 1. librnp
#   (OpenPGP signatures) and Hyperscan are added where the distribution
#   packages them; without them riskgate still builds.
# - macOS: the same from Homebrew (libgit2, pcre2, cjson, pkg-config, jq;
#   the compiler and git from the Command Line Tools).
# - gh (the GitHub CLI) when a token is given: without it the pull
#   request's reviews cannot be read, and the step says so (reviewer
#   requirements are then unverified and fail).
set -u

say() { printf 'riskgate setup: %s\n' "$1"; }
error() { printf '::error title=riskgate setup::%s\n' "$1"; }
has() { command -v "$1" >/dev/null 2>&1; }

if [ -n "${GH_TOKEN:-}" ] && ! has gh; then
	printf '::warning title=riskgate setup::%s\n' "gh (the GitHub CLI) is not installed: the pull request's reviews, team members and permissions cannot be read, so reviewer requirements are unverified and fail; install gh on the runner"
fi

case "$(uname -s)" in
Darwin)
	need=""
	has cc || { error "no C compiler: install the Command Line Tools (xcode-select --install)"; exit 1; }
	has make || { error "no make: install the Command Line Tools (xcode-select --install)"; exit 1; }
	has git || need="$need git"
	has pkg-config || need="$need pkg-config"
	has jq || need="$need jq"
	for lib in libgit2:libgit2 libcjson:cjson libpcre2-8:pcre2 libcrypto:openssl@3; do
		if ! has pkg-config || ! pkg-config --exists "${lib%%:*}" 2>/dev/null; then
			need="$need ${lib#*:}"
		fi
	done
	[ -z "$need" ] && { say "everything needed is installed"; exit 0; }
	if ! has brew; then
		error "missing:$need, and Homebrew is not installed to install them (brew install$need)"
		exit 1
	fi
	say "installing with Homebrew:$need"
	# shellcheck disable=SC2086 # one word per formula
	brew install $need || { error "brew install$need failed"; exit 1; }
	# Homebrew's OpenSSL is keg-only: let pkg-config find it.
	prefix=$(brew --prefix openssl@3 2>/dev/null) &&
		[ -n "${GITHUB_ENV:-}" ] &&
		printf 'PKG_CONFIG_PATH=%s/lib/pkgconfig:%s\n' "$prefix" "${PKG_CONFIG_PATH:-}" >>"$GITHUB_ENV"
	exit 0
	;;
Linux) ;;
*)
	error "unsupported runner OS $(uname -s): riskgate's action runs on Linux and macOS"
	exit 1
	;;
esac

need=""
has cc || need="$need build-essential"
has make || need="$need make"
has git || need="$need git"
has jq || need="$need jq"
if has pkg-config; then
	pkg-config --exists libgit2 || need="$need libgit2-dev"
	pkg-config --exists libcjson || need="$need libcjson-dev"
	pkg-config --exists libpcre2-8 || need="$need libpcre2-dev"
	pkg-config --exists libcrypto || need="$need libssl-dev"
else
	need="$need pkg-config libgit2-dev libcjson-dev libpcre2-dev libssl-dev"
fi
# Optional: OpenPGP signatures (librnp, Debian 12 and Ubuntu 24.04 on) and
# the classifier's prefilter (Hyperscan, amd64); only when packaged.
optional=""
if has apt-cache; then
	if ! { has pkg-config && pkg-config --exists librnp; } &&
		apt-cache show librnp-dev >/dev/null 2>&1; then
		optional="$optional librnp-dev"
	fi
	if ! { has pkg-config && pkg-config --exists libhs; } &&
		apt-cache show libhyperscan-dev >/dev/null 2>&1; then
		optional="$optional libhyperscan-dev"
	fi
fi
if [ -z "$need" ] && [ -z "$optional" ]; then
	say "everything needed is installed"
	exit 0
fi
if [ -z "$need" ]; then
	# Only optional ones: installed when that is possible, else said.
	if [ "$(id -u)" -eq 0 ] || { has sudo && sudo -n true >/dev/null 2>&1; }; then
		if [ "$(id -u)" -eq 0 ]; then
			run() { "$@"; }
		else
			run() { sudo -n "$@"; }
		fi
		say "installing the optional:$optional"
		# shellcheck disable=SC2086 # one word per package
		if ! { run apt-get update -qq >/dev/null 2>&1 &&
			run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $optional >/dev/null 2>&1; }; then
			say "the optional$optional could not be installed (riskgate builds without them)"
		fi
	else
		say "optional, not installed:$optional (riskgate builds without them; OpenPGP signatures need librnp)"
	fi
	exit 0
fi
if ! has apt-get; then
	error "missing (Debian/Ubuntu names):$need; this runner has no apt-get: install them with its package manager"
	exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
	run() { "$@"; }
elif has sudo && sudo -n true >/dev/null 2>&1; then
	run() { sudo -n "$@"; }
else
	error "missing:$need; this runner is not root and has no password-less sudo, so they cannot be installed here: add them to the runner's image (apt-get install -y$need)"
	exit 1
fi
say "installing:$need$optional"
run apt-get update -qq || { error "apt-get update failed"; exit 1; }
# shellcheck disable=SC2086 # one word per package
if ! run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need $optional >/dev/null; then
	# The optional ones must not cost the required ones.
	# shellcheck disable=SC2086
	run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null ||
		{ error "apt-get install$need failed"; exit 1; }
fi
exit 0
