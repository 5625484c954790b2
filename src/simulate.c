/*
 * "What if" approvals (include/riskgate/simulate.h): the run's change
 * evaluated again with APPROVED reviews added on its head. The added
 * reviews go through the reviews and permissions loaders like real ones,
 * so that whether they count is judged where every approval is judged.
 */
#include "riskgate/banned.h"

#include "riskgate/conditions.h"
#include "riskgate/simulate.h"

#include <stdlib.h>
#include <string.h>

#include "jsonout.h"
#include "riskgate/check.h"
#include "riskgate/identity.h"

/* When a simulated review was submitted: after every real one, since
 * each reviewer's latest review is the one that stands. */
#define SIMULATED_AT "9999-12-31T23:59:59Z"

void gate_simulation_init(gate_simulation *sim)
{
	memset(sim, 0, sizeof(*sim));
}

static void approval_dispose(gate_simulated_approval *a)
{
	size_t i;

	for (i = 0; i < a->nflipped; i++) {
		free(a->flipped[i].tier);
		free(a->flipped[i].check);
		free(a->flipped[i].detail);
	}
	free(a->flipped);
	free(a->login);
	free(a->ignored);
}

void gate_simulation_dispose(gate_simulation *sim)
{
	size_t i;

	if (!sim)
		return;
	for (i = 0; i < sim->napprovals; i++)
		approval_dispose(&sim->approvals[i]);
	free(sim->approvals);
	gate_strlist_dispose(&sim->labels);
	memset(sim, 0, sizeof(*sim));
}

/* One review object in the shape of GitHub's reviews API. */
static int add_review(cJSON *arr, const char *login, const char *user_type, const char *state,
		      const char *commit_id, const char *submitted_at, const char *association,
		      gate_error *err)
{
	cJSON *obj = cJSON_CreateObject(), *user;

	if (gate_jsonout__push(arr, obj, err) < 0 ||
	    gate_jsonout__add_object(&user, obj, "user", err) < 0 ||
	    gate_jsonout__add_text(user, "login", login, err) < 0 ||
	    gate_jsonout__add_opt_text(user, "type", user_type, err) < 0 ||
	    gate_jsonout__add_text(obj, "state", state, err) < 0 ||
	    (commit_id[0] ? gate_jsonout__add_text(obj, "commit_id", commit_id, err)
			  : gate_jsonout__add_null(obj, "commit_id", err)) < 0 ||
	    gate_jsonout__add_opt_text(obj, "submitted_at", submitted_at, err) < 0 ||
	    gate_jsonout__add_opt_text(obj, "author_association", association, err) < 0)
		return -1;
	return 0;
}

/*
 * The run's standing reviews and an APPROVED review of the head by each of
 * `logins`, loaded through the reviews loader into *out. A simulated
 * reviewer keeps the author_association of their real review, if any.
 */
static int simulated_reviews(gate_approvals **out, const gate_run *run, char **logins, size_t n,
			     gate_error *err)
{
	const gate_approvals *real = run->approvals;
	gate_buf text = GATE_BUF_INIT(GATE_APPROVALS_MAX_SIZE);
	cJSON *arr = cJSON_CreateArray();
	size_t i;
	int error = -1;

	if (!arr) {
		gate_jsonout__nomem(err);
		goto done;
	}
	for (i = 0; real && i < real->count; i++) {
		const gate_review *r = &real->items[i];

		if (add_review(arr, r->login, r->user_type,
			       r->state == GATE_REVIEW_APPROVED ? "APPROVED" : "CHANGES_REQUESTED",
			       r->commit_id, r->submitted_at, r->association, err) < 0)
			goto done;
	}
	for (i = 0; i < n; i++) {
		const gate_review *r = gate_approvals_find(real, logins[i]);

		if (add_review(arr, logins[i], "User", "APPROVED", run->head_hex, SIMULATED_AT,
			       r ? r->association : NULL, err) < 0)
			goto done;
	}
	if (gate_jsonout__print(&text, arr, err) < 0 ||
	    gate_approvals_load(out, text.ptr, text.size, "<simulated reviews>", run->head_hex,
				run->policy->allow_stale_approvals, run->eval.author, err) < 0)
		goto done;
	error = 0;
done:
	cJSON_Delete(arr);
	gate_buf_dispose(&text);
	return error;
}

/* The run's permissions file, with write access for each of `logins` it
 * does not list, loaded through the permissions loader into *out. */
