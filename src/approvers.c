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

static int cmp_dropped(const void *pa, const void *pb)
{
	const gate_dropped_review *a = pa, *b = pb;

	return a->index < b->index ? -1 : a->index > b->index;
}

/* Records entry `e` as a review that does not stand (copies its strings). */
static int drop(gate_approvals *a, size_t *alloc, const gate_approvals__entry *e,
		gate_review_drop why, const char *later_at, gate_error *err)
{
	gate_dropped_review *d;

	if (gate_array_reserve((void **)&a->dropped, alloc, a->ndropped + 1, sizeof(*a->dropped),
			       err) < 0)
		return -1;
	d = &a->dropped[a->ndropped];
	memset(d, 0, sizeof(*d));
	d->why = why;
	d->index = e->index;
	memcpy(d->commit_id, e->commit_id, sizeof(d->commit_id));
	if (!(d->login = gate_strdup(e->login, err)) ||
	    (e->submitted_at && !(d->submitted_at = gate_strdup(e->submitted_at, err))) ||
	    (later_at && !(d->later_at = gate_strdup(later_at, err)))) {
		free(d->login);
		free(d->submitted_at);
		return -1;
	}
	a->ndropped++;
	return 0;
}

/*
 * The last entry of a user's run, E->items[first..last], does not stand or
 * supersedes an approval: records what the report must explain. A latest
 * DISMISSED review is dismissed; a latest request for changes supersedes
 * the latest approval before it.
 */
static int drops(gate_approvals *a, size_t *alloc, const gate_approvals__entries *E, size_t first,
		 size_t last, gate_error *err)
{
	const gate_approvals__entry *e = &E->items[last];
	size_t k;

	if (e->state == GATE_RS_DISMISSED)
		return drop(a, alloc, e, GATE_DROP_DISMISSED, NULL, err);
	if (e->state != GATE_RS_CHANGES_REQUESTED)
		return 0;
	for (k = last; k-- > first;)
		if (E->items[k].state == GATE_RS_APPROVED)
			return drop(a, alloc, &E->items[k], GATE_DROP_SUPERSEDED, e->submitted_at,
				    err);
	return 0;
}

