/*
 * The codeowners requirement (SPEC 3.2): every changed file of the tier
 * approved by one of its owners under the base revision's CODEOWNERS.
 */
#include "riskgate/banned.h"

#include "checks.h"

#include <stdio.h>
#include <strings.h>

#include "riskgate/buf.h"

int gate_check_codeowners(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err)
{
	const gate_tier *t = &ctx->policy->tiers[tier];
	const gate_teams *teams = ctx->opts ? ctx->opts->teams : NULL;
	gate_requirement *req;
	gate_buf msg = GATE_BUF_INIT(1u << 16), owners = GATE_BUF_INIT(1u << 16);
	size_t i, k, o, nfail = 0, nunverified = 0;
	int error = -1;

	if (!t->require.codeowners)
		return 0;
	if (!ctx->opts || !ctx->opts->codeowners) {
		if (gate_buf_printf(&msg, err,
				    "tier \"%s\" requires code-owner approval, but the base "
				    "revision has no CODEOWNERS file (.github/, root or docs/)",
				    t->name) < 0 ||
		    gate_result_add_requirement(res, NULL, t->name, "codeowners", GATE_REQ_FAIL,
						msg.ptr, err) < 0 ||
		    gate_check_violation(res, t, "codeowners", NULL, msg.ptr,
			      "add a CODEOWNERS file on the base branch", err) < 0)
			goto done;
		error = 0;
		goto done;
	}
	if (gate_result_add_requirement(res, &req, t->name, "codeowners", GATE_REQ_PASS, "", err) <
	    0)
		goto done;
	for (i = 0; i < ctx->tier_nfiles[tier]; i++) {
		size_t fi = ctx->tier_files[tier][i];
		const gate_file *f = &ctx->change->files[fi];
		const gate_file_owners *fo = &res->owners[fi];
		int approved = 0, unresolved = 0;

		gate_buf_clear(&msg);
		gate_buf_clear(&owners);
		if (!fo->matched || fo->nowners == 0) {
			nfail++;
			if (gate_strlist_addn(&req->failing, f->path, f->path_len, err) < 0 ||
			    gate_buf_printf(&msg, err,
					    "%s is in tier \"%s\", which requires a code owner's "
					    "approval, and CODEOWNERS gives it no owner",
					    f->path, t->name) < 0 ||
			    gate_check_violation(res, t, "codeowners", f->path, msg.ptr,
				      "add an owner for this path to CODEOWNERS on the base branch",
				      err) < 0)
				goto done;
			continue;
		}
		for (o = 0; o < fo->nowners; o++) {
			if (gate_buf_printf(&owners, err, "%s%s", o ? ", " : "", fo->owners[o]) < 0)
				goto done;
			if (gate_reviewer_is_team(fo->owners[o]) && !gate_teams_known(teams, fo->owners[o]))
				unresolved = 1;
			for (k = 0; ctx->approvers_known && k < ctx->napprovers; k++)
				if (gate_approver_matches(&ctx->approvers[k], fo->owners[o], teams))
					approved = 1;
		}
		if (approved) {
			if (gate_strlist_addn(&req->passing, f->path, f->path_len, err) < 0)
				goto done;
			continue;
		}
		if (gate_strlist_addn(&req->failing, f->path, f->path_len, err) < 0)
			goto done;
		if (!ctx->approvers_known || unresolved) {
			nunverified++;
			if (gate_buf_printf(&msg, err,
					    "%s needs an approval from one of its code owners (%s), "
					    "and %s",
					    f->path, owners.ptr,
					    !ctx->approvers_known ? "who approved is not known"
								  : "a team is not in the teams file") < 0 ||
			    gate_check_violation(res, t, "codeowners", f->path, msg.ptr,
				      !ctx->approvers_known ? gate_check_unknown_approvals
							    : "pass the team members with --teams FILE",
				      err) < 0)
				goto done;
			continue;
		}
		nfail++;
		if (gate_buf_printf(&msg, err,
				    "%s needs an approval from one of its code owners (%s, "
				    "CODEOWNERS line %u)",
				    f->path, owners.ptr, fo->line) < 0 ||
		    gate_check_violation(res, t, "codeowners", f->path, msg.ptr,
			      "ask one of the file's code owners to approve", err) < 0)
			goto done;
	}
	gate_buf_clear(&msg);
	if (gate_buf_printf(&msg, err,
			    "%zu file(s) with a code owner's approval, %zu without, %zu unverified "
			    "(CODEOWNERS: %s)",
			    req->passing.count, nfail, nunverified,
			    ctx->opts->codeowners_file ? ctx->opts->codeowners_file : "?") < 0)
		goto done;
	free(req->detail);
	if (!(req->detail = gate_strdup(msg.ptr, err)))
		goto done;
	req->status = nfail ? GATE_REQ_FAIL : nunverified ? GATE_REQ_UNVERIFIED : GATE_REQ_PASS;
	error = 0;
done:
	gate_buf_dispose(&msg);
	gate_buf_dispose(&owners);
	return error;
}
