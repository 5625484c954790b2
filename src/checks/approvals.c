/*
 * The approvals requirement (SPEC 3.2, 4): a number of distinct approving
 * humans, more when an AI-assisted commit touches the tier. Where who
 * approved cannot be known, the requirement is "unverified", which fails.
 */
#include "riskgate/banned.h"

#include "checks.h"

#include <stdio.h>
#include <strings.h>

#include "riskgate/buf.h"

int gate_check_approvals(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err)
{
	const gate_tier *t = &ctx->policy->tiers[tier];
	long long extra = 0, need;
	gate_requirement *req;
	gate_buf msg = GATE_BUF_INIT(1u << 16);
	size_t i;
	int error = -1;

	if (t->require.has_provenance && t->require.provenance.ai_extra_approvals > 0 &&
	    gate_check_ai_touches(res, ctx, tier))
		extra = t->require.provenance.ai_extra_approvals;
	need = t->require.approvals + extra;
	if (need <= 0)
		return 0;
	if (!ctx->approvers_known) {
		if (gate_buf_printf(&msg, err,
				    "tier \"%s\" needs %lld approval(s)%s, and who approved is not "
				    "known",
				    t->name, need, extra ? " (more because AI assisted it)" : "") < 0 ||
		    gate_result_add_requirement(res, NULL, t->name, "approvals",
						GATE_REQ_UNVERIFIED, msg.ptr, err) < 0 ||
		    gate_check_violation(res, t, "approvals", NULL, msg.ptr, gate_check_unknown_approvals, err) < 0)
			goto done;
		error = 0;
		goto done;
	}
	if (gate_buf_printf(&msg, err, "%zu distinct human approval(s); tier \"%s\" needs %lld",
			    ctx->napprovers, t->name, need) < 0 ||
	    (extra && gate_buf_printf(&msg, err,
				      " (%lld + %lld because an AI-assisted commit touches it)",
				      t->require.approvals, extra) < 0))
		goto done;
	if (gate_result_add_requirement(res, &req, t->name, "approvals",
					(long long)ctx->napprovers >= need ? GATE_REQ_PASS
									  : GATE_REQ_FAIL,
					msg.ptr, err) < 0)
		goto done;
	for (i = 0; i < ctx->napprovers; i++)
		if (gate_strlist_add(&req->passing, gate_approver_name(&ctx->approvers[i]), err) < 0)
			goto done;
	if ((long long)ctx->napprovers < need &&
	    gate_check_violation(res, t, "approvals", NULL, msg.ptr,
		      "ask for more reviews; the change's author and bots never count", err) < 0)
		goto done;
	error = 0;
done:
	gate_buf_dispose(&msg);
	return error;
}
