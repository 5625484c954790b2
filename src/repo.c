/*
 * The repository a change is read from: opening it as git discovers it,
 * resolving revisions to commits, the default base, reading one file at a
 * revision, and the shallow boundary git keeps beside the object store.
 */
#include "riskgate/banned.h"

#include "riskgate/change.h"
#include "commitgraph.h"
#include "repo_internal.h"
#include "treediff.h"

#include <git2.h>
#include <limits.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The largest shallow file read. */
#define SHALLOW_FILE_MAX ((size_t)64 * 1024 * 1024)

void gate_repo_set_expiry(gate_repo *repo, int (*expired)(void *payload), void *payload)
{
	repo->expired = expired;
	repo->expired_payload = payload;
}

int gate_repo__expired(gate_repo *repo, gate_error *err)
{
	if (!repo->expired || !repo->expired(repo->expired_payload))
		return 0;
	return gate_error_set(err, GATE_ERR_DEADLINE, "while reading the change");
}

/* Records libgit2's error with a formatted context. Returns -1. */
int gate_repo__fail(gate_error *err, gate_error_class klass, const char *fmt, ...)
{
	char context[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(context, sizeof(context), fmt, ap);
	va_end(ap);
	return gate_error_from_git(err, klass, context);
}

void gate_repo__oid_hex(char out[GATE_OID_HEX + 1], const git_oid *oid)
{
	git_oid_tostr(out, GATE_OID_HEX + 1, oid);
}

int gate_repo_open(gate_repo **out, const char *dir, gate_error *err)
{
	gate_repo *repo = NULL;
	const char *path = dir ? dir : ".";
	const char *git_dir = getenv("GIT_DIR");
	unsigned int flags = 0;
	int inited = 0, nopen, rc, error = -1;

	*out = NULL;
	if ((nopen = git_libgit2_init()) < 0) {
		gate_error_from_git(err, GATE_ERR_INTERNAL, "cannot initialise libgit2");
		goto done;
	}
	inited = 1;
	/* libgit2 records that it loaded no CA certificate (cmd/notls.c):
	 * not an error of anything riskgate asks it. */
	git_error_clear();
	/*
	 * Trees are read again and again (every commit of a range is compared
	 * with its parent): the tree walker keeps the ones it read lately
	 * (gate_repo__tree), so libgit2's cache keeps none, and holds the
	 * commits within 16 MiB (libgit2's default is 256 MiB). Its cache
	 * held trees up to 4 MiB before; the range's commits pushed them out,
	 * and keeping trees in both added 8 MiB to the peak.
	 *
	 * With a second thread, it keeps no commit either. The report's copy
	 * of each commit is read once (change.c), and the per-commit
	 * comparison reads commits on that thread's own handle; on git/git's
	 * large range and pushes nothing else looked a commit up again but
	 * for the few the merge base could not read from the pack. Filling
	 * the cache cost more time than it saved, and 17 MiB of peak RSS on
	 * the large range. Signature checks read a signed commit once more.
	 * On one thread, the per-commit comparison reads every commit again
	 * on this handle, and the cache saves it those reads.
	 *
	 * Pack windows stay mapped up to 256 MiB (libgit2's default: 8 GiB):
	 * with a small limit, the windows of a long range were mapped and
	 * unmapped over and over (5,000 commits: 6 s of system time).
	 *
	 * Objects are not hashed again on every read, as git does not: the
	 * hash was checked when they were received (index-pack), and a read
	 * still fails on a damaged object.
	 *
	 * Set by the first open only (libgit2 counts its initialisations):
	 * a second handle, opened while another thread reads through the
	 * first, must not write settings that thread reads.
	 */
	if (nopen == 1 &&
	    (git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, (size_t)0) < 0 ||
	     (gate_repo__threads_wanted() &&
	      git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_COMMIT, (size_t)0) < 0) ||
	     git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)16 << 20) < 0 ||
	     git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)4 << 20) < 0 ||
	     git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)256 << 20) < 0 ||
	     git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0) < 0)) {
		gate_error_from_git(err, GATE_ERR_INTERNAL, "cannot set libgit2's options");
		goto done;
	}
	if ((repo = gate_calloc(1, sizeof(*repo), err)) == NULL ||
	    (dir && (repo->dir = gate_strdup(dir, err)) == NULL))
		goto done;
	/* In a pre-receive hook git passes the repository and its quarantined
	 * objects through the environment (GIT_DIR, GIT_OBJECT_DIRECTORY,
	 * GIT_ALTERNATE_OBJECT_DIRECTORIES); an explicit directory wins. */
	if (!dir && git_dir && git_dir[0]) {
		path = NULL;
		flags = GIT_REPOSITORY_OPEN_FROM_ENV;
	}
	rc = git_repository_open_ext(&repo->git, path, flags, NULL);
	if (rc == GIT_ENOTFOUND) {
		gate_error_set(err, GATE_ERR_REPO, "not a git repository (or any parent): %s",
			       path ? path : git_dir);
		goto done;
	}
	if (rc < 0) {
		gate_repo__fail(err, GATE_ERR_REPO, "cannot open the repository at %s",
				path ? path : git_dir);
		goto done;
	}
	repo->from_env = flags == GIT_REPOSITORY_OPEN_FROM_ENV;
	*out = repo;
	repo = NULL;
	inited = 0;
	error = 0;
