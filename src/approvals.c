/*
 * Who approved a change (SPEC 4): reduces the reviews GitHub lists for a pull
 * request to each reviewer's standing review, reads the offline team file
 * that resolves "@org/team" reviewers, and matches reviewer specs to logins.
 * Both files are parsed with positions (jsonc) so errors point into them.
 */
#include "riskgate/banned.h"

#include "riskgate/approvals.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"
#include "riskgate/jsonc.h"

#define GHOST_LOGIN     "ghost"
#define TEAM_NAME_MAX   200
#define ASSOCIATION_MAX 32
#define TIME_MAX        64

/* Review states as GitHub writes them; only the first three take part in
 * finding a user's latest review. */
typedef enum {
	RS_APPROVED,
	RS_CHANGES_REQUESTED,
	RS_DISMISSED,
	RS_COMMENTED,
	RS_PENDING
} raw_state;

static const char *const state_names[] = {"APPROVED", "CHANGES_REQUESTED", "DISMISSED", "COMMENTED",
					  "PENDING"};

/* A point in time: seconds since 1970-01-01T00:00:00Z and nanoseconds. */
typedef struct {
	long long secs;
	long nanos;
} stamp;

/*
 * One APPROVED, CHANGES_REQUESTED or DISMISSED review while the latest per
 * user is being found. The strings are owned until moved into a gate_review
 * (then set to NULL). `index` is the review's position among all entries of
 * the input, the tie-breaker for equal times.
 */
typedef struct {
	char *login;
	char *submitted_at;
	char *association;
	raw_state state;
	char commit_id[GATE_REVIEW_OID_MAX + 1];
	stamp at;
	size_t index;
	unsigned line, col;
	int is_bot;
} entry;

typedef struct {
	entry *items;
	size_t count;
	size_t alloc;
} entries;

/*
 * Where error positions go. The reviews input may be several JSON texts one
 * after the other, each parsed on its own; line0/col0 is where the current
 * one starts in the whole input, so that positions jsonc reports relative to
 * that text can be moved back into the file.
 */
typedef struct {
	const char *file;
	size_t line0;
	size_t col0;
	gate_error *err;
} reader;

/*
 * Splits an input into consecutive JSON texts ("[...][...]"). Invariants:
 * `pos` is where the next text starts and lies on line `line`, whose first
 * byte is at `line_start`; `values` bounds the number of JSON values in the
 * texts split off so far (see value_end).
 */
typedef struct {
	const char *text;
	size_t len;
	size_t pos;
	size_t line;
	size_t line_start;
	size_t values;
	int started;
} splitter;

static unsigned clamp_uint(size_t v)
{
	return v > UINT_MAX ? UINT_MAX : (unsigned)v;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* ASCII-only case folding: logins, team names and states are ASCII, and the
 * result must not depend on the locale. */
static unsigned char fold(char c)
{
	unsigned char u = (unsigned char)c;

	return (u >= 'A' && u <= 'Z') ? (unsigned char)(u + ('a' - 'A')) : u;
}

static int ci_cmp(const char *a, const char *b)
{
	while (*a && fold(*a) == fold(*b)) {
		a++;
		b++;
	}
	return (int)fold(*a) - (int)fold(*b);
}

static int ci_eq(const char *a, const char *b)
{
	return ci_cmp(a, b) == 0;
}

static const char *skip_at(const char *s)
{
	return s[0] == '@' ? s + 1 : s;
}

/* Loose login check: GitHub's rules differ between users, apps, mannequins
 * and other forges, so only what could break a report is refused. */
static int valid_login(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > GATE_LOGIN_MAX)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			return 0;
	}
	return 1;
}

/* Moves a position relative to the current JSON text into the whole input. */
static void map_pos(const reader *R, size_t line, size_t col, unsigned *oline, unsigned *ocol)
{
	if (line <= 1) {
		*oline = clamp_uint(R->line0);
		*ocol = clamp_uint(R->col0 + (col ? col - 1 : 0));
	} else {
		*oline = clamp_uint(R->line0 + line - 1);
		*ocol = clamp_uint(col);
	}
}

