/*
 * The trailer block of a commit message, found and split the way git 2.39
 * does for `git log --format='%(trailers:only,unfold)'` (pretty.c, trailer.c,
 * commit.c and wt-status.c), so that the gate and `git log` never disagree
 * about who signed off or which tool co-authored a commit.
 */
#include "riskgate/banned.h"

#include "riskgate/trailers.h"

#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"

/* git's default core.commentChar. */
#define GATE_COMMENT_CHAR '#'

/* The separator of git's default trailer.separators. */
#define GATE_TRAILER_SEP ':'

/*
 * The scissors line of `git commit -v` (wt-status.c): a whole line, newline
 * included, that cuts off everything from itself to the end of the message.
 */
static const char scissors[] = "# ------------------------ >8 ------------------------\n";

/*
 * git's "git-generated prefixes": a paragraph with one of these is a trailer
 * block as soon as a quarter of its lines are trailers.
 */
static const char *const generated_prefixes[] = {
    "Signed-off-by: ",
    "(cherry picked from commit ",
};

/*
 * git replaces <ctype.h> with its own locale-independent table: only space,
 * TAB, LF and CR are whitespace (not VT or FF), and only ASCII letters and
 * digits are alphanumeric (never a byte >= 0x80).
 */
static int git_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int git_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char ascii_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/*
 * The message being read: `len` bytes, the first NUL excluded. Every
 * position below is an offset into `buf` and every scan is bounded by
 * `len`, so the input need not be NUL-terminated.
 */
typedef struct {
	const char *buf;
	size_t len;
} message;

/* The offset just past the newline of the line starting at `pos` (or the
 * end of the message when that line has none). */
static size_t next_line(const message *m, size_t pos)
{
	const char *nl = memchr(m->buf + pos, '\n', m->len - pos);

	return nl ? (size_t)(nl - m->buf) + 1 : m->len;
}

/* Whether the line starting at `pos` holds nothing but whitespace. */
static int blank_line(const message *m, size_t pos)
{
	for (; pos < m->len && m->buf[pos] != '\n'; pos++)
		if (!git_space(m->buf[pos]))
			return 0;
	return 1;
}

static int starts_with(const message *m, size_t pos, const char *prefix, size_t plen)
{
	return m->len - pos >= plen && memcmp(m->buf + pos, prefix, plen) == 0;
}

/*
 * The start of the last line of the first `len` bytes (a newline at
 * len - 1 belongs to that line). Returns 0 and sets *out, or -1 when `len`
 * is 0. Each call only scans the one line, so walking a message backwards
 * line by line stays linear.
 */
static int last_line(const message *m, size_t len, size_t *out)
{
	size_t i;

	if (len == 0)
		return -1;
	for (i = len - 1; i > 0; i--) {
		if (m->buf[i - 1] == '\n')
			break;
	}
	*out = i;
	return 0;
}

/*
 * The offset from `pos` of the separator of the line at `pos` when the line
 * is "<token><optional blanks>:", else 0 (a separator with no token before
 * it does not make a trailer either). The token is ASCII letters, digits
 * and '-', so "Not a key: x" is not a trailer while "http://x" is one, with
 * the key "http"; blanks between token and separator are allowed. The scan stops at the first
 * byte that cannot continue the token, so it never passes the end of the
 * line.
 */
static size_t find_separator(const message *m, size_t pos)
{
	size_t c;
	int blank_seen = 0;

	for (c = pos; c < m->len; c++) {
		char ch = m->buf[c];

		if (ch == GATE_TRAILER_SEP)
			return c - pos;
		if (!blank_seen && (git_alnum(ch) || ch == '-'))
			continue;
		if (c != pos && (ch == ' ' || ch == '\t')) {
			blank_seen = 1;
			continue;
		}
		break;
	}
	return 0;
}

/*
 * The start of the message proper: `git log` formats trailers from the
 * subject on, having skipped the lines that are empty or whitespace only
 * (pretty.c).
 */
static size_t skip_blank_lines(const message *m)
{
	size_t pos = 0;

	while (pos < m->len && blank_line(m, pos))
		pos = next_line(m, pos);
	return pos;
}

/*
 * Where a scissors line cuts the message: 0 when the message starts with
 * one, else the start of the first line (after a newline) that is exactly
 * the scissors line, else the end. Comparing at line starts is what git's
 * search for "\n" + scissors amounts to.
 */
static size_t scissors_cutoff(const message *m)
{
	size_t pos;

	for (pos = 0; pos < m->len; pos = next_line(m, pos)) {
		if (starts_with(m, pos, scissors, sizeof(scissors) - 1))
			return pos;
	}
	return m->len;
}

/*
 * The end of the log message proper (git's ignore_non_trailer): the run of
 * comment lines, empty lines (exactly "\n": a line of blanks or a CR is not
 * empty here) and an old-style "Conflicts:" block with its TAB-indented
 * paths that ends the message before the scissors cut-off is not part of
 * it. As in git, an offset of 0 doubles as "no run yet", so a run that
 * starts on the very first line is only taken from its second line on.
 */
