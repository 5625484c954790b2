. "$CASE/../_sign_lib.sh"
printf 'def check(token):\n    return True\n' > src/auth/session.py
# A signature by Bob's own key, but made for namespace "file" (as
# `ssh-keygen -Y sign -n file` signs files): not a signature of a git object.
cat > ../sign-file-ns.sh <<'SH'
#!/bin/sh
for a do shift; [ "$a" = git ] && a=file; set -- "$@" "$a"; done
exec ssh-keygen "$@"
SH
chmod +x ../sign-file-ns.sh
as bob bob -c gpg.ssh.program="$(cd .. && pwd)/sign-file-ns.sh" commit -q -S -a -m "Accept every token"
git cat-file commit HEAD | grep -q "^gpgsig -----BEGIN SSH SIGNATURE-----"
cat > ../policy.json <<'JSON'
{
  "version": 1,
  "default_tier": "low",
  "tiers": [
    {"name": "critical", "paths": ["(^|/)auth/"], "require": {"signed_commits": true}},
    {"name": "low", "paths": []}
  ]
}
JSON
