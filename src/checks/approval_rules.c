/*
 * The approval_rules requirement (docs/policy.md, "`approval_rules`"): approval rules that must
 * all hold, each with its own pool of reviewers and its own count ("1 from @acme/security and 1
 * from @acme/payments"), with any_of/all_of nesting. One approver may satisfy several rules, as
 * one review on GitHub satisfies every rule it is named by. A failing rule names who can satisfy
 * it.
 */
#include "riskgate/banned.h"

#include "checks.h"
#include "conditions_internal.h"
#include "jsonout.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "riskgate/buf.h"
#include "riskgate/conditions.h"
#include "riskgate/identity.h"

/* Most members of a team named in a hint, so that a large team does not
 * flood the report. */
#define HINT_MEMBERS 10

typedef struct {
	gate_result *res;
	gate_check_ctx *ctx;
	size_t tier;
	gate_requirement *req;
	const gate_teams *teams;
	int unresolved; /* a failing rule names a team or organisation the teams file lacks */
	gate_error *err;
	/* How each rule's own `when` came out, so that a condition (a pattern
	 * run over every commit message, say) is evaluated once per rule and
	 * not once per question: an open-addressed table of `nmemo` slots
	 * (twice the rules with a `when`), keyed by the rule's address. */
	struct {
		const gate_approval_rule *rule;
		int applies;
	} * memo;
	size_t nmemo;
} rules_eval;

/* The number of rules with a `when` in `rules` and below. */
static size_t count_when(const gate_approval_rule *rules, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += (rules[i].when != NULL) + count_when(rules[i].children, rules[i].nchildren);
	return c;
}

/* The memo slot of `r`: its own, or the empty one where it goes. */
static size_t memo_slot(const rules_eval *E, const gate_approval_rule *r)
{
	size_t i = ((size_t)(uintptr_t)r / sizeof(*r)) % E->nmemo;

	while (E->memo[i].rule && E->memo[i].rule != r)
		i = (i + 1) % E->nmemo;
	return i;
}

/* Whether spec names a team or organisation that the teams file does not define. */
static int unknown_group(const char *spec, const gate_teams *teams)
{
	if (gate_identity_spec_is_team(spec))
		return !gate_teams_known(teams, spec);
	return 0;
}

/* The approvers of the tier that leaf `r` accepts, counted; their names
 * are added to `names` (", "-separated) when it is not NULL. */
static long long matching(const rules_eval *E, const gate_approval_rule *r, gate_buf *names)
{
	const gate_check_ctx *ctx = E->ctx;
	long long n = 0;
	size_t i, s;

	for (i = 0; i < ctx->napprovers; i++) {
		const gate_approver *a = &ctx->approvers[i];
		int ok = r->nfrom == 0;

		if (!gate_approver_counts_for(a, E->tier))
			continue;
		for (s = 0; !ok && s < r->nfrom; s++)
			ok = gate_approver_matches(a, r->from[s], E->teams);
		if (!ok)
			continue;
		n++;
		if (names && gate_buf_printf(names, E->err, "%s%s", names->size ? ", " : "",
					     gate_approver_name(a)) < 0)
			return -1;
	}
	return n;
}

/* What own_when and applicable return besides 0 (not applicable) and 1
 * (applies): the rule applies only because a condition could not be
 * evaluated. Such a rule is asked for, but its holding never satisfies an
 * any_of: an unknown input must not open one more way to pass. */
#define APPLIES_UNKNOWN 2

/*
 * Whether rule `r`'s own `when` holds: decided as a require_when block's is
 * (the same evaluation and the same decision, so a condition that cannot be
 * evaluated applies). `why`, when not NULL, gets the reason: the conditions
 * that failed, with the values seen, or, when it holds, those that could
 * not be evaluated. Returns 1 (also for a rule without `when`),
 * APPLIES_UNKNOWN when it holds only because a condition could not be
 * evaluated, 0, or -1.
 */
