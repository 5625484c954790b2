#!/bin/sh
# Writes bash, zsh and fish completion for riskgate into OUTDIR
# (riskgate.bash, _riskgate, riskgate.fish), from what the binary prints for
# --help: its commands, each command's subcommands (hook pre-receive, policy
# lint), options, which options take a value, and --format's values. The
# help stays the one source; a new option completes once its help lists it.
#
# usage: tools/docgen/completions.sh BINARY OUTDIR
set -eu

bin=$1
out=$2
mkdir -p "$out"

commands=$("$bin" --help | sed -n '/^commands:$/,/^$/s/^  \([a-z-]*\)  *\(.*\)$/\1	\2/p')
[ -n "$commands" ] || {
	echo "completions.sh: '$bin --help' lists no commands" >&2
	exit 1
}

# One line per command, fields separated by ';' (a separator that is not
# white space keeps empty fields): name, summary, subcommands, options, options that
# take a value, --format's values. Options come from the usage lines and
# from the lines of the help that start with an option, never from prose
# (which quotes other tools' options: "gpg --export").
table=$(printf '%s\n' "$commands" | while IFS='	' read -r cmd summary; do
	# A failing or empty help stops the build, not a completion that
	# offers nothing.
	h=$("$bin" "$cmd" --help) && [ -n "$h" ] || {
		echo "completions.sh: '$bin $cmd --help' failed or printed nothing" >&2
		exit 1
	}
	printf '%s\n' "$h" | awk -v cmd="$cmd" -v summary="$summary" '
		function add(list, w) { return index(" " list " ", " " w " ") ? list : list (list == "" ? "" : " ") w }
		NR == 1 || (inusage && /^ /) { inusage = 1; usage = usage " " $0; next }
		{ inusage = 0 }
		/^  -/ { optlines = optlines " " $0 }
		END {
			n = split(usage, w, /[ \t\[\]()]+/)
			for (i = 1; i <= n; i++) {
				if (w[i] == "riskgate" && w[i + 1] == cmd && w[i + 2] ~ /^[a-z][a-z-]*$/ &&
				    w[i + 2] != "riskgate")
					subs = add(subs, w[i + 2])
				# "riskgate --version" is the top level'"'"'s, not the command'"'"'s.
				if (w[i] ~ /^--?[a-z][a-z0-9-]*$/ && w[i - 1] != "riskgate") {
					opts = add(opts, w[i])
					if (w[i + 1] ~ /^[A-Z]/)
						vals = add(vals, w[i])
					if (w[i] == "--format" && w[i + 1] ~ /\|/) {
						f = w[i + 1]
						gsub(/\|/, " ", f)
					}
				}
			}
			n = split(optlines, w, /[ \t\[\](),]+/)
			for (i = 1; i <= n; i++)
				# "riskgate --version" is the top level'"'"'s, not the command'"'"'s.
				if (w[i] ~ /^--?[a-z][a-z0-9-]*$/ && w[i - 1] != "riskgate") {
					opts = add(opts, w[i])
					if (w[i + 1] ~ /^[A-Z]/)
						vals = add(vals, w[i])
				}
			opts = add(opts, "--help")
			printf "%s;%s;%s;%s;%s;%s\n", cmd, summary, subs, opts, vals, f
		}'
done)

names=$(printf '%s\n' "$commands" | cut -f1 | tr '\n' ' ' | sed 's/ $//')

# bash
{
	echo "# bash completion for riskgate (generated from its --help)"
	echo "_riskgate() {"
	echo '	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} subs="" opts="" vals="" formats=""'
	echo '	if [ "$COMP_CWORD" -eq 1 ]; then'
	echo "		COMPREPLY=(\$(compgen -W \"$names --help --version\" -- \"\$cur\"))"
	echo '		return'
	echo '	fi'
	echo '	case ${COMP_WORDS[1]} in'
	printf '%s\n' "$table" | while IFS=';' read -r cmd summary subs opts vals formats; do
		echo "	$cmd) subs=\"$subs\" opts=\"$opts\" vals=\"$vals\" formats=\"$formats\" ;;"
	done
	echo '	esac'
	echo '	if [ "$prev" = --format ] && [ -n "$formats" ]; then'
	echo '		COMPREPLY=($(compgen -W "$formats" -- "$cur"))'
	echo '	elif [[ " $vals " == *" $prev "* ]]; then'
	echo '		COMPREPLY=($(compgen -f -- "$cur"))'
	echo '	elif [ "$COMP_CWORD" -eq 2 ] && [ -n "$subs" ]; then'
	echo '		COMPREPLY=($(compgen -W "$subs" -- "$cur"))'
	echo '	elif [[ $cur == -* ]]; then'
	echo '		COMPREPLY=($(compgen -W "$opts" -- "$cur"))'
	echo '	else'
	echo '		COMPREPLY=($(compgen -f -- "$cur"))'
	echo '	fi'
	echo '}'
	echo 'complete -o filenames -F _riskgate riskgate'
} >"$out/riskgate.bash"

# zsh
{
	echo "#compdef riskgate"
	echo "# zsh completion for riskgate (generated from its --help)"
	echo 'local -a subs opts vals formats'
	echo 'if (( CURRENT == 2 )); then'
	printf '%s' '	local -a cmds; cmds=('
	printf '%s\n' "$table" | while IFS=';' read -r cmd summary rest; do
		printf " '%s:%s'" "$cmd" "$(printf '%s' "$summary" | sed "s/'/'\\\\''/g")"
	done
	echo ')'
	echo "	_describe 'riskgate command' cmds"
	echo '	return'
	echo 'fi'
	echo 'case $words[2] in'
	printf '%s\n' "$table" | while IFS=';' read -r cmd summary subs opts vals formats; do
		echo "$cmd) subs=($subs) opts=($opts) vals=($vals) formats=($formats) ;;"
	done
	echo 'esac'
	echo 'if [[ $words[CURRENT-1] == --format ]] && (( $#formats )); then'
	echo '	compadd -- $formats'
	echo 'elif (( ${vals[(Ie)$words[CURRENT-1]]} )); then'
	echo '	_files'
	echo 'elif (( CURRENT == 3 )) && (( $#subs )); then'
	echo '	compadd -- $subs'
	echo 'elif [[ $PREFIX == -* ]]; then'
	echo '	compadd -- $opts'
	echo 'else'
	echo '	_files'
	echo 'fi'
} >"$out/_riskgate"

# fish
{
	echo "# fish completion for riskgate (generated from its --help)"
	echo "complete -c riskgate -f"
	printf '%s\n' "$table" | while IFS=';' read -r cmd summary subs opts vals formats; do
		printf "complete -c riskgate -n __fish_use_subcommand -a %s -d '%s'\n" "$cmd" \
			"$(printf '%s' "$summary" | sed "s/'/\\\\'/g")"
		for s in $subs; do
			echo "complete -c riskgate -n '__fish_seen_subcommand_from $cmd; and not __fish_seen_subcommand_from $subs' -a $s"
		done
		for o in $opts; do
			case $o in
			--*) flag="-l ${o#--}" ;;
			*) flag="-s ${o#-}" ;;
			esac
			extra=""
			case " $vals " in
			*" $o "*) extra=" -r -F" ;;
			esac
			if [ "$o" = --format ] && [ -n "$formats" ]; then
				extra=" -x -a '$formats'"
			fi
			echo "complete -c riskgate -n '__fish_seen_subcommand_from $cmd' $flag$extra"
		done
	done
} >"$out/riskgate.fish"
