/*
 * git's view of one changed path (see renames.c): each side of a raw
 * change, and the files of a change as `git diff -M -C` lists them. Private
 * to src/.
 */
#ifndef RISKGATE_SRC_RENAMES_H
#define RISKGATE_SRC_RENAMES_H

#include <stddef.h>
#include <stdint.h>

#include <git2.h>

#include "riskgate/change.h"
#include "riskgate/error.h"

/* git's file modes: the type bits, a regular file, a submodule. */
#define GATE_MODE_FMT              0170000u
#define GATE_MODE_IS_REG(mode)     (((mode)&GATE_MODE_FMT) == 0100000u)
#define GATE_MODE_IS_GITLINK(mode) (((mode)&GATE_MODE_FMT) == 0160000u)

/* The bytes of a blob that fall under one chunk hash. */
typedef struct {
	uint32_t hashval;
	uint32_t cnt;
} gate_span;

/* diffcore-delta.c's summary of a blob: how many bytes fall under each
 * chunk hash, sorted by hash. */
typedef struct {
	gate_span *v;
	size_t n;
} gate_span_sig;

/* One side of a raw change (git's diff_filespec). */
typedef struct {
	unsigned int mode; /* 0: absent on this side */
	git_oid oid;
	const char *path; /* owned by the pair (both sides share one copy) */
	uint64_t size;
	int have_size;
	int have_sig;
	gate_span_sig sig;
} gate_fspec;

/*
 * Fills change->files (and change->copies_limited) with the files that
 * differ from commit `from` (NULL: the empty tree) to commit `to`, as
 * `git diff -M -C` reports them, sorted by path. Returns 0 or -1
 * (GATE_ERR_REPO, GATE_ERR_DEADLINE, GATE_ERR_NOMEM).
 */
int gate_renames__read_files(gate_change *change, gate_repo *repo, const git_oid *from,
			     const git_oid *to, gate_error *err);

#endif
