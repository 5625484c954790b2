/*
 * AI-written lines (see include/riskgate/ailines.h): the lines each git-ai
 * note of a change attests, read from the noted commit's own version of the
 * file, then every added line of the head looked up among them, by number
 * for the head commit's note and by text for the others.
 */
#include "riskgate/banned.h"

#include "riskgate/ailines.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"
#include "riskgate/content.h"

/* One line an earlier commit's note attests: the index of its path among
 * the noted paths (GONE when the head has no file at that path), its
 * trimmed text's hash and its agent (global index). */
typedef struct {
	size_t path;
	uint64_t hash;
	size_t agent;
} entry;

/* The path of an attested line whose file a later commit renamed, moved or
 * deleted: its lines are looked for in every file of the change.
 * NEEDSWORK: following each commit's renames and line moves (git blame's
 * -M/-C) would be exact, and would also follow lines cut from a file the
 * head still has into another file, which the text match misses. */
#define GONE (SIZE_MAX - 1)

/* One file the head commit's note names, with its agents mapped to the
 * global list (`agents[i]` for the note's agent i). Borrowed. */
typedef struct {
	const gate_ainote_file *file;
	const size_t *agents;
} head_file;

typedef struct {
	gate_ailines *out;
	const char **paths; /* borrowed from the notes */
	size_t npaths, apaths;
	entry *entries;
	size_t nentries, aentries;
	head_file *head;
	size_t nhead, ahead;
	size_t **maps; /* per commit: the note's agent index -> global index */
	size_t ngone;  /* entries whose path the head does not have */
	size_t aagents;
	gate_error *err;
} builder;

/* The line without leading and trailing white space. */
static const char *trim(const char *s, size_t len, size_t *out)
{
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	*out = len;
	return s;
}

/* FNV-1a over the trimmed text; 0 when it is too short to be matched. A
 * collision can only make a human line count as AI-written, which makes the
 * gate stricter, never laxer. */
