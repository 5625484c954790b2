. "$CASE/../_lib.sh"
# A NUL byte in a comment makes the file binary by git's rule; Python still
# runs it. The swallowed exception below must not pass unread.
mkfile app/handler.py 'def handle(x):
    return x'
mkfile tests/test_handler.py 'def test_handle(): pass'
commit "initial"
git checkout -q -b feature
printf 'def handle(x):\n    # note \000\n    try:\n        return x()\n    except:\n        pass\n' > app/handler.py
mkfile tests/test_handler.py 'def test_handle(): assert True'
commit "handler"
