/*
 * The git-ai authorship log (see include/riskgate/ainote.h): an attestation
 * section (file paths, each followed by two-space indented "<key> <ranges>"
 * lines), a "---" line, and a JSON metadata object that says what each key
 * stands for. Everything in a note is hostile; anything that is not exactly
 * this format is an error, so that a note can neither hide AI lines nor be
 * ignored.
 */
#include "riskgate/banned.h"

#include "riskgate/ainote.h"

#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"
#include "riskgate/jsonc.h"

#define SCHEMA "authorship/3.0.0"
/* Hex digits of a key's id, at most (git-ai writes 14 or 16). */
#define MAX_HEX 64

/* A file while the note is read: every AI range, unsorted, and the agent
 * of each (agents[i] for ranges[i]). */
typedef struct {
	const char *path;
	size_t path_len;
	gate_ainote_range *ranges;
	size_t *agents;
	size_t nranges, aranges, aagents;
} work_file;

typedef struct {
	const gate_json *prompts, *sessions, *humans;
	work_file *files;
	size_t nfiles, afiles;
	size_t ranges_total;
	gate_ainote *out;
	size_t aagents;
	gate_error *err;
} parser;

/* A note's line: [p, p + len), without its newline (nor a CR before it). */
typedef struct {
	const char *p;
	size_t len;
	unsigned no; /* 1-based */
} note_line;

static int bad(parser *ps, unsigned line, const char *what)
{
	return gate_error_set(ps->err, GATE_ERR_INPUT, "line %u: %s", line, what);
}

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Length of the run of hex digits at s (at most n bytes). */
static size_t hex_run(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && is_hex(s[i]))
		i++;
	return i;
}

/*
 * Whether key[0..n) is "<prefix><hex>" optionally followed by "::t_<hex>"
 * (trace id; required when `trace` is 2, allowed when 1, refused when 0).
 * Sets *idlen to the length of the part before "::".
 */
static int key_shape(const char *key, size_t n, const char *prefix, int trace, size_t *idlen)
{
	size_t pl = strlen(prefix), h, t;

	if (n < pl || memcmp(key, prefix, pl) != 0)
		return 0;
	h = hex_run(key + pl, n - pl);
	if (h == 0 || h > MAX_HEX)
		return 0;
	*idlen = pl + h;
	if (*idlen == n)
		return trace != 2;
	if (!trace || n - *idlen < 5 || memcmp(key + *idlen, "::t_", 4) != 0)
		return 0;
	t = hex_run(key + *idlen + 4, n - *idlen - 4);
	return t > 0 && t <= MAX_HEX && *idlen + 4 + t == n;
}

/* The member of `map` whose key is exactly id[0..n), or NULL. */
static const gate_json *lookup(const gate_json *map, const char *id, size_t n)
{
	const gate_json *m;

	if (!map)
		return NULL;
	for (m = map->child; m; m = m->next)
		if (strlen(m->key) == n && memcmp(m->key, id, n) == 0)
			return m;
	return NULL;
}

/* A string member of `obj`, or NULL when absent; -1 when of another type
 * or longer than GATE_AINOTE_MAX_NAME. */
static int name_of(const gate_json **out, const gate_json *obj, const char *key)
{
	*out = gate_json_get(obj, key);
	if (!*out || (*out)->type == GATE_JSON_NULL) {
		*out = NULL;
		return 0;
	}
	if ((*out)->type != GATE_JSON_STRING || (*out)->str_len > GATE_AINOTE_MAX_NAME)
		return -1;
	return 0;
}

/*
 * Checks one record of the "prompts" or "sessions" map: an object whose
 * agent_id is an object with a non-empty string tool and, when present, a
 * string model.
 */
