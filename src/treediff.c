/*
 * Tree comparison that skips identical subtrees (see treediff.h).
 */
#include "riskgate/banned.h"

#include "treediff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"
#include "repo_internal.h"

/* The raw walker: trees read as the object database stores them. */

/* git_tree_entry_filemode()'s normalisation of a raw mode. */
static unsigned int normal_mode(unsigned int raw)
{
	if ((raw & 0170000) == 0040000)
		return GIT_FILEMODE_TREE;
	if (raw & 0111)
		return GIT_FILEMODE_BLOB_EXECUTABLE;
	if ((raw & 0170000) == 0160000)
		return GIT_FILEMODE_COMMIT;
	if ((raw & 0170000) == 0120000)
		return GIT_FILEMODE_LINK;
	return GIT_FILEMODE_BLOB;
}

int gate_treediff__next(gate_treediff_entry *out, const unsigned char *buf, size_t size,
			size_t *pos)
{
	size_t p = *pos, digits = 0, name;
	unsigned int raw = 0;
	const unsigned char *nul;

	if (p >= size)
		return 0;
	while (p < size && buf[p] >= '0' && buf[p] <= '7' && digits < 6) {
		raw = raw * 8 + (unsigned int)(buf[p] - '0');
		p++;
		digits++;
	}
	if (digits == 0 || p >= size || buf[p] != ' ')
		return -1;
	name = ++p;
	nul = memchr(buf + p, '\0', size - p);
	if (!nul || nul == buf + p || memchr(buf + p, '/', (size_t)(nul - (buf + p))))
		return -1;
	out->len = (size_t)(nul - (buf + p));
	p = (size_t)(nul - buf) + 1;
	if (size - p < GIT_OID_RAWSZ)
		return -1;
	out->mode = normal_mode(raw);
	out->is_tree = (raw & 0170000) == 0040000;
	out->name = (const char *)buf + name;
	memcpy(out->id.id, buf + p, GIT_OID_RAWSZ);
	*pos = p + GIT_OID_RAWSZ;
	return 1;
}

/* One side of a combined walk at one directory: its tree (none: absent)
 * and the entry its cursor is on. */
typedef struct {
	git_odb_object *obj;
	const unsigned char *buf;
	size_t size, pos;
	size_t start; /* where `cur` starts; `size` at the end */
	size_t tail;  /* bytes at the end equal to the commit tree's (parents) */
	gate_treediff_entry cur;
	int has;   /* `cur` holds the next entry */
	int match; /* `cur` is the entry the walk is on */
} side;

typedef struct {
	gate_repo *repo;
	git_odb *odb;
	size_t nsides; /* the commit's tree, then each parent's */
	gate_treediff_path_cb cb;
	void *payload;
	gate_buf path;
	gate_error *err;
} combined;

static int side_advance(combined *w, side *s)
{
	int rc;

	if (!s->obj) {
		s->has = 0;
		return 0;
	}
	s->start = s->pos;
	rc = gate_treediff__next(&s->cur, s->buf, s->size, &s->pos);
	if (rc == 0)
		s->start = s->size;
	if (rc < 0) {
		char hex[GIT_OID_HEXSZ + 1];

		git_oid_tostr(hex, sizeof(hex), git_odb_object_id(s->obj));
		return gate_error_set(w->err, GATE_ERR_REPO, "tree %s is malformed", hex);
	}
	s->has = rc;
	return 0;
}

static int side_open(combined *w, side *s, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];

	memset(s, 0, sizeof(*s));
	if (!id)
		return 0;
	if (gate_repo__tree(&s->obj, w->repo, w->odb, id) < 0) {
		git_oid_tostr(hex, sizeof(hex), id);
		return gate_repo__fail(w->err, GATE_ERR_REPO, "cannot read tree %s", hex);
	}
	if (git_odb_object_type(s->obj) != GIT_OBJECT_TREE) {
		git_oid_tostr(hex, sizeof(hex), id);
		return gate_error_set(w->err, GATE_ERR_REPO, "object %s is not a tree", hex);
	}
	s->buf = git_odb_object_data(s->obj);
	s->size = git_odb_object_size(s->obj);
	return 0;
}