done:
	if (repo) {
		git_repository_free(repo->git);
		free(repo->dir);
		free(repo);
	}
	if (inited)
		git_libgit2_shutdown();
	return error;
}

struct gate_blob_slot {
	git_oid id;
	git_blob *blob; /* NULL: an empty slot */
};

static size_t blob_slot(const git_oid *id, size_t mask)
{
	size_t h;

	/* An object id is a hash already: its first bytes spread well. */
	memcpy(&h, id->id, sizeof(h));
	return h & mask;
}

void gate_repo_drop_blobs(gate_repo *repo)
{
	gate_repo *other;
	size_t i;

	for (i = 0; i < repo->ablobs; i++)
		git_blob_free(repo->blobs[i].blob);
	free(repo->blobs);
	repo->blobs = NULL;
	repo->nblobs = repo->ablobs = repo->blob_bytes = 0;
	gate_repo__keep_blobs(repo, 1, NULL, 0);
	/* Their blobs are gone: the handles that read them can go too. */
	while ((other = repo->adopted) != NULL) {
		repo->adopted = other->adopted;
		other->adopted = NULL;
		gate_repo_free(other);
	}
}

int gate_repo__threads_wanted(void)
{
	const char *v = getenv("RISKGATE_THREADS");

	return !(v && strcmp(v, "1") == 0) && (git_libgit2_features() & GIT_FEATURE_THREADS);
}

int gate_repo__thread_start(pthread_t *out, void *(*fn)(void *), void *arg)
{
#ifdef __GLIBC__
	mallopt(M_ARENA_MAX, 1);
#endif
	return pthread_create(out, NULL, fn, arg) == 0 ? 0 : -1;
}

void gate_repo__keep_blobs(gate_repo *repo, int keep, git_oid *only, size_t n)
{
	free(repo->blobs_only);
	repo->blobs_off = !keep;
	repo->blobs_only = only;
	repo->nblobs_only = n;
}

static int oid_cmp(const void *a, const void *b)
{
	return git_oid_cmp(a, b);
}

/* Whether gate_repo__blob keeps blob `id`. */
static int blob_wanted(const gate_repo *repo, const git_oid *id)
{
	if (repo->blobs_off)
		return 0;
	return !repo->blobs_only ||
	       bsearch(id, repo->blobs_only, repo->nblobs_only, sizeof(git_oid), oid_cmp) != NULL;
}

/* Doubles the table (at least 1,024 slots). 0, or -1 when out of memory:
 * the blob is then not kept, which only costs a second read. */
static int blobs_grow(gate_repo *repo)
{
	size_t n = repo->ablobs ? repo->ablobs * 2 : 1024, i, j;
	struct gate_blob_slot *t = calloc(n, sizeof(*t));

	if (!t)
		return -1;
	for (i = 0; i < repo->ablobs; i++) {
		if (!repo->blobs[i].blob)
			continue;
		for (j = blob_slot(&repo->blobs[i].id, n - 1); t[j].blob; j = (j + 1) & (n - 1))
			;
		t[j] = repo->blobs[i];
	}
	free(repo->blobs);
	repo->blobs = t;
	repo->ablobs = n;
	return 0;
}

void gate_repo_blob_stats(const gate_repo *repo, size_t *nblobs, size_t *bytes)
{
	*nblobs = repo->nblobs;
	*bytes = repo->blob_bytes;
}

/* Puts `blob` (a reference the table then owns) in the table when it is
 * wanted, fits in the budget and is not there yet: 1; else 0, and the
 * reference stays the caller's. */
