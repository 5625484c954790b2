/*
 * Tests for the paths a commit touched (gate_history_touched, src/history.c)
 * against git itself: for every commit of real repositories, the paths git
 * lists with `git diff-tree -r --no-renames --name-only -z` against each
 * parent (the paths listed against every parent, for a merge; against the
 * empty tree, for a root commit) must be exactly the paths reported. Fixed
 * repositories are built with the git CLI; generated ones with
 * `git fast-import` from a seeded model that favours the shapes a tree walk
 * gets wrong: deep directories, names that sort differently as trees and as
 * files, files that become directories and back, symlinks, modes,
 * submodules, whole directories deleted or moved, merges and octopus
 * merges. RISKGATE_TEST_SEED and RISKGATE_TEST_HISTORIES replay or widen the
 * generated part; RISKGATE_TEST_KEEP keeps the repositories.
 */
#include "riskgate/banned.h"

#include "riskgate/change.h"
#include "riskgate/history.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gitrepo.h"
#include "unit.h"

#define HISTORIES    40
#define DEFAULT_SEED 20251122u

static uint64_t rng;
static unsigned long long base_seed = DEFAULT_SEED, seed_now;
static unsigned nhistories = HISTORIES;
/* What the comparisons covered. */
static unsigned long seen_commits, seen_roots, seen_merges, seen_octopus, seen_paths, seen_empty;
/* Touched paths the commit has no file at (deleted, or a directory now). */
static unsigned long seen_absent;

/* ---- helpers: random --------------------------------------- */

static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ull;
}

static unsigned rn(unsigned n)
{
	return n ? (unsigned)(rnd() % n) : 0;
}

/* A fresh repository `dir` in the run's directory, where file modes and
 * symlinks are what the tree records. */
static void init_repo(const char *dir)
{
	gitrepo_init(dir, "core.filemode", "true", "core.symlinks", "true", NULL);
}

/* ---- path sets ---------------------------------------------------------- */

typedef struct {
	char *p;
	size_t len;
} bytes;

typedef struct {
	bytes *v;
	size_t n, alloc;
} pathset;

static void set_add(pathset *s, const char *p, size_t len)
{
	if (s->n == s->alloc) {
		s->alloc = s->alloc ? 2 * s->alloc : 16;
		s->v = realloc(s->v, s->alloc * sizeof(*s->v));
	}
	s->v[s->n].p = malloc(len + 1);
	memcpy(s->v[s->n].p, p, len);
	s->v[s->n].p[len] = '\0';
	s->v[s->n].len = len;
	s->n++;
}

static void set_free(pathset *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i].p);
	free(s->v);
	s->v = NULL;
	s->n = s->alloc = 0;
}

static int cmp_bytes(const void *a, const void *b)
{
	const bytes *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->p, y->p, n);

	return c ? c : (x->len > y->len) - (x->len < y->len);
}

static void set_sort(pathset *s)
{
	if (s->n)
		qsort(s->v, s->n, sizeof(*s->v), cmp_bytes);
}

/* Sorts and drops repeats; returns how many there were. */
static size_t set_uniq(pathset *s)
{
	size_t i, k = 0, dups = 0;

	set_sort(s);
	for (i = 0; i < s->n; i++) {
		if (k && cmp_bytes(&s->v[k - 1], &s->v[i]) == 0) {
			free(s->v[i].p);
			dups++;
			continue;
		}
		s->v[k++] = s->v[i];
	}
	s->n = k;
	return dups;
}

static int set_has(const pathset *s, const bytes *b)
{
	return s->n && bsearch(b, s->v, s->n, sizeof(*s->v), cmp_bytes) != NULL;
}

/* Keeps only the paths `other` (sorted) holds too. */
static void set_intersect(pathset *s, const pathset *other)
{
	size_t i, k = 0;

	for (i = 0; i < s->n; i++) {
		if (set_has(other, &s->v[i]))
			s->v[k++] = s->v[i];
		else
			free(s->v[i].p);
	}
	s->n = k;
}

static int set_equal(const pathset *a, const pathset *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (cmp_bytes(&a->v[i], &b->v[i]) != 0)
			return 0;
	return 1;
}

static void print_set(const char *label, const pathset *s)
{
	size_t i, k;

	fprintf(stderr, "  %s (%zu):\n", label, s->n);
	for (i = 0; i < s->n; i++) {
		fputs("    \"", stderr);
		for (k = 0; k < s->v[i].len; k++) {
			unsigned char c = (unsigned char)s->v[i].p[k];

			if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
				fprintf(stderr, "\\x%02x", c);
			else
				fputc(c, stderr);
		}
		fputs("\"\n", stderr);
	}
}

/* Adds each NUL-terminated path of git's -z output. */
static void set_from_z(pathset *s, const gate_buf *b)
{
	size_t pos = 0;

	while (pos < b->size) {
		const char *p = b->ptr + pos, *end = memchr(p, '\0', b->size - pos);
		size_t len = end ? (size_t)(end - p) : b->size - pos;

		if (len)
			set_add(s, p, len);
		pos += len + 1;
	}
}

/* ---- comparing with git ------------------------------------------------- */

/* What git says commit `sha` with parents `parents` touched (a failing git
 * ends the test). Returns 0. */
static int git_touched(pathset *out, const char *sha, char (*parents)[GATE_OID_HEX + 1], size_t np)
{
	gate_buf b = GATE_BUF_INIT((size_t)1 << 28);
	size_t i;
	int rc = 0;

	if (np == 0) {
		/* --no-commit-id: with one commit named, diff-tree would print its
		 * id first. */
		gitrepo_git(&b, NULL, "diff-tree", "-r", "--root", "--no-commit-id", "--no-renames",
			    "--name-only", "-z", sha, NULL);
		set_from_z(out, &b);
	}
	for (i = 0; i < np && rc == 0; i++) {
		pathset one = {NULL, 0, 0};

		gitrepo_git(&b, NULL, "diff-tree", "-r", "--no-renames", "--name-only", "-z",
			    parents[i], sha, NULL);
		set_from_z(&one, &b);
		set_uniq(&one);
		if (i == 0) {
			*out = one;
		} else {
			set_intersect(out, &one);
			set_free(&one);
		}
	}
	set_uniq(out);
	gate_buf_dispose(&b);
	return rc;
}

static int collect(const char *path, size_t len, const unsigned char *id, void *payload)
{
	(void)id;
	set_add(payload, path, len);
	return 0;
}

/* Adds "path TAB id" (the id in hex, "-" without one). */
static void add_with_id(pathset *s, const char *path, size_t len, const char *hex)
{
	char *line = malloc(len + 2 + GATE_OID_HEX);

	if (!line)
		unit_abort();
	memcpy(line, path, len);
	line[len] = '\t';
	memcpy(line + len + 1, hex, strlen(hex));
	set_add(s, line, len + 1 + strlen(hex));
	free(line);
}

