#!/bin/sh
# git-ai notes (refs/notes/ai) as provenance evidence, on real repositories
# whose notes are written with `git notes --ref=ai add -F`: git-ai writes a
# note on every commit, so only a note that attests lines to an AI session
# makes a commit AI-assisted; a malformed note is an input error (exit 2)
# that names the commit, never "not AI" and never silently "AI".
. "$(dirname "$0")/lib.sh"

# A repository whose only requirement is "no AI" on every file, and a
# `feature` branch with one commit (src/app.c) that the caller annotates.
setup() {
	R=$T_ROOT/$1
	git init -q "$R"
	cat >"$R/.riskgate.json" <<'EOF'
{"version": 1, "name": "notes", "default_tier": "all",
 "tiers": [{"name": "all", "paths": [], "require": {"provenance": {"ai_allowed": false}}}]}
EOF
	printf 'int main(void) { return 0; }\n' >"$R/README"
	git -C "$R" add -A && git -C "$R" commit -q -m initial
	git -C "$R" checkout -q -b feature
	mkdir -p "$R/src"
	printf 'int f(void)\n{\n\treturn 1;\n}\n' >"$R/src/app.c"
	# The file the AI notes below name with a quoted path: a note names
	# lines its commit has (docs/policy.md, "AI-written lines").
	seq 1 12 | sed 's/.*/int v& = &;/' >"$R/src/my file.c"
	git -C "$R" add -A && git -C "$R" commit -q -m "Add f"
}

# note FILE [COMMIT]: attaches FILE as the git-ai note of COMMIT (HEAD).
note() { git -C "$R" notes --ref=ai add -f -F "$1" "${2:-HEAD}"; }

# run [ARGS...]: the gate on main..feature; sets $rc, $R/out.json, $R/out.txt.
run() {
	"$RISKGATE" check --repo "$R" --base main --head feature --json "$R/out.json" "$@" \
		>"$R/out.txt" 2>&1
	rc=$?
}

jq_true() { # NAME FILTER: FILTER is true of out.json
	if [ -f "$R/out.json" ] && [ "$(jq -r "$2" "$R/out.json")" = true ]; then
		pass
	else
		fail "$1: not true: $2"
		cat "$R/out.txt" >&2
	fi
}

exits() { # NAME WANT
	if [ "$rc" = "$2" ]; then pass; else
		fail "$1: exit $rc, expected $2"
		sed 's/^/    /' "$R/out.txt" | head -n 20 >&2
	fi
}

out_has() { # NAME TEXT
	if grep -qF -- "$2" "$R/out.txt"; then pass; else
		fail "$1: output lacks: $2"
		sed 's/^/    /' "$R/out.txt" | head -n 20 >&2
	fi
}

# --- a human-only note, exactly as git-ai writes it for a human commit ------
setup human
cat >"$T_ROOT/human.note" <<'EOF'
---
{
  "schema_version": "authorship/3.0.0",
  "git_ai_version": "1.4.5",
  "base_commit_sha": "7734793b756b3921c88db5375a8c156e9532447b",
  "prompts": {}
}
EOF
note "$T_ROOT/human.note"
run
exits "human-only note: not AI, passes" 0
jq_true "human-only note: not AI" '.commits[0].ai_assisted == false and .commits[0].evidence == null'
jq_true "human-only note: reported" '.commits[0].git_ai_note.ai == false and .commits[0].git_ai_note.files == []'

# Known-human attestations (h_ keys) are not AI either.
cat >"$T_ROOT/known-human.note" <<'EOF'
src/app.c
  h_31dce776f88375 1-4
---
{
  "schema_version": "authorship/3.0.0",
  "base_commit_sha": "7734793b756b3921c88db5375a8c156e9532447b",
  "prompts": {},
  "humans": {"h_31dce776f88375": {"author": "Test Author <author@example.com>"}}
}
EOF
note "$T_ROOT/known-human.note"
run
exits "known-human note: passes" 0
jq_true "known-human note: 4 human lines" '.commits[0].ai_assisted == false and .commits[0].git_ai_note.human_lines == 4'

# A session that wrote no line of the commit (an empty attestation section,
# prompts in the metadata) is not evidence.
cat >"$T_ROOT/unused-session.note" <<'EOF'
---
{"schema_version": "authorship/3.0.0", "base_commit_sha": "abc",
 "prompts": {"c9883b05a2487d6d": {"agent_id": {"tool": "cursor", "id": "x", "model": "gpt-4"},
   "human_author": null, "total_additions": 0, "total_deletions": 0,
   "accepted_lines": 0, "overriden_lines": 0}}}
EOF
note "$T_ROOT/unused-session.note"
run
exits "session without lines: passes" 0

# --- AI attestations: sessions, legacy prompts, ranges kept --------------------
setup ai
cat >"$T_ROOT/ai.note" <<'EOF'
src/app.c
  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-2,4
  s_c9883b05a2487d::t_a1b2c3d4e5f678 3
  h_31dce776f88375 5-9
"src/my file.c"
  abcd1234abcd1234 10-12