static int simulated_permissions(gate_permissions **out, const gate_run *run, char **logins,
				 size_t n, gate_error *err)
{
	const gate_permissions *real = run->permissions;
	gate_buf text = GATE_BUF_INIT(GATE_APPROVALS_MAX_SIZE);
	cJSON *obj = cJSON_CreateObject();
	size_t i;
	int error = -1;

	if (!obj) {
		gate_jsonout__nomem(err);
		goto done;
	}
	for (i = 0; real && i < real->count; i++)
		if (gate_jsonout__add_text(obj, real->items[i].login,
					   gate_permission_name(real->items[i].permission),
					   err) < 0)
			goto done;
	for (i = 0; i < n; i++)
		if (gate_permissions_get(real, logins[i]) == GATE_PERM_UNKNOWN &&
		    gate_jsonout__add_text(obj, logins[i], "write", err) < 0)
			goto done;
	if (gate_jsonout__print(&text, obj, err) < 0 ||
	    gate_permissions_load(out, text.ptr, text.size, "<simulated permissions>", err) < 0)
		goto done;
	error = 0;
done:
	cJSON_Delete(obj);
	gate_buf_dispose(&text);
	return error;
}

/* Evaluates the run's change with the approvals of `logins` added. */
static int evaluate_with(gate_result *res, gate_run *run, char **logins, size_t n,
			 const gate_strlist *labels, gate_error *err)
{
	gate_approvals *reviews = NULL;
	gate_permissions *perms = NULL;
	gate_eval_opts eval = run->eval;
	gate_cond_facts facts;
	const char **all = NULL;
	size_t i;
	int error = -1;

	if (simulated_reviews(&reviews, run, logins, n, err) < 0 ||
	    simulated_permissions(&perms, run, logins, n, err) < 0)
		goto done;
	eval.approvals = reviews;
	eval.permissions = perms;
	/* The simulated labels join the known ones, and the list is then
	 * taken as complete. */
	if (labels->count) {
		memset(&facts, 0, sizeof(facts));
		if (run->eval.facts)
			facts = *run->eval.facts;
		if (!(all = gate_calloc(facts.nlabels + labels->count, sizeof(*all), err)))
			goto done;
		for (i = 0; i < facts.nlabels; i++)
			all[i] = facts.labels[i];
		for (i = 0; i < labels->count; i++)
			all[facts.nlabels + i] = labels->items[i];
		facts.labels = all;
		facts.nlabels += labels->count;
		facts.labels_known = 1;
		eval.facts = &facts;
	}
	error = gate_evaluate(res, run->policy, run->change, run->repo, &eval, err);
done:
	gate_approvals_free(reviews);
	gate_permissions_free(perms);
	free(all);
	return error;
}

static int failing(gate_req_status s)
{
	return s == GATE_REQ_FAIL || s == GATE_REQ_UNVERIFIED;
}

/* The requirement of `sim` that stands for real->reqs[i]: the one at the
 * same place when it is of the same tier and check, else the first one of
 * that tier and check; NULL when there is none. */
static const gate_requirement *counterpart(const gate_result *real, size_t i,
					   const gate_result *sim)
{
	const gate_requirement *q = &real->reqs[i];
	size_t k;

	if (i < sim->nreqs && strcmp(sim->reqs[i].tier, q->tier) == 0 &&
	    strcmp(sim->reqs[i].check, q->check) == 0)
		return &sim->reqs[i];
	for (k = 0; k < sim->nreqs; k++)
		if (strcmp(sim->reqs[k].tier, q->tier) == 0 &&
		    strcmp(sim->reqs[k].check, q->check) == 0)
			return &sim->reqs[k];
	return NULL;
}

/* What `sim` tells of approver `a`: the requirements turned to pass, and
 * why their approval was not counted, if it was not (the first ignored
 * entry of that login: the simulated review is their latest, the one that
 * stands; the simulated reviews are rebuilt from the standing reviews only,
 * so no dismissed or superseded entry of that login precedes it). */
static int compare(gate_simulated_approval *a, const gate_result *real, const gate_result *sim,
		   gate_error *err)
{
	size_t i;

	a->verdict = gate_result_verdict(sim);
	for (i = 0; i < sim->nignored; i++)
		if (gate_identity_eq(sim->ignored[i].who, a->login)) {
			if (!(a->ignored = gate_strdup(sim->ignored[i].reason, err)))
				return -1;
			break;
		}
	if (real->nreqs && !(a->flipped = gate_calloc(real->nreqs, sizeof(*a->flipped), err)))
		return -1;
	for (i = 0; i < real->nreqs; i++) {
		const gate_requirement *s = counterpart(real, i, sim);
		gate_simulated_req *f;

		if (!failing(real->reqs[i].status) || !s || s->status != GATE_REQ_PASS)
			continue;
		f = &a->flipped[a->nflipped++];
		if (!(f->tier = gate_strdup(s->tier, err)) ||
		    !(f->check = gate_strdup(s->check, err)) ||
		    !(f->detail = gate_strdup(s->detail ? s->detail : "", err)))
			return -1;
	}
	return 0;
}

