/*
 * The text of `explain` (docs/commands.md): for one path, its tier, the rule
 * that put it there, its owners and what the tier requires; and the
 * explainer, which renders each tier's fixed parts once for a stream of
 * paths. Every name and sentence goes through the terminal escapers of
 * escape.h.
 */
#include "riskgate/banned.h"

#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "riskgate/check.h"
#include "riskgate/classify.h"
#include "riskgate/conditions.h"
#include "riskgate/escape.h"
#include "riskgate/report.h"

/* What a tier requires, in one line: "tests: paired, max_files: 25", each
 * check's part in the documented order of the `require` keys. */
static int requires_text(gate_buf *out, const gate_policy *policy, const gate_tier *tier,
			 gate_error *err)
{
	const gate_check_info *c;
	const char *sep = "";
	int rc;

	for (c = gate_check_next(NULL, GATE_CHECK_ORDER_TEXT); c;
	     c = gate_check_next(c, GATE_CHECK_ORDER_TEXT)) {
		if ((rc = c->describe_text(out, sep, policy, tier, err)) < 0)
			return rc;
		if (rc > 0)
			sep = ", ";
	}
	return 0;
}

static int require_when_text(gate_buf *out, const gate_policy *policy, const gate_tier *tier,
			     gate_error *err)
{
	size_t b;
	int error;

	for (b = 0; b < tier->nrequire_when; b++) {
		if ((error = gate_buf_puts(out, "\n  and when: ", err)) < 0 ||
		    (error = gate_cond_describe_when(out, &tier->require_when[b].when, err)) < 0 ||
		    (error = gate_buf_puts(out, " -> ", err)) < 0 ||
		    (error = gate_cond_describe_adds(out, policy, tier,
						     &tier->require_when[b].require, err)) < 0)
			return error;
	}
	return 0;
}

/* "@a, @org/b (CODEOWNERS line N)" for explain. */
static int owners_text(gate_buf *out, const gate_file_owners *owners, gate_error *err)
{
	size_t i;
	int error;

	if (!owners->matched)
		return gate_buf_puts(out, "(no CODEOWNERS line matches)", err);
	if (owners->nowners == 0)
		return gate_buf_printf(out, err, "(unowned: CODEOWNERS line %u names no owner)",
				       owners->line);
	for (i = 0; i < owners->nowners; i++)
		if ((error = gate_buf_puts(out, i ? ", " : "", err)) < 0 ||
		    (error = gate_report__term_name(out, owners->owners[i], NULL, err)) < 0)
			return error;
	return gate_buf_printf(out, err, " (CODEOWNERS line %u)", owners->line);
}

/* The parts of an explain block that do not depend on the path, each
 * rendered by one function: the tier line up to the rule, the rule, and
 * what the tier requires. gate_report_explain_text and the explainer below
 * both build the block from them, so the two cannot differ. */
static int explain_head(gate_buf *out, const gate_tier *tier, gate_error *err)
{
	int error;

	if ((error = gate_buf_puts(out, "\n  tier:     ", err)) < 0 ||
	    (error = gate_report__term_name(out, tier->name, NULL, err)) < 0)
		return error;
	if (tier->description &&
	    ((error = gate_buf_puts(out, " — ", err)) < 0 ||
	     (error = gate_report__term_prose(out, tier->description, err)) < 0))
		return error;
	return gate_buf_puts(out, "\n  rule:     ", err);
}

static int explain_rule(gate_buf *out, const gate_policy *policy, const gate_class *cls,
			gate_error *err)
{
	int error;

	if (cls->kind == GATE_MATCH_PATTERN) {
		if ((error = gate_report__term_name(out, gate_report__policy_file(policy), NULL,
						    err)) < 0 ||
		    (error = gate_buf_printf(out, err, ":%u: ", cls->rule->line)) < 0)
			return error;
		return gate_report__term_prose(out, cls->rule->pattern, err);
	}
	return gate_classify_describe(out, policy, cls, err);
}

static int explain_owners(gate_buf *out, const gate_file_owners *owners, gate_error *err)
{
	int error;

	if (owners && ((error = gate_buf_puts(out, "\n  owners:   ", err)) < 0 ||
		       (error = owners_text(out, owners, err)) < 0))
		return error;
	return 0;
}

static int explain_tail(gate_buf *out, const gate_policy *policy, const gate_tier *tier,
			gate_error *err)
{
	int error;

	if ((error = gate_buf_puts(out, "\n  requires: ", err)) < 0 ||
	    (error = requires_text(out, policy, tier, err)) < 0 ||
	    (error = require_when_text(out, policy, tier, err)) < 0)
		return error;
	return gate_buf_puts(out, "\n", err);
}

