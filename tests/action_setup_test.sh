#!/bin/sh
# The action's first step (tools/action-setup.sh) on the runners users have:
# GitHub's hosted Ubuntu (not root, password-less sudo), a container job
# (root, no sudo), a self-hosted runner without root or sudo, macOS with and
# without Homebrew. Each runner is a directory of commands standing in for
# the machine's (what is missing is simply not there; apt-get, sudo and
# brew record what they are asked); the script must install what is
# missing the way that runner allows, or say exactly what to install.
. "$(dirname "$0")/lib.sh"

SETUP="$(cd "$(dirname "$0")/.." && pwd)/tools/action-setup.sh"
# machine NAME OS UID TOOL...: a runner with those commands (and sh, env).
machine() {
	m=$T_ROOT/$1
	os=$2
	uid=$3
	shift 3
	rm -rf "$m"
	mkdir -p "$m/bin"
	ln -s "$(command -v sh)" "$m/bin/sh"
	ln -s "$(command -v env)" "$m/bin/env"
	ln -s "$(command -v head)" "$m/bin/head"
	printf '#!/bin/sh\necho %s\n' "$os" >"$m/bin/uname"
	printf '#!/bin/sh\necho %s\n' "$uid" >"$m/bin/id"
	for t in "$@"; do
		case "$t" in
		pkg-config:*)
			# pkg-config that knows the listed modules.
			mods=${t#pkg-config:}
			printf '#!/bin/sh\n[ "$1" = --exists ] || exit 1\ncase " %s " in *" $2 "*) exit 0 ;; esac\nexit 1\n' \
				"$(printf '%s' "$mods" | tr , ' ')" >"$m/bin/pkg-config"
			;;
		apt-cache | apt-cache:*)
			# apt-cache that knows the listed packages (none by default).
			pkgs=${t#apt-cache}
			pkgs=${pkgs#:}
			printf '#!/bin/sh\necho "apt-cache $*" >>"%s/log"\ncase " %s " in *" $2 "*) exit 0 ;; esac\nexit 100\n' \
				"$m" "$(printf '%s' "$pkgs" | tr , ' ')" >"$m/bin/apt-cache"
			;;
		sudo)
			printf '#!/bin/sh\necho "sudo $*" >>"%s/log"\n[ "$1" = -n ] && shift\n[ "$1" = true ] && exit 0\nexec "$@"\n' "$m" >"$m/bin/sudo"
			;;
		sudo-password)
			printf '#!/bin/sh\necho "sudo $*" >>"%s/log"\necho "sudo: a password is required" >&2\nexit 1\n' "$m" >"$m/bin/sudo"
			;;
		*)
			printf '#!/bin/sh\necho "%s $*" >>"%s/log"\n' "$t" "$m" >"$m/bin/$t"
			;;
		esac
		chmod +x "$m/bin/"* 2>/dev/null
	done
	chmod +x "$m/bin/"*
	: >"$m/log"
}
setup() { # NAME [VAR=VALUE...]: runs the script on machine NAME
	m=$T_ROOT/$1
	shift
	env -i PATH="$m/bin" "$@" "$m/bin/sh" "$SETUP" >"$m/out" 2>&1
	rc=$?
}
ALL_LIBS=pkg-config:libgit2,libcjson,libpcre2-8,libcrypto

# Hosted Ubuntu with everything: nothing installed, nothing asked.
machine full Linux 1001 cc make git jq gh sudo apt-get apt-cache "$ALL_LIBS"
setup full GH_TOKEN=t
check "full: exit 0" [ "$rc" -eq 0 ]
check "full: says so" grep -q 'everything needed is installed' "$T_ROOT/full/out"
check "full: apt-get not run" sh -c '! grep -q "apt-get install" "$1"' - "$T_ROOT/full/log"

# Hosted Ubuntu without the libraries: sudo apt-get installs them.
machine hosted Linux 1001 cc make git jq sudo apt-get apt-cache pkg-config:
setup hosted
check "hosted: exit 0" [ "$rc" -eq 0 ]
check "hosted: apt-get through sudo, the four libraries" \
	grep -q '^apt-get install -y -qq libgit2-dev libcjson-dev libpcre2-dev libssl-dev' "$T_ROOT/hosted/log"
check "hosted: sudo asked first whether it needs a password" grep -q '^sudo -n true' "$T_ROOT/hosted/log"