static size_t end_of_log_message(const message *m)
{
	static const char conflicts[] = "Conflicts:\n";
	size_t cutoff = scissors_cutoff(m);
	size_t bol = 0, boc = 0;
	int in_conflicts = 0;

	while (bol < cutoff) {
		char c = m->buf[bol];

		if (c == GATE_COMMENT_CHAR || c == '\n') {
			if (boc == 0)
				boc = bol;
		} else if (starts_with(m, bol, conflicts, sizeof(conflicts) - 1)) {
			in_conflicts = 1;
			if (boc == 0)
				boc = bol;
		} else if (in_conflicts && c == '\t') {
			/* a path of the conflicts block */
		} else if (boc != 0) {
			boc = 0;
			in_conflicts = 0;
		}
		bol = next_line(m, bol);
	}
	return boc != 0 ? boc : cutoff;
}

/* Whether the line at `pos` starts with a git-generated prefix. */
static int has_generated_prefix(const message *m, size_t pos)
{
	size_t i;

	for (i = 0; i < sizeof(generated_prefixes) / sizeof(generated_prefixes[0]); i++) {
		if (starts_with(m, pos, generated_prefixes[i], strlen(generated_prefixes[i])))
			return 1;
	}
	return 0;
}

/*
 * The start of the trailer block in [0, end), or `end` when there is
 * none (git's find_trailer_block_start). The first paragraph is the title
 * and never trailers. Walking back from the end over the last paragraph,
 * it is a trailer block when all its lines are trailers, or when one of
 * them starts with a git-generated prefix and trailers make at least a
 * quarter of it. Indented lines count with the trailer right above them,
 * otherwise as non-trailers; comment lines count as neither; blank lines
 * at the very end are skipped.
 */
static size_t trailer_block_start(const message *m, size_t end)
{
	size_t s, l, end_of_title;
	size_t trailer_lines = 0, non_trailer_lines = 0, possible_continuation_lines = 0;
	int only_spaces = 1, recognized_prefix = 0, more;

	for (s = 0; s < end; s = next_line(m, s)) {
		if (m->buf[s] == GATE_COMMENT_CHAR)
			continue;
		if (blank_line(m, s))
			break;
	}
	end_of_title = s;

	for (more = last_line(m, end, &l) == 0; more && l >= end_of_title;
	     more = last_line(m, l, &l) == 0) {
		char c = m->buf[l];

		if (c == GATE_COMMENT_CHAR) {
			non_trailer_lines += possible_continuation_lines;
			possible_continuation_lines = 0;
			continue;
		}
		if (blank_line(m, l)) {
			if (only_spaces)
				continue;
			non_trailer_lines += possible_continuation_lines;
			/* trailer_lines * 3 >= non_trailer_lines, without overflow */
			if (recognized_prefix && trailer_lines >= (non_trailer_lines + 2) / 3)
				return next_line(m, l);
			if (trailer_lines && !non_trailer_lines)
				return next_line(m, l);
			return end;
		}
		only_spaces = 0;

		if (has_generated_prefix(m, l)) {
			trailer_lines++;
			possible_continuation_lines = 0;
			recognized_prefix = 1;
		} else if (find_separator(m, l) > 0 && !git_space(c)) {
			trailer_lines++;
			possible_continuation_lines = 0;
		} else if (git_space(c)) {
			possible_continuation_lines++;
		} else {
			non_trailer_lines++;
			non_trailer_lines += possible_continuation_lines;
			possible_continuation_lines = 0;
		}
	}
	return end;
}

/* Trims git whitespace from both ends of [*from, *to). */
static void trim(const char *buf, size_t *from, size_t *to)
{
	while (*from < *to && git_space(buf[*from]))
		(*from)++;
	while (*to > *from && git_space(buf[*to - 1]))
		(*to)--;
}

/*
 * A copy of [from, to) with each newline, and the whitespace that follows
 * it, folded into one space, then trimmed (git's unfold_value).
 */
static char *unfold(const char *buf, size_t from, size_t to, gate_error *err)
{
	size_t size, i, o = 0, a, b;
	char *out;

	if (gate_add_overflow(&size, to - from, 1)) {
		gate_error_set(err, GATE_ERR_NOMEM, "trailer value too long");
		return NULL;
	}
	if (!(out = gate_malloc(size, err)))
		return NULL;
	i = from;
	while (i < to) {
		char c = buf[i++];

		if (c == '\n') {
			while (i < to && git_space(buf[i]))
				i++;
			out[o++] = ' ';
		} else {
			out[o++] = c;
		}
	}
	a = 0;
	b = o;
	trim(out, &a, &b);
	memmove(out, out + a, b - a);
	out[b - a] = '\0';
	return out;
}

