/*
 * Signed commits (docs/policy.md, "`signed_commits`"): every commit that
 * touches the tier carries a signature, valid over the commit, by a key
 * given to the commit's committer email: an SSH key of the allowed-signers
 * file or an OpenPGP key of the keyring. Without either nothing can be
 * verified, and the requirement is unverified, which fails.
 */
#include "riskgate/banned.h"

#include "checks.h"
#include "jsonout.h"

#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "riskgate/buf.h"
#include "riskgate/identity.h"
#include "riskgate/signature.h"
#include "riskgate/trailers.h"

static int commit_violation(gate_result *res, const gate_tier *t, const gate_commit *c,
			    const char *message, const char *hint, gate_error *err)
{
	gate_violation v = {0};

	v.check = (char *)"signed_commits";
	v.tier = t->name;
	v.severity = GATE_SEV_ERROR;
	v.commit = (char *)c->sha;
	v.message = (char *)message;
	v.hint = (char *)hint;
	return gate_result_add_violation(res, &v, err);
}

static const char signed_hint[] =
    "the committer signs with a key listed for their email, an SSH key in the allowed "
    "signers file (git -c gpg.format=ssh -c user.signingkey=KEY commit -S) or an OpenPGP "
    "key in the keyring (git -c user.signingkey=KEYID commit -S); for earlier commits, "
    "git rebase --exec 'git commit --amend --no-edit -S'";

int gate_check_signed_commits(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err)
{
	const gate_tier *t = &ctx->policy->tiers[tier];
	gate_allowed_signers *signers = ctx->opts ? ctx->opts->allowed_signers : NULL;
	gate_requirement *req;
	gate_buf msg = GATE_BUF_INIT(1u << 16);
	gate_sig_result r;
	size_t c, ntouching = 0, nbad = 0;
	int error = -1;

	if (!t->require.signed_commits)
		return 0;
	if (!ctx->repo)
		return gate_error_set(err, GATE_ERR_INTERNAL,
				      "signed commits need the repository's commits");
	if (gate_result_add_requirement(res, &req, t->name, "signed_commits", GATE_REQ_PASS, "",
					err) < 0)
		return -1;
	for (c = 0; c < ctx->change->ncommits; c++) {
		const gate_commit *commit = &ctx->change->commits[c];

		if (!ctx->commit_tiers[c * ctx->policy->ntiers + tier])
			continue;
		ntouching++;
		if (!signers) {
			nbad++;
			if (gate_strlist_add(&req->failing, commit->sha, err) < 0)
				goto done;
			continue;
		}
		if (gate_eval_expired(ctx, err) < 0 ||
		    gate_signature_commit_signed_by(&r, ctx->repo, commit->sha, signers,
						    commit->committer_email, err) < 0)
			goto done;
		if (r.status == GATE_SIG_VERIFIED) {
			if (gate_strlist_add(&req->passing, commit->sha, err) < 0)
				goto done;
			continue;
		}
		nbad++;
		gate_buf_clear(&msg);
		if (gate_buf_printf(&msg, err,
				    "commit %.12s touches tier \"%s\" and is not signed by its "
				    "committer <%.200s>: %s (%s)",
				    commit->sha, t->name,
				    commit->committer_email ? commit->committer_email : "",
				    gate_sig_status_name(r.status), r.detail) < 0 ||
		    commit_violation(res, t, commit, msg.ptr, signed_hint, err) < 0 ||
		    gate_strlist_add(&req->failing, commit->sha, err) < 0)
			goto done;
	}
	gate_buf_clear(&msg);
	if (!signers) {
		if (gate_buf_printf(
			&msg, err,
			"%zu commit(s) touch tier \"%s\"; their signatures cannot be "
			"verified without an allowed signers file (--allowed-signers FILE) or an "
			"OpenPGP keyring (--openpgp-keyring FILE)",
			ntouching, t->name) < 0)
			goto done;
		if (ntouching) {
			req->status = GATE_REQ_UNVERIFIED;
			if (gate_check_violation(res, t, "signed_commits", NULL, msg.ptr,
						 gate_check_no_signers_hint(ctx), err) < 0)
				goto done;
		}
	} else {
		if (gate_buf_printf(&msg, err,
				    "%zu of %zu commit(s) touching tier \"%s\" signed by their "
				    "committer",
				    ntouching - nbad, ntouching, t->name) < 0)
			goto done;
		if (nbad)
			req->status = GATE_REQ_FAIL;
	}
	free(req->detail);
	if (!(req->detail = gate_buf_detach(&msg))) {
		gate_error_set(err, GATE_ERR_NOMEM, "out of memory");
		goto done;
	}
	error = 0;
done:
	gate_buf_dispose(&msg);
	return error;
}

int gate_check_signed_commits_text(gate_buf *out, const char *sep, const gate_policy *policy,
				   const gate_tier *tier, gate_error *err)
{
	int error;

	(void)policy;
	if (!tier->require.signed_commits)
		return 0;
	if ((error = gate_buf_printf(out, err, "%ssigned commits", sep)) < 0)
		return error;
	return 1;
}

/* Present only when the tier asks for it, so that the output of policies
 * without signatures stays what it was. */
int gate_check_signed_commits_json(struct cJSON *requires, const gate_policy *policy,
				   const gate_tier *tier, gate_error *err)
{
	(void)policy;
	if (!tier->require.signed_commits)
		return 0;
	return gate_jsonout__add_bool(requires, "signed_commits", 1, err);
}

int gate_check_signed_by(char *why, size_t nwhy, gate_check_ctx *ctx, const gate_commit *commit,
			 const char *email, gate_error *err)
{
	gate_allowed_signers *signers = ctx->opts ? ctx->opts->allowed_signers : NULL;
	gate_sig_result r;

	if (!signers) {
		snprintf(why, nwhy,
			 "commit %.12s: its signature cannot be verified without an allowed "
			 "signers file (--allowed-signers FILE) or an OpenPGP keyring "
			 "(--openpgp-keyring FILE)",
			 commit->sha);
		return 1;
	}
	if (!ctx->repo)
		return gate_error_set(err, GATE_ERR_INTERNAL,
				      "signatures need the repository's commits");
	if (gate_signature_commit_signed_by(&r, ctx->repo, commit->sha, signers, email, err) < 0)
		return -1;
	if (r.status == GATE_SIG_VERIFIED)
		return 0;
	snprintf(why, nwhy, "commit %.12s is not signed by <%.100s>: %s (%s)", commit->sha, email,
		 gate_sig_status_name(r.status), r.detail);
	return 1;
}

int gate_check_signoff_signed(char *why, size_t nwhy, gate_check_ctx *ctx,
			      const gate_commit *commit, const gate_trailers *trailers,
			      gate_error *err)
{
	size_t i;
	int rc;

	snprintf(why, nwhy,
		 "commit %.12s has no Signed-off-by with the author's or committer's email",
		 commit->sha);
	for (i = 0; trailers && i < trailers->count; i++) {
		char *name = NULL, *email = NULL;

		if (strcasecmp(trailers->items[i].key, "Signed-off-by") != 0)
			continue;
		if (gate_ident_parse(trailers->items[i].value, &name, &email, err) < 0)
			return -1;
		rc = 1;
		if (email && email[0] &&
		    (gate_identity_email_eq(email, commit->author_email) ||
		     gate_identity_email_eq(email, commit->committer_email))) {
			rc = gate_check_signed_by(why, nwhy, ctx, commit, email, err);
		}
		free(name);
		free(email);
		if (rc <= 0)
			return rc;
	}
	return 1;
}