/* The logins, validated, without '@', duplicates (ignoring case) dropped. */
static int take_logins(char ***out, size_t *nout, const char *const *logins, size_t n,
		       gate_error *err)
{
	char **v;
	size_t i, k;

	*out = NULL;
	*nout = 0;
	if (n > GATE_SIMULATE_MAX_LOGINS)
		return gate_error_set(err, GATE_ERR_USAGE,
				      "a simulation takes at most %d logins, not %zu",
				      GATE_SIMULATE_MAX_LOGINS, n);
	if (!(v = gate_calloc(n ? n : 1, sizeof(*v), err)))
		return -1;
	for (i = 0; i < n; i++) {
		const char *login = gate_identity_skip_at(logins[i] ? logins[i] : "");

		if (!gate_identity_login_valid(login, strlen(login)) || strpbrk(login, " /@")) {
			char shown[80];

			gate_error_excerpt(shown, sizeof(shown), logins[i] ? logins[i] : "");
			for (k = 0; k < *nout; k++)
				free(v[k]);
			free(v);
			return gate_error_set(err, GATE_ERR_USAGE, "\"%s\" is not a GitHub login",
					      shown);
		}
		for (k = 0; k < *nout && !gate_identity_eq(v[k], login); k++)
			;
		if (k < *nout)
			continue;
		if (!(v[*nout] = gate_strdup(login, err))) {
			for (k = 0; k < *nout; k++)
				free(v[k]);
			free(v);
			return -1;
		}
		(*nout)++;
	}
	*out = v;
	return 0;
}

int gate_simulate_approvals(gate_simulation *sim, gate_run *run, const char *const *logins,
			    size_t n, gate_error *err)
{
	gate_result res;
	char **v = NULL;
	size_t nv = 0, i;
	int error = -1;

	gate_result_init(&res);
	if (!run->evaluated || !run->policy || !run->change)
		return gate_error_set(err, GATE_ERR_INTERNAL,
				      "a simulation needs an evaluated change");
	if (take_logins(&v, &nv, logins, n, err) < 0)
		return -1;
	sim->real = sim->simulated = gate_result_verdict(&run->result);
	if (!(sim->approvals = gate_calloc(nv ? nv : 1, sizeof(*sim->approvals), err)))
		goto done;
	for (i = 0; i < nv; i++) {
		gate_simulated_approval *a = &sim->approvals[sim->napprovals++];

		a->login = v[i];
		v[i] = NULL;
		a->permission = gate_permissions_get(run->permissions, a->login);
		gate_result_dispose(&res);
		gate_result_init(&res);
		if (evaluate_with(&res, run, &a->login, 1, &sim->labels, err) < 0 ||
		    compare(a, &run->result, &res, err) < 0)
			goto done;
	}
	/* All of them at once (the same as the one when there is one); v
	 * now borrows the logins. */
	for (i = 0; i < nv; i++)
		v[i] = sim->approvals[i].login;
	nv = 0;
	gate_result_dispose(&res);
	gate_result_init(&res);
	if (sim->napprovals || sim->labels.count) {
		if (evaluate_with(&res, run, v, sim->napprovals, &sim->labels, err) < 0)
			goto done;
		sim->simulated = gate_result_verdict(&res);
	}
	error = 0;
done:
	if (error < 0)
		gate_error_prefix(err, "simulating approvals");
	for (i = 0; i < nv; i++)
		free(v[i]); /* the logins not moved into sim (NULL once moved) */
	free(v);
	gate_result_dispose(&res);
	return error;
}

/* The tier called `name`, or NULL. */
static const gate_tier *find_tier(const gate_policy *policy, const char *name)
{
	size_t t;

	for (t = 0; policy && name && t < policy->ntiers; t++)
		if (strcmp(policy->tiers[t].name, name) == 0)
			return &policy->tiers[t];
	return NULL;
}

int gate_simulate_who_can_approve(gate_buf *out, const gate_policy *policy,
				  const gate_requirement *req, gate_error *err)
{
	const gate_tier *t = find_tier(policy, req->tier);
	size_t i;

	if (!t || !failing(req->status))
		return 0;
	if (strcmp(req->check, "approvals") == 0) {
		if (gate_buf_puts(out,
				  policy->allow_contributor
				      ? "anyone with write access other than the change's author"
				      : "anyone with write access who is not among the change's "
					"contributors (author, committers, co-authors, pusher)",
				  err) < 0)
			return -1;
		return 1;
	}
	if (strcmp(req->check, "reviewers") == 0 && t->require.nreviewers) {
		for (i = 0; i < t->require.nreviewers; i++)
			if (gate_buf_printf(out, err, "%s%s", i ? ", " : "",
					    t->require.reviewers[i]) < 0)
				return -1;
		if (gate_buf_printf(out, err, " (%lld needed, with write access)",
				    t->require.reviewers_min) < 0)
			return -1;
		return 1;
	}
	if (strcmp(req->check, "approval_rules") == 0) {
		if (gate_buf_puts(out,
				  "for each rule that does not hold, its reviewers (each violation "
				  "names them, with their teams' members)",
				  err) < 0)
			return -1;
		return 1;
	}
	if (strcmp(req->check, "codeowners") == 0) {
		if (gate_buf_puts(out,
				  "an owner in CODEOWNERS of each file that no owner has approved "
				  "(each violation names them)",
				  err) < 0)
			return -1;
		return 1;
	}
	return 0;
}
