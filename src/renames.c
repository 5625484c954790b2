/*
 * The files of a change as `git diff -M -C` lists them: the raw tree diff,
 * then git's rename and copy detection (exact matches first, then inexact
 * ones by git's similarity score) and git's statuses for what it pairs.
 */
#include "riskgate/banned.h"

#include "renames.h"

#include "riskgate/change.h"
#include "riskgate/history.h"
#include "riskgate/scan.h"
#include "diffstat.h"
#include "repo_internal.h"
#include "treediff.h"

#include <git2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/*
 * Why this module does not use git_diff_find_similar(): libgit2 1.5
 * disagrees with git on what a change is, and the gate promises git's
 * answer. Its rename detection scores similarity with a different metric,
 * breaks ties differently, renames one deleted file to several targets,
 * splits a typechange into an add plus a rename, never pairs symlinks or
 * submodules, and counts no lines for typechanges. So the raw tree diff
 * comes from libgit2 (treediff.c), and rename scoring is written here to
 * give git 2.39's answers (checked against git itself by
 * tests/unit/test_change.c).
 */

/* git's fixed-point similarity scale (diffcore.h). */
#define MAX_SCORE 60000

/* git's core.bigFileThreshold default: bigger blobs are binary and are not
 * compared for similarity. */
#define BIG_FILE_THRESHOLD GATE_SCAN_BIG_FILE_THRESHOLD

/* Candidate sources kept per rename destination (diffcore-rename.c). */
#define NUM_CANDIDATE_PER_DST 4

/* The span hashes of diffcore-delta.c live in [0, HASHBASE). */
#define SPAN_HASHBASE 107927u

/* One raw change (git's diff_filepair), sorted by path like git's queue. */
typedef struct {
	gate_fspec one, two;
	/* git's rename_used of `one`: the destinations that took it, plus one
	 * when the path stays (a modified source under -C). */
	int used;
	long src;  /* a destination's source pair, or -1 */
	int score; /* with `src`: similarity, 0..MAX_SCORE */
	int keep;  /* reported in the change */
} fpair;

/* A candidate pairing (git's diff_score); `pos` makes the sort stable. */
typedef struct {
	long src;
	long dst;
	int score;
	int name_score;
	size_t pos;
} dscore;

/* Sources in object id order, for exact matches. */
typedef struct {
	git_oid oid;
	size_t pair;
	size_t pos;
} src_key;

typedef struct {
	gate_repo *repo;
	git_odb *odb;
	fpair *pairs;
	size_t npairs;
	size_t *srcs, nsrcs;
	size_t *dsts, ndsts;
	size_t apairs;
	gate_error *err;  /* for the tree comparison's callback */
	uint32_t *counts; /* SPAN_HASHBASE scratch counters, kept zeroed */
	uint32_t *touched;
	size_t ntouched, atouched;
	/* Modified sources left out of copy detection (gate_change's). */
	size_t copies_limited;
} rename_ctx;

static int u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int span_add(rename_ctx *rc, uint32_t hashval, unsigned int n, gate_error *err)
{
	if (!rc->counts[hashval]) {
		if (gate_array_reserve((void **)&rc->touched, &rc->atouched, rc->ntouched + 1,
				       sizeof(uint32_t), err) < 0)
			return -1;
		rc->touched[rc->ntouched++] = hashval;
	}
	rc->counts[hashval] += n;
	return 0;
}

/* diffcore-delta.c hash_chars(): cuts the blob into chunks that end at a
 * newline or after 64 bytes, and sums chunk lengths per chunk hash. A CR
 * before LF does not count in text. */