/* entry_cmp() for raw entries. */
static int raw_cmp(const gate_treediff_entry *a, const gate_treediff_entry *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->name, b->name, n);
	unsigned char ca, cb;

	if (c)
		return c;
	ca = a->len > n ? (unsigned char)a->name[n] : a->is_tree ? '/' : 0;
	cb = b->len > n ? (unsigned char)b->name[n] : b->is_tree ? '/' : 0;
	return (ca > cb) - (ca < cb);
}

static int raw_differ(const gate_treediff_entry *a, const gate_treediff_entry *b)
{
	if (!a || !b)
		return a != b;
	return !git_oid_equal(&a->id, &b->id) || a->mode != b->mode;
}

/* The first byte where a and b differ (the shorter length when one is a
 * prefix of the other), eight bytes at a time. */
static size_t first_difference(const unsigned char *a, const unsigned char *b, size_t n)
{
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t x, y;

		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			break;
	}
	while (i < n && a[i] == b[i])
		i++;
	return i;
}

/* How many bytes at the ends of a and b are equal. */
static size_t common_tail(const unsigned char *a, size_t an, const unsigned char *b, size_t bn)
{
	size_t n = an < bn ? an : bn, i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t x, y;

		memcpy(&x, a + an - i - 8, 8);
		memcpy(&y, b + bn - i - 8, 8);
		if (x != y)
			break;
	}
	while (i < n && a[an - i - 1] == b[bn - i - 1])
		i++;
	return i;
}

/* The end of the last whole entry of `buf` that lies within its first
 * `limit` bytes, entries found as `mode SP name NUL` and 20 bytes of id.
 * For a well-formed tree these are the entries gate_treediff__next reads. */
static size_t entries_within(const unsigned char *buf, size_t limit)
{
	size_t at = 0;

	while (at < limit) {
		const unsigned char *nul = memchr(buf + at, '\0', limit - at);
		size_t end;

		if (!nul)
			break;
		end = (size_t)(nul - buf) + 1 + GIT_OID_RAWSZ;
		if (end > limit)
			break;
		at = end;
	}
	return at;
}

/*
 * Opens the walk of these sides where it can start without missing a
 * difference. Bytes that open the commit's tree and a parent's alike hold
 * the same entries in both, up to the last whole entry among them (the
 * first differing entry is read in full by each side): the commit's tree
 * and the parents that share the longest such opening start after it. Its
 * names, and the names of a parent that shares less, below the first entry
 * that those sides hold next, are then equal in the commit and in a parent
 * (present alike or absent alike), so none differs from every parent: the
 * other parents move past them. Also records, for each parent, how many
 * bytes end its tree and the commit's alike (see rest_equal).
 */
static int open_sides(combined *w, side *sides, size_t nsides)
{
	size_t i, head = 0, *heads = NULL;
	const gate_treediff_entry *next = NULL;
	int rc = -1;

	if (sides[0].obj && nsides > 1 &&
	    (heads = gate_calloc(nsides, sizeof(*heads), w->err)) == NULL)
		return -1;
	for (i = 1; heads && i < nsides; i++) {
		size_t n;

		if (!sides[i].obj)
			continue;
		n = sides[0].size < sides[i].size ? sides[0].size : sides[i].size;
		n = first_difference(sides[0].buf, sides[i].buf, n);
		heads[i] = entries_within(sides[0].buf, n);
		if (heads[i] > head)
			head = heads[i];
		sides[i].tail =
		    common_tail(sides[0].buf, sides[0].size, sides[i].buf, sides[i].size);
	}
	if (head) {
		sides[0].pos = head;
		for (i = 1; i < nsides; i++)
			sides[i].pos = heads[i];
	}
	for (i = 0; i < nsides; i++)
		if (side_advance(w, &sides[i]) < 0)
			goto done;
	if (head) {
		for (i = 0; i < nsides; i++)
			if ((i == 0 || heads[i] == head) && sides[i].has &&
			    (!next || raw_cmp(&sides[i].cur, next) < 0))
				next = &sides[i].cur;
		for (i = 1; i < nsides; i++)
			while (heads[i] < head && sides[i].has &&
			       (!next || raw_cmp(&sides[i].cur, next) < 0))
				if (side_advance(w, &sides[i]) < 0)
					goto done;
	}
	rc = 0;
done:
	free(heads);
	return rc;
}

