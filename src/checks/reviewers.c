/*
 * The reviewers requirement (docs/policy.md, "Requirements" and "Who approved"): approvals from
 * named logins,
 * @org/team teams or emails (review trailers), and no standing request for
 * changes from any of them.
 */
#include "riskgate/banned.h"

#include "checks.h"
#include "jsonout.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "riskgate/buf.h"
#include "riskgate/identity.h"

int gate_check_reviewers(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err)
{
	const gate_tier *t = &ctx->policy->tiers[tier];
	const gate_teams *teams = ctx->opts ? ctx->opts->teams : NULL;
	const gate_approvals *reviews = ctx->opts ? ctx->opts->approvals : NULL;
	gate_requirement *req;
	gate_buf msg = GATE_BUF_INIT(1u << 16), names = GATE_BUF_INIT(1u << 16);
	size_t i, s, matched = 0, blocked = 0, unresolved = 0;
	gate_req_status status;
	int error = -1;

	if (t->require.nreviewers == 0 || t->require.reviewers_min <= 0)
		return 0;
	for (s = 0; s < t->require.nreviewers; s++) {
		if (gate_buf_printf(&names, err, "%s%s", s ? ", " : "", t->require.reviewers[s]) <
		    0)
			goto done;
		if (gate_identity_spec_is_team(t->require.reviewers[s]) &&
		    !gate_teams_known(teams, t->require.reviewers[s]))
			unresolved++;
	}
	if (!ctx->approvers_known) {
		if (gate_buf_printf(&msg, err,
				    "tier \"%s\" needs %lld approval(s) from %s, and who approved "
				    "is not known",
				    t->name, t->require.reviewers_min, names.ptr) < 0 ||
		    gate_result_add_requirement(res, NULL, t->name, "reviewers",
						GATE_REQ_UNVERIFIED, msg.ptr, err) < 0 ||
		    gate_check_violation(res, t, "reviewers", NULL, msg.ptr,
					 gate_check_unknown_approvals(ctx), err) < 0)
			goto done;
		error = 0;
		goto done;
	}
	if (gate_result_add_requirement(res, &req, t->name, "reviewers", GATE_REQ_PASS, "", err) <
	    0)
		goto done;
	for (i = 0; i < ctx->napprovers; i++) {
		if (!gate_approver_counts_for(&ctx->approvers[i], tier))
			continue;
		for (s = 0; s < t->require.nreviewers; s++) {
			if (gate_approver_matches(&ctx->approvers[i], t->require.reviewers[s],
						  teams)) {
				matched++;
				if (gate_strlist_add(&req->passing,
						     gate_approver_name(&ctx->approvers[i]),
						     err) < 0)
					goto done;
				break;
			}
		}
	}
	/* A standing request for changes from a required reviewer blocks. */
	for (i = 0; reviews && i < reviews->count; i++) {
		const gate_review *r = &reviews->items[i];

		if (r->state != GATE_REVIEW_CHANGES_REQUESTED)
			continue;
		for (s = 0; s < t->require.nreviewers; s++) {
			if (gate_reviewer_matches(t->require.reviewers[s], r->login, teams)) {
				blocked++;
				if (gate_strlist_add(&req->failing, r->login, err) < 0)
					goto done;
				gate_buf_clear(&msg);
				if (gate_buf_printf(&msg, err,
						    "%s, a required reviewer of tier \"%s\", has "
						    "requested changes",
						    r->login, t->name) < 0 ||
				    gate_check_violation(
					res, t, "reviewers", NULL, msg.ptr,
					"address the requested changes and ask for a new "
					"review",
					err) < 0)
					goto done;
				break;
			}
		}
	}
	status = GATE_REQ_PASS;
	if (blocked)
		status = GATE_REQ_FAIL;
	else if ((long long)matched < t->require.reviewers_min)
		status = unresolved || ctx->nunverified ? GATE_REQ_UNVERIFIED : GATE_REQ_FAIL;
	gate_buf_clear(&msg);
	if (gate_buf_printf(&msg, err, "%zu of the required %lld approval(s) from %s%s%s%s",
			    matched, t->require.reviewers_min, names.ptr,
			    blocked ? "; changes requested by a required reviewer" : "",
			    status == GATE_REQ_UNVERIFIED && unresolved
				? "; a team is not in the teams file (--teams FILE)"
				: "",
			    status == GATE_REQ_UNVERIFIED && ctx->nunverified
				? "; approvals whose write access is not shown do not count"
				: "") < 0)
		goto done;
	free(req->detail);
	if (!(req->detail = gate_strdup(msg.ptr, err)))
		goto done;
	req->status = status;
	if (!blocked && status != GATE_REQ_PASS &&
	    gate_check_violation(res, t, "reviewers", NULL, msg.ptr,
				 status == GATE_REQ_UNVERIFIED && unresolved
				     ? gate_check_teams_hint(ctx)
				 : status == GATE_REQ_UNVERIFIED
				     ? gate_check_unverified_hint
				     : "ask one of the required reviewers to review and approve",
				 err) < 0)
		goto done;
	error = 0;
done:
	gate_buf_dispose(&msg);
	gate_buf_dispose(&names);
	return error;
}

int gate_check_reviewers_text(gate_buf *out, const char *sep, const gate_policy *policy,
			      const gate_tier *tier, gate_error *err)
{
	const gate_require *r = &tier->require;
	size_t i;
	int error;

	(void)policy;
	if (!r->nreviewers || r->reviewers_min <= 0)
		return 0;
	if ((error = gate_buf_printf(out, err, "%s%lld of reviewers:", sep, r->reviewers_min)) < 0)
		return error;
	for (i = 0; i < r->nreviewers; i++)
		if ((error = gate_buf_putc(out, ' ', err)) < 0 ||
		    (error = gate_check_describe_name(out, r->reviewers[i], err)) < 0)
			return error;
	return 1;
}

int gate_check_reviewers_json(struct cJSON *requires, const gate_policy *policy,
			      const gate_tier *tier, gate_error *err)
{
	const gate_require *r = &tier->require;
	cJSON *arr;
	size_t i;

	(void)policy;
	if (gate_jsonout__add_array(&arr, requires, "reviewers", err) < 0)
		return -1;
	for (i = 0; i < r->nreviewers; i++)
		if (gate_jsonout__push(
			arr,
			gate_jsonout__text(r->reviewers[i], strlen(r->reviewers[i]), NULL, err),
			err) < 0)
			return -1;
	return gate_jsonout__add_number(requires, "reviewers_min", (double)r->reviewers_min, err);
}