static int fspec_sig(rename_ctx *rc, gate_fspec *f, gate_error *err)
{
	git_blob *blob = NULL;
	const unsigned char *buf;
	size_t size, i;
	uint32_t accum1 = 0, accum2 = 0;
	unsigned int n = 0;
	int is_text, error = -1;
	char hex[GATE_OID_HEX + 1];

	if (f->have_sig)
		return 0;
	rc->ntouched = 0;
	if (gate_repo__blob(&blob, rc->repo, &f->oid) < 0) {
		gate_repo__oid_hex(hex, &f->oid);
		gate_repo__fail(err, GATE_ERR_REPO, "cannot read blob %s", hex);
		goto done;
	}
	buf = git_blob_rawcontent(blob);
	size = (size_t)git_blob_rawsize(blob);
	is_text = !gate_scan_is_binary(buf, size, size);
	while (size) {
		uint32_t c = *buf++;
		uint32_t old_1 = accum1;

		size--;
		/* Ignore CR in CRLF sequence if text. */
		if (is_text && c == '\r' && size && *buf == '\n')
			continue;
		accum1 = (accum1 << 7) ^ (accum2 >> 25);
		accum2 = (accum2 << 7) ^ (old_1 >> 25);
		accum1 += c;
		if (++n < 64 && c != '\n')
			continue;
		if (span_add(rc, (accum1 + accum2 * 0x61u) % SPAN_HASHBASE, n, err) < 0)
			goto done;
		n = 0;
		accum1 = accum2 = 0;
	}
	/* NEEDSWORK: git 2.39, the git of our platform, drops a last chunk
	 * that has no newline; git 2.44 counts it ("diffcore-delta: avoid
	 * ignoring final 'line' of file"). Follow the git that users run:
	 * with 2.44 or later, add that chunk here. */
	if (rc->ntouched > 1)
		qsort(rc->touched, rc->ntouched, sizeof(uint32_t), u32_cmp);
	if ((f->sig.v = gate_calloc(rc->ntouched, sizeof(gate_span), err)) == NULL)
		goto done;
	for (i = 0; i < rc->ntouched; i++) {
		f->sig.v[i].hashval = rc->touched[i];
		f->sig.v[i].cnt = rc->counts[rc->touched[i]];
	}
	f->sig.n = rc->ntouched;
	f->have_sig = 1;
	error = 0;
done:
	for (i = 0; i < rc->ntouched; i++)
		rc->counts[rc->touched[i]] = 0;
	rc->ntouched = 0;
	git_blob_free(blob);
	return error;
}

/* diffcore_count_changes(): the bytes of `s` that survive in `d`. */
static uint64_t src_copied(const gate_span_sig *s, const gate_span_sig *d)
{
	size_t i, j = 0;
	uint64_t sc = 0;

	for (i = 0; i < s->n; i++) {
		uint32_t src_cnt = s->v[i].cnt, dst_cnt = 0;

		while (j < d->n && d->v[j].hashval < s->v[i].hashval)
			j++;
		if (j < d->n && d->v[j].hashval == s->v[i].hashval)
			dst_cnt = d->v[j++].cnt;
		sc += src_cnt < dst_cnt ? src_cnt : dst_cnt;
	}
	return sc;
}

/* estimate_similarity(): 0..MAX_SCORE, how much of `dst` comes from `src`. */
static int estimate_similarity(int *out, rename_ctx *rc, gate_fspec *src, gate_fspec *dst,
			       int minimum_score, gate_error *err)
{
	uint64_t max_size, base_size, delta_size;

	*out = 0;
	/* Regular files only: symlinks pair only when they are identical. */
	if (!GATE_MODE_IS_REG(src->mode) || !GATE_MODE_IS_REG(dst->mode))
		return 0;
	if (gate_diffstat__blob_size(src, rc->odb, err) < 0 ||
	    gate_diffstat__blob_size(dst, rc->odb, err) < 0)
		return -1;
	max_size = src->size > dst->size ? src->size : dst->size;
	base_size = src->size < dst->size ? src->size : dst->size;
	delta_size = max_size - base_size;
	/* Edits that change the size this much cannot reach the minimum. */
	if (max_size * (uint64_t)(MAX_SCORE - minimum_score) < delta_size * (uint64_t)MAX_SCORE)
		return 0;
	/* NEEDSWORK: git still compares blobs above its big file threshold;
	 * a gate does not load half a gigabyte to name a rename. */
	if (max_size > BIG_FILE_THRESHOLD)
		return 0;
	if (fspec_sig(rc, src, err) < 0 || fspec_sig(rc, dst, err) < 0)
		return -1;
	if (!dst->size)
		return 0;
	*out = (int)(src_copied(&src->sig, &dst->sig) * MAX_SCORE / max_size);
	return 0;
}