static int blob_keep(gate_repo *repo, const git_oid *id, git_blob *blob)
{
	size_t j, size = (size_t)git_blob_rawsize(blob);

	if (size > GATE_REPO_BLOB_BUDGET - repo->blob_bytes || !blob_wanted(repo, id))
		return 0;
	/* Keep the table at most half full. */
	if (repo->nblobs + 1 > repo->ablobs / 2 && blobs_grow(repo) < 0)
		return 0;
	for (j = blob_slot(id, repo->ablobs - 1); repo->blobs[j].blob;
	     j = (j + 1) & (repo->ablobs - 1))
		if (git_oid_equal(&repo->blobs[j].id, id))
			return 0;
	repo->blobs[j].blob = blob;
	git_oid_cpy(&repo->blobs[j].id, id);
	repo->nblobs++;
	repo->blob_bytes += size;
	return 1;
}

git_blob *gate_repo__blob_kept(const gate_repo *repo, const git_oid *id)
{
	size_t j;

	if (!repo->ablobs)
		return NULL;
	for (j = blob_slot(id, repo->ablobs - 1); repo->blobs[j].blob;
	     j = (j + 1) & (repo->ablobs - 1))
		if (git_oid_equal(&repo->blobs[j].id, id))
			return repo->blobs[j].blob;
	return NULL;
}

void gate_repo__adopt_handle(gate_repo *repo, gate_repo *other)
{
	gate_repo *last;

	for (last = other; last->adopted; last = last->adopted)
		;
	last->adopted = repo->adopted;
	repo->adopted = other;
}

int gate_repo__blob(git_blob **out, gate_repo *repo, const git_oid *id)
{
	git_blob *kept;
	int error;

	*out = NULL;
	if ((kept = gate_repo__blob_kept(repo, id)) != NULL)
		return git_blob_dup(out, kept);
	if (repo->ahead && gate_repo__ahead_take(repo->ahead, id, out))
		error = 0;
	else if ((error = git_blob_lookup(out, repo->git, id)) < 0)
		return error;
	if (git_blob_dup(&kept, *out) == 0 && !blob_keep(repo, id, kept))
		git_blob_free(kept);
	return 0;
}

int gate_repo__keep_blobs_as(gate_repo *repo, const gate_repo *like)
{
	git_oid *only = NULL;

	if (!like->blobs_off && like->blobs_only &&
	    (only = malloc(like->nblobs_only * sizeof(*only) + 1)) == NULL) {
		gate_repo__keep_blobs(repo, 0, NULL, 0);
		return -1;
	}
	if (only)
		memcpy(only, like->blobs_only, like->nblobs_only * sizeof(*only));
	gate_repo__keep_blobs(repo, !like->blobs_off, only, only ? like->nblobs_only : 0);
	return 0;
}

void gate_repo__adopt_blobs(gate_repo *repo, gate_repo *other)
{
	size_t i, moved = 0;

	for (i = 0; i < other->ablobs; i++) {
		struct gate_blob_slot *s = &other->blobs[i];

		if (!s->blob)
			continue;
		if (blob_keep(repo, &s->id, s->blob))
			moved++;
		else
			git_blob_free(s->blob);
		s->blob = NULL;
	}
	free(other->blobs);
	other->blobs = NULL;
	other->nblobs = other->ablobs = other->blob_bytes = 0;
	if (!moved && !other->adopted) {
		gate_repo_free(other);
		return;
	}
	gate_repo__adopt_handle(repo, other);
}

struct gate_tree_slot {
	git_odb_object *obj;
	unsigned long round;
};

/* Drops the trees last read before round `keep` (all: ULONG_MAX). */
static void drop_trees(gate_repo *repo, unsigned long keep)
{
	size_t i;

	for (i = 0; repo->trees && i < GATE_REPO_TREE_SLOTS; i++) {
		struct gate_tree_slot *t = &repo->trees[i];

		if (t->obj && t->round < keep) {
			repo->tree_bytes -= git_odb_object_size(t->obj);
			git_odb_object_free(t->obj);
			t->obj = NULL;
		}
	}
}

