/*
 * What each commit of a change did on its own: the paths it touched
 * (against its parents) and the note a notes ref holds for it. Provenance
 * requirements apply to the commits that touch a tier, not to every commit
 * of the range.
 */
#ifndef RISKGATE_HISTORY_H
#define RISKGATE_HISTORY_H

#include <stddef.h>

#include "riskgate/buf.h"
#include "riskgate/change.h"
#include "riskgate/error.h"
#include "riskgate/policy.h"

/* Called once per touched path (`len` bytes, not NUL-terminated in general)
 * with `id`, the raw object id (20 bytes) of what the commit has there, or
 * NULL when it has no file there (deleted, or a directory now). A non-zero
 * return stops the walk and is returned. */
typedef int (*gate_path_cb)(const char *path, size_t len, const unsigned char *id, void *payload);

/*
 * Calls `cb` for each path commit `commit` changed: against its parent, or
 * the empty tree for a root commit; for a merge, only the paths that differ
 * from every parent (what the merge itself introduced, as git's combined
 * diff shows). Renames appear as their old and new paths. Returns 0, the
 * callback's non-zero value, or -1 with GATE_ERR_REPO.
 */
int gate_history_touched(gate_repo *repo, const gate_commit *commit, gate_path_cb cb, void *payload,
			 gate_error *err);

/*
 * The paths of every commit of a change, read ahead on a second thread with
 * its own handle on the repository, while the caller goes on reading the
 * change's files on the first: the per-commit comparison is a third or
 * more of the work on a long range, and independent of the rest.
 */
typedef struct gate_history_prefetch gate_history_prefetch;

/* Fewer commits than this are compared when asked, on the caller's thread:
 * a second handle on the repository costs more than they do. */
#define GATE_HISTORY_PREFETCH_MIN 32

/*
 * Starts reading ahead what gate_history_touched gives for each of the
 * `ncommits` commits at `commits`, which must stay in place and unchanged
 * until gate_history_prefetch_free. Leaves *out NULL (and returns 0) where
 * a thread does not pay or is not available: fewer than
 * GATE_HISTORY_PREFETCH_MIN commits, a libgit2 built without threads, or
 * RISKGATE_THREADS=1 in the environment. The expiry set on `repo`
 * (gate_repo_set_expiry) now applies to the second thread as well. Returns
 * 0, or -1 when the repository cannot be opened a second time.
 */
int gate_history_prefetch_start(gate_history_prefetch **out, gate_repo *repo,
				const gate_commit *commits, size_t ncommits, gate_error *err);

/*
 * gate_history_touched for commit `c` of `change`: from its read-ahead
 * (change->touched, waiting for it to finish) when there is one, else
 * compared now through `repo`. The paths, their order and the errors are
 * the same either way, up to the first commit that fails: the read-ahead
 * stops there, and every later commit gives that commit's error.
 */
int gate_history_touched_at(const gate_change *change, size_t c, gate_repo *repo, gate_path_cb cb,
			    void *payload, gate_error *err);

/* Whether the read-ahead's thread is still reading (0 for NULL): another
 * thread that would share the second core waits until it is not. */
int gate_history_prefetch_busy(const gate_history_prefetch *pf);

/* Stops the read-ahead (between two commits) and frees it. NULL is a no-op. */
void gate_history_prefetch_free(gate_history_prefetch *pf);

/* Which files of a change (indexes into change->files) each of its
 * commits touched, as gate_history_tiers_at records it. */
typedef struct {
	size_t commit, file;
	/* The file's version at that commit: `present` (0: the commit has
	 * no file there) and its raw object id. */
	int present;
	unsigned char id[20];
} gate_touch;

typedef struct {
	gate_touch *items;
	size_t count, alloc;
	/* Per file of the change: SIZE_MAX when it need not be logged (NULL:
	 * every file is). */
	const size_t *want;
} gate_touch_log;

/*
 * Sets tiers[t] for each tier of `policy` that a path commit `c` of
 * `change` touched (gate_history_touched_at) falls in; leaves the others
 * as they are. With `log`, also records which files of the change the
 * commit touched. Returns 0 or -1.
 */
int gate_history_tiers_at(unsigned char *tiers, const gate_change *change, size_t c,
			  gate_repo *repo, gate_policy *policy, gate_touch_log *log,
			  gate_error *err);

/*
 * A merge touches what differs from every parent; one that takes, for a
 * file of the change, a version no commit of the change made and that is
 * not the base's (an older version its other parent holds) introduces it
 * all the same (docs/policy.md, "`provenance`"). For each merge of
 * `change`, sets commit_tiers[m * ntiers + file_tier[f]] for every such
 * file f (file_tier[f] SIZE_MAX: none wanted): one where the merge differs from its first parent,
 * from the change's base, and from every version a non-merge commit of the change that touched f
 * (per `log`, which is sorted here) gave it. Returns 0 or -1.
 */
int gate_history_merge_tiers(unsigned char *commit_tiers, size_t ntiers, const size_t *file_tier,
			     const gate_change *change, gate_repo *repo, gate_touch_log *log,
			     gate_error *err);

/*
 * Reads the note `notes_ref` holds for commit `sha` into `out` (cleared
 * first; its bytes exactly, which may include NULs; not NUL-terminated in
 * general). Returns 1 when there is a note, 0 when there is none (or the
 * ref does not exist, or `notes_ref` is NULL or empty), -1 with
 * GATE_ERR_REPO when it cannot be read and GATE_ERR_INPUT when it is larger
 * than `out`'s maximum size. The ref is resolved on the first read through
 * `repo`: every later read comes from that same notes commit (a note added
 * meanwhile is not seen, a range's notes are one snapshot).
 */
int gate_history_note(gate_buf *out, gate_repo *repo, const char *notes_ref, const char *sha,
		      gate_error *err);

#endif