/* basename_same(): whether the last path components are equal. */
static int basename_same(const char *a, const char *b)
{
	size_t al = strlen(a), bl = strlen(b);

	while (al && bl) {
		char c1 = a[--al];
		char c2 = b[--bl];

		if (c1 != c2)
			return 0;
		if (c1 == '/')
			return 1;
	}
	return (!al || a[al - 1] == '/') && (!bl || b[bl - 1] == '/');
}

static int score_compare(const dscore *a, const dscore *b)
{
	/* Sink the unused ones to the bottom. */
	if (a->dst < 0)
		return 0 <= b->dst;
	else if (b->dst < 0)
		return -1;
	if (a->score == b->score)
		return b->name_score - a->name_score;
	return b->score - a->score;
}

/* git sorts the candidates with a stable sort. */
static int score_compare_stable(const void *a, const void *b)
{
	const dscore *x = a, *y = b;
	int c = score_compare(x, y);

	if (c)
		return c;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Keeps the NUM_CANDIDATE_PER_DST best candidates of one destination. */
static void record_if_better(dscore m[NUM_CANDIDATE_PER_DST], const dscore *o)
{
	int i, worst = 0;

	for (i = 1; i < NUM_CANDIDATE_PER_DST; i++)
		if (score_compare(&m[i], &m[worst]) > 0)
			worst = i;
	if (score_compare(&m[worst], o) > 0)
		m[worst] = *o;
}

static void record_rename_pair(rename_ctx *rc, size_t dst, size_t src, int score)
{
	rc->pairs[src].used++;
	rc->pairs[dst].src = (long)src;
	rc->pairs[dst].score = score;
}

static int src_key_cmp(const void *a, const void *b)
{
	const src_key *x = a, *y = b;
	int c = git_oid_cmp(&x->oid, &y->oid);

	if (c)
		return c;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* find_identical_files(): an identical source for destination `d`,
 * preferring one not used yet and one with the same file name. */
static void find_identical(rename_ctx *rc, const src_key *keys, size_t d)
{
	const gate_fspec *t = &rc->pairs[d].two;
	size_t lo = 0, hi = rc->nsrcs, k;
	long best = -1;
	int best_score = -1, budget = 100;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (git_oid_cmp(&keys[mid].oid, &t->oid) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < rc->nsrcs && git_oid_equal(&keys[k].oid, &t->oid); k++) {
		const fpair *s = &rc->pairs[keys[k].pair];
		int score;

		/* Non-regular files must match modes too. */
		if ((!GATE_MODE_IS_REG(s->one.mode) || !GATE_MODE_IS_REG(t->mode)) &&
		    s->one.mode != t->mode)
			continue;
		score = !s->used + basename_same(s->one.path, t->path);
		if (score > best_score) {
			best = (long)keys[k].pair;
			best_score = score;
			if (score == 2)
				break;
		}
		/* Too many identical alternatives? Pick one. */
		if (!--budget)
			break;
	}
	if (best >= 0)
		record_rename_pair(rc, d, (size_t)best, MAX_SCORE);
}

static void find_renames(rename_ctx *rc, const dscore *mx, size_t n, int minimum_score, int copies)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (mx[i].dst < 0 || mx[i].score < minimum_score)
			break;
		if (rc->pairs[mx[i].dst].src >= 0)
			continue;
		if (!copies && rc->pairs[mx[i].src].used)
			continue;
		record_rename_pair(rc, (size_t)mx[i].dst, (size_t)mx[i].src, mx[i].score);
	}
}

