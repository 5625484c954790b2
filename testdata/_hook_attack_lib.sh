# Helpers for the attack-hook-* cases: a bare server whose main holds a
# policy requiring a human sign-off on every ref ("refs": ["^refs/"]: the
# laundering attacks go through branches and tags the default would not
# gate), with the hook installed, and a clone.
# The case's last push's exit status is the case's.
W=$(pwd)
cat >policy.json <<'EOF'
{"version": 1, "default_tier": "normal",
 "protected_refs": ["^refs/heads/main$", "^refs/tags/"], "refs": ["^refs/"],
 "tiers": [{"name": "normal", "require": {"provenance": {"require_signoff": true}}}]}
EOF
cat >weak.json <<'EOF'
{"version": 1, "default_tier": "normal", "tiers": [{"name": "normal"}]}
EOF

# seed_server [deny]: the server (srv.git, created unless it exists) and
# its clone w, main pushed before any hook is installed.
seed_server() {
	[ -d "$W/srv.git" ] || git init -q --bare "$W/srv.git"
	[ -n "${1:-}" ] && git -C "$W/srv.git" config receive.denyNonFastForwards true
	git init -q "$W/w"
	cp "$W/policy.json" "$W/w/.riskgate.json"
	echo hello >"$W/w/README"
	git -C "$W/w" add -A
	git -C "$W/w" commit -q -s -m initial
	git -C "$W/w" remote add origin ../srv.git
	git -C "$W/w" push -q origin main 2>/dev/null
}

# setup_server [deny]: seed_server, then the hook installed.
setup_server() {
	seed_server "$@"
	"$RISKGATE" hook install --repo "$W/srv.git" >/dev/null 2>&1 || exit 99
}

# push_unsigned: an unsigned commit on main, pushed; its status is the case's.
push_unsigned() {
	echo x >>"$W/w/README" && git -C "$W/w" commit -q -am "unsigned"
	git -C "$W/w" push origin main
}

# weak_bad: branch a-weak, created at main, relaxes the policy by a
# fast-forward (a signed commit, accepted: a new ref cannot bring another
# policy with it); an unsigned commit on it; prints that commit.
weak_bad() {
	git -C "$W/w" push -q origin main:refs/heads/a-weak 2>/dev/null || exit 98
	git -C "$W/w" checkout -q -b a-weak main
	cp "$W/weak.json" "$W/w/.riskgate.json"
	git -C "$W/w" commit -q -s -am "relax the policy on a side branch"
	git -C "$W/w" push -q origin a-weak 2>/dev/null || exit 98
	echo evil >>"$W/w/README"
	git -C "$W/w" commit -q -am "unsigned"
	git -C "$W/w" rev-parse HEAD
	git -C "$W/w" checkout -q main
}
