/*
 * The codeowners requirement (docs/policy.md, "Requirements"): every changed file of the tier
 * approved by one of its owners under the base revision's CODEOWNERS, and
 * not blocked by a standing request for changes from one of them. A file
 * renamed (or moved) needs this of the owners of its old path and of its
 * new one: moving code out of a folder must not take it from its owners.
 * Under GitLab's dialect (docs/policy.md, "`codeowners`") each section that owns a path
 * needs its own count of approvals from its owners; optional sections never block.
 */
#include "riskgate/banned.h"

#include "checks.h"
#include "jsonout.h"

#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "riskgate/buf.h"
#include "riskgate/identity.h"

/* The owners of one path of a file: `path` with its CODEOWNERS verdict. */
typedef struct {
	const char *path;
	int matched;
	unsigned line;
	const char *const *owners;
	size_t nowners;
} path_owners;

/*
 * Judges one path's owners for file `f` of tier `t`: records a violation
 * and returns 1 when the path has no owner, an owner requested changes, or
 * no owner approved; sets *unverified when the missing approval may exist
 * but cannot be known. Returns 0 when an owner approved, -1 on error.
 */
static int judge_path(gate_result *res, gate_check_ctx *ctx, const gate_tier *t, const gate_file *f,
		      const path_owners *po, int old, int *unverified, gate_error *err)
{
	const gate_teams *teams = ctx->opts ? ctx->opts->teams : NULL;
	const gate_review *blocker = NULL;
	gate_buf msg = GATE_BUF_INIT(1u << 16), owners = GATE_BUF_INIT(1u << 16);
	const char *which = old ? " (its old path, before the rename)" : "";
	size_t k, o;
	int approved = 0, unresolved = 0, error = -1;

	*unverified = 0;
	if (!po->matched || po->nowners == 0) {
		if (gate_buf_printf(&msg, err,
				    "%s%s%s%s is in tier \"%s\", which requires a code owner's "
				    "approval, and CODEOWNERS gives it no owner",
				    po->path, old ? " (old path of " : "", old ? f->path : "",
				    old ? ")" : "", t->name) < 0 ||
		    gate_check_violation(res, t, "codeowners", f->path, msg.ptr,
					 "add an owner for this path to CODEOWNERS on the base "
					 "branch",
					 err) < 0)
			goto done;
		error = 1;
		goto done;
	}
	for (o = 0; o < po->nowners; o++) {
		if (gate_buf_printf(&owners, err, "%s%s", o ? ", " : "", po->owners[o]) < 0)
			goto done;
		if (gate_identity_spec_is_team(po->owners[o]) &&
		    !gate_teams_known(teams, po->owners[o]))
			unresolved = 1;
		for (k = 0; ctx->approvers_known && k < ctx->napprovers; k++)
			if (gate_approver_counts_for(&ctx->approvers[k],
						     (size_t)(t - ctx->policy->tiers)) &&
			    gate_approver_matches(&ctx->approvers[k], po->owners[o], teams))
				approved = 1;
	}
	/* A code owner's standing request for changes blocks, whoever else
	 * approved, until it is dismissed or replaced by their approval. */
	if (gate_check_blocking_review(&blocker, ctx, po->owners, po->nowners)) {
		if (gate_buf_printf(&msg, err,
				    "%s, a code owner of %s%s (%s), has requested changes",
				    blocker->login, po->path, which, owners.ptr) < 0 ||
		    gate_check_violation(res, t, "codeowners", f->path, msg.ptr,
					 "address the requested changes and ask that owner for a "
					 "new review (or have the review dismissed)",
					 err) < 0)
			goto done;
		error = 1;
		goto done;
	}
	if (approved) {
		error = 0;
		goto done;
	}
	if (!ctx->approvers_known || unresolved) {
		*unverified = 1;
		if (gate_buf_printf(
			&msg, err,
			"%s%s needs an approval from one of its code owners (%s), and %s", po->path,
			which, owners.ptr,
			!ctx->approvers_known ? "who approved is not known"
					      : "a team is not in the teams file") < 0 ||
		    gate_check_violation(res, t, "codeowners", f->path, msg.ptr,
					 !ctx->approvers_known ? gate_check_unknown_approvals(ctx)
							       : gate_check_teams_hint(ctx),
					 err) < 0)
			goto done;
		error = 1;
		goto done;
	}
	if (ctx->nunverified)
		*unverified = 1;
	if (gate_buf_printf(&msg, err,
			    "%s%s needs an approval from one of its code owners (%s, CODEOWNERS "
			    "line %u)%s",
			    po->path, which, owners.ptr, po->line,
			    ctx->nunverified ? "; approvals whose write access is not shown do "
					       "not count"
					     : "") < 0 ||
	    gate_check_violation(res, t, "codeowners", f->path, msg.ptr,
				 ctx->nunverified ? gate_check_unverified_hint
						  : "ask one of the file's code owners to approve",
				 err) < 0)
		goto done;
	error = 1;
done:
	gate_buf_dispose(&msg);
	gate_buf_dispose(&owners);
	return error;
}

