/*
 * Who approved a change (src/approvers.c): the one place that judges
 * whether a review or a review trailer counts as an approval, and collects
 * the approvers the checks read.
 */
#ifndef RISKGATE_SRC_APPROVERS_H
#define RISKGATE_SRC_APPROVERS_H

#include "approvals_internal.h"
#include "riskgate/approvals.h"
#include "riskgate/check.h"

/*
 * Turns the reviews the loader read into the standing reviews of `a`: each
 * user's latest review (by submitted_at, then by position in the input),
 * unless that one is DISMISSED; an earlier review is superseded. Moves the
 * strings of the winning entries into a->items (setting them to NULL in
 * `E`) and sorts E->items. Returns 0, or -1 with `err` set (out of memory).
 */
int gate_approvers__standing(gate_approvals *a, gate_approvals__entries *E, gate_error *err);

/*
 * Sets the flags of each standing review of `a` (stale, is_author, is_bot,
 * is_outsider, counts; see gate_review) and a->ncounting: whether each
 * approval counts on its face. `head` is the full id of the change's head,
 * or NULL when unknown; `author` the login of the change's author without
 * its '@', or NULL. Accepts NULL `a`.
 */
void gate_approvers__judge(gate_approvals *a, const char *head, int allow_stale,
			   const char *author);

/*
 * Who approved: GitHub approvals that count on their face, from reviewers
 * independent of the change and shown to have write access; and review
 * trailers when the policy names their authenticity rule (review_trailers).
 * Fills ctx->approvers, ctx->napprovers, ctx->approvers_known and
 * ctx->nunverified (the caller frees ctx->approvers and their strings), and
 * records every approval left out in res->ignored with its reason. Returns
 * 0, or -1 with `err` set.
 */
int gate_approvers__collect(gate_result *res, gate_check_ctx *ctx, gate_error *err);

/* The patch ids one evaluation has computed (src/binding.c). */
typedef struct gate_binding gate_binding;

void gate_binding__free(gate_binding *b);

/*
 * Whether an approval of `commit` (hexadecimal, "" when unknown), not the
 * head, still holds under the policy's approvals_bound_to (docs/policy.md,
 * "Approvals bound to the diff"). `*cache` (NULL at first) keeps the patch
 * ids between calls; the caller frees it with gate_binding__free.
 * Returns 1 when the diffs were compared: differs[t] (ctx->policy->ntiers
 * entries) is NULL for each tier the approval holds for, else the first
 * path whose diff changed ("" when no single path can be named); returns 0
 * when they could not be compared, with *reason saying why (static text),
 * and the approval holds for no tier; -1 on an error that must stop the
 * evaluation (out of memory, deadline, an unreadable head).
 */
int gate_binding__judge(gate_binding **cache, const gate_check_ctx *ctx, const gate_result *res,
			const char *commit, const char **differs, const char **reason,
			gate_error *err);

#endif
