/*
 * The commit graph of a walk (see commitgraph.c): the merge base of two
 * commits and the commits of `git rev-list HEAD ^BASE...`, as git computes
 * them, shallow boundary commits being parentless. Private to src/.
 */
#ifndef RISKGATE_SRC_COMMITGRAPH_H
#define RISKGATE_SRC_COMMITGRAPH_H

#include <stddef.h>
#include <stdint.h>

#include <git2.h>

#include "riskgate/error.h"
#include "repo_internal.h"

/* A commit object that is not in the repository (returned, err untouched;
 * the graph's `missing` names it). */
#define GATE_COMMITGRAPH_MISSING -2

/* One commit met by a walk. Parents are known once `parsed`; a shallow
 * boundary commit is parsed with no parents. */
typedef struct {
	git_oid oid;
	int64_t date;
	size_t parents; /* offset into graph.pix */
	size_t nparents;
	size_t qcount; /* entries for this commit in the current queue */
	unsigned int flags;
	int parsed;
} gate_commitgraph_node;

/* The commits a walk has met, found by id through an open-addressing table. */
typedef struct gate_commitgraph {
	gate_repo *repo;
	gate_commitgraph_node *nodes;
	size_t nnodes, anodes;
	size_t *pix;
	size_t npix, apix;
	size_t *table; /* open addressing: node index + 1, 0 when free */
	size_t tsize;
	git_oid missing; /* the commit that was missing, for GATE_COMMITGRAPH_MISSING */
	/* Commit headers read from the packs (opened at the first read; NULL
	 * when there are none to read them from). */
	struct gate_packcommits *packs;
	int packs_opened;
} gate_commitgraph;

/*
 * Starts a graph over `repo` holding the commits earlier graphs on the same
 * handle parsed (a commit's parents and date never change, and a handle's
 * shallow boundary is read once): a hook's merge base and the walk that
 * follows it read each commit once. gate_commitgraph__dispose gives them
 * back to the handle, which frees them with it (gate_commitgraph__forget).
 */
void gate_commitgraph__init(gate_commitgraph *g, gate_repo *repo);
void gate_commitgraph__dispose(gate_commitgraph *g);

/* Frees the commits `repo` keeps for its next graph. */
void gate_commitgraph__forget(gate_repo *repo);

/* Finds or adds the node for `oid`; its index goes to *out. Returns 0 or
 * -1 (GATE_ERR_NOMEM). */
int gate_commitgraph__get(size_t *out, gate_commitgraph *g, const git_oid *oid, gate_error *err);

/* Resolves each of the `n` revisions of `revs` into the graph: *out (the
 * caller's, NULL when n is 0) holds their node indices. Returns 0 or -1. */
int gate_commitgraph__tips(size_t **out, gate_commitgraph *g, const char *const *revs, size_t n,
			   gate_error *err);

/*
 * The merge base `git merge-base BASE HEAD` prints (node indices): of the
 * best common ancestors, the newest. *found is 0 when the histories do not
 * meet. Returns 0, -1, or GATE_COMMITGRAPH_MISSING.
 */
int gate_commitgraph__merge_base(size_t *out, int *found, gate_commitgraph *g, size_t base,
				 size_t head, gate_error *err);

/*
 * The commits of `git rev-list HEAD ^BASE1 ^BASE2 ...` (nbases may be 0),
 * in git's order: node indices into *out (the caller's), *nout of them.
 * Returns 0, -1, or GATE_COMMITGRAPH_MISSING.
 */
int gate_commitgraph__walk(size_t **out, size_t *nout, gate_commitgraph *g, const size_t *bases,
			   size_t nbases, size_t head, gate_error *err);

/* GATE_ERR_SHALLOW: the history does not reach the merge base of the two
 * revisions. Returns -1. */
int gate_commitgraph__shallow_error(gate_error *err, const char *base_rev, const char *head_rev);

/* Turns a walk's result `rc` into its error: GATE_COMMITGRAPH_MISSING is a
 * shallow history or a missing commit; anything else is already set.
 * Returns -1. */
int gate_commitgraph__walk_error(int rc, gate_commitgraph *g, gate_error *err, const char *base_rev,
				 const char *head_rev);

#endif