static int own_when(const rules_eval *E, const gate_approval_rule *r, gate_buf *why)
{
	gate_cond_outcome o;
	size_t k, slot;
	int rc;

	if (!r->when)
		return 1;
	if (!why && E->nmemo && E->memo[slot = memo_slot(E, r)].rule)
		return E->memo[slot].applies;
	memset(&o, 0, sizeof(o));
	if (gate_conditions__evaluate(&o, r->when, E->ctx, E->tier, E->err) < 0)
		goto fail;
	rc = gate_conditions__applies(&o);
	for (k = 0; rc && k < o.nchecks; k++)
		if (o.checks[k].status == GATE_COND_NOT_EVALUATED)
			rc = APPLIES_UNKNOWN;
	for (k = 0; why && k < o.nchecks; k++) {
		gate_cond_status st = o.checks[k].status;

		if ((rc ? st != GATE_COND_NOT_EVALUATED : st != GATE_COND_FAILS))
			continue;
		if ((why->size && gate_buf_puts(why, "; ", E->err) < 0) ||
		    (st == GATE_COND_FAILS &&
		     gate_buf_printf(why, E->err, "%s: ", o.checks[k].name) < 0) ||
		    gate_buf_puts(why, o.checks[k].detail, E->err) < 0)
			goto fail;
	}
	gate_conditions__dispose(&o);
	if (E->nmemo) {
		slot = memo_slot(E, r);
		E->memo[slot].rule = r;
		E->memo[slot].applies = rc;
	}
	return rc;
fail:
	gate_conditions__dispose(&o);
	return -1;
}

/*
 * Whether rule `r` applies (docs/policy.md, "Conditions on one rule"): its
 * own `when` holds, and, for an any_of/all_of, one of its rules applies.
 * Returns 1, APPLIES_UNKNOWN when that rests on a condition that could not
 * be evaluated (its own, or every applying rule below it), 0, or -1.
 */
static int applicable(const rules_eval *E, const gate_approval_rule *r)
{
	size_t k;
	int own, rc, below = 0;

	if ((own = own_when(E, r, NULL)) <= 0 || r->kind == GATE_RULE_FROM)
		return own;
	for (k = 0; k < r->nchildren && below != 1; k++) {
		if ((rc = applicable(E, &r->children[k])) < 0)
			return -1;
		if (rc && (!below || rc == 1))
			below = rc;
	}
	if (!below)
		return 0;
	return own == APPLIES_UNKNOWN ? APPLIES_UNKNOWN : below;
}

/* 1 when rule `r`, which applies, holds, 0 when not, -1 on error. Rules
 * below it that do not apply are left out: all_of holds when every rule
 * that applies holds, any_of when one of them does. A rule that applies
 * only because a condition could not be evaluated must hold in an all_of
 * and cannot be the one that satisfies an any_of (fails closed both ways). */
static int holds(const rules_eval *E, const gate_approval_rule *r)
{
	size_t i;
	int rc, a;

	if (r->kind == GATE_RULE_FROM) {
		long long n = matching(E, r, NULL);

		return n < 0 ? -1 : n >= r->count;
	}
	for (i = 0; i < r->nchildren; i++) {
		if ((a = applicable(E, &r->children[i])) < 0)
			return -1;
		if (!a)
			continue;
		if ((rc = holds(E, &r->children[i])) < 0)
			return -1;
		if (r->kind == GATE_RULE_ANY_OF && rc && a == 1)
			return 1;
		if (r->kind == GATE_RULE_ALL_OF && !rc)
			return 0;
	}
	return r->kind == GATE_RULE_ALL_OF;
}

static int listed(const gate_strlist *l, const char *s)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		if (strcmp(l->items[i], s) == 0)
			return 1;
	return 0;
}

/* The rule's name for messages: its "name", else its place ("rule 2.1"). */
static int label(gate_buf *out, const gate_approval_rule *r, const char *place, gate_error *err)
{
	if (r->name)
		return gate_buf_printf(out, err, "rule \"%s\"", r->name);
	return gate_buf_printf(out, err, "rule %s", place);
}

