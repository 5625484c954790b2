/*
 * Per-commit facts for provenance: the paths a commit touched and its notes
 * (see include/riskgate/history.h).
 */
#include "riskgate/banned.h"

#include "riskgate/history.h"

#include <pthread.h>
#ifdef __GLIBC__
#endif
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "repo_internal.h"
#include "riskgate/classify.h"
#include "treediff.h"

typedef struct {
	gate_path_cb cb;
	void *payload;
} touch;

static int on_path(const char *path, size_t len, const gate_treediff_entry *first,
		   const gate_treediff_entry *entry, void *payload)
{
	touch *t = payload;

	(void)first;
	/* The walk reports files only: `entry`, the commit's, is never a
	 * directory (a file that became one is reported without one). */
	return t->cb(path, len, entry ? entry->id.id : NULL, t->payload);
}

int gate_history_touched(gate_repo *repo, const gate_commit *commit, gate_path_cb cb, void *payload,
			 gate_error *err)
{
	git_repository *git = gate_repo_git(repo);
	git_commit *c = NULL, **parents = NULL;
	const git_oid **ptrees = NULL;
	unsigned np = 0, p;
	git_oid oid;
	touch t;
	int error = -1;

	if (git_oid_fromstr(&oid, commit->sha) < 0 || git_commit_lookup(&c, git, &oid) < 0) {
		gate_error_from_git(err, GATE_ERR_REPO, "reading a commit of the change");
		goto done;
	}
	/* A shallow boundary commit reads as parentless; it is then compared to
	 * the empty tree, which over-reports and so never under-enforces. Only
	 * tree ids are needed: the walk reads the trees raw. */
	np = git_commit_parentcount(c);
	if (np && ((parents = gate_calloc(np, sizeof(*parents), err)) == NULL ||
		   (ptrees = gate_calloc(np, sizeof(*ptrees), err)) == NULL))
		goto done;
	for (p = 0; p < np; p++) {
		if (git_commit_parent(&parents[p], c, p) < 0) {
			gate_error_from_git(err, GATE_ERR_REPO, "reading a parent commit");
			goto done;
		}
		ptrees[p] = git_commit_tree_id(parents[p]);
	}
	/* For a merge, a path counts when every parent's diff has it: git's
	 * combined diff, walked once against all parents. */
	t.cb = cb;
	t.payload = payload;
	error = gate_treediff_combined(repo, ptrees, np, git_commit_tree_id(c), on_path, &t, err);
done:
	for (p = 0; parents && p < np; p++)
		git_commit_free(parents[p]);
	free(parents);
	free((void *)ptrees);
	git_commit_free(c);
	return error;
}

int gate_history_note(gate_buf *out, gate_repo *repo, const char *notes_ref, const char *sha,
		      gate_error *err)
{
	git_note *note = NULL;
	git_commit *notes;
	git_blob *blob = NULL;
	git_object_size_t size;
	git_oid oid;
	int rc, error = -1;

	gate_buf_clear(out);
	if (!notes_ref || !notes_ref[0])
		return 0;
	if (git_oid_fromstr(&oid, sha) < 0)
		return gate_error_set(err, GATE_ERR_INTERNAL, "invalid commit id %s", sha);
	if ((rc = gate_repo__notes_commit(&notes, repo, notes_ref, err)) <= 0)
		return rc;
	rc = git_note_commit_read(&note, gate_repo_git(repo), notes, &oid);
	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc < 0)
		return gate_error_from_git(err, GATE_ERR_REPO, "reading notes");
	/* The blob, not git_note_message(): that one stops at a NUL byte. */
	if (git_blob_lookup(&blob, gate_repo_git(repo), git_note_id(note)) < 0) {
		gate_error_from_git(err, GATE_ERR_REPO, "reading a note");
		goto done;
	}
	size = git_blob_rawsize(blob);
	if (size > (git_object_size_t)out->max) {
		gate_error_set(err, GATE_ERR_INPUT,
			       "the note is %llu bytes, more than the %zu accepted",
			       (unsigned long long)size, out->max);
		goto done;
	}
	if (gate_buf_put(out, git_blob_rawcontent(blob), (size_t)size, err) < 0)
		goto done;
	error = 1;
done:
	git_blob_free(blob);
	git_note_free(note);
	return error;
}

/*
 * The read-ahead. The second thread owns everything below `done` until it
 * is joined; the first thread reads it only after pthread_join, and shares
 * only `cancel` with it while it runs.
 */
