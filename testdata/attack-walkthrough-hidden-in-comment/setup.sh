. "$CASE/../_walkthrough_lib.sh"
mkfile src/auth/session.py 'def check(token):
    return True'
commit "Accept every token"
# The answers inside an HTML comment: the rendered description shows only
# the first line, so no reviewer reads them.
answers ../answers.md
{
	printf 'Accept every token.\n<!--\n'
	cat ../answers.md
	printf -- '-->\n'
} > ../description.md
