/*
 * Who may approve, in the policy: a tier's "approval_rules" (docs/policy.md, "`approval_rules`"),
 * approval rules that must all hold, each with its own reviewers and count, and any_of/all_of
 * nesting to a fixed depth; and the top-level review keys ("Who approved"), "waivers" and
 * "overrides".
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
	static const char *const keys[] = {"name",   "count", "from", "all_of",
					   "any_of", "when",  NULL};
	const gate_json *m, *all, *any;

	r->line = node->line;
	r->col = node->col;
	if (!gate_policy__expect_type(L, node, GATE_JSON_OBJECT, "an approval rule"))
		return;
	gate_policy__check_keys(L, node, "an approval rule", keys);
	if ((m = gate_json_get(node, "name")))
		gate_policy__copy_string(L, &r->name, m, "\"name\" of an approval rule");
	/* The same conditions as a require_when block's, parsed by the same
	 * loader (docs/policy.md, "Conditions on one rule"). */
	if ((m = gate_json_get(node, "when"))) {
		if (!(r->when = gate_calloc(1, sizeof(*r->when), L->err))) {
			L->fatal = 1;
			return;
		}
		gate_policy__load_when(L, r->when, m);
	}
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
		if (rules[i].when)
			gate_policy__free_when(rules[i].when);
		free(rules[i].when);
	}
	free(rules);
}

/* The top-level "waivers": who must approve a change whose own waiver
 * comments silence findings. */
void gate_policy__load_waivers(gate_policy_loader *L, gate_policy *p, const gate_json *node)
{
	static const char *const keys[] = {"approvers", "min", NULL};
	const gate_json *k;

	p->waiver_min = 1;
	if (!node || !gate_policy__expect_type(L, node, GATE_JSON_OBJECT, "\"waivers\""))
		return;
	gate_policy__check_keys(L, node, "\"waivers\"", keys);
	if ((k = gate_json_get(node, "approvers")))
		gate_policy__load_strings(L, &p->waiver_approvers, &p->nwaiver_approvers, k,
					  "\"waivers.approvers\"", gate_identity_reviewer_valid);
	if ((k = gate_json_get(node, "min")))
		gate_policy__get_count(L, &p->waiver_min, k, "\"waivers.min\"");
}

/*
 * overrides.identity_env: the name of the variable the hosting server sets
 * to the authenticated pusher. Without it overrides are off, since any
 * other variable (REMOTE_USER on a local or ssh push, say) is the pusher's
 * to set.
 */
static void load_identity_env(gate_policy_loader *L, gate_policy *p, const gate_json *m)
{
	size_t i;

	if (!m)
		return;
	if (m->type != GATE_JSON_STRING || !m->str[0] || strlen(m->str) > 64) {
		PROBLEM(L, m,
			"\"overrides.identity_env\" must name an environment variable, "
			"e.g. \"GL_USERNAME\" or \"GITHUB_USER_LOGIN\"");
		return;
	}
	for (i = 0; m->str[i]; i++) {
		char c = m->str[i];

		if (!((c >= 'A' && c <= 'Z') || c == '_' || (i && c >= '0' && c <= '9'))) {
			PROBLEM(L, m,
				"\"overrides.identity_env\" must be an upper-case variable "
				"name ([A-Z_][A-Z0-9_]*)");
			return;
		}
	}
	if ((p->override_identity_env = gate_strdup(m->str, L->err)) == NULL)
		L->fatal = 1;
}

/* The review keys: allow_contributor, changes_requested, approvals_bound_to and
 * review_trailers (docs/policy.md, "Who approved"). */
void gate_policy__load_reviews(gate_policy_loader *L, gate_policy *p, const gate_json *root)
{
	static const char *const trailer_keys[] = {"trusted_committers", "require_signed", NULL};
	const gate_json *m, *t, *s;

	if ((m = gate_json_get(root, "allow_contributor")))
		gate_policy__get_bool(L, &p->allow_contributor, m, "\"allow_contributor\"");
	/* Any reviewer with write access blocks by default, as on GitHub. */
	p->changes_requested_writers = 1;
	if ((m = gate_json_get(root, "changes_requested"))) {
		if (m->type == GATE_JSON_STRING && strcmp(m->str, "owners") == 0)
			p->changes_requested_writers = 0;
		else if (!(m->type == GATE_JSON_STRING && strcmp(m->str, "writers") == 0))
			PROBLEM(L, m, "\"changes_requested\" must be \"owners\" or \"writers\"");
	}
	if ((m = gate_json_get(root, "approvals_bound_to"))) {
		if (m->type == GATE_JSON_STRING && strcmp(m->str, "diff") == 0)
			p->approval_binding = GATE_BIND_DIFF;
		else if (m->type == GATE_JSON_STRING && strcmp(m->str, "tier_diff") == 0)
			p->approval_binding = GATE_BIND_TIER_DIFF;
		else if (m->type == GATE_JSON_STRING && strcmp(m->str, "commit") == 0)
			p->approval_binding = GATE_BIND_COMMIT;
		else
			PROBLEM(L, m,
				"\"approvals_bound_to\" must be \"diff\", \"tier_diff\" or "
				"\"commit\"");
	}
	if (!(m = gate_json_get(root, "review_trailers")))
		return;
	if (!gate_policy__expect_type(L, m, GATE_JSON_OBJECT, "\"review_trailers\""))
		return;
	gate_policy__check_keys(L, m, "\"review_trailers\"", trailer_keys);
	if ((s = gate_json_get(m, "require_signed")))
		gate_policy__get_bool(L, &p->review_trailers_signed, s,
				      "\"review_trailers.require_signed\"");
	if (!(t = gate_json_get(m, "trusted_committers"))) {
		/* A signature by the reviewer authenticates the trailer by itself. */
		if (p->review_trailers_signed) {
			p->review_trailers = 1;
			return;
		}
		PROBLEM(L, m,
			"\"review_trailers\" needs \"trusted_committers\": the committer emails "
			"whose commits' Reviewed-by trailers are authentic (or \"require_signed\": "
			"true)");
		return;
	}
	gate_policy__load_strings(L, &p->trusted_committers, &p->ntrusted_committers, t,
				  "\"review_trailers.trusted_committers\"",
				  gate_identity_committer_email_valid);
	if (!L->fatal && t->type == GATE_JSON_ARRAY && t->count == 0)
		PROBLEM(L, t,
			"\"review_trailers.trusted_committers\" must name at least one "
			"committer email");
	p->review_trailers = 1;
}

/* "overrides": who may override the gate, and how the hook knows the
 * pusher. */
void gate_policy__load_overrides(gate_policy_loader *L, gate_policy *p, const gate_json *m)
{
	static const char *const okeys[] = {"users", "identity_env", NULL};
	const gate_json *u;

	if (!gate_policy__expect_type(L, m, GATE_JSON_OBJECT, "\"overrides\""))
		return;
	gate_policy__check_keys(L, m, "\"overrides\"", okeys);
	if ((u = gate_json_get(m, "users")))
		gate_policy__load_strings(L, &p->override_users, &p->noverride_users, u,
					  "\"overrides.users\"", gate_identity_reviewer_valid);
	else
		PROBLEM(L, m, "\"overrides\" needs \"users\": the logins allowed to override");
	load_identity_env(L, p, gate_json_get(m, "identity_env"));
}