struct gate_history_prefetch {
	pthread_t thread;
	int running; /* started and not joined */
	atomic_int cancel;
	atomic_int finished; /* the second thread has nothing left to do */
	gate_repo *repo;     /* the second thread's own handle */
	const gate_commit *commits;
	size_t ncommits;
	size_t *by_sha; /* indices of `commits`, sorted by id */
	/* Written by the second thread: */
	/* Each path as its length (a size_t), its bytes, whether the commit
	 * has a file there (a byte) and its id (GIT_OID_RAWSZ bytes). */
	gate_buf paths;
	size_t *start; /* commit c's paths: paths.ptr[start[c] .. start[c + 1]) */
	/* A merge's paths against its first parent, for
	 * gate_history_merge_tiers: each as its length (a size_t), its bytes,
	 * whether the merge has it (a byte) and its id (GIT_OID_RAWSZ bytes);
	 * merge c's at fp_paths.ptr[fp_start[c] .. fp_end[c]) when fp_known[c]
	 * (0: not read ahead, e.g. on an error, which the first thread then
	 * meets itself). */
	gate_buf fp_paths;
	size_t *fp_start, *fp_end;
	unsigned char *fp_known;
	size_t done; /* commits read */
	int rc;      /* 0, or -1 with `err` */
	gate_error err;
};

static const char no_id[GIT_OID_RAWSZ];

static int prefetch_collect(const char *path, size_t len, const unsigned char *id, void *payload)
{
	gate_history_prefetch *pf = payload;
	char has = id != NULL;

	return gate_buf_put(&pf->paths, (const char *)&len, sizeof(len), &pf->err) < 0 ||
		       gate_buf_put(&pf->paths, path, len, &pf->err) < 0 ||
		       gate_buf_put(&pf->paths, &has, 1, &pf->err) < 0 ||
		       gate_buf_put(&pf->paths, id ? (const char *)id : no_id, GIT_OID_RAWSZ,
				    &pf->err) < 0
		   ? -1
		   : 0;
}

static int prefetch_collect_fp(const char *path, size_t len, const gate_treediff_entry *first,
			       const gate_treediff_entry *entry, void *payload)
{
	gate_history_prefetch *pf = payload;
	gate_buf *b = &pf->fp_paths;
	char has = entry != NULL;

	(void)first;
	return gate_buf_put(b, (const char *)&len, sizeof(len), &pf->err) < 0 ||
		       gate_buf_put(b, path, len, &pf->err) < 0 ||
		       gate_buf_put(b, &has, 1, &pf->err) < 0 ||
		       gate_buf_put(b, entry ? (const char *)entry->id.id : no_id, GIT_OID_RAWSZ,
				    &pf->err) < 0
		   ? -1
		   : 0;
}

/* Merge c's paths against its first parent, the way
 * gate_history_merge_tiers compares them; a failure leaves them to it. */
static void prefetch_first_parent(gate_history_prefetch *pf, size_t c, const git_oid *p1_tree,
				  const git_oid *tree)
{
	gate_error saved = pf->err;
	size_t at = pf->fp_paths.size;

	if (gate_treediff(pf->repo, p1_tree, tree, prefetch_collect_fp, pf, &pf->err) != 0) {
		gate_buf_truncate(&pf->fp_paths, at);
		pf->err = saved;
		return;
	}
	pf->fp_start[c] = at;
	pf->fp_end[c] = pf->fp_paths.size;
	pf->fp_known[c] = 1;
}

static const gate_commit *sort_base;

static int by_sha_cmp(const void *a, const void *b)
{
	return strcmp(sort_base[*(const size_t *)a].sha, sort_base[*(const size_t *)b].sha);
}