/*
 * GitLab: judges one path of file `f` section by section. Every required
 * section with a matching entry needs `approvals` distinct approvers among
 * its owners and no standing request for changes from one of them. Records
 * a violation per failing section. Returns 1 when a section fails (with
 * *unverified set when only unknowable approvals are missing), 0 when all
 * pass, -1 on error.
 */
static int judge_sections(gate_result *res, gate_check_ctx *ctx, const gate_tier *t,
			  const gate_file *f, const gate_codeowners *co, const char *path,
			  size_t len, int old, int *unverified, gate_error *err)
{
	const gate_teams *teams = ctx->opts ? ctx->opts->teams : NULL;
	const char *which = old ? " (its old path, before the rename)" : "";
	gate_codeowners_hit *hits = NULL;
	gate_buf msg = GATE_BUF_INIT(1u << 16), owners = GATE_BUF_INIT(1u << 16);
	size_t nhits = 0, h, k, o, count;
	int rc, failed = 0, unknown = 0, error = -1;

	*unverified = 0;
	hits = gate_reallocarray(NULL, gate_codeowners_nsections(co), sizeof(*hits), err);
	if (!hits)
		goto done;
	if ((rc = gate_codeowners_match_sections(co, path, len, hits, &nhits, err)) < 0)
		goto done;
	if (rc == 0) {
		if (gate_buf_printf(&msg, err,
				    "%s%s is in tier \"%s\", which requires a code owner's "
				    "approval, and no CODEOWNERS section gives it an owner",
				    path, which, t->name) < 0 ||
		    gate_check_violation(res, t, "codeowners", f->path, msg.ptr,
					 "add an owner for this path to CODEOWNERS on the base "
					 "branch",
					 err) < 0)
			goto done;
		error = 1;
		goto done;
	}
	for (h = 0; h < nhits; h++) {
		const gate_codeowners_hit *hit = &hits[h];
		const gate_review *blocker = NULL;
		const char *name = hit->section[0] ? hit->section : "(no section)";
		int unresolved = 0;

		/* GitLab: optional sections never block. */
		if (hit->optional)
			continue;
		gate_buf_clear(&msg);
		gate_buf_clear(&owners);
		if (hit->nowners == 0) {
			if (gate_buf_printf(
				&msg, err,
				"%s%s: CODEOWNERS section [%s] (line %u) gives it no "
				"owner, and tier \"%s\" requires a code owner's approval",
				path, which, name, hit->line, t->name) < 0 ||
			    gate_check_violation(res, t, "codeowners", f->path, msg.ptr,
						 "name the owners of this path in that section",
						 err) < 0)
				goto done;
			failed = 1;
			continue;
		}
		for (o = 0; o < hit->nowners; o++) {
			if (gate_buf_printf(&owners, err, "%s%s", o ? ", " : "", hit->owners[o]) <
			    0)
				goto done;
			if (gate_identity_spec_is_team(hit->owners[o]) &&
			    !gate_teams_known(teams, hit->owners[o]))
				unresolved = 1;
		}
		/* Distinct approvers, each counted once however many of the
		 * section's owners they match. */
		for (k = 0, count = 0; ctx->approvers_known && k < ctx->napprovers; k++) {
			for (o = 0; o < hit->nowners; o++)
				if (gate_approver_matches(&ctx->approvers[k], hit->owners[o],
							  teams))
					break;
			count += o < hit->nowners;
		}
		if (gate_check_blocking_review(&blocker, ctx, hit->owners, hit->nowners)) {
			if (gate_buf_printf(&msg, err,
					    "%s, a code owner of %s%s in CODEOWNERS section [%s] "
					    "(%s), has requested changes",
					    blocker->login, path, which, name, owners.ptr) < 0 ||
			    gate_check_violation(res, t, "codeowners", f->path, msg.ptr,
						 "address the requested changes and ask that owner "
						 "for a new review (or have the review dismissed)",
						 err) < 0)
				goto done;
			failed = 1;
			continue;
		}
		if (count >= hit->approvals)
			continue;
		if (!ctx->approvers_known || unresolved || ctx->nunverified)
			unknown = 1;
		else
			failed = 1;
		if (gate_buf_printf(&msg, err,
				    "%s%s needs %u approval(s) from CODEOWNERS section [%s] (%s, "
				    "line %u) and has %zu%s",
				    path, which, hit->approvals, name, owners.ptr, hit->line, count,
				    !ctx->approvers_known ? "; who approved is not known"
				    : unresolved          ? "; a team is not in the teams file"
				    : ctx->nunverified    ? "; approvals whose write access is not "
							    "shown do not count"
							  : "") < 0 ||
		    gate_check_violation(res, t, "codeowners", f->path, msg.ptr,
					 !ctx->approvers_known ? gate_check_unknown_approvals(ctx)
					 : unresolved          ? gate_check_teams_hint(ctx)
					 : ctx->nunverified
					     ? gate_check_unverified_hint
					     : "ask the section's code owners to approve",
					 err) < 0)
			goto done;
	}
	*unverified = !failed && unknown;
	error = failed || unknown;
done:
	free(hits);
	gate_buf_dispose(&msg);
	gate_buf_dispose(&owners);
	return error;
}