/*
 * diffcore_rename() with copies (-C, not --find-copies-harder): pairs every
 * added path with an identical source, else with its most similar deleted
 * file (a rename), else with its most similar deleted, modified or
 * typechanged file (a copy).
 */
static int detect_renames(rename_ctx *rc, gate_error *err)
{
	const int minimum_score = GATE_RENAME_THRESHOLD * MAX_SCORE / 100;
	src_key *keys = NULL;
	dscore *mx = NULL;
	size_t i, j, left = 0, dst_cnt = 0, nmx;
	int error = -1;

	if ((rc->srcs = gate_calloc(rc->npairs, sizeof(size_t), err)) == NULL ||
	    (rc->dsts = gate_calloc(rc->npairs, sizeof(size_t), err)) == NULL)
		goto done;
	for (i = 0; i < rc->npairs; i++) {
		fpair *p = &rc->pairs[i];

		if (!p->one.mode) {
			rc->dsts[rc->ndsts++] = i;
		} else {
			/* A path that stays is a source for copies only. */
			p->used = p->two.mode ? 1 : 0;
			rc->srcs[rc->nsrcs++] = i;
		}
	}
	if (!rc->ndsts || !rc->nsrcs) {
		error = 0;
		goto done;
	}

	if ((keys = gate_calloc(rc->nsrcs, sizeof(*keys), err)) == NULL)
		goto done;
	for (j = 0; j < rc->nsrcs; j++) {
		git_oid_cpy(&keys[j].oid, &rc->pairs[rc->srcs[j]].one.oid);
		keys[j].pair = rc->srcs[j];
		keys[j].pos = j;
	}
	qsort(keys, rc->nsrcs, sizeof(*keys), src_key_cmp);
	for (i = 0; i < rc->ndsts; i++) {
		find_identical(rc, keys, rc->dsts[i]);
		if (rc->pairs[rc->dsts[i]].src < 0)
			left++;
	}
	if (!left) {
		error = 0;
		goto done;
	}
	/* git gives up inexact detection past diff.renameLimit squared, so a
	 * renamed-and-edited file in a large change would be an addition plus
	 * a deletion, judged by its new path only. The gate never gives up on
	 * renames: past the limit only the copies from paths that stay (the
	 * modified sources of -C) are left out, and the change says so. The
	 * size filter of estimate_similarity bounds the work per pair, and the
	 * deadline the whole. */
	if ((uint64_t)left * rc->nsrcs >
	    (uint64_t)GATE_RENAME_LIMIT * (uint64_t)GATE_RENAME_LIMIT) {
		size_t kept = 0;

		for (j = 0; j < rc->nsrcs; j++)
			if (!rc->pairs[rc->srcs[j]].two.mode)
				rc->srcs[kept++] = rc->srcs[j];
		rc->copies_limited = rc->nsrcs - kept;
		rc->nsrcs = kept;
		if (!kept) {
			error = 0;
			goto done;
		}
	}

	nmx = left * NUM_CANDIDATE_PER_DST;
	if ((mx = gate_calloc(nmx, sizeof(*mx), err)) == NULL)
		goto done;
	for (i = 0; i < rc->ndsts; i++) {
		size_t d = rc->dsts[i];
		dscore *m;

		if (rc->pairs[d].src >= 0)
			continue;
		if (gate_repo__expired(rc->repo, err) < 0)
			goto done;
		m = &mx[dst_cnt * NUM_CANDIDATE_PER_DST];
		for (j = 0; j < NUM_CANDIDATE_PER_DST; j++)
			m[j].dst = -1;
		for (j = 0; j < rc->nsrcs; j++) {
			size_t s = rc->srcs[j];
			dscore this_src;

			if (estimate_similarity(&this_src.score, rc, &rc->pairs[s].one,
						&rc->pairs[d].two, minimum_score, err) < 0)
				goto done;
			this_src.name_score =
			    basename_same(rc->pairs[s].one.path, rc->pairs[d].two.path);
			this_src.dst = (long)d;
			this_src.src = (long)s;
			this_src.pos = 0;
			record_if_better(m, &this_src);
		}
		dst_cnt++;
	}
	for (i = 0; i < nmx; i++)
		mx[i].pos = i;
	qsort(mx, nmx, sizeof(*mx), score_compare_stable);
	find_renames(rc, mx, nmx, minimum_score, 0);
	find_renames(rc, mx, nmx, minimum_score, 1);
	error = 0;
done:
	free(keys);
	free(mx);
	return error;
}

