/*
 * The reviews of a pull request (docs/policy.md, "Who approved"): reads the reviews GitHub lists
 * for a pull request, parsed with positions (jsonc) so errors point into the
 * file. Which review stands (latest wins, dismissed, superseded) and whether
 * an approval counts are decided in src/approvers.c, not here.
 */
#include "riskgate/banned.h"

#include "riskgate/approvals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "approvals_internal.h"
#include "approvers.h"
#include "riskgate/identity.h"

#define GHOST_LOGIN     "ghost"
#define ASSOCIATION_MAX 32
#define TIME_MAX        64

static const char *const state_names[] = {"APPROVED", "CHANGES_REQUESTED", "DISMISSED", "COMMENTED",
					  "PENDING"};

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

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* ASCII lower case, for commit ids. */
static char lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c + ('a' - 'A')) : c;
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
static int splitter_next(splitter *S, gate_approvals__reader *R, size_t *start, size_t *end)
{
	size_t p, v, q;

	if (S->started && S->pos >= S->len)
		return 0;
	S->started = 1;
	*start = S->pos;
	R->line0 = S->line;
	R->col0 = S->pos - S->line_start + 1;
	p = gate_approvals__skip_blank(S->text, S->len, S->pos);
	v = gate_approvals__value_end(S->text, S->len, p, &S->values);
	if (v == (size_t)-1)
		return gate_error_set_at(
		    R->err, GATE_ERR_INPUT, R->file, gate_approvals__clamp(R->line0),
		    gate_approvals__clamp(R->col0),
		    "too many JSON values (more than %u in one file)", GATE_APPROVALS_MAX_VALUES);
	q = gate_approvals__skip_blank(S->text, S->len, v);
	*end = q >= S->len ? S->len : v;
	splitter_advance(S, *end);
	return 1;
}

/* Parses [start, end) of the input, moving a parse error's position from
 * that text into the whole input. */
