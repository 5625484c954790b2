/*
 * Helpers the checks share: recording a violation, and matching approvers
 * against reviewer and owner specs.
 */
#include "riskgate/banned.h"

#include "checks.h"

#include <stdio.h>
#include <string.h>

#include "riskgate/buf.h"
#include "riskgate/escape.h"
#include "riskgate/identity.h"

int gate_check_violation(gate_result *res, const gate_tier *t, const char *check, const char *path,
			 const char *message, const char *hint, gate_error *err)
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

const char *gate_check_unknown_approvals(const gate_check_ctx *ctx)
{
	/* On a push, approvals are unknown only when the policy trusts no
	 * review trailers: nothing in the push can show a review. */
	if (ctx->opts && ctx->opts->push)
		return "no push can show a review here (the policy trusts no Reviewed-by "
		       "trailers): open a pull/merge request for this change and have it "
		       "reviewed there; ask the server's administrators how reviewed changes "
		       "reach this ref";
	return "pass the pull request's reviews with --approvals FILE (GitHub's reviews JSON) "
	       "and the reviewers' permissions with --permissions FILE, or, where review happens "
	       "before the push, name the trusted committers of review trailers in the policy "
	       "(review_trailers)";
}

const char *gate_check_teams_hint(const gate_check_ctx *ctx)
{
	if (ctx->opts && ctx->opts->push)
		return "the hook cannot tell who is in a team (a push carries no team "
		       "membership): only a Reviewed-by trailer from someone named by login or "
		       "e-mail counts here; ask the maintainers to name such a reviewer";
	return "pass the team members with --teams FILE ({\"org/team\": [\"login\"]})";
}

const char *gate_check_no_signers_hint(const gate_check_ctx *ctx)
{
	if (ctx->opts && ctx->opts->push)
		return "this server's hook runs without an allowed signers file or an OpenPGP "
		       "keyring, so it can verify no signature and no push can meet this "
		       "requirement: ask the server's administrators to install the hook with "
		       "--allowed-signers (or --openpgp-keyring)";
	return "pass --allowed-signers FILE (git's gpg.ssh.allowedSignersFile format) for SSH "
	       "signatures, --openpgp-keyring FILE (gpg --export) for OpenPGP ones";
}

const char gate_check_unverified_hint[] =
    "pass each approver's repository permission with --permissions FILE ({\"login\": "
    "\"write\"}, from GET /repos/O/R/collaborators/LOGIN/permission); author_association "
    "does not show write access";

int gate_check_blocking_review(const gate_review **out, const gate_check_ctx *ctx,
			       const char *const *owners, size_t nowners)
{
	const gate_approvals *reviews = ctx->opts ? ctx->opts->approvals : NULL;
	const gate_teams *teams = ctx->opts ? ctx->opts->teams : NULL;
	size_t i, o;

	*out = NULL;
	for (i = 0; reviews && i < reviews->count; i++) {
		const gate_review *r = &reviews->items[i];

		if (r->state != GATE_REVIEW_CHANGES_REQUESTED)
			continue;
		for (o = 0; o < nowners; o++)
			if (gate_reviewer_matches(owners[o], r->login, teams)) {
				*out = r;
				return 1;
			}
	}
	return 0;
}

int gate_approver_counts_for(const gate_approver *a, size_t tier)
{
	return !a->tiers || a->tiers[tier];
}

size_t gate_check_napprovers(const gate_check_ctx *ctx, size_t tier)
{
	size_t i, n = 0;

	for (i = 0; i < ctx->napprovers; i++)
		n += (size_t)gate_approver_counts_for(&ctx->approvers[i], tier);
	return n;
}

/* An approver's name for the report. */
const char *gate_approver_name(const gate_approver *a)
{
	return a->login ? a->login : a->ident;
}

/* Whether approver `a` is named by `spec` (login, @org/team or email). */
int gate_approver_matches(const gate_approver *a, const char *spec, const gate_teams *teams)
{
	if (a->login)
		return gate_reviewer_matches(spec, a->login, teams);
	if (a->email && gate_identity_spec_is_email(spec))
		return gate_identity_email_eq(spec, a->email);
	return 0;
}

int gate_check_ai_touches(const gate_result *res, const gate_check_ctx *ctx, size_t tier)
{
	size_t c;

	for (c = 0; c < res->nprovenance; c++)
		if (res->provenance[c].ai_assisted &&
		    ctx->commit_tiers[c * ctx->policy->ntiers + tier])
			return 1;
	return 0;
}

int gate_check_describe_name(gate_buf *out, const char *s, gate_error *err)
{
	if (!s)
		s = "";
	return gate_escape_terminal_name(out, s, strlen(s), err);
}
