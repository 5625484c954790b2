/*
 * Provenance requirements (docs/policy.md, "`provenance`") of a tier, over every commit that
 * touches it: AI-assisted commits where the tier forbids them, commits
 * without a provenance disclosure, and commits no human signed off.
 */
#include "riskgate/banned.h"

#include "checks.h"
#include "jsonout.h"

#include <stdio.h>

#include "riskgate/buf.h"

static int commit_violation(gate_result *res, const gate_tier *t, const gate_commit *c,
			    const char *rule, const char *message, const char *hint,
			    gate_error *err)
{
	gate_violation v = {0};

	v.check = (char *)"provenance";
	v.rule = (char *)rule;
	v.tier = t->name;
	v.severity = GATE_SEV_ERROR;
	v.commit = (char *)c->sha;
	v.message = (char *)message;
	v.hint = (char *)hint;
	return gate_result_add_violation(res, &v, err);
}

/* Commits signed off by remediation that the detail names one by one. */
#define MAX_REMEDIED_SHOWN 20

int gate_check_provenance(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err)
{
	const gate_tier *t = &ctx->policy->tiers[tier];
	const gate_provenance_req *pr = &t->require.provenance;
	gate_requirement *req;
	gate_buf msg = GATE_BUF_INIT(1u << 16), detail = GATE_BUF_INIT(1u << 16);
	gate_buf remedied = GATE_BUF_INIT(1u << 16);
	gate_remediation fix;
	size_t c, ntouching = 0, nai = 0, nbad = 0, nremedied = 0;
	int rc, error = -1;

	if (!t->require.has_provenance)
		return 0;
	if (gate_result_add_requirement(res, NULL, t->name, "provenance", GATE_REQ_PASS, "", err) <
	    0)
		return -1;
	req = &res->reqs[res->nreqs - 1];
	for (c = 0; c < ctx->change->ncommits; c++) {
		const gate_commit *commit = &ctx->change->commits[c];
		const gate_provenance *p = &res->provenance[c];
		int bad = 0;

		if (!ctx->commit_tiers[c * ctx->policy->ntiers + tier])
			continue;
		ntouching++;
		nai += p->ai_assisted;
		if (p->ai_assisted && !pr->ai_allowed) {
			gate_buf_clear(&msg);
			if (gate_buf_printf(
				&msg, err,
				"commit %.12s is AI-assisted (%s) and touches tier \"%s\", "
				"where AI-assisted changes are not allowed",
				commit->sha, p->evidence, t->name) < 0 ||
			    commit_violation(
				res, t, commit, GATE_RULE_AI_ALLOWED, msg.ptr,
				"have a human write this change, or move the AI-assisted "
				"part out of this tier",
				err) < 0)
				goto done;
			bad = 1;
		}
		if (pr->require_disclosure && !p->disclosed) {
			gate_buf_clear(&msg);
			if (gate_buf_printf(
				&msg, err,
				"commit %.12s touches tier \"%s\" without saying whether "
				"AI assisted it",
				commit->sha, t->name) < 0)
				goto done;
			gate_buf_clear(&detail);
			if (gate_buf_printf(&detail, err,
					    "add a provenance trailer to the commit message: "
					    "\"Assisted-by: <tool>\" or \"%s: no\"",
					    ctx->policy->human_marker_key
						? ctx->policy->human_marker_key
						: "AI-Assisted") < 0 ||
			    commit_violation(res, t, commit, GATE_RULE_REQUIRE_DISCLOSURE, msg.ptr,
					     detail.ptr, err) < 0)
				goto done;
			bad = 1;
		}
		if (pr->require_signoff && !p->signed_off &&
		    (rc = gate_provenance_remediation(&fix, ctx->policy, ctx->change,
						      res->provenance, c, pr->allow_remediation,
						      err)) != 0) {
			/* Signed off late, in a later commit: say by which. */
			const gate_commit *by = &ctx->change->commits[fix.by];

			if (rc < 0 || (nremedied < MAX_REMEDIED_SHOWN &&
				       gate_buf_printf(
					   &remedied, err, "%scommit %.12s by %.12s%s",
					   remedied.size ? ", " : "", commit->sha, by->sha,
					   fix.third_party ? " (on the author's behalf)" : "") < 0))
				goto done;
			nremedied++;
		} else if (pr->require_signoff && !p->signed_off) {
			gate_buf_clear(&msg);
			if (gate_buf_printf(
				&msg, err,
				"commit %.12s touches tier \"%s\" and has no Signed-off-by "
				"from a human author or committer%s",
				commit->sha, t->name,
				p->author_is_ai ? " (its author is a bot or assistant; a "
						  "human co-author may sign off)"
						: "") < 0 ||
			    commit_violation(res, t, commit, GATE_RULE_REQUIRE_SIGNOFF, msg.ptr,
					     "the human who answers for the change signs off: git "
					     "commit --amend --signoff (or git rebase --signoff)",
					     err) < 0)
				goto done;
			bad = 1;
		} else if (pr->require_signoff && pr->require_signed_signoff) {
			char why[400];
			int sig = gate_check_signoff_signed(why, sizeof(why), ctx, commit,
							    &p->trailers, err);

			if (sig < 0 ||
			    (sig > 0 &&
			     commit_violation(res, t, commit, GATE_RULE_REQUIRE_SIGNED_SIGNOFF, why,
					      "the one who signs off signs the commit with an SSH "
					      "key the allowed signers file lists for their email",
					      err) < 0))
				goto done;
			bad |= sig;
		}
		if (gate_strlist_add(bad ? &req->failing : &req->passing, commit->sha, err) < 0)
			goto done;
		nbad += (size_t)bad;
	}
	gate_buf_clear(&detail);
	if (gate_buf_printf(&detail, err,
			    "%zu commit(s) touch tier \"%s\" (%zu AI-assisted); required:%s%s%s%s",
			    ntouching, t->name, nai, pr->require_disclosure ? " disclosure" : "",
			    pr->require_signoff ? " sign-off" : "",
			    pr->ai_allowed ? "" : " no AI assistance",
			    (pr->require_disclosure || pr->require_signoff || !pr->ai_allowed)
				? ""
				: " nothing beyond ai_extra_approvals") < 0)
		goto done;
	if (nremedied &&
	    (gate_buf_printf(&detail, err, "; signed off by remediation commit: %s", remedied.ptr) <
		 0 ||
	     (nremedied > MAX_REMEDIED_SHOWN &&
	      gate_buf_printf(&detail, err, " and %zu more", nremedied - MAX_REMEDIED_SHOWN) < 0)))
		goto done;
	free(req->detail);
	if (!(req->detail = gate_buf_detach(&detail))) {
		gate_error_set(err, GATE_ERR_NOMEM, "out of memory");
		goto done;
	}
	if (nbad)
		req->status = GATE_REQ_FAIL;
	error = 0;
done:
	gate_buf_dispose(&msg);
	gate_buf_dispose(&detail);
	gate_buf_dispose(&remedied);
	return error;
}