/* Each path with the id the callback gives it. */
static int collect_ids(const char *path, size_t len, const unsigned char *id, void *payload)
{
	char hex[GATE_OID_HEX + 1] = "-";
	size_t k;

	for (k = 0; id && k < GATE_OID_HEX / 2; k++)
		snprintf(hex + 2 * k, 3, "%02x", id[k]);
	add_with_id(payload, path, len, hex);
	return 0;
}

/* What commit `sha` has at each of the paths of `paths`, as git's ls-tree
 * lists its files (a path it does not list, deleted or now a directory,
 * has no id), in collect_ids' form. */
static void git_ids(pathset *out, const char *sha, const pathset *paths)
{
	gate_buf b = GATE_BUF_INIT((size_t)1 << 28);
	pathset tree = {NULL, 0, 0};
	size_t pos = 0, i;

	gitrepo_git(&b, NULL, "ls-tree", "-r", "-z", "--full-tree", sha, NULL);
	/* "<mode> SP <type> SP <id> TAB <path> NUL": the path first, to look
	 * each one up. */
	while (pos < b.size) {
		const char *e = b.ptr + pos, *end = memchr(e, '\0', b.size - pos);
		const char *tab = memchr(e, '\t', end ? (size_t)(end - e) : b.size - pos);
		size_t len = end ? (size_t)(end - e) : b.size - pos;
		char hex[GATE_OID_HEX + 1];

		CHECK(tab && tab - e > GATE_OID_HEX);
		if (!tab || tab - e <= GATE_OID_HEX)
			break;
		memcpy(hex, tab - GATE_OID_HEX, GATE_OID_HEX);
		hex[GATE_OID_HEX] = '\0';
		add_with_id(&tree, tab + 1, (size_t)(e + len - tab - 1), hex);
		pos += len + 1;
	}
	for (i = 0; i < paths->n; i++) {
		size_t k, n = paths->v[i].len;

		for (k = 0; k < tree.n; k++)
			if (tree.v[k].len > n && tree.v[k].p[n] == '\t' &&
			    memcmp(tree.v[k].p, paths->v[i].p, n) == 0)
				break;
		if (k < tree.n)
			set_add(out, tree.v[k].p, tree.v[k].len);
		else
			add_with_id(out, paths->v[i].p, n, "-");
	}
	set_uniq(out);
	set_free(&tree);
	gate_buf_dispose(&b);
}

/* Compares one commit; 0 when gate_history_touched and git agree. */
static int compare_commit(gate_repo *r, const gate_commit *c, const char *what)
{
	pathset ours = {NULL, 0, 0}, theirs = {NULL, 0, 0};
	pathset ours_ids = {NULL, 0, 0}, theirs_ids = {NULL, 0, 0};
	gate_error err;
	size_t dups;
	int rc, bad = 0;

	gate_error_init(&err);
	rc = gate_history_touched(r, c, collect, &ours, &err);
	if (rc != 0) {
		fprintf(stderr, "seed %llu, %s, commit %s: gate_history_touched returned %d: %s\n",
			seed_now, what, c->sha, rc, err.message);
		bad = 1;
		goto done;
	}
	if (git_touched(&theirs, c->sha, c->parents, c->nparents) < 0) {
		fprintf(stderr, "seed %llu, %s, commit %s: git diff-tree failed\n", seed_now, what,
			c->sha);
		bad = 1;
		goto done;
	}
	dups = set_uniq(&ours);
	if (dups || !set_equal(&ours, &theirs)) {
		fprintf(stderr,
			"seed %llu, %s, commit %s (%zu parents): touched paths differ from git"
			"%s\n",
			seed_now, what, c->sha, c->nparents,
			dups ? " (and a path was reported more than once)" : "");
		print_set("gate_history_touched", &ours);
		print_set("git diff-tree", &theirs);
		bad = 1;
		goto done;
	}
	/* And what the commit has at each: git's ls-tree of the commit. */
	CHECK(gate_history_touched(r, c, collect_ids, &ours_ids, &err) == 0);
	set_uniq(&ours_ids);
	git_ids(&theirs_ids, c->sha, &theirs);
	if (!set_equal(&ours_ids, &theirs_ids)) {
		fprintf(stderr,
			"seed %llu, %s, commit %s: the touched paths' ids differ from git\n",
			seed_now, what, c->sha);
		print_set("gate_history_touched", &ours_ids);
		print_set("git ls-tree", &theirs_ids);
		bad = 1;
	}
	for (dups = 0; dups < theirs_ids.n; dups++)
		seen_absent += theirs_ids.v[dups].p[theirs_ids.v[dups].len - 1] == '-';
	seen_commits++;
	seen_paths += theirs.n;
	seen_roots += c->nparents == 0;
	seen_merges += c->nparents >= 2;
	seen_octopus += c->nparents >= 3;
	seen_empty += theirs.n == 0;
done:
	set_free(&ours);
	set_free(&theirs);
	set_free(&ours_ids);
	set_free(&theirs_ids);
	if (bad) {
		unit_current_failed = 1;
		gitrepo_keep();
	}
	return bad ? -1 : 0;
}

static int seq_equal(const pathset *a, const pathset *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (a->v[i].len != b->v[i].len || memcmp(a->v[i].p, b->v[i].p, a->v[i].len) != 0)
			return 0;
	return 1;
}

/*
 * The read-ahead on a second thread (gate_history_prefetch_start) against
 * the comparison on the caller's thread, commit by commit: the same paths
 * in the same order, the same return value and the same error. Returns the
 * number of commits that differ.
 */