/* Who can satisfy leaf `r`: its reviewers, with the members the teams
 * file lists for each team or organisation. */
static int who_can(const rules_eval *E, const gate_approval_rule *r, gate_buf *out)
{
	size_t s, k, m, listed;

	if (r->nfrom == 0)
		return gate_buf_puts(out,
				     "anyone with write access who did not author, commit or push "
				     "the change",
				     E->err);
	for (s = 0; s < r->nfrom; s++) {
		const char *name = gate_identity_skip_at(r->from[s]);

		if (gate_buf_printf(out, E->err, "%s%s", s ? "; " : "", r->from[s]) < 0)
			return -1;
		listed = 0;
		for (k = 0; E->teams && k < E->teams->count; k++) {
			const gate_team *t = &E->teams->items[k];
			size_t nlen = strlen(name);

			/* The team itself, or, for an organisation, each of its teams. */
			if (!gate_identity_eq(t->name, name) &&
			    !(strchr(name, '/') == NULL && strncasecmp(t->name, name, nlen) == 0 &&
			      t->name[nlen] == '/'))
				continue;
			for (m = 0; m < t->nmembers; m++) {
				if (listed == HINT_MEMBERS) {
					if (gate_buf_puts(out, ", ...", E->err) < 0)
						return -1;
					listed++;
				}
				if (listed > HINT_MEMBERS)
					break;
				if (gate_buf_printf(out, E->err, "%s%s", listed ? ", " : " (",
						    t->members[m]) < 0)
					return -1;
				listed++;
			}
		}
		if (listed && gate_buf_putc(out, ')', E->err) < 0)
			return -1;
	}
	return 0;
}

/*
 * Describes rule `r` (at `place`) into `detail`, and, when `report` is set
 * and the rule does not hold, records a violation for each leaf below it
 * that does not hold. Returns 0 or -1.
 */
