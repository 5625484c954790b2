. "$CASE/../_lib.sh"
mkdir -p .github src/auth tests/auth
printf '* @acme/docs\n/src/auth/ @sec\377urity \033[31m@x\n/src/\377/ @acme/docs\n' > .github/CODEOWNERS
printf 'import logging\nlogger = logging.getLogger(__name__)\n\ndef login(user):\n    logger.info("login %%s", user)\n    return True\n' > src/auth/login.py
echo '# demo' > README.md
commit "initial"
git checkout -q -b feature
printf 'import logging\nlogger = logging.getLogger(__name__)\n\ndef login(user):\n    logger.info("login %%s", user)\n    check(user)\n    return True\n' > src/auth/login.py
git add -A && git commit -q -m 'Change login' -m 'AI-Assisted: no
Signed-off-by: Test Author <author@example.com>'
