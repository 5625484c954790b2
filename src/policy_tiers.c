/*
 * The loaders of the policy's tiers (docs/policy.md, "Tiers" and
 * "Requirements"): a tier's paths and what it requires, the conditions of
 * `require_when`, and the `ai_lines` of a tier. The policy's other
 * sections are src/policy_sections.c's; who may approve is
 * src/policy_approvals.c's.
 */
#include "riskgate/banned.h"

#include "policy_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/check.h"
#include "riskgate/identity.h"

/* `allow_remediation`: false, "individual" or "third_party". */
static void load_remediation(gate_policy_loader *L, gate_signoff_remediation *dst,
			     const gate_json *m)
{
	if (m->type == GATE_JSON_BOOL && !m->boolean)
		*dst = GATE_REMEDIATION_NONE;
	else if (m->type == GATE_JSON_STRING && strcmp(m->str, "individual") == 0)
		*dst = GATE_REMEDIATION_INDIVIDUAL;
	else if (m->type == GATE_JSON_STRING && strcmp(m->str, "third_party") == 0)
		*dst = GATE_REMEDIATION_THIRD_PARTY;
	else
		PROBLEM(L, m,
			"\"allow_remediation\" must be false, \"individual\" or \"third_party\"");
}

static void load_provenance_req(gate_policy_loader *L, gate_provenance_req *pr,
				const gate_json *node)
{
	static const char *const keys[] = {"require_disclosure",
					   "require_signoff",
					   "allow_remediation",
					   "ai_allowed",
					   "ai_extra_approvals",
					   "require_signed_signoff",
					   NULL};
	const gate_json *m;

	if (!gate_policy__expect_type(L, node, GATE_JSON_OBJECT, "\"provenance\""))
		return;
	gate_policy__check_keys(L, node, "\"provenance\" of a tier", keys);
	if ((m = gate_json_get(node, "require_disclosure")))
		gate_policy__get_bool(L, &pr->require_disclosure, m, "\"require_disclosure\"");
	if ((m = gate_json_get(node, "require_signoff")))
		gate_policy__get_bool(L, &pr->require_signoff, m, "\"require_signoff\"");
	if ((m = gate_json_get(node, "allow_remediation")))
		load_remediation(L, &pr->allow_remediation, m);
	if ((m = gate_json_get(node, "ai_allowed")))
		gate_policy__get_bool(L, &pr->ai_allowed, m, "\"ai_allowed\"");
	if ((m = gate_json_get(node, "ai_extra_approvals")))
		gate_policy__get_count(L, &pr->ai_extra_approvals, m, "\"ai_extra_approvals\"");
	if ((m = gate_json_get(node, "require_signed_signoff")) &&
	    gate_policy__get_bool(L, &pr->require_signed_signoff, m,
				  "\"require_signed_signoff\"") &&
	    pr->require_signed_signoff && !pr->require_signoff)
		PROBLEM(L, m, "\"require_signed_signoff\" needs \"require_signoff\": true");
}

/* A list of content rule ids (a tier's "rules", "ai_lines.rules") as
 * indexes into the policy's rules. A rule listed twice would be read twice,
 * each finding reported twice, so it is refused. Returns 1 when every
 * entry loaded, 0 after reporting a problem (or setting L->fatal). */
static int load_rule_ids(gate_policy_loader *L, gate_policy *p, size_t **out, size_t *n,
			 const gate_json *m)
{
	const gate_json *e;
	unsigned char *seen = NULL; /* by rule index: sized by the declared rules, not the list */
	int ok = 1;

	if (!gate_policy__expect_type(L, m, GATE_JSON_ARRAY, "\"rules\""))
		return 0;
	*out = gate_calloc(m->count ? m->count : 1, sizeof(size_t), L->err);
	seen = *out ? gate_calloc(p->nrules ? p->nrules : 1, 1, L->err) : NULL;
	if (!seen) {
		L->fatal = 1;
		return 0;
	}
	for (e = m->child; e; e = e->next) {
		long idx;

		if (!gate_policy__expect_type(L, e, GATE_JSON_STRING, "a rule id")) {
			ok = 0;
			continue;
		}
		idx = gate_policy_rule_index(p, e->str);
		if (idx < 0) {
			PROBLEM(L, e,
				"no rule has the id \"%s\" (rules are declared in the "
				"top-level \"rules\")",
				e->str);
			ok = 0;
		} else if (seen[idx]) {
			PROBLEM(L, e, "the rule \"%s\" is listed twice; list each rule once",
				e->str);
			ok = 0;
		} else {
			seen[idx] = 1;
			(*out)[(*n)++] = (size_t)idx;
		}
	}
	free(seen);
	return ok;
}

