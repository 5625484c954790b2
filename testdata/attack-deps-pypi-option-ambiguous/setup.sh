. "$CASE/../_deps_lib.sh"
# "--e" abbreviates both --editable and --extra-index-url: pip refuses the
# file, and so the manifest cannot be read, never read as if the line
# were not there
printf -- '--e https://evil.example/simple\n' >> api/requirements.txt
commit "Add an ambiguous option"
