/*
 * Conditions on a tier's requirements (docs/policy.md, "Conditions"): each
 * `require_when` block of a tier adds its requirements to the tier's own
 * `require` when its conditions hold. A condition that cannot be evaluated
 * never guesses: its block applies, and the report says why.
 */
#include "riskgate/banned.h"

#include "conditions_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jsonout.h"
#include "riskgate/approvals.h"
#include "riskgate/buf.h"
#include "riskgate/conditions.h"
#include "riskgate/escape.h"
#include "riskgate/identity.h"

/* Longest piece of author-controlled text (a title, a branch) quoted in a
 * condition's detail; the rest is cut with "...". */
#define QUOTE_MAX 80

const char *gate_cond_status_name(gate_cond_status status)
{
	switch (status) {
	case GATE_COND_HOLDS:
		return "holds";
	case GATE_COND_FAILS:
		return "fails";
	case GATE_COND_NOT_EVALUATED:
		return "not_evaluated";
	}
	return "not_evaluated";
}

const char *gate_cond_branch_of_ref(const char *ref)
{
	static const char heads[] = "refs/heads/";

	if (!ref || strncmp(ref, heads, sizeof(heads) - 1) != 0 || !ref[sizeof(heads) - 1])
		return NULL;
	return ref + sizeof(heads) - 1;
}

/* 1 when an approval rule of `rules` or below has a target_branch condition. */
static int rules_target_branch(const gate_approval_rule *rules, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((rules[i].when && rules[i].when->target_branch.re) ||
		    rules_target_branch(rules[i].children, rules[i].nchildren))
			return 1;
	return 0;
}

int gate_cond_policy_targets_branch(const gate_policy *policy)
{
	size_t t, b;

	for (t = 0; policy && t < policy->ntiers; t++) {
		const gate_tier *tier = &policy->tiers[t];

		if (rules_target_branch(tier->require.approval_rules,
					tier->require.napproval_rules))
			return 1;
		for (b = 0; b < tier->nrequire_when; b++)
			if (tier->require_when[b].when.target_branch.re ||
			    rules_target_branch(tier->require_when[b].require.approval_rules,
						tier->require_when[b].require.napproval_rules))
				return 1;
	}
	return 0;
}

int gate_cond_describe_when(gate_buf *out, const gate_when *w, gate_error *err)
{
	const struct {
		const char *key;
		const gate_pattern *pat;
	} pats[] = {{"target_branch", &w->target_branch},
		    {"source_branch", &w->source_branch},
		    {"title", &w->title},
		    {"commit_message", &w->commit_message}};
	const char *sep = "";
	size_t i;

	/* The patterns first, but commit_message last, in the order of
	 * `explain`'s require_when lines. */
	for (i = 0; i < 3; i++) {
		if (!pats[i].pat->re)
			continue;
		if (gate_buf_printf(out, err, "%s%s ", sep, pats[i].key) < 0 ||
		    gate_escape_terminal_prose(out, pats[i].pat->pattern,
					       strlen(pats[i].pat->pattern), err) < 0)
			return -1;
		sep = ", ";
	}
	for (i = 0; i < w->nlabels_any; i++, sep = ", ")
		if (gate_buf_printf(out, err, "%s%s", sep, i ? "" : "labels_any ") < 0 ||
		    gate_escape_terminal_name(out, w->labels_any[i], strlen(w->labels_any[i]),
					      err) < 0)
			return -1;
	for (i = 0; i < w->nauthor_in; i++, sep = ", ")
		if (gate_buf_printf(out, err, "%s%s", sep, i ? "" : "author_in ") < 0 ||
		    gate_escape_terminal_name(out, w->author_in[i], strlen(w->author_in[i]), err) <
			0)
			return -1;
	if (w->min_changed_lines >= 0) {
		if (gate_buf_printf(out, err, "%smin_changed_lines %lld", sep,
				    w->min_changed_lines) < 0)
			return -1;
		sep = ", ";
	}
	if (w->min_changed_files >= 0) {
		if (gate_buf_printf(out, err, "%smin_changed_files %lld", sep,
				    w->min_changed_files) < 0)
			return -1;
		sep = ", ";
	}
	if (pats[3].pat->re && (gate_buf_printf(out, err, "%scommit_message ", sep) < 0 ||
				gate_escape_terminal_prose(out, pats[3].pat->pattern,
							   strlen(pats[3].pat->pattern), err) < 0))
		return -1;
	return 0;
}

