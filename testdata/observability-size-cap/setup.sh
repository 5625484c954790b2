. "$CASE/../_lib.sh"
mkfile README.md x
commit initial
git checkout -q -b feature
awk 'BEGIN { print "package big"; for (i = 0; i < 20; i++) print "var v" i " = " i }' > big.go
printf 'package small\n\nfunc F() {}\n' > small.go
commit "a large and a small file"
