/*
 * Policy loading and validation (docs/policy.md): the JSON-with-comments text is
 * parsed with positions, checked against the schema key by key (unknown
 * keys are errors), and every pattern is compiled once. Problems point at
 * FILE:LINE:COL in the original text. This file holds the top level (the
 * root object, load and free, the lookups); the primitives are in
 * policy_loader.c, the tiers in policy_tiers.c and the other sections in
 * policy_sections.c.
 */
#include "riskgate/banned.h"

#include "riskgate/policy.h"

#include "riskgate/literals.h"
#include "policy_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"
#include "riskgate/classify.h"
#include "riskgate/jsonc.h"
#include "riskgate/sha256.h"

/* Provided by the generated build/default_policy.c. */
extern const char gate_builtin_policy[];
extern const size_t gate_builtin_policy_len;
extern const char gate_builtin_policy_sha256[];

static void load_root(gate_policy_loader *L, gate_policy *p, const gate_json *root)
{
	static const char *const keys[] = {"version",
					   "name",
					   "description",
					   "default_tier",
					   "tests",
					   "provenance",
					   "trust_review_trailers",
					   "allow_stale_approvals",
					   "approvals_bound_to",
					   "allow_contributor",
					   "changes_requested",
					   "review_trailers",
					   "observability",
					   "rules",
					   "tiers",
					   "fixtures",
					   "on_deadline",
					   "protected_refs",
					   "refs",
					   "overrides",
					   "waivers",
					   "assets",
					   "walkthrough",
					   NULL};
	const gate_json *m, *e;
	size_t i;

	if (!gate_policy__expect_type(L, root, GATE_JSON_OBJECT, "a policy"))
		return;
	gate_policy__check_keys(L, root, "the policy", keys);

	m = gate_json_get(root, "version");
	if (!m) {
		PROBLEM(L, root, "the policy has no \"version\" (write \"version\": %d first)",
			GATE_POLICY_VERSION);
	} else {
		if (root->child != m)
			KEY_PROBLEM(L, m, "\"version\" must be the first key of the policy");
		if (m->type != GATE_JSON_NUMBER || !m->is_int || m->ival < 1)
			PROBLEM(L, m, "\"version\" must be a whole number >= 1");
		else if (m->ival > GATE_POLICY_VERSION)
			PROBLEM(L, m,
				"policy version %lld is newer than this riskgate understands (%d); "
				"upgrade riskgate",
				m->ival, GATE_POLICY_VERSION);
		else
			p->version = m->ival;
	}
	if ((m = gate_json_get(root, "name")))
		gate_policy__copy_string(L, &p->name, m, "\"name\"");
	if ((m = gate_json_get(root, "description")))
		gate_policy__copy_string(L, &p->description, m, "\"description\"");
	if ((m = gate_json_get(root, "tests")))
		gate_policy__load_tests(L, p, m);
	gate_policy__load_provenance(L, p, gate_json_get(root, "provenance"));
	if ((m = gate_json_get(root, "trust_review_trailers")))
		KEY_PROBLEM(L, m,
			    "\"trust_review_trailers\" was removed: any pusher can write a "
			    "Reviewed-by trailer into their own commit; use \"review_trailers\": "
			    "{\"trusted_committers\": [\"merge-bot@example.com\"]} to count the "
			    "trailers of commits a trusted identity committed");
	gate_policy__load_reviews(L, p, root);
	if ((m = gate_json_get(root, "allow_stale_approvals")))
		gate_policy__get_bool(L, &p->allow_stale_approvals, m, "\"allow_stale_approvals\"");
	gate_policy__load_observability(L, p, gate_json_get(root, "observability"));
	/* Binary files allowed unread; source code never is (see scan.h). */
	if ((m = gate_json_get(root, "assets")))
		gate_policy__load_patterns(L, &p->assets, &p->nassets, m, "assets");
	if ((m = gate_json_get(root, "rules")))
		gate_policy__load_rules(L, p, m);
	gate_policy__load_waivers(L, p, gate_json_get(root, "waivers"));
	gate_policy__load_walkthrough(L, p, gate_json_get(root, "walkthrough"));
	if (L->fatal)
		return;

	m = gate_json_get(root, "tiers");
	if (!m) {
		PROBLEM(L, root, "the policy has no \"tiers\"");
		return;
	}
	if (!gate_policy__expect_type(L, m, GATE_JSON_ARRAY, "\"tiers\""))
		return;
	if (m->count == 0) {
		PROBLEM(L, m, "\"tiers\" must list at least one tier");
		return;
	}
	p->tiers = gate_calloc(m->count, sizeof(*p->tiers), L->err);
	if (!p->tiers) {
		L->fatal = 1;
		return;
	}
	for (e = m->child, i = 0; e && !L->fatal; e = e->next, i++) {
		size_t k;
		gate_policy__load_tier(L, p, &p->tiers[i], e, i);
		p->ntiers++;
		for (k = 0; k < i && p->tiers[i].name; k++)
			if (p->tiers[k].name && strcmp(p->tiers[k].name, p->tiers[i].name) == 0)
				PROBLEM(L, gate_json_get(e, "name"),
					"duplicate tier name \"%s\" (first at line %u)",
					p->tiers[i].name, p->tiers[k].line);
	}
	if (L->fatal)
		return;

	m = gate_json_get(root, "default_tier");
	if (!m) {
		PROBLEM(L, root,
			"the policy has no \"default_tier\" (the tier for paths no tier "
			"matches)");
	} else if (gate_policy__expect_type(L, m, GATE_JSON_STRING, "\"default_tier\"")) {
		long idx = gate_policy_tier_index(p, m->str);
		if (idx < 0)
			PROBLEM(L, m, "\"default_tier\" names \"%s\", which is not a tier", m->str);
		else
			p->default_tier = (size_t)idx;
	}
	for (e = gate_json_get(root, "tiers")->child, i = 0; e; e = e->next, i++) {
		if (e->type == GATE_JSON_OBJECT && !gate_json_get(e, "paths") &&
		    i != p->default_tier)
			PROBLEM(L, e,
				"tier \"%s\" has no \"paths\" (only the default tier may omit "
				"them)",
				p->tiers[i].name ? p->tiers[i].name : "?");
	}
	if ((m = gate_json_get(root, "fixtures")))
		gate_policy__load_fixtures(L, p, m);
	if ((m = gate_json_get(root, "on_deadline"))) {
		if (m->type == GATE_JSON_STRING && strcmp(m->str, "pass") == 0)
			p->on_deadline_pass = 1;
		else if (!(m->type == GATE_JSON_STRING && strcmp(m->str, "reject") == 0))
			PROBLEM(L, m, "\"on_deadline\" must be \"reject\" or \"pass\"");
	}
	if ((m = gate_json_get(root, "protected_refs")))
		gate_policy__load_patterns(L, &p->protected_refs, &p->nprotected_refs, m,
					   "protected_refs");
	if ((m = gate_json_get(root, "refs"))) {
		/* An empty list would turn the hook off for every ref. */
		p->has_gated_refs = 1;
		if (m->type == GATE_JSON_ARRAY && m->count == 0)
			PROBLEM(L, m,
				"\"refs\" must list at least one pattern: \"^refs/\" gates "
				"every ref");
		else
			gate_policy__load_patterns(L, &p->gated_refs, &p->ngated_refs, m, "refs");
	}
	if ((m = gate_json_get(root, "overrides")))
		gate_policy__load_overrides(L, p, m);
	if (!L->failed)
		gate_policy__find_unreachable(L, p);
}