static long compare_prefetch(gate_repo *r, gate_commit *commits, size_t n, const char *what)
{
	gate_change change;
	gate_error err, err1;
	long bad = 0;
	size_t i;

	memset(&change, 0, sizeof(change));
	change.commits = commits;
	change.ncommits = n;
	gate_error_init(&err);
	if (gate_history_prefetch_start(&change.touched, r, commits, n, &err) < 0) {
		fprintf(stderr, "%s: prefetch: %s\n", what, err.message);
		unit_current_failed = 1;
		return 1;
	}
	/* At or above the threshold the read-ahead must really run. */
	if ((n >= GATE_HISTORY_PREFETCH_MIN) != (change.touched != NULL)) {
		fprintf(stderr, "%s: %zu commits, read-ahead %s\n", what, n,
			change.touched ? "started" : "not started");
		bad++;
	}
	for (i = 0; i < n; i++) {
		pathset inline_ = {NULL, 0, 0}, ahead = {NULL, 0, 0};
		int rc1, rc2;

		gate_error_init(&err1);
		gate_error_init(&err);
		rc1 = gate_history_touched(r, &commits[i], collect_ids, &inline_, &err1);
		rc2 = gate_history_touched_at(&change, i, r, collect_ids, &ahead, &err);
		if (rc1 != rc2 || !seq_equal(&inline_, &ahead) || err1.klass != err.klass ||
		    strcmp(err1.message, err.message) != 0) {
			fprintf(stderr,
				"seed %llu, %s, commit %zu (%s): read ahead %d (%s), inline %d "
				"(%s)\n",
				seed_now, what, i, commits[i].sha, rc2, err.message, rc1,
				err1.message);
			print_set("read ahead", &ahead);
			print_set("inline", &inline_);
			bad++;
		}
		set_free(&inline_);
		set_free(&ahead);
		/* The read-ahead stops at the first commit it cannot read, as
		 * its callers do: the later ones give that error too. */
		if (rc1 < 0)
			break;
	}
	gate_history_prefetch_free(change.touched);
	if (bad) {
		unit_current_failed = 1;
		gitrepo_keep();
	}
	return bad;
}

/*
 * Compares every commit reachable from any ref of the repository, with its
 * parents as `git rev-list --parents` gives them. Returns the number of
 * commits compared (-1 when the repository cannot be read).
 */
static long compare_all(const char *what)
{
	gate_buf list = GATE_BUF_INIT((size_t)1 << 28);
	gate_repo *r = NULL;
	gate_commit *all = NULL;
	gate_error err;
	size_t pos = 0, nall = 0, k;
	long n = 0;

	gate_error_init(&err);
	gitrepo_git(&list, NULL, "rev-list", "--all", "--parents", NULL);
	if (gate_repo_open(&r, gitrepo_dir(), &err) < 0) {
		fprintf(stderr, "%s: open: %s\n", what, err.message);
		unit_current_failed = 1;
		gate_buf_dispose(&list);
		return -1;
	}
	while (pos < list.size) {
		char *line = list.ptr + pos, *nl = memchr(line, '\n', list.size - pos);
		size_t len = nl ? (size_t)(nl - line) : list.size - pos, i;
		char parents[8][GATE_OID_HEX + 1];
		gate_commit c;

		pos += len + 1;
		if (len < GATE_OID_HEX)
			continue;
		memset(&c, 0, sizeof(c));
		memcpy(c.sha, line, GATE_OID_HEX);
		c.sha[GATE_OID_HEX] = '\0';
		for (i = GATE_OID_HEX; i + GATE_OID_HEX + 1 <= len && c.nparents < 8;
		     i += GATE_OID_HEX + 1) {
			memcpy(parents[c.nparents], line + i + 1, GATE_OID_HEX);
			parents[c.nparents][GATE_OID_HEX] = '\0';
			c.nparents++;
		}
		c.parents = parents;
		compare_commit(r, &c, what);
		n++;
		/* Kept for the read-ahead, with parents of its own. */
		all = realloc(all, (nall + 1) * sizeof(*all));
		all[nall] = c;
		all[nall].parents = malloc((c.nparents ? c.nparents : 1) * sizeof(*c.parents));
		memcpy(all[nall].parents, parents, c.nparents * sizeof(*c.parents));
		nall++;
	}
	/* Without tree ids (each commit read again), then with them (as
	 * gate_change_read gives them: only parents outside are read). */
	compare_prefetch(r, all, nall, what);
	gate_buf_clear(&list);
	gitrepo_git(&list, NULL, "log", "--all", "--format=%H %T", NULL);
	gate_buf_putc(&list, '\0', &err);
	for (k = 0; k < nall; k++) {
		const char *at = list.ptr ? strstr(list.ptr, all[k].sha) : NULL;

		if (at && (size_t)(at - list.ptr) + 2 * GATE_OID_HEX + 1 <= list.size) {
			memcpy(all[k].tree, at + GATE_OID_HEX + 1, GATE_OID_HEX);
			all[k].tree[GATE_OID_HEX] = '\0';
		}
	}
	compare_prefetch(r, all, nall, what);
	/* Half of them known: parents with and without a tree id. */
	for (k = 1; k < nall; k += 2)
		all[k].tree[0] = '\0';
	compare_prefetch(r, all, nall, what);
	for (k = 0; k < nall; k++)
		free(all[k].parents);
	free(all);
	gate_repo_free(r);
	gate_buf_dispose(&list);
	return n;
}

/* ---- fixed repositories built with the git CLI -------------------------- */

#define IN_REPO "cd '%s' && set -e && "

/* An empty-tree root, then names that sort differently as trees and as
 * files, deep changes in otherwise identical trees, files that become
 * directories and back, symlinks, modes, submodules, deleted and moved
 * directories. */
