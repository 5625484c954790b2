. "$CASE/../_lib.sh"
mkdir -p "$(dirname 'app/tasks.py')"
cat > 'app/tasks.py' <<'EOF'
import subprocess
EOF
mkdir -p tests
: > tests/test_app.py
commit initial
git checkout -q -b feature
mkdir -p "$(dirname 'app/tasks.py')"
cat > 'app/tasks.py' <<'EOF'
import subprocess

def run(cmd):
    return subprocess.Popen(cmd, shell=1)
EOF
echo '# touched' >> tests/test_app.py
commit 'change'
