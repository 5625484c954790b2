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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gitrepo.h"
#include "unit.h"

/* ---- trees in a repository ------------------------------------------- */

static int ignore_path(const char *path, size_t len, void *payload)
{
	(void)path;
	(void)len;
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

int main(void)
{
	int rc;

	if (gitrepo_start("treediff", unit_abort) < 0)
		return 1;
	GATE_RUN(test_bad_trees);
	gitrepo_finish();
	rc = GATE_UNIT_DONE("treediff");
	return rc;
}