/* "ai_lines" of a tier's "require" (docs/policy.md, "`ai_lines`"). */
static void load_ai_lines(gate_policy_loader *L, gate_policy *p, gate_require *req,
			  const gate_json *node)
{
	static const char *const keys[] = {"rules", "approvals", "observability", NULL};
	gate_ailines_req *a;
	const gate_json *m;
	size_t known = 0;
	int ok = 1;

	if (!gate_policy__expect_type(L, node, GATE_JSON_OBJECT, "\"ai_lines\""))
		return;
	gate_policy__check_keys(L, node, "\"ai_lines\"", keys);
	if (!(a = gate_calloc(1, sizeof(*a), L->err))) {
		L->fatal = 1;
		return;
	}
	if (req->ai_lines)
		free(req->ai_lines->rules);
	free(req->ai_lines);
	req->ai_lines = a;
	if ((m = gate_json_get(node, "rules"))) {
		known++;
		ok &= load_rule_ids(L, p, &a->rules, &a->nrules, m);
	}
	if ((m = gate_json_get(node, "approvals"))) {
		known++;
		ok &= gate_policy__get_count(L, &a->approvals, m, "\"approvals\" of \"ai_lines\"");
	}
	if ((m = gate_json_get(node, "observability"))) {
		known++;
		ok &= gate_policy__get_bool(L, &a->observability, m,
					    "\"observability\" of \"ai_lines\"");
	}
	/* What each key asks, not whether it is there: an empty "rules",
	 * "approvals": 0 and "observability": false are "{}" spelled out. A key
	 * already reported (mistyped, unknown) says enough on its own. */
	if (!node->child)
		PROBLEM(L, node,
			"\"ai_lines\" asks for nothing: give \"rules\", \"approvals\" or "
			"\"observability\"");
	else if (ok && known == node->count && !a->nrules && !a->approvals && !a->observability)
		PROBLEM(L, node,
			"\"ai_lines\" asks for nothing: an empty \"rules\", \"approvals\": 0 "
			"and \"observability\": false add no requirement; give a rule id, "
			"\"approvals\" of 1 or more, or \"observability\": true");
}

/*
 * The keys a tier's "require" may have: those the registered checks read
 * (include/riskgate/check.h), in their documented order, NULL-terminated.
 * Every key of "require" belongs to a check. Returns 0, or -1 when `max`
 * slots are too few.
 */
static int require_keys(const char **keys, size_t max, gate_error *err)
{
	const gate_check_info *checks, *next;
	size_t nchecks, i, k, n = 0;
	unsigned done = 0;

	checks = gate_check_registry(&nchecks);
	for (;;) {
		/* The row of least require_order not listed yet. */
		next = NULL;
		for (i = 0; i < nchecks; i++)
			if (checks[i].require_order >= done &&
			    (!next || checks[i].require_order < next->require_order))
				next = &checks[i];
		if (!next)
			break;
		for (k = 0; next->require_keys[k]; k++) {
			if (n + 1 >= max)
				return gate_error_set(err, GATE_ERR_INTERNAL,
						      "too many \"require\" keys");
			keys[n++] = next->require_keys[k];
		}
		done = next->require_order + 1;
	}
	keys[n] = NULL;
	return 0;
}