int gate_policy_load(gate_policy **out, const char *text, size_t len, const char *file,
		     const char *source, gate_diags *diags, gate_error *err)
{
	gate_policy *p = NULL;
	gate_json *root = NULL;
	gate_policy_loader L;
	int error = -1;

	*out = NULL;
	memset(&L, 0, sizeof(L));
	L.file = file;
	L.text = text;
	L.len = len;
	L.diags = diags;
	L.err = err;
	gate_error_init(&L.first);

	if (len > GATE_POLICY_MAX_SIZE)
		return gate_error_set_at(err, GATE_ERR_POLICY, file, 1, 1,
					 "policy is %zu bytes, more than the limit of %u", len,
					 GATE_POLICY_MAX_SIZE);
	if (gate_json_parse(&root, text, len, file, GATE_ERR_POLICY, err) < 0) {
		if (diags && err->klass == GATE_ERR_POLICY)
			gate_policy__report(&L, err->line, err->col, 0, "%s", err->message);
		goto done;
	}
	p = gate_calloc(1, sizeof(*p), err);
	if (!p)
		goto done;
	if (!(p->source = gate_strdup(source, err)) || !(p->file = gate_strdup(file, err)))
		goto done;
	/* The built-in policy's was worked out when it was compiled in. */
	if (text == gate_builtin_policy && len == gate_builtin_policy_len)
		memcpy(p->sha256, gate_builtin_policy_sha256, sizeof(p->sha256));
	else
		gate_sha256_hex(p->sha256, text, len);
	load_root(&L, p, root);
	if (L.fatal)
		goto done;
	if (L.failed) {
		*err = L.first;
		goto done;
	}
	*out = p;
	p = NULL;
	error = 0;
done:
	gate_json_free(root);
	gate_policy_free(p);
	return error;
}

