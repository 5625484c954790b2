. "$CASE/../_deps_lib.sh"
# "python\u002Ddateutil" in a TOML string is python-dateutil to pip.
list_policy '{"deny": ["python-dateutil"], "lockfile": false}'
sed -i 's#requirements\\\\.txt#requirements\\\\.txt|pyproject\\\\.toml#' ../policy.json
mkfile svc/pyproject.toml '[project]
name = "svc"
version = "0.1.0"
dependencies = ["python\u002Ddateutil==2.9.0"]'
commit "Add python-dateutil, spelled with an escape"