# A container job: root, no sudo, no compiler or pkg-config.
machine container Linux 0 git apt-get apt-cache
setup container
check "container: exit 0" [ "$rc" -eq 0 ]
check "container: apt-get as root, with the compiler and pkg-config" \
	grep -q '^apt-get install -y -qq build-essential make jq pkg-config libgit2-dev libcjson-dev libpcre2-dev libssl-dev' "$T_ROOT/container/log"
check "container: no sudo" sh -c '! grep -q "^sudo" "$1"' - "$T_ROOT/container/log"

# Self-hosted, not root, sudo wants a password: nothing can be installed.
machine selfhosted Linux 1001 cc make git jq sudo-password apt-get apt-cache pkg-config:libgit2
setup selfhosted
check "selfhosted: exit 1" [ "$rc" -eq 1 ]
check "selfhosted: names what is missing and how to install it" \
	grep -q "::error title=riskgate setup::missing: libcjson-dev libpcre2-dev libssl-dev; this runner is not root and has no password-less sudo.*apt-get install -y libcjson-dev libpcre2-dev libssl-dev" "$T_ROOT/selfhosted/out"
check "selfhosted: apt-get never run" sh -c '! grep -q "^apt-get" "$1"' - "$T_ROOT/selfhosted/log"

# The optional libraries where packaged: installed as root, or only said.
machine optional Linux 0 cc make git jq apt-get apt-cache:librnp-dev "$ALL_LIBS"
setup optional
check "optional: exit 0" [ "$rc" -eq 0 ]
check "optional: librnp installed as root" grep -q '^apt-get install -y -qq librnp-dev$' "$T_ROOT/optional/log"
machine optional-user Linux 1001 cc make git jq sudo-password apt-get apt-cache:librnp-dev "$ALL_LIBS"
setup optional-user
check "optional-user: exit 0, and says what is not installed" \
	sh -c '[ "$1" -eq 0 ] && grep -q "optional, not installed: librnp-dev" "$2"' - "$rc" "$T_ROOT/optional-user/out"

# Not Debian: no apt-get.
machine noapt Linux 0 cc make git jq pkg-config:libgit2,libcjson
setup noapt
check "noapt: exit 1, with the list" \
	sh -c '[ "$1" -eq 1 ] && grep -q "missing (Debian/Ubuntu names): libpcre2-dev libssl-dev; this runner has no apt-get" "$2"' - "$rc" "$T_ROOT/noapt/out"

# A token but no gh: said, not fatal.
machine nogh Linux 1001 cc make git jq sudo apt-get apt-cache "$ALL_LIBS"
setup nogh GH_TOKEN=t
check "nogh: exit 0" [ "$rc" -eq 0 ]
check "nogh: warns that reviews cannot be read" \
	grep -q '^::warning title=riskgate setup::gh (the GitHub CLI) is not installed' "$T_ROOT/nogh/out"
setup nogh
check "nogh: no warning without a token" sh -c '! grep -q "gh (the GitHub CLI)" "$1"' - "$T_ROOT/nogh/out"

# macOS with Homebrew: brew installs the libraries.
machine mac Darwin 501 cc make git brew pkg-config:libgit2
setup mac
check "mac: exit 0" [ "$rc" -eq 0 ]
check "mac: brew installs what is missing" grep -q '^brew install jq cjson pcre2 openssl@3' "$T_ROOT/mac/log"
# ... and without it: the command to run.
machine macnobrew Darwin 501 cc make git jq pkg-config:libgit2,libcjson,libpcre2-8,libcrypto
setup macnobrew
check "macnobrew: everything there: exit 0" [ "$rc" -eq 0 ]
machine macbare Darwin 501 cc make git
setup macbare
check "macbare: exit 1 with the brew command" \
	sh -c '[ "$1" -eq 1 ] && grep -q "Homebrew is not installed to install them (brew install pkg-config jq libgit2 cjson pcre2 openssl@3)" "$2"' - "$rc" "$T_ROOT/macbare/out"
machine macnocc Darwin 501 make git brew
setup macnocc
check "macnocc: no compiler: the Command Line Tools" \
	sh -c '[ "$1" -eq 1 ] && grep -q "xcode-select --install" "$2"' - "$rc" "$T_ROOT/macnocc/out"

machine windows Windows_NT 0 cc make git
setup windows
check "windows: refused with the reason" \
	sh -c '[ "$1" -eq 1 ] && grep -q "unsupported runner OS Windows_NT" "$2"' - "$rc" "$T_ROOT/windows/out"

finish action_setup