int gate_repo__tree(git_odb_object **out, gate_repo *repo, git_odb *odb, const git_oid *id)
{
	struct gate_tree_slot *slot;
	size_t size;
	int rc;

	if (!repo->trees)
		repo->trees = calloc(GATE_REPO_TREE_SLOTS, sizeof(*repo->trees));
	slot = repo->trees
		   ? &repo->trees[(id->id[0] | (size_t)id->id[1] << 8) % GATE_REPO_TREE_SLOTS]
		   : NULL;
	if (slot && slot->obj && git_oid_equal(git_odb_object_id(slot->obj), id)) {
		slot->round = repo->tree_round;
		return git_odb_object_dup(out, slot->obj);
	}
	if ((rc = git_odb_read(out, odb, id)) < 0 || !slot)
		return rc;
	size = git_odb_object_size(*out);
	if (size > GATE_REPO_TREE_BUDGET / 8)
		return 0;
	if (slot->obj) {
		repo->tree_bytes -= git_odb_object_size(slot->obj);
		git_odb_object_free(slot->obj);
		slot->obj = NULL;
	}
	if (repo->tree_bytes + size > GATE_REPO_TREE_BUDGET) {
		drop_trees(repo, repo->tree_round);
		if (repo->tree_bytes + size > GATE_REPO_TREE_BUDGET)
			drop_trees(repo, ULONG_MAX);
		repo->tree_round++;
	}
	if (git_odb_object_dup(&slot->obj, *out) == 0) {
		slot->round = repo->tree_round;
		repo->tree_bytes += size;
	} else {
		slot->obj = NULL;
	}
	return 0;
}

void gate_repo__drop_trees(gate_repo *repo)
{
	drop_trees(repo, ULONG_MAX);
}

int gate_repo__notes_commit(git_commit **out, gate_repo *repo, const char *ref, gate_error *err)
{
	git_oid id;
	git_commit *c = NULL;
	size_t i;
	int rc;

	*out = NULL;
	for (i = 0; i < repo->nnotes; i++)
		if (strcmp(repo->notes[i].ref, ref) == 0) {
			*out = repo->notes[i].commit;
			return *out != NULL;
		}
	rc = git_reference_name_to_id(&id, repo->git, ref);
	if (rc < 0 && rc != GIT_ENOTFOUND)
		return gate_error_from_git(err, GATE_ERR_REPO, "reading notes");
	if (rc == 0 && git_commit_lookup(&c, repo->git, &id) < 0)
		return gate_error_from_git(err, GATE_ERR_REPO, "reading notes");
	/* More refs than slots (no command reads that many): start over. */
	if (repo->nnotes == sizeof(repo->notes) / sizeof(repo->notes[0]))
		gate_repo__notes_forget(repo);
	if (!(repo->notes[repo->nnotes].ref = gate_strdup(ref, err))) {
		git_commit_free(c);
		return -1;
	}
	repo->notes[repo->nnotes++].commit = c;
	*out = c;
	return c != NULL;
}

void gate_repo__notes_forget(gate_repo *repo)
{
	size_t i;

	for (i = 0; i < repo->nnotes; i++) {
		free(repo->notes[i].ref);
		git_commit_free(repo->notes[i].commit);
	}
	repo->nnotes = 0;
}

void gate_repo_free(gate_repo *repo)
{
	if (!repo)
		return;
	gate_repo__ahead_stop(repo);
	gate_repo__notes_forget(repo);
	gate_commitgraph__forget(repo);
	drop_trees(repo, ULONG_MAX);
	free(repo->trees);
	gate_repo_drop_blobs(repo);
	git_repository_free(repo->git);
	free(repo->dir);
	free(repo->shallow);
	free(repo);
	git_libgit2_shutdown();
}

static int is_hex40(const char *s)
{
	size_t i;

	for (i = 0; i < GATE_OID_HEX; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
			return 0;
	}
	return s[GATE_OID_HEX] == '\0';
}

/*
 * Resolves `rev` to a commit id. A reference name wins over libgit2's
 * describe-style parsing ("topic-g1234abc" is the branch when one exists,
 * as in git), except that a full hex id is always the object.
 */
