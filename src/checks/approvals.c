/*
 * The approvals requirement (docs/policy.md, "Requirements" and "Who approved"): a number of
 * distinct approving humans with write access, more when an AI-assisted commit touches the tier,
 * and no standing request for changes that blocks (from a code owner of one of the tier's files, or
 * with "changes_requested": "writers" from any reviewer who may have write access). Where who
 * approved cannot be known, the requirement is "unverified", which fails.
 */
#include "riskgate/banned.h"

#include "checks.h"
#include "jsonout.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "riskgate/buf.h"

/* Whose request for changes blocks the tier's approvals: the tier's own
 * choice, else the policy's. */
static const char *changes_requested(const gate_policy *policy, const gate_tier *tier)
{
	int writers = tier->require.changes_requested ? tier->require.changes_requested == 2
						      : policy->changes_requested_writers;

	return writers ? "writers" : "owners";
}

/*
 * Records every standing request for changes that blocks tier `t`: with
 * "changes_requested": "writers", any whose reviewer is not shown to lack
 * write access (an unknown permission blocks: the gate cannot show the
 * reviewer is powerless); else, when the tier does not check code owners
 * itself, any from a code owner of one of its files. Returns the number
 * found, or -1 on error.
 */
static long blocking(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_requirement *req,
		     gate_error *err)
{
	const gate_tier *t = &ctx->policy->tiers[tier];
	const gate_approvals *reviews = ctx->opts ? ctx->opts->approvals : NULL;
	const gate_permissions *perms = ctx->opts ? ctx->opts->permissions : NULL;
	gate_buf msg = GATE_BUF_INIT(1u << 16);
	int writers = strcmp(changes_requested(ctx->policy, t), "writers") == 0;
	long n = 0;
	size_t i;

	for (i = 0; writers && reviews && i < reviews->count; i++) {
		const gate_review *r = &reviews->items[i];
		gate_permission perm;

		if (r->state != GATE_REVIEW_CHANGES_REQUESTED)
			continue;
		perm = gate_permissions_get(perms, r->login);
		if (perm != GATE_PERM_UNKNOWN && !gate_permission_can_write(perm))
			continue;
		gate_buf_clear(&msg);
		if (gate_strlist_add(&req->failing, r->login, err) < 0 ||
		    gate_buf_printf(&msg, err,
				    "%s%s has requested changes, which blocks tier \"%s\" "
				    "(\"changes_requested\": \"writers\")",
				    r->login,
				    perm == GATE_PERM_UNKNOWN ? " (write access unknown)" : "",
				    t->name) < 0 ||
		    gate_check_violation(res, t, "approvals", NULL, msg.ptr,
					 "address the requested changes and ask for a new review "
					 "(or have the review dismissed)",
					 err) < 0)
			goto fail;
		n++;
	}
	if (!writers && !t->require.codeowners && res->owners) {
		for (i = 0; i < ctx->tier_nfiles[tier]; i++) {
			size_t fi = ctx->tier_files[tier][i];
			const gate_file_owners *fo = &res->owners[fi];
			const gate_review *r = NULL;

			if (!fo->matched ||
			    !gate_check_blocking_review(&r, ctx, fo->owners, fo->nowners))
				continue;
			gate_buf_clear(&msg);
			if (gate_strlist_add(&req->failing, r->login, err) < 0 ||
			    gate_buf_printf(&msg, err,
					    "%s, a code owner of %s, has requested changes",
					    r->login, ctx->change->files[fi].path) < 0 ||
			    gate_check_violation(res, t, "approvals", ctx->change->files[fi].path,
						 msg.ptr,
						 "address the requested changes and ask that owner "
						 "for a new review (or have the review dismissed)",
						 err) < 0)
				goto fail;
			n++;
		}
	}
	gate_buf_dispose(&msg);
	return n;
fail:
	gate_buf_dispose(&msg);
	return -1;
}

