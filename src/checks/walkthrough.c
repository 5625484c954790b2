/*
 * Failure-mode answers (docs/walkthrough.md): the author of a change in a
 * tier that asks for them answers each of its questions in the pull request
 * description or a commit message. What counts as an answer is decided in
 * src/walkthrough.c; this check compares it with what the tier asks.
 */
#include "riskgate/banned.h"

#include "checks.h"
#include "jsonout.h"

#include <stdio.h>
#include <string.h>

#include "riskgate/walkthrough.h"

/* The answers, read once per evaluation for every tier that asks. */
static int answers(gate_result *res, gate_check_ctx *ctx, gate_error *err)
{
	const gate_eval_opts *o = ctx->opts;

	if (res->walkthrough)
		return 0;
	if (gate_walkthrough_read(&res->walkthrough, ctx->policy, o ? o->description : NULL,
				  o ? o->description_len : 0, ctx->change, err) < 0)
		return -1;
	res->nwalkthrough = ctx->policy->nwt_questions;
	return 0;
}

static void why(char *out, size_t n, const gate_policy *p, const gate_wt_answer *a,
		const gate_walkthrough_question *q)
{
	switch (a->status) {
	case GATE_WT_ANSWERED:
		snprintf(out, n, "\"%s\" is answered", q->heading);
		break;
	case GATE_WT_MISSING:
		snprintf(out, n, "\"%s\" is not answered: no section has it as its heading",
			 q->heading);
		break;
	case GATE_WT_PLACEHOLDER:
		snprintf(out, n,
			 "\"%s\" is not answered: its section says nothing (empty, a placeholder "
			 "such as \"N/A\" or \"TODO\", or the question again)",
			 q->heading);
		break;
	case GATE_WT_SHORT:
		snprintf(out, n,
			 "\"%s\" is not answered: its answer has %zu letters and digits besides "
			 "the question's words, fewer than the %lld the policy asks for",
			 q->heading, a->length, p->wt_min_length);
		break;
	case GATE_WT_REPEATED:
		snprintf(out, n,
			 "\"%s\" is not answered: its answer has the same words as the answer to "
			 "\"%s\"",
			 q->heading,
			 a->same_as < p->nwt_questions ? p->wt_questions[a->same_as].heading : "?");
		break;
	}
}

static void hint(char *out, size_t n, const gate_check_ctx *ctx, const gate_walkthrough_question *q)
{
	const gate_eval_opts *o = ctx->opts;
	long long min = ctx->policy->wt_min_length;

	if (o && o->push)
		snprintf(out, n,
			 "add a paragraph starting \"%s\" on a line of its own to a commit message "
			 "of the change and answer it below in at least %lld letters and digits: "
			 "what the code does in that case, not that it was thought of",
			 q->heading, min);
	else if (o && o->description)
		snprintf(out, n,
			 "add a section headed \"%s\" to the pull request description (or to a "
			 "commit message) and answer it in at least %lld letters and digits: what "
			 "the code does in that case, not that it was thought of",
			 q->heading, min);
	else
		snprintf(out, n,
			 "pass the pull request description with --description FILE, or add a "
			 "paragraph starting \"%s\" on a line of its own to a commit message, and "
			 "answer it in at least %lld letters and digits",
			 q->heading, min);
}

int gate_check_walkthrough(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err)
{
	const gate_policy *p = ctx->policy;
	const gate_tier *t = &p->tiers[tier];
	unsigned long long mask = t->require.walkthrough;
	gate_requirement *req = NULL;
	size_t i, asked = 0, answered = 0;
	char detail[1024], hnt[1024];

	if (!mask)
		return 0;
	if (answers(res, ctx, err) < 0)
		return -1;
	for (i = 0; i < p->nwt_questions; i++)
		if (mask & (1ull << i)) {
			asked++;
			answered += res->walkthrough[i].status == GATE_WT_ANSWERED;
		}
	if (answered == asked)
		snprintf(detail, sizeof(detail), "%zu of %zu failure-mode questions answered",
			 answered, asked);
	else
		snprintf(detail, sizeof(detail),
			 "%zu of %zu failure-mode questions answered; %zu missing", answered, asked,
			 asked - answered);
	if (gate_result_add_requirement(res, &req, t->name, "walkthrough",
					answered == asked ? GATE_REQ_PASS : GATE_REQ_FAIL, detail,
					err) < 0)
		return -1;
	for (i = 0; i < p->nwt_questions; i++) {
		const gate_wt_answer *a = &res->walkthrough[i];

		if (!(mask & (1ull << i)))
			continue;
		if (gate_strlist_add(a->status == GATE_WT_ANSWERED ? &req->passing : &req->failing,
				     p->wt_questions[i].id, err) < 0)
			return -1;
	}
	for (i = 0; i < p->nwt_questions; i++) {
		const gate_wt_answer *a = &res->walkthrough[i];
		gate_violation v = {0};

		if (!(mask & (1ull << i)) || a->status == GATE_WT_ANSWERED)
			continue;
		why(detail, sizeof(detail), p, a, &p->wt_questions[i]);
		hint(hnt, sizeof(hnt), ctx, &p->wt_questions[i]);
		v.check = (char *)"walkthrough";
		v.rule = p->wt_questions[i].id;
		v.tier = t->name;
		v.severity = GATE_SEV_ERROR;
		v.commit = a->source && strcmp(a->source, "description") != 0 ? a->source : NULL;
		v.message = detail;
		v.hint = hnt;
		if (gate_result_add_violation(res, &v, err) < 0)
			return -1;
	}
	return 0;
}

int gate_check_walkthrough_text(gate_buf *out, const char *sep, const gate_policy *policy,
				const gate_tier *tier, gate_error *err)
{
	size_t i;
	int error;

	if (!tier->require.walkthrough)
		return 0;
	if ((error = gate_buf_printf(out, err, "%swalkthrough:", sep)) < 0)
		return error;
	for (i = 0; i < policy->nwt_questions; i++)
		if (tier->require.walkthrough & (1ull << i)) {
			if ((error = gate_buf_printf(out, err, " %s", policy->wt_questions[i].id)) <
			    0)
				return error;
		}
	return 1;
}

int gate_check_walkthrough_json(struct cJSON *requires, const gate_policy *policy,
				const gate_tier *tier, gate_error *err)
{
	cJSON *arr = NULL;
	size_t i;

	/* The ids of the questions asked, [] for none (as "rules"). */
	if (gate_jsonout__add_array(&arr, requires, "walkthrough", err) < 0)
		return -1;
	for (i = 0; i < policy->nwt_questions; i++)
		if ((tier->require.walkthrough & (1ull << i)) &&
		    gate_jsonout__push(arr,
				       gate_jsonout__text(policy->wt_questions[i].id,
							  strlen(policy->wt_questions[i].id), NULL,
							  err),
				       err) < 0)
			return -1;
	return 0;
}
