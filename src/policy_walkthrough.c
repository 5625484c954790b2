/*
 * The policy's failure-mode questions (docs/walkthrough.md, "Policy keys"):
 * the top-level `walkthrough` section and a tier's `require.walkthrough`.
 */
#include "riskgate/banned.h"

#include <string.h>

#include "policy_internal.h"
#include "riskgate/walkthrough.h"

static int valid_id(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' ||
		      *s == '_'))
			return 0;
	return n > 0 && n <= 64;
}

static int add_question(gate_policy_loader *L, gate_policy *p, const char *id, const char *heading,
			unsigned line, unsigned col)
{
	gate_walkthrough_question *q = &p->wt_questions[p->nwt_questions];

	if (!(q->id = gate_strdup(id, L->err)) || !(q->heading = gate_strdup(heading, L->err))) {
		L->fatal = 1;
		return 0;
	}
	q->line = line;
	q->col = col;
	p->nwt_questions++;
	return 1;
}

static void load_defaults(gate_policy_loader *L, gate_policy *p)
{
	size_t n, i;
	const char *const *ids = gate_walkthrough_default_ids(&n);
	const char *const *headings = gate_walkthrough_default_headings(&n);

	if (!(p->wt_questions = gate_calloc(n, sizeof(*p->wt_questions), L->err))) {
		L->fatal = 1;
		return;
	}
	for (i = 0; i < n && !L->fatal; i++)
		add_question(L, p, ids[i], headings[i], 0, 0);
}

void gate_policy__load_walkthrough(gate_policy_loader *L, gate_policy *p, const gate_json *node)
{
	static const char *const keys[] = {"questions", "min_length", "placeholders", NULL};
	static const char *const qkeys[] = {"id", "heading", NULL};
	const gate_json *m, *e;
	size_t i, k, n = 0;

	p->wt_min_length = GATE_WALKTHROUGH_MIN_LENGTH;
	if (!node) {
		load_defaults(L, p);
		return;
	}
	if (!gate_policy__expect_type(L, node, GATE_JSON_OBJECT, "\"walkthrough\"")) {
		load_defaults(L, p);
		return;
	}
	gate_policy__check_keys(L, node, "\"walkthrough\"", keys);
	if ((m = gate_json_get(node, "min_length")) &&
	    gate_policy__get_count(L, &p->wt_min_length, m, "\"min_length\"") &&
	    p->wt_min_length < 1)
		PROBLEM(L, m, "\"min_length\" must be at least 1: an empty answer is no answer");
	if ((m = gate_json_get(node, "placeholders"))) {
		gate_policy__load_strings(L, &p->wt_placeholders, &n, m, "\"placeholders\"", NULL);
		if (L->fatal)
			return;
		/* NULL-terminated: the list was allocated for its strings only. */
		if (p->wt_placeholders) {
			char **grown =
			    gate_reallocarray(p->wt_placeholders, n + 1, sizeof(char *), L->err);

			if (!grown) {
				L->fatal = 1;
				return;
			}
			grown[n] = NULL;
			p->wt_placeholders = grown;
		} else if (!(p->wt_placeholders = gate_calloc(1, sizeof(char *), L->err))) {
			L->fatal = 1;
			return;
		}
	}
	m = gate_json_get(node, "questions");
	if (!m) {
		load_defaults(L, p);
		return;
	}
	if (!gate_policy__expect_type(L, m, GATE_JSON_ARRAY, "\"questions\""))
		return;
	if (m->count == 0 || m->count > GATE_WALKTHROUGH_MAX_QUESTIONS) {
		PROBLEM(L, m, "\"questions\" must list 1 to %d questions",
			GATE_WALKTHROUGH_MAX_QUESTIONS);
		return;
	}
	if (!(p->wt_questions = gate_calloc(m->count, sizeof(*p->wt_questions), L->err))) {
		L->fatal = 1;
		return;
	}
	for (e = m->child; e && !L->fatal; e = e->next) {
		const gate_json *id, *heading;

		if (!gate_policy__expect_type(L, e, GATE_JSON_OBJECT, "a question"))
			continue;
		gate_policy__check_keys(L, e, "a question", qkeys);
		id = gate_json_get(e, "id");
		heading = gate_json_get(e, "heading");
		if (!id || !heading) {
			PROBLEM(L, e, "a question needs an \"id\" and a \"heading\"");
			continue;
		}
		if (!gate_policy__expect_type(L, id, GATE_JSON_STRING, "\"id\"") ||
		    !gate_policy__expect_type(L, heading, GATE_JSON_STRING, "\"heading\""))
			continue;
		if (strlen(id->str) != id->str_len || !valid_id(id->str)) {
			PROBLEM(L, id,
				"question id \"%s\" must be 1 to 64 of a-z, 0-9, '-' and '_'",
				id->str);
			continue;
		}
		if (strlen(heading->str) != heading->str_len ||
		    !gate_walkthrough_heading_valid(heading->str)) {
			PROBLEM(
			    L, heading,
			    "a question's heading must be 1 to %d bytes with a letter or digit, "
			    "no control character and no ':' (a ':' after the heading starts "
			    "the answer)",
			    GATE_WALKTHROUGH_MAX_HEADING);
			continue;
		}
		for (i = 0; i < p->nwt_questions; i++)
			if (strcmp(p->wt_questions[i].id, id->str) == 0)
				break;
		if (i < p->nwt_questions) {
			PROBLEM(L, id, "duplicate question id \"%s\" (first at line %u)", id->str,
				p->wt_questions[i].line);
			continue;
		}
		add_question(L, p, id->str, heading->str, e->line, e->col);
	}
	/* Two headings with the same words would answer each other. */
	for (i = 0; i < p->nwt_questions; i++)
		for (k = 0; k < i; k++)
			if (gate_walkthrough_same_words(p->wt_questions[i].heading,
							p->wt_questions[k].heading))
				gate_policy__report(
				    L, p->wt_questions[i].line, p->wt_questions[i].col, 0,
				    "question \"%s\" has the same heading as \"%s\"",
				    p->wt_questions[i].id, p->wt_questions[k].id);
}

void gate_policy__load_require_walkthrough(gate_policy_loader *L, const gate_policy *p,
					   gate_require *req, const gate_json *node)
{
	const gate_json *e;
	size_t i;

	if (node->type == GATE_JSON_BOOL) {
		req->walkthrough = 0;
		if (node->boolean)
			for (i = 0; i < p->nwt_questions; i++)
				req->walkthrough |= 1ull << i;
		return;
	}
	if (node->type != GATE_JSON_ARRAY || node->count == 0) {
		PROBLEM(L, node,
			"\"walkthrough\" must be true, false or a non-empty list of question ids");
		return;
	}
	for (e = node->child; e; e = e->next) {
		if (!gate_policy__expect_type(L, e, GATE_JSON_STRING, "a question id"))
			continue;
		for (i = 0; i < p->nwt_questions; i++)
			if (strcmp(p->wt_questions[i].id, e->str) == 0)
				break;
		if (i == p->nwt_questions) {
			PROBLEM(L, e, "no question \"%s\" in walkthrough.questions", e->str);
			continue;
		}
		req->walkthrough |= 1ull << i;
	}
}

void gate_policy__free_walkthrough(gate_policy *p)
{
	size_t i;

	for (i = 0; i < p->nwt_questions; i++) {
		free(p->wt_questions[i].id);
		free(p->wt_questions[i].heading);
	}
	free(p->wt_questions);
	for (i = 0; p->wt_placeholders && p->wt_placeholders[i]; i++)
		free(p->wt_placeholders[i]);
	free(p->wt_placeholders);
}