static int check_session(parser *ps, const gate_json *rec, const char *map)
{
	const gate_json *agent, *tool, *model;

	if (rec->type != GATE_JSON_OBJECT)
		return gate_error_set(ps->err, GATE_ERR_INPUT,
				      "metadata line %u: a record of \"%s\" is not an object",
				      rec->line, map);
	agent = gate_json_get(rec, "agent_id");
	if (!agent || agent->type != GATE_JSON_OBJECT)
		return gate_error_set(ps->err, GATE_ERR_INPUT,
				      "metadata line %u: a record of \"%s\" has no agent_id object",
				      rec->line, map);
	if (name_of(&tool, agent, "tool") < 0 || !tool || tool->str_len == 0 ||
	    name_of(&model, agent, "model") < 0)
		return gate_error_set(
		    ps->err, GATE_ERR_INPUT,
		    "metadata line %u: agent_id needs a tool and may have a model "
		    "(strings of at most %d bytes)",
		    agent->line, GATE_AINOTE_MAX_NAME);
	return 0;
}

static int check_map(parser *ps, const gate_json **out, const gate_json *root, const char *key,
		     int required)
{
	const gate_json *m = gate_json_get(root, key), *rec;

	*out = NULL;
	if (!m)
		return required ? gate_error_set(ps->err, GATE_ERR_INPUT,
						 "metadata has no \"%s\" object", key)
				: 0;
	if (m->type != GATE_JSON_OBJECT)
		return gate_error_set(ps->err, GATE_ERR_INPUT,
				      "metadata line %u: \"%s\" is not an object", m->line, key);
	for (rec = m->child; rec; rec = rec->next) {
		if (strcmp(key, "humans") == 0) {
			const gate_json *author = gate_json_get(rec, "author");

			if (rec->type != GATE_JSON_OBJECT || !author ||
			    author->type != GATE_JSON_STRING)
				return gate_error_set(ps->err, GATE_ERR_INPUT,
						      "metadata line %u: a record of \"humans\" "
						      "has no author string",
						      rec->line);
		} else if (check_session(ps, rec, key) < 0) {
			return -1;
		}
	}
	*out = m;
	return 0;
}

static int check_metadata(parser *ps, const gate_json *root)
{
	const gate_json *v;

	if (root->type != GATE_JSON_OBJECT)
		return gate_error_set(ps->err, GATE_ERR_INPUT, "metadata is not a JSON object");
	v = gate_json_get(root, "schema_version");
	if (!v || v->type != GATE_JSON_STRING)
		return gate_error_set(ps->err, GATE_ERR_INPUT, "metadata has no schema_version");
	if (strcmp(v->str, SCHEMA) != 0) {
		char ex[80];

		gate_error_excerpt(ex, sizeof(ex), v->str);
		return gate_error_set(
		    ps->err, GATE_ERR_INPUT,
		    "unsupported schema_version \"%s\" (only \"" SCHEMA "\" is understood)", ex);
	}
	v = gate_json_get(root, "base_commit_sha");
	if (!v || v->type != GATE_JSON_STRING)
		return gate_error_set(ps->err, GATE_ERR_INPUT,
				      "metadata has no base_commit_sha string");
	if (check_map(ps, &ps->prompts, root, "prompts", 1) < 0 ||
	    check_map(ps, &ps->sessions, root, "sessions", 0) < 0 ||
	    check_map(ps, &ps->humans, root, "humans", 0) < 0)
		return -1;
	return 0;
}

/* Records the agent of session record `rec` among the note's agents and
 * sets *index to its place there. */
static int add_agent(parser *ps, const gate_json *rec, size_t *index)
{
	const gate_json *agent = gate_json_get(rec, "agent_id"), *tool, *model;
	gate_ainote *o = ps->out;
	const char *ms;
	size_t i;

	/* Checked by check_session. */
	(void)name_of(&tool, agent, "tool");
	(void)name_of(&model, agent, "model");
	ms = model ? model->str : "";
	for (i = 0; i < o->nagents; i++)
		if (strcmp(o->agents[i].tool, tool->str) == 0 &&
		    strcmp(o->agents[i].model, ms) == 0) {
			*index = i;
			return 0;
		}
	if (gate_array_reserve((void **)&o->agents, &ps->aagents, o->nagents + 1,
			       sizeof(*o->agents), ps->err) < 0)
		return -1;
	o->agents[o->nagents].tool = gate_strdup(tool->str, ps->err);
	o->agents[o->nagents].model = gate_strdup(ms, ps->err);
	if (!o->agents[o->nagents].tool || !o->agents[o->nagents].model) {
		free(o->agents[o->nagents].tool);
		free(o->agents[o->nagents].model);
		return -1;
	}
	*index = o->nagents++;
	return 0;
}

