/*
 * Commit headers read straight from the repository's pack files: a
 * commit's parents and committer time without inflating its message, for
 * walks that need only the graph (src/commitgraph.c). Private to src/.
 */
#ifndef RISKGATE_SRC_PACKCOMMIT_H
#define RISKGATE_SRC_PACKCOMMIT_H

#include <stddef.h>
#include <stdint.h>

#include <git2.h>

#include "repo_internal.h"

typedef struct gate_packcommits gate_packcommits;

/* What gate_packcommits_read reads of a commit. `parents` is the reader's
 * and holds until its next read. */
typedef struct {
	const git_oid *parents;
	size_t nparents;
	int64_t time; /* the committer's, as git_commit_time() gives it */
} gate_commit_header;

/*
 * Opens the pack files of `repo`'s object directories (its own, and the
 * alternates it names). NULL when there are none this reader can read, or
 * no memory: every commit is then read through libgit2.
 */
gate_packcommits *gate_packcommits_open(gate_repo *repo);
void gate_packcommits_free(gate_packcommits *pc);

/*
 * Reads commit `id`'s header from a pack: 1 when read. 0 when this reader
 * gives no answer, and the commit is to be read through libgit2: it is not
 * in a pack here, is stored as a delta, is damaged, or its header is not
 * in the form git writes (a tree line, parent lines, one author line, then
 * the committer line, each id in lower-case hex, each signature
 * `name <email> seconds +zone`). In that form libgit2 reads the same
 * parents and time; any other form is left to it.
 */
int gate_packcommits_read(gate_commit_header *out, gate_packcommits *pc, const git_oid *id);

#endif