int gate_policy_load_file(gate_policy **out, const char *path, gate_diags *diags, gate_error *err)
{
	gate_buf buf = GATE_BUF_INIT(GATE_POLICY_MAX_SIZE);
	int error;

	*out = NULL;
	if (gate_buf_read_file(&buf, path, GATE_ERR_POLICY, err) < 0) {
		gate_buf_dispose(&buf);
		return -1;
	}
	error = gate_policy_load(out, buf.ptr, buf.size, strcmp(path, "-") ? path : "<stdin>", path,
				 diags, err);
	gate_buf_dispose(&buf);
	return error;
}

const char *gate_policy_builtin_text(size_t *len)
{
	if (len)
		*len = gate_builtin_policy_len;
	return gate_builtin_policy;
}

int gate_policy_load_builtin(gate_policy **out, gate_error *err)
{
	if (gate_policy_load(out, gate_builtin_policy, gate_builtin_policy_len,
			     GATE_POLICY_BUILTIN_FILE, "builtin", NULL, err) < 0) {
		gate_error_prefix(err, "the built-in policy is invalid");
		return -1;
	}
	return 0;
}

void gate_policy_free(gate_policy *p)
{
	size_t i, k;

	if (!p)
		return;
	gate_classify_index_free(p->classify_index);
	for (i = 0; i < p->ntiers; i++) {
		free(p->tiers[i].name);
		free(p->tiers[i].description);
		gate_policy__free_patterns(p->tiers[i].paths, p->tiers[i].npaths);
		gate_policy__free_patterns(p->tiers[i].exclude, p->tiers[i].nexclude);
		gate_policy__free_strings(p->tiers[i].require.reviewers,
					  p->tiers[i].require.nreviewers);
		free(p->tiers[i].require.rules);
		gate_policy__free_approval_rules(p->tiers[i].require.approval_rules,
						 p->tiers[i].require.napproval_rules);
		gate_policy__free_deps_req(p->tiers[i].require.dependencies);
		if (p->tiers[i].require.ai_lines)
			free(p->tiers[i].require.ai_lines->rules);
		free(p->tiers[i].require.ai_lines);
		gate_policy__free_require_when(&p->tiers[i]);
	}
	free(p->tiers);
	gate_policy__free_patterns(p->test_paths, p->ntest_paths);
	for (i = 0; i < p->ntest_pairs; i++) {
		gate_regex_free(p->test_pairs[i].from.re);
		free(p->test_pairs[i].from.pattern);
		for (k = 0; k < p->test_pairs[i].nto; k++)
			free(p->test_pairs[i].to[k]);
		free(p->test_pairs[i].to);
	}
	free(p->test_pairs);
	gate_policy__free_strings(p->ai_trailers, p->nai_trailers);
	gate_policy__free_strings(p->trusted_committers, p->ntrusted_committers);
	gate_policy__free_patterns(p->ai_coauthors, p->nai_coauthors);
	gate_policy__free_patterns(p->ai_identities, p->nai_identities);
	free(p->human_marker_key);
	gate_regex_free(p->human_marker_value.re);
	free(p->human_marker_value.pattern);
	free(p->notes_ref);
	for (i = 0; i < p->nlanguages; i++) {
		free(p->languages[i].name);
		gate_policy__free_patterns(p->languages[i].files, p->languages[i].nfiles);
		gate_policy__free_patterns(p->languages[i].hooks, p->languages[i].nhooks);
	}
	free(p->languages);
	gate_policy__free_walkthrough(p);
	gate_policy__free_patterns(p->assets, p->nassets);
	for (i = 0; i < p->nrules; i++) {
		gate_rule *r = &p->rules[i];
		free(r->id);
		free(r->message);
		free(r->hint);
		gate_policy__free_patterns(r->files, r->nfiles);
		gate_regex_free(r->trigger.re);
		gate_literals_free(r->trigger_literals);
		free(r->trigger.pattern);
		gate_regex_free(r->unless.re);
		free(r->unless.pattern);
	}
	free(p->rules);
	for (i = 0; i < p->nfixtures; i++) {
		gate_fixture *f = &p->fixtures[i];
		free(f->path);
		free(f->tier);
		free(f->text);
		gate_policy__free_strings(f->owners, f->nowners);
		gate_policy__free_strings(f->rule_hits, f->nrule_hits);
	}
	free(p->fixtures);
	gate_policy__free_patterns(p->protected_refs, p->nprotected_refs);
	gate_policy__free_patterns(p->gated_refs, p->ngated_refs);
	gate_policy__free_strings(p->override_users, p->noverride_users);
	gate_policy__free_strings(p->waiver_approvers, p->nwaiver_approvers);
	free(p->source);
	free(p->override_identity_env);
	free(p->guarded_path);
	free(p->file);
	free(p->name);
	free(p->description);
	free(p);
}