/* Parses a decimal line number (1..4294967295) from s[0..n). */
static int line_number(unsigned long *out, const char *s, size_t n)
{
	unsigned long v = 0;
	size_t i;

	if (n == 0 || n > 10)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (v == 0 || v > 4294967295UL)
		return -1;
	*out = v;
	return 0;
}

/*
 * Parses "1,2,19-222" (ascending, no spaces) and, when `file` is not NULL,
 * appends the ranges to it. Returns the number of lines, or -1.
 */
static int parse_ranges(parser *ps, unsigned no, const char *s, size_t n, work_file *file,
			size_t *lines)
{
	size_t i = 0, total = 0;
	unsigned long prev = 0;
	int first = 1;

	if (n == 0)
		return bad(ps, no, "an attestation has no line ranges");
	while (i <= n) {
		size_t j = i, dash = n;
		gate_ainote_range r;

		while (j < n && s[j] != ',') {
			if (s[j] == '-' && dash == n)
				dash = j;
			j++;
		}
		if (dash < n ? (line_number(&r.start, s + i, dash - i) < 0 ||
				line_number(&r.end, s + dash + 1, j - dash - 1) < 0)
			     : line_number(&r.start, s + i, j - i) < 0)
			return bad(ps, no,
				   "a line range is not N or N-M with positive line numbers");
		if (dash == n)
			r.end = r.start;
		if (r.end < r.start)
			return bad(ps, no, "a line range ends before it starts");
		if (!first && r.start <= prev)
			return bad(ps, no, "line ranges are not in ascending order");
		first = 0;
		prev = r.end;
		if (++ps->ranges_total > GATE_AINOTE_MAX_RANGES)
			return gate_error_set(ps->err, GATE_ERR_INPUT,
					      "line %u: more than %d line ranges", no,
					      GATE_AINOTE_MAX_RANGES);
		if (gate_add_overflow(&total, total, (size_t)(r.end - r.start) + 1))
			return bad(ps, no, "too many lines");
		if (file) {
			if (gate_array_reserve((void **)&file->ranges, &file->aranges,
					       file->nranges + 1, sizeof(*file->ranges),
					       ps->err) < 0)
				return -1;
			file->ranges[file->nranges++] = r;
		}
		i = j + 1;
	}
	*lines = total;
	return 0;
}

/* One "  <key> <ranges>" line under `file`. */
static int parse_attestation(parser *ps, const note_line *l, work_file *file)
{
	const char *s = l->p + 2, *sp, *ranges;
	size_t n = l->len - 2, klen, idlen, lines = 0;
	const gate_json *rec;
	size_t first = file->nranges, agent, i;
	int ai;

	sp = memchr(s, ' ', n);
	if (!sp || sp == s)
		return bad(ps, l->no, "an attestation is not \"<key> <line ranges>\"");
	klen = (size_t)(sp - s);
	ranges = sp + 1;
	if (memchr(ranges, ' ', n - klen - 1) || memchr(s, '\t', n))
		return bad(ps, l->no, "an attestation holds stray whitespace");
	if (key_shape(s, klen, "s_", 2, &idlen)) {
		ai = 1;
		rec = lookup(ps->sessions, s, idlen);
	} else if (key_shape(s, klen, "h_", 1, &idlen)) {
		ai = 0;
		rec = lookup(ps->humans, s, idlen);
	} else if (key_shape(s, klen, "", 0, &idlen) && klen >= 7) {
		ai = 1;
		rec = lookup(ps->prompts, s, idlen);
	} else {
		return bad(ps, l->no,
			   "an attestation key is none of s_<hex>::t_<hex>, h_<hex> or <hex>");
	}
	if (!rec)
		return gate_error_set(
		    ps->err, GATE_ERR_INPUT,
		    "line %u: attestation key %.*s names no %s of the metadata", l->no, (int)idlen,
		    s, ai ? (s[0] == 's' && s[1] == '_' ? "session" : "prompt") : "human");
	if (parse_ranges(ps, l->no, ranges, n - klen - 1, ai ? file : NULL, &lines) < 0)
		return -1;
	if (!ai)
		return gate_add_overflow(&ps->out->human_lines, ps->out->human_lines, lines)
			   ? bad(ps, l->no, "too many lines")
			   : 0;
	if (add_agent(ps, rec, &agent) < 0 ||
	    gate_array_reserve((void **)&file->agents, &file->aagents, file->nranges,
			       sizeof(*file->agents), ps->err) < 0)
		return -1;
	for (i = first; i < file->nranges; i++)
		file->agents[i] = agent;
	return 0;
}

