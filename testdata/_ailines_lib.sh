# A repository for the ai-lines cases: src/pay/charge.py and docs/guide.md on
# main, then a `feature` branch. ai_note writes a git-ai note
# (authorship/3.0.0) on a commit.
. "$CASE/../_lib.sh"
mkdir -p src/pay docs
printf 'import logging\n\nlog = logging.getLogger(__name__)\n' > src/pay/charge.py
printf '# Guide\n' > docs/guide.md
commit "initial"
git checkout -q -b feature

# ai_note COMMIT "PATH RANGES" ["PATH RANGES"...]: a note on COMMIT whose
# attestations are by one Claude session, except a "PATH RANGES" written
# "codex:PATH RANGES", which is by a Codex session.
ai_note() {
	rev=$1
	shift
	: > ../note
	for a in "$@"; do
		key=s_c9883b05a2487d::t_9f8e7d6c5b4a32
		case $a in codex:*) key=s_1111aaaa2222bb::t_33334444; a=${a#codex:} ;; esac
		printf '%s\n  %s %s\n' "${a% *}" "$key" "${a##* }" >> ../note
	done
	ai_note_meta >> ../note
	git notes --ref=ai add -f -F ../note "$rev"
}

# ai_note_meta: the part of a note after its attestations, naming the
# Claude and the Codex session.
ai_note_meta() {
	cat <<'NOTE'
---
{
  "schema_version": "authorship/3.0.0",
  "git_ai_version": "1.4.5",
  "base_commit_sha": "7734793b756b3921c88db5375a8c156e9532447b",
  "prompts": {},
  "sessions": {
    "s_c9883b05a2487d": {"agent_id": {"tool": "claude", "id": "c1", "model": "claude-sonnet-4"}},
    "s_1111aaaa2222bb": {"agent_id": {"tool": "codex", "id": "c2", "model": "gpt-5-codex"}}
  }
}
NOTE
}
