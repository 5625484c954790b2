. "$CASE/../_lib.sh"
# No extension: the shebang says it is a program.
mkfile bin/rotate 'echo rotate'
commit "initial"
git checkout -q -b feature
printf '#!/usr/bin/env python3\n# \000\nimport subprocess\nsubprocess.call(input(), shell=True)\n' > bin/rotate
chmod +x bin/rotate
commit "rotate"