---
{
  "schema_version": "authorship/3.0.0",
  "git_ai_version": "1.4.5",
  "base_commit_sha": "7734793b756b3921c88db5375a8c156e9532447b",
  "prompts": {
    "abcd1234abcd1234": {
      "agent_id": {"tool": "cursor", "id": "old", "model": "gpt-4"},
      "human_author": "Developer <dev@example.com>",
      "total_additions": 3, "total_deletions": 0, "accepted_lines": 3, "overriden_lines": 0
    }
  },
  "humans": {"h_31dce776f88375": {"author": "Developer <dev@example.com>"}},
  "sessions": {
    "s_c9883b05a2487d": {
      "agent_id": {"tool": "claude", "id": "conv_1", "model": "claude-sonnet-4"},
      "human_author": "dev@example.com"
    }
  }
}
EOF
note "$T_ROOT/ai.note"
run
exits "AI note: AI is not allowed" 1
jq_true "AI note: AI-assisted" '.commits[0].ai_assisted == true'
jq_true "AI note: evidence" '.commits[0].evidence == "git-ai note: 2 files, 7 lines by claude (claude-sonnet-4), cursor (gpt-4)"'
jq_true "AI note: ranges merged per file" '.commits[0].git_ai_note.files[0] == {"path": "src/app.c", "lines": 4, "ranges": [[1, 4]]}'
jq_true "AI note: quoted path" '.commits[0].git_ai_note.files[1] == {"path": "src/my file.c", "lines": 3, "ranges": [[10, 12]]}'
jq_true "AI note: agents" '.commits[0].git_ai_note.agents == [{"tool": "claude", "model": "claude-sonnet-4"}, {"tool": "cursor", "model": "gpt-4"}]'
jq_true "AI note: human lines apart" '.commits[0].git_ai_note.ai_lines == 7 and .commits[0].git_ai_note.human_lines == 5'
out_has "AI note: text output says so" "AI-assisted: git-ai note: 2 files, 7 lines by claude"

# --- a note on one commit of a range affects only that commit -----------------
setup range
printf 'int g(void) { return 2; }\n' >"$R/src/g.c"
git -C "$R" add -A && git -C "$R" commit -q -m "Add g"
note "$T_ROOT/ai.note" HEAD~1
note "$T_ROOT/human.note" HEAD
run
exits "one noted commit: fails" 1
jq_true "one noted commit: it is AI" '[.commits[] | select(.subject == "Add f")][0].ai_assisted == true'
jq_true "one noted commit: the other is not" '[.commits[] | select(.subject == "Add g")][0] | .ai_assisted == false and .git_ai_note.ai == false'
jq_true "one noted commit: a commit without a note" '[.commits[] | select(.subject == "Add g")][0].evidence == null'
git -C "$R" notes --ref=ai remove HEAD 2>/dev/null
run
jq_true "no note: git_ai_note is null" '[.commits[] | select(.subject == "Add g")][0].git_ai_note == null'

# --- the notes ref is the policy's ---------------------------------------------
setup otherref
git -C "$R" notes --ref=ai add -f -F "$T_ROOT/ai.note" HEAD
sed 's/"tiers"/"provenance": {"notes_ref": "refs\/notes\/agents"}, "tiers"/' "$R/.riskgate.json" >"$T_ROOT/otherref.json"
run --policy "$T_ROOT/otherref.json"
exits "another notes ref: refs/notes/ai is not read" 0
git -C "$R" notes --ref=agents add -f -F "$T_ROOT/ai.note" HEAD
run --policy "$T_ROOT/otherref.json"
exits "another notes ref: read" 1

# --- malformed notes: an input error naming the commit and the problem --------
setup malformed
sha=$(git -C "$R" rev-parse --short=12 HEAD)
meta='{"schema_version": "authorship/3.0.0", "base_commit_sha": "abc", "prompts": {},
 "sessions": {"s_c9883b05a2487d": {"agent_id": {"tool": "claude", "id": "x", "model": "m"}}}}'