/* Records an input error at line0:col0 of the current text; returns -1. */
static int vfail_at(reader *R, unsigned line0, unsigned col0, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

static int vfail_at(reader *R, unsigned line0, unsigned col0, const char *fmt, va_list ap)
{
	char msg[768];
	unsigned line, col;

	if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
		snprintf(msg, sizeof(msg), "invalid input");
	map_pos(R, line0, col0, &line, &col);
	return gate_error_set_at(R->err, GATE_ERR_INPUT, R->file, line, col, "%s", msg);
}

/* Records an input error at `node` (a value of the current text); returns -1. */
static int fail(reader *R, const gate_json *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(reader *R, const gate_json *node, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vfail_at(R, node->line, node->col, fmt, ap);
	va_end(ap);
	return rc;
}

/* Like fail, at the key of object member `node`. */
static int fail_key(reader *R, const gate_json *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail_key(reader *R, const gate_json *node, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vfail_at(R, node->key_line, node->key_col, fmt, ap);
	va_end(ap);
	return rc;
}

static const char *type_name(const gate_json *node)
{
	return gate_json_type_name(node->type);
}

/*
 * Skips JSON whitespace and comments from `p`; returns the offset of the
 * next other byte, or len. An unterminated comment runs to the end: the JSON
 * parser, which sees the same bytes, then reports it.
 */
static size_t skip_blank(const char *text, size_t len, size_t p)
{
	if (p == 0 && len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		p = 3;
	while (p < len) {
		char c = text[p];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			p++;
		} else if (c == '/' && p + 1 < len && text[p + 1] == '/') {
			p += 2;
			while (p < len && text[p] != '\n')
				p++;
		} else if (c == '/' && p + 1 < len && text[p + 1] == '*') {
			const char *end = NULL;
			size_t q;

			for (q = p + 2; q + 1 < len; q++) {
				if (text[q] == '*' && text[q + 1] == '/') {
					end = text + q;
					break;
				}
			}
			p = end ? (size_t)(end - text) + 2 : len;
		} else {
			break;
		}
	}
	return p;
}

/*
 * Finds where the JSON value starting at `p` ends, without validating it:
 * brackets are counted outside strings and comments. A value that is not an
 * array or object (or is not JSON at all) is taken to run to the end, so the
 * parser reports what is wrong with it. Adds to *values an upper bound of
 * the number of values inside: every value is the root, the first element
 * of some container, or follows a comma. Returns the offset just past the
 * value, or (size_t)-1 once *values exceeds GATE_APPROVALS_MAX_VALUES.
 */
static size_t value_end(const char *text, size_t len, size_t p, size_t *values)
{
	size_t depth = 0;

	if (p >= len || (text[p] != '[' && text[p] != '{'))
		return len;
	(*values)++;
	while (p < len) {
		char c = text[p];

		if (c == '"') {
			for (p++; p < len && text[p] != '"'; p++)
				if (text[p] == '\\')
					p++;
			p = p < len ? p + 1 : len;
			continue;
		}
		if (c == '/' && p + 1 < len && (text[p + 1] == '/' || text[p + 1] == '*')) {
			p = skip_blank(text, len, p);
			continue;
		}
		if (c == '[' || c == '{') {
			depth++;
			(*values)++;
		} else if (c == ',') {
			(*values)++;
		} else if ((c == ']' || c == '}') && --depth == 0) {
			return p + 1;
		}
		if (*values > GATE_APPROVALS_MAX_VALUES)
			return (size_t)-1;
		p++;
	}
	return len;
}

static void splitter_init(splitter *S, const char *text, size_t len)
{
	memset(S, 0, sizeof(*S));
	S->text = text;
	S->len = len;
	S->line = 1;
}

/* Moves S->pos to `to`, keeping the line bookkeeping. */
static void splitter_advance(splitter *S, size_t to)
{
	const char *p = S->text + S->pos, *end = S->text + to, *nl;

	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		S->line++;
		p = nl + 1;
		S->line_start = (size_t)(p - S->text);
	}
	S->pos = to;
}

/*
 * The next JSON text of the input: [*start, *end), whose first byte's line
 * and column go to R->line0 and R->col0. A text runs from the end of the
 * previous one to the end of its value, and the last one also takes the
 * blanks after it, so that every byte of the input is parsed exactly once.
 * The first text is returned even when the input is empty (the parser then
 * says so). Returns 1 for a text, 0 at the end, -1 with an error when there
 * are too many values.
 */
static int splitter_next(splitter *S, reader *R, size_t *start, size_t *end)
{
	size_t p, v, q;

	if (S->started && S->pos >= S->len)
		return 0;
	S->started = 1;
	*start = S->pos;
	R->line0 = S->line;
	R->col0 = S->pos - S->line_start + 1;
	p = skip_blank(S->text, S->len, S->pos);
	v = value_end(S->text, S->len, p, &S->values);
	if (v == (size_t)-1)
		return gate_error_set_at(
		    R->err, GATE_ERR_INPUT, R->file, clamp_uint(R->line0), clamp_uint(R->col0),
		    "too many JSON values (more than %u in one file)", GATE_APPROVALS_MAX_VALUES);
	q = skip_blank(S->text, S->len, v);
	*end = q >= S->len ? S->len : v;
	splitter_advance(S, *end);
	return 1;
}

/* Parses [start, end) of the input, moving a parse error's position from
 * that text into the whole input. */
static int parse_text(gate_json **out, reader *R, const char *text, size_t start, size_t end)
{
	unsigned line, col;

	if (gate_json_parse(out, text + start, end - start, R->file, GATE_ERR_INPUT, R->err) == 0)
		return 0;
	if (R->err && R->err->line) {
		map_pos(R, R->err->line, R->err->col, &line, &col);
		R->err->line = line;
		R->err->col = col;
	}
	return -1;
}

static long long days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	/* Howard Hinnant's days_from_civil: days since 1970-01-01. */
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

static int two_digits(const char *s, int *out)
{
	if (!is_digit(s[0]) || !is_digit(s[1]))
		return -1;
	*out = (s[0] - '0') * 10 + (s[1] - '0');
	return 0;
}

/*
 * Parses an RFC 3339 date-time ("2019-11-17T17:43:43Z", with optional
 * fraction and a numeric offset), the format of GitHub's submitted_at, into
 * a stamp. `s` is NUL-terminated and `len` long. Returns 0 or -1.
 */
static int parse_time(const char *s, size_t len, stamp *out)
{
	int cy, yy, mo, d, h, mi, sec, oh = 0, om = 0, sign = 0, kept = 0;
	long nanos = 0;
	size_t i = 19;

	if (len < 20 || len > TIME_MAX)
		return -1;
	if (two_digits(s, &cy) < 0 || two_digits(s + 2, &yy) < 0 || s[4] != '-' ||
	    two_digits(s + 5, &mo) < 0 || s[7] != '-' || two_digits(s + 8, &d) < 0 ||
	    (s[10] != 'T' && s[10] != 't') || two_digits(s + 11, &h) < 0 || s[13] != ':' ||
	    two_digits(s + 14, &mi) < 0 || s[16] != ':' || two_digits(s + 17, &sec) < 0)
		return -1;
	if (s[i] == '.') {
		size_t first = ++i;

		for (; i < len && is_digit(s[i]); i++) {
			if (kept < 9) {
				nanos = nanos * 10 + (s[i] - '0');
				kept++;
			}
		}
		if (i == first)
			return -1;
		for (; kept < 9; kept++)
			nanos *= 10;
	}
	if (i + 1 == len && (s[i] == 'Z' || s[i] == 'z')) {
		sign = 0;
	} else if (i + 6 == len && (s[i] == '+' || s[i] == '-') &&
		   two_digits(s + i + 1, &oh) == 0 && s[i + 3] == ':' &&
		   two_digits(s + i + 4, &om) == 0) {
		sign = s[i] == '+' ? 1 : -1;
	} else {
		return -1;
	}
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(cy * 100 + yy, mo) || h > 23 ||
	    mi > 59 || sec > 60 || oh > 23 || om > 59)
		return -1;
	out->secs = days_from_civil(cy * 100 + yy, mo, d) * 86400 + h * 3600 + mi * 60 + sec -
		    (long long)sign * (oh * 3600 + om * 60);
	out->nanos = nanos;
	return 0;
}

static int stamp_cmp(const stamp *a, const stamp *b)
{
	if (a->secs != b->secs)
		return a->secs < b->secs ? -1 : 1;
	if (a->nanos != b->nanos)
		return a->nanos < b->nanos ? -1 : 1;
	return 0;
}

/* A full object id: 40 (SHA-1) or 64 (SHA-256) hexadecimal digits. */
static int valid_oid(const char *s, size_t len)
{
	size_t i;

	if (len != 40 && len != GATE_REVIEW_OID_MAX)
		return 0;
	for (i = 0; i < len; i++)
		if (!is_hex(s[i]))
			return 0;
	return 1;
}

static int valid_association(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || len > ASSOCIATION_MAX)
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') || s[i] == '_'))
			return 0;
	return 1;
}