/* A path line: the path itself, or "..." around one holding whitespace. */
static int parse_path(parser *ps, const note_line *l, work_file **out)
{
	const char *p = l->p;
	size_t n = l->len, i;

	if (p[0] == '"') {
		if (n < 3 || p[n - 1] != '"' || memchr(p + 1, '"', n - 2))
			return bad(ps, l->no, "a quoted file path is not closed");
		p++;
		n -= 2;
	}
	if (p[0] == ' ' || p[0] == '\t')
		return bad(ps, l->no, "a line is neither a file path nor a two-space attestation");
	for (i = 0; i < ps->nfiles; i++) {
		if (ps->files[i].path_len == n && memcmp(ps->files[i].path, p, n) == 0) {
			*out = &ps->files[i];
			return 0;
		}
	}
	if (ps->nfiles >= GATE_AINOTE_MAX_FILES)
		return gate_error_set(ps->err, GATE_ERR_INPUT, "line %u: more than %d files", l->no,
				      GATE_AINOTE_MAX_FILES);
	if (gate_array_reserve((void **)&ps->files, &ps->afiles, ps->nfiles + 1, sizeof(*ps->files),
			       ps->err) < 0)
		return -1;
	*out = &ps->files[ps->nfiles++];
	memset(*out, 0, sizeof(**out));
	(*out)->path = p;
	(*out)->path_len = n;
	return 0;
}

static int cmp_range(const void *a, const void *b)
{
	const gate_ainote_range *x = a, *y = b;

	return (x->start > y->start) - (x->start < y->start);
}

static int cmp_span(const void *a, const void *b)
{
	const gate_ainote_span *x = a, *y = b;

	if (x->range.start != y->range.start)
		return x->range.start < y->range.start ? -1 : 1;
	return (x->agent > y->agent) - (x->agent < y->agent);
}

/* Sorts and merges a file's ranges into the result, keeping each
 * attestation's agent in the file's spans. */
static int finish_file(parser *ps, work_file *w)
{
	gate_ainote *o = ps->out;
	gate_ainote_file *f;
	gate_ainote_span *spans;
	size_t i, k = 0, lines = 0;

	if (!w->nranges)
		return 0;
	if (!(spans = gate_calloc(w->nranges, sizeof(*spans), ps->err)))
		return -1;
	for (i = 0; i < w->nranges; i++) {
		spans[i].range = w->ranges[i];
		spans[i].agent = w->agents[i];
	}
	qsort(spans, w->nranges, sizeof(*spans), cmp_span);
	qsort(w->ranges, w->nranges, sizeof(*w->ranges), cmp_range);
	for (i = 1; i < w->nranges; i++) {
		/* start >= 1: start - 1 cannot wrap, end + 1 could. */
		if (w->ranges[i].start - 1 <= w->ranges[k].end) {
			if (w->ranges[i].end > w->ranges[k].end)
				w->ranges[k].end = w->ranges[i].end;
		} else {
			w->ranges[++k] = w->ranges[i];
		}
	}
	for (i = 0; i <= k; i++)
		if (gate_add_overflow(&lines, lines,
				      (size_t)(w->ranges[i].end - w->ranges[i].start) + 1)) {
			free(spans);
			return gate_error_set(ps->err, GATE_ERR_INPUT, "too many lines");
		}
	f = &o->files[o->nfiles];
	if (!(f->path = gate_strndup(w->path, w->path_len, ps->err))) {
		free(spans);
		return -1;
	}
	f->ranges = w->ranges;
	f->nranges = k + 1;
	f->lines = lines;
	f->spans = spans;
	f->nspans = w->nranges;
	w->ranges = NULL;
	o->nfiles++;
	if (gate_add_overflow(&o->lines, o->lines, lines))
		return gate_error_set(ps->err, GATE_ERR_INPUT, "too many lines");
	return 0;
}