static int explain(rules_eval *E, const gate_approval_rule *r, const char *place, int report,
		   gate_buf *detail)
{
	const gate_tier *t = &E->ctx->policy->tiers[E->tier];
	gate_buf names = GATE_BUF_INIT(1u << 16), msg = GATE_BUF_INIT(1u << 16),
		 hint = GATE_BUF_INIT(1u << 16), why = GATE_BUF_INIT(1u << 16);
	char sub[64];
	size_t i, s, nviols;
	long long n;
	int rc, error = -1;

	if ((rc = own_when(E, r, &why)) < 0)
		goto done;
	if (!rc) {
		error = label(detail, r, place, E->err) < 0 ||
				gate_buf_printf(detail, E->err, ": not applicable: %s", why.ptr) < 0
			    ? -1
			    : 0;
		goto done;
	}
	if ((rc = applicable(E, r)) < 0)
		goto done;
	if (!rc) {
		/* An any_of/all_of none of whose rules applies: each says why. */
		if (label(detail, r, place, E->err) < 0 ||
		    gate_buf_printf(detail, E->err,
				    ": not applicable: none of its %zu rule(s) applies [",
				    r->nchildren) < 0)
			goto done;
		for (i = 0; i < r->nchildren; i++) {
			snprintf(sub, sizeof(sub), "%s.%zu", place, i + 1);
			if ((i && gate_buf_puts(detail, "; ", E->err) < 0) ||
			    explain(E, &r->children[i], sub, 0, detail) < 0)
				goto done;
		}
		error = gate_buf_putc(detail, ']', E->err);
		goto done;
	}
	/* A condition that could not be evaluated: the rule applies (it must
	 * hold, and it cannot satisfy an any_of), and the report says why. */
	if (why.size &&
	    (label(detail, r, place, E->err) < 0 ||
	     gate_buf_printf(detail, E->err, " applies (%s; it cannot satisfy an any_of); ",
			     why.ptr) < 0))
		goto done;
	if ((rc = holds(E, r)) < 0)
		goto done;
	if (r->kind != GATE_RULE_FROM) {
		if (label(detail, r, place, E->err) < 0 ||
		    gate_buf_printf(detail, E->err, " (%s): %s [",
				    r->kind == GATE_RULE_ALL_OF ? "all of" : "any of",
				    rc ? "holds" : "does not hold") < 0)
			goto done;
		nviols = E->res->nviols;
		for (i = 0; i < r->nchildren; i++) {
			snprintf(sub, sizeof(sub), "%s.%zu", place, i + 1);
			if ((i && gate_buf_puts(detail, "; ", E->err) < 0) ||
			    explain(E, &r->children[i], sub, report && !rc, detail) < 0)
				goto done;
		}
		if (gate_buf_putc(detail, ']', E->err) < 0)
			goto done;
		/* An any_of that fails though a rule in it holds: each such rule
		 * applies only because a condition could not be evaluated. */
		if (report && !rc && E->res->nviols == nviols &&
		    (label(&msg, r, place, E->err) < 0 ||
		     gate_buf_printf(&msg, E->err,
				     " of tier \"%s\" does not hold: the rules in it that hold "
				     "apply only because a condition could not be evaluated, and "
				     "such a rule cannot satisfy an any_of",
				     t->name) < 0 ||
		     gate_check_violation(E->res, t, "approval_rules", NULL, msg.ptr,
					  "give the missing input (--target-branch, --label or "
					  "--no-labels, --title) or the event payload, or get an "
					  "approval for a rule whose conditions are known",
					  E->err) < 0))
			goto done;
		error = 0;
		goto done;
	}
	if ((n = matching(E, r, &names)) < 0)
		goto done;
	if (label(detail, r, place, E->err) < 0 ||
	    gate_buf_printf(detail, E->err, ": %lld of %lld from ", n, r->count) < 0)
		goto done;
	for (s = 0; s < r->nfrom; s++)
		if (gate_buf_printf(detail, E->err, "%s%s", s ? ", " : "", r->from[s]) < 0)
			goto done;
	if ((r->nfrom == 0 && gate_buf_puts(detail, "any approver", E->err) < 0) ||
	    (names.size && gate_buf_printf(detail, E->err, " (%s)", names.ptr) < 0))
		goto done;
	if (rc) {
		/* Those who satisfied a rule are the requirement's passing list. */
		for (i = 0; i < E->ctx->napprovers && names.size; i++) {
			const gate_approver *a = &E->ctx->approvers[i];
			int ok = r->nfrom == 0;

			for (s = 0; !ok && s < r->nfrom; s++)
				ok = gate_approver_matches(a, r->from[s], E->teams);
			if (ok && gate_approver_counts_for(a, E->tier) &&
			    !listed(&E->req->passing, gate_approver_name(a)) &&
			    gate_strlist_add(&E->req->passing, gate_approver_name(a), E->err) < 0)
				goto done;
		}
		error = 0;
		goto done;
	}
	for (s = 0; s < r->nfrom; s++)
		if (unknown_group(r->from[s], E->teams))
			E->unresolved = 1;
	if (!report) {
		error = 0;
		goto done;
	}
	if (label(&msg, r, place, E->err) < 0 ||
	    gate_buf_printf(&msg, E->err,
			    " of tier \"%s\" needs %lld approval(s), and %lld counted", t->name,
			    r->count, n) < 0 ||
	    gate_buf_puts(&hint, "ask for a review from ", E->err) < 0 || who_can(E, r, &hint) < 0)
		goto done;
	error = gate_check_violation(E->res, t, "approval_rules", NULL, msg.ptr, hint.ptr, E->err);
done:
	gate_buf_dispose(&names);
	gate_buf_dispose(&msg);
	gate_buf_dispose(&hint);
	gate_buf_dispose(&why);
	return error;
}

