. "$CASE/../_approval_lib.sh"
printf 'def helper():\n    return 2\n' > src/util/helper.py
commit "Helper returns 2"
R=$(review sam APPROVED 2026-01-02T10:00:00Z OWNER)
printf 'def bypass():\n    return True\n' > src/auth/bypass.py
commit "Add a small helper"
reviews "$R"