/* The commit of the change with id `sha`, or NULL. */
static const gate_commit *prefetch_find(const gate_history_prefetch *pf, const char *sha)
{
	size_t lo = 0, hi = pf->ncommits;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(pf->commits[pf->by_sha[mid]].sha, sha);

		if (c == 0)
			return &pf->commits[pf->by_sha[mid]];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/*
 * gate_history_touched for commit `c`, with the tree ids the change read
 * (gate_commit.tree) instead of reading every commit and its parents again:
 * only a parent outside the change is read.
 */
static int prefetch_one(gate_history_prefetch *pf, const gate_commit *commit)
{
	git_repository *git = gate_repo_git(pf->repo);
	git_oid tree, *ids = NULL;
	const git_oid **ptrees = NULL;
	size_t p, np = commit->nparents;
	touch t;
	int error = -1;

	if (!commit->tree[0] || git_oid_fromstr(&tree, commit->tree) < 0)
		return gate_history_touched(pf->repo, commit, prefetch_collect, pf, &pf->err);
	if (np && ((ids = gate_calloc(np, sizeof(*ids), &pf->err)) == NULL ||
		   (ptrees = gate_calloc(np, sizeof(*ptrees), &pf->err)) == NULL))
		goto done;
	for (p = 0; p < np; p++) {
		const gate_commit *in = prefetch_find(pf, commit->parents[p]);
		git_commit *parent = NULL;
		git_oid oid;

		if (in && in->tree[0] && git_oid_fromstr(&ids[p], in->tree) == 0) {
			ptrees[p] = &ids[p];
			continue;
		}
		if (git_oid_fromstr(&oid, commit->parents[p]) < 0 ||
		    git_commit_lookup(&parent, git, &oid) < 0) {
			gate_error_from_git(&pf->err, GATE_ERR_REPO, "reading a parent commit");
			goto done;
		}
		git_oid_cpy(&ids[p], git_commit_tree_id(parent));
		git_commit_free(parent);
		ptrees[p] = &ids[p];
	}
	t.cb = prefetch_collect;
	t.payload = pf;
	error = gate_treediff_combined(pf->repo, ptrees, np, &tree, on_path, &t, &pf->err);
	if (error == 0 && np >= 2)
		prefetch_first_parent(pf, (size_t)(commit - pf->commits), ptrees[0], &tree);
done:
	free(ids);
	free((void *)ptrees);
	return error;
}

static void *prefetch_run(void *arg)
{
	gate_history_prefetch *pf = arg;
	size_t c;

	for (c = 0; c < pf->ncommits; c++) {
		if (atomic_load(&pf->cancel) || gate_repo__expired(pf->repo, &pf->err) < 0) {
			pf->rc = -1;
			break;
		}
		pf->start[c] = pf->paths.size;
		if (prefetch_one(pf, &pf->commits[c]) != 0) {
			pf->rc = -1;
			break;
		}
		pf->start[c + 1] = pf->paths.size;
		pf->done = c + 1;
	}
	/* The walk is over: its trees need not stay through the checks. */
	gate_repo__drop_trees(pf->repo);
	/* A stop asked for by the first thread is not an error of the read. */
	if (pf->rc < 0 && atomic_load(&pf->cancel) && pf->err.klass == GATE_ERR_NONE)
		gate_error_set(&pf->err, GATE_ERR_INTERNAL,
			       "the per-commit comparison was stopped");
	atomic_store(&pf->finished, 1);
	return NULL;
}

int gate_history_prefetch_busy(const gate_history_prefetch *pf)
{
	return pf && pf->running && !atomic_load(&pf->finished);
}

int gate_history_prefetch_start(gate_history_prefetch **out, gate_repo *repo,
				const gate_commit *commits, size_t ncommits, gate_error *err)
{
	gate_history_prefetch *pf;
	size_t c;

	*out = NULL;
	if (ncommits < GATE_HISTORY_PREFETCH_MIN || !gate_repo__threads_wanted())
		return 0;
	if ((pf = gate_calloc(1, sizeof(*pf), err)) == NULL)
		return -1;
	atomic_init(&pf->cancel, 0);
	atomic_init(&pf->finished, 0);
	pf->commits = commits;
	pf->ncommits = ncommits;
	gate_buf_init(&pf->paths, SIZE_MAX);
	gate_buf_init(&pf->fp_paths, SIZE_MAX);
	gate_error_init(&pf->err);
	if ((pf->start = gate_calloc(ncommits + 1, sizeof(*pf->start), err)) == NULL ||
	    (pf->fp_start = gate_calloc(ncommits, sizeof(*pf->fp_start), err)) == NULL ||
	    (pf->fp_end = gate_calloc(ncommits, sizeof(*pf->fp_end), err)) == NULL ||
	    (pf->fp_known = gate_calloc(ncommits, 1, err)) == NULL ||
	    (pf->by_sha = gate_calloc(ncommits, sizeof(*pf->by_sha), err)) == NULL ||
	    gate_repo_open(&pf->repo, repo->dir, err) < 0) {
		gate_history_prefetch_free(pf);
		return -1;
	}
	for (c = 0; c < ncommits; c++)
		pf->by_sha[c] = c;
	sort_base = commits;
	qsort(pf->by_sha, ncommits, sizeof(*pf->by_sha), by_sha_cmp);
	sort_base = NULL;
	gate_repo_set_expiry(pf->repo, repo->expired, repo->expired_payload);
	if (gate_repo__thread_start(&pf->thread, prefetch_run, pf) < 0) {
		/* No thread: the commits are compared when asked. */
		gate_history_prefetch_free(pf);
		return 0;
	}
	pf->running = 1;
	*out = pf;
	return 0;
}

static void prefetch_join(gate_history_prefetch *pf)
{
	if (!pf->running)
		return;
	pthread_join(pf->thread, NULL);
	pf->running = 0;
}

int gate_history_touched_at(const gate_change *change, size_t c, gate_repo *repo, gate_path_cb cb,
			    void *payload, gate_error *err)
{
	gate_history_prefetch *pf = change->touched;
	size_t off, len;
	int rc;

	if (!pf)
		return gate_history_touched(repo, &change->commits[c], cb, payload, err);
	prefetch_join(pf);
	if (c >= pf->done) {
		/* The read stopped before this commit: its error is the answer. */
		*err = pf->err;
		return -1;
	}
	for (off = pf->start[c]; off < pf->start[c + 1]; off += len + 1 + GIT_OID_RAWSZ) {
		const char *path;

		memcpy(&len, pf->paths.ptr + off, sizeof(len));
		off += sizeof(len);
		path = pf->paths.ptr + off;
		if ((rc = cb(path, len, path[len] ? (const unsigned char *)path + len + 1 : NULL,
			     payload)) != 0)
			return rc;
	}
	return 0;
}

void gate_history_prefetch_free(gate_history_prefetch *pf)
{
	if (!pf)
		return;
	atomic_store(&pf->cancel, 1);
	prefetch_join(pf);
	gate_repo_free(pf->repo);
	gate_buf_dispose(&pf->paths);
	gate_buf_dispose(&pf->fp_paths);
	free(pf->fp_start);
	free(pf->fp_end);
	free(pf->fp_known);
	free(pf->start);
	free(pf->by_sha);
	free(pf);
}

/* Which tiers one commit touches, for gate_history_tiers_at. */
typedef struct {
	gate_policy *policy;
	unsigned char *tiers;
	const gate_change *change;
	size_t commit;
	gate_touch_log *log;
	gate_error *err;
} touch_ctx;

static int on_touched(const char *path, size_t len, const unsigned char *id, void *payload)
{
	touch_ctx *t = payload;
	gate_class cls;
	size_t f;

	if (gate_classify_path(&cls, t->policy, path, len, t->err) < 0)
		return -1;
	t->tiers[cls.tier] = 1;
	if (t->log && (f = gate_change_file_index(t->change, path, len)) != SIZE_MAX &&
	    (!t->log->want || t->log->want[f] != SIZE_MAX)) {
		if (gate_array_reserve((void **)&t->log->items, &t->log->alloc, t->log->count + 1,
				       sizeof(*t->log->items), t->err) < 0)
			return -1;
		memset(&t->log->items[t->log->count], 0, sizeof(t->log->items[0]));
		t->log->items[t->log->count].commit = t->commit;
		t->log->items[t->log->count].file = f;
		t->log->items[t->log->count].present = id != NULL;
		if (id)
			memcpy(t->log->items[t->log->count].id, id, sizeof(t->log->items[0].id));
		t->log->count++;
	}
	return 0;
}

int gate_history_tiers_at(unsigned char *tiers, const gate_change *change, size_t c,
			  gate_repo *repo, gate_policy *policy, gate_touch_log *log,
			  gate_error *err)
{
	touch_ctx t;
	int rc;

	t.policy = policy;
	t.tiers = tiers;
	t.change = change;
	t.commit = c;
	t.log = log;
	t.err = err;
	rc = gate_history_touched_at(change, c, repo, on_touched, &t, err);
	return rc != 0 ? -1 : 0;
}

/* The first entry of the (sorted) log for file `fi`. */
static size_t first_touch(const gate_touch_log *log, size_t fi)
{
	size_t lo = 0, hi = log->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (log->items[mid].file < fi)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int by_file(const void *a, const void *b)
{
	const gate_touch *x = a, *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->commit < y->commit ? -1 : x->commit > y->commit;
}

/* One merge against its first parent, for gate_history_merge_tiers. */
typedef struct {
	unsigned char *tiers; /* the merge's row of commit_tiers */
	size_t self;          /* the merge's index */
	const size_t *file_tier;
	const gate_change *change;
	const gate_touch_log *log;
} merge_ctx;

static int on_merge_path(const char *path, size_t len, const gate_treediff_entry *first,
			 const gate_treediff_entry *entry, void *payload)
{
	merge_ctx *m = payload;
	const gate_file *f;
	char hex[GATE_OID_HEX + 1];
	size_t fi, i;

	(void)first;
	if ((fi = gate_change_file_index(m->change, path, len)) == SIZE_MAX ||
	    m->file_tier[fi] == SIZE_MAX)
		return 0; /* not a file of the change (it ends as the base has it), or
			     of a tier no commit is judged for */
	f = &m->change->files[fi];
	/* The base's version again (merging the target branch in): nothing
	 * that is not on the target already. */
	if (entry) {
		git_oid_tostr(hex, sizeof(hex), &entry->id);
		if (f->old_mode && strcmp(hex, f->old_oid) == 0)
			return 0;
	} else if (!f->old_mode) {
		return 0;
	}
	/* A version another commit of the change made (a merge's own
	 * resolution too), which is judged itself: each touch records the
	 * version its commit has. The log is sorted by file. */
	for (i = first_touch(m->log, fi); i < m->log->count && m->log->items[i].file == fi; i++) {
		const gate_touch *t = &m->log->items[i];

		if (t->commit == m->self)
			continue;
		if (entry ? t->present && memcmp(t->id, entry->id.id, sizeof(t->id)) == 0
			  : !t->present)
			return 0;
	}
	m->tiers[m->file_tier[fi]] = 1;
	return 0;
}

/* Merge c's paths against its first parent from the read-ahead, through
 * on_merge_path: 1 with *error set when it had them, else 0. */
static int replay_first_parent(int *error, gate_history_prefetch *pf, size_t c, merge_ctx *m)
{
	gate_treediff_entry e;
	size_t off, len;
	char has;

	if (!pf)
		return 0;
	prefetch_join(pf);
	if (c >= pf->done || !pf->fp_known[c])
		return 0;
	memset(&e, 0, sizeof(e));
	*error = 0;
	for (off = pf->fp_start[c]; off < pf->fp_end[c] && !*error;
	     off += len + 1 + GIT_OID_RAWSZ) {
		const char *path;

		memcpy(&len, pf->fp_paths.ptr + off, sizeof(len));
		off += sizeof(len);
		path = pf->fp_paths.ptr + off;
		has = path[len];
		memcpy(e.id.id, path + len + 1, GIT_OID_RAWSZ);
		*error = on_merge_path(path, len, NULL, has ? &e : NULL, m) != 0 ? -1 : 0;
	}
	return 1;
}

int gate_history_merge_tiers(unsigned char *commit_tiers, size_t ntiers, const size_t *file_tier,
			     const gate_change *change, gate_repo *repo, gate_touch_log *log,
			     gate_error *err)
{
	git_repository *git = gate_repo_git(repo);
	size_t c;
	int error = 0;

	if (log->count)
		qsort(log->items, log->count, sizeof(*log->items), by_file);

	for (c = 0; c < change->ncommits && !error; c++) {
		const gate_commit *commit = &change->commits[c];
		git_commit *mc = NULL, *p1 = NULL;
		git_oid oid;
		merge_ctx m;

		if (commit->nparents < 2)
			continue;
		m.tiers = commit_tiers + c * ntiers;
		m.self = c;
		m.file_tier = file_tier;
		m.change = change;
		m.log = log;
		if (replay_first_parent(&error, change->touched, c, &m))
			continue;
		if (git_oid_fromstr(&oid, commit->sha) < 0 ||
		    git_commit_lookup(&mc, git, &oid) < 0 || git_commit_parent(&p1, mc, 0) < 0) {
			error = gate_error_from_git(err, GATE_ERR_REPO,
						    "reading a merge of the change");
		} else {
			error = gate_treediff(repo, git_commit_tree_id(p1), git_commit_tree_id(mc),
					      on_merge_path, &m, err) != 0
				    ? -1
				    : 0;
		}
		git_commit_free(p1);
		git_commit_free(mc);
	}
	return error;
}
