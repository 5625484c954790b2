. "$CASE/../_lib.sh"
# The code lives in an LFS store the gate never sees; the pointer is text.
mkfile app/billing.py 'def bill(): pass'
commit "initial"
git checkout -q -b feature
printf 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n' > app/billing.py
commit "billing"
