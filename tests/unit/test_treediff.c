/*
 * Tests for the raw tree walker (src/treediff.c) through the per-commit
 * comparison (gate_history_touched), over tree objects written literally
 * into a real repository: malformed entries (cut short, no NUL after the
 * name, bad modes, names with '/' or empty), a tree that is a blob and a
 * missing tree must each be an error, never an empty list of paths; a
 * well-formed tree is the control.
 */
#include "riskgate/banned.h"

#include "riskgate/change.h"
#include "riskgate/history.h"
#include "riskgate/repo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gitrepo.h"
#include "unit.h"

/* ---- trees in a repository ------------------------------------------- */

static int ignore_path(const char *path, size_t len, const unsigned char *id, void *payload)
{
	(void)path;
	(void)len;
	(void)id;
	++*(int *)payload;
	return 0;
}

static void git_out(char out[GATE_OID_HEX + 1], gate_buf *b)
{
	CHECK(b->size >= GATE_OID_HEX);
	memset(out, 0, GATE_OID_HEX + 1);
	if (b->size >= GATE_OID_HEX)
		memcpy(out, b->ptr, GATE_OID_HEX);
}

/* Writes `len` bytes as an object of type `type` (any content: git's
 * --literally) and returns its id. */
static void put_object(char out[GATE_OID_HEX + 1], const char *type, const void *data, size_t len)
{
	gate_buf b;
	gate_error err;
	char path[4096];

	gate_error_init(&err);
	gate_buf_init(&b, 1 << 20);
	gitrepo_write("obj.raw", data, len, 0);
	gitrepo_path(path, sizeof(path), "obj.raw");
	gitrepo_git(&b, NULL, "hash-object", "-w", "--literally", "-t", type, path, NULL);
	git_out(out, &b);
	gate_buf_dispose(&b);
	gitrepo_remove("obj.raw");
}

static void raw_oid(unsigned char raw[20], const char *hex)
{
	unsigned i, v;

	for (i = 0; i < 20; i++) {
		char two[3] = {hex[2 * i], hex[2 * i + 1], 0};

		v = (unsigned)strtoul(two, NULL, 16);
		raw[i] = (unsigned char)v;
	}
}

/* A commit (with the given tree id and no parent) written literally. */
static void put_commit(char out[GATE_OID_HEX + 1], const char *tree)
{
	char text[512];
	int n = snprintf(text, sizeof(text),
			 "tree %s\nauthor A <a@example.com> 1700000000 +0000\n"
			 "committer A <a@example.com> 1700000000 +0000\n\nx\n",
			 tree);

	put_object(out, "commit", text, (size_t)n);
}

/* gate_history_touched on commit `sha`: its return value; the error in
 * `err`, the number of paths in *paths. */
static int touched(gate_repo *r, const char *sha, gate_error *err, int *paths)
{
	gate_commit c;

	memset(&c, 0, sizeof(c));
	memcpy(c.sha, sha, GATE_OID_HEX + 1);
	*paths = 0;
	gate_error_init(err);
	return gate_history_touched(r, &c, ignore_path, paths, err);
}

