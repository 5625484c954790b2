# A manual page from one of riskgate's markdown documents (docs/policy.md
# becomes riskgate-policy(5)), so that the page is the document and the two
# cannot drift. It reads the subset of markdown the docs use: headings,
# paragraphs, "- " and "1. " list items with indented continuations, fenced
# code blocks, tables, `code`, **bold** and [links](target).
# Loaded after roff.awk, which reads the page's name and the rest from the
# environment.

function esc(s) {
	return roff_esc(s)
}

# Inline markdown to roff, on text already escaped: [text](target) becomes
# its text, `code` bold as it is (a ** inside it stays), **bold** bold (it
# may hold code: code ends with \fP, back to the font before it).
function inline(s,    out, i, j, t, n, code) {
	while (match(s, /\[[^\]]*\]\([^)]*\)/)) {
		t = substr(s, RSTART + 1, RLENGTH - 2)
		sub(/\]\(.*$/, "", t)
		s = substr(s, 1, RSTART - 1) t substr(s, RSTART + RLENGTH)
	}
	# Code spans out of the way first, as numbered placeholders.
	out = ""
	n = 0
	while ((i = index(s, "`")) > 0) {
		j = index(substr(s, i + 1), "`")
		if (j == 0)
			break
		code[++n] = substr(s, i + 1, j - 1)
		out = out substr(s, 1, i - 1) "\001" n "\002"
		s = substr(s, i + j + 1)
	}
	s = out s
	while (match(s, /\*\*[^*]+\*\*/))
		s = substr(s, 1, RSTART - 1) "\\fB" substr(s, RSTART + 2, RLENGTH - 4) "\\fR" \
		    substr(s, RSTART + RLENGTH)
	for (i = 1; i <= n; i++) {
		j = index(s, "\001" i "\002")
		s = substr(s, 1, j - 1) "\\fB" code[i] "\\fP" substr(s, j + length("\001" i "\002"))
	}
	return s
}

function line_out(s) {
	print line_start(s)
}

# A block (paragraph, list item, table row) is gathered line by line and
# written when it ends, so that `code` and [links](target) that wrap across
# lines are converted whole. `macro` starts it: ".PP", ".IP \(bu 2"...
function flush() {
	if (buf != "") {
		print macro
		line_out(inline(esc(buf)))
	}
	buf = ""
}

function start(m, text) {
	flush()
	macro = m
	buf = text
}

function more(text) {
	sub(/^ +/, "", text)
	buf = buf == "" ? text : buf " " text
}

BEGIN {
	page_header()
	fence = 0
	titled = 0
	buf = ""
}

fence {
	if ($0 ~ /^ *```/) {
		print ".fi"
		print ".RE"
		fence = 0
		next
	}
	line_out(esc($0))
	next
}

/^ *```/ {
	flush()
	print ".PP"
	print ".RS 4"
	print ".nf"
	fence = 1
	next
}

/^# / {
	flush()
	if (!titled) {
		titled = 1
		print ".SH DESCRIPTION"
		next
	}
	sub(/^# /, "")
	print ".SH " inline(esc(toupper($0)))
	next
}

/^## / {
	flush()
	sub(/^## /, "")
	print ".SH " inline(esc(toupper($0)))
	next
}

/^###+ / {
	flush()
	sub(/^###+ /, "")
	print ".SS \"" inline(esc($0)) "\""
	next
}

/^$/ {
	flush()
	next
}

# A table: the separator row goes, every other row is one item with its
# cells separated by a bar.
/^\|/ {
	if ($0 ~ /^\|[-:| ]+\|$/)
		next
	row = $0
	sub(/^\| */, "", row)
	sub(/ *\|$/, "", row)
	gsub(/ *\| */, " | ", row)
	start(".IP \\(bu 2", row)
	flush()
	next
}

/^ *- / {
	item = $0
	sub(/^ *- /, "", item)
	start(".IP \\(bu 2", item)
	next
}

/^ *[0-9]+\. / {
	item = $0
	match(item, /[0-9]+\./)
	num = substr(item, RSTART, RLENGTH)
	sub(/^ *[0-9]+\. /, "", item)
	start(".IP " num " 4", item)
	next
}

{
	if (buf == "")
		macro = ".PP"
	more($0)
}

END {
	flush()
	if (fence) {
		print ".fi"
		print ".RE"
	}
	page_see_also()
}
