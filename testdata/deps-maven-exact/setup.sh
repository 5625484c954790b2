. "$CASE/../_deps_lib.sh"
sed -i "s|</dependencies>|  <dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId><version>33.2.1-jre</version></dependency>\n  </dependencies>|" java/pom.xml
commit "Add guava"
