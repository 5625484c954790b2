#!/bin/sh
# riskgate never runs another program: it reads the repository through
# libgit2, so a repository's configuration (which can name commands for git
# to run) cannot make the gate run anything. Every command runs here with a
# PATH whose git, sh and friends leave a mark when run, against a repository
# whose configuration names commands in every place git would run one; no
# mark may appear.
. "$(dirname "$0")/lib.sh"
cd "$T_ROOT" || exit 1

mark="$T_ROOT/ran"
mkdir trap
for prog in git sh bash ssh gpg gpgsm ssh-keygen less more pager diff vi git-receive-pack \
	git-upload-pack git-lfs; do
	printf '#!/bin/sh\necho "%s $*" >>"%s"\n' "$prog" "$mark" >"trap/$prog"
	chmod +x "trap/$prog"
done

# The history, built with the real git before the trap is set.
new_repo w
mkdir -p w/src/auth w/tests/auth
printf 'def login(user):\n    return user\n' >w/src/auth/login.py
git -C w add -A && git -C w commit -q -m "login"
git -C w checkout -q -b feature
printf 'def login(user):\n    try:\n        return user\n    except:\n        pass\n' >w/src/auth/login.py
printf 'def test_login():\n    assert True\n' >w/tests/auth/test_login.py
printf 'binary\0data' >w/blob.bin
git -C w add -A
git -C w commit -q -m "login: handle errors" -m "Co-authored-by: Claude <noreply@anthropic.com>"
# A git-ai note, so that reading notes is exercised too.
printf 'src/auth/login.py\n  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-5\n---\n{"schema_version": "authorship/3.0.0", "base_commit_sha": "abc", "prompts": {}, "sessions": {"s_c9883b05a2487d": {"agent_id": {"tool": "claude", "id": "1", "model": "m"}}}}\n' >ai.note
git -C w notes --ref=ai add -F "$T_ROOT/ai.note" HEAD
git clone -q --bare w srv.git

for repo in w srv.git; do
	for kv in "core.fsmonitor=$T_ROOT/trap/git fsmonitor" \
		"core.sshCommand=$T_ROOT/trap/ssh" "core.pager=$T_ROOT/trap/pager" \
		"core.editor=$T_ROOT/trap/vi" "core.hooksPath=$T_ROOT/trap" \
		"core.askPass=$T_ROOT/trap/git" "diff.external=$T_ROOT/trap/diff" \
		"gpg.program=$T_ROOT/trap/gpg" "gpg.ssh.program=$T_ROOT/trap/ssh-keygen" \
		"filter.lfs.process=$T_ROOT/trap/git-lfs" "filter.lfs.smudge=$T_ROOT/trap/git-lfs" \
		"filter.lfs.clean=$T_ROOT/trap/git-lfs" "diff.bin.textconv=$T_ROOT/trap/diff" \
		"credential.helper=!$T_ROOT/trap/sh" "alias.diff=!$T_ROOT/trap/sh" \
		"uploadpack.packObjectsHook=$T_ROOT/trap/sh" "receive.procReceiveRefs=refs/heads"; do
		git -C "$repo" config "${kv%%=*}" "${kv#*=}"
	done
done
printf '* filter=lfs diff=bin\n' >w/.gitattributes
printf '* filter=lfs diff=bin\n' >srv.git/info/attributes

old=$(git -C srv.git rev-parse main)
new=$(git -C srv.git rev-parse feature)

# run NAME ARGS...: riskgate with the trap first on PATH; an error exit
# (2 or more) fails the test too, since a run that stopped early proves
# nothing.
run() {
	name=$1
	shift
	PATH="$T_ROOT/trap:$PATH" GIT_EXEC_PATH="$T_ROOT/trap" EDITOR="$T_ROOT/trap/vi" \
		PAGER="$T_ROOT/trap/pager" GIT_PAGER="$T_ROOT/trap/pager" \
		GIT_SSH_COMMAND="$T_ROOT/trap/ssh" SHELL="$T_ROOT/trap/sh" \
		"$RISKGATE" "$@" >"$T_ROOT/out" 2>&1
	rc=$?
	if [ "$rc" -gt 1 ]; then
		fail "$name: exit $rc"
		sed 's/^/    /' "$T_ROOT/out" >&2
	else
		pass
	fi
	if [ -e "$mark" ]; then
		fail "$name ran another program: $(cat "$mark")"
		rm -f "$mark"
	else
		pass
	fi
}

run "check" check --repo w --base main --head feature
run "check json" check --repo w --base main --head feature --format json --json "$T_ROOT/r.json"
run "check sarif" check --repo w --base main --head feature --sarif "$T_ROOT/r.sarif" \
	--markdown "$T_ROOT/r.md"
run "check in a bare repository" check --repo srv.git --base main --head feature
run "audit" audit --repo w main..feature
run "explain" explain src/auth/login.py
run "policy lint" policy lint
(cd w && run "check from the work tree, default base" check --base main)
printf '%s %s refs/heads/main\n' "$old" "$new" >"$T_ROOT/push"
GIT_DIR="$T_ROOT/srv.git"
export GIT_DIR
run "hook pre-receive" hook pre-receive <"$T_ROOT/push"
unset GIT_DIR

# The trap itself works: the same PATH makes a plain `git` leave its mark.
PATH="$T_ROOT/trap:$PATH" git --version >/dev/null 2>&1
check "the trap catches a run of git" test -s "$mark"

finish noexec