long gate_policy_tier_index(const gate_policy *policy, const char *name)
{
	size_t i;

	for (i = 0; i < policy->ntiers; i++)
		if (policy->tiers[i].name && strcmp(policy->tiers[i].name, name) == 0)
			return (long)i;
	return -1;
}

const char *gate_tests_mode_name(gate_tests_mode mode)
{
	switch (mode) {
	case GATE_TESTS_NONE:
		return "none";
	case GATE_TESTS_CHANGED:
		return "changed";
	case GATE_TESTS_PAIRED:
		return "paired";
	}
	return "none";
}

int gate_patterns_match(gate_pattern *pats, size_t n, const char *s, size_t len, gate_pattern **hit,
			gate_error *err)
{
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		rc = gate_regex_match(pats[i].re, s, len, err);
		if (rc < 0)
			return -1;
		if (rc) {
			if (hit)
				*hit = &pats[i];
			return 1;
		}
	}
	return 0;
}

int gate_policy_is_test(gate_policy *policy, const char *path, size_t len, gate_error *err)
{
	return gate_patterns_match(policy->test_paths, policy->ntest_paths, path, len, NULL, err);
}

long gate_policy_rule_index(const gate_policy *policy, const char *id)
{
	size_t i;

	for (i = 0; i < policy->nrules; i++)
		if (policy->rules[i].id && strcmp(policy->rules[i].id, id) == 0)
			return (long)i;
	return -1;
}

const gate_language *gate_policy_language(gate_policy *policy, const char *path, size_t len,
					  gate_error *err)
{
	size_t i;
	int rc;

	for (i = 0; i < policy->nlanguages; i++) {
		rc = gate_patterns_match(policy->languages[i].files, policy->languages[i].nfiles,
					 path, len, NULL, err);
		if (rc < 0)
			return NULL;
		if (rc)
			return &policy->languages[i];
	}
	return NULL;
}