static void test_bad_trees(void)
{
	gate_repo *r = NULL;
	gate_error err;
	gate_buf b;
	char blob[GATE_OID_HEX + 1], tree[GATE_OID_HEX + 1], commit[GATE_OID_HEX + 1];
	char good[GATE_OID_HEX + 1], path[4096];
	unsigned char raw[20], entry[64];
	size_t n;
	int paths;

	gate_error_init(&err);
	gate_buf_init(&b, 1 << 20);
	gitrepo_init("bad", NULL);
	put_object(blob, "blob", "x\n", 2);
	raw_oid(raw, blob);

	/* A well-formed tree, as a control: one path. */
	n = (size_t)snprintf((char *)entry, sizeof(entry), "100644 ok");
	entry[n++] = '\0';
	memcpy(entry + n, raw, 20);
	put_object(good, "tree", entry, n + 20);
	put_commit(commit, good);
	if (gate_repo_open(&r, gitrepo_dir(), &err) < 0) {
		CHECK(0);
		goto done;
	}
	CHECK(touched(r, commit, &err, &paths) == 0 && paths == 1);

	/* A name with '/'. */
	n = (size_t)snprintf((char *)entry, sizeof(entry), "100644 a/b");
	entry[n++] = '\0';
	memcpy(entry + n, raw, 20);
	put_object(tree, "tree", entry, n + 20);
	put_commit(commit, tree);
	CHECK(touched(r, commit, &err, &paths) == -1 && err.klass == GATE_ERR_REPO);
	CHECK(strstr(err.message, "malformed") != NULL && strstr(err.message, tree) != NULL);

	/* An entry cut inside its id. */
	n = (size_t)snprintf((char *)entry, sizeof(entry), "100644 c");
	entry[n++] = '\0';
	memcpy(entry + n, raw, 7);
	put_object(tree, "tree", entry, n + 7);
	put_commit(commit, tree);
	CHECK(touched(r, commit, &err, &paths) == -1 && err.klass == GATE_ERR_REPO);
	CHECK(strstr(err.message, "malformed") != NULL);

	/* A bad mode. */
	n = (size_t)snprintf((char *)entry, sizeof(entry), "10064x d");
	entry[n++] = '\0';
	memcpy(entry + n, raw, 20);
	put_object(tree, "tree", entry, n + 20);
	put_commit(commit, tree);
	CHECK(touched(r, commit, &err, &paths) == -1 && err.klass == GATE_ERR_REPO);

	/* More malformed shapes, each alone in a tree. */
	{
		static const struct {
			const char *text;
			size_t len;
		} bad[] = {
		    {"100644 abc", 10},         /* no NUL after the name */
		    {"100644", 6},              /* no space, no name */
		    {"1006440 e\0", 10},        /* seven digits */
		    {"+100644 f\0", 10},        /* a sign */
		    {" g\0", 3},                /* no mode */
		    {"100644 \0", 8},           /* an empty name */
		    {"100644 /\0", 9},          /* a name that is '/' */
		    {"100644 h\0\1\2\3\4", 13}, /* the id cut short */
		};
		size_t k;

		for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
			memcpy(entry, bad[k].text, bad[k].len);
			put_object(tree, "tree", entry, bad[k].len);
			put_commit(commit, tree);
			CHECK(touched(r, commit, &err, &paths) == -1 && err.klass == GATE_ERR_REPO);
			if (err.klass != GATE_ERR_REPO)
				fprintf(stderr, "case %zu: %s\n", k, err.message);
		}
	}

	/* A commit whose tree is a blob. */
	put_commit(commit, blob);
	CHECK(touched(r, commit, &err, &paths) == -1 && err.klass == GATE_ERR_REPO);
	CHECK(strstr(err.message, "not a tree") != NULL);

	/* A subtree that is missing: the tree names it, its object is gone. */
	n = (size_t)snprintf((char *)entry, sizeof(entry), "40000 sub");
	entry[n++] = '\0';
	raw_oid(raw, good);
	memcpy(entry + n, raw, 20);
	put_object(tree, "tree", entry, n + 20);
	put_commit(commit, tree);
	CHECK(touched(r, commit, &err, &paths) == 0 && paths == 1);
	gate_repo_free(r);
	r = NULL;
	snprintf(path, sizeof(path), "%s/.git/objects/%.2s/%s", gitrepo_dir(), good, good + 2);
	CHECK(remove(path) == 0);
	if (gate_repo_open(&r, gitrepo_dir(), &err) < 0) {
		CHECK(0);
		goto done;
	}
	CHECK(touched(r, commit, &err, &paths) == -1 && err.klass == GATE_ERR_REPO);
	CHECK(strstr(err.message, "cannot read tree") != NULL);
	CHECK(strstr(err.message, good) != NULL);
done:
	gate_repo_free(r);
	gate_buf_dispose(&b);
}

/* ---- equal bytes skipped, checked against git ------------------------- */

/* A commit with the given tree and parents, written literally. */
static void put_commit_with(char out[GATE_OID_HEX + 1], const char *tree,
			    char parents[][GATE_OID_HEX + 1], size_t np)
{
	char text[1024];
	size_t i;
	int n = snprintf(text, sizeof(text), "tree %s\n", tree);

	for (i = 0; i < np; i++)
		n += snprintf(text + n, sizeof(text) - (size_t)n, "parent %s\n", parents[i]);
	n += snprintf(text + n, sizeof(text) - (size_t)n,
		      "author A <a@example.com> 1700000000 +0000\n"
		      "committer A <a@example.com> 1700000000 +0000\n\nx\n");
	put_object(out, "commit", text, (size_t)n);
}

/* Names chosen so that entries share leading bytes ("a", "a-b", "a.c",
 * "a0", "ab") and sort differently as a tree ("a" as "a/"). */
static const char *const flat_names[] = {"a", "a-b", "a.c", "a0", "ab", "b", "bb",
					 "c", "d",   "dd",  "e",  "f",  "zz"};
#define NFLAT (sizeof(flat_names) / sizeof(flat_names[0]))

typedef struct {
	int present;
	unsigned int mode; /* 0100644, 0100755, 0120000 or 040000 */
	unsigned char id[20];
} flat_entry;