static int pair_path_cmp(const void *a, const void *b)
{
	const fpair *x = a, *y = b;

	return strcmp(x->two.path, y->two.path);
}

/* One file's line counts, gate_diffstat__file's arguments. */
typedef struct {
	gate_file *f;
	gate_fspec *old, *new_;
} fill_job;

/* Everything of a file but its line counts, which `job` is set up to give. */
static int file_fill(gate_file *f, rename_ctx *rc, fpair *p, fill_job *job, gate_error *err)
{
	gate_fspec *old = p->one.mode ? &p->one : NULL, *new_ = p->two.mode ? &p->two : NULL;
	const gate_fspec *named = new_ ? new_ : old;

	if (!p->one.mode && p->src >= 0) {
		fpair *src = &rc->pairs[p->src];

		old = &src->one;
		/* diff_resolve_rename_copy(): every destination of a source but
		 * the last is a copy, and so is every one of a path that stays. */
		f->status = --src->used > 0 ? GATE_STATUS_COPIED : GATE_STATUS_RENAMED;
		f->similarity = p->score * 100 / MAX_SCORE;
		if ((f->old_path = gate_strdup(old->path, err)) == NULL)
			return -1;
		f->old_path_len = strlen(old->path);
	} else if (!old) {
		f->status = GATE_STATUS_ADDED;
	} else if (!new_) {
		f->status = GATE_STATUS_DELETED;
	} else if ((old->mode ^ new_->mode) & GATE_MODE_FMT) {
		f->status = GATE_STATUS_TYPECHANGE;
	} else {
		f->status = GATE_STATUS_MODIFIED;
	}
	if ((f->path = gate_strdup(named->path, err)) == NULL)
		return -1;
	f->path_len = strlen(named->path);
	f->old_mode = old ? old->mode : 0;
	f->new_mode = new_ ? new_->mode : 0;
	memset(f->old_oid, '0', GATE_OID_HEX);
	memset(f->new_oid, '0', GATE_OID_HEX);
	f->old_oid[GATE_OID_HEX] = f->new_oid[GATE_OID_HEX] = '\0';
	if (old)
		gate_repo__oid_hex(f->old_oid, &old->oid);
	if (new_)
		gate_repo__oid_hex(f->new_oid, &new_->oid);
	job->f = f;
	job->old = old;
	job->new_ = new_;
	/* The sizes, known from keep_blobs_if_they_fit unless a read failed,
	 * are filled in here, before the files are shared between threads
	 * (a copy's source is one fspec for all its destinations). */
	if ((old && !GATE_MODE_IS_GITLINK(old->mode) &&
	     gate_diffstat__blob_size(old, rc->odb, err) < 0) ||
	    (new_ && !GATE_MODE_IS_GITLINK(new_->mode) &&
	     gate_diffstat__blob_size(new_, rc->odb, err) < 0))
		return -1;
	return 0;
}

/*
 * The line counts of all files, the larger part of reading a change (each
 * file's two blobs inflated and diffed): shared with a second thread, on
 * its own repository handle, when there are GATE_RENAMES_THREAD_MIN files
 * or more. Each thread takes the next file in order; the first failure in
 * file order is the one reported, whichever thread saw it, as with one
 * thread: every file before it is counted.
 */
#define GATE_RENAMES_THREAD_MIN 8

