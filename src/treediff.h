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
#include "riskgate/repo.h"

/*
 * One entry of a raw tree object (`mode SP name NUL id`), pointing into the
 * object's buffer: valid while that buffer is. `mode` is normalised as
 * git_tree_entry_filemode() does; `is_tree` comes from the raw mode, as
 * git_tree_entry_type() decides it.
 */
typedef struct {
	unsigned int mode;
	int is_tree;
	const char *name; /* not NUL-terminated in general: `len` bytes */
	size_t len;
	git_oid id;
} gate_treediff_entry;

/*
 * Parses the entry at `*pos` of the raw tree `buf` (`size` bytes) into
 * `out` and moves `*pos` past it. Returns 1 for an entry, 0 at the end of
 * the buffer, -1 for a malformed entry (a mode that is not 1 to 6 octal
 * digits followed by a space, an empty name or one holding '/', a name with
 * no NUL, or fewer than 20 bytes of id): never reads past `size` bytes.
 */
int gate_treediff__next(gate_treediff_entry *out, const unsigned char *buf, size_t size,
			size_t *pos);

/*
 * The entry at `path` (names joined by '/') below the tree `tree`, read raw
 * through gate_repo__tree as the walk reads trees: *found 1 with `out`'s
 * mode, kind and id (its name is not kept), or 0 when there is none. Every
 * component but the last must be a tree; of a file and a directory of the
 * last name, the file. Returns 0, or -1 with `err` set when a tree cannot
 * be read or is malformed.
 */
int gate_treediff__find(gate_treediff_entry *out, int *found, gate_repo *repo, const git_oid *tree,
			const char *path, gate_error *err);

/*
 * Called for each path of a commit that differs from every parent:
 * `entry` is the commit's entry for it (NULL where the commit deletes the
 * path), `first` the first parent's (NULL where it has none); never a
 * tree. A file and a directory of the same name are two paths, as in git.
 * `path` is valid during the call only. A non-zero return stops the walk
 * and is returned.
 */
typedef int (*gate_treediff_path_cb)(const char *path, size_t len, const gate_treediff_entry *first,
				     const gate_treediff_entry *entry, void *payload);

/*
 * The paths where tree `tree` differs from each of the `nparents` trees of
 * `parents` (none: from the empty tree), in git's path order: git's
 * combined diff (`git log -c --name-only`), which for one parent is the
 * plain diff. Trees are read raw from the object database and walked in
 * place (through gate_repo__tree); a subtree equal to that of any parent
 * is skipped, and so are the entries at the start and at the end of a
 * tree whose bytes equal a parent's. What is skipped is not read, and so
 * not checked for malformed entries either: the entries equal to a
 * parent's, and, once the rest of the commit's tree equals a parent's
 * rest, the rest of the other parents' trees (no name there can differ
 * from every parent), as a subtree equal to one parent's is not read in
 * the others. Returns 0, the
 * callback's non-zero value, or -1 with GATE_ERR_REPO when a tree cannot be
 * read or is malformed.
 */
int gate_treediff_combined(gate_repo *repo, const git_oid *const *parents, size_t nparents,
			   const git_oid *tree, gate_treediff_path_cb cb, void *payload,
			   gate_error *err);

/*
 * The paths where `new_tree` differs from `old_tree` (NULL: the empty
 * tree), in git's path order: gate_treediff_combined with one parent, the
 * callback's `first` being the old side. Returns as it does.
 */
int gate_treediff(gate_repo *repo, const git_oid *old_tree, const git_oid *new_tree,
		  gate_treediff_path_cb cb, void *payload, gate_error *err);

#endif