static void test_walk_shapes(void)
{
	long n;

	seed_now = 0;
	init_repo("shapes");
	CHECK(gitrepo_sh(IN_REPO "git commit -q --allow-empty -m 'empty root'", gitrepo_dir()) ==
	      0);
	CHECK(
	    gitrepo_sh(
		IN_REPO
		"mkdir -p foo/baz foo.d deep/a/b/c/d/e/f deep/a/b/c/x a.b a0 'a b' && "
		"echo 1 >a && echo 1 >a-b && echo 1 >a.b/in && echo 1 >a0/in && "
		"echo 1 >'a b/in' && echo 1 >foo.c && echo 1 >foo-bar && echo 1 >foo0 && "
		"echo 1 >foo.d/x && echo 1 >foo/bar && echo 1 >foo/baz/qux && "
		"echo 1 >foo/baz.c && echo 1 >deep/a/b/c/d/e/f/g && echo 2 >deep/a/b/c/d/e/f/h && "
		"echo 1 >deep/a/b/c/x/y && echo 1 >deep/a/b/c.txt && "
		"git add -A && git commit -q -m files",
		gitrepo_dir()) == 0);
	/* one file deep inside trees whose siblings do not change */
	CHECK(gitrepo_sh(IN_REPO "echo 2 >foo/baz/qux && git commit -q -am deep1", gitrepo_dir()) ==
	      0);
	CHECK(gitrepo_sh(IN_REPO "echo 3 >deep/a/b/c/d/e/f/g && git commit -q -am deep2",
			 gitrepo_dir()) == 0);
	/* a file becomes a directory of its name, among names around it */
	CHECK(gitrepo_sh(IN_REPO "rm a && mkdir a && echo 1 >a/in && git add -A && "
				 "git commit -q -m file-to-dir",
			 gitrepo_dir()) == 0);
	/* a directory becomes a file of its name, then the directory again */
	CHECK(gitrepo_sh(IN_REPO
			 "rm -r foo && echo foo >foo && git add -A && git commit -q -m dir-to-file",
			 gitrepo_dir()) == 0);
	CHECK(gitrepo_sh(IN_REPO "rm foo && git checkout -q HEAD~1 -- foo && git add -A && "
				 "git commit -q -m file-to-dir-again",
			 gitrepo_dir()) == 0);
	/* the same name as file and directory in one step, both ways at once */
	CHECK(gitrepo_sh(IN_REPO
			 "rm -r a.b && echo x >a.b && rm a-b && mkdir a-b && echo 1 >a-b/in && "
			 "git add -A && git commit -q -m swap",
			 gitrepo_dir()) == 0);
	/* symlinks and modes */
	CHECK(gitrepo_sh(IN_REPO
			 "rm foo0 && ln -s foo foo0 && chmod +x foo-bar && "
			 "ln -s ../../x deep/a/b/c/x/link && git add -A && git commit -q -m links",
			 gitrepo_dir()) == 0);
	CHECK(gitrepo_sh(IN_REPO "chmod -x foo-bar && git commit -q -am unexec", gitrepo_dir()) ==
	      0);
	CHECK(
	    gitrepo_sh(IN_REPO
		       "rm foo0 && echo 1 >foo0 && rm deep/a/b/c/x/link && "
		       "ln -s elsewhere deep/a/b/c/x/link && git add -A && git commit -q -m relink",
		       gitrepo_dir()) == 0);
	CHECK(gitrepo_sh(IN_REPO
			 "rm deep/a/b/c/x/y && ln -s y2 deep/a/b/c/x/y && chmod +x foo/bar && "
			 "git add -A && git commit -q -m file-to-link",
			 gitrepo_dir()) == 0);
	/* submodules: a new one, a file that becomes one, one moved on */
	CHECK(gitrepo_sh(
		  IN_REPO
		  "h=$(git rev-parse HEAD) && git rm -q --cached foo.c && rm foo.c && "
		  "mkdir -p foo.c sub/mod && git update-index --add --cacheinfo 160000,$h,foo.c && "
		  "git update-index --add --cacheinfo 160000,$h,sub/mod && "
		  "git commit -q -m gitlinks",
		  gitrepo_dir()) == 0);
	CHECK(gitrepo_sh(IN_REPO
			 "h=$(git rev-parse HEAD~3) && "
			 "git update-index --cacheinfo 160000,$h,sub/mod && git commit -q -m bump",
			 gitrepo_dir()) == 0);
	CHECK(gitrepo_sh(IN_REPO "git rm -q --cached foo.c && rmdir foo.c && echo 1 >foo.c && "
				 "git add foo.c && git commit -q -m gitlink-to-file",
			 gitrepo_dir()) == 0);
	CHECK(gitrepo_sh(IN_REPO
			 "git rm -q --cached sub/mod && rmdir sub/mod && mkdir sub/mod && "
			 "echo 1 >sub/mod/in && git add -A && git commit -q -m gitlink-to-dir",
			 gitrepo_dir()) == 0);
	/* whole directories deleted and moved */
	CHECK(gitrepo_sh(IN_REPO "git rm -q -r deep && git commit -q -m rm-deep", gitrepo_dir()) ==
	      0);
	CHECK(gitrepo_sh(IN_REPO "git mv foo bar && git commit -q -m mv-foo", gitrepo_dir()) == 0);
	CHECK(gitrepo_sh(IN_REPO "git mv bar/baz foo.d/baz && git mv foo-bar foo.d/baz/foo-bar && "
				 "git commit -q -m mv-deeper",
			 gitrepo_dir()) == 0);
	/* a commit that changes nothing, then one that deletes everything */
	CHECK(gitrepo_sh(IN_REPO "git commit -q --allow-empty -m nothing", gitrepo_dir()) == 0);
	CHECK(gitrepo_sh(IN_REPO "git rm -q -r . && git commit -q -m everything", gitrepo_dir()) ==
	      0);
	/* a second root that is not empty */
	CHECK(gitrepo_sh(IN_REPO
			 "git checkout -q --orphan other && mkdir -p r/s/t && echo 1 >r/s/t/u && "
			 "echo 1 >r.s && git add -A && git commit -q -m second-root",
			 gitrepo_dir()) == 0);
	n = compare_all("shapes");
	CHECK(n == 22);
}

/* Merges: a conflict resolved unlike either side, a merge equal to one
 * parent, a merge that adds to both, octopus merges, unrelated roots. */
static void test_merges(void)
{
	long n;

	seed_now = 0;
	init_repo("merges");
	CHECK(gitrepo_sh(IN_REPO
			 "mkdir -p d/y/z e && echo base >c && echo 1 >d/x && echo 1 >d/y/z/w && "
			 "echo 1 >e/f && echo 1 >g && git add -A && git commit -q -m base && "
			 "git branch b1 && git branch b2 && git branch b3 && git branch o1 && "
			 "git branch o2 && git branch o3",
			 gitrepo_dir()) == 0);
	CHECK(gitrepo_sh(
		  IN_REPO
		  "git checkout -q b1 && echo b1 >c && echo 2 >d/x && "
		  "git commit -q -am b1 && git checkout -q b2 && echo b2 >c && echo 2 >d/y/z/w && "
		  "git commit -q -am b2",
		  gitrepo_dir()) == 0);
	/* conflict on c, resolved with neither side's content; d/x from b1 and
	 * d/y/z/w from b2 differ from one parent only */
	CHECK(gitrepo_sh(IN_REPO "git checkout -q b1 && ! git merge -q b2 >/dev/null 2>&1; "
				 "echo resolved >c && git add c && git commit -q --no-edit",
			 gitrepo_dir()) == 0);
	/* a merge identical to its first parent, and one identical to its
	 * second */
	CHECK(gitrepo_sh(IN_REPO "git checkout -q b3 && echo b3 >g && git commit -q -am b3 && "
				 "git merge -q -s ours --no-edit b2 && git checkout -q b2 && "
				 "git merge -q --no-ff --no-edit b3~1 >/dev/null",
			 gitrepo_dir()) == 0);
	CHECK(gitrepo_sh(
		  IN_REPO
		  "t=$(git rev-parse b3^{tree}) && "
		  "m=$(git commit-tree $t -p b1 -p b3 -m same-as-second) && git branch same2 $m",
		  gitrepo_dir()) == 0);
	/* a merge that changes, deletes and adds what neither side touched */
	CHECK(gitrepo_sh(IN_REPO
			 "git checkout -q b1 && { git merge -q --no-commit --no-ff b3 >/dev/null "
			 "2>&1 || :; } && "
			 "echo mine >c && git add c && echo evil >e/f && git rm -q -r -f d/y && "
			 "mkdir -p n/m && echo 1 >n/m/o && "
			 "git add -A && git commit -q --no-edit",
			 gitrepo_dir()) == 0);
	/* octopus merges: clean, and with a tree unlike every parent */
	CHECK(
	    gitrepo_sh(IN_REPO
		       "git checkout -q o1 && echo o1 >o1 && git add -A && git commit -q -m o1 && "
		       "git checkout -q o2 && mkdir -p d/y/z && echo o2 >d/y/z/o2 && git add -A && "
		       "git commit -q -m o2 && git checkout -q o3 && git rm -q e/f && "
		       "git commit -q -m o3 && git checkout -q main && "
		       "git merge -q --no-edit o1 o2 o3 >/dev/null",
		       gitrepo_dir()) == 0);
	CHECK(gitrepo_sh(IN_REPO
			 "git rm -q -r -f --ignore-unmatch e d && echo new >d && git add -A && "
			 "t=$(git write-tree) && git reset -q --hard && "
			 "m=$(git commit-tree $t -p o1 -p o2 -p o3 -p b1 -m octopus-evil) && "
			 "git branch evil $m",
			 gitrepo_dir()) == 0);
	/* unrelated histories */
	CHECK(gitrepo_sh(
		  IN_REPO
		  "git checkout -q --orphan lone && git rm -q -r -f . && mkdir -p d/y && "
		  "echo lone >d/y.z && echo lone >lone && git add -A && git commit -q -m lone && "
		  "git checkout -q main && git merge -q --allow-unrelated-histories "
		  "--no-edit lone >/dev/null",
		  gitrepo_dir()) == 0);
	n = compare_all("merges");
	CHECK(n >= 16);
}

