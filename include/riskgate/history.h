/*
 * What each commit of a change did on its own: the paths it touched
 * (against its parents) and whether a notes ref annotates it. Provenance
 * requirements apply to the commits that touch a tier, not to every commit
 * of the range.
 */
#ifndef RISKGATE_HISTORY_H
#define RISKGATE_HISTORY_H

#include <stddef.h>

#include "riskgate/change.h"
#include "riskgate/error.h"

/* Called once per touched path (`len` bytes, not NUL-terminated in general).
 * A non-zero return stops the walk and is returned. */
typedef int (*gate_path_cb)(const char *path, size_t len, void *payload);

/*
 * Calls `cb` for each path commit `commit` changed: against its parent, or
 * the empty tree for a root commit; for a merge, only the paths that differ
 * from every parent (what the merge itself introduced, as git's combined
 * diff shows). Renames appear as their old and new paths. Returns 0, the
 * callback's non-zero value, or -1 with GATE_ERR_REPO.
 */
int gate_history_touched(gate_repo *repo, const gate_commit *commit, gate_path_cb cb,
			 void *payload, gate_error *err);

/* 1 when `notes_ref` has a note on commit `sha`, 0 when not (or the ref does
 * not exist), -1 on error. */
int gate_history_has_note(gate_repo *repo, const char *notes_ref, const char *sha,
			  gate_error *err);

#endif
