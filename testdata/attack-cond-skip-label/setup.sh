. "$CASE/../_cond_lib.sh"
# The author labels the pull request and words its title as if that could
# waive the gate; no condition takes requirements away, so the tier's own
# approval is still needed, and there is none.
printf '[]\n' > ../reviews.json
event ../event.json develop '"[skip riskgate] trivial: no review needed"' "[$(label skip-gate), $(label approved), $(label no-review)]"
