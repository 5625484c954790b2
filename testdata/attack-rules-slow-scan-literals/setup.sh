. "$CASE/../_lib.sh"
# A line of 40000 adjacent SQL literals: a pattern that rescans the rest of
# the line from each literal takes minutes, long enough for a hook's
# deadline to pass. The swallowed exception below it must still be found,
# quickly.
mkdir -p app tests
printf 'def sync():\n    return push()\n' > app/sync.py
: > tests/test_app.py
commit initial
git checkout -q -b feature
{
	printf 'Q = '
	i=0
	while [ $i -lt 4000 ]; do
		printf '"SELECT a FROM t " "SELECT a FROM t " "SELECT a FROM t " "SELECT a FROM t " "SELECT a FROM t " '
		printf '"SELECT a FROM t " "SELECT a FROM t " "SELECT a FROM t " "SELECT a FROM t " "SELECT a FROM t " '
		i=$((i + 1))
	done
	printf '\n\ndef sync():\n    try:\n        return push()\n    except Exception:\n        pass\n'
} > app/sync.py
echo '# touched' >> tests/test_app.py
commit 'sync quietly'