int gate_report_explain_text(gate_buf *out, const gate_policy *policy, const char *path, size_t len,
			     const gate_class *cls, const gate_file_owners *owners, gate_error *err)
{
	const gate_tier *tier = &policy->tiers[cls->tier];
	int error;

	if ((error = gate_escape_terminal_name(out, path, len, err)) < 0 ||
	    (error = explain_head(out, tier, err)) < 0 ||
	    (error = explain_rule(out, policy, cls, err)) < 0 ||
	    (error = explain_owners(out, owners, err)) < 0)
		return error;
	return explain_tail(out, policy, tier, err);
}

/* What the explainer keeps of one tier. `rules[i]` is the rendered rule of
 * the tier's path pattern i, empty until first needed (a rendered rule is
 * never empty: it holds at least ":LINE: "). */
typedef struct {
	gate_buf head;
	gate_buf tail;
	gate_buf *rules;
	size_t nrules;
} explainer_tier;

struct gate_report_explainer {
	const gate_policy *policy;
	explainer_tier *tiers; /* policy->ntiers of them */
	gate_buf scratch;      /* the rule of a default or guarded match */
};

/* Largest rendered part of one tier: a pattern or description escaped. */
#define EXPLAINER_PART_MAX ((size_t)16 << 20)

int gate_report_explainer_new(gate_report_explainer **out, const gate_policy *policy,
			      gate_error *err)
{
	gate_report_explainer *ex = NULL;
	size_t t, i;

	*out = NULL;
	if (!(ex = gate_calloc(1, sizeof(*ex), err)))
		return -1;
	ex->policy = policy;
	gate_buf_init(&ex->scratch, EXPLAINER_PART_MAX);
	if (policy->ntiers && !(ex->tiers = gate_calloc(policy->ntiers, sizeof(*ex->tiers), err)))
		goto fail;
	for (t = 0; t < policy->ntiers; t++) {
		explainer_tier *et = &ex->tiers[t];
		const gate_tier *tier = &policy->tiers[t];

		gate_buf_init(&et->head, EXPLAINER_PART_MAX);
		gate_buf_init(&et->tail, EXPLAINER_PART_MAX);
		if (explain_head(&et->head, tier, err) < 0 ||
		    explain_tail(&et->tail, policy, tier, err) < 0)
			goto fail;
		if (tier->npaths &&
		    !(et->rules = gate_calloc(tier->npaths, sizeof(*et->rules), err)))
			goto fail;
		et->nrules = tier->npaths;
		for (i = 0; i < et->nrules; i++)
			gate_buf_init(&et->rules[i], EXPLAINER_PART_MAX);
	}
	*out = ex;
	return 0;
fail:
	gate_report_explainer_free(ex);
	return -1;
}

void gate_report_explainer_free(gate_report_explainer *ex)
{
	size_t t, i;

	if (!ex)
		return;
	for (t = 0; ex->tiers && t < ex->policy->ntiers; t++) {
		gate_buf_dispose(&ex->tiers[t].head);
		gate_buf_dispose(&ex->tiers[t].tail);
		for (i = 0; i < ex->tiers[t].nrules; i++)
			gate_buf_dispose(&ex->tiers[t].rules[i]);
		free(ex->tiers[t].rules);
	}
	free(ex->tiers);
	gate_buf_dispose(&ex->scratch);
	free(ex);
}

/* The rendered rule of `cls`: cached for a tier's own path patterns,
 * rendered into the scratch buffer otherwise. Borrowed. */
static const gate_buf *explainer_rule(gate_report_explainer *ex, const gate_class *cls,
				      gate_error *err)
{
	const gate_tier *tier = &ex->policy->tiers[cls->tier];
	explainer_tier *et = &ex->tiers[cls->tier];
	gate_buf *b = &ex->scratch;

	if (cls->kind == GATE_MATCH_PATTERN && tier->paths && cls->rule >= tier->paths &&
	    cls->rule < tier->paths + tier->npaths)
		b = &et->rules[cls->rule - tier->paths];
	if (b == &ex->scratch)
		gate_buf_clear(b);
	else if (b->size)
		return b;
	if (explain_rule(b, ex->policy, cls, err) < 0) {
		/* Never leave half a rule to be reused. */
		gate_buf_clear(b);
		return NULL;
	}
	return b;
}

int gate_report_explainer_text(gate_buf *out, gate_report_explainer *ex, const char *path,
			       size_t len, const gate_class *cls, const gate_file_owners *owners,
			       gate_error *err)
{
	const explainer_tier *et;
	const gate_buf *rule;
	int error;

	if (cls->tier >= ex->policy->ntiers)
		return gate_error_set(err, GATE_ERR_INTERNAL, "tier %zu out of range", cls->tier);
	et = &ex->tiers[cls->tier];
	if (!(rule = explainer_rule(ex, cls, err)))
		return -1;
	if ((error = gate_escape_terminal_name(out, path, len, err)) < 0 ||
	    (error = gate_buf_put(out, et->head.ptr, et->head.size, err)) < 0 ||
	    (error = gate_buf_put(out, rule->ptr, rule->size, err)) < 0 ||
	    (error = explain_owners(out, owners, err)) < 0)
		return error;
	return gate_buf_put(out, et->tail.ptr, et->tail.size, err);
}