/* Trees git never writes from a work tree: an empty subtree, entries in
 * nested empty trees, a directory made empty. */
static void test_empty_subtrees(void)
{
	seed_now = 0;
	init_repo("empty-sub");
	CHECK(
	    gitrepo_sh(
		IN_REPO
		"e=$(git mktree </dev/null) && "
		"blob=$(echo hi | git hash-object -w --stdin) && "
		"inner=$(printf '040000 tree %%s\\tempty\\n100644 blob %%s\\tf\\n' $e $blob | "
		"git mktree) && "
		"t1=$(printf '100644 blob %%s\\ta\\n040000 tree %%s\\tb\\n' $blob $e | git "
		"mktree) && "
		"t2=$(printf '100644 blob %%s\\ta\\n040000 tree %%s\\tb\\n040000 tree %%s\\tc\\n' "
		"$blob $inner $e | git mktree) && "
		"t3=$(printf '040000 tree %%s\\ta\\n040000 tree %%s\\tb\\n' $e $inner | git "
		"mktree) && "
		"c1=$(git commit-tree $e -m empty) && c2=$(git commit-tree $t1 -p $c1 -m t1) && "
		"c3=$(git commit-tree $t2 -p $c2 -m t2) && c4=$(git commit-tree $t3 -p $c3 -m t3) "
		"&& "
		"c5=$(git commit-tree $e -p $c4 -m e) && c6=$(git commit-tree $t1 -m root-t1) && "
		"c7=$(git commit-tree $t2 -p $c6 -p $c4 -m merge) && git branch main $c5 && "
		"git branch m $c7",
		gitrepo_dir()) == 0);
	CHECK(compare_all("empty-sub") == 7);
}

/* The callback's non-zero value stops the walk and comes back; an unknown
 * commit is a repository error; commits read with gate_change_read_commit
 * give the same paths. */
static int stop_at_second(const char *path, size_t len, const unsigned char *id, void *payload)
{
	int *calls = payload;

	(void)path;
	(void)len;
	(void)id;
	return ++*calls == 2 ? 42 : 0;
}

static void test_api(void)
{
	gate_repo *r = NULL;
	gate_change *ch = NULL;
	gate_commit c;
	gate_error err;
	pathset ours = {NULL, 0, 0};
	int calls = 0;

	seed_now = 0;
	gate_error_init(&err);
	init_repo("api");
	CHECK(gitrepo_sh(
		  IN_REPO
		  "mkdir -p x/y && echo 1 >a && echo 1 >b && echo 1 >x/y/c && "
		  "git add -A && git commit -q -m one && echo 2 >x/y/c && rm a && ln -s b a && "
		  "git add -A && git commit -q -m two",
		  gitrepo_dir()) == 0);
	if (gate_repo_open(&r, gitrepo_dir(), &err) < 0) {
		CHECK(0);
		return;
	}
	CHECK(gate_change_read_commit(&ch, r, "HEAD~1", &err) == 0);
	if (ch && ch->ncommits == 1) {
		CHECK(gate_history_touched(r, &ch->commits[0], stop_at_second, &calls, &err) == 42);
		CHECK(calls == 2);
		CHECK(compare_commit(r, &ch->commits[0], "api") == 0);
	}
	gate_change_free(ch);
	ch = NULL;
	CHECK(gate_change_read_commit(&ch, r, "HEAD", &err) == 0);
	if (ch && ch->ncommits == 1) {
		CHECK(gate_history_touched(r, &ch->commits[0], collect, &ours, &err) == 0);
		set_sort(&ours);
		CHECK(ours.n == 2 && ours.n == 2 && strcmp(ours.v[0].p, "a") == 0 &&
		      strcmp(ours.v[1].p, "x/y/c") == 0);
		CHECK(compare_commit(r, &ch->commits[0], "api") == 0);
	}
	gate_change_free(ch);
	set_free(&ours);
	memset(&c, 0, sizeof(c));
	memcpy(c.sha, "0123456789012345678901234567890123456789", GATE_OID_HEX + 1);
	gate_error_init(&err);
	CHECK(gate_history_touched(r, &c, collect, &ours, &err) == -1);
	CHECK(err.klass == GATE_ERR_REPO);
	CHECK(ours.n == 0);
	gate_repo_free(r);
}

/* Notes are read from the notes commit the ref named at the first read:
 * one snapshot for a whole range; a missing ref is no note, a ref that
 * names no commit an error. */