/* The member `key` of `obj` when present and not null, else NULL. */
static const gate_json *field(const gate_json *obj, const char *key)
{
	const gate_json *m = gate_json_get(obj, key);

	return m && m->type != GATE_JSON_NULL ? m : NULL;
}

static int ends_with_ci(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);

	return len >= n && ci_eq(s + len - n, suffix);
}

static void entry_dispose(entry *e)
{
	free(e->login);
	free(e->submitted_at);
	free(e->association);
	e->login = e->submitted_at = e->association = NULL;
}

/*
 * Checks one review object and, when it is an APPROVED, CHANGES_REQUESTED
 * or DISMISSED review by a live account, appends it to E. Every entry is
 * checked the same way, also those that end up ignored, so a malformed file
 * is refused whatever it holds.
 */
static int read_review(reader *R, const gate_json *obj, size_t index, entries *E)
{
	const gate_json *state, *user, *login = NULL, *type, *commit, *sub, *assoc;
	char shown[80];
	raw_state rs = RS_PENDING;
	entry *e;
	stamp at = {0, 0};
	size_t i;
	int found = 0;

	if (obj->type != GATE_JSON_OBJECT)
		return fail(R, obj, "a review must be an object, not %s", type_name(obj));

	if (!(state = gate_json_get(obj, "state")))
		return fail(R, obj, "review has no \"state\"");
	if (state->type != GATE_JSON_STRING)
		return fail(R, state, "\"state\" must be a string, not %s", type_name(state));
	for (i = 0; i < sizeof(state_names) / sizeof(state_names[0]); i++) {
		if (ci_eq(state->str, state_names[i])) {
			rs = (raw_state)i;
			found = 1;
		}
	}
	if (!found) {
		gate_error_excerpt(shown, sizeof(shown), state->str);
		return fail(R, state,
			    "unknown review state \"%s\" (expected APPROVED, CHANGES_REQUESTED, "
			    "DISMISSED, COMMENTED or PENDING)",
			    shown);
	}

	if (!(user = gate_json_get(obj, "user")))
		return fail(R, obj, "review has no \"user\"");
	if (user->type != GATE_JSON_NULL) {
		if (user->type != GATE_JSON_OBJECT)
			return fail(R, user, "\"user\" must be an object or null, not %s",
				    type_name(user));
		if (!(login = gate_json_get(user, "login")))
			return fail(R, user, "\"user\" has no \"login\"");
		if (login->type != GATE_JSON_STRING)
			return fail(R, login, "\"login\" must be a string, not %s",
				    type_name(login));
		/* Queries take a login with or without one leading '@' and
		 * drop it, so a login starting with '@' could never be found:
		 * its approval would be lost, its block ignored. GitHub logins
		 * never start with one. */
		if (login->str[0] == '@')
			return fail(R, login, "\"login\" must not start with '@'");
		if (!valid_login(login->str, login->str_len))
			return fail(R, login,
				    "\"login\" must be 1 to %d bytes without control characters",
				    GATE_LOGIN_MAX);
		if ((type = field(user, "type")) && type->type != GATE_JSON_STRING)
			return fail(R, type, "\"type\" must be a string, not %s", type_name(type));
	} else {
		type = NULL;
	}

	if ((commit = field(obj, "commit_id"))) {
		if (commit->type != GATE_JSON_STRING)
			return fail(R, commit, "\"commit_id\" must be a string, not %s",
				    type_name(commit));
		if (!valid_oid(commit->str, commit->str_len))
			return fail(R, commit,
				    "\"commit_id\" must be a full commit id (40 or 64 hexadecimal "
				    "digits)");
	}
	if ((sub = field(obj, "submitted_at"))) {
		if (sub->type != GATE_JSON_STRING)
			return fail(R, sub, "\"submitted_at\" must be a string, not %s",
				    type_name(sub));
		if (parse_time(sub->str, sub->str_len, &at) < 0)
			return fail(R, sub,
				    "\"submitted_at\" is not an RFC 3339 date and time (such as "
				    "2019-11-17T17:43:43Z)");
	}
	if ((assoc = field(obj, "author_association"))) {
		if (assoc->type != GATE_JSON_STRING)
			return fail(R, assoc, "\"author_association\" must be a string, not %s",
				    type_name(assoc));
		if (!valid_association(assoc->str, assoc->str_len))
			return fail(R, assoc,
				    "\"author_association\" must be a word such as MEMBER or "
				    "COLLABORATOR");
	}

	/* Deleted accounts: GitHub gives null, or its "ghost" placeholder, which
	 * stands for every deleted account at once and so for nobody. */
	if (!login || ci_eq(login->str, GHOST_LOGIN))
		return 0;
	if (rs == RS_COMMENTED || rs == RS_PENDING)
		return 0;
	if (!sub)
		return fail(R, obj,
			    "a review with state %s needs \"submitted_at\" to tell which review "
			    "is the latest",
			    state_names[rs]);

	if (gate_array_reserve((void **)&E->items, &E->alloc, E->count + 1, sizeof(*E->items),
			       R->err) < 0)
		return -1;
	e = &E->items[E->count];
	memset(e, 0, sizeof(*e));
	e->state = rs;
	e->at = at;
	e->index = index;
	map_pos(R, obj->line, obj->col, &e->line, &e->col);
	e->is_bot =
	    (type && ci_eq(type->str, "Bot")) || ends_with_ci(login->str, login->str_len, "[bot]");
	if (commit) {
		for (i = 0; i < commit->str_len; i++)
			e->commit_id[i] = (char)fold(commit->str[i]);
		e->commit_id[i] = '\0';
	}
	e->login = gate_strdup(login->str, R->err);
	e->submitted_at = gate_strdup(sub->str, R->err);
	e->association = assoc ? gate_strdup(assoc->str, R->err) : NULL;
	if (!e->login || !e->submitted_at || (assoc && !e->association)) {
		entry_dispose(e);
		return -1;
	}
	E->count++;
	return 0;
}