int gate_check_codeowners(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err)
{
	const gate_tier *t = &ctx->policy->tiers[tier];
	gate_requirement *req;
	const gate_codeowners *gitlab = NULL;
	gate_buf msg = GATE_BUF_INIT(1u << 16);
	size_t i, nfail = 0, nunverified = 0;
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
	/* The file was read in the policy's dialect (gate_sources_codeowners). */
	if (gate_codeowners_dialect_of(ctx->opts->codeowners) == GATE_CODEOWNERS_GITLAB)
		gitlab = ctx->opts->codeowners;
	for (i = 0; i < ctx->tier_nfiles[tier]; i++) {
		size_t fi = ctx->tier_files[tier][i];
		const gate_file *f = &ctx->change->files[fi];
		const gate_file_owners *fo = &res->owners[fi];
		path_owners po[2];
		size_t np = 1, p;
		int failed = 0, unverified = 0, rc, u;

		if (gitlab) {
			for (p = 0; p < 2; p++) {
				/* A rename needs the old path's sections too. */
				if (p == 1 && !(f->status == GATE_STATUS_RENAMED && f->old_path))
					break;
				rc = judge_sections(
				    res, ctx, t, f, gitlab, p ? f->old_path : f->path,
				    p ? f->old_path_len : f->path_len, p == 1, &u, err);
				if (rc < 0)
					goto done;
				if (rc && u)
					unverified = 1;
				else if (rc)
					failed = 1;
			}
			goto tally;
		}
		po[0].path = f->path;
		po[0].matched = fo->matched;
		po[0].line = fo->line;
		po[0].owners = fo->owners;
		po[0].nowners = fo->nowners;
		/* A rename leaves the old path: its owners must approve too. A
		 * copy leaves the original where it was, under its owners. */
		if (f->status == GATE_STATUS_RENAMED && f->old_path) {
			po[1].path = f->old_path;
			rc = gate_codeowners_match(ctx->opts->codeowners, f->old_path,
						   f->old_path_len, &po[1].owners, &po[1].nowners,
						   &po[1].line, err);
			if (rc < 0)
				goto done;
			po[1].matched = rc;
			np = 2;
		}
		for (p = 0; p < np; p++) {
			if ((rc = judge_path(res, ctx, t, f, &po[p], p == 1, &u, err)) < 0)
				goto done;
			if (rc && u)
				unverified = 1;
			else if (rc)
				failed = 1;
		}
	tally:
		if (!failed && !unverified) {
			if (gate_strlist_addn(&req->passing, f->path, f->path_len, err) < 0)
				goto done;
			continue;
		}
		if (gate_strlist_addn(&req->failing, f->path, f->path_len, err) < 0)
			goto done;
		if (failed)
			nfail++;
		else
			nunverified++;
	}
	gate_buf_clear(&msg);
	if (gate_buf_printf(&msg, err,
			    "%zu file(s) with a code owner's approval, %zu without, %zu unverified "
			    "(CODEOWNERS: %s%s)",
			    req->passing.count, nfail, nunverified,
			    ctx->opts->codeowners_file ? ctx->opts->codeowners_file : "?",
			    gitlab ? ", GitLab sections" : "") < 0)
		goto done;
	free(req->detail);
	if (!(req->detail = gate_strdup(msg.ptr, err)))
		goto done;
	req->status = nfail ? GATE_REQ_FAIL : nunverified ? GATE_REQ_UNVERIFIED : GATE_REQ_PASS;
	error = 0;
done:
	gate_buf_dispose(&msg);
	return error;
}

int gate_check_codeowners_text(gate_buf *out, const char *sep, const gate_policy *policy,
			       const gate_tier *tier, gate_error *err)
{
	int error;

	if (!tier->require.codeowners)
		return 0;
	if ((error = gate_buf_printf(out, err, "%scodeowners%s", sep,
				     policy->codeowners_dialect == GATE_CODEOWNERS_GITLAB
					 ? " (GitLab sections)"
					 : "")) < 0)
		return error;
	return 1;
}

int gate_check_codeowners_json(struct cJSON *requires, const gate_policy *policy,
			       const gate_tier *tier, gate_error *err)
{
	(void)policy;
	return gate_jsonout__add_bool(requires, "codeowners", tier->require.codeowners, err);
}
