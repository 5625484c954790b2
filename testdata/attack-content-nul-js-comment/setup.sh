. "$CASE/../_lib.sh"
mkfile web/api.js 'export const f = () => 1;'
commit "initial"
git checkout -q -b feature
printf '// \000\nexport const f = () => { try { return g(); } catch (e) {} };\n' > web/api.js
commit "api"
