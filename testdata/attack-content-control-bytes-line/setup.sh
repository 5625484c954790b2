. "$CASE/../_lib.sh"
# No NUL byte, so git (and the gate) call this text, but a line of control
# bytes used to tip a second, different binary heuristic into skipping it.
mkfile app/sync.py 'def sync(): pass'
commit "initial"
git checkout -q -b feature
{ printf 'def sync():\n    try:\n        go()\n    except:\n        pass\n'; i=0; while [ $i -lt 40 ]; do printf '#\001\002\003\004\005\006\016\017\020\021\022\023\024\025\026\027\030\031\032\034\035\036\037\n'; i=$((i+1)); done; } > app/sync.py
commit "sync"
