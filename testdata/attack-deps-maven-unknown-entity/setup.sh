. "$CASE/../_deps_lib.sh"
# riskgate expands no entity a DOCTYPE defines: an unknown one is an error.
sed -i "s|</dependencies>|  <dependency><groupId>org.evil</groupId><artifactId>evil\&dash;lib</artifactId><version>1.0.0</version></dependency>\n  </dependencies>|" java/pom.xml
commit "Add a dependency named with an unknown entity"
