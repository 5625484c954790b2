# What every riskgate manual page shares, loaded before help2man.awk or
# md2man.awk (awk -f roff.awk -f ...): escaping text for roff, the page's
# header and NAME section, and its SEE ALSO section. From the environment
# (awk -v would read backslashes as escapes): MAN_NAME, MAN_SECTION,
# MAN_SUMMARY (the NAME line), MAN_VERSION, MAN_SEE (the SEE ALSO line,
# already roff).

# Text for roff: backslashes and hyphens escaped; a line that would start
# with a control character ('.' or "'") cannot (line_start does that).
function roff_esc(s) {
	gsub(/\\/, "\\e", s)
	gsub(/-/, "\\-", s)
	return s
}

# A line of output that must not be read as a roff request.
function line_start(s) {
	if (s ~ /^[.']/)
		s = "\\&" s
	return s
}

function page_header() {
	printf ".TH %s %s \"\" \"riskgate %s\" \"riskgate manual\"\n", toupper(ENVIRON["MAN_NAME"]),
	    ENVIRON["MAN_SECTION"], ENVIRON["MAN_VERSION"]
	print ".SH NAME"
	print esc(ENVIRON["MAN_NAME"]) " \\- " esc(ENVIRON["MAN_SUMMARY"])
}

function page_see_also() {
	if (ENVIRON["MAN_SEE"] != "") {
		print ".SH SEE ALSO"
		print ENVIRON["MAN_SEE"]
	}
}
