. "$CASE/../_deps_lib.sh"
# Maven reads evil&#45;lib as evil-lib, and so must the deny rule.
list_policy '{"deny": ["org.evil:evil-lib"]}'
sed -i 's#requirements\\\\.txt#requirements\\\\.txt|pom\\\\.xml#' ../policy.json
sed -i 's#</dependencies>#  <dependency><groupId>org.evil</groupId><artifactId>evil\&\#45;lib</artifactId><version>1.0.0</version></dependency>\n  </dependencies>#' java/pom.xml
commit "Add evil-lib, spelled with a character reference"