int gate_check_approval_rules(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err)
{
	const gate_tier *t = &ctx->policy->tiers[tier];
	gate_buf detail = GATE_BUF_INIT(1u << 20);
	rules_eval E;
	char place[32];
	size_t i;
	int a, rc, all = 1, any = 0, error = -1;

	if (t->require.napproval_rules == 0)
		return 0;
	memset(&E, 0, sizeof(E));
	E.res = res;
	E.ctx = ctx;
	E.tier = tier;
	E.teams = ctx->opts ? ctx->opts->teams : NULL;
	E.err = err;
	if ((E.nmemo = 2 * count_when(t->require.approval_rules, t->require.napproval_rules)) &&
	    !(E.memo = gate_calloc(E.nmemo, sizeof(*E.memo), err)))
		goto done;
	for (i = 0; i < t->require.napproval_rules; i++) {
		if ((rc = applicable(&E, &t->require.approval_rules[i])) < 0)
			goto done;
		any |= rc;
	}
	if (!any) {
		/* Nothing to ask for: the requirement passes, and says why. */
		if (gate_buf_puts(&detail, "no approval rule applies: ", err) < 0)
			goto done;
		for (i = 0; i < t->require.napproval_rules; i++) {
			snprintf(place, sizeof(place), "%zu", i + 1);
			if ((i && gate_buf_puts(&detail, "; ", err) < 0) ||
			    explain(&E, &t->require.approval_rules[i], place, 0, &detail) < 0)
				goto done;
		}
		error = gate_result_add_requirement(res, NULL, t->name, "approval_rules",
						    GATE_REQ_PASS, detail.ptr, err);
		goto done;
	}
	if (!ctx->approvers_known) {
		if (gate_buf_printf(&detail, err,
				    "tier \"%s\" has %zu approval rule(s), and who approved is not "
				    "known",
				    t->name, t->require.napproval_rules) < 0 ||
		    gate_result_add_requirement(res, NULL, t->name, "approval_rules",
						GATE_REQ_UNVERIFIED, detail.ptr, err) < 0 ||
		    gate_check_violation(res, t, "approval_rules", NULL, detail.ptr,
					 gate_check_unknown_approvals(ctx), err) < 0)
			goto done;
		error = 0;
		goto done;
	}
	if (gate_result_add_requirement(res, &E.req, t->name, "approval_rules", GATE_REQ_PASS, "",
					err) < 0)
		goto done;
	for (i = 0; i < t->require.napproval_rules; i++) {
		const gate_approval_rule *r = &t->require.approval_rules[i];

		/* A rule that does not apply is left out of the conjunction. */
		if ((a = applicable(&E, r)) < 0 || (a && (rc = holds(&E, r)) < 0))
			goto done;
		if (a)
			all &= rc;
		snprintf(place, sizeof(place), "%zu", i + 1);
		if ((i && gate_buf_puts(&detail, "; ", err) < 0) ||
		    explain(&E, r, place, 1, &detail) < 0)
			goto done;
	}
	if (!all && (E.unresolved || ctx->nunverified)) {
		E.req->status = GATE_REQ_UNVERIFIED;
		if (gate_buf_puts(&detail,
				  E.unresolved
				      ? "; a team or organisation is not in the teams file "
					"(--teams FILE)"
				      : "; approvals whose write access is not shown do "
					"not count",
				  err) < 0)
			goto done;
	} else
		E.req->status = all ? GATE_REQ_PASS : GATE_REQ_FAIL;
	free(E.req->detail);
	if (!(E.req->detail = gate_strdup(detail.ptr, err)))
		goto done;
	error = 0;
done:
	free(E.memo);
	gate_buf_dispose(&detail);
	return error;
}

static int describe_rule_kind(gate_buf *out, const gate_approval_rule *r, gate_error *err);

/* A rule as `explain` writes it, with its conditions when it has some:
 * "1 from @acme/payments (when target_branch ^release/)". */