/* What a whole JSON text that is not an array was meant to be. */
static int not_an_array(reader *R, const gate_json *root)
{
	const gate_json *msg = gate_json_get(root, "message");
	char shown[80];

	/* GitHub answers errors with {"message": ..., "documentation_url": ...},
	 * which ends up in the file when a workflow does not check the status. */
	if (root->type == GATE_JSON_OBJECT && msg && msg->type == GATE_JSON_STRING) {
		gate_error_excerpt(shown, sizeof(shown), msg->str);
		return fail(R, root,
			    "expected an array of reviews, not an object (an error from GitHub? "
			    "its message: \"%s\")",
			    shown);
	}
	return fail(R, root, "expected an array of reviews, not %s", type_name(root));
}

/* Reads the reviews of one JSON text: an array of reviews, or an array of
 * such arrays (gh api --paginate --slurp). */
static int read_text(reader *R, const gate_json *root, size_t *nread, entries *E)
{
	const gate_json *el, *rev;

	if (root->type != GATE_JSON_ARRAY)
		return not_an_array(R, root);
	for (el = root->child; el; el = el->next) {
		if (el->type != GATE_JSON_ARRAY) {
			if (read_review(R, el, (*nread)++, E) < 0)
				return -1;
			continue;
		}
		for (rev = el->child; rev; rev = rev->next)
			if (read_review(R, rev, (*nread)++, E) < 0)
				return -1;
	}
	return 0;
}

/* Orders entries by user, then time, then position: the last of each user's
 * run is that user's latest review. */
static int cmp_user_time(const void *pa, const void *pb)
{
	const entry *a = pa, *b = pb;
	int c = ci_cmp(a->login, b->login);

	if (c)
		return c;
	if ((c = stamp_cmp(&a->at, &b->at)) != 0)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

static int cmp_index(const void *pa, const void *pb)
{
	const entry *const *a = pa, *const *b = pb;

	return (*a)->index < (*b)->index ? -1 : (*a)->index > (*b)->index;
}

static int is_insider(const char *association)
{
	return ci_eq(association, "OWNER") || ci_eq(association, "MEMBER") ||
	       ci_eq(association, "COLLABORATOR");
}

/* Sets the flags of a standing review (see gate_review in the header). */
static void judge(gate_review *r, const char *head, int allow_stale, const char *author)
{
	r->stale = r->state == GATE_REVIEW_APPROVED &&
		   (!head || !r->commit_id[0] || !ci_eq(r->commit_id, head));
	r->is_author = author && ci_eq(r->login, author);
	r->is_outsider = r->association && !is_insider(r->association);
	r->counts = r->state == GATE_REVIEW_APPROVED && (!r->stale || allow_stale) &&
		    !r->is_author && !r->is_bot && !r->is_outsider;
}

/* Turns the collected entries into the standing reviews of `a`. */
static int resolve(gate_approvals *a, entries *E, const char *head, int allow_stale,
		   const char *author, gate_error *err)
{
	entry **winners = NULL;
	size_t i, n = 0;
	int error = -1;

	if (E->count == 0)
		return 0;
	qsort(E->items, E->count, sizeof(*E->items), cmp_user_time);
	if (!(winners = gate_calloc(E->count, sizeof(*winners), err)))
		goto done;
	for (i = 0; i < E->count; i++) {
		int last = i + 1 == E->count || !ci_eq(E->items[i].login, E->items[i + 1].login);

		if (last && E->items[i].state != RS_DISMISSED)
			winners[n++] = &E->items[i];
	}
	qsort(winners, n, sizeof(*winners), cmp_index);
	if (n && !(a->items = gate_calloc(n, sizeof(*a->items), err)))
		goto done;
	for (i = 0; i < n; i++) {
		gate_review *r = &a->items[i];
		entry *e = winners[i];

		r->login = e->login;
		r->submitted_at = e->submitted_at;
		r->association = e->association;
		e->login = e->submitted_at = e->association = NULL;
		r->state =
		    e->state == RS_APPROVED ? GATE_REVIEW_APPROVED : GATE_REVIEW_CHANGES_REQUESTED;
		memcpy(r->commit_id, e->commit_id, sizeof(r->commit_id));
		r->line = e->line;
		r->col = e->col;
		r->is_bot = e->is_bot;
		judge(r, head, allow_stale, author);
		a->count++;
		if (r->counts)
			a->ncounting++;
	}
	error = 0;
done:
	free(winners);
	return error;
}

int gate_approvals_load(gate_approvals **out, const char *text, size_t len, const char *file,
			const char *head_sha, int allow_stale, const char *author, gate_error *err)
{
	gate_approvals *a = NULL;
	gate_json *root = NULL;
	entries E = {NULL, 0, 0};
	splitter S;
	reader R;
	size_t start = 0, end = 0, i;
	const char *head = head_sha && head_sha[0] ? head_sha : NULL;
	int error = -1, more;

	if (!out)
		return gate_error_set(err, GATE_ERR_INTERNAL, "gate_approvals_load: no output");
	*out = NULL;
	if (!text && len)
		return gate_error_set(err, GATE_ERR_INTERNAL, "gate_approvals_load: no text");
	if (!file)
		file = "<approvals>";
	if (len > GATE_APPROVALS_MAX_SIZE)
		return gate_error_set(err, GATE_ERR_INPUT,
				      "%s is larger than the limit of %u bytes", file,
				      GATE_APPROVALS_MAX_SIZE);
	if (head && !valid_oid(head, strlen(head)))
		return gate_error_set(err, GATE_ERR_USAGE,
				      "the head commit must be a full hexadecimal commit id");
	if (author) {
		author = skip_at(author);
		if (!author[0])
			author = NULL;
	}

	if (!(a = gate_calloc(1, sizeof(*a), err)))
		goto done;
	R.file = file;
	R.line0 = R.col0 = 1;
	R.err = err;
	splitter_init(&S, text ? text : "", len);
	while ((more = splitter_next(&S, &R, &start, &end)) > 0) {
		if (parse_text(&root, &R, S.text, start, end) < 0 ||
		    read_text(&R, root, &a->nread, &E) < 0)
			goto done;
		gate_json_free(root);
		root = NULL;
	}
	if (more < 0 || resolve(a, &E, head, allow_stale, author, err) < 0)
		goto done;
	*out = a;
	a = NULL;
	error = 0;
done:
	gate_json_free(root);
	for (i = 0; i < E.count; i++)
		entry_dispose(&E.items[i]);
	free(E.items);
	gate_approvals_free(a);
	return error;
}

/* Reads the file at `path` (at most GATE_APPROVALS_MAX_SIZE bytes) into
 * `buf`; *name is what error positions call it. */
static int read_input(gate_buf *buf, const char *path, const char **name, gate_error *err)
{
	if (!path)
		return gate_error_set(err, GATE_ERR_INTERNAL, "no file name");
	*name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	return gate_buf_read_file(buf, path, GATE_ERR_INPUT, err);
}

int gate_approvals_load_file(gate_approvals **out, const char *path, const char *head_sha,
			     int allow_stale, const char *author, gate_error *err)
{
	gate_buf buf = GATE_BUF_INIT(GATE_APPROVALS_MAX_SIZE);
	const char *name = NULL;
	int error = -1;

	if (out)
		*out = NULL;
	if (read_input(&buf, path, &name, err) < 0)
		goto done;
	error =
	    gate_approvals_load(out, buf.ptr, buf.size, name, head_sha, allow_stale, author, err);
done:
	gate_buf_dispose(&buf);
	return error;
}

void gate_approvals_free(gate_approvals *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->count; i++) {
		free(a->items[i].login);
		free(a->items[i].submitted_at);
		free(a->items[i].association);
	}
	free(a->items);
	free(a);
}