/*
 * "codeowners" of a tier's "require" (docs/policy.md, "`codeowners`"): true or false, or an
 * object that requires code-owner approval and says which dialect the CODEOWNERS file is
 * written in: {"dialect": "github"} (the default) or {"dialect": "gitlab"}. The dialect is the
 * policy's, not the tier's: there is one CODEOWNERS file, and every command reads it one way.
 */
static void load_codeowners(gate_policy_loader *L, gate_policy *p, gate_require *req,
			    const char *tier_name, const gate_json *m)
{
	static const char *const keys[] = {"dialect", NULL};
	static const char *const names[] = {"github", "gitlab"};
	gate_codeowners_dialect dialect;
	const gate_json *d;

	if (m->type != GATE_JSON_OBJECT) {
		gate_policy__get_bool(L, &req->codeowners, m, "\"codeowners\"");
		return;
	}
	gate_policy__check_keys(L, m, "\"codeowners\"", keys);
	req->codeowners = 1;
	if (!(d = gate_json_get(m, "dialect")))
		return;
	if (d->type == GATE_JSON_STRING && strcmp(d->str, "github") == 0) {
		dialect = GATE_CODEOWNERS_GITHUB;
	} else if (d->type == GATE_JSON_STRING && strcmp(d->str, "gitlab") == 0) {
		dialect = GATE_CODEOWNERS_GITLAB;
	} else {
		PROBLEM(L, d, "\"codeowners.dialect\" must be \"github\" or \"gitlab\"");
		return;
	}
	if (p->codeowners_dialect_line && p->codeowners_dialect != dialect) {
		PROBLEM(
		    L, d,
		    "tier \"%s\" reads CODEOWNERS as \"%s\", but line %u reads it as \"%s\"; "
		    "there is one CODEOWNERS file, so every tier that names a dialect must name "
		    "the same one",
		    tier_name ? tier_name : "?", names[dialect], p->codeowners_dialect_line,
		    names[p->codeowners_dialect]);
		return;
	}
	if (!p->codeowners_dialect_line) {
		p->codeowners_dialect = dialect;
		p->codeowners_dialect_line = d->line ? d->line : 1;
	}
}