int gate_repo__resolve_commit(git_oid *out, gate_repo *repo, const char *rev, gate_error *err)
{
	git_reference *ref = NULL;
	git_object *obj = NULL, *peeled = NULL, *target = NULL;
	int rc, error = -1;

	if (!rev)
		return gate_error_set(err, GATE_ERR_REPO, "no revision given");
	if (!is_hex40(rev) && git_reference_dwim(&ref, repo->git, rev) == 0)
		rc = git_reference_peel(&obj, ref, GIT_OBJECT_ANY);
	else
		rc = git_revparse_single(&obj, repo->git, rev);
	if (ref && rc < 0) {
		/* The name exists; what it points at does not read. */
		gate_repo__fail(err, GATE_ERR_REPO,
				"revision '" GATE_REV_FMT
				"' exists but its object cannot be read (missing, "
				"or its pack is damaged)",
				rev);
		goto done;
	}
	if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC) {
		gate_error_set(err, GATE_ERR_REPO, "unknown revision '" GATE_REV_FMT "'", rev);
		goto done;
	}
	if (rc == GIT_EAMBIGUOUS) {
		gate_error_set(err, GATE_ERR_REPO, "ambiguous revision '" GATE_REV_FMT "'", rev);
		goto done;
	}
	if (rc < 0) {
		gate_repo__fail(err, GATE_ERR_REPO, "cannot resolve revision '" GATE_REV_FMT "'",
				rev);
		goto done;
	}
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		git_object_t type = git_object_type(obj);

		if (type == GIT_OBJECT_TAG && git_object_peel(&target, obj, GIT_OBJECT_ANY) == 0)
			type = git_object_type(target);
		gate_error_set(err, GATE_ERR_REPO,
			       "revision '" GATE_REV_FMT "' is a %s, not a commit: a change is "
			       "evaluated between commits",
			       rev, git_object_type2string(type));
		goto done;
	}
	git_oid_cpy(out, git_object_id(peeled));
	error = 0;
done:
	git_object_free(target);
	git_object_free(peeled);
	git_object_free(obj);
	git_reference_free(ref);
	return error;
}

int gate_repo_resolve(char out[GATE_OID_HEX + 1], gate_repo *repo, const char *rev, gate_error *err)
{
	git_oid oid;

	if (gate_repo__resolve_commit(&oid, repo, rev, err) < 0)
		return -1;
	gate_repo__oid_hex(out, &oid);
	return 0;
}

/* Whether `name` is what git's DWIM rules (refs.c ref_rev_parse_rules)
 * find first for `shorthand`. Lookups do not follow symbolic references,
 * so origin/HEAD names refs/remotes/origin/HEAD itself. */
static int dwim_is(gate_repo *repo, const char *shorthand, const char *name, gate_error *err)
{
	static const char *const rules[][2] = {{"", ""},
					       {"refs/", ""},
					       {"refs/tags/", ""},
					       {"refs/heads/", ""},
					       {"refs/remotes/", ""},
					       {"refs/remotes/", "/HEAD"}};
	gate_buf candidate = GATE_BUF_INIT(4096);
	git_reference *ref = NULL;
	size_t i;
	int found = 0, error = -1;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]) && !found; i++) {
		gate_buf_clear(&candidate);
		if (gate_buf_printf(&candidate, err, "%s%s%s", rules[i][0], shorthand,
				    rules[i][1]) < 0)
			goto done;
		if (git_reference_lookup(&ref, repo->git, candidate.ptr) == 0) {
			found = 1;
			error = strcmp(git_reference_name(ref), name) == 0;
			git_reference_free(ref);
		}
	}
	git_error_clear();
	if (!found)
		error = 0;
done:
	gate_buf_dispose(&candidate);
	return error;
}

/* The short name of `ref` when it leads back to the same reference (no
 * tag or branch shadows it), else its full name. */
static int ref_display_name(char **out, gate_repo *repo, git_reference *ref, gate_error *err)
{
	const char *full = git_reference_name(ref), *name = full;
	int rc = dwim_is(repo, git_reference_shorthand(ref), full, err);

	if (rc < 0)
		return -1;
	if (rc)
		name = git_reference_shorthand(ref);
	*out = gate_strdup(name, err);
	return *out ? 0 : -1;
}

typedef struct {
	const char *merge;
	gate_buf *tracking;
	int found;
	int failed;
	gate_error *err;
} fetch_match;

static int match_fetch_refspec(const git_config_entry *entry, void *payload)
{
	fetch_match *m = payload;
	git_refspec *spec = NULL;
	git_buf out = {NULL, 0, 0};

	if (m->found || !entry->value || entry->value[0] == '^' ||
	    git_refspec_parse(&spec, entry->value, 1) < 0) {
		git_error_clear();
		return 0;
	}
	if (git_refspec_src_matches(spec, m->merge) &&
	    git_refspec_transform(&out, spec, m->merge) == 0) {
		m->found = 1;
		if (gate_buf_puts(m->tracking, out.ptr, m->err) < 0)
			m->failed = 1;
	}
	git_buf_dispose(&out);
	git_refspec_free(spec);
	return 0;
}

