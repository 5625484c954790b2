/*
 * A tier's "approval_rules" (docs/policy.md, "`approval_rules`"): approval rules that must all
 * hold, each with its own reviewers and count, and any_of/all_of nesting to a fixed depth.
 */
#include "riskgate/banned.h"

#include "policy_internal.h"

#include <stdlib.h>
#include <string.h>

#include "riskgate/identity.h"

static void load_list(gate_policy_loader *L, gate_approval_rule **out, size_t *n,
		      const gate_json *node, const char *what, unsigned depth);

static void load_rule(gate_policy_loader *L, gate_approval_rule *r, const gate_json *node,
		      unsigned depth)
{
	static const char *const keys[] = {"name", "count", "from", "all_of", "any_of", NULL};
	const gate_json *m, *all, *any;

	r->line = node->line;
	r->col = node->col;
	if (!gate_policy__expect_type(L, node, GATE_JSON_OBJECT, "an approval rule"))
		return;
	gate_policy__check_keys(L, node, "an approval rule", keys);
	if ((m = gate_json_get(node, "name")))
		gate_policy__copy_string(L, &r->name, m, "\"name\" of an approval rule");
	all = gate_json_get(node, "all_of");
	any = gate_json_get(node, "any_of");
	if (all || any) {
		if (all && any) {
			PROBLEM(L, node, "an approval rule has \"all_of\" or \"any_of\", not both");
			return;
		}
		if ((m = gate_json_get(node, "from")) || (m = gate_json_get(node, "count"))) {
			KEY_PROBLEM(L, m, "\"%s\" belongs to a rule of its own, not beside \"%s\"",
				    m->key, all ? "all_of" : "any_of");
			return;
		}
		if (depth > GATE_APPROVAL_RULES_MAX_DEPTH) {
			PROBLEM(L, all ? all : any, "all_of and any_of nest at most %d deep",
				GATE_APPROVAL_RULES_MAX_DEPTH);
			return;
		}
		r->kind = all ? GATE_RULE_ALL_OF : GATE_RULE_ANY_OF;
		load_list(L, &r->children, &r->nchildren, all ? all : any,
			  all ? "\"all_of\"" : "\"any_of\"", depth + 1);
		return;
	}
	r->kind = GATE_RULE_FROM;
	r->count = 1;
	if ((m = gate_json_get(node, "count")) &&
	    gate_policy__get_count(L, &r->count, m, "\"count\" of an approval rule") &&
	    r->count < 1)
		PROBLEM(L, m, "\"count\" of an approval rule must be at least 1");
	if ((m = gate_json_get(node, "from"))) {
		gate_policy__load_strings(L, &r->from, &r->nfrom, m, "\"from\" of an approval rule",
					  gate_identity_reviewer_valid);
		if (!L->fatal && m->type == GATE_JSON_ARRAY && m->count == 0)
			PROBLEM(L, m,
				"\"from\" of an approval rule must name someone (leave it out for "
				"any approver)");
	}
}

static void load_list(gate_policy_loader *L, gate_approval_rule **out, size_t *n,
		      const gate_json *node, const char *what, unsigned depth)
{
	const gate_json *el;
	size_t i = 0;

	if (!gate_policy__expect_type(L, node, GATE_JSON_ARRAY, what))
		return;
	if (node->count == 0) {
		PROBLEM(L, node, "%s needs at least one rule", what);
		return;
	}
	if (node->count > GATE_APPROVAL_RULES_MAX) {
		PROBLEM(L, node, "%s holds at most %d rules", what, GATE_APPROVAL_RULES_MAX);
		return;
	}
	if (!(*out = gate_calloc(node->count, sizeof(**out), L->err))) {
		L->fatal = 1;
		return;
	}
	for (el = node->child; el && !L->fatal; el = el->next) {
		(*n)++;
		load_rule(L, &(*out)[i++], el, depth);
	}
}

void gate_policy__load_approval_rules(gate_policy_loader *L, gate_require *req,
				      const gate_json *node)
{
	load_list(L, &req->approval_rules, &req->napproval_rules, node, "\"approval_rules\"", 1);
}

void gate_policy__free_approval_rules(gate_approval_rule *rules, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(rules[i].name);
		gate_policy__free_strings(rules[i].from, rules[i].nfrom);
		gate_policy__free_approval_rules(rules[i].children, rules[i].nchildren);
	}
	free(rules);
}