static void load_require(gate_policy_loader *L, gate_policy *p, gate_require *req,
			 const char *tier_name, const gate_json *node)
{
	const char *keys[64];
	const gate_json *m;

	if (!gate_policy__expect_type(L, node, GATE_JSON_OBJECT, "\"require\""))
		return;
	if (require_keys(keys, sizeof(keys) / sizeof(keys[0]), L->err) < 0) {
		L->fatal = 1;
		return;
	}
	gate_policy__check_keys(L, node, "\"require\"", keys);
	if ((m = gate_json_get(node, "tests"))) {
		if (m->type != GATE_JSON_STRING)
			PROBLEM(L, m, "\"tests\" must be one of \"none\", \"changed\", \"paired\"");
		else if (strcmp(m->str, "none") == 0)
			req->tests = GATE_TESTS_NONE;
		else if (strcmp(m->str, "changed") == 0)
			req->tests = GATE_TESTS_CHANGED;
		else if (strcmp(m->str, "paired") == 0)
			req->tests = GATE_TESTS_PAIRED;
		else
			PROBLEM(L, m,
				"\"tests\" must be one of \"none\", \"changed\", \"paired\", not "
				"\"%s\"",
				m->str);
	}
	if ((m = gate_json_get(node, "max_files")))
		gate_policy__get_count(L, &req->max_files, m, "\"max_files\"");
	if ((m = gate_json_get(node, "max_lines")))
		gate_policy__get_count(L, &req->max_lines, m, "\"max_lines\"");
	if ((m = gate_json_get(node, "approvals")))
		gate_policy__get_count(L, &req->approvals, m, "\"approvals\"");
	if ((m = gate_json_get(node, "reviewers"))) {
		gate_policy__load_strings(L, &req->reviewers, &req->nreviewers, m, "\"reviewers\"",
					  gate_identity_reviewer_valid);
		req->reviewers_min = req->nreviewers ? 1 : 0;
	}
	if ((m = gate_json_get(node, "reviewers_min"))) {
		if (gate_policy__get_count(L, &req->reviewers_min, m, "\"reviewers_min\"") &&
		    req->reviewers_min > 0 && req->nreviewers == 0)
			PROBLEM(L, m, "\"reviewers_min\" needs a \"reviewers\" list");
	}
	if ((m = gate_json_get(node, "approval_rules")))
		gate_policy__load_approval_rules(L, req, m);
	if ((m = gate_json_get(node, "changes_requested"))) {
		if (m->type == GATE_JSON_STRING && strcmp(m->str, "owners") == 0)
			req->changes_requested = 1;
		else if (m->type == GATE_JSON_STRING && strcmp(m->str, "writers") == 0)
			req->changes_requested = 2;
		else
			PROBLEM(L, m, "\"changes_requested\" must be \"owners\" or \"writers\"");
	}
	if ((m = gate_json_get(node, "codeowners")))
		load_codeowners(L, p, req, tier_name, m);
	if ((m = gate_json_get(node, "provenance"))) {
		req->has_provenance = 1;
		load_provenance_req(L, &req->provenance, m);
	}
	if ((m = gate_json_get(node, "observability")))
		gate_policy__get_bool(L, &req->observability, m, "\"observability\"");
	if ((m = gate_json_get(node, "signed_commits")))
		gate_policy__get_bool(L, &req->signed_commits, m, "\"signed_commits\"");
	if ((m = gate_json_get(node, "walkthrough")))
		gate_policy__load_require_walkthrough(L, p, req, m);
	if ((m = gate_json_get(node, "dependencies")))
		gate_policy__load_require_dependencies(L, req, m);
	if ((m = gate_json_get(node, "rules")))
		load_rule_ids(L, p, &req->rules, &req->nrules, m);
	if ((m = gate_json_get(node, "ai_lines")))
		load_ai_lines(L, p, req, m);
}

/* A label of `labels_any`: what GitHub accepts as a label name (1 to 50
 * characters), here at most 100 bytes with no control character. */
static int valid_label(const char *s)
{
	size_t n = strlen(s);

	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return n > 0 && n <= 100;
}

/* A condition's minimum: a count, or absent (-1). */
static void load_min(gate_policy_loader *L, long long *dst, const gate_json *w, const char *key)
{
	const gate_json *m = gate_json_get(w, key);
	char what[48];

	*dst = -1;
	if (!m)
		return;
	snprintf(what, sizeof(what), "\"%s\"", key);
	gate_policy__get_count(L, dst, m, what);
}

void gate_policy__load_when(gate_policy_loader *L, gate_when *w, const gate_json *node)
{
	static const char *const keys[] = {
	    "target_branch",     "source_branch",     "labels_any",     "title", "author_in",
	    "min_changed_lines", "min_changed_files", "commit_message", NULL};
	const struct {
		const char *key;
		gate_pattern *dst;
	} patterns[] = {
	    {"target_branch", &w->target_branch},
	    {"source_branch", &w->source_branch},
	    {"title", &w->title},
	    {"commit_message", &w->commit_message},
	};
	const gate_json *m;
	size_t i;
	char what[48];

	w->min_changed_lines = w->min_changed_files = -1;
	if (!gate_policy__expect_type(L, node, GATE_JSON_OBJECT, "\"when\""))
		return;
	gate_policy__check_keys(L, node, "\"when\"", keys);
	if (!node->child)
		PROBLEM(L, node,
			"\"when\" needs at least one condition (requirements that always apply "
			"belong in the tier's \"require\")");
	for (i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
		if (!(m = gate_json_get(node, patterns[i].key)))
			continue;
		snprintf(what, sizeof(what), "\"%s\"", patterns[i].key);
		if (gate_policy__expect_type(L, m, GATE_JSON_STRING, what))
			gate_policy__compile_pattern(L, patterns[i].dst, m, what);
	}
	if ((m = gate_json_get(node, "labels_any"))) {
		gate_policy__load_strings(L, &w->labels_any, &w->nlabels_any, m, "\"labels_any\"",
					  valid_label);
		if (m->type == GATE_JSON_ARRAY && !m->child)
			PROBLEM(L, m, "\"labels_any\" needs at least one label");
	}
	if ((m = gate_json_get(node, "author_in"))) {
		gate_policy__load_strings(L, &w->author_in, &w->nauthor_in, m, "\"author_in\"",
					  gate_identity_reviewer_valid);
		if (m->type == GATE_JSON_ARRAY && !m->child)
			PROBLEM(L, m, "\"author_in\" needs at least one login or team");
	}
	load_min(L, &w->min_changed_lines, node, "min_changed_lines");
	load_min(L, &w->min_changed_files, node, "min_changed_files");
}

