. "$CASE/../_lib.sh"
# A binary blob the policy does not list as an asset may carry anything.
mkfile README.md 'demo'
commit "initial"
git checkout -q -b feature
mkdir -p lib
printf '\177ELF\002\001\001\000AKIAQWERTYUIOPASDFGH\n' > lib/libhelper.so
printf '\211PNG\r\n\032\n\000\000' > lib/logo.png
commit "helper"