int gate_check_approvals(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err)
{
	const gate_tier *t = &ctx->policy->tiers[tier];
	long long extra = 0, ai_lines = 0, need;
	gate_requirement *req;
	gate_buf msg = GATE_BUF_INIT(1u << 16);
	gate_req_status status;
	size_t i, napprovers = gate_check_napprovers(ctx, tier);
	long blocked;
	int error = -1;

	if (t->require.has_provenance && t->require.provenance.ai_extra_approvals > 0 &&
	    gate_check_ai_touches(res, ctx, tier))
		extra = t->require.provenance.ai_extra_approvals;
	/* Only AI-written lines in this tier's own files ask for these: an AI
	 * that touched a comment in another tier does not (docs/policy.md,
	 * "`ai_lines`"). */
	if (t->require.ai_lines && t->require.ai_lines->approvals > 0 &&
	    gate_check_ai_lines_in_tier(res, ctx, tier) > 0)
		ai_lines = t->require.ai_lines->approvals;
	need = t->require.approvals + extra + ai_lines;
	if (need <= 0)
		return 0;
	if (!ctx->approvers_known) {
		if (gate_buf_printf(&msg, err,
				    "tier \"%s\" needs %lld approval(s)%s, and who approved is not "
				    "known",
				    t->name, need,
				    extra || ai_lines ? " (more because AI assisted it)" : "") <
			0 ||
		    gate_result_add_requirement(res, NULL, t->name, "approvals",
						GATE_REQ_UNVERIFIED, msg.ptr, err) < 0 ||
		    gate_check_violation(res, t, "approvals", NULL, msg.ptr,
					 gate_check_unknown_approvals(ctx), err) < 0)
			goto done;
		error = 0;
		goto done;
	}
	if (gate_buf_printf(&msg, err, "%zu distinct human approval(s); tier \"%s\" needs %lld",
			    napprovers, t->name, need) < 0 ||
	    (extra &&
	     gate_buf_printf(&msg, err, " (%lld + %lld because an AI-assisted commit touches it)",
			     t->require.approvals, extra) < 0) ||
	    (ai_lines && gate_buf_printf(&msg, err, " (+ %lld because AI-written lines land in it)",
					 ai_lines) < 0) ||
	    (ctx->nunverified &&
	     gate_buf_printf(&msg, err,
			     "; %zu approval(s) unverified and not counted: write access not shown",
			     ctx->nunverified) < 0))
		goto done;
	if (gate_result_add_requirement(res, &req, t->name, "approvals", GATE_REQ_PASS, msg.ptr,
					err) < 0)
		goto done;
	for (i = 0; i < ctx->napprovers; i++)
		if (gate_approver_counts_for(&ctx->approvers[i], tier) &&
		    gate_strlist_add(&req->passing, gate_approver_name(&ctx->approvers[i]), err) <
			0)
			goto done;
	if ((blocked = blocking(res, ctx, tier, req, err)) < 0)
		goto done;
	status = GATE_REQ_PASS;
	if (blocked)
		status = GATE_REQ_FAIL;
	else if ((long long)napprovers < need)
		status = ctx->nunverified ? GATE_REQ_UNVERIFIED : GATE_REQ_FAIL;
	req->status = status;
	if (!blocked && status != GATE_REQ_PASS &&
	    gate_check_violation(res, t, "approvals", NULL, msg.ptr,
				 ctx->nunverified
				     ? gate_check_unverified_hint
				     : "ask for more reviews; the change's author, its other "
				       "contributors and bots never count",
				 err) < 0)
		goto done;
	error = 0;
done:
	gate_buf_dispose(&msg);
	return error;
}

int gate_check_approvals_text(gate_buf *out, const char *sep, const gate_policy *policy,
			      const gate_tier *tier, gate_error *err)
{
	int error;

	(void)policy;
	if (tier->require.approvals <= 0)
		return 0;
	if ((error = gate_buf_printf(out, err, "%sapprovals: %lld", sep, tier->require.approvals)) <
	    0)
		return error;
	return 1;
}

int gate_check_approvals_json(struct cJSON *requires, const gate_policy *policy,
			      const gate_tier *tier, gate_error *err)
{
	int error;

	if ((error = gate_jsonout__add_number(requires, "approvals",
					      (double)tier->require.approvals, err)) < 0)
		return error;
	return gate_jsonout__add_text(requires, "changes_requested",
				      changes_requested(policy, tier), err);
}
