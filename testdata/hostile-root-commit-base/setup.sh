. "$CASE/../_lib.sh"
git commit -q --allow-empty -m "empty root"
git checkout -q -b feature
mkfile src/util/a.c 'int a;'
commit one
mkfile src/util/b.c 'int b;'
commit two
mkfile src/util/c.c 'int c;'
commit three
