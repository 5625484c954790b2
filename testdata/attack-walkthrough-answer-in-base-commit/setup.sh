. "$CASE/../_walkthrough_lib.sh"
# Answers in a commit already on main are not this change's.
git checkout -q main
answers ../answers.md
mkfile README.md 'app, v2'
git add -A
{ printf 'Update the readme\n\n'; cat ../answers.md; } | git commit -q -F -
git checkout -q feature
git merge -q --no-edit main
mkfile src/auth/session.py 'def check(token):
    return True'
commit "Accept every token"
