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

#endif
