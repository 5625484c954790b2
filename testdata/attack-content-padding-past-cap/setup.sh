. "$CASE/../_lib.sh"
# Text padded past the 1 MiB size cap is not read: it must not be cleared.
mkfile app/jobs.py 'def run(): pass'
commit "initial"
git checkout -q -b feature
{ printf 'def run():\n    try:\n        go()\n    except:\n        pass\n'; i=0; while [ $i -lt 20000 ]; do printf '# %s\n' 'padding padding padding padding padding padding padding'; i=$((i+1)); done; } > app/jobs.py
commit "jobs"