static uint64_t rng_state;

static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng_state >> 33) % n);
}

/* git's order: a tree's name compares as if it ended in '/'. */
static int flat_cmp(const char *a, int atree, const char *b, int btree)
{
	size_t al = strlen(a), bl = strlen(b), n = al < bl ? al : bl;
	int c = memcmp(a, b, n);
	unsigned char ca, cb;

	if (c)
		return c;
	ca = al > n ? (unsigned char)a[n] : atree ? '/' : 0;
	cb = bl > n ? (unsigned char)b[n] : btree ? '/' : 0;
	return (ca > cb) - (ca < cb);
}

/* Writes the tree of `e` (one slot per name) and returns its id. */
static void put_flat(char out[GATE_OID_HEX + 1], const flat_entry *e)
{
	unsigned char buf[NFLAT * 64];
	size_t order[NFLAT], n = 0, i, j, len = 0;

	for (i = 0; i < NFLAT; i++)
		if (e[i].present)
			order[n++] = i;
	for (i = 1; i < n; i++)
		for (j = i;
		     j > 0 && flat_cmp(flat_names[order[j - 1]], e[order[j - 1]].mode == 040000,
				       flat_names[order[j]], e[order[j]].mode == 040000) > 0;
		     j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		const flat_entry *x = &e[order[i]];

		len += (size_t)snprintf((char *)buf + len, sizeof(buf) - len, "%o %s", x->mode,
					flat_names[order[i]]);
		buf[len++] = '\0';
		memcpy(buf + len, x->id, 20);
		len += 20;
	}
	put_object(out, "tree", buf, len);
}

/* Sorted, NUL-separated path lists compared as sets of lines. */
typedef struct {
	char paths[64][64];
	size_t n;
} pathlist;