bad() { # NAME MESSAGE: the note in $T_ROOT/bad.note is refused with MESSAGE
	note "$T_ROOT/bad.note"
	run
	exits "malformed ($1): input error" 2
	out_has "malformed ($1): names the commit" "commit $sha: the git-ai note in refs/notes/ai"
	out_has "malformed ($1): says why" "$2"
	jq_true "malformed ($1): an error report" '.verdict == "error" and .errors[0].class == "input" and ([.commits[] | has("ai_assisted")] | any | not)'
	rm -f "$R/out.json"
}
printf 'src/app.c\n  s_c9883b05a2487d::t_9f8e7d6c5b4a32 5-2\n---\n%s\n' "$meta" >"$T_ROOT/bad.note"
bad "range 5-2" "line 2: a line range ends before it starts"
printf 'src/app.c\n  s_c9883b05a2487d::t_9f8e7d6c5b4a32 0-2\n---\n%s\n' "$meta" >"$T_ROOT/bad.note"
bad "line 0" "line 2: a line range is not N or N-M"
printf 'src/app.c\n  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1,x\n---\n%s\n' "$meta" >"$T_ROOT/bad.note"
bad "not a number" "a line range is not N or N-M"
printf 'src/app.c\n  s_c9883b05a2487d::t_9f8e7d6c5b4a32 4,1\n---\n%s\n' "$meta" >"$T_ROOT/bad.note"
bad "descending" "not in ascending order"
printf 'src/app.c\n  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-4\n' >"$T_ROOT/bad.note"
bad "no metadata" 'no "---" line'
printf 'src/app.c\n  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-4\n---\n' >"$T_ROOT/bad.note"
bad "empty metadata" "metadata line"
printf 'src/app.c\n  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-4\n---\n{"schema_version": "authorship/3.0.0",\n' >"$T_ROOT/bad.note"
bad "truncated JSON" "metadata line"
printf 'src/app.c\n  s_0000000000000a::t_9f8e7d6c5b4a32 1-4\n---\n%s\n' "$meta" >"$T_ROOT/bad.note"
bad "unknown session" "attestation key s_0000000000000a names no session of the metadata"
printf 'src/app.c\n  0123456789abcdef 1-4\n---\n%s\n' "$meta" >"$T_ROOT/bad.note"
bad "unknown prompt" "names no prompt of the metadata"
printf 'src/app.c\n  h_0000000000000a 1-4\n---\n%s\n' "$meta" >"$T_ROOT/bad.note"
bad "unknown human" "names no human of the metadata"
printf 'src/app.c\n  claude 1-4\n---\n%s\n' "$meta" >"$T_ROOT/bad.note"
bad "not a key" "an attestation key is none of"
printf '  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-4\n---\n%s\n' "$meta" >"$T_ROOT/bad.note"
bad "no file" "an attestation comes before any file path"
printf 'src/app.c\n s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-4\n---\n%s\n' "$meta" >"$T_ROOT/bad.note"
bad "one-space indent" "neither a file path nor a two-space attestation"
printf '{"agent": "claude"}\n' >"$T_ROOT/bad.note"
bad "garbage" 'no "---" line'
printf '\033[31mhello\n---\nnot json\n' >"$T_ROOT/bad.note"
bad "garbage JSON" "metadata line 1 (line 3 of the note)"
printf -- '---\n{"schema_version": "authorship/2.0.0", "base_commit_sha": "a", "prompts": {}}\n' >"$T_ROOT/bad.note"
bad "old schema" 'unsupported schema_version "authorship/2.0.0"'
printf -- '---\n{"base_commit_sha": "a", "prompts": {}}\n' >"$T_ROOT/bad.note"
bad "no schema" "metadata has no schema_version"
printf -- '---\n{"schema_version": "authorship/3.0.0", "base_commit_sha": "a"}\n' >"$T_ROOT/bad.note"
bad "no prompts" 'metadata has no "prompts" object'
printf -- '---\n[]\n' >"$T_ROOT/bad.note"
bad "not an object" "metadata is not a JSON object"
printf 'src/app.c\n  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-4\n---\n{"schema_version": "authorship/3.0.0", "base_commit_sha": "abc", "prompts": {}, "sessions": {"s_c9883b05a2487d": {"agent_id": {"id": "x"}}}}\n' >"$T_ROOT/bad.note"
bad "session without tool" "agent_id needs a tool"
: >"$T_ROOT/bad.note"
git -C "$R" notes --ref=ai add -f --allow-empty -F "$T_ROOT/bad.note" HEAD
run
exits "malformed (empty): input error" 2
# A note past the size limit is refused whole.
{
	printf 'src/app.c\n'
	i=0
	while [ $i -lt 80000 ]; do
		printf '  s_c9883b05a2487d::t_9f8e7d6c5b4a32 %d\n' $((i + 1))
		i=$((i + 1))
	done
	printf -- '---\n%s\n' "$meta"
} >"$T_ROOT/bad.note"
bad "too large" "more than the 1048576 accepted"

# --- hostile text: escaped in the text report, exact in the JSON ---------------
setup hostile
esc=$(printf '\033')
cat >"$T_ROOT/hostile.note" <<'EOF'
src/app.c
  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-4
---
{"schema_version": "authorship/3.0.0", "base_commit_sha": "abc", "prompts": {},
 "sessions": {"s_c9883b05a2487d": {"agent_id": {"tool": "claude\u001b[2J\r\n::error::forged", "id": "x", "model": "m\u001b[31m"}}}}
EOF
note "$T_ROOT/hostile.note"
run
exits "hostile tool name: still AI" 1
if LC_ALL=C grep -q "$esc" "$R/out.txt"; then
	fail "hostile tool name: a raw escape reached the terminal"
else
	pass
fi
if grep -q '^::error::forged' "$R/out.txt"; then
	fail "hostile tool name: a forged line in the output"
else
	pass
fi
jq_true "hostile tool name: exact in JSON" '.commits[0].git_ai_note.agents[0].tool == "claude\u001b[2J\r\n::error::forged"'
run --format github
if grep -q '^::error::forged' "$R/out.txt" || LC_ALL=C grep -q "$esc" "$R/out.txt"; then
	fail "hostile tool name: forged workflow command"
else
	pass
fi

finish ainote
