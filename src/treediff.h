/*
 * The entries where two trees differ, without rename detection, found by
 * walking both in step and descending only into subtrees whose ids differ:
 * a change of a few files in a large tree costs a few tree reads, not a walk
 * of the whole tree (libgit2's tree diff reads every tree of both sides).
 */
#ifndef RISKGATE_TREEDIFF_H
#define RISKGATE_TREEDIFF_H

#include <stddef.h>

#include <git2.h>

#include "riskgate/error.h"

/*
 * Called for each path whose entry differs: `old_` and `new_` are the
 * entries on each side (NULL where absent; never a tree). A file and a
 * directory of the same name are two paths, as in git. `path` is valid
 * during the call only. A non-zero return stops the walk and is returned.
 */
typedef int (*gate_treediff_cb)(const char *path, size_t len, const git_tree_entry *old_,
				const git_tree_entry *new_, void *payload);

/*
 * Walks the differences of two trees (NULL: the empty tree) in git's path
 * order. Returns 0, the callback's non-zero value, or -1 with
 * GATE_ERR_REPO when a tree cannot be read.
 */
int gate_treediff(git_repository *git, const git_oid *old_tree, const git_oid *new_tree,
		  gate_treediff_cb cb, void *payload, gate_error *err);

#endif