/* Whether what is left of the commit's tree equals, byte for byte, what is
 * left of a parent's: then every entry left is the same in both, and none
 * differs from every parent (a name left in another parent is absent from
 * both, so equal to this parent's absence). */
static int rest_equal(const side *sides, size_t nsides)
{
	size_t i, left = sides[0].size - sides[0].start;

	if (!sides[0].obj)
		return 0;
	for (i = 1; i < nsides; i++)
		if (sides[i].obj && sides[i].size - sides[i].start == left && left <= sides[i].tail)
			return 1;
	return 0;
}

static int walk_combined(combined *w, const git_oid *const *ids);

/* The entry the sides that `match` are on: a file reported when the
 * commit's differs from every parent's, or a directory walked. */
static int combined_entry(combined *w, side *sides, const gate_treediff_entry *e)
{
	const gate_treediff_entry *mine = sides[0].match ? &sides[0].cur : NULL;
	const git_oid **ids = NULL;
	size_t base = w->path.size, i;
	int rc = 0;

	if (!e->is_tree) {
		for (i = 1; i < w->nsides; i++)
			if (!raw_differ(mine, sides[i].match ? &sides[i].cur : NULL))
				return 0;
	}
	if (gate_buf_put(&w->path, e->name, e->len, w->err) < 0)
		return -1;
	if (e->is_tree) {
		if ((rc = gate_buf_putc(&w->path, '/', w->err)) == 0 &&
		    (ids = gate_calloc(w->nsides, sizeof(*ids), w->err)) == NULL)
			rc = -1;
		for (i = 0; rc == 0 && i < w->nsides; i++)
			ids[i] = sides[i].match ? &sides[i].cur.id : NULL;
		if (rc == 0)
			rc = walk_combined(w, ids);
		free((void *)ids);
	} else {
		rc = w->cb(w->path.ptr, w->path.size, sides[1].match ? &sides[1].cur : NULL, mine,
			   w->payload);
	}
	gate_buf_truncate(&w->path, base);
	return rc;
}

/* ids[0] is the commit's tree here, ids[1...] the parents' (NULL: absent). */
static int walk_combined(combined *w, const git_oid *const *ids)
{
	side *sides = NULL;
	size_t i;
	int rc = -1;

	/* Nothing below differs from a parent whose tree is the same. */
	for (i = 1; i < w->nsides; i++)
		if (ids[0] ? ids[i] && git_oid_equal(ids[0], ids[i]) : !ids[i])
			return 0;
	if ((sides = gate_calloc(w->nsides, sizeof(*sides), w->err)) == NULL)
		return -1;
	for (i = 0; i < w->nsides; i++)
		if (side_open(w, &sides[i], ids[i]) < 0)
			goto done;
	if (open_sides(w, sides, w->nsides) < 0)
		goto done;
	for (;;) {
		const gate_treediff_entry *min = NULL;

		if (rest_equal(sides, w->nsides))
			break;

		for (i = 0; i < w->nsides; i++)
			if (sides[i].has && (!min || raw_cmp(&sides[i].cur, min) < 0))
				min = &sides[i].cur;
		if (!min)
			break;
		for (i = 0; i < w->nsides; i++)
			sides[i].match = sides[i].has &&
					 (&sides[i].cur == min || raw_cmp(&sides[i].cur, min) == 0);
		if ((rc = combined_entry(w, sides, min)) != 0)
			goto done;
		rc = -1;
		for (i = 0; i < w->nsides; i++)
			if (sides[i].match && side_advance(w, &sides[i]) < 0)
				goto done;
	}
	rc = 0;
done:
	for (i = 0; i < w->nsides; i++)
		git_odb_object_free(sides[i].obj);
	free(sides);
	return rc;
}

