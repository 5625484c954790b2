/*
 * The verdict notes of the server's hooks (docs/verdicts.md, "On the
 * server"): what `hook pre-receive --notes` keeps (cmd/hook.c calls these)
 * and `hook post-receive`, which writes it (cmd/hook_notes.c).
 */
#ifndef RISKGATE_CMD_HOOK_NOTES_H
#define RISKGATE_CMD_HOOK_NOTES_H

#include "riskgate/error.h"
#include "riskgate/hook.h"
#include "riskgate/repo.h"
#include "riskgate/result.h"

/* The record of each evaluated ref, by ref and new commit, until the push
 * is accepted. Zeroed to start. */
typedef struct {
	gate_strlist refs;
	gate_strlist ids;
	gate_strlist records;
} hook_notes_kept;

void hook_notes_kept_dispose(hook_notes_kept *kept);

/* Whether `ref` is refs/notes/riskgate, in any case, or below it: the
 * server's own, which no push may update. */
int hook_notes_is_ref(const char *ref);

/* Keeps the record of ref `u`'s evaluation `r` (nothing for an unevaluated
 * ref), with the override `ov` a failing ref would pass by. 0 or -1. */
int hook_notes_keep(hook_notes_kept *kept, const gate_hook_update *u, const gate_hook_ref *r,
		    const gate_hook_override *ov, gate_error *err);

/* The push is accepted: hands every kept record to post-receive. 0 or -1. */
int hook_notes_hand_over(const hook_notes_kept *kept, gate_repo *repo, gate_error *err);

#endif