static void test_notes_snapshot(void)
{
	gate_repo *r = NULL;
	gate_buf note = GATE_BUF_INIT(1 << 20);
	gate_error err;
	char one[GATE_OID_HEX + 1], two[GATE_OID_HEX + 1];

	seed_now = 0;
	gate_error_init(&err);
	init_repo("notes");
	CHECK(gitrepo_sh(IN_REPO "echo 1 >a && git add a && git commit -q -m one && "
				 "echo 2 >a && git commit -q -am two && "
				 "git notes --ref=ai add -m first HEAD~1",
			 gitrepo_dir()) == 0);
	gitrepo_rev(one, "HEAD~1");
	gitrepo_rev(two, "HEAD");
	if (gate_repo_open(&r, gitrepo_dir(), &err) < 0) {
		CHECK(0);
		return;
	}
	CHECK(gate_history_note(&note, r, "refs/notes/ai", one, &err) == 1);
	CHECK(note.size == 6 && memcmp(note.ptr, "first\n", 6) == 0);
	CHECK(gate_history_note(&note, r, "refs/notes/ai", two, &err) == 0);
	CHECK(gate_history_note(&note, r, "refs/notes/none", one, &err) == 0);
	/* Added after the first read: not in this run's snapshot. */
	CHECK(gitrepo_sh(IN_REPO "git notes --ref=ai add -m second HEAD", gitrepo_dir()) == 0);
	CHECK(gate_history_note(&note, r, "refs/notes/ai", two, &err) == 0);
	gate_repo_free(r);
	r = NULL;
	CHECK(gate_repo_open(&r, gitrepo_dir(), &err) == 0);
	if (r) {
		CHECK(gate_history_note(&note, r, "refs/notes/ai", two, &err) == 1);
		CHECK(note.size == 7 && memcmp(note.ptr, "second\n", 7) == 0);
		/* A notes ref that names a blob cannot be read: an error. */
		CHECK(gitrepo_sh(IN_REPO "git update-ref refs/notes/bad $(git rev-parse HEAD:a)",
				 gitrepo_dir()) == 0);
		gate_error_init(&err);
		CHECK(gate_history_note(&note, r, "refs/notes/bad", one, &err) == -1);
		CHECK(err.klass == GATE_ERR_REPO);
	}
	gate_repo_free(r);
	gate_buf_dispose(&note);
}

/* The read-ahead as gate_change_read starts it, a commit that cannot be
 * read in the middle of it (the commits before it keep their paths, it and
 * those after fail as the inline comparison does), and a read-ahead freed
 * while it runs. */
static void test_prefetch(void)
{
	gate_repo *r = NULL;
	gate_change *ch = NULL;
	gate_commit *copy = NULL;
	gate_error err;
	size_t i, n;

	seed_now = 0;
	gate_error_init(&err);
	init_repo("prefetch");
	CHECK(gitrepo_sh(IN_REPO
			 "mkdir -p d/e && for i in $(seq 1 40); do "
			 "echo $i >d/e/f$((i %% 7)) && echo $i >g$((i %% 3)) && git add -A && "
			 "git commit -q -m c$i; done",
			 gitrepo_dir()) == 0);
	if (gate_repo_open(&r, gitrepo_dir(), &err) < 0) {
		CHECK(0);
		return;
	}
	CHECK(gate_change_read(&ch, r, "HEAD~39", "HEAD", &err) == 0);
	if (!ch) {
		gate_repo_free(r);
		return;
	}
	n = ch->ncommits;
	CHECK(n == 39);
	CHECK(ch->touched != NULL);
	for (i = 0; i < n; i++)
		CHECK(strlen(ch->commits[i].tree) == GATE_OID_HEX);
	CHECK(compare_prefetch(r, ch->commits, n, "prefetch") == 0);
	/* What gate_change_read started gives what the inline walk gives. */
	for (i = 0; i < n; i++) {
		pathset a = {NULL, 0, 0}, b = {NULL, 0, 0};

		CHECK(gate_history_touched_at(ch, i, r, collect_ids, &a, &err) == 0);
		CHECK(gate_history_touched(r, &ch->commits[i], collect_ids, &b, &err) == 0);
		CHECK(a.n == 2 && seq_equal(&a, &b));
		set_free(&a);
		set_free(&b);
	}
	copy = calloc(n, sizeof(*copy));
	memcpy(copy, ch->commits, n * sizeof(*copy));
	memcpy(copy[30].sha, "0123456789012345678901234567890123456789", GATE_OID_HEX + 1);
	copy[30].tree[0] = '\0'; /* its tree unknown: the commit itself is read */
	CHECK(compare_prefetch(r, copy, n, "prefetch, a commit that cannot be read") == 0);
	{
		gate_change bad;
		pathset a = {NULL, 0, 0};

		memset(&bad, 0, sizeof(bad));
		bad.commits = copy;
		bad.ncommits = n;
		CHECK(gate_history_prefetch_start(&bad.touched, r, copy, n, &err) == 0);
		CHECK(bad.touched != NULL);
		CHECK(gate_history_touched_at(&bad, 29, r, collect, &a, &err) == 0 && a.n == 2);
		gate_error_init(&err);
		CHECK(gate_history_touched_at(&bad, 30, r, collect, &a, &err) == -1);
		CHECK(err.klass == GATE_ERR_REPO && strstr(err.message, "0123456789") != NULL);
		gate_error_init(&err);
		CHECK(gate_history_touched_at(&bad, 31, r, collect, &a, &err) == -1);
		CHECK(err.klass == GATE_ERR_REPO);
		CHECK(a.n == 2);
		gate_history_prefetch_free(bad.touched);
		set_free(&a);
	}
	free(copy);
	gate_change_free(ch);
	ch = NULL;
	/* Freed at once, then freed after a few commits: no leak, no wait for
	 * the whole read, nothing touched after the free (ASan, valgrind). */
	CHECK(gate_change_read(&ch, r, "HEAD~39", "HEAD", &err) == 0);
	gate_change_free(ch);
	ch = NULL;
	CHECK(gate_change_read(&ch, r, "HEAD~39", "HEAD", &err) == 0);
	if (ch) {
		pathset a = {NULL, 0, 0};

		CHECK(gate_history_touched_at(ch, 0, r, collect, &a, &err) == 0);
		set_free(&a);
	}
	gate_change_free(ch);
	/* RISKGATE_THREADS=1: no second thread, the same answers. */
	setenv("RISKGATE_THREADS", "1", 1);
	ch = NULL;
	CHECK(gate_change_read(&ch, r, "HEAD~39", "HEAD", &err) == 0);
	CHECK(ch && ch->touched == NULL);
	gate_change_free(ch);
	unsetenv("RISKGATE_THREADS");
	gate_repo_free(r);
}

/* ---- generated histories ------------------------------------------------- */

/*
 * A tree as a list of leaves (regular files, executables, symlinks and
 * submodules) by full path; directories are implied. No leaf's path is a
 * directory of another leaf.
 */
#define MAX_LEAVES 200
#define MAX_PATH   120

typedef struct {
	char path[MAX_PATH];
	unsigned mode; /* 0100644, 0100755, 0120000, 0160000 */
	unsigned content;
} leaf;

typedef struct {
	leaf v[MAX_LEAVES];
	size_t n;
} model;