/* The text's provenance items: "disclosure, sign-off, no AI, +1
 * approval(s) if AI-assisted", each when the tier asks for it. */
int gate_check_provenance_text(gate_buf *out, const char *sep, const gate_policy *policy,
			       const gate_tier *tier, gate_error *err)
{
	const gate_require *r = &tier->require;
	const char *items[3];
	size_t n = 0, i;
	int error;

	(void)policy;
	if (!r->has_provenance)
		return 0;
	if (r->provenance.require_disclosure)
		items[n++] = "disclosure";
	if (r->provenance.require_signoff)
		items[n++] = r->provenance.allow_remediation == GATE_REMEDIATION_THIRD_PARTY
				 ? "sign-off (remediation commits, also third-party)"
			     : r->provenance.allow_remediation == GATE_REMEDIATION_INDIVIDUAL
				 ? "sign-off (remediation commits by the author)"
				 : "sign-off";
	if (!r->provenance.ai_allowed)
		items[n++] = "no AI";
	for (i = 0; i < n; i++, sep = ", ")
		if ((error = gate_buf_puts(out, sep, err)) < 0 ||
		    (error = gate_buf_puts(out, items[i], err)) < 0)
			return error;
	if (r->provenance.ai_extra_approvals > 0) {
		if ((error = gate_buf_printf(out, err, "%s+%lld approval(s) if AI-assisted", sep,
					     r->provenance.ai_extra_approvals)) < 0)
			return error;
		n++;
	}
	return n > 0;
}

int gate_check_provenance_json(struct cJSON *requires, const gate_policy *policy,
			       const gate_tier *tier, gate_error *err)
{
	const gate_require *r = &tier->require;
	cJSON *prov;

	(void)policy;
	if (!r->has_provenance)
		return gate_jsonout__add_null(requires, "provenance", err);
	if (gate_jsonout__add_object(&prov, requires, "provenance", err) < 0 ||
	    gate_jsonout__add_bool(prov, "require_disclosure", r->provenance.require_disclosure,
				   err) < 0 ||
	    gate_jsonout__add_bool(prov, "require_signoff", r->provenance.require_signoff, err) <
		0 ||
	    gate_jsonout__add_bool(prov, "ai_allowed", r->provenance.ai_allowed, err) < 0 ||
	    gate_jsonout__add_number(prov, "ai_extra_approvals",
				     (double)r->provenance.ai_extra_approvals, err) < 0)
		return -1;
	return 0;
}