typedef struct {
	fill_job *jobs;
	size_t njobs;
	atomic_size_t next; /* the next job to take */
	atomic_size_t stop; /* the lowest failed job (njobs: none) */
} fill_queue;

typedef struct {
	fill_queue *q;
	/* The per-commit read-ahead on the second core: the second thread
	 * starts taking files when it is done (NULL: at once). */
	const gate_history_prefetch *after;
	gate_repo *repo;
	git_odb *odb;
	gate_error err;
	size_t failed_at; /* the job that failed, or SIZE_MAX */
} fill_worker;

static void fill_run(fill_worker *w)
{
	const struct timespec pause = {0, 1000000};
	size_t i, n = 0, s;

	/* Not one thread more than there are cores: on a range long enough to
	 * have one, the read-ahead comes first (the checks wait for it), and
	 * the files left when it is done are shared. */
	while (gate_history_prefetch_busy(w->after) && atomic_load(&w->q->next) < w->q->njobs &&
	       atomic_load(&w->q->next) < atomic_load(&w->q->stop))
		nanosleep(&pause, NULL);
	while ((i = atomic_fetch_add(&w->q->next, 1)) < w->q->njobs &&
	       i < atomic_load(&w->q->stop)) {
		fill_job *job = &w->q->jobs[i];

		if ((n++ % 64 == 0 && gate_repo__expired(w->repo, &w->err) < 0) ||
		    gate_diffstat__file(job->f, w->repo, w->odb, job->old, job->new_, &w->err) <
			0) {
			w->failed_at = i;
			s = atomic_load(&w->q->stop);
			while (i < s && !atomic_compare_exchange_weak(&w->q->stop, &s, i))
				;
			return;
		}
	}
}

static void *fill_thread(void *arg)
{
	fill_run(arg);
	return NULL;
}

/* A second reader of `repo`'s objects, or 0 if none could be had (the
 * first thread then counts every file). */
static int fill_worker_open(fill_worker *w, gate_repo *repo)
{
	gate_error ignored;

	gate_error_init(&ignored);
	if (gate_repo_open(&w->repo, repo->dir, &ignored) < 0)
		return 0;
	gate_repo_set_expiry(w->repo, repo->expired, repo->expired_payload);
	/* It keeps the blobs the first thread's handle would keep, within a
	 * budget of its own, and gives them to it when done (fill_counts):
	 * the content rules then do not read a new side again. A blob both
	 * handles read is kept once after that. */
	if (gate_repo__keep_blobs_as(w->repo, repo) < 0 ||
	    git_repository_odb(&w->odb, w->repo->git) < 0) {
		gate_repo_free(w->repo);
		w->repo = NULL;
		return 0;
	}
	return 1;
}

static int fill_counts(rename_ctx *rc, const gate_history_prefetch *after, fill_job *jobs,
		       size_t njobs, gate_error *err)
{
	fill_queue q;
	fill_worker main_w, second;
	pthread_t thread;
	int started = 0;

	q.jobs = jobs;
	q.njobs = njobs;
	atomic_init(&q.next, 0);
	atomic_init(&q.stop, njobs);
	memset(&main_w, 0, sizeof(main_w));
	memset(&second, 0, sizeof(second));
	main_w.q = second.q = &q;
	second.after = after;
	main_w.repo = rc->repo;
	main_w.odb = rc->odb;
	main_w.failed_at = second.failed_at = SIZE_MAX;
	gate_error_init(&main_w.err);
	gate_error_init(&second.err);
	if (njobs >= GATE_RENAMES_THREAD_MIN && gate_repo__threads_wanted() &&
	    fill_worker_open(&second, rc->repo)) {
		started = gate_repo__thread_start(&thread, fill_thread, &second) == 0;
	}
	fill_run(&main_w);
	if (started)
		pthread_join(thread, NULL);
	git_odb_free(second.odb);
	if (main_w.failed_at == SIZE_MAX && second.failed_at == SIZE_MAX) {
		if (second.repo)
			gate_repo__adopt_blobs(rc->repo, second.repo);
		return 0;
	}
	gate_repo_free(second.repo);
	*err = main_w.failed_at < second.failed_at ? main_w.err : second.err;
	return -1;
}

