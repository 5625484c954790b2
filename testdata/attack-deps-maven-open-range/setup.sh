. "$CASE/../_deps_lib.sh"
sed -i "s|</dependencies>|  <dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId><version>[33.0,)</version></dependency>\n  </dependencies>|" java/pom.xml
commit "Add guava, any version from 33"
