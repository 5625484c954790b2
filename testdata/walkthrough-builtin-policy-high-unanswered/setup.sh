. "$CASE/../_walkthrough_lib.sh"
mkfile .github/workflows/deploy.yml 'on: push
jobs: {}'
commit "Deploy on push"