/*
 * The upstream of local branch `branch` as git computes it: the ref named
 * by branch.<name>.merge, mapped through the first fetch refspec of
 * branch.<name>.remote that takes it (or itself when the remote is ".").
 * *out is NULL when there is none. Done here rather than with
 * git_branch_upstream(), whose remote lookup leaks in libgit2 1.5 (a regex
 * match that does not free its PCRE2 match data; libgit2 #6382).
 */
static int branch_upstream(git_reference **out, gate_repo *repo, git_reference *branch,
			   gate_error *err)
{
	git_config *cfg = NULL;
	git_buf remote = {NULL, 0, 0}, merge = {NULL, 0, 0};
	gate_buf key = GATE_BUF_INIT(4096), tracking = GATE_BUF_INIT(4096);
	const char *name = git_reference_shorthand(branch);
	fetch_match m;
	int rc, error = -1;

	*out = NULL;
	if (git_repository_config_snapshot(&cfg, repo->git) < 0) {
		gate_error_from_git(err, GATE_ERR_REPO, "cannot read the repository configuration");
		goto done;
	}
	if (gate_buf_printf(&key, err, "branch.%s.remote", name) < 0)
		goto done;
	rc = git_config_get_string_buf(&remote, cfg, key.ptr);
	if (rc == 0) {
		gate_buf_clear(&key);
		if (gate_buf_printf(&key, err, "branch.%s.merge", name) < 0)
			goto done;
		rc = git_config_get_string_buf(&merge, cfg, key.ptr);
	}
	if (rc == GIT_ENOTFOUND || (rc == 0 && (!remote.size || !merge.size))) {
		error = 0;
		goto done;
	}
	if (rc < 0) {
		gate_repo__fail(err, GATE_ERR_REPO, "cannot read the upstream of %s", name);
		goto done;
	}
	if (strcmp(remote.ptr, ".") == 0) {
		if (gate_buf_puts(&tracking, merge.ptr, err) < 0)
			goto done;
	} else {
		m.merge = merge.ptr;
		m.tracking = &tracking;
		m.found = m.failed = 0;
		m.err = err;
		gate_buf_clear(&key);
		if (gate_buf_printf(&key, err, "remote.%s.fetch", remote.ptr) < 0)
			goto done;
		rc = git_config_get_multivar_foreach(cfg, key.ptr, NULL, match_fetch_refspec, &m);
		if (m.failed)
			goto done;
		if ((rc < 0 && rc != GIT_ENOTFOUND) || !m.found) {
			git_error_clear();
			error = 0;
			goto done;
		}
	}
	rc = git_reference_lookup(out, repo->git, tracking.ptr);
	if (rc < 0) {
		*out = NULL;
		git_error_clear();
	}
	error = 0;
done:
	git_buf_dispose(&remote);
	git_buf_dispose(&merge);
	gate_buf_dispose(&key);
	gate_buf_dispose(&tracking);
	git_config_free(cfg);
	return error;
}

int gate_repo_default_base(char **out, gate_repo *repo, gate_error *err)
{
	git_reference *head = NULL, *upstream = NULL, *origin_head = NULL;
	git_object *commit = NULL;
	int rc, error = -1;

	*out = NULL;
	rc = git_repository_head_detached(repo->git);
	if (rc < 0 && rc != GIT_EUNBORNBRANCH && rc != GIT_ENOTFOUND) {
		gate_error_from_git(err, GATE_ERR_REPO, "cannot read HEAD");
		goto done;
	}
	/* A detached HEAD has no branch and so no upstream. */
	if (rc == 0) {
		rc = git_repository_head(&head, repo->git);
		if (rc < 0 && rc != GIT_EUNBORNBRANCH && rc != GIT_ENOTFOUND) {
			gate_error_from_git(err, GATE_ERR_REPO, "cannot read HEAD");
			goto done;
		}
		if (rc == 0 && git_reference_is_branch(head) &&
		    branch_upstream(&upstream, repo, head, err) < 0)
			goto done;
	}
	git_error_clear();
	if (upstream) {
		error = ref_display_name(out, repo, upstream, err);
		goto done;
	}
	if (git_reference_lookup(&origin_head, repo->git, "refs/remotes/origin/HEAD") == 0 &&
	    git_reference_peel(&commit, origin_head, GIT_OBJECT_COMMIT) == 0) {
		/* Name the symbolic reference itself, not where it points today. */
		error = ref_display_name(out, repo, origin_head, err);
		goto done;
	}
	git_error_clear();
	gate_error_set(err, GATE_ERR_USAGE,
		       "no base revision: the current branch has no upstream and origin/HEAD "
		       "does not exist; pass --base REV (for a pull request, the target "
		       "branch, e.g. --base origin/main)");
done:
	git_object_free(commit);
	git_reference_free(origin_head);
	git_reference_free(upstream);
	git_reference_free(head);
	return error;
}