/* Adds `p`'s pattern under `key` when the condition is present. */
static int pattern_json(cJSON *obj, const char *key, const gate_pattern *p, gate_error *err)
{
	return p->re ? gate_jsonout__add_text(obj, key, p->pattern, err) : 0;
}

static int strings_json(cJSON *obj, const char *key, char *const *v, size_t n, gate_error *err)
{
	cJSON *arr;
	size_t i;

	if (!n)
		return 0;
	if (gate_jsonout__add_array(&arr, obj, key, err) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (gate_jsonout__push(arr, gate_jsonout__text(v[i], strlen(v[i]), NULL, err),
				       err) < 0)
			return -1;
	return 0;
}

int gate_conditions__when_json(cJSON *obj, const gate_when *w, gate_error *err)
{
	if (pattern_json(obj, "target_branch", &w->target_branch, err) < 0 ||
	    pattern_json(obj, "source_branch", &w->source_branch, err) < 0 ||
	    strings_json(obj, "labels_any", w->labels_any, w->nlabels_any, err) < 0 ||
	    pattern_json(obj, "title", &w->title, err) < 0 ||
	    strings_json(obj, "author_in", w->author_in, w->nauthor_in, err) < 0 ||
	    (w->min_changed_lines >= 0 &&
	     gate_jsonout__add_number(obj, "min_changed_lines", (double)w->min_changed_lines, err) <
		 0) ||
	    (w->min_changed_files >= 0 &&
	     gate_jsonout__add_number(obj, "min_changed_files", (double)w->min_changed_files, err) <
		 0) ||
	    pattern_json(obj, "commit_message", &w->commit_message, err) < 0)
		return -1;
	return 0;
}

/* Appends a condition of the outcome with its detail printed from `fmt`. */
static int add_check(gate_cond_outcome *o, const char *name, gate_cond_status status,
		     gate_error *err, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int add_check(gate_cond_outcome *o, const char *name, gate_cond_status status,
		     gate_error *err, const char *fmt, ...)
{
	gate_buf b = GATE_BUF_INIT(4096);
	gate_cond_check *grown;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = gate_buf_vprintf(&b, err, fmt, ap);
	va_end(ap);
	if (rc < 0)
		goto fail;
	grown = gate_reallocarray(o->checks, o->nchecks + 1, sizeof(*o->checks), err);
	if (!grown)
		goto fail;
	o->checks = grown;
	o->checks[o->nchecks].name = name;
	o->checks[o->nchecks].status = status;
	o->checks[o->nchecks].detail = gate_buf_detach(&b);
	if (!o->checks[o->nchecks].detail)
		o->checks[o->nchecks].detail = gate_strdup("", err);
	if (!o->checks[o->nchecks].detail)
		return -1;
	o->nchecks++;
	return 0;
fail:
	gate_buf_dispose(&b);
	return -1;
}

/* The length of `s` quoted in a detail: at most QUOTE_MAX bytes. */
static int quote_len(const char *s)
{
	size_t n = strlen(s);
	return (int)(n > QUOTE_MAX ? QUOTE_MAX : n);
}

static const char *quote_more(const char *s)
{
	return strlen(s) > QUOTE_MAX ? "..." : "";
}

/* A condition that matches a pattern against one known value, or is not
 * evaluated when the value is unknown (`how` says how to give it). */
static int match_value(gate_cond_outcome *o, const char *name, gate_pattern *pat, const char *what,
		       const char *value, const char *how, gate_error *err)
{
	int rc;

	if (!pat->re)
		return 0;
	if (!value)
		return add_check(o, name, GATE_COND_NOT_EVALUATED, err,
				 "condition %s not evaluated: no %s known (%s)", name, what, how);
	if ((rc = gate_regex_match(pat->re, value, strlen(value), err)) < 0)
		return -1;
	return add_check(o, name, rc ? GATE_COND_HOLDS : GATE_COND_FAILS, err,
			 "%s \"%.*s%s\" %s %s", what, quote_len(value), value, quote_more(value),
			 rc ? "matches" : "does not match", pat->pattern);
}

static int match_labels(gate_cond_outcome *o, const gate_when *w, const gate_cond_facts *f,
			gate_error *err)
{
	size_t i, k;

	if (w->nlabels_any == 0)
		return 0;
	if (!f || !f->labels_known)
		return add_check(o, "labels_any", GATE_COND_NOT_EVALUATED, err,
				 "condition labels_any not evaluated: no labels known (pass "
				 "--label or --no-labels, or run on a pull_request event)");
	for (i = 0; i < f->nlabels; i++)
		for (k = 0; k < w->nlabels_any; k++)
			if (strcasecmp(f->labels[i], w->labels_any[k]) == 0)
				return add_check(o, "labels_any", GATE_COND_HOLDS, err,
						 "the change has the label \"%.*s%s\"",
						 quote_len(w->labels_any[k]), w->labels_any[k],
						 quote_more(w->labels_any[k]));
	return add_check(o, "labels_any", GATE_COND_FAILS, err,
			 "the change has none of the %zu label(s) listed (it has %zu label(s))",
			 w->nlabels_any, f->nlabels);
}

/* The author is one of `author_in`: a login, or a member of a team of the
 * teams file. A team the teams file does not define cannot say no. */
static int match_author(gate_cond_outcome *o, const gate_when *w, const gate_check_ctx *ctx,
			gate_error *err)
{
	const char *author = ctx->opts ? ctx->opts->author : NULL;
	const gate_teams *teams = ctx->opts ? ctx->opts->teams : NULL;
	const char *unknown_team = NULL;
	size_t k;

	if (w->nauthor_in == 0)
		return 0;
	if (author && author[0] == '@')
		author++;
	if (!author || !author[0])
		return add_check(o, "author_in", GATE_COND_NOT_EVALUATED, err,
				 "condition author_in not evaluated: no author known (pass "
				 "--author or run on a pull_request event)");
	for (k = 0; k < w->nauthor_in; k++) {
		if (gate_reviewer_matches(w->author_in[k], author, teams))
			return add_check(o, "author_in", GATE_COND_HOLDS, err,
					 "the author %s is %s%s", author,
					 gate_identity_spec_is_team(w->author_in[k]) ? "in " : "",
					 w->author_in[k]);
		if (gate_identity_spec_is_team(w->author_in[k]) &&
		    !gate_teams_known(teams, w->author_in[k]) && !unknown_team)
			unknown_team = w->author_in[k];
	}
	if (unknown_team)
		return add_check(o, "author_in", GATE_COND_NOT_EVALUATED, err,
				 "condition author_in not evaluated: the members of %s are not "
				 "known (pass --teams)",
				 unknown_team);
	return add_check(o, "author_in", GATE_COND_FAILS, err,
			 "the author %s is none of the %zu listed", author, w->nauthor_in);
}

static int match_size(gate_cond_outcome *o, const gate_when *w, const gate_check_ctx *ctx,
		      size_t tier, gate_error *err)
{
	size_t i, lines = 0, nfiles = ctx->tier_nfiles[tier];

	for (i = 0; i < nfiles; i++) {
		const gate_file *f = &ctx->change->files[ctx->tier_files[tier][i]];
		lines += f->additions + f->deletions;
	}
	if (w->min_changed_lines >= 0 &&
	    add_check(o, "min_changed_lines",
		      (long long)lines >= w->min_changed_lines ? GATE_COND_HOLDS : GATE_COND_FAILS,
		      err, "%zu line(s) of the tier changed, at least %lld asked", lines,
		      w->min_changed_lines) < 0)
		return -1;
	if (w->min_changed_files >= 0 &&
	    add_check(o, "min_changed_files",
		      (long long)nfiles >= w->min_changed_files ? GATE_COND_HOLDS : GATE_COND_FAILS,
		      err, "%zu file(s) of the tier changed, at least %lld asked", nfiles,
		      w->min_changed_files) < 0)
		return -1;
	return 0;
}

static int match_commits(gate_cond_outcome *o, gate_pattern *pat, const gate_change *change,
			 gate_error *err)
{
	size_t c;
	int rc;

	if (!pat->re)
		return 0;
	for (c = 0; c < change->ncommits; c++) {
		const char *msg = change->commits[c].message ? change->commits[c].message : "";

		if ((rc = gate_regex_match(pat->re, msg, strlen(msg), err)) < 0)
			return -1;
		if (rc)
			return add_check(o, "commit_message", GATE_COND_HOLDS, err,
					 "the message of commit %.12s matches %s",
					 change->commits[c].sha, pat->pattern);
	}
	return add_check(o, "commit_message", GATE_COND_FAILS, err,
			 "no message of the %zu commit(s) matches %s", change->ncommits,
			 pat->pattern);
}

int gate_conditions__evaluate(gate_cond_outcome *o, gate_when *w, const gate_check_ctx *ctx,
			      size_t tier, gate_error *err)
{
	const gate_cond_facts *f = ctx->opts ? ctx->opts->facts : NULL;

	if (match_value(o, "target_branch", &w->target_branch, "target branch",
			f ? f->target_branch : NULL,
			"pass --target-branch, run on a pull_request event or in the pre-receive "
			"hook on a branch",
			err) < 0 ||
	    match_value(o, "source_branch", &w->source_branch, "source branch",
			f ? f->source_branch : NULL,
			"pass --source-branch or run on a pull_request event", err) < 0 ||
	    match_labels(o, w, f, err) < 0 ||
	    match_value(o, "title", &w->title, "title", f ? f->title : NULL,
			"pass --title or run on a pull_request event", err) < 0 ||
	    match_author(o, w, ctx, err) < 0 || match_size(o, w, ctx, tier, err) < 0 ||
	    match_commits(o, &w->commit_message, ctx->change, err) < 0)
		return -1;
	return 0;
}

int gate_conditions__applies(const gate_cond_outcome *o)
{
	size_t k;

	/* All conditions must hold: one that fails decides; one that cannot
	 * be evaluated applies (fails closed). */
	for (k = 0; k < o->nchecks; k++)
		if (o->checks[k].status == GATE_COND_FAILS)
			return 0;
	return 1;
}

void gate_conditions__dispose(gate_cond_outcome *o)
{
	size_t k;

	if (!o)
		return;
	free(o->tier);
	free(o->adds);
	for (k = 0; k < o->nchecks; k++)
		free(o->checks[k].detail);
	free(o->checks);
	memset(o, 0, sizeof(*o));
}

/* Adds the requirements of `add` to `req`: the stricter of each. */
static int merge(gate_require *req, size_t **rules_owned, const gate_require *add, gate_error *err)
{
	size_t *grown, i, k;

	if (add->tests > req->tests)
		req->tests = add->tests;
	if (add->max_files >= 0 && (req->max_files < 0 || add->max_files < req->max_files))
		req->max_files = add->max_files;
	if (add->max_lines >= 0 && (req->max_lines < 0 || add->max_lines < req->max_lines))
		req->max_lines = add->max_lines;
	if (add->approvals > req->approvals)
		req->approvals = add->approvals;
	/* The loader lets one place of a tier name reviewers, so there is no
	 * pool to combine. */
	if (add->nreviewers) {
		req->reviewers = add->reviewers;
		req->nreviewers = add->nreviewers;
		req->reviewers_min = add->reviewers_min;
	}
	/* Likewise for approval rules (one place per tier). */
	if (add->napproval_rules) {
		req->approval_rules = add->approval_rules;
		req->napproval_rules = add->napproval_rules;
	}
	/* Any writer's request for changes is the stricter rule. */
	if (add->changes_requested == 2)
		req->changes_requested = 2;
	req->codeowners |= add->codeowners;
	req->observability |= add->observability;
	req->walkthrough |= add->walkthrough;
	if (add->has_provenance) {
		if (!req->has_provenance) {
			req->has_provenance = 1;
			req->provenance = add->provenance;
		} else {
			req->provenance.require_disclosure |= add->provenance.require_disclosure;
			req->provenance.require_signoff |= add->provenance.require_signoff;
			req->provenance.ai_allowed &= add->provenance.ai_allowed;
			if (add->provenance.ai_extra_approvals > req->provenance.ai_extra_approvals)
				req->provenance.ai_extra_approvals =
				    add->provenance.ai_extra_approvals;
		}
	}
	if (add->nrules == 0)
		return 0;
	grown = gate_reallocarray(*rules_owned, req->nrules + add->nrules, sizeof(size_t), err);
	if (!grown)
		return -1;
	if (!*rules_owned && req->nrules)
		memcpy(grown, req->rules, req->nrules * sizeof(size_t));
	*rules_owned = grown;
	req->rules = grown;
	for (k = 0; k < add->nrules; k++) {
		for (i = 0; i < req->nrules && grown[i] != add->rules[k]; i++)
			;
		if (i == req->nrules)
			grown[req->nrules++] = add->rules[k];
	}
	return 0;
}

int gate_cond_describe_adds(gate_buf *out, const gate_policy *policy, const gate_tier *tier,
			    const gate_require *req, gate_error *err)
{
	const gate_check_info *c = NULL;
	gate_tier shown = *tier;
	int rc, any = 0;

	shown.require = *req;
	while ((c = gate_check_next(c, GATE_CHECK_ORDER_TEXT))) {
		/* "tests: none" is what a tier says without tests; a block that
		 * does not ask for tests adds nothing there. */
		if (strcmp(c->name, "tests") == 0 && req->tests == GATE_TESTS_NONE)
			continue;
		if ((rc = c->describe_text(out, any ? ", " : "", policy, &shown, err)) < 0)
			return -1;
		any |= rc;
	}
	return any ? 0 : gate_buf_puts(out, "nothing", err);
}

/* gate_cond_describe_adds into a string of the caller's. */
static int describe(char **out, const gate_policy *policy, const gate_tier *tier,
		    const gate_require *req, gate_error *err)
{
	gate_buf b = GATE_BUF_INIT(64 * 1024);

	*out = NULL;
	if (gate_cond_describe_adds(&b, policy, tier, req, err) == 0)
		*out = gate_buf_detach(&b);
	gate_buf_dispose(&b);
	return *out ? 0 : -1;
}

int gate_conditions__apply(gate_require *out, size_t **rules_owned, gate_result *res,
			   const gate_check_ctx *ctx, size_t tier, gate_error *err)
{
	gate_tier *t = &ctx->policy->tiers[tier];
	gate_cond_outcome *grown, *o;
	size_t b;

	*out = t->require;
	*rules_owned = NULL;
	for (b = 0; b < t->nrequire_when; b++) {
		gate_require_when *rw = &t->require_when[b];

		grown = gate_reallocarray(res->conditions, res->nconditions + 1,
					  sizeof(*res->conditions), err);
		if (!grown)
			return -1;
		res->conditions = grown;
		o = &res->conditions[res->nconditions++];
		memset(o, 0, sizeof(*o));
		o->index = b;
		if (!(o->tier = gate_strdup(t->name, err)) ||
		    describe(&o->adds, ctx->policy, t, &rw->require, err) < 0 ||
		    gate_conditions__evaluate(o, &rw->when, ctx, tier, err) < 0)
			return -1;
		o->applied = gate_conditions__applies(o);
		if (o->applied && merge(out, rules_owned, &rw->require, err) < 0)
			return -1;
	}
	return 0;
}
