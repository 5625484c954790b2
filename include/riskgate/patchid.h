/*
 * Patch ids of a change: what `git diff --no-renames --full-index MB TIP |
 * git patch-id --stable` prints for the change between the merge base MB
 * of two commits and the tip, per file and combined. Two changes with the
 * same ids are the same patch whatever their commit ids, their place in
 * the history or their line numbers: an "Update branch" merge or a rebase
 * that changes no content keeps them.
 *
 * The rules are git's (`git patch-id`): each line of the diff is hashed
 * (SHA-1) with all spaces, tabs, carriage returns and newlines removed;
 * hunk headers (line numbers) and `index` lines are not hashed; with
 * --stable, each file's hash is summed into the result (20-byte sum with
 * carry), so that the order of files does not matter.
 *
 * Choices where git leaves a freedom, and why:
 * - Renames are not detected: a renamed file is a deletion and an
 *   addition. git's own pairing depends on the reader's diff.renames
 *   setting, a similarity threshold and a rename limit, and it hashes the
 *   similarity percentage; an identity of what was reviewed must not
 *   change with any of them.
 * - Binary files (scan.h's rule, the only one the gate uses; never
 *   .gitattributes) are hashed as git does with --full-index: the file's
 *   header lines and the full old and new blob ids. Without --full-index
 *   git hashes abbreviated ids, whose length depends on the repository's
 *   object count; the full ids name the exact content. As in git, a binary
 *   file's own id also includes the (empty) hash git flushes at the end of
 *   a patch, and the `diff --git` line of the file after a binary one is
 *   not hashed in the combined id.
 * - Changes with no hunks (a mode-only change, an empty file added or
 *   deleted) are hashed as their header lines, e.g. "old mode 100644" and
 *   "new mode 100755": a mode change is a change. git then hashes the next
 *   file into the same sum term; the combined id does so too (it equals
 *   git's), while the per-file ids are each file's own, as
 *   `git diff ... -- PATH | git patch-id --stable` prints them. Compare
 *   changes by their per-file ids (gate_patchid_same), not by the
 *   combined id.
 */
#ifndef RISKGATE_PATCHID_H
#define RISKGATE_PATCHID_H

#include <stddef.h>

#include "riskgate/error.h"
#include "riskgate/repo.h"

/* One changed path and its patch id (40 hex digits, NUL-terminated). */
typedef struct {
	char *path;
	char id[GATE_OID_HEX + 1];
} gate_patchid_file;

/*
 * The patch ids of one change. `files` are in git's diff order, one entry
 * per path (a path whose type changed, file to symlink, is one entry for
 * its deletion and addition together). `id` is the combined stable id, ""
 * when nothing changed (git prints nothing then). `base` and `tip` are the
 * merge base and the tip the ids were computed for.
 */
typedef struct {
	gate_patchid_file *files;
	size_t nfiles;
	char id[GATE_OID_HEX + 1];
	char base[GATE_OID_HEX + 1];
	char tip[GATE_OID_HEX + 1];
} gate_patchid;

/*
 * Computes the patch ids of the change from merge-base(base_rev, tip_rev)
 * to tip_rev. The result is the caller's (gate_patchid_free). Returns 0,
 * or -1 with GATE_ERR_REPO (a revision or an object cannot be read, or the
 * two histories have no merge base), GATE_ERR_SHALLOW, GATE_ERR_NOMEM or
 * GATE_ERR_DEADLINE.
 */
int gate_patchid_compute(gate_patchid **out, gate_repo *repo, const char *base_rev,
			 const char *tip_rev, gate_error *err);
void gate_patchid_free(gate_patchid *p);

/*
 * Whether the changes `a` and `b` are the same patch: every path that
 * either changes and that `in_scope(path, payload)` accepts (every path
 * when `in_scope` is NULL) is changed by both with the same per-file id.
 * Returns 1 when they are, 0 when not; when `differs` is not NULL and the
 * answer is 0, *differs is the first differing path in git's order (of
 * `b`, then of `a`), borrowed from `a` or `b`.
 */
int gate_patchid_same(const gate_patchid *a, const gate_patchid *b,
		      int (*in_scope)(const char *path, void *payload), void *payload,
		      const char **differs);

#endif