int gate_approvers__standing(gate_approvals *a, gate_approvals__entries *E, gate_error *err)
{
	gate_approvals__entry **winners = NULL;
	size_t i, n = 0, first = 0, dalloc = 0;
	int error = -1;

	if (E->count == 0)
		return 0;
	qsort(E->items, E->count, sizeof(*E->items), cmp_user_time);
	if (!(winners = gate_calloc(E->count, sizeof(*winners), err)))
		goto done;
	for (i = 0; i < E->count; i++) {
		int last = i + 1 == E->count ||
			   !gate_identity_eq(E->items[i].login, E->items[i + 1].login);

		if (!last)
			continue;
		if (drops(a, &dalloc, E, first, i, err) < 0)
			goto done;
		if (E->items[i].state != GATE_RS_DISMISSED)
			winners[n++] = &E->items[i];
		first = i + 1;
	}
	if (a->ndropped > 1)
		qsort(a->dropped, a->ndropped, sizeof(*a->dropped), cmp_dropped);
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

static int add_approver(gate_check_ctx *ctx, size_t *alloc, const char *login, const char *ident,
			const char *email, const unsigned char *tiers, gate_error *err)
{
	size_t nt = ctx->policy->ntiers, i, t;
	gate_approver *a;

	for (i = 0; i < ctx->napprovers; i++) {
		a = &ctx->approvers[i];
		if (!((login && gate_identity_login_eq(login, a->login)) ||
		      gate_identity_email_eq(email, a->email)))
			continue;
		/* The same human approving twice counts once, for every tier
		 * either approval counts for. */
		if (!tiers) {
			free(a->tiers);
			a->tiers = NULL;
		}
		for (t = 0; tiers && a->tiers && t < nt; t++)
			a->tiers[t] |= tiers[t];
		return 0;
	}
	if (gate_array_reserve((void **)&ctx->approvers, alloc, ctx->napprovers + 1,
			       sizeof(*ctx->approvers), err) < 0)
		return -1;
	a = &ctx->approvers[ctx->napprovers];
	memset(a, 0, sizeof(*a));
	if ((login && !(a->login = gate_strdup(login, err))) ||
	    (ident && !(a->ident = gate_strdup(ident, err))) ||
	    (email && !(a->email = gate_strdup(email, err))) ||
	    (tiers && !(a->tiers = gate_calloc(nt ? nt : 1, 1, err)))) {
		free(a->login);
		free(a->ident);
		free(a->email);
		return -1;
	}
	if (tiers)
		memcpy(a->tiers, tiers, nt);
	gate_identity_email_normalize(a->email);
	ctx->napprovers++;
	return 0;
}

/* Records an approval left out: `who` for the reason `reason` of kind
 * `kind` (see gate_ignored_approval). */
static int ignore(gate_result *res, const char *who, const char *kind, const char *reason,
		  int unverified, const char *commit, gate_error *err)
{
	gate_ignored_approval a;

	memset(&a, 0, sizeof(a));
	a.who = (char *)who;
	a.kind = (char *)kind;
	a.reason = (char *)reason;
	a.unverified = unverified;
	a.commit = commit && commit[0] ? (char *)commit : NULL;
	return gate_result_add_ignored_entry(res, &a, err);
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
		       size_t nwhy, const char **kind, gate_error *err)
{
	const char *pusher = ctx->opts ? ctx->opts->pusher : NULL;
	size_t c, i;

	if (pusher)
		pusher = gate_identity_skip_at(pusher);
	if (pusher && pusher[0] &&
	    (login ? gate_identity_eq(login, pusher)
		   : gate_login_is_ident(pusher, tname, temail))) {
		snprintf(why, nwhy, "pushed the head (--pusher)");
		*kind = "pusher";
		return 1;
	}
	if (login && ctx->opts && gate_logins_has(ctx->opts->contributors, login)) {
		snprintf(why, nwhy,
			 "authored or committed a commit of the change (--contributors)");
		*kind = "contributor";
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
			*kind = "contributor";
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

/* The kind and reason of a standing approval that does not count on its
 * face for a reason other than staleness (see gate_review), or NULL. */
static const char *face(const gate_review *r, const char **kind)
{
	if (r->is_bot) {
		*kind = "bot";
		return "a bot or app, not a human";
	}
	if (r->is_author) {
		*kind = "author";
		return "the change's author (--author)";
	}
	if (r->is_outsider) {
		*kind = "outsider";
		return "author_association says no relationship with the repository";
	}
	return NULL;
}

/*
 * A stale approval (of another commit than the head): fills tiers[t] with
 * 1 for each tier it still holds for under the policy's approvals_bound_to
 * and records an ignored entry for each tier (or, when the whole change is
 * compared, once) it does not hold for. Returns the number of tiers it
 * holds for, or -1 on error.
 */
static long rebind(gate_result *res, gate_check_ctx *ctx, gate_binding **cache,
		   const gate_review *r, unsigned char *tiers, gate_error *err)
{
	const gate_policy *p = ctx->policy;
	const char **differs = NULL;
	const char *reason = NULL;
	gate_buf why = GATE_BUF_INIT(1u << 16);
	gate_ignored_approval a;
	long held = -1, n = 0;
	size_t t;
	int rc;

	if (!(differs = gate_calloc(p->ntiers ? p->ntiers : 1, sizeof(*differs), err)))
		goto done;
	if ((rc = gate_binding__judge(cache, ctx, res, r->commit_id, differs, &reason, err)) < 0)
		goto done;
	memset(&a, 0, sizeof(a));
	a.who = (char *)r->login;
	a.kind = (char *)"stale";
	a.commit = r->commit_id[0] ? (char *)r->commit_id : NULL;
	if (rc == 0) {
		if (r->commit_id[0]) {
			if (gate_buf_printf(&why, err, "stale: reviewed %.12s; %s", r->commit_id,
					    reason) < 0)
				goto done;
		} else if (gate_buf_printf(&why, err, "stale: %s", reason) < 0)
			goto done;
		a.reason = why.ptr;
		held = ignore(res, r->login, "stale", why.ptr, 0, r->commit_id, err) < 0 ? -1 : 0;
		goto done;
	}
	if (p->approval_binding == GATE_BIND_DIFF && p->ntiers && !differs[0]) {
		memset(tiers, 1, p->ntiers);
		held = 1;
		goto done;
	}
	for (t = 0; t < p->ntiers; t++) {
		if (ctx->tier_nfiles[t] == 0 && p->approval_binding == GATE_BIND_TIER_DIFF)
			continue;
		if (!differs[t]) {
			tiers[t] = 1;
			n++;
			continue;
		}
		gate_buf_clear(&why);
		if (gate_buf_printf(&why, err, "stale: reviewed %.12s, the diff of ",
				    r->commit_id) < 0 ||
		    (differs[t][0] ? gate_buf_puts(&why, differs[t], err)
				   : gate_buf_puts(&why, "its files", err)) < 0 ||
		    gate_buf_puts(&why, " changed since", err) < 0)
			goto done;
		if (p->approval_binding == GATE_BIND_TIER_DIFF &&
		    gate_buf_printf(&why, err, " (tier \"%s\")", p->tiers[t].name) < 0)
			goto done;
		a.reason = why.ptr;
		a.path = (char *)(differs[t][0] ? differs[t] : NULL);
		a.tier = p->approval_binding == GATE_BIND_TIER_DIFF ? p->tiers[t].name : NULL;
		if (gate_result_add_ignored_entry(res, &a, err) < 0)
			goto done;
		/* The whole change was compared: one entry says it for every tier. */
		if (p->approval_binding == GATE_BIND_DIFF)
			break;
	}
	held = n;
done:
	gate_buf_dispose(&why);
	free(differs);
	return held;
}

/* Records that `r`'s approval of another commit counts, for the tiers
 * flagged in `tiers` (NULL: all). */
static int carried(gate_result *res, const gate_check_ctx *ctx, const gate_review *r,
		   const unsigned char *tiers, gate_error *err)
{
	gate_buf names = GATE_BUF_INIT(1u << 16);
	gate_carried_approval c;
	size_t t;
	int error = -1;

	for (t = 0; tiers && t < ctx->policy->ntiers; t++)
		if (tiers[t] && gate_buf_printf(&names, err, "%s%s", names.size ? "," : "",
						ctx->policy->tiers[t].name) < 0)
			goto done;
	c.who = r->login;
	c.commit = (char *)r->commit_id;
	c.tiers = tiers ? names.ptr : NULL;
	error = gate_result_add_carried(res, &c, err);
done:
	gate_buf_dispose(&names);
	return error;
}

/* Judges one standing GitHub review: adds its login to the approvers when
 * its approval counts (for every tier, or for the tiers whose diff it
 * reviewed), else records why not. */
static int judge_review(gate_result *res, gate_check_ctx *ctx, size_t *alloc, gate_binding **cache,
			const gate_review *r, gate_error *err)
{
	const gate_permissions *perms = ctx->opts ? ctx->opts->permissions : NULL;
	const char *kind = NULL, *reason = face(r, &kind);
	unsigned char *tiers = NULL;
	char why[160];
	gate_permission perm;
	int rc, error = -1;

	if (r->state != GATE_REVIEW_APPROVED)
		return 0;
	if (reason)
		return ignore(res, r->login, kind, reason, 0, r->commit_id, err);
	if (r->stale && !ctx->policy->allow_stale_approvals) {
		long held;

		if (!(tiers = gate_calloc(ctx->policy->ntiers ? ctx->policy->ntiers : 1, 1, err)) ||
		    (held = rebind(res, ctx, cache, r, tiers, err)) < 0)
			goto done;
		if (held == 0) {
			error = 0;
			goto done;
		}
	}
	if (!ctx->policy->allow_contributor) {
		if ((rc = contributor(res, ctx, r->login, NULL, NULL, NULL, why, sizeof(why), &kind,
				      err)) < 0)
			goto done;
		if (rc) {
			error = ignore(res, r->login, kind, why, 0, r->commit_id, err);
			goto done;
		}
	}
	perm = gate_permissions_get(perms, r->login);
	if (perm == GATE_PERM_UNKNOWN) {
		ctx->nunverified++;
		error =
		    ignore(res, r->login, "unverified",
			   perms ? "unverified: write access not shown (the login is not in the "
				   "permissions file)"
				 : "unverified: write access not shown (no permissions file, "
				   "--permissions FILE)",
			   1, r->commit_id, err);
		goto done;
	}
	if (!gate_permission_can_write(perm)) {
		snprintf(why, sizeof(why), "no write access (permission \"%s\")",
			 gate_permission_name(perm));
		error = ignore(res, r->login, "no_write_access", why, 0, r->commit_id, err);
		goto done;
	}
	if (tiers &&
	    carried(res, ctx, r,
		    ctx->policy->approval_binding == GATE_BIND_TIER_DIFF ? tiers : NULL, err) < 0)
		goto done;
	error =
	    add_approver(ctx, alloc, r->login, NULL, NULL,
			 ctx->policy->approval_binding == GATE_BIND_TIER_DIFF ? tiers : NULL, err);
done:
	free(tiers);
	return error;
}

/* Judges one Reviewed-by/Approved-by trailer of commit `c`. */
static int judge_trailer(gate_result *res, gate_check_ctx *ctx, size_t *alloc, size_t c,
			 const char *value, gate_error *err)
{
	const gate_commit *commit = &ctx->change->commits[c];
	char *name = NULL, *email = NULL;
	const char *kind = NULL;
	char why[160];
	int rc, error = -1;

	if ((rc = gate_provenance_is_ai_identity(ctx->policy, value, strlen(value), err)) < 0)
		return -1;
	if (rc)
		return ignore(res, value, "assistant", "an assistant, not a human", 0, commit->sha,
			      err);
	/* A trailer approves the commit it is on and the history below it,
	 * never what was stacked on top: only the head's trailers approve the
	 * whole change. Otherwise any reviewed commit a trusted committer made
	 * elsewhere could be pushed under an unreviewed one. */
	if (strcmp(commit->sha, ctx->change->head) != 0) {
		snprintf(why, sizeof(why),
			 "trailer of commit %.12s, not the head: it does not approve the "
			 "commits above it",
			 commit->sha);
		return ignore(res, value, "not_head", why, 0, commit->sha, err);
	}
	if (ctx->policy->ntrusted_committers && !trusted_committer(ctx->policy, commit)) {
		snprintf(why, sizeof(why),
			 "trailer of commit %.12s, which no trusted committer "
			 "(review_trailers.trusted_committers) committed",
			 commit->sha);
		return ignore(res, value, "untrusted_committer", why, 0, commit->sha, err);
	}
	if (gate_ident_parse(value, &name, &email, err) < 0)
		goto done;
	if (!(email && email[0])) {
		error = ignore(res, value, "no_email", "a trailer without an email", 0, commit->sha,
			       err);
		goto done;
	}
	if (ctx->policy->review_trailers_signed &&
	    (rc = gate_check_signed_by(why, sizeof(why), ctx, commit, email, err)) != 0) {
		error = rc < 0 ? -1 : ignore(res, value, "unsigned", why, 0, commit->sha, err);
		goto done;
	}
	/* The commit's own author never counts, whatever allow_contributor says. */
	if (same_ident(commit->author_name, commit->author_email, name, email)) {
		error = ignore(res, value, "commit_author", "the commit's own author", 0,
			       commit->sha, err);
		goto done;
	}
	if (!ctx->policy->allow_contributor) {
		if ((rc = contributor(res, ctx, NULL, name, email,
				      ctx->policy->review_trailers_signed ? commit->sha : NULL, why,
				      sizeof(why), &kind, err)) < 0)
			goto done;
		if (rc) {
			error = ignore(res, value, kind, why, 0, commit->sha, err);
			goto done;
		}
	}
	error = add_approver(ctx, alloc, NULL, value, email, NULL, err);
done:
	free(name);
	free(email);
	return error;
}

/* Records the reviews that do not stand (dismissed, superseded) as
 * ignored approvals, so that the report explains every review. */
static int dropped(gate_result *res, const gate_approvals *a, gate_error *err)
{
	char why[160];
	size_t i;

	for (i = 0; i < a->ndropped; i++) {
		const gate_dropped_review *d = &a->dropped[i];

		if (d->why == GATE_DROP_DISMISSED) {
			if (ignore(res, d->login, "dismissed",
				   "dismissed: the review no longer stands", 0, d->commit_id,
				   err) < 0)
				return -1;
			continue;
		}
		snprintf(why, sizeof(why), "superseded: a later review (%s) requests changes",
			 d->later_at ? d->later_at : "undated");
		if (ignore(res, d->login, "superseded", why, 0, d->commit_id, err) < 0)
			return -1;
	}
	return 0;
}

int gate_approvers__collect(gate_result *res, gate_check_ctx *ctx, gate_error *err)
{
	const gate_approvals *a = ctx->opts ? ctx->opts->approvals : NULL;
	gate_binding *cache = NULL;
	size_t alloc = 0, i, c;
	int error = -1;

	ctx->approvers_known = a != NULL || ctx->policy->review_trailers;
	if (a && dropped(res, a, err) < 0)
		goto done;
	for (i = 0; a && i < a->count; i++)
		if (judge_review(res, ctx, &alloc, &cache, &a->items[i], err) < 0)
			goto done;
	for (c = 0; ctx->policy->review_trailers && c < res->nprovenance; c++) {
		const gate_trailers *tr = &res->provenance[c].trailers;

		for (i = 0; i < tr->count; i++) {
			if (strcasecmp(tr->items[i].key, "Reviewed-by") != 0 &&
			    strcasecmp(tr->items[i].key, "Approved-by") != 0)
				continue;
			if (judge_trailer(res, ctx, &alloc, c, tr->items[i].value, err) < 0)
				goto done;
		}
	}
	error = 0;
done:
	gate_binding__free(cache);
	return error;
}
