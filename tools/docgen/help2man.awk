# A manual page from the text a riskgate command prints for --help, so that
# the page and the help can never say different things: the help is the one
# source. Loaded after roff.awk, which reads the page's name and the rest
# from the environment.
#
# The help's shape (cmd/*.c): "usage: ..." lines with their continuations,
# then blocks separated by blank lines. A line that starts in column 0 and
# ends with ':' ("options:") heads a section. Lines that start in column 0
# are prose and are filled; indented lines are kept as they are.

# Text escaped, and safe at the start of a line (roff.awk).
function esc(s) {
	return line_start(roff_esc(s))
}

function end_pre() {
	if (pre) {
		print ".fi"
		print ".RE"
		pre = 0
	}
}

BEGIN {
	page_header()
	state = "start"
	pre = 0
}

state == "start" && /^usage: / {
	print ".SH SYNOPSIS"
	print ".nf"
	sub(/^usage: /, "")
	print esc($0)
	state = "usage"
	next
}

state == "start" {
	# No usage line: everything is description.
	print ".SH DESCRIPTION"
	state = "body"
}

state == "usage" {
	if ($0 ~ /^ /) {
		sub(/^       /, "")
		print esc($0)
		next
	}
	print ".fi"
	print ".SH DESCRIPTION"
	state = "body"
}

state == "body" && /^$/ {
	end_pre()
	codes = 0
	blank = 1
	next
}

state == "body" && /^[^ ].*:$/ {
	end_pre()
	h = $0
	sub(/:$/, "", h)
	print ".SH " esc(toupper(h))
	blank = 0
	next
}

# "exit codes: 0 pass, ..." and its indented continuation: a section of
# prose.
state == "body" && /^exit codes: / {
	end_pre()
	print ".SH \"EXIT STATUS\""
	sub(/^exit codes: /, "")
	print esc($0)
	codes = 1
	next
}

state == "body" && codes && /^ / {
	sub(/^ +/, "")
	print esc($0)
	next
}

state == "body" && /^ / {
	if (!pre) {
		print ".RS 2"
		print ".nf"
		pre = 1
	}
	print esc($0)
	blank = 0
	next
}

state == "body" {
	if (pre)
		end_pre()
	if (blank)
		print ".PP"
	blank = 0
	print esc($0)
	next
}

END {
	if (state == "usage")
		print ".fi"
	end_pre()
	page_see_also()
}
