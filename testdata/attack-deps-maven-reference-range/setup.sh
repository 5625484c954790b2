. "$CASE/../_deps_lib.sh"
# &#x5B; is "[": the version is the open range [33.0,).
sed -i "s|</dependencies>|  <dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId><version>\&#x5B;33.0,)</version></dependency>\n  </dependencies>|" java/pom.xml
commit "Add guava, any version from 33, spelled with a reference"