static void fspec_from_entry(gate_fspec *f, const gate_treediff_entry *e)
{
	f->mode = e->mode;
	git_oid_cpy(&f->oid, &e->id);
}

/* One raw change of the tree comparison: added, deleted, or changed in
 * content, mode or type (a file and a symlink or submodule of the same
 * name are one pair, as git's 'T'). The pair owns its path. */
static int add_pair(const char *path, size_t len, const gate_treediff_entry *old_,
		    const gate_treediff_entry *new_, void *payload)
{
	rename_ctx *rc = payload;
	fpair *p;
	char *copy;

	if (gate_array_reserve((void **)&rc->pairs, &rc->apairs, rc->npairs + 1, sizeof(fpair),
			       rc->err) < 0)
		return -1;
	if (!(copy = gate_strndup(path, len, rc->err)))
		return -1;
	p = &rc->pairs[rc->npairs++];
	memset(p, 0, sizeof(*p));
	p->src = -1;
	p->one.path = copy;
	p->two.path = copy;
	if (old_)
		fspec_from_entry(&p->one, old_);
	if (new_)
		fspec_from_entry(&p->two, new_);
	return 0;
}

static int oid_sort_cmp(const void *a, const void *b)
{
	return git_oid_cmp(a, b);
}

/*
 * Rename detection, line counts and content checks read the same blobs: the
 * repository keeps them (gate_repo__blob) when all of the change's fit in
 * its budget. When they do not, it keeps the new sides when those fit:
 * content rules and observability read a file's new side again, its old
 * side is read only for the line counts (a 1,000-commit push of git/git:
 * 42.6 MiB in all, 21.6 MiB of new sides). Otherwise it keeps none:
 * keeping the first ones read would add the budget to the peak memory of
 * the largest changes for little gain. The sizes are the ones the line
 * counts read anyway.
 */
static void keep_blobs_if_they_fit(rename_ctx *rc)
{
	gate_error ignored;
	size_t i, total = 0, total_new = 0, n = 0;
	git_oid *only;
	int side;

	for (i = 0; i < rc->npairs; i++)
		for (side = 0; side < 2; side++) {
			gate_fspec *f = side ? &rc->pairs[i].two : &rc->pairs[i].one;

			if (!f->mode || GATE_MODE_IS_GITLINK(f->mode))
				continue;
			/* A blob that cannot be read fails where it is read,
			 * with the message that reader gives. */
			gate_error_init(&ignored);
			if (gate_diffstat__blob_size(f, rc->odb, &ignored) < 0) {
				gate_repo__keep_blobs(rc->repo, 0, NULL, 0);
				return;
			}
			total += f->size;
			if (side)
				total_new += f->size;
		}
	if (total <= GATE_REPO_BLOB_BUDGET) {
		gate_repo__keep_blobs(rc->repo, 1, NULL, 0);
		return;
	}
	/* Out of memory for the list only costs second reads. npairs > 0:
	 * the blobs add up to more than the budget. */
	if (total_new > GATE_REPO_BLOB_BUDGET ||
	    (only = malloc(rc->npairs * sizeof(*only))) == NULL) {
		gate_repo__keep_blobs(rc->repo, 0, NULL, 0);
		return;
	}
	for (i = 0; i < rc->npairs; i++)
		if (rc->pairs[i].two.mode && !GATE_MODE_IS_GITLINK(rc->pairs[i].two.mode))
			git_oid_cpy(&only[n++], &rc->pairs[i].two.oid);
	qsort(only, n, sizeof(*only), oid_sort_cmp);
	gate_repo__keep_blobs(rc->repo, 1, only, n);
}

