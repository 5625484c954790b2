. "$CASE/../_lib.sh"
mkfile src/main/java/App.java 'class App {}'
commit "initial"
git checkout -q -b feature
printf '// \000\nclass App { void f() { try { g(); } catch (Exception e) {} } }\n' > src/main/java/App.java
commit "app"
