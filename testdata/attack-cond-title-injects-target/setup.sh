. "$CASE/../_cond_lib.sh"
# The title tries to add a line target_branch=develop to github-event's
# output, so that the change to main would be judged as one to develop; a
# label tries the same for labels_known. A title or label with a control
# character is unknown instead, and main's requirements apply.
event ../event.json main '"Fix typo\ntarget_branch=develop"' "[{\"name\": \"docs\\nlabels_known=true\"}]"