size_t gate_approvals_count(const gate_approvals *a)
{
	return a ? a->ncounting : 0;
}

const gate_review *gate_approvals_find(const gate_approvals *a, const char *login)
{
	size_t i;

	if (!a || !login)
		return NULL;
	login = skip_at(login);
	if (!login[0])
		return NULL;
	for (i = 0; i < a->count; i++)
		if (ci_eq(a->items[i].login, login))
			return &a->items[i];
	return NULL;
}

int gate_approvals_approved_by(const gate_approvals *a, const char *login)
{
	const gate_review *r = gate_approvals_find(a, login);

	return r && r->counts;
}

int gate_approvals_changes_requested_by(const gate_approvals *a, const char *login)
{
	const gate_review *r = gate_approvals_find(a, login);

	return r && r->state == GATE_REVIEW_CHANGES_REQUESTED;
}

/* "org/team": two non-empty parts, one '/', no '@', spaces or control
 * characters. `s` has had its leading '@' removed. */
static int valid_team_name(const char *s)
{
	size_t i, slash = 0, nslash = 0, len = strlen(s);

	if (len == 0 || len > TEAM_NAME_MAX)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= ' ' || c == 0x7f || c == '@')
			return 0;
		if (c == '/') {
			slash = i;
			nslash++;
		}
	}
	return nslash == 1 && slash > 0 && slash + 1 < len;
}

static void team_dispose(gate_team *team)
{
	size_t i;

	for (i = 0; i < team->nmembers; i++)
		free(team->members[i]);
	free(team->members);
	free(team->name);
}

static const gate_team *find_team(const gate_teams *t, const char *team)
{
	size_t i;

	if (!t || !team)
		return NULL;
	team = skip_at(team);
	for (i = 0; i < t->count; i++)
		if (ci_eq(t->items[i].name, team))
			return &t->items[i];
	return NULL;
}

/* Reads one "org/team": [...] member into a new last element of t->items.
 * Duplicates are found afterwards, by duplicate_team. */
static int read_team(reader *R, gate_teams *t, size_t *alloc, const gate_json *m)
{
	const char *name = skip_at(m->key);
	const gate_json *el;
	gate_team *team;
	char shown[80];

	if (!valid_team_name(name)) {
		gate_error_excerpt(shown, sizeof(shown), m->key);
		return fail_key(R, m,
				"\"%s\" is not a team name (expected \"org/team\" or "
				"\"@org/team\")",
				shown);
	}
	if (m->type != GATE_JSON_ARRAY)
		return fail(R, m, "the members of a team must be an array of logins, not %s",
			    type_name(m));
	if (gate_array_reserve((void **)&t->items, alloc, t->count + 1, sizeof(*t->items), R->err) <
	    0)
		return -1;
	team = &t->items[t->count];
	memset(team, 0, sizeof(*team));
	map_pos(R, m->key_line, m->key_col, &team->line, &team->col);
	if (!(team->name = gate_strdup(name, R->err)))
		return -1;
	/* Counted now, so that gate_teams_free releases what follows. */
	t->count++;
	if (m->count && !(team->members = gate_calloc(m->count, sizeof(char *), R->err)))
		return -1;
	for (el = m->child; el; el = el->next) {
		const char *login;

		if (el->type != GATE_JSON_STRING)
			return fail(R, el, "a team member must be a login string, not %s",
				    type_name(el));
		login = skip_at(el->str);
		if (strchr(login, '/')) {
			gate_error_excerpt(shown, sizeof(shown), login);
			return fail(R, el,
				    "nested teams are not resolved: list the members of \"%s\" "
				    "instead",
				    shown);
		}
		/* "@@x" would be kept as "@x", which gate_teams_is_member,
		 * dropping one '@' from the login it is given, never finds. */
		if (login[0] == '@')
			return fail(R, el, "a team member may start with one '@', not two");
		if (!valid_login(login, strlen(login)))
			return fail(R, el,
				    "a login must be 1 to %d bytes without control "
				    "characters",
				    GATE_LOGIN_MAX);
		if (!(team->members[team->nmembers] = gate_strdup(login, R->err)))
			return -1;
		team->nmembers++;
	}
	return 0;
}

