/*
 * Tests for the raw tree walker (src/treediff.c): the parser of raw tree
 * entries against well-formed and malformed buffers (each buffer allocated
 * at its exact size, so that a read past it is caught by the sanitizers),
 * and the per-commit comparison (gate_history_touched) over trees that are
 * malformed, missing or not trees at all in a real repository: each must
 * be an error, never an empty list of paths.
 */
#include "riskgate/banned.h"

#include "riskgate/change.h"
#include "riskgate/history.h"
#include "riskgate/repo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gitrepo.h"
#include "treediff.h"
#include "unit.h"

/* A heap copy of `len` bytes of `s`, exactly that long. */
static unsigned char *exact(const void *s, size_t len)
{
	unsigned char *p = malloc(len ? len : 1);

	if (!p)
		unit_abort();
	memcpy(p, s, len);
	return p;
}

/* The name of the last entry parse_all() saw. */
static char last_name[64];

/* Parses all of `len` bytes of `s`: the number of entries, or -1 when the
 * parser says malformed. The last entry goes to *last, its name (which
 * pointed into the freed buffer) to last_name. */
static int parse_all(const void *s, size_t len, gate_treediff_entry *last)
{
	unsigned char *buf = exact(s, len);
	gate_treediff_entry e;
	size_t pos = 0;
	int n = 0, rc;

	while ((rc = gate_treediff__next(&e, buf, len, &pos)) == 1) {
		n++;
		CHECK(pos <= len);
		if (last)
			*last = e;
		CHECK(e.len < sizeof(last_name));
		if (e.len < sizeof(last_name)) {
			memcpy(last_name, e.name, e.len);
			last_name[e.len] = '\0';
		}
	}
	free(buf);
	return rc < 0 ? -1 : n;
}

#define OID20  "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14"
#define LIT(s) s, sizeof(s) - 1

static void test_parse_good(void)
{
	gate_treediff_entry e;

	CHECK(parse_all("", 0, NULL) == 0);
	CHECK(parse_all(LIT("100644 a.txt\0" OID20), &e) == 1);
	CHECK(e.mode == GIT_FILEMODE_BLOB && !e.is_tree && e.len == 5 &&
	      strcmp(last_name, "a.txt") == 0 && e.id.id[0] == 1 && e.id.id[19] == 0x14);
	CHECK(parse_all(LIT("40000 dir\0" OID20 "100755 x\0" OID20), &e) == 2);
	CHECK(e.mode == GIT_FILEMODE_BLOB_EXECUTABLE && !e.is_tree);
	CHECK(parse_all(LIT("40000 dir\0" OID20), &e) == 1);
	CHECK(e.mode == GIT_FILEMODE_TREE && e.is_tree);
	CHECK(parse_all(LIT("120000 l\0" OID20), &e) == 1 && e.mode == GIT_FILEMODE_LINK);
	CHECK(parse_all(LIT("160000 sub\0" OID20), &e) == 1 && e.mode == GIT_FILEMODE_COMMIT &&
	      !e.is_tree);
	/* Modes are normalised as libgit2 does: group-writable is a blob. */
	CHECK(parse_all(LIT("100664 g\0" OID20), &e) == 1 && e.mode == GIT_FILEMODE_BLOB);
	/* A zero-padded tree mode is still a tree (git fsck warns of it). */
	CHECK(parse_all(LIT("040000 d\0" OID20), &e) == 1 && e.is_tree);
}

static void test_parse_malformed(void)
{
	/* Truncated: inside the id, inside the name, inside the mode. */
	CHECK(parse_all(LIT("100644 a\0"
			    "\x01\x02\x03"),
			NULL) == -1);
	CHECK(parse_all(LIT("100644 a\0" OID20 "100644 b\0"
			    "\x01"),
			NULL) == -1);
	CHECK(parse_all(LIT("100644 abc"), NULL) == -1);
	CHECK(parse_all(LIT("1006"), NULL) == -1);
	CHECK(parse_all(LIT("100644"), NULL) == -1);
	CHECK(parse_all(LIT("100644 "), NULL) == -1);
	/* No NUL after the name anywhere in the buffer. */
	CHECK(parse_all(LIT("100644 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), NULL) == -1);
	/* Bad modes: not octal, empty, no space, too long, signed. */
	CHECK(parse_all(LIT("100648 a\0" OID20), NULL) == -1);
	CHECK(parse_all(LIT("10x644 a\0" OID20), NULL) == -1);
	CHECK(parse_all(LIT(" a\0" OID20), NULL) == -1);
	CHECK(parse_all(LIT("100644\0a\0" OID20), NULL) == -1);
	CHECK(parse_all(LIT("1006440 a\0" OID20), NULL) == -1);
	CHECK(parse_all(LIT("-100644 a\0" OID20), NULL) == -1);
	CHECK(parse_all(LIT("+100644 a\0" OID20), NULL) == -1);
	/* Names: with '/', empty. */
	CHECK(parse_all(LIT("100644 a/b\0" OID20), NULL) == -1);
	CHECK(parse_all(LIT("100644 /\0" OID20), NULL) == -1);
	CHECK(parse_all(LIT("100644 \0" OID20), NULL) == -1);
	/* A good entry, then a bad one: the error, not a short list. */
	CHECK(parse_all(LIT("100644 a\0" OID20 "100644 b/c\0" OID20), NULL) == -1);
}

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
	GATE_RUN(test_parse_good);
	GATE_RUN(test_parse_malformed);
	GATE_RUN(test_bad_trees);
	gitrepo_finish();
	rc = GATE_UNIT_DONE("treediff");
	return rc;
}