int gate_repo_read_file(gate_buf *out, gate_repo *repo, const char *commit_hex, const char *path,
			gate_error *err)
{
	git_oid oid;
	git_commit *commit = NULL;
	gate_treediff_entry entry;
	git_blob *blob = NULL;
	git_object_size_t size;
	git_filemode_t mode;
	int found, error = -1;

	if (!commit_hex || !is_hex40(commit_hex) || git_oid_fromstr(&oid, commit_hex) < 0) {
		gate_error_set(err, GATE_ERR_REPO, "invalid commit id '" GATE_REV_FMT "'",
			       commit_hex ? commit_hex : "(null)");
		goto done;
	}
	if (git_commit_lookup(&commit, repo->git, &oid) < 0) {
		gate_repo__fail(err, GATE_ERR_REPO, "cannot read commit %s", commit_hex);
		goto done;
	}
	/* Raw trees, through the walk's cache: a note or a manifest read from
	 * many commits in turn parses no tree. */
	if (gate_treediff__find(&entry, &found, repo, git_commit_tree_id(commit), path, err) < 0) {
		gate_error_prefix(err, "looking up %s in commit %.12s", path, commit_hex);
		goto done;
	}
	if (!found) {
		error = 0;
		goto done;
	}
	/* Something is there, but not a file: a symlink (whose target git
	 * would not follow in a tree), a submodule or a directory. Saying "not
	 * found" would let the caller fall back to something else (the
	 * built-in policy, no CODEOWNERS), so it is an error. */
	mode = (git_filemode_t)entry.mode;
	if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE) {
		gate_error_set(err, GATE_ERR_REPO,
			       "%s in commit %.12s is %s, not a regular file; refusing to read "
			       "or ignore it",
			       path, commit_hex,
			       mode == GIT_FILEMODE_LINK     ? "a symbolic link"
			       : mode == GIT_FILEMODE_COMMIT ? "a submodule"
			       : mode == GIT_FILEMODE_TREE   ? "a directory"
							     : "not a file");
		goto done;
	}
	if (gate_repo__blob(&blob, repo, &entry.id) < 0) {
		gate_repo__fail(err, GATE_ERR_REPO, "cannot read %s in commit %s", path,
				commit_hex);
		goto done;
	}
	size = git_blob_rawsize(blob);
	if (size > (git_object_size_t)out->max) {
		gate_error_set(err, GATE_ERR_NOMEM,
			       "%s in commit %.12s is %llu bytes, more than the limit of %zu", path,
			       commit_hex, (unsigned long long)size, out->max);
		goto done;
	}
	gate_buf_clear(out);
	if (gate_buf_put(out, git_blob_rawcontent(blob), (size_t)size, err) < 0)
		goto done;
	error = 1;
done:
	git_blob_free(blob);
	git_commit_free(commit);
	return error;
}

/* ---- shallow boundary ------------------------------------------------ */

static int oid_cmp_qsort(const void *a, const void *b)
{
	return git_oid_cmp(a, b);
}