static int add_path(const char *path, size_t len, const unsigned char *id, void *payload)
{
	pathlist *l = payload;

	(void)id;
	/* More paths, or longer ones, than these tests make: a failure. */
	CHECK(l->n < 64 && len < 64);
	if (l->n >= 64 || len >= 64)
		return -1;
	memcpy(l->paths[l->n], path, len);
	l->paths[l->n][len] = '\0';
	l->n++;
	return 0;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void git_paths(pathlist *out, const char *parent, const char *commit)
{
	gate_buf b = GATE_BUF_INIT(1 << 20);
	size_t i = 0;

	out->n = 0;
	gitrepo_git(&b, NULL, "diff-tree", "-r", "--no-renames", "--name-only", "-z", parent,
		    commit, NULL);
	while (b.ptr && i < b.size) {
		size_t len = strnlen(b.ptr + i, b.size - i);

		add_path(b.ptr + i, len, NULL, out);
		i += len + 1;
	}
	gate_buf_dispose(&b);
	qsort(out->paths, out->n, sizeof(out->paths[0]), str_cmp);
}

static void intersect(pathlist *a, const pathlist *b)
{
	size_t i, j, k = 0;

	for (i = 0; i < a->n; i++)
		for (j = 0; j < b->n; j++)
			if (strcmp(a->paths[i], b->paths[j]) == 0) {
				memmove(a->paths[k++], a->paths[i], sizeof(a->paths[0]));
				break;
			}
	a->n = k;
}

/* One random change to a tree: an id changed in its first, a middle or
 * its last byte, a mode, an entry added or removed, a subtree swapped. */
static void mutate(flat_entry *e, char subs[2][GATE_OID_HEX + 1])
{
	unsigned i = rnd(NFLAT), what = rnd(5);
	static const unsigned at[] = {0, 9, 19};

	if (!e[i].present || what == 3) {
		e[i].present = !e[i].present;
		if (e[i].present && e[i].mode == 0)
			e[i].mode = 0100644;
		return;
	}
	if (e[i].mode == 040000 || what == 4) {
		e[i].mode = 040000;
		raw_oid(e[i].id, subs[rnd(2)]);
		if (rnd(2))
			return;
		e[i].mode = 0100644; /* a directory that becomes a file, or back */
	}
	if (what == 1) {
		e[i].mode = e[i].mode == 0100644   ? 0100755
			    : e[i].mode == 0100755 ? 0120000
						   : 0100644;
		return;
	}
	e[i].id[at[rnd(3)]] ^= (unsigned char)(1 + rnd(255));
}

/*
 * The walk skips the bytes that open and close a commit's tree alike with
 * its parents' trees. Over trees built to share prefixes and suffixes that
 * end inside a name, a mode or an id, with one or two parents, it must list
 * exactly the paths git's diff-tree lists against each parent (all of
 * them, for a merge); and a malformed entry in the part that differs must
 * still be an error.
 */
static void test_equal_bytes_skipped(void)
{
	gate_repo *r = NULL;
	gate_error err;
	flat_entry base[NFLAT], p2[NFLAT], child[NFLAT];
	char subs[2][GATE_OID_HEX + 1], trees[3][GATE_OID_HEX + 1];
	char parents[2][GATE_OID_HEX + 1], commit[GATE_OID_HEX + 1], blob[GATE_OID_HEX + 1];
	unsigned char raw[20];
	size_t i, k, bad = 0, merges = 0, paths = 0;
	const char *seed = getenv("RISKGATE_TEST_SEED");

	rng_state = seed ? strtoull(seed, NULL, 10) : 20261206u;
	gate_error_init(&err);
	gitrepo_init("skip", NULL);
	put_object(blob, "blob", "x\n", 2);
	raw_oid(raw, blob);
	{
		unsigned char e[64];
		size_t n;

		for (k = 0; k < 2; k++) {
			n = (size_t)snprintf((char *)e, sizeof(e), "100644 f%zu", k);
			e[n++] = '\0';
			memcpy(e + n, raw, 20);
			put_object(subs[k], "tree", e, n + 20);
		}
	}
	if (gate_repo_open(&r, gitrepo_dir(), &err) < 0) {
		CHECK(0);
		return;
	}
	for (k = 0; k < 150; k++) {
		pathlist ours, theirs, other;
		size_t np = rnd(4) == 0 ? 2 : 1, m, nm;
		int rc;

		memset(base, 0, sizeof(base));
		for (i = 0; i < NFLAT; i++) {
			base[i].present = rnd(4) != 0;
			base[i].mode = 0100644;
			for (m = 0; m < 20; m++)
				base[i].id[m] = (unsigned char)rnd(256);
		}
		memcpy(p2, base, sizeof(base));
		memcpy(child, base, sizeof(base));
		for (nm = 1 + rnd(2), m = 0; m < nm; m++)
			mutate(child, subs);
		if (np == 2) {
			mutate(p2, subs);
			/* The merge takes one of the second parent's entries. */
			i = rnd(NFLAT);
			child[i] = p2[i];
		}
		put_flat(trees[0], base);
		put_flat(trees[1], p2);
		put_flat(trees[2], child);
		put_commit_with(parents[0], trees[0], NULL, 0);
		put_commit_with(parents[1], trees[1], NULL, 0);
		put_commit_with(commit, trees[2], parents, np);

		memset(&ours, 0, sizeof(ours));
		{
			gate_commit c;

			memset(&c, 0, sizeof(c));
			memcpy(c.sha, commit, GATE_OID_HEX + 1);
			gate_error_init(&err);
			rc = gate_history_touched(r, &c, add_path, &ours, &err);
		}
		qsort(ours.paths, ours.n, sizeof(ours.paths[0]), str_cmp);
		git_paths(&theirs, parents[0], commit);
		for (i = 1; i < np; i++) {
			git_paths(&other, parents[i], commit);
			intersect(&theirs, &other);
		}
		merges += np == 2;
		paths += theirs.n;
		for (i = 0; rc == 0 && ours.n == theirs.n && i < ours.n; i++)
			if (strcmp(ours.paths[i], theirs.paths[i]) != 0)
				break;
		if (rc != 0 || ours.n != theirs.n || i < ours.n) {
			if (!bad++)
				fprintf(
				    stderr,
				    "case %zu (%zu parents, commit %s): %zu paths, git %zu%s%s\n",
				    k, np, commit, ours.n, theirs.n, rc ? ": " : "",
				    rc ? err.message : "");
		}
	}
	CHECK(bad == 0);
	CHECK(merges > 10 && paths > 150);

	/* After an equal opening, a malformed entry is still an error. */
	{
		unsigned char e[128];
		size_t n = 0;

		n += (size_t)snprintf((char *)e + n, sizeof(e) - n, "100644 a");
		e[n++] = '\0';
		memcpy(e + n, raw, 20);
		n += 20;
		put_object(trees[0], "tree", e, n);
		n += (size_t)snprintf((char *)e + n, sizeof(e) - n, "10064x b");
		e[n++] = '\0';
		memcpy(e + n, raw, 20);
		n += 20;
		put_object(trees[1], "tree", e, n);
		put_commit_with(parents[0], trees[0], NULL, 0);
		put_commit_with(commit, trees[1], parents, 1);
		{
			gate_commit c;
			pathlist none;

			memset(&c, 0, sizeof(c));
			memset(&none, 0, sizeof(none));
			memcpy(c.sha, commit, GATE_OID_HEX + 1);
			gate_error_init(&err);
			CHECK(gate_history_touched(r, &c, add_path, &none, &err) == -1 &&
			      err.klass == GATE_ERR_REPO &&
			      strstr(err.message, "malformed") != NULL);
		}
	}
	fprintf(stderr, "treediff: 150 trees compared with git: %zu merges, %zu paths\n", merges,
		paths);
	gate_repo_free(r);
}

/*
 * Trees of about 400 KB (two directories of 12,000 entries), one file
 * changed per commit: the walker's tree cache (4 MiB) fills within a few
 * commits and starts new rounds, dropping trees while the walk goes on
 * over the same repository handle. Every commit's paths must still be
 * git diff-tree's.
 */
static void test_big_trees(void)
{
	gate_repo *r = NULL;
	gate_error err;
	gate_buf stream = GATE_BUF_INIT((size_t)1 << 26), revs = GATE_BUF_INIT(1 << 20);
	char path[4096], prev[GATE_OID_HEX + 1];
	size_t i, k, compared = 0;

	gate_error_init(&err);
	gitrepo_init("big", NULL);
	CHECK(gate_buf_printf(&stream, &err,
			      "blob\nmark :1\ndata 2\nx\ncommit refs/heads/main\nmark :2\n"
			      "committer A <a@example.com> 1700000000 +0000\ndata 2\nc\n") == 0);
	for (k = 0; k < 2; k++)
		for (i = 0; i < 12000; i++)
			CHECK(gate_buf_printf(&stream, &err, "M 100644 :1 d%zu/f%05zu\n", k, i) ==
			      0);
	for (k = 0; k < 16; k++) {
		CHECK(gate_buf_printf(
			  &stream, &err,
			  "commit refs/heads/main\nmark :%zu\n"
			  "committer A <a@example.com> %zu +0000\ndata 2\nc\nfrom :%zu\n"
			  "M 100644 inline d%zu/f%05zu\ndata 3\n%02zu\n",
			  k + 3, (size_t)1700000001 + k, k + 2, k % 2, (k * 997) % 12000, k) == 0);
		if (k % 3 == 0)
			CHECK(gate_buf_printf(&stream, &err,
					      "M 100644 inline d%zu/f%05zu\ndata 3\n%02zu\n",
					      (k + 1) % 2, (k * 31) % 12000, k) == 0);
	}
	gitrepo_write("stream", stream.ptr, stream.size, 0);
	gitrepo_path(path, sizeof(path), "stream");
	gitrepo_git(NULL, path, "fast-import", "--quiet", NULL);
	gitrepo_remove("stream");
	gitrepo_git(&revs, NULL, "rev-list", "--reverse", "main", NULL);
	if (gate_repo_open(&r, gitrepo_dir(), &err) < 0) {
		CHECK(0);
		goto done;
	}
	prev[0] = '\0';
	for (i = 0; revs.ptr && i + GATE_OID_HEX < revs.size + 1; i += GATE_OID_HEX + 1) {
		char sha[GATE_OID_HEX + 1];
		gate_commit c;
		pathlist ours, theirs;
		int rc;

		memcpy(sha, revs.ptr + i, GATE_OID_HEX);
		sha[GATE_OID_HEX] = '\0';
		if (prev[0]) {
			memset(&c, 0, sizeof(c));
			memset(&ours, 0, sizeof(ours));
			memcpy(c.sha, sha, GATE_OID_HEX + 1);
			gate_error_init(&err);
			rc = gate_history_touched(r, &c, add_path, &ours, &err);
			qsort(ours.paths, ours.n, sizeof(ours.paths[0]), str_cmp);
			git_paths(&theirs, prev, sha);
			CHECK(rc == 0 && ours.n == theirs.n && theirs.n >= 1);
			for (k = 0; rc == 0 && k < ours.n && k < theirs.n; k++)
				CHECK(strcmp(ours.paths[k], theirs.paths[k]) == 0);
			compared++;
		}
		memcpy(prev, sha, sizeof(prev));
	}
	CHECK(compared == 16);
done:
	gate_repo_free(r);
	gate_buf_dispose(&stream);
	gate_buf_dispose(&revs);
}

int main(void)
{
	int rc;

	if (gitrepo_start("treediff", unit_abort) < 0)
		return 1;
	GATE_RUN(test_bad_trees);
	GATE_RUN(test_equal_bytes_skipped);
	GATE_RUN(test_big_trees);
	gitrepo_finish();
	rc = GATE_UNIT_DONE("treediff");
	return rc;
}
