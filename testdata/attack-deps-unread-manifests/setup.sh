. "$CASE/../_deps_lib.sh"
cat > ../policy.json <<'JSON'
{"version": 1, "default_tier": "low", "tiers": [
 {"name": "deps", "paths": ["(^|/)(package(-lock)?\\.json|Gemfile|build\\.gradle(\\.kts)?|setup\\.py)$"],
  "require": {"dependencies": true}},
 {"name": "low", "paths": []}]}
JSON
# Only manifests riskgate does not read: a gem from a git branch, a
# look-alike Gradle coordinate with an open version. They cannot pass in
# silence: the requirement names them and is skipped, not passed.
mkfile Gemfile 'source "https://rubygems.org"
gem "railz", git: "https://github.com/evil/railz"'
mkfile gr/build.gradle 'dependencies {
    implementation "com.example:gauva:+"
}'
mkfile py/setup.py 'from setuptools import setup
setup(install_requires=["reqeusts"])'
commit "Add a gem, a Gradle dependency and a setup.py"
