. "$CASE/../_lib.sh"
# The change declares its own code binary; the gate does not ask the change.
mkfile app/api.py 'def api(): pass'
commit "initial"
git checkout -q -b feature
printf '*.py binary\n*.py -diff -text\n' > .gitattributes
printf 'def api():\n    try:\n        go()\n    except:\n        pass\n' > app/api.py
commit "api"