/* Appends the trailer whose text is [from, to) with its separator at
 * `sep`, the key trimmed and the value unfolded. */
static int add_trailer(gate_trailers *out, const message *m, size_t from, size_t sep, size_t to,
		       gate_error *err)
{
	gate_trailer t = {NULL, NULL};
	size_t kf = from, kt = sep, vf = sep + 1, vt = to;
	int error = -1;

	if (gate_array_reserve((void **)&out->items, &out->alloc, out->count + 1,
			       sizeof(*out->items), err) < 0)
		goto done;
	trim(m->buf, &kf, &kt);
	trim(m->buf, &vf, &vt);
	if (!(t.key = gate_strndup(m->buf + kf, kt - kf, err)) ||
	    !(t.value = unfold(m->buf, vf, vt, err)))
		goto done;
	out->items[out->count++] = t;
	t.key = t.value = NULL;
	error = 0;
done:
	free(t.key);
	free(t.value);
	return error;
}

void gate_trailers_init(gate_trailers *t)
{
	t->items = NULL;
	t->count = 0;
	t->alloc = 0;
}

/* Frees the trailers from index `keep` on. */
static void truncate_trailers(gate_trailers *t, size_t keep)
{
	while (t->count > keep) {
		t->count--;
		free(t->items[t->count].key);
		free(t->items[t->count].value);
	}
}

void gate_trailers_dispose(gate_trailers *t)
{
	if (!t)
		return;
	truncate_trailers(t, 0);
	free(t->items);
	gate_trailers_init(t);
}

int gate_trailers_parse(gate_trailers *out, const char *msg, size_t len, gate_error *err)
{
	message m;
	size_t start, end, block, pos, next, entry = 0, entry_sep = 0;
	size_t keep = out->count;
	int have_entry = 0, error = -1;

	m.buf = msg ? msg : "";
	m.len = msg ? strnlen(msg, len) : 0;

	/* From here on the message is what git formats trailers from: the
	 * text from the subject on. */
	start = skip_blank_lines(&m);
	m.buf += start;
	m.len -= start;

	end = end_of_log_message(&m);
	block = trailer_block_start(&m, end);

	/*
	 * Split the block into trailers: an indented line continues the
	 * trailer above it; any other line starts a new entry, of which only
	 * those with a token and separator are trailers. A continuation is
	 * always adjacent to its trailer, so an entry is one range.
	 */
	for (pos = block; pos < end; pos = next) {
		const char *nl = memchr(m.buf + pos, '\n', end - pos);
		size_t sep;

		next = nl ? (size_t)(nl - m.buf) + 1 : end;
		if (have_entry && git_space(m.buf[pos]))
			continue;
		if (have_entry && add_trailer(out, &m, entry, entry_sep, pos, err) < 0)
			goto done;
		sep = find_separator(&m, pos);
		have_entry = sep > 0;
		entry = pos;
		entry_sep = pos + sep;
	}
	if (have_entry && add_trailer(out, &m, entry, entry_sep, end, err) < 0)
		goto done;
	error = 0;
done:
	if (error < 0)
		truncate_trailers(out, keep);
	return error;
}

/* Whether two NUL-terminated strings are equal ignoring ASCII case (not
 * strcasecmp, whose idea of case depends on the locale). */
static int ascii_equal_nocase(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (ascii_lower(*a) != ascii_lower(*b))
			return 0;
	return *a == *b;
}

const char *gate_trailers_get(const gate_trailers *t, const char *key)
{
	size_t i;

	if (!t || !key)
		return NULL;
	for (i = 0; i < t->count; i++)
		if (ascii_equal_nocase(t->items[i].key, key))
			return t->items[i].value;
	return NULL;
}

int gate_ident_parse(const char *value, char **name, char **email, gate_error *err)
{
	size_t len = value ? strlen(value) : 0;
	size_t nf = 0, nt = 0, ef = 0, et = 0, i;
	const char *lt, *gt = NULL;
	int error = -1;

	*name = *email = NULL;
	if (!value)
		value = "";
	lt = strchr(value, '<');
	if (lt)
		gt = strchr(lt + 1, '>');
	if (lt && gt) {
		nt = (size_t)(lt - value);
		ef = nt + 1;
		et = (size_t)(gt - value);
	} else {
		size_t from = 0, to = len;
		int blank = 0;

		trim(value, &from, &to);
		for (i = from; i < to; i++)
			if (git_space(value[i]))
				blank = 1;
		if (!blank && memchr(value + from, '@', to - from)) {
			ef = from;
			et = to;
		} else {
			nf = from;
			nt = to;
		}
	}
	trim(value, &nf, &nt);
	trim(value, &ef, &et);
	if (!(*name = gate_strndup(value + nf, nt - nf, err)) ||
	    !(*email = gate_strndup(value + ef, et - ef, err)))
		goto done;
	error = 0;
done:
	if (error < 0) {
		free(*name);
		free(*email);
		*name = *email = NULL;
	}
	return error;
}