/* The files that differ from `from` to `to`, as `git diff -M -C`. */
int gate_renames__read_files(gate_change *change, gate_repo *repo, const git_oid *from,
			     const git_oid *to, gate_error *err)
{
	git_commit *c_from = NULL, *c_to = NULL;
	git_tree *t_from = NULL, *t_to = NULL;
	rename_ctx rc;
	fill_job *jobs = NULL;
	char hex[GATE_OID_HEX + 1];
	size_t i, n = 0;
	int error = -1;

	memset(&rc, 0, sizeof(rc));
	rc.repo = repo;
	rc.err = err;
	/* No `from` (a history with no base to compare with): the empty tree. */
	if ((from && (git_commit_lookup(&c_from, repo->git, from) < 0 ||
		      git_commit_tree(&t_from, c_from) < 0)) ||
	    git_commit_lookup(&c_to, repo->git, to) < 0 || git_commit_tree(&t_to, c_to) < 0) {
		gate_error_from_git(err, GATE_ERR_REPO, "cannot read the trees to compare");
		goto done;
	}
	/* Type changes are one entry ('T'), as in git; a submodule whose
	 * commit moved is modified whatever .gitmodules says. */
	if (gate_treediff(repo, t_from ? git_tree_id(t_from) : NULL, git_tree_id(t_to), add_pair,
			  &rc, err) != 0) {
		if (err->klass == GATE_ERR_REPO) {
			if (from)
				gate_repo__oid_hex(hex, from);
			else
				snprintf(hex, sizeof(hex), "the empty tree");
			gate_repo__fail(err, GATE_ERR_REPO, "cannot compare %s with HEAD", hex);
		}
		goto done;
	}
	if (git_repository_odb(&rc.odb, repo->git) < 0) {
		gate_error_from_git(err, GATE_ERR_REPO, "cannot open the object database");
		goto done;
	}
	keep_blobs_if_they_fit(&rc);
	/* git's queue is in bytewise path order (a tree sorts "dir" as "dir/",
	 * which is how its paths begin). */
	if (rc.npairs > 1)
		qsort(rc.pairs, rc.npairs, sizeof(fpair), pair_path_cmp);
	if ((rc.counts = gate_calloc(SPAN_HASHBASE, sizeof(uint32_t), err)) == NULL ||
	    detect_renames(&rc, err) < 0)
		goto done;
	change->copies_limited = rc.copies_limited;
	/* A deleted path that became a rename or copy is not reported. Decided
	 * for all before statuses are resolved, as git does. */
	for (i = 0; i < rc.npairs; i++) {
		fpair *p = &rc.pairs[i];

		p->keep = !(p->one.mode && !p->two.mode && p->used > 0);
		n += (size_t)p->keep;
	}
	if (n && ((change->files = gate_calloc(n, sizeof(gate_file), err)) == NULL ||
		  (jobs = gate_calloc(n, sizeof(*jobs), err)) == NULL))
		goto done;
	for (i = 0; i < rc.npairs; i++) {
		if (!rc.pairs[i].keep)
			continue;
		if (file_fill(&change->files[change->nfiles], &rc, &rc.pairs[i],
			      &jobs[change->nfiles], err) < 0) {
			change->nfiles++;
			goto done;
		}
		change->nfiles++;
	}
	if (fill_counts(&rc, change->touched, jobs, change->nfiles, err) < 0)
		goto done;
	error = 0;
done:
	for (i = 0; i < rc.npairs; i++) {
		free(rc.pairs[i].one.sig.v);
		free(rc.pairs[i].two.sig.v);
		free((char *)rc.pairs[i].one.path);
	}
	free(jobs);
	free(rc.pairs);
	free(rc.srcs);
	free(rc.dsts);
	free(rc.counts);
	free(rc.touched);
	git_odb_free(rc.odb);
	git_tree_free(t_from);
	git_tree_free(t_to);
	git_commit_free(c_from);
	git_commit_free(c_to);
	return error;
}
