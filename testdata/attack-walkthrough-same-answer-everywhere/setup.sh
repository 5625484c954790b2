. "$CASE/../_walkthrough_lib.sh"
mkfile src/auth/session.py 'def check(token):
    return True'
commit "Accept every token"
para="We considered this case carefully and the code handles it correctly."
printf '## What happens if a dependency is down or slow?\n%s\n\n## What happens if this runs twice?\n%s\n\n## What happens if the input is ten times larger?\n**%s**\n\n## How is a failure seen in production?\n> %s!\n' \
	"$para" "$para" "$para" "$para" > ../description.md
