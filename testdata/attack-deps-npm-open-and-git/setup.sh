. "$CASE/../_deps_lib.sh"
npm_add left-pad "*" 1.3.0
npm_add fork "github:someone/fork#main" 1.0.0
npm_add event-stream 3.3.6 3.3.6
commit "Add three"