int gate_treediff_combined(gate_repo *repo, const git_oid *const *parents, size_t nparents,
			   const git_oid *tree, gate_treediff_path_cb cb, void *payload,
			   gate_error *err)
{
	git_repository *git = gate_repo_git(repo);
	combined w;
	const git_oid **ids = NULL;
	size_t i;
	int rc = -1;

	memset(&w, 0, sizeof(w));
	w.repo = repo;
	w.nsides = 1 + (nparents ? nparents : 1);
	w.cb = cb;
	w.payload = payload;
	w.err = err;
	gate_buf_init(&w.path, (size_t)1 << 24);
	if (git_repository_odb(&w.odb, git) < 0) {
		gate_error_from_git(err, GATE_ERR_REPO, "cannot open the object database");
		goto done;
	}
	if (gate_buf_grow(&w.path, 256, err) < 0 ||
	    (ids = gate_calloc(w.nsides, sizeof(*ids), err)) == NULL)
		goto done;
	ids[0] = tree;
	for (i = 0; i < nparents; i++)
		ids[1 + i] = parents[i];
	rc = walk_combined(&w, ids);
done:
	free((void *)ids);
	git_odb_free(w.odb);
	gate_buf_dispose(&w.path);
	return rc;
}

int gate_treediff(gate_repo *repo, const git_oid *old_tree, const git_oid *new_tree,
		  gate_treediff_path_cb cb, void *payload, gate_error *err)
{
	const git_oid *parents[1];

	parents[0] = old_tree;
	return gate_treediff_combined(repo, parents, 1, new_tree, cb, payload, err);
}

int gate_treediff__find(gate_treediff_entry *out, int *found, gate_repo *repo, const git_oid *tree,
			const char *path, gate_error *err)
{
	git_odb *odb = NULL;
	git_odb_object *obj = NULL;
	git_oid at;
	const char *p = path;
	int error = -1;

	*found = 0;
	memset(out, 0, sizeof(*out));
	git_oid_cpy(&at, tree);
	if (git_repository_odb(&odb, gate_repo_git(repo)) < 0) {
		gate_error_from_git(err, GATE_ERR_REPO, "reading a tree");
		return -1;
	}
	for (;;) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p), pos = 0;
		gate_treediff_entry e;
		int rc, hit = 0;

		git_odb_object_free(obj);
		obj = NULL;
		if (gate_repo__tree(&obj, repo, odb, &at) < 0) {
			gate_error_from_git(err, GATE_ERR_REPO, "reading a tree");
			goto done;
		}
		while ((rc = gate_treediff__next(&e, git_odb_object_data(obj),
						 git_odb_object_size(obj), &pos)) > 0) {
			if (e.len != len || memcmp(e.name, p, len) != 0 || (slash && !e.is_tree) ||
			    (hit && e.is_tree))
				continue;
			*out = e;
			hit = 1;
			if (slash || !e.is_tree)
				break;
		}
		if (rc < 0) {
			gate_error_set(err, GATE_ERR_REPO, "a tree is malformed");
			goto done;
		}
		if (!hit)
			break;
		if (!slash) {
			out->name = NULL;
			out->len = 0;
			*found = 1;
			break;
		}
		git_oid_cpy(&at, &out->id);
		p = slash + 1;
	}
	error = 0;
done:
	git_odb_object_free(obj);
	git_odb_free(odb);
	return error;
}
