/*
 * Who must approve (SPEC 3.2, 4): a number of distinct human approvals
 * (more when AI assisted the change), approvals from named reviewers or
 * teams, and an approval from a code owner of every file. Where approvals
 * cannot be known the requirement is "unverified", which fails.
 */
#include "riskgate/banned.h"

#include "checks.h"

#include <stdio.h>
#include <strings.h>

#include "riskgate/buf.h"

static int violation(gate_result *res, const gate_tier *t, const char *check,
		     const char *path, const char *message, const char *hint, gate_error *err)
{
	gate_violation v = {0};

	v.check = (char *)check;
	v.tier = t->name;
	v.severity = GATE_SEV_ERROR;
	v.path = (char *)path;
	v.message = (char *)message;
	v.hint = (char *)hint;
	return gate_result_add_violation(res, &v, err);
}

static const char unknown_hint[] =
	"pass the pull request's reviews with --approvals FILE (GitHub's reviews JSON), or "
	"set trust_review_trailers in the policy where review happens before the push";

/* An approver's name for the report. */
static const char *approver_name(const gate_approver *a)
{
	return a->login ? a->login : a->ident;
}

/* Whether approver `a` is named by `spec` (login, @org/team or email). */
static int approver_matches(const gate_approver *a, const char *spec, const gate_teams *teams)
{
	if (a->login)
		return gate_reviewer_matches(spec, a->login, teams);
	if (a->email && spec[0] != '@' && strchr(spec, '@'))
		return strcasecmp(spec, a->email) == 0;
	return 0;
}

static int is_team(const char *spec)
{
	return spec[0] == '@' && strchr(spec + 1, '/') != NULL;
}

static int any_ai_commit(gate_result *res, gate_check_ctx *ctx, size_t tier)
{
	size_t c;

	for (c = 0; c < res->nprovenance; c++)
		if (res->provenance[c].ai_assisted &&
		    ctx->commit_tiers[c * ctx->policy->ntiers + tier])
			return 1;
	return 0;
}

int gate_check_approvals(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err)
{
	const gate_tier *t = &ctx->policy->tiers[tier];
	long long extra = 0, need;
	gate_requirement *req;
	gate_buf msg = GATE_BUF_INIT(1u << 16);
	size_t i;
	int error = -1;

	if (t->require.has_provenance && t->require.provenance.ai_extra_approvals > 0 &&
	    any_ai_commit(res, ctx, tier))
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
		    violation(res, t, "approvals", NULL, msg.ptr, unknown_hint, err) < 0)
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
		if (gate_strlist_add(&req->passing, approver_name(&ctx->approvers[i]), err) < 0)
			goto done;
	if ((long long)ctx->napprovers < need &&
	    violation(res, t, "approvals", NULL, msg.ptr,
		      "ask for more reviews; the change's author and bots never count", err) < 0)
		goto done;
	error = 0;
done:
	gate_buf_dispose(&msg);
	return error;
}

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
		if (gate_buf_printf(&names, err, "%s%s", s ? ", " : "", t->require.reviewers[s]) < 0)
			goto done;
		if (is_team(t->require.reviewers[s]) && !gate_teams_known(teams, t->require.reviewers[s]))
			unresolved++;
	}
	if (!ctx->approvers_known) {
		if (gate_buf_printf(&msg, err,
				    "tier \"%s\" needs %lld approval(s) from %s, and who approved "
				    "is not known",
				    t->name, t->require.reviewers_min, names.ptr) < 0 ||
		    gate_result_add_requirement(res, NULL, t->name, "reviewers",
						GATE_REQ_UNVERIFIED, msg.ptr, err) < 0 ||
		    violation(res, t, "reviewers", NULL, msg.ptr, unknown_hint, err) < 0)
			goto done;
		error = 0;
		goto done;
	}
	if (gate_result_add_requirement(res, &req, t->name, "reviewers", GATE_REQ_PASS, "", err) <
	    0)
		goto done;
	for (i = 0; i < ctx->napprovers; i++) {
		for (s = 0; s < t->require.nreviewers; s++) {
			if (approver_matches(&ctx->approvers[i], t->require.reviewers[s], teams)) {
				matched++;
				if (gate_strlist_add(&req->passing,
						     approver_name(&ctx->approvers[i]), err) < 0)
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
				    violation(res, t, "reviewers", NULL, msg.ptr,
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
		status = unresolved ? GATE_REQ_UNVERIFIED : GATE_REQ_FAIL;
	gate_buf_clear(&msg);
	if (gate_buf_printf(&msg, err, "%zu of the required %lld approval(s) from %s%s%s", matched,
			    t->require.reviewers_min, names.ptr,
			    blocked ? "; changes requested by a required reviewer" : "",
			    status == GATE_REQ_UNVERIFIED
				    ? "; a team is not in the teams file (--teams FILE)"
				    : "") < 0)
		goto done;
	free(req->detail);
	if (!(req->detail = gate_strdup(msg.ptr, err)))
		goto done;
	req->status = status;
	if (!blocked && status != GATE_REQ_PASS &&
	    violation(res, t, "reviewers", NULL, msg.ptr,
		      status == GATE_REQ_UNVERIFIED
			      ? "pass the team members with --teams FILE ({\"org/team\": [\"login\"]})"
			      : "ask one of the required reviewers to review and approve",
		      err) < 0)
		goto done;
	error = 0;
done:
	gate_buf_dispose(&msg);
	gate_buf_dispose(&names);
	return error;
}

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
		    violation(res, t, "codeowners", NULL, msg.ptr,
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
			    violation(res, t, "codeowners", f->path, msg.ptr,
				      "add an owner for this path to CODEOWNERS on the base branch",
				      err) < 0)
				goto done;
			continue;
		}
		for (o = 0; o < fo->nowners; o++) {
			if (gate_buf_printf(&owners, err, "%s%s", o ? ", " : "", fo->owners[o]) < 0)
				goto done;
			if (is_team(fo->owners[o]) && !gate_teams_known(teams, fo->owners[o]))
				unresolved = 1;
			for (k = 0; ctx->approvers_known && k < ctx->napprovers; k++)
				if (approver_matches(&ctx->approvers[k], fo->owners[o], teams))
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
			    violation(res, t, "codeowners", f->path, msg.ptr,
				      !ctx->approvers_known ? unknown_hint
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
		    violation(res, t, "codeowners", f->path, msg.ptr,
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
