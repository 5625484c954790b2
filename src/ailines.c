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

#include "repo_internal.h"
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
	size_t ngone;  /* entries looked for in every file (GONE) */
	/* Entries whose noted path the head has no file at (renamed, moved
	 * or deleted later): then a new file that cannot be read may hold
	 * them, and that is an error. */
	size_t nvanished;
	size_t aagents;
	gate_error *err;
} builder;

/* The length of the white space character at `p` (of `n` bytes), or 0:
 * ASCII space, tab, CR, LF, vertical tab and form feed, and the Unicode
 * spaces and invisible characters an editor does not show (no-break and
 * other spaces, zero-width space and joiners, word joiner, BOM). */
static size_t space_len(const unsigned char *p, size_t n)
{
	if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		return 1;
	if (n >= 2 && p[0] == 0xc2 && p[1] == 0xa0) /* U+00A0 */
		return 2;
	if (n >= 3 && p[0] == 0xe1 && p[1] == 0x9a && p[2] == 0x80) /* U+1680 */
		return 3;
	if (n >= 3 && p[0] == 0xe2 && p[1] == 0x80 &&
	    (p[2] <= 0x8d || p[2] == 0xa8 || p[2] == 0xa9 || p[2] == 0xaf))
		return 3; /* U+2000-U+200D, U+2028, U+2029, U+202F */
	if (n >= 3 && p[0] == 0xe2 && p[1] == 0x81 && (p[2] == 0x9f || p[2] == 0xa0))
		return 3;                                           /* U+205F, U+2060 */
	if (n >= 3 && p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80) /* U+3000 */
		return 3;
	if (n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) /* U+FEFF */
		return 3;
	return 0;
}

/* FNV-1a over the line's text with white space dropped at both ends and
 * each run of it inside taken as one space, so that re-indenting,
 * re-spacing or an invisible character added by a later commit does not
 * make an AI-written line a human one; 0 when fewer than
 * GATE_AILINES_MIN_TEXT bytes are not white space. A collision can only
 * make a human line count as AI-written, which makes the gate stricter,
 * never laxer. */
static uint64_t line_hash(const char *line, size_t len)
{
	const unsigned char *p = (const unsigned char *)line, *end = p + len;
	uint64_t h = 1469598103934665603ULL;
	size_t text = 0, w;
	int pending = 0;

	while (p < end) {
		if ((w = space_len(p, (size_t)(end - p))) != 0) {
			pending = text > 0;
			p += w;
			continue;
		}
		if (pending) {
			h ^= ' ';
			h *= 1099511628211ULL;
			pending = 0;
		}
		h ^= *p++;
		h *= 1099511628211ULL;
		text++;
	}
	if (text < GATE_AILINES_MIN_TEXT)
		return 0;
	return h ? h : 1;
}

