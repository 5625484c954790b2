#!/bin/sh
# `make install` as a packager runs it (PREFIX=/usr, DESTDIR=a staging
# directory), then what it installed used the way a user would: the binary
# and its --version against pkg-config's versions of the libraries, every
# manual page rendered by man(1) and found by name, completion asked for
# candidates by bash, fish and zsh, and `make uninstall` leaving nothing.
. "$(dirname "$0")/lib.sh"

root=$(pwd)
stage=$T_ROOT/stage
usr=$stage/usr
for tool in man bash fish zsh pkg-config; do
	command -v "$tool" >/dev/null 2>&1 ||
		{
			echo "install: $tool not found (tools/deps.sh installs it)" >&2
			exit 1
		}
done

make --no-print-directory -C "$root" install DESTDIR="$stage" PREFIX=/usr >"$T_ROOT/install.out" 2>&1
rc=$?
check "make install DESTDIR PREFIX=/usr exits 0 (got $rc): $(tail -3 "$T_ROOT/install.out")" [ "$rc" = 0 ]
for f in bin/riskgate share/man/man1/riskgate.1 share/man/man5/riskgate-policy.5 \
	share/bash-completion/completions/riskgate share/zsh/vendor-completions/_riskgate \
	share/fish/vendor_completions.d/riskgate.fish share/doc/riskgate/policy.md \
	share/riskgate/policies/default.json; do
	check "installed: /usr/$f" [ -f "$usr/$f" ]
done
check "the installed binary is executable" [ -x "$usr/bin/riskgate" ]
# Nothing lands outside PREFIX under DESTDIR.
outside=$(cd "$stage" && find . -type f ! -path './usr/*')
check "nothing installed outside PREFIX: $outside" [ -z "$outside" ]
bin=$usr/bin/riskgate

# --version: the libraries' own versions, which must be the ones installed.
cd "$T_ROOT" || exit 1
"$bin" --version >version.out 2>&1
check "--version exits 0" [ $? = 0 ]
"$RISKGATE" --version >version.built 2>&1
check "the installed binary is the one built: --version alike" cmp -s version.out version.built
version_of() { sed -n "s/^$1 //p" version.out; }
check "--version starts with riskgate's own" grep -q '^riskgate [0-9]' version.out
check "libgit2 $(version_of libgit2) = pkg-config's $(pkg-config --modversion libgit2)" \
	[ "$(version_of libgit2)" = "$(pkg-config --modversion libgit2)" ]
case "$(version_of PCRE2)" in
"$(pkg-config --modversion libpcre2-8) "*) pass ;;
*) fail "PCRE2 $(version_of PCRE2) is not pkg-config's $(pkg-config --modversion libpcre2-8)" ;;
esac
check "cJSON $(version_of cJSON) = pkg-config's $(pkg-config --modversion libcjson)" \
	[ "$(version_of cJSON)" = "$(pkg-config --modversion libcjson)" ]
case "$(version_of libcrypto)" in
*" $(pkg-config --modversion libcrypto) "*) pass ;;
*) fail "libcrypto $(version_of libcrypto) does not name pkg-config's $(pkg-config --modversion libcrypto)" ;;
esac