static int cmp_team_ref(const void *pa, const void *pb)
{
	const gate_team *const *a = pa, *const *b = pb;
	int c = ci_cmp((*a)->name, (*b)->name);

	if (c)
		return c;
	return *a < *b ? -1 : *a > *b;
}

/*
 * Refuses two keys naming the same team, at the second one in the file.
 * Sorting keeps this O(n log n) on a file with a million keys, where
 * comparing each key with all earlier ones would not finish.
 */
static int duplicate_team(const gate_teams *t, const char *file, gate_error *err)
{
	const gate_team **refs = NULL, *dup = NULL;
	char shown[80];
	size_t i;
	int error = -1;

	if (t->count < 2)
		return 0;
	if (!(refs = gate_calloc(t->count, sizeof(*refs), err)))
		goto done;
	for (i = 0; i < t->count; i++)
		refs[i] = &t->items[i];
	qsort(refs, t->count, sizeof(*refs), cmp_team_ref);
	for (i = 1; i < t->count; i++)
		if (ci_eq(refs[i - 1]->name, refs[i]->name) && (!dup || refs[i] < dup))
			dup = refs[i];
	if (dup) {
		gate_error_excerpt(shown, sizeof(shown), dup->name);
		gate_error_set_at(err, GATE_ERR_INPUT, file, dup->line, dup->col,
				  "team \"%s\" is listed twice (names ignore case and a leading "
				  "'@')",
				  shown);
		goto done;
	}
	error = 0;
done:
	free(refs);
	return error;
}

int gate_teams_load(gate_teams **out, const char *text, size_t len, const char *file,
		    gate_error *err)
{
	gate_teams *t = NULL;
	gate_json *root = NULL;
	const gate_json *m;
	reader R;
	size_t alloc = 0, values = 0, p;
	int error = -1;

	if (!out)
		return gate_error_set(err, GATE_ERR_INTERNAL, "gate_teams_load: no output");
	*out = NULL;
	if (!text && len)
		return gate_error_set(err, GATE_ERR_INTERNAL, "gate_teams_load: no text");
	if (!file)
		file = "<teams>";
	if (!text)
		text = "";
	if (len > GATE_APPROVALS_MAX_SIZE)
		return gate_error_set(err, GATE_ERR_INPUT,
				      "%s is larger than the limit of %u bytes", file,
				      GATE_APPROVALS_MAX_SIZE);
	R.file = file;
	R.line0 = R.col0 = 1;
	R.err = err;
	p = skip_blank(text, len, 0);
	if (value_end(text, len, p, &values) == (size_t)-1)
		return gate_error_set_at(err, GATE_ERR_INPUT, file, 1, 1,
					 "too many JSON values (more than %u in one file)",
					 GATE_APPROVALS_MAX_VALUES);
	if (gate_json_parse(&root, text, len, file, GATE_ERR_INPUT, err) < 0)
		goto done;
	if (root->type != GATE_JSON_OBJECT) {
		fail(&R, root,
		     "a teams file must be an object {\"org/team\": [\"login\", ...]}, not %s",
		     type_name(root));
		goto done;
	}
	if (!(t = gate_calloc(1, sizeof(*t), err)))
		goto done;
	for (m = root->child; m; m = m->next)
		if (read_team(&R, t, &alloc, m) < 0)
			goto done;
	if (duplicate_team(t, file, err) < 0)
		goto done;
	*out = t;
	t = NULL;
	error = 0;
done:
	gate_json_free(root);
	gate_teams_free(t);
	return error;
}

int gate_teams_load_file(gate_teams **out, const char *path, gate_error *err)
{
	gate_buf buf = GATE_BUF_INIT(GATE_APPROVALS_MAX_SIZE);
	const char *name = NULL;
	int error = -1;

	if (out)
		*out = NULL;
	if (read_input(&buf, path, &name, err) < 0)
		goto done;
	error = gate_teams_load(out, buf.ptr, buf.size, name, err);
done:
	gate_buf_dispose(&buf);
	return error;
}

void gate_teams_free(gate_teams *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->count; i++)
		team_dispose(&t->items[i]);
	free(t->items);
	free(t);
}

int gate_teams_known(const gate_teams *t, const char *team)
{
	return find_team(t, team) != NULL;
}

int gate_teams_is_member(const gate_teams *t, const char *team, const char *login)
{
	const gate_team *found = find_team(t, team);
	size_t i;

	if (!found || !login)
		return 0;
	login = skip_at(login);
	if (!login[0])
		return 0;
	for (i = 0; i < found->nmembers; i++)
		if (ci_eq(found->members[i], login))
			return 1;
	return 0;
}

int gate_reviewer_matches(const char *spec, const char *login, const gate_teams *teams)
{
	const char *name;

	if (!spec || !login)
		return 0;
	login = skip_at(login);
	if (!spec[0] || !login[0])
		return 0;
	if (spec[0] != '@' && strchr(spec, '@'))
		return 0; /* an email address: matched against trailers elsewhere */
	name = skip_at(spec);
	if (!name[0])
		return 0;
	if (strchr(name, '/'))
		return gate_teams_is_member(teams, name, login);
	return ci_eq(name, login);
}