static int cmp_hash(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/*
 * Which lines of a file the spans cover, and by which agent: a sweep over
 * the spans (sorted by start) as the lines go up, O(lines + spans) however
 * the attestations overlap. A line several spans cover takes the one that
 * reaches furthest.
 */
typedef struct {
	const gate_ainote_span *spans;
	size_t nspans, next, agent;
	unsigned long reach; /* the furthest end among the spans started */
} sweep;

static void sweep_init(sweep *w, const gate_ainote_file *f)
{
	w->spans = f->spans;
	w->nspans = f->nspans;
	w->next = 0;
	w->agent = SIZE_MAX;
	w->reach = 0;
}

/* The agent (the note's index) of `line`, or SIZE_MAX; lines ascending. */
static size_t sweep_at(sweep *w, size_t line)
{
	while (w->next < w->nspans && w->spans[w->next].range.start <= line) {
		if (w->spans[w->next].range.end > w->reach) {
			w->reach = w->spans[w->next].range.end;
			w->agent = w->spans[w->next].agent;
		}
		w->next++;
	}
	return line <= w->reach ? w->agent : SIZE_MAX;
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

/* Lines of a loop between two questions about the deadline. */
#define EXPIRY_EVERY 65536

/*
 * Reads file `f` of commit `sha`'s note as that commit has it, checks that
 * every attested line is there, and (unless the commit is the head, whose
 * lines are taken by number) records the text of each: under its path
 * when the head's file at that path still has a line with that text, else
 * to be looked for in every file of the change (a later commit moved it,
 * or renamed, moved or deleted the file).
 */
static int add_noted_file(builder *b, gate_repo *repo, const char *sha, const char *head,
			  const gate_ainote_file *f, const size_t *map, int is_head, gate_buf *blob,
			  gate_buf *at_head)
{
	const char *p, *end;
	uint64_t *head_hashes = NULL;
	size_t nlines = 0, line, nhead = 0, path = GONE, agent;
	char ex[80];
	sweep w;
	int rc, error = -1, vanished = 0;

	gate_buf_clear(blob);
	gate_error_excerpt(ex, sizeof(ex), f->path);
	if (gate_repo__expired(repo, b->err) < 0)
		return -1;
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
	/* The spans are sorted by start: the last end is not the largest. */
	for (line = 0; line < f->nspans; line++)
		if (f->spans[line].range.end > nlines)
			return gate_error_set(
			    b->err, GATE_ERR_INPUT,
			    "commit %.12s: its git-ai note attests line %lu of %s, "
			    "which has %zu line(s) at that commit",
			    sha, f->spans[line].range.end, ex, nlines);
	if (is_head) {
		if (gate_array_reserve((void **)&b->head, &b->ahead, b->nhead + 1, sizeof(*b->head),
				       b->err) < 0)
			return -1;
		b->head[b->nhead].file = f;
		b->head[b->nhead].agents = map;
		b->nhead++;
		return 0;
	}
	/* The head's version of the file, as the hashes of its lines. */
	gate_buf_clear(at_head);
	if ((rc = gate_repo_read_file(at_head, repo, head, f->path, b->err)) < 0) {
		gate_error_prefix(b->err, "reading %s at the head", ex);
		return -1;
	}
	if (rc == 0) {
		vanished = 1;
	} else {
		size_t n = 0;

		p = at_head->ptr ? at_head->ptr : "";
		end = p + at_head->size;
		for (; p < end; n++)
			(void)gate_next_line(&p, end);
		if (n && !(head_hashes = gate_calloc(n, sizeof(*head_hashes), b->err)))
			return -1;
		p = at_head->ptr ? at_head->ptr : "";
		while (p < end) {
			gate_text_line l = gate_next_line(&p, end);

			head_hashes[nhead++] = line_hash(l.start, (size_t)(l.end - l.start));
		}
		if (nhead)
			qsort(head_hashes, nhead, sizeof(*head_hashes), cmp_hash);
		if (path_index(b, &path, f->path) < 0)
			goto done;
	}
	sweep_init(&w, f);
	p = blob->ptr ? blob->ptr : "";
	end = p + blob->size;
	for (line = 1; p < end; line++) {
		gate_text_line l = gate_next_line(&p, end);
		uint64_t h;
		size_t at;

		if (line % EXPIRY_EVERY == 0 && gate_repo__expired(repo, b->err) < 0)
			goto done;
		if ((agent = sweep_at(&w, line)) == SIZE_MAX)
			continue;
		if (!(h = line_hash(l.start, (size_t)(l.end - l.start))))
			continue;
		at =
		    vanished || !bsearch(&h, head_hashes, nhead, sizeof(h), cmp_hash) ? GONE : path;
		if (gate_array_reserve((void **)&b->entries, &b->aentries, b->nentries + 1,
				       sizeof(*b->entries), b->err) < 0)
			goto done;
		b->entries[b->nentries].path = at;
		b->entries[b->nentries].hash = h;
		b->entries[b->nentries].agent = map[agent];
		b->nentries++;
		b->ngone += at == GONE;
		b->nvanished += vanished;
	}
	error = 0;
done:
	free(head_hashes);
	return error;
}

/* The head note's file for `path`, or NULL. */
static const head_file *head_noted(const builder *b, const char *path)
{
	size_t i;

	for (i = 0; i < b->nhead; i++)
		if (strcmp(b->head[i].file->path, path) == 0)
			return &b->head[i];
	return NULL;
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
	const head_file *hf = head_noted(b, file->path);
	gate_content c;
	size_t paths[2], k, a, n, alloc = 0;
	char ex[80];
	sweep w;
	int error = -1, noted, renamed_here;

	paths[0] = find_path(b, file->path);
	paths[1] = file->old_path ? find_path(b, file->old_path) : SIZE_MAX;
	noted = hf || paths[0] != SIZE_MAX || paths[1] != SIZE_MAX;
	if (!noted && !b->ngone)
		return 0;
	if (gate_repo__expired(repo, b->err) < 0 ||
	    gate_content_load(&c, repo, file, max_size, b->err) < 0)
		return -1;
	/* Text that cannot be read cannot be cleared: a NUL byte, a size past
	 * the cap or an LFS pointer must not hide lines a note attests, in the
	 * file it names or in a new file where a file it names may have gone.
	 * (A deletion, symlink or submodule adds no line of text.) */
	renamed_here = file->status == GATE_STATUS_ADDED || file->status == GATE_STATUS_RENAMED ||
		       file->status == GATE_STATUS_COPIED || file->status == GATE_STATUS_TYPECHANGE;
	if (c.skipped && c.unscannable && (noted || (b->nvanished && renamed_here))) {
		gate_error_excerpt(ex, sizeof(ex), file->path);
		gate_error_set(b->err, GATE_ERR_INPUT,
			       noted
				   ? "%s has lines a git-ai note of the change attests, and "
				     "cannot be read as text (%s): its AI-written lines cannot be "
				     "checked"
				   : "a file whose lines a git-ai note of the change attests left "
				     "its path, and %s, new in the change, cannot be read as text "
				     "(%s): AI-written lines in it cannot be ruled out",
			       ex, c.skip_reason ? c.skip_reason : "unreadable");
		goto done;
	}
	if (hf)
		sweep_init(&w, hf->file);
	for (k = 0; !c.skipped && k < c.nadded; k++) {
		const char *s;
		size_t len;
		uint64_t h;

		n = c.added[k];
		if (k % EXPIRY_EVERY == EXPIRY_EVERY - 1 && gate_repo__expired(repo, b->err) < 0)
			goto done;
		/* The head's own note names its lines by number. */
		if (hf && (a = sweep_at(&w, n)) != SIZE_MAX) {
			if (mark(b, out, &alloc, n, hf->agents[a], 1) < 0)
				goto done;
			continue;
		}
		s = gate_content_line(&c, n, &len);
		if (!(h = line_hash(s, len)))
			continue;
		a = paths[0] != SIZE_MAX ? text_agent(b, paths[0], h) : SIZE_MAX;
		if (a == SIZE_MAX && paths[1] != SIZE_MAX)
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
	gate_buf blob = GATE_BUF_INIT(max_size), at_head = GATE_BUF_INIT(max_size);
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
					   strcmp(sha, change->head) == 0, &blob, &at_head) < 0)
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
	gate_buf_dispose(&at_head);
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