int gate_ainote_parse(gate_ainote *out, const char *text, size_t len, gate_error *err)
{
	parser ps;
	gate_json *root = NULL;
	note_line l;
	size_t pos = 0, json_at = 0, i;
	unsigned no = 0, divider = 0;
	work_file *file = NULL;
	int error = -1;

	memset(out, 0, sizeof(*out));
	memset(&ps, 0, sizeof(ps));
	ps.out = out;
	ps.err = err;
	if (len > GATE_AINOTE_MAX_BYTES) {
		gate_error_set(err, GATE_ERR_INPUT, "%zu bytes, more than the %zu accepted", len,
			       GATE_AINOTE_MAX_BYTES);
		goto done;
	}
	if (memchr(text, '\0', len)) {
		gate_error_set(err, GATE_ERR_INPUT, "holds a NUL byte");
		goto done;
	}

	/* The divider first: keys are resolved against the metadata. */
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (text + pos)) : len - pos;

		no++;
		if ((n == 3 || (n == 4 && text[pos + 3] == '\r')) &&
		    memcmp(text + pos, "---", 3) == 0) {
			divider = no;
			json_at = pos + n + (nl ? 1 : 0);
			break;
		}
		pos += n + (nl ? 1 : 0);
	}
	if (!divider) {
		gate_error_set(err, GATE_ERR_INPUT,
			       "no \"---\" line between attestations and metadata: not a git-ai "
			       "authorship log");
		goto done;
	}
	if (gate_json_parse(&root, text + json_at, len - json_at, "note", GATE_ERR_INPUT, err) <
	    0) {
		unsigned at = err ? err->line : 0;

		if (err) {
			err->file[0] = '\0';
			err->line = err->col = 0;
		}
		gate_error_prefix(err, "metadata line %u (line %u of the note)", at, at + divider);
		goto done;
	}
	if (check_metadata(&ps, root) < 0)
		goto done;

	for (pos = 0, no = 1; no < divider; no++) {
		const char *nl = memchr(text + pos, '\n', len - pos);

		l.p = text + pos;
		l.len = (size_t)(nl - l.p);
		l.no = no;
		pos += l.len + 1;
		if (l.len && l.p[l.len - 1] == '\r')
			l.len--;
		if (l.len == 0)
			continue;
		if (l.len >= 2 && l.p[0] == ' ' && l.p[1] == ' ') {
			if (!file) {
				bad(&ps, no, "an attestation comes before any file path");
				goto done;
			}
			if (parse_attestation(&ps, &l, file) < 0)
				goto done;
		} else if (parse_path(&ps, &l, &file) < 0) {
			goto done;
		}
	}

	if (ps.nfiles && !(out->files = gate_calloc(ps.nfiles, sizeof(*out->files), err)))
		goto done;
	for (i = 0; i < ps.nfiles; i++)
		if (finish_file(&ps, &ps.files[i]) < 0)
			goto done;
	error = 0;
done:
	for (i = 0; i < ps.nfiles; i++) {
		free(ps.files[i].ranges);
		free(ps.files[i].agents);
	}
	free(ps.files);
	gate_json_free(root);
	if (error < 0)
		gate_ainote_dispose(out);
	return error;
}

void gate_ainote_dispose(gate_ainote *note)
{
	size_t i;

	if (!note)
		return;
	for (i = 0; i < note->nfiles; i++) {
		free(note->files[i].path);
		free(note->files[i].ranges);
		free(note->files[i].spans);
	}
	free(note->files);
	for (i = 0; i < note->nagents; i++) {
		free(note->agents[i].tool);
		free(note->agents[i].model);
	}
	free(note->agents);
	memset(note, 0, sizeof(*note));
}

int gate_ainote_is_ai(const gate_ainote *note)
{
	return note && note->nfiles > 0;
}