/* Permission names as GitHub's API writes them, by gate_permission value. */
static const char *const permission_names[] = {"none",  "read",     "triage",
					       "write", "maintain", "admin"};

const char *gate_permission_name(gate_permission perm)
{
	if (perm < GATE_PERM_NONE || perm > GATE_PERM_ADMIN)
		return "unknown";
	return permission_names[perm];
}

int gate_permission_can_write(gate_permission perm)
{
	return perm == GATE_PERM_WRITE || perm == GATE_PERM_MAINTAIN || perm == GATE_PERM_ADMIN;
}

static int cmp_permission_ref(const void *pa, const void *pb)
{
	const gate_login_permission *const *a = pa, *const *b = pb;
	int c = ci_cmp((*a)->login, (*b)->login);

	if (c)
		return c;
	return *a < *b ? -1 : *a > *b;
}

/* Refuses one login listed twice, at its second place in the file. */
static int duplicate_login(const gate_permissions *p, const char *file, gate_error *err)
{
	const gate_login_permission **refs = NULL, *dup = NULL;
	char shown[80];
	size_t i;
	int error = -1;

	if (p->count < 2)
		return 0;
	if (!(refs = gate_calloc(p->count, sizeof(*refs), err)))
		goto done;
	for (i = 0; i < p->count; i++)
		refs[i] = &p->items[i];
	qsort(refs, p->count, sizeof(*refs), cmp_permission_ref);
	for (i = 1; i < p->count; i++)
		if (ci_eq(refs[i - 1]->login, refs[i]->login) && (!dup || refs[i] > dup))
			dup = refs[i];
	if (dup) {
		gate_error_excerpt(shown, sizeof(shown), dup->login);
		gate_error_set_at(err, GATE_ERR_INPUT, file, dup->line, dup->col,
				  "\"%s\" is listed twice (logins ignore case and a leading '@')",
				  shown);
		goto done;
	}
	error = 0;
done:
	free(refs);
	return error;
}

static int read_permission(reader *R, gate_permissions *p, const gate_json *m)
{
	gate_login_permission *lp;
	const char *login = skip_at(m->key);
	char shown[80];
	size_t i;
	int found = -1;

	if (login[0] == '@' || !valid_login(login, strlen(login)) || strchr(login, '/')) {
		gate_error_excerpt(shown, sizeof(shown), m->key);
		return fail_key(R, m, "\"%s\" is not a login", shown);
	}
	if (m->type != GATE_JSON_STRING)
		return fail(R, m,
			    "a permission must be a string (admin, maintain, write, triage, read "
			    "or none), not %s",
			    type_name(m));
	for (i = 0; i < sizeof(permission_names) / sizeof(permission_names[0]); i++)
		if (ci_eq(m->str, permission_names[i]) && strlen(m->str) == m->str_len)
			found = (int)i;
	if (found < 0) {
		gate_error_excerpt(shown, sizeof(shown), m->str);
		return fail(R, m,
			    "unknown permission \"%s\" (expected admin, maintain, write, triage, "
			    "read or none)",
			    shown);
	}
	lp = &p->items[p->count];
	memset(lp, 0, sizeof(*lp));
	map_pos(R, m->key_line, m->key_col, &lp->line, &lp->col);
	lp->permission = (gate_permission)found;
	if (!(lp->login = gate_strdup(login, R->err)))
		return -1;
	p->count++;
	return 0;
}

int gate_permissions_load(gate_permissions **out, const char *text, size_t len, const char *file,
			  gate_error *err)
{
	gate_permissions *p = NULL;
	gate_json *root = NULL;
	const gate_json *m;
	reader R;
	size_t values = 0, pos;
	int error = -1;

	if (!out)
		return gate_error_set(err, GATE_ERR_INTERNAL, "gate_permissions_load: no output");
	*out = NULL;
	if (!text && len)
		return gate_error_set(err, GATE_ERR_INTERNAL, "gate_permissions_load: no text");
	if (!file)
		file = "<permissions>";
	if (!text)
		text = "";
	if (len > GATE_APPROVALS_MAX_SIZE)
		return gate_error_set(err, GATE_ERR_INPUT,
				      "%s is larger than the limit of %u bytes", file,
				      GATE_APPROVALS_MAX_SIZE);
	R.file = file;
	R.line0 = R.col0 = 1;
	R.err = err;
	pos = skip_blank(text, len, 0);
	if (value_end(text, len, pos, &values) == (size_t)-1)
		return gate_error_set_at(err, GATE_ERR_INPUT, file, 1, 1,
					 "too many JSON values (more than %u in one file)",
					 GATE_APPROVALS_MAX_VALUES);
	if (gate_json_parse(&root, text, len, file, GATE_ERR_INPUT, err) < 0)
		goto done;
	if (root->type != GATE_JSON_OBJECT) {
		fail(&R, root,
		     "a permissions file must be an object {\"login\": \"write\", ...}, not %s",
		     type_name(root));
		goto done;
	}
	if (!(p = gate_calloc(1, sizeof(*p), err)))
		goto done;
	if (root->count && !(p->items = gate_calloc(root->count, sizeof(*p->items), err)))
		goto done;
	for (m = root->child; m; m = m->next)
		if (read_permission(&R, p, m) < 0)
			goto done;
	if (duplicate_login(p, file, err) < 0)
		goto done;
	*out = p;
	p = NULL;
	error = 0;
done:
	gate_json_free(root);
	gate_permissions_free(p);
	return error;
}

int gate_permissions_load_file(gate_permissions **out, const char *path, gate_error *err)
{
	gate_buf buf = GATE_BUF_INIT(GATE_APPROVALS_MAX_SIZE);
	const char *name = NULL;
	int error = -1;

	if (out)
		*out = NULL;
	if (read_input(&buf, path, &name, err) < 0)
		goto done;
	error = gate_permissions_load(out, buf.ptr, buf.size, name, err);
done:
	gate_buf_dispose(&buf);
	return error;
}