static int describe_rule(gate_buf *out, const gate_approval_rule *r, gate_error *err)
{
	if (describe_rule_kind(out, r, err) < 0)
		return -1;
	if (!r->when)
		return 0;
	if (gate_buf_puts(out, " (when ", err) < 0 ||
	    gate_cond_describe_when(out, r->when, err) < 0)
		return -1;
	return gate_buf_putc(out, ')', err);
}

static int describe_rule_kind(gate_buf *out, const gate_approval_rule *r, gate_error *err)
{
	size_t i;
	int error;

	if (r->kind != GATE_RULE_FROM) {
		if ((error = gate_buf_puts(
			 out, r->kind == GATE_RULE_ALL_OF ? "all of (" : "any of (", err)) < 0)
			return error;
		for (i = 0; i < r->nchildren; i++)
			if ((i && (error = gate_buf_puts(out, ", ", err)) < 0) ||
			    (error = describe_rule(out, &r->children[i], err)) < 0)
				return error;
		return gate_buf_putc(out, ')', err);
	}
	if ((error = gate_buf_printf(out, err, "%lld from", r->count)) < 0)
		return error;
	if (r->nfrom == 0)
		return gate_buf_puts(out, " anyone", err);
	for (i = 0; i < r->nfrom; i++)
		if ((error = gate_buf_putc(out, ' ', err)) < 0 ||
		    (error = gate_check_describe_name(out, r->from[i], err)) < 0)
			return error;
	return 0;
}

int gate_check_approval_rules_text(gate_buf *out, const char *sep, const gate_policy *policy,
				   const gate_tier *tier, gate_error *err)
{
	size_t i;
	int error;

	(void)policy;
	if (tier->require.napproval_rules == 0)
		return 0;
	if ((error = gate_buf_printf(out, err, "%sapproval rules: ", sep)) < 0)
		return error;
	for (i = 0; i < tier->require.napproval_rules; i++)
		if ((i && (error = gate_buf_puts(out, " and ", err)) < 0) ||
		    (error = describe_rule(out, &tier->require.approval_rules[i], err)) < 0)
			return error;
	return 1;
}

static int rule_json(struct cJSON *arr, const gate_approval_rule *r, gate_error *err)
{
	struct cJSON *obj = cJSON_CreateObject(), *list, *when;
	size_t i;

	if (gate_jsonout__push(arr, obj, err) < 0 ||
	    (r->name && gate_jsonout__add_text(obj, "name", r->name, err) < 0))
		return -1;
	if (r->when && (gate_jsonout__add_object(&when, obj, "when", err) < 0 ||
			gate_conditions__when_json(when, r->when, err) < 0))
		return -1;
	if (r->kind != GATE_RULE_FROM) {
		if (gate_jsonout__add_array(
			&list, obj, r->kind == GATE_RULE_ALL_OF ? "all_of" : "any_of", err) < 0)
			return -1;
		for (i = 0; i < r->nchildren; i++)
			if (rule_json(list, &r->children[i], err) < 0)
				return -1;
		return 0;
	}
	if (gate_jsonout__add_number(obj, "count", (double)r->count, err) < 0 ||
	    gate_jsonout__add_array(&list, obj, "from", err) < 0)
		return -1;
	for (i = 0; i < r->nfrom; i++)
		if (gate_jsonout__push(
			list, gate_jsonout__text(r->from[i], strlen(r->from[i]), NULL, err), err) <
		    0)
			return -1;
	return 0;
}

int gate_check_approval_rules_json(struct cJSON *requires, const gate_policy *policy,
				   const gate_tier *tier, gate_error *err)
{
	struct cJSON *arr;
	size_t i;

	(void)policy;
	if (gate_jsonout__add_array(&arr, requires, "approval_rules", err) < 0)
		return -1;
	for (i = 0; i < tier->require.napproval_rules; i++)
		if (rule_json(arr, &tier->require.approval_rules[i], err) < 0)
			return -1;
	return 0;
}