/* Names chosen to sort differently as trees ("a/") and as files ("a"):
 * '-', ' ', '.', '0' sort before '/', 'b' after it. */
static const char *const comps[] = {
    "a",    "a.b", "a-b", "a0", "a b",      "ab",    "foo", "foo.c", "foo-x",
    "foo0", "b",   "z",   "A",  "\xc3\xbc", "a\xff", "x.y", "_",     "a=",
};
#define NCOMPS (sizeof(comps) / sizeof(comps[0]))

static unsigned next_content = 1;

static void random_path(char *out, size_t size, unsigned depth)
{
	size_t len = 0;
	unsigned i;

	out[0] = '\0';
	for (i = 0; i < depth; i++) {
		const char *c = comps[rn(NCOMPS)];
		int n = snprintf(out + len, size - len, "%s%s", i ? "/" : "", c);

		if (n < 0 || len + (size_t)n >= size)
			break;
		len += (size_t)n;
	}
}

static unsigned random_depth(void)
{
	unsigned r = rn(100);

	return r < 15 ? 1 : r < 35 ? 2 : r < 55 ? 3 : r < 75 ? 4 : r < 90 ? 5 : 6 + rn(3);
}

static int under(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return strncmp(path, dir, n) == 0 && path[n] == '/';
}

static void remove_at(model *m, size_t i)
{
	m->v[i] = m->v[--m->n];
}

/* Removes `path` and everything under it. */
static void remove_tree(model *m, const char *path)
{
	size_t i = 0;

	while (i < m->n) {
		if (strcmp(m->v[i].path, path) == 0 || under(m->v[i].path, path))
			remove_at(m, i);
		else
			i++;
	}
}

/* Puts a leaf at `path`, replacing whatever is there (a directory too) and
 * any leaf standing where one of its directories goes. */
static void set_leaf(model *m, const char *path, unsigned mode, unsigned content)
{
	char dir[MAX_PATH];
	size_t i, k;

	if (!path[0] || strlen(path) >= MAX_PATH)
		return;
	remove_tree(m, path);
	for (k = 0; path[k]; k++) {
		if (path[k] != '/')
			continue;
		memcpy(dir, path, k);
		dir[k] = '\0';
		for (i = 0; i < m->n; i++)
			if (strcmp(m->v[i].path, dir) == 0) {
				remove_at(m, i);
				break;
			}
	}
	if (m->n >= MAX_LEAVES)
		return;
	snprintf(m->v[m->n].path, MAX_PATH, "%s", path);
	m->v[m->n].mode = mode;
	m->v[m->n].content = content;
	m->n++;
}

static unsigned random_mode(void)
{
	unsigned r = rn(100);

	return r < 70 ? 0100644 : r < 82 ? 0100755 : r < 94 ? 0120000 : 0160000;
}

/* A directory some leaf lies in (its path into `out`); 0 when none. */
static int random_dir(const model *m, char *out)
{
	const leaf *l;
	size_t cuts[16], ncuts = 0, k;

	if (!m->n)
		return 0;
	l = &m->v[rn((unsigned)m->n)];
	for (k = 0; l->path[k] && ncuts < 16; k++)
		if (l->path[k] == '/')
			cuts[ncuts++] = k;
	if (!ncuts)
		return 0;
	k = cuts[rn((unsigned)ncuts)];
	memcpy(out, l->path, k);
	out[k] = '\0';
	return 1;
}

/* One random change to the tree. */
static void random_op(model *m)
{
	char path[MAX_PATH], dir[MAX_PATH], to[MAX_PATH * 2];
	unsigned op = rn(100);
	leaf *l = m->n ? &m->v[rn((unsigned)m->n)] : NULL, copy;
	size_t i, n;

	if (!l || op < 18 || (m->n < 20 && op < 40)) {
		/* a new leaf, maybe where a leaf or a directory was */
		random_path(path, sizeof(path), random_depth());
		set_leaf(m, path, random_mode(), next_content++);
	} else if (op < 36) {
		/* new content, same mode; often deep down */
		for (i = 0; i < 3 && !strchr(l->path, '/'); i++)
			l = &m->v[rn((unsigned)m->n)];
		l->content = next_content++;
	} else if (op < 44) {
		/* chmod +x or -x */
		if (l->mode == 0100644)
			l->mode = 0100755;
		else if (l->mode == 0100755)
			l->mode = 0100644;
		else
			l->content = next_content++;
	} else if (op < 54) {
		/* a change of type, content kept where it can be */
		unsigned mode = random_mode();

		if (mode == l->mode)
			mode = l->mode == 0120000 ? 0100644 : 0120000;
		l->mode = mode;
		if (rn(2))
			l->content = next_content++;
	} else if (op < 62) {
		remove_at(m, (size_t)(l - m->v));
	} else if (op < 68) {
		/* a whole directory deleted */
		if (random_dir(m, dir))
			remove_tree(m, dir);
	} else if (op < 76) {
		/* a leaf moved */
		copy = *l;
		remove_at(m, (size_t)(l - m->v));
		random_path(path, sizeof(path), random_depth());
		set_leaf(m, path, copy.mode, copy.content);
	} else if (op < 84) {
		/* a directory moved (maybe into itself, or onto a leaf) */
		model moved;

		if (!random_dir(m, dir))
			return;
		random_path(path, sizeof(path), 1 + rn(3));
		moved.n = 0;
		for (i = 0; i < m->n; i++)
			if (under(m->v[i].path, dir))
				moved.v[moved.n++] = m->v[i];
		remove_tree(m, dir);
		n = strlen(dir);
		for (i = 0; i < moved.n; i++) {
			snprintf(to, sizeof(to), "%s%s", path, moved.v[i].path + n);
			if (strlen(to) < MAX_PATH)
				set_leaf(m, to, moved.v[i].mode, moved.v[i].content);
		}
	} else if (op < 92) {
		/* a leaf becomes a directory of its name */
		copy = *l;
		snprintf(to, sizeof(to), "%s/%s", copy.path, comps[rn(NCOMPS)]);
		if (strlen(to) < MAX_PATH)
			set_leaf(m, to, 0100644, rn(2) ? copy.content : next_content++);
	} else {
		/* a directory becomes a leaf of its name */
		if (random_dir(m, dir))
			set_leaf(m, dir, random_mode(), next_content++);
	}
}

static void put_data(FILE *fp, const char *data, size_t len)
{
	fprintf(fp, "data %zu\n", len);
	fwrite(data, 1, len, fp);
	fputc('\n', fp);
}

/* Writes one commit with the whole tree `m`: a new ref per commit keeps
 * every commit reachable. */