void gate_permissions_free(gate_permissions *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->count; i++)
		free(p->items[i].login);
	free(p->items);
	free(p);
}

gate_permission gate_permissions_get(const gate_permissions *p, const char *login)
{
	size_t i;

	if (!p || !login)
		return GATE_PERM_UNKNOWN;
	login = skip_at(login);
	if (!login[0])
		return GATE_PERM_UNKNOWN;
	for (i = 0; i < p->count; i++)
		if (ci_eq(p->items[i].login, login))
			return p->items[i].permission;
	return GATE_PERM_UNKNOWN;
}

/* Whether `n` bytes at `s` equal `login` ignoring case. */
static int ci_eqn(const char *s, size_t n, const char *login)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!login[i] || fold(s[i]) != fold(login[i]))
			return 0;
	return login[n] == '\0';
}

#define NOREPLY_DOMAIN "users.noreply.github.com"

int gate_login_is_ident(const char *login, const char *name, const char *email)
{
	const char *at, *local;
	size_t n;

	if (!login)
		return 0;
	login = skip_at(login);
	if (!login[0])
		return 0;
	if (name && ci_eq(name, login))
		return 1;
	if (!email || !(at = strrchr(email, '@')))
		return 0;
	local = email;
	n = (size_t)(at - email);
	if (ci_eqn(local, n, login))
		return 1;
	if (ci_eq(at + 1, NOREPLY_DOMAIN)) {
		/* "ID+login": the user id GitHub puts before the login. */
		const char *plus = memchr(local, '+', n);

		if (plus && ci_eqn(plus + 1, n - (size_t)(plus + 1 - local), login))
			return 1;
	}
	return 0;
}

const char *gate_review_ignored_reason(const gate_review *r, int allow_stale)
{
	if (!r)
		return "no review";
	if (r->state != GATE_REVIEW_APPROVED)
		return "changes requested";
	if (r->is_bot)
		return "a bot or app, not a human";
	if (r->is_author)
		return "the change's author (--author)";
	if (r->is_outsider)
		return "author_association says no relationship with the repository";
	if (r->stale && !allow_stale)
		return "stale: it approved another commit than the head";
	return NULL;
}

static int cmp_login_ref(const void *pa, const void *pb)
{
	const char *const *a = pa, *const *b = pb;

	return ci_cmp(*a, *b);
}

int gate_logins_has(const gate_logins *l, const char *login)
{
	size_t lo = 0, hi, mid;
	int c;

	if (!l || !login)
		return 0;
	login = skip_at(login);
	if (!login[0])
		return 0;
	hi = l->count;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = ci_cmp(l->items[mid], login)) == 0)
			return 1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int gate_logins_load(gate_logins **out, const char *text, size_t len, const char *file,
		     gate_error *err)
{
	gate_logins *l = NULL;
	gate_json *root = NULL;
	const gate_json *e;
	reader R;
	size_t values = 0, pos;
	int error = -1;

	if (!out)
		return gate_error_set(err, GATE_ERR_INTERNAL, "gate_logins_load: no output");
	*out = NULL;
	if (!text && len)
		return gate_error_set(err, GATE_ERR_INTERNAL, "gate_logins_load: no text");
	if (!file)
		file = "<logins>";
	if (!text)
		text = "";
	if (len > GATE_APPROVALS_MAX_SIZE)
		return gate_error_set(err, GATE_ERR_INPUT,
				      "%s is larger than the limit of %u bytes", file,
				      GATE_APPROVALS_MAX_SIZE);
	R.file = file;
	R.line0 = R.col0 = 1;
	R.err = err;
	pos = skip_blank(text, len, 0);
	if (value_end(text, len, pos, &values) == (size_t)-1)
		return gate_error_set_at(err, GATE_ERR_INPUT, file, 1, 1,
					 "too many JSON values (more than %u in one file)",
					 GATE_APPROVALS_MAX_VALUES);
	if (gate_json_parse(&root, text, len, file, GATE_ERR_INPUT, err) < 0)
		goto done;
	if (root->type != GATE_JSON_ARRAY) {
		fail(&R, root, "expected an array of logins, not %s", type_name(root));
		goto done;
	}
	if (!(l = gate_calloc(1, sizeof(*l), err)))
		goto done;
	if (root->count && !(l->items = gate_calloc(root->count, sizeof(char *), err)))
		goto done;
	for (e = root->child; e; e = e->next) {
		const char *login;

		if (e->type == GATE_JSON_NULL)
			continue;
		if (e->type != GATE_JSON_STRING) {
			fail(&R, e, "a login must be a string, not %s", type_name(e));
			goto done;
		}
		login = skip_at(e->str);
		if (login[0] == '@' || strlen(login) != e->str_len - (size_t)(login - e->str) ||
		    !valid_login(login, strlen(login)) || strchr(login, '/')) {
			fail(&R, e,
			     "not a login (1 to %d bytes without control characters, "
			     "'/' or a second '@')",
			     GATE_LOGIN_MAX);
			goto done;
		}
		if (!(l->items[l->count] = gate_strdup(login, err)))
			goto done;
		l->count++;
	}
	/* Sorted, for lookups in O(log n) whatever the file holds. */
	if (l->count > 1)
		qsort(l->items, l->count, sizeof(*l->items), cmp_login_ref);
	*out = l;
	l = NULL;
	error = 0;
done:
	gate_json_free(root);
	gate_logins_free(l);
	return error;
}

int gate_logins_load_file(gate_logins **out, const char *path, gate_error *err)
{
	gate_buf buf = GATE_BUF_INIT(GATE_APPROVALS_MAX_SIZE);
	const char *name = NULL;
	int error = -1;

	if (out)
		*out = NULL;
	if (read_input(&buf, path, &name, err) < 0)
		goto done;
	error = gate_logins_load(out, buf.ptr, buf.size, name, err);
done:
	gate_buf_dispose(&buf);
	return error;
}

void gate_logins_free(gate_logins *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->count; i++)
		free(l->items[i]);
	free(l->items);
	free(l);
}
