# The change of deps-report-packages, reported as SARIF: each dependency
# result carries its package and version as properties.
. "$CASE/../deps-report-packages/setup.sh"