/* Reads one shallow file into repo->shallow. A missing file is no error. */
static int read_shallow_file(gate_repo *repo, const char *dir, gate_error *err)
{
	gate_buf path = GATE_BUF_INIT(4096), text = GATE_BUF_INIT(SHALLOW_FILE_MAX);
	struct stat st;
	size_t pos = 0;
	int error = -1;

	if (gate_buf_printf(&path, err, "%s%sshallow", dir,
			    dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/") < 0)
		goto done;
	if (stat(path.ptr, &st) != 0 || st.st_size == 0) {
		error = 0;
		goto done;
	}
	if (gate_buf_read_file(&text, path.ptr, GATE_ERR_REPO, err) < 0)
		goto done;
	while (pos < text.size) {
		const char *line = text.ptr + pos;
		const char *nl = memchr(line, '\n', text.size - pos);
		size_t len = nl ? (size_t)(nl - line) : text.size - pos;

		pos += len + (nl ? 1 : 0);
		if (len == 0)
			continue;
		if (gate_array_reserve((void **)&repo->shallow, &repo->ashallow, repo->nshallow + 1,
				       sizeof(git_oid), err) < 0)
			goto done;
		if (len != GATE_OID_HEX ||
		    git_oid_fromstrn(&repo->shallow[repo->nshallow], line, len) < 0) {
			gate_error_set(err, GATE_ERR_REPO, "invalid shallow file %s", path.ptr);
			goto done;
		}
		repo->nshallow++;
	}
	error = 0;
done:
	gate_buf_dispose(&path);
	gate_buf_dispose(&text);
	return error;
}

int gate_repo_read_blob(gate_buf *out, gate_repo *repo, const char *oid_hex, size_t max,
			gate_error *err)
{
	git_oid oid;
	git_odb *odb = NULL;
	git_blob *blob = NULL;
	git_object_t type;
	size_t size;
	int error;

	if (!oid_hex || !is_hex40(oid_hex) || git_oid_fromstr(&oid, oid_hex) < 0)
		return gate_error_set(err, GATE_ERR_REPO, "invalid blob id '" GATE_REV_FMT "'",
				      oid_hex ? oid_hex : "(null)");
	/* The size from the object's header first: a blob too large for the
	 * caller is never inflated. */
	if (git_repository_odb(&odb, repo->git) < 0)
		return gate_repo__fail(err, GATE_ERR_REPO, "cannot open the object database");
	error = git_odb_read_header(&size, &type, odb, &oid);
	git_odb_free(odb);
	if (error < 0 || type != GIT_OBJECT_BLOB)
		return gate_repo__fail(err, GATE_ERR_REPO, "cannot read blob %s", oid_hex);
	if (size > max)
		return 1;
	if (gate_repo__blob(&blob, repo, &oid) < 0)
		return gate_repo__fail(err, GATE_ERR_REPO, "cannot read blob %s", oid_hex);
	error = gate_buf_put(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob), err);
	git_blob_free(blob);
	return error < 0 ? -1 : 0;
}

int gate_repo_remote_url(char **out, gate_repo *repo, const char *name, gate_error *err)
{
	git_config *cfg = NULL;
	git_buf url = GIT_BUF_INIT;
	char key[256];
	int rc, error = 0;

	*out = NULL;
	/* From the configuration: looking the remote up would also parse its
	 * refspecs and rewrite rules, which is not needed here. */
	if ((size_t)snprintf(key, sizeof(key), "remote.%s.url", name) >= sizeof(key))
		return 0;
	if (git_repository_config_snapshot(&cfg, repo->git) < 0)
		return gate_repo__fail(err, GATE_ERR_REPO,
				       "cannot read the repository's configuration");
	rc = git_config_get_string_buf(&url, cfg, key);
	if (rc == GIT_ENOTFOUND) {
		git_error_clear();
	} else if (rc < 0) {
		error = gate_repo__fail(err, GATE_ERR_REPO, "cannot read %s", key);
	} else if (!(*out = strdup(url.ptr ? url.ptr : ""))) {
		error = gate_error_set(err, GATE_ERR_NOMEM, "out of memory");
	}
	git_buf_dispose(&url);
	git_config_free(cfg);
	return error;
}

/*
 * Loads the list of shallow boundary commits once. libgit2 1.5 has no API
 * for it; git keeps it in $GIT_COMMON_DIR/shallow.
 */
int gate_repo__load_shallow(gate_repo *repo, gate_error *err)
{
	const char *common = git_repository_commondir(repo->git);
	const char *gitdir = git_repository_path(repo->git);

	if (repo->shallow_loaded)
		return 0;
	if (common && read_shallow_file(repo, common, err) < 0)
		return -1;
	if (repo->nshallow == 0 && gitdir && (!common || strcmp(common, gitdir) != 0) &&
	    read_shallow_file(repo, gitdir, err) < 0)
		return -1;
	if (repo->nshallow > 1)
		qsort(repo->shallow, repo->nshallow, sizeof(git_oid), oid_cmp_qsort);
	repo->shallow_loaded = 1;
	return 0;
}

int gate_repo__is_shallow(const gate_repo *repo, const git_oid *oid)
{
	return repo->nshallow &&
	       bsearch(oid, repo->shallow, repo->nshallow, sizeof(git_oid), oid_cmp_qsort) != NULL;
}

git_repository *gate_repo_git(gate_repo *repo)
{
	return repo->git;
}