/*
 * The tier's "require_when": blocks of conditions and the requirements they
 * add. Only one place of a tier may name reviewers (its "require" or one
 * block), because one pool of reviewers has one count: two pools would need
 * both to be satisfied, which a single reviewers requirement cannot say.
 */
static void load_require_when(gate_policy_loader *L, gate_policy *p, gate_tier *tier,
			      const gate_json *node)
{
	static const char *const keys[] = {"when", "require", NULL};
	const gate_json *e, *m;
	const char *reviewers_at = tier->require.nreviewers ? "the tier's \"require\"" : NULL;
	const char *rules_at = tier->require.napproval_rules ? "the tier's \"require\"" : NULL;

	if (!gate_policy__expect_type(L, node, GATE_JSON_ARRAY, "\"require_when\""))
		return;
	tier->require_when =
	    gate_calloc(node->count ? node->count : 1, sizeof(*tier->require_when), L->err);
	if (!tier->require_when) {
		L->fatal = 1;
		return;
	}
	for (e = node->child; e; e = e->next) {
		gate_require_when *rw = &tier->require_when[tier->nrequire_when++];

		rw->line = e->line;
		rw->col = e->col;
		rw->when.min_changed_lines = rw->when.min_changed_files = -1;
		rw->require.max_files = rw->require.max_lines = -1;
		rw->require.provenance.ai_allowed = 1;
		if (!gate_policy__expect_type(L, e, GATE_JSON_OBJECT,
					      "an entry of \"require_when\""))
			continue;
		gate_policy__check_keys(L, e, "an entry of \"require_when\"", keys);
		if (!(m = gate_json_get(e, "when")))
			PROBLEM(L, e, "an entry of \"require_when\" needs \"when\"");
		else
			gate_policy__load_when(L, &rw->when, m);
		if (!(m = gate_json_get(e, "require"))) {
			PROBLEM(L, e, "an entry of \"require_when\" needs \"require\"");
			continue;
		}
		load_require(L, p, &rw->require, tier->name, m);
		if (rw->require.dependencies)
			PROBLEM(
			    L, gate_json_get(m, "dependencies"),
			    "\"dependencies\" is a tier's requirement, not a condition's: set it "
			    "in the tier's \"require\"");
		if (rw->require.ai_lines)
			PROBLEM(L, gate_json_get(m, "ai_lines"),
				"\"ai_lines\" is a tier's requirement, not a condition's: set it "
				"in the tier's \"require\"");
		if (rw->require.nreviewers) {
			if (reviewers_at)
				PROBLEM(L, m,
					"\"reviewers\" of tier \"%s\" are already named in %s; "
					"a tier has one pool of reviewers",
					tier->name ? tier->name : "?", reviewers_at);
			else
				reviewers_at = "an earlier entry of \"require_when\"";
		}
		if (rw->require.napproval_rules) {
			if (rules_at)
				PROBLEM(
				    L, m,
				    "\"approval_rules\" of tier \"%s\" are already named in %s; "
				    "a tier names its approval rules in one place",
				    tier->name ? tier->name : "?", rules_at);
			else
				rules_at = "an earlier entry of \"require_when\"";
		}
	}
}