static void emit_commit(FILE *fp, unsigned mark, const unsigned *parents, unsigned np,
			const model *m, long long when)
{
	char buf[128];
	size_t i;
	unsigned p;

	fprintf(fp, "commit refs/heads/c%u\nmark :%u\n", mark, mark);
	fprintf(fp, "committer C O Mitter <committer@example.com> %lld +0000\n", when);
	snprintf(buf, sizeof(buf), "commit %u", mark);
	put_data(fp, buf, strlen(buf));
	for (p = 0; p < np; p++)
		fprintf(fp, "%s :%u\n", p ? "merge" : "from", parents[p]);
	fputs("deleteall\n", fp);
	for (i = 0; i < m->n; i++) {
		const leaf *l = &m->v[i];

		if (l->mode == 0160000) {
			uint64_t h = (uint64_t)l->content * 0x9e3779b97f4a7c15ull;

			fprintf(fp, "M 160000 %016llx%016llx%08x %s\n", (unsigned long long)h,
				(unsigned long long)~h, l->content, l->path);
			continue;
		}
		fprintf(fp, "M %06o inline %s\n", l->mode, l->path);
		if (l->mode == 0120000)
			snprintf(buf, sizeof(buf), "%s%u", l->content % 3 ? "../" : "t",
				 l->content);
		else
			snprintf(buf, sizeof(buf), "content %u\n", l->content);
		put_data(fp, buf, strlen(buf));
	}
	fputc('\n', fp);
}

/* A merge's tree: one parent's, or the first parent's with some of the
 * others' leaves and deletions taken, then changes of its own (a conflict
 * resolved unlike any side). */
static void merge_tree(model *out, model *const *parents, unsigned np)
{
	unsigned r = rn(100), p;
	size_t i, k;

	*out = *parents[r < 20 ? rn(np) : 0];
	if (r < 20)
		return;
	for (p = 1; p < np; p++) {
		const model *o = parents[p];

		for (i = 0; i < o->n; i++)
			if (rn(2))
				set_leaf(out, o->v[i].path, o->v[i].mode, o->v[i].content);
		for (i = 0; i < out->n;) {
			int found = 0;

			for (k = 0; k < o->n && !found; k++)
				found = strcmp(o->v[k].path, out->v[i].path) == 0;
			if (!found && rn(4) == 0)
				remove_at(out, i);
			else
				i++;
		}
	}
	for (i = rn(3); i > 0; i--)
		random_op(out);
}

static void one_history(unsigned index)
{
	model **trees;
	unsigned ncommits = 30 + rn(16), i, parents[4], np, k, tries;
	char dir[64], stream[PATH_MAX + 32];
	long long when = 1700000000;
	FILE *fp;
	long n;

	rng = seed_now = base_seed + index * 7919ull;
	rnd();
	snprintf(dir, sizeof(dir), "gen-%u", index);
	init_repo(dir);
	trees = calloc(ncommits, sizeof(*trees));
	snprintf(stream, sizeof(stream), "%s.fi", gitrepo_dir());
	fp = fopen(stream, "wb");
	if (!fp || !trees) {
		CHECK(0);
		free(trees);
		if (fp)
			fclose(fp);
		return;
	}
	for (i = 0; i < ncommits; i++) {
		unsigned r = rn(100), ops;

		trees[i] = malloc(sizeof(model));
		trees[i]->n = 0;
		np = 0;
		if (i == 0 || r < 4) {
			/* a root: empty, or a fresh tree */
			if (rn(3)) {
				for (k = 10 + rn(40); k > 0; k--)
					random_op(trees[i]);
			}
		} else if (i >= 2 && r < 22) {
			/* a merge of two, sometimes more, recent commits */
			model *ps[4] = {NULL, NULL, NULL, NULL};
			unsigned want = r < 8 ? 3 + rn(2) : 2;

			for (tries = 0; np < want && tries < 40; tries++) {
				unsigned c = i - 1 - rn(i < 8 ? i : 8);

				for (k = 0; k < np && parents[k] != c + 1; k++)
					;
				if (k == np)
					parents[np++] = c + 1;
			}
			for (k = 0; k < np; k++)
				ps[k] = trees[parents[k] - 1];
			merge_tree(trees[i], ps, np);
		} else {
			unsigned c = i - 1 - (rn(3) ? 0 : rn(i < 4 ? i : 4));

			parents[np++] = c + 1;
			*trees[i] = *trees[c];
			ops = rn(20) == 0 ? 0 : 1 + rn(4);
			while (ops--)
				random_op(trees[i]);
		}
		when += 1 + rn(1000);
		emit_commit(fp, i + 1, parents, np, trees[i], when);
	}
	fclose(fp);
	gitrepo_git(NULL, stream, "fast-import", "--quiet", NULL);
	n = compare_all(dir);
	if (n != (long)ncommits) {
		fprintf(stderr, "seed %llu: %ld commits compared, %u made\n", seed_now, n,
			ncommits);
		unit_current_failed = 1;
	}
	for (i = 0; i < ncommits; i++)
		free(trees[i]);
	free(trees);
	if (!gitrepo_kept())
		gitrepo_sh("rm -rf '%s' '%s'", gitrepo_dir(), stream);
}

static void test_random_histories(void)
{
	unsigned i;

	for (i = 0; i < nhistories; i++)
		one_history(i);
}

int main(void)
{
	const char *s = getenv("RISKGATE_TEST_SEED");
	int rc;

	if (s && *s)
		base_seed = strtoull(s, NULL, 10);
	s = getenv("RISKGATE_TEST_HISTORIES");
	if (s && *s)
		nhistories = (unsigned)strtoul(s, NULL, 10);
	if (gitrepo_start("history", unit_abort) < 0)
		return 1;
	setenv("GIT_AUTHOR_DATE", "@1700000000 +0000", 1);
	setenv("GIT_COMMITTER_DATE", "@1700000000 +0000", 1);

	GATE_RUN(test_api);
	GATE_RUN(test_notes_snapshot);
	GATE_RUN(test_prefetch);
	GATE_RUN(test_walk_shapes);
	GATE_RUN(test_merges);
	GATE_RUN(test_empty_subtrees);
	GATE_RUN(test_random_histories);

	printf("history: %lu commits compared with git (seed %llu, %u histories): %lu roots, "
	       "%lu merges (%lu octopus), %lu touching nothing, %lu paths (%lu with no file at "
	       "the commit)\n",
	       seen_commits, base_seed, nhistories, seen_roots, seen_merges, seen_octopus,
	       seen_empty, seen_paths, seen_absent);
	/* Not vacuous: the ids compared include paths with no file. */
	CHECK(seen_absent > 0 && seen_absent < seen_paths);
	gitrepo_finish();
	rc = GATE_UNIT_DONE("history");
	return rc;
}