static uint64_t line_hash(const char *line, size_t len)
{
	const unsigned char *p;
	uint64_t h = 1469598103934665603ULL;
	size_t n, i;

	p = (const unsigned char *)trim(line, len, &n);
	if (n < GATE_AILINES_MIN_TEXT)
		return 0;
	for (i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h ? h : 1;
}

static int cmp_entry(const void *a, const void *b)
{
	const entry *x = a, *y = b;

	if (x->path != y->path)
		return x->path < y->path ? -1 : 1;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return (x->agent > y->agent) - (x->agent < y->agent);
}

/* The index of `path` among the noted paths, added when absent. */
static int path_index(builder *b, size_t *out, const char *path)
{
	size_t i;

	for (i = 0; i < b->npaths; i++)
		if (strcmp(b->paths[i], path) == 0) {
			*out = i;
			return 0;
		}
	if (gate_array_reserve((void **)&b->paths, &b->apaths, b->npaths + 1, sizeof(*b->paths),
			       b->err) < 0)
		return -1;
	b->paths[b->npaths] = path;
	*out = b->npaths++;
	return 0;
}

/* The global index of agent `a`, added when absent. */
static int agent_index(builder *b, size_t *out, const gate_ainote_agent *a)
{
	gate_ailines *o = b->out;
	size_t i;

	for (i = 0; i < o->nagents; i++)
		if (strcmp(o->agents[i].tool, a->tool) == 0 &&
		    strcmp(o->agents[i].model, a->model) == 0) {
			*out = i;
			return 0;
		}
	if (gate_array_reserve((void **)&o->agents, &b->aagents, o->nagents + 1, sizeof(*o->agents),
			       b->err) < 0)
		return -1;
	o->agents[o->nagents].tool = gate_strdup(a->tool, b->err);
	o->agents[o->nagents].model = gate_strdup(a->model, b->err);
	if (!o->agents[o->nagents].tool || !o->agents[o->nagents].model) {
		free(o->agents[o->nagents].tool);
		free(o->agents[o->nagents].model);
		return -1;
	}
	*out = o->nagents++;
	return 0;
}

/*
 * Reads file `f` of commit `sha`'s note as that commit has it, checks that
 * every attested line is there, and (unless the commit is the head, whose
 * lines are taken by number) records the text of each.
 */
static int add_noted_file(builder *b, gate_repo *repo, const char *sha, const char *head,
			  const gate_ainote_file *f, const size_t *map, int is_head, gate_buf *blob)
{
	const char *p, *end;
	size_t nlines = 0, line, s, path;
	char ex[80];
	int rc;

	gate_buf_clear(blob);
	gate_error_excerpt(ex, sizeof(ex), f->path);
	if ((rc = gate_repo_read_file(blob, repo, sha, f->path, b->err)) < 0) {
		gate_error_prefix(b->err,
				  "commit %.12s: reading %s, whose lines its git-ai note "
				  "attests",
				  sha, ex);
		return -1;
	}
	if (rc == 0)
		return gate_error_set(b->err, GATE_ERR_INPUT,
				      "commit %.12s: its git-ai note attests lines of %s, which "
				      "that commit does not have",
				      sha, ex);
	p = blob->ptr ? blob->ptr : "";
	end = p + blob->size;
	for (; p < end; nlines++)
		(void)gate_next_line(&p, end);
	for (s = 0; s < f->nspans; s++)
		if (f->spans[s].range.end > nlines)
			return gate_error_set(
			    b->err, GATE_ERR_INPUT,
			    "commit %.12s: its git-ai note attests line %lu of %s, "
			    "which has %zu line(s) at that commit",
			    sha, f->spans[s].range.end, ex, nlines);
	if (is_head) {
		if (gate_array_reserve((void **)&b->head, &b->ahead, b->nhead + 1, sizeof(*b->head),
				       b->err) < 0)
			return -1;
		b->head[b->nhead].file = f;
		b->head[b->nhead].agents = map;
		b->nhead++;
		return 0;
	}
	/* A file the head no longer has at that path was renamed, moved or
	 * deleted by a later commit: its lines may be anywhere now. */
	gate_buf_clear(blob);
	if ((rc = gate_repo_read_file(blob, repo, head, f->path, b->err)) < 0) {
		gate_error_prefix(b->err, "reading %s at the head", ex);
		return -1;
	}
	if (rc == 0)
		path = GONE;
	else if (path_index(b, &path, f->path) < 0)
		return -1;
	gate_buf_clear(blob);
	if (gate_repo_read_file(blob, repo, sha, f->path, b->err) < 0)
		return -1;
	end = (blob->ptr ? blob->ptr : "") + blob->size;
	p = blob->ptr ? blob->ptr : "";
	for (line = 1; p < end; line++) {
		gate_text_line l = gate_next_line(&p, end);
		uint64_t h;

		for (s = 0; s < f->nspans; s++) {
			if (line < f->spans[s].range.start || line > f->spans[s].range.end)
				continue;
			if (!(h = line_hash(l.start, (size_t)(l.end - l.start))))
				break;
			if (gate_array_reserve((void **)&b->entries, &b->aentries, b->nentries + 1,
					       sizeof(*b->entries), b->err) < 0)
				return -1;
			b->entries[b->nentries].path = path;
			b->entries[b->nentries].hash = h;
			b->entries[b->nentries].agent = map[f->spans[s].agent];
			b->nentries++;
			b->ngone += path == GONE;
		}
	}
	return 0;
}

/* The head note's agent for line `line` of `path`, or SIZE_MAX. */
static size_t head_agent(const builder *b, const char *path, size_t line)
{
	size_t i, s;

	for (i = 0; i < b->nhead; i++) {
		const gate_ainote_file *f = b->head[i].file;

		if (strcmp(f->path, path) != 0)
			continue;
		for (s = 0; s < f->nspans && f->spans[s].range.start <= line; s++)
			if (line <= f->spans[s].range.end)
				return b->head[i].agents[f->spans[s].agent];
	}
	return SIZE_MAX;
}

/* The agent of the first attested line of noted path `path` with hash
 * `h`, or SIZE_MAX. */
static size_t text_agent(const builder *b, size_t path, uint64_t h)
{
	size_t lo = 0, hi = b->nentries;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const entry *e = &b->entries[mid];

		if (e->path < path || (e->path == path && e->hash < h))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < b->nentries && b->entries[lo].path == path && b->entries[lo].hash == h)
		return b->entries[lo].agent;
	return SIZE_MAX;
}

/* The index of `path` among the noted paths, or SIZE_MAX. */
static size_t find_path(const builder *b, const char *path)
{
	size_t i;

	for (i = 0; path && i < b->npaths; i++)
		if (strcmp(b->paths[i], path) == 0)
			return i;
	return SIZE_MAX;
}

static int noted_at_head(const builder *b, const char *path)
{
	size_t i;

	for (i = 0; i < b->nhead; i++)
		if (strcmp(b->head[i].file->path, path) == 0)
			return 1;
	return 0;
}

/* Appends line `line` by `agent` to file `out`, extending its last range. */
static int mark(builder *b, gate_ailines_file *out, size_t *alloc, size_t line, size_t agent,
		int exact)
{
	gate_ailines_range *last = out->nranges ? &out->ranges[out->nranges - 1] : NULL;

	out->lines++;
	b->out->lines++;
	if (last && last->end + 1 == line && last->agent == agent && last->exact == exact) {
		last->end = line;
		return 0;
	}
	if (gate_array_reserve((void **)&out->ranges, alloc, out->nranges + 1, sizeof(*out->ranges),
			       b->err) < 0)
		return -1;
	out->ranges[out->nranges].start = line;
	out->ranges[out->nranges].end = line;
	out->ranges[out->nranges].agent = agent;
	out->ranges[out->nranges].exact = exact;
	out->nranges++;
	return 0;
}