static void free_pattern(gate_pattern *p)
{
	gate_regex_free(p->re);
	free(p->pattern);
}

void gate_policy__free_when(gate_when *w)
{
	free_pattern(&w->target_branch);
	free_pattern(&w->source_branch);
	free_pattern(&w->title);
	free_pattern(&w->commit_message);
	gate_policy__free_strings(w->labels_any, w->nlabels_any);
	gate_policy__free_strings(w->author_in, w->nauthor_in);
}

void gate_policy__free_require_when(gate_tier *tier)
{
	size_t i;

	for (i = 0; i < tier->nrequire_when; i++) {
		gate_require_when *rw = &tier->require_when[i];

		gate_policy__free_when(&rw->when);
		gate_policy__free_strings(rw->require.reviewers, rw->require.nreviewers);
		free(rw->require.rules);
		gate_policy__free_approval_rules(rw->require.approval_rules,
						 rw->require.napproval_rules);
		gate_policy__free_deps_req(rw->require.dependencies);
		if (rw->require.ai_lines)
			free(rw->require.ai_lines->rules);
		free(rw->require.ai_lines);
	}
	free(tier->require_when);
}

static int valid_tier_name(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++) {
		char c = *s;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return 0;
	}
	return n > 0 && n <= 64;
}

void gate_policy__load_tier(gate_policy_loader *L, gate_policy *p, gate_tier *tier,
			    const gate_json *node, size_t idx)
{
	static const char *const keys[] = {"name",    "description",  "paths", "exclude",
					   "require", "require_when", NULL};
	const gate_json *m;
	char what[96];

	tier->require.max_files = -1;
	tier->require.max_lines = -1;
	tier->require.provenance.ai_allowed = 1;
	tier->line = node->line;
	tier->col = node->col;
	snprintf(what, sizeof(what), "tiers[%zu]", idx);
	if (!gate_policy__expect_type(L, node, GATE_JSON_OBJECT, what))
		return;
	gate_policy__check_keys(L, node, "a tier", keys);
	m = gate_json_get(node, "name");
	if (!m)
		PROBLEM(L, node, "tier %zu has no \"name\"", idx);
	else if (gate_policy__copy_string(L, &tier->name, m, "\"name\"") &&
		 !valid_tier_name(tier->name))
		PROBLEM(L, m, "tier name \"%s\" must be 1 to 64 of a-z, 0-9, '_' and '-'",
			tier->name);
	if ((m = gate_json_get(node, "description")))
		gate_policy__copy_string(L, &tier->description, m, "\"description\"");
	if ((m = gate_json_get(node, "paths"))) {
		snprintf(what, sizeof(what), "tier \"%s\" paths", tier->name ? tier->name : "?");
		gate_policy__load_patterns(L, &tier->paths, &tier->npaths, m, what);
	} else {
		/* Allowed for the default tier only; checked once default_tier is known. */
	}
	if ((m = gate_json_get(node, "exclude"))) {
		snprintf(what, sizeof(what), "tier \"%s\" exclude", tier->name ? tier->name : "?");
		gate_policy__load_patterns(L, &tier->exclude, &tier->nexclude, m, what);
	}
	if ((m = gate_json_get(node, "require"))) {
		load_require(L, p, &tier->require, tier->name, m);
		/* AI-written lines are known only from the notes: without them
		 * every requirement of ai_lines would hold vacuously. The
		 * provenance section is loaded before the tiers. */
		if (tier->require.ai_lines && p->notes_ref && !p->notes_ref[0])
			PROBLEM(L, gate_json_get(m, "ai_lines"),
				"tier \"%s\" has \"ai_lines\", but \"provenance.notes_ref\" is "
				"\"\" (no notes are read): the AI-written lines are known only "
				"from the git-ai notes, so \"ai_lines\" could never apply; set "
				"\"notes_ref\" (default \"refs/notes/ai\") or remove \"ai_lines\"",
				tier->name ? tier->name : "?");
	}
	if ((m = gate_json_get(node, "require_when")))
		load_require_when(L, p, tier, m);
}
