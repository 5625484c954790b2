/*
 * Who approved a change: the one place that decides whether an approval
 * counts. Each reviewer's latest review stands unless it was dismissed
 * (gate_approvers__standing); a standing approval counts on its face unless
 * it is stale, by the change's author, by a bot or by an outsider
 * (gate_approvers__judge); it then also needs a reviewer independent of the
 * change (not its pusher nor a contributor) with write access shown
 * (gate_approvers__collect). Review trailers count under the policy's
 * review_trailers rule. The loaders of src/reviews.c and src/teams.c only
 * parse.
 */
#include "riskgate/banned.h"

#include "approvers.h"
#include "checks/checks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "riskgate/buf.h"
#include "riskgate/identity.h"
#include "riskgate/provenance.h"
#include "riskgate/trailers.h"

static int stamp_cmp(const gate_approvals__stamp *a, const gate_approvals__stamp *b)
{
	if (a->secs != b->secs)
		return a->secs < b->secs ? -1 : 1;
	if (a->nanos != b->nanos)
		return a->nanos < b->nanos ? -1 : 1;
	return 0;
}

/* Orders entries by user, then time, then position: the last of each user's
 * run is that user's latest review. */
static int cmp_user_time(const void *pa, const void *pb)
{
	const gate_approvals__entry *a = pa, *b = pb;
	int c = gate_identity_cmp(a->login, b->login);

	if (c)
		return c;
	if ((c = stamp_cmp(&a->at, &b->at)) != 0)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

static int cmp_index(const void *pa, const void *pb)
{
	const gate_approvals__entry *const *a = pa, *const *b = pb;

	return (*a)->index < (*b)->index ? -1 : (*a)->index > (*b)->index;
}

int gate_approvers__standing(gate_approvals *a, gate_approvals__entries *E, gate_error *err)
{
	gate_approvals__entry **winners = NULL;
	size_t i, n = 0;
	int error = -1;

	if (E->count == 0)
		return 0;
	qsort(E->items, E->count, sizeof(*E->items), cmp_user_time);
	if (!(winners = gate_calloc(E->count, sizeof(*winners), err)))
		goto done;
	for (i = 0; i < E->count; i++) {
		int last = i + 1 == E->count ||
			   !gate_identity_eq(E->items[i].login, E->items[i + 1].login);

		if (last && E->items[i].state != GATE_RS_DISMISSED)
			winners[n++] = &E->items[i];
	}
	qsort(winners, n, sizeof(*winners), cmp_index);
	if (n && !(a->items = gate_calloc(n, sizeof(*a->items), err)))
		goto done;
	for (i = 0; i < n; i++) {
		gate_review *r = &a->items[i];
		gate_approvals__entry *e = winners[i];

		r->login = e->login;
		r->submitted_at = e->submitted_at;
		r->association = e->association;
		r->user_type = e->user_type;
		e->login = e->submitted_at = e->association = e->user_type = NULL;
		r->state = e->state == GATE_RS_APPROVED ? GATE_REVIEW_APPROVED
							: GATE_REVIEW_CHANGES_REQUESTED;
		memcpy(r->commit_id, e->commit_id, sizeof(r->commit_id));
		r->line = e->line;
		r->col = e->col;
		a->count++;
	}
	error = 0;
done:
	free(winners);
	return error;
}

static int ends_with_ci(const char *s, const char *suffix)
{
	size_t len = strlen(s), n = strlen(suffix);

	return len >= n && gate_identity_eq(s + len - n, suffix);
}

static int is_insider(const char *association)
{
	return gate_identity_eq(association, "OWNER") || gate_identity_eq(association, "MEMBER") ||
	       gate_identity_eq(association, "COLLABORATOR");
}

/* Sets the flags of a standing review (see gate_review). */
static void judge(gate_review *r, const char *head, int allow_stale, const char *author)
{
	r->is_bot = (r->user_type && gate_identity_eq(r->user_type, "Bot")) ||
		    ends_with_ci(r->login, "[bot]");
	r->stale = r->state == GATE_REVIEW_APPROVED &&
		   (!head || !r->commit_id[0] || !gate_identity_eq(r->commit_id, head));
	r->is_author = author && gate_identity_eq(r->login, author);
	r->is_outsider = r->association && !is_insider(r->association);
	r->counts = r->state == GATE_REVIEW_APPROVED && (!r->stale || allow_stale) &&
		    !r->is_author && !r->is_bot && !r->is_outsider;
}

void gate_approvers__judge(gate_approvals *a, const char *head, int allow_stale, const char *author)
{
	size_t i;

	if (!a)
		return;
	a->ncounting = 0;
	for (i = 0; i < a->count; i++) {
		judge(&a->items[i], head, allow_stale, author);
		if (a->items[i].counts)
			a->ncounting++;
	}
}

const char *gate_review_ignored_reason(const gate_review *r, int allow_stale)
{
	if (!r)
		return "no review";
	if (r->state != GATE_REVIEW_APPROVED)
		return "changes requested";
	if (r->is_bot)
		return "a bot or app, not a human";
	if (r->is_author)
		return "the change's author (--author)";
	if (r->is_outsider)
		return "author_association says no relationship with the repository";
	if (r->stale && !allow_stale)
		return "stale: it approved another commit than the head";
	return NULL;
}

static int add_approver(gate_check_ctx *ctx, size_t *alloc, const char *login, const char *ident,
			const char *email, gate_error *err)
{
	gate_approver *a;
	size_t i;

	for (i = 0; i < ctx->napprovers; i++) {
		a = &ctx->approvers[i];
		if ((login && gate_identity_login_eq(login, a->login)) ||
		    gate_identity_email_eq(email, a->email))
			return 0; /* the same human approving twice counts once */
	}
	if (gate_array_reserve((void **)&ctx->approvers, alloc, ctx->napprovers + 1,
			       sizeof(*ctx->approvers), err) < 0)
		return -1;
	a = &ctx->approvers[ctx->napprovers];
	memset(a, 0, sizeof(*a));
	if ((login && !(a->login = gate_strdup(login, err))) ||
	    (ident && !(a->ident = gate_strdup(ident, err))) ||
	    (email && !(a->email = gate_strdup(email, err)))) {
		free(a->login);
		free(a->ident);
		return -1;
	}
	gate_identity_email_normalize(a->email);
	ctx->napprovers++;
	return 0;
}

/* Whether the commit identity `name` <`email`> is the trailer identity
 * `tname` <`temail`>: same email, or same name (ignoring case). */
static int same_ident(const char *name, const char *email, const char *tname, const char *temail)
{
	if (gate_identity_email_eq(email, temail))
		return 1;
	return name && name[0] && tname && tname[0] && gate_identity_eq(name, tname);
}

/*
 * Whether an approver is independent of the change: never an author,
 * committer or human co-author of one of its commits, nor its pusher. The
 * approver is a GitHub `login`, or (login NULL) a trailer's name and email.
 * Writes the reason into `why` and returns 1 when not independent; 0 when
 * independent; -1 on error.
 */
static int contributor(const gate_result *res, const gate_check_ctx *ctx, const char *login,
		       const char *tname, const char *temail, const char *signed_sha, char *why,
		       size_t nwhy, gate_error *err)
{
	const char *pusher = ctx->opts ? ctx->opts->pusher : NULL;
	size_t c, i;

	if (pusher)
		pusher = gate_identity_skip_at(pusher);
	if (pusher && pusher[0] &&
	    (login ? gate_identity_eq(login, pusher)
		   : gate_login_is_ident(pusher, tname, temail))) {
		snprintf(why, nwhy, "pushed the head (--pusher)");
		return 1;
	}
	if (login && ctx->opts && gate_logins_has(ctx->opts->contributors, login)) {
		snprintf(why, nwhy,
			 "authored or committed a commit of the change (--contributors)");
		return 1;
	}
	for (c = 0; c < ctx->change->ncommits; c++) {
		const gate_commit *commit = &ctx->change->commits[c];
		const gate_trailers *tr =
		    c < res->nprovenance ? &res->provenance[c].trailers : NULL;
		const char *role = NULL;

		if (login ? gate_login_is_ident(login, commit->author_name, commit->author_email)
			  : same_ident(commit->author_name, commit->author_email, tname, temail))
			role = "authored";
		else if (signed_sha && strcmp(commit->sha, signed_sha) == 0)
			; /* committing the signed commit is how its reviewer approves */
		else if (login ? gate_login_is_ident(login, commit->committer_name,
						     commit->committer_email)
			       : same_ident(commit->committer_name, commit->committer_email, tname,
					    temail))
			role = "committed";
		for (i = 0; !role && tr && i < tr->count; i++) {
			char *name = NULL, *email = NULL;
			int hit;

			if (strcasecmp(tr->items[i].key, "Co-authored-by") != 0)
				continue;
			if (gate_ident_parse(tr->items[i].value, &name, &email, err) < 0)
				return -1;
			hit = login ? gate_login_is_ident(login, name, email)
				    : same_ident(name, email, tname, temail);
			free(name);
			free(email);
			if (hit)
				role = "co-authored";
		}
		if (role) {
			snprintf(why, nwhy, "%s commit %.12s of the change", role, commit->sha);
			return 1;
		}
	}
	return 0;
}

/* Whether the policy's review_trailers rule makes the trailers of `commit`
 * authentic: its committer is one of the trusted committers. */
static int trusted_committer(const gate_policy *policy, const gate_commit *commit)
{
	size_t i;

	for (i = 0; commit->committer_email && i < policy->ntrusted_committers; i++)
		if (gate_identity_eq(commit->committer_email, policy->trusted_committers[i]))
			return 1;
	return 0;
}

/* Judges one standing GitHub review: adds its login to the approvers when
 * its approval counts, else records why not. */
static int judge_review(gate_result *res, gate_check_ctx *ctx, size_t *alloc, const gate_review *r,
			gate_error *err)
{
	const gate_permissions *perms = ctx->opts ? ctx->opts->permissions : NULL;
	const char *reason = gate_review_ignored_reason(r, ctx->policy->allow_stale_approvals);
	char why[160];
	gate_permission perm;
	int rc;

	if (r->state != GATE_REVIEW_APPROVED)
		return 0;
	if (reason)
		return gate_result_add_ignored(res, r->login, reason, 0, err);
	if (!ctx->policy->allow_contributor) {
		if ((rc = contributor(res, ctx, r->login, NULL, NULL, NULL, why, sizeof(why),
				      err)) < 0)
			return -1;
		if (rc)
			return gate_result_add_ignored(res, r->login, why, 0, err);
	}
	perm = gate_permissions_get(perms, r->login);
	if (perm == GATE_PERM_UNKNOWN) {
		ctx->nunverified++;
		return gate_result_add_ignored(
		    res, r->login,
		    perms ? "unverified: write access not shown (the login is not in the "
			    "permissions file)"
			  : "unverified: write access not shown (no permissions file, "
			    "--permissions FILE)",
		    1, err);
	}
	if (!gate_permission_can_write(perm)) {
		snprintf(why, sizeof(why), "no write access (permission \"%s\")",
			 gate_permission_name(perm));
		return gate_result_add_ignored(res, r->login, why, 0, err);
	}
	return add_approver(ctx, alloc, r->login, NULL, NULL, err);
}

/* Judges one Reviewed-by/Approved-by trailer of commit `c`. */
static int judge_trailer(gate_result *res, gate_check_ctx *ctx, size_t *alloc, size_t c,
			 const char *value, gate_error *err)
{
	const gate_commit *commit = &ctx->change->commits[c];
	char *name = NULL, *email = NULL;
	char why[160];
	int rc, error = -1;

	if ((rc = gate_provenance_is_ai_identity(ctx->policy, value, strlen(value), err)) < 0)
		return -1;
	if (rc)
		return gate_result_add_ignored(res, value, "an assistant, not a human", 0, err);
	/* A trailer approves the commit it is on and the history below it,
	 * never what was stacked on top: only the head's trailers approve the
	 * whole change. Otherwise any reviewed commit a trusted committer made
	 * elsewhere could be pushed under an unreviewed one. */
	if (strcmp(commit->sha, ctx->change->head) != 0) {
		snprintf(why, sizeof(why),
			 "trailer of commit %.12s, not the head: it does not approve the "
			 "commits above it",
			 commit->sha);
		return gate_result_add_ignored(res, value, why, 0, err);
	}
	if (ctx->policy->ntrusted_committers && !trusted_committer(ctx->policy, commit)) {
		snprintf(why, sizeof(why),
			 "trailer of commit %.12s, which no trusted committer "
			 "(review_trailers.trusted_committers) committed",
			 commit->sha);
		return gate_result_add_ignored(res, value, why, 0, err);
	}
	if (gate_ident_parse(value, &name, &email, err) < 0)
		goto done;
	if (!(email && email[0])) {
		error = gate_result_add_ignored(res, value, "a trailer without an email", 0, err);
		goto done;
	}
	if (ctx->policy->review_trailers_signed &&
	    (rc = gate_check_signed_by(why, sizeof(why), ctx, commit, email, err)) != 0) {
		error = rc < 0 ? -1 : gate_result_add_ignored(res, value, why, 0, err);
		goto done;
	}
	/* The commit's own author never counts, whatever allow_contributor says. */
	if (same_ident(commit->author_name, commit->author_email, name, email)) {
		error = gate_result_add_ignored(res, value, "the commit's own author", 0, err);
		goto done;
	}
	if (!ctx->policy->allow_contributor) {
		if ((rc = contributor(res, ctx, NULL, name, email,
				      ctx->policy->review_trailers_signed ? commit->sha : NULL, why,
				      sizeof(why), err)) < 0)
			goto done;
		if (rc) {
			error = gate_result_add_ignored(res, value, why, 0, err);
			goto done;
		}
	}
	error = add_approver(ctx, alloc, NULL, value, email, err);
done:
	free(name);
	free(email);
	return error;
}

int gate_approvers__collect(gate_result *res, gate_check_ctx *ctx, gate_error *err)
{
	const gate_approvals *a = ctx->opts ? ctx->opts->approvals : NULL;
	size_t alloc = 0, i, c;

	ctx->approvers_known = a != NULL || ctx->policy->review_trailers;
	for (i = 0; a && i < a->count; i++)
		if (judge_review(res, ctx, &alloc, &a->items[i], err) < 0)
			return -1;
	if (!ctx->policy->review_trailers)
		return 0;
	for (c = 0; c < res->nprovenance; c++) {
		const gate_trailers *tr = &res->provenance[c].trailers;

		for (i = 0; i < tr->count; i++) {
			if (strcasecmp(tr->items[i].key, "Reviewed-by") != 0 &&
			    strcasecmp(tr->items[i].key, "Approved-by") != 0)
				continue;
			if (judge_trailer(res, ctx, &alloc, c, tr->items[i].value, err) < 0)
				return -1;
		}
	}
	return 0;
}