# Every command the help lists has a page; each renders without a warning,
# is found by name, and its synopsis names every option the help's usage
# names (the page is made from the help; this catches a page that lost it).
render() { MANWIDTH=100 man --warnings -M "$usr/share/man" "$@" 2>render.err; }
commands=$("$bin" --help | sed -n '/^commands:$/,/^$/s/^  \([a-z-]*\) .*/\1/p')
check "the help lists commands" [ -n "$commands" ]
for page in riskgate $(printf 'riskgate-%s ' $commands); do
	render 1 "$page" >page.txt
	rc=$?
	check "man 1 $page renders (exit $rc)" [ "$rc" = 0 ]
	check "man 1 $page: no warnings: $(head -2 render.err)" [ ! -s render.err ]
	check "man 1 $page: its title" grep -q "^$(echo "$page" | tr a-z A-Z)(1)" page.txt
	cmd=${page#riskgate}
	cmd=${cmd#-}
	if [ -n "$cmd" ]; then
		"$bin" "$cmd" --help | sed -n '1,/^$/p' | grep -o -- '--[a-z][a-z0-9-]*' | sort -u >opts.help
		sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' page.txt >synopsis.txt
		for o in $(cat opts.help); do
			check "man 1 $page: its synopsis names $o" grep -q -- "$o" synopsis.txt
		done
	fi
done
check "riskgate(1) names every command's page" \
	sh -c "render_out=\$(MANWIDTH=300 man -M '$usr/share/man' 1 riskgate 2>/dev/null); for c in $(echo $commands); do echo \"\$render_out\" | grep -q \"riskgate-\$c(1)\" || exit 1; done"

# riskgate-policy(5) is docs/policy.md: every section heading there is one
# in the page, and no markdown is left showing.
render 5 riskgate-policy >policy5.txt
rc=$?
check "man 5 riskgate-policy renders (exit $rc)" [ "$rc" = 0 ]
check "man 5 riskgate-policy: no warnings: $(head -2 render.err)" [ ! -s render.err ]
sed -n 's/^## //p' "$root/docs/policy.md" | sed 's/`//g; s/\[\([^]]*\)\]([^)]*)/\1/g' | tr a-z A-Z >headings
check "docs/policy.md has section headings" [ -s headings ]
while IFS= read -r h; do
	check "man 5 riskgate-policy has section '$h'" grep -qF "$h" policy5.txt
done <headings
check "no code fence left in riskgate-policy(5)" sh -c '! grep -q "\`\`\`" policy5.txt'
check "no link syntax left in riskgate-policy(5)" sh -c '! grep -Eq "\]\((#|https?:|[a-z-]+\.md)" policy5.txt'
check "riskgate-policy(5) keeps the policy example" grep -q '"default_tier": "normal"' policy5.txt
# Bold that spans code, and code that holds **: no markup left over.
check "no stray ** in riskgate-policy(5): $(grep -E '[A-Za-z]\*\*|\*\*[A-Za-z]' policy5.txt | head -2)" \
	sh -c "! grep -Eq '[A-Za-z]\*\*|\*\*[A-Za-z]' policy5.txt"
check "bold around code kept whole" grep -q "Unlike a require_when block, a rule's when can take" policy5.txt

# A binary whose help fails must fail the generation, not leave an empty
# page or a completion that offers nothing.
printf '#!/bin/sh\n[ "$1" = explain ] && exit 3\nexec "%s" "$@"\n' "$bin" >badbin
chmod +x badbin
sh "$root/tools/docgen/man.sh" ./badbin badman >/dev/null 2>&1
check "man.sh fails when a command's --help fails" [ $? != 0 ]
sh "$root/tools/docgen/completions.sh" ./badbin badcomp >/dev/null 2>&1
check "completions.sh fails when a command's --help fails" [ $? != 0 ]

# bash: the completion function, asked as bash asks it.
bash_complete() {
	bash -c '. "$1"; shift; line=$1; read -r -a COMP_WORDS <<<"$line"
		case $line in *" ") COMP_WORDS+=("") ;; esac
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _riskgate; printf "%s\n" "${COMPREPLY[@]}"' \
		_ "$usr/share/bash-completion/completions/riskgate" "$1"
}
# fish: `complete -C` prints what fish would offer for a command line.
fish_complete() {
	fish -c "source '$usr/share/fish/vendor_completions.d/riskgate.fish'; complete -C '$1'" | cut -f1
}
# zsh: the completion function run by zsh itself, with the completion
# system's compadd, _describe and _files recording what they were given.
zsh_complete() {
	zsh -f -c 'compadd() { [[ $1 == -- ]] && shift; print -rl -- "$@"; }
		_files() { print -r -- "(files)"; }
		_describe() { local -a a; a=("${(@P)2}"); print -rl -- ${a%%:*}; }
		words=(${=2}); [[ $2 == *" " ]] && words+=(""); CURRENT=$#words
		PREFIX=$words[CURRENT]; source "$1"' _ "$usr/share/zsh/vendor-completions/_riskgate" "$1" |
		while IFS= read -r w; do case $w in "${1##* }"*) echo "$w" ;; esac; done
}
for sh in bash fish zsh; do
	t() {
		out=$(${sh}_complete "$1")
		case "
$out
" in
		*"
$2
"*) pass ;;
		*) fail "$sh: '$1' does not offer '$2' (offers: $(echo $out))" ;;
		esac
	}
	t "riskgate ch" check
	t "riskgate github-" github-event
	t "riskgate check --ba" --base
	t "riskgate check --simulate-a" --simulate-approve
	t "riskgate hook " pre-receive
	t "riskgate hook " install
	t "riskgate policy " lint
	t "riskgate check --format " sarif
	t "riskgate audit --format " markdown
	t "riskgate hook install --la" --layout
	t "riskgate explain -" -z
	# Prose in a help quotes other tools' options (gpg --export): never offered.
	out=$(${sh}_complete "riskgate check --ex")
	check "$sh: no --export offered for check: $out" [ -z "$(echo "$out" | grep -x -- --export)" ]
	out=$(${sh}_complete "riskgate version --")
	check "$sh: version offers no --version of its own: $out" [ -z "$(echo "$out" | grep -x -- --version)" ]
done

make --no-print-directory -C "$root" uninstall DESTDIR="$stage" PREFIX=/usr >uninstall.out 2>&1
rc=$?
check "make uninstall exits 0 (got $rc)" [ "$rc" = 0 ]
left=$(find "$stage" -type f)
check "make uninstall leaves no file: $left" [ -z "$left" ]

finish install