/* Looks up every added line of change file `file` (index `i`). */
static int attribute_file(builder *b, gate_repo *repo, const gate_file *file, size_t i,
			  size_t max_size)
{
	gate_ailines_file *out = &b->out->files[i];
	gate_content c;
	size_t paths[2], k, a, n, alloc = 0;
	int exact, error = -1;

	paths[0] = find_path(b, file->path);
	paths[1] = file->old_path ? find_path(b, file->old_path) : SIZE_MAX;
	exact = noted_at_head(b, file->path);
	if (!exact && paths[0] == SIZE_MAX && paths[1] == SIZE_MAX && !b->ngone)
		return 0;
	if (gate_content_load(&c, repo, file, max_size, b->err) < 0)
		return -1;
	/* A deletion, symlink or submodule adds no line of text; a file that
	 * cannot be read as text is the content checks' to refuse. */
	for (k = 0; !c.skipped && k < c.nadded; k++) {
		const char *s;
		size_t len;
		uint64_t h;

		n = c.added[k];
		a = exact ? head_agent(b, file->path, n) : SIZE_MAX;
		if (a != SIZE_MAX) {
			if (mark(b, out, &alloc, n, a, 1) < 0)
				goto done;
			continue;
		}
		s = gate_content_line(&c, n, &len);
		if (!(h = line_hash(s, len)))
			continue;
		if ((a = paths[0] != SIZE_MAX ? text_agent(b, paths[0], h) : SIZE_MAX) ==
			SIZE_MAX &&
		    paths[1] != SIZE_MAX)
			a = text_agent(b, paths[1], h);
		if (a == SIZE_MAX && b->ngone)
			a = text_agent(b, GONE, h);
		if (a != SIZE_MAX && mark(b, out, &alloc, n, a, 0) < 0)
			goto done;
	}
	error = 0;
done:
	gate_content_dispose(&c);
	return error;
}

int gate_ailines_build(gate_ailines *out, gate_repo *repo, const gate_change *change,
		       const gate_ainote *const *notes, size_t ncommits, size_t max_size,
		       gate_error *err)
{
	gate_buf blob = GATE_BUF_INIT(max_size);
	builder b;
	size_t c, f, i, any = 0;
	int error = -1;

	memset(out, 0, sizeof(*out));
	memset(&b, 0, sizeof(b));
	b.out = out;
	b.err = err;
	for (c = 0; c < ncommits; c++)
		any += notes[c] && notes[c]->nfiles;
	if (!any || !change->nfiles)
		return 0;
	if (!repo)
		return gate_error_set(err, GATE_ERR_INTERNAL,
				      "AI-written lines need the repository's history");
	if (!(b.maps = gate_calloc(ncommits, sizeof(*b.maps), err)))
		goto done;
	for (c = 0; c < ncommits; c++) {
		const gate_ainote *note = notes[c];
		const char *sha = change->commits[c].sha;

		if (!note || !note->nfiles)
			continue;
		if (!(b.maps[c] =
			  gate_calloc(note->nagents ? note->nagents : 1, sizeof(*b.maps[c]), err)))
			goto done;
		for (i = 0; i < note->nagents; i++)
			if (agent_index(&b, &b.maps[c][i], &note->agents[i]) < 0)
				goto done;
		for (f = 0; f < note->nfiles; f++)
			if (add_noted_file(&b, repo, sha, change->head, &note->files[f], b.maps[c],
					   strcmp(sha, change->head) == 0, &blob) < 0)
				goto done;
	}
	if (b.nentries)
		qsort(b.entries, b.nentries, sizeof(*b.entries), cmp_entry);
	if (!(out->files = gate_calloc(change->nfiles, sizeof(*out->files), err)))
		goto done;
	out->nfiles = change->nfiles;
	for (i = 0; i < change->nfiles; i++)
		if (attribute_file(&b, repo, &change->files[i], i, max_size) < 0)
			goto done;
	error = 0;
done:
	if (b.maps)
		for (c = 0; c < ncommits; c++)
			free(b.maps[c]);
	free(b.maps);
	free(b.paths);
	free(b.entries);
	free(b.head);
	gate_buf_dispose(&blob);
	if (error < 0)
		gate_ailines_dispose(out);
	return error;
}

const gate_ainote_agent *gate_ailines_agent(const gate_ailines *a, size_t file, size_t line)
{
	const gate_ailines_file *f;
	size_t lo, hi;

	if (!a || file >= a->nfiles)
		return NULL;
	f = &a->files[file];
	lo = 0;
	hi = f->nranges;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (f->ranges[mid].end < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < f->nranges && f->ranges[lo].start <= line)
		return &a->agents[f->ranges[lo].agent];
	return NULL;
}

size_t gate_ailines_count(const gate_ailines *a, size_t file)
{
	return a && file < a->nfiles ? a->files[file].lines : 0;
}

void gate_ailines_dispose(gate_ailines *a)
{
	size_t i;

	if (!a)
		return;
	for (i = 0; i < a->nfiles; i++)
		free(a->files[i].ranges);
	free(a->files);
	for (i = 0; i < a->nagents; i++) {
		free(a->agents[i].tool);
		free(a->agents[i].model);
	}
	free(a->agents);
	memset(a, 0, sizeof(*a));
}