static int parse_text(gate_json **out, gate_approvals__reader *R, const char *text, size_t start,
		      size_t end)
{
	unsigned line, col;

	if (gate_json_parse(out, text + start, end - start, R->file, GATE_ERR_INPUT, R->err) == 0)
		return 0;
	if (R->err && R->err->line) {
		gate_approvals__map_pos(R, R->err->line, R->err->col, &line, &col);
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
 * a gate_approvals__stamp. `s` is NUL-terminated and `len` long. Returns 0 or -1.
 */
static int parse_time(const char *s, size_t len, gate_approvals__stamp *out)
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

static void entry_dispose(gate_approvals__entry *e)
{
	free(e->login);
	free(e->submitted_at);
	free(e->association);
	free(e->user_type);
	e->login = e->submitted_at = e->association = e->user_type = NULL;
}

/*
 * Checks one review object and, when it is an APPROVED, CHANGES_REQUESTED
 * or DISMISSED review by a live account, appends it to E. Every entry is
 * checked the same way, also those that end up ignored, so a malformed file
 * is refused whatever it holds.
 */
static int read_review(gate_approvals__reader *R, const gate_json *obj, size_t index,
		       gate_approvals__entries *E)
{
	const gate_json *state, *user, *login = NULL, *type, *commit, *sub, *assoc;
	char shown[80];
	gate_approvals__state rs = GATE_RS_PENDING;
	gate_approvals__entry *e;
	gate_approvals__stamp at = {0, 0};
	size_t i;
	int found = 0;

	if (obj->type != GATE_JSON_OBJECT)
		return gate_approvals__fail(R, obj, "a review must be an object, not %s",
					    gate_approvals__type_name(obj));

	if (!(state = gate_json_get(obj, "state")))
		return gate_approvals__fail(R, obj, "review has no \"state\"");
	if (state->type != GATE_JSON_STRING)
		return gate_approvals__fail(R, state, "\"state\" must be a string, not %s",
					    gate_approvals__type_name(state));
	for (i = 0; i < sizeof(state_names) / sizeof(state_names[0]); i++) {
		if (gate_identity_eq(state->str, state_names[i])) {
			rs = (gate_approvals__state)i;
			found = 1;
		}
	}
	if (!found) {
		gate_error_excerpt(shown, sizeof(shown), state->str);
		return gate_approvals__fail(
		    R, state,
		    "unknown review state \"%s\" (expected APPROVED, CHANGES_REQUESTED, "
		    "DISMISSED, COMMENTED or PENDING)",
		    shown);
	}

	if (!(user = gate_json_get(obj, "user")))
		return gate_approvals__fail(R, obj, "review has no \"user\"");
	if (user->type != GATE_JSON_NULL) {
		if (user->type != GATE_JSON_OBJECT)
			return gate_approvals__fail(R, user,
						    "\"user\" must be an object or null, not %s",
						    gate_approvals__type_name(user));
		if (!(login = gate_json_get(user, "login")))
			return gate_approvals__fail(R, user, "\"user\" has no \"login\"");
		if (login->type != GATE_JSON_STRING)
			return gate_approvals__fail(R, login, "\"login\" must be a string, not %s",
						    gate_approvals__type_name(login));
		/* Queries take a login with or without one leading '@' and
		 * drop it, so a login starting with '@' could never be found:
		 * its approval would be lost, its block ignored. GitHub logins
		 * never start with one. */
		if (login->str[0] == '@')
			return gate_approvals__fail(R, login, "\"login\" must not start with '@'");
		if (!gate_identity_login_valid(login->str, login->str_len))
			return gate_approvals__fail(
			    R, login, "\"login\" must be 1 to %d bytes without control characters",
			    GATE_LOGIN_MAX);
		if ((type = field(user, "type")) && type->type != GATE_JSON_STRING)
			return gate_approvals__fail(R, type, "\"type\" must be a string, not %s",
						    gate_approvals__type_name(type));
	} else {
		type = NULL;
	}

	if ((commit = field(obj, "commit_id"))) {
		if (commit->type != GATE_JSON_STRING)
			return gate_approvals__fail(R, commit,
						    "\"commit_id\" must be a string, not %s",
						    gate_approvals__type_name(commit));
		if (!valid_oid(commit->str, commit->str_len))
			return gate_approvals__fail(
			    R, commit,
			    "\"commit_id\" must be a full commit id (40 or 64 hexadecimal "
			    "digits)");
	}
	if ((sub = field(obj, "submitted_at"))) {
		if (sub->type != GATE_JSON_STRING)
			return gate_approvals__fail(R, sub,
						    "\"submitted_at\" must be a string, not %s",
						    gate_approvals__type_name(sub));
		if (parse_time(sub->str, sub->str_len, &at) < 0)
			return gate_approvals__fail(
			    R, sub,
			    "\"submitted_at\" is not an RFC 3339 date and time (such as "
			    "2019-11-17T17:43:43Z)");
	}
	if ((assoc = field(obj, "author_association"))) {
		if (assoc->type != GATE_JSON_STRING)
			return gate_approvals__fail(
			    R, assoc, "\"author_association\" must be a string, not %s",
			    gate_approvals__type_name(assoc));
		if (!valid_association(assoc->str, assoc->str_len))
			return gate_approvals__fail(
			    R, assoc,
			    "\"author_association\" must be a word such as MEMBER or "
			    "COLLABORATOR");
	}

	/* Deleted accounts: GitHub gives null, or its "ghost" placeholder, which
	 * stands for every deleted account at once and so for nobody. */
	if (!login || gate_identity_eq(login->str, GHOST_LOGIN))
		return 0;
	if (rs == GATE_RS_COMMENTED || rs == GATE_RS_PENDING)
		return 0;
	if (!sub)
		return gate_approvals__fail(
		    R, obj,
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
	gate_approvals__map_pos(R, obj->line, obj->col, &e->line, &e->col);
	if (commit) {
		for (i = 0; i < commit->str_len; i++)
			e->commit_id[i] = lower(commit->str[i]);
		e->commit_id[i] = '\0';
	}
	e->login = gate_strdup(login->str, R->err);
	e->submitted_at = gate_strdup(sub->str, R->err);
	e->association = assoc ? gate_strdup(assoc->str, R->err) : NULL;
	e->user_type = type ? gate_strdup(type->str, R->err) : NULL;
	if (!e->login || !e->submitted_at || (assoc && !e->association) ||
	    (type && !e->user_type)) {
		entry_dispose(e);
		return -1;
	}
	E->count++;
	return 0;
}

/* What a whole JSON text that is not an array was meant to be. */
static int not_an_array(gate_approvals__reader *R, const gate_json *root)
{
	const gate_json *msg = gate_json_get(root, "message");
	char shown[80];

	/* GitHub answers errors with {"message": ..., "documentation_url": ...},
	 * which ends up in the file when a workflow does not check the status. */
	if (root->type == GATE_JSON_OBJECT && msg && msg->type == GATE_JSON_STRING) {
		gate_error_excerpt(shown, sizeof(shown), msg->str);
		return gate_approvals__fail(
		    R, root,
		    "expected an array of reviews, not an object (an error from GitHub? "
		    "its message: \"%s\")",
		    shown);
	}
	return gate_approvals__fail(R, root, "expected an array of reviews, not %s",
				    gate_approvals__type_name(root));
}

/* Reads the reviews of one JSON text: an array of reviews, or an array of
 * such arrays (gh api --paginate --slurp). */
static int read_text(gate_approvals__reader *R, const gate_json *root, size_t *nread,
		     gate_approvals__entries *E)
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

int gate_approvals_load(gate_approvals **out, const char *text, size_t len, const char *file,
			const char *head_sha, int allow_stale, const char *author, gate_error *err)
{
	gate_approvals *a = NULL;
	gate_json *root = NULL;
	gate_approvals__entries E = {NULL, 0, 0};
	splitter S;
	gate_approvals__reader R;
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
		author = gate_identity_skip_at(author);
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
	if (more < 0 || gate_approvers__standing(a, &E, err) < 0)
		goto done;
	gate_approvers__judge(a, head, allow_stale, author);
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

int gate_approvals_load_file(gate_approvals **out, const char *path, const char *head_sha,
			     int allow_stale, const char *author, gate_error *err)
{
	gate_buf buf = GATE_BUF_INIT(GATE_APPROVALS_MAX_SIZE);
	const char *name = NULL;
	int error = -1;

	if (out)
		*out = NULL;
	if (gate_approvals__read_input(&buf, path, &name, err) < 0)
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
		free(a->items[i].user_type);
	}
	free(a->items);
	for (i = 0; i < a->ndropped; i++) {
		free(a->dropped[i].login);
		free(a->dropped[i].submitted_at);
		free(a->dropped[i].later_at);
	}
	free(a->dropped);
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
	login = gate_identity_skip_at(login);
	if (!login[0])
		return NULL;
	for (i = 0; i < a->count; i++)
		if (gate_identity_eq(a->items[i].login, login))
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
