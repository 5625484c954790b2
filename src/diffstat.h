/*
 * The line counts of one changed file (see diffstat.c). Private to src/.
 */
#ifndef RISKGATE_SRC_DIFFSTAT_H
#define RISKGATE_SRC_DIFFSTAT_H

#include <git2.h>

#include "riskgate/change.h"
#include "riskgate/error.h"
#include "renames.h"

/* Reads the size of the blob of `f` from `odb` into f->size, once.
 * Returns 0 or -1 (GATE_ERR_REPO). */
int gate_diffstat__blob_size(gate_fspec *f, git_odb *odb, gate_error *err);

/*
 * Sets f->binary, f->additions, f->deletions and, for text on both sides,
 * f->added (with f->added_known) from the blobs of `old` and `new_` (NULL
 * or mode 0: absent). Returns 0 or -1 (GATE_ERR_REPO, GATE_ERR_NOMEM).
 */
int gate_diffstat__file(gate_file *f, gate_repo *repo, git_odb *odb, gate_fspec *old,
			gate_fspec *new_, gate_error *err);

#endif
