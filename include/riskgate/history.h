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
int gate_history_touched(gate_repo *repo, const gate_commit *commit, gate_path_cb cb, void *payload,
			 gate_error *err);

/*
 * Reads the note `notes_ref` holds for commit `sha` into `out` (cleared
 * first; its bytes exactly, which may include NULs; not NUL-terminated in
 * general). Returns 1 when there is a note, 0 when there is none (or the
 * ref does not exist, or `notes_ref` is NULL or empty), -1 with
 * GATE_ERR_REPO when it cannot be read and GATE_ERR_INPUT when it is larger
 * than `out`'s maximum size.
 */
int gate_history_note(gate_buf *out, gate_repo *repo, const char *notes_ref, const char *sha,
		      gate_error *err);

#endif
