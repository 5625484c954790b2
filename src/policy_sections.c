/*
 * The loaders of the policy's sections besides its tiers (docs/policy.md):
 * tests and their pairing rules, provenance markers, observability
 * languages, content rules, fixtures, and the lint warnings of a loaded
 * policy. Tiers and what they require are src/policy_tiers.c's; who may
 * approve (review keys, waivers, overrides, approval rules)
 * src/policy_approvals.c's.
 */
#include "riskgate/banned.h"

#include "riskgate/literals.h"
#include "policy_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/check.h"

static void load_pairs(gate_policy_loader *L, gate_policy *p, const gate_json *node)
{
	static const char *const keys[] = {"from", "to", NULL};
	const gate_json *e, *m, *t;
	size_t i = 0;

	if (!gate_policy__expect_type(L, node, GATE_JSON_ARRAY, "\"tests.pairs\""))
		return;
	p->test_pairs = gate_calloc(node->count, sizeof(*p->test_pairs), L->err);
	if (!p->test_pairs) {
		L->fatal = 1;
		return;
	}
	for (e = node->child; e && !L->fatal; e = e->next, i++) {
		gate_test_pair *pair = &p->test_pairs[p->ntest_pairs];
		char what[64];
		int ok = 1;

		snprintf(what, sizeof(what), "tests.pairs[%zu]", i);
		if (!gate_policy__expect_type(L, e, GATE_JSON_OBJECT, what))
			continue;
		gate_policy__check_keys(L, e, what, keys);
		if (!(m = gate_json_get(e, "from"))) {
			PROBLEM(L, e, "%s has no \"from\" pattern", what);
			ok = 0;
		} else if (!gate_policy__compile_pattern(L, &pair->from, m, "\"from\"")) {
			ok = 0;
		}
		t = gate_json_get(e, "to");
		if (!t) {
			PROBLEM(L, e, "%s has no \"to\" substitution", what);
			ok = 0;
		} else if (t->type == GATE_JSON_STRING || t->type == GATE_JSON_ARRAY) {
			const gate_json *s = t->type == GATE_JSON_STRING ? t : t->child;
			size_t want = t->type == GATE_JSON_STRING ? 1 : t->count;

			if (want == 0) {
				PROBLEM(L, t, "\"to\" must name at least one test path");
				ok = 0;
			}
			pair->to = gate_calloc(want, sizeof(*pair->to), L->err);
			if (!pair->to) {
				L->fatal = 1;
				return;
			}
			for (; s && ok; s = t->type == GATE_JSON_STRING ? NULL : s->next) {
				if (!gate_policy__copy_string(L, &pair->to[pair->nto], s,
							      "\"to\"")) {
					ok = 0;
					break;
				}
				pair->nto++;
			}
		} else {
			PROBLEM(L, t, "\"to\" must be a string or an array of strings, not %s",
				gate_json_type_name(t->type));
			ok = 0;
		}
		if (ok) {
			p->ntest_pairs++;
		} else {
			size_t k;
			gate_regex_free(pair->from.re);
			free(pair->from.pattern);
			for (k = 0; k < pair->nto; k++)
				free(pair->to[k]);
			free(pair->to);
			memset(pair, 0, sizeof(*pair));
		}
	}
}

void gate_policy__load_tests(gate_policy_loader *L, gate_policy *p, const gate_json *node)
{
	static const char *const keys[] = {"paths", "pairs", NULL};
	const gate_json *m;

	if (!gate_policy__expect_type(L, node, GATE_JSON_OBJECT, "\"tests\""))
		return;
	gate_policy__check_keys(L, node, "\"tests\"", keys);
	if ((m = gate_json_get(node, "paths")))
		gate_policy__load_patterns(L, &p->test_paths, &p->ntest_paths, m, "tests.paths");
	if ((m = gate_json_get(node, "pairs")))
		load_pairs(L, p, m);
}

/*
 * Provenance markers (docs/policy.md, "`provenance`"). What a policy leaves out comes from the
 * built-in policy's "provenance" block, so there is one list of assistants
 * to maintain, in policies/default.json, and a team policy that only sets
 * tiers still recognises them.
 */
void gate_policy__load_provenance(gate_policy_loader *L, gate_policy *p, const gate_json *node)
{
	static const char *const keys[] = {"ai_markers", "human_marker", "notes_ref", NULL};
	static const char *const marker_keys[] = {"trailers", "co_authors", "identities", NULL};
	static const char *const human_keys[] = {"key", "value", NULL};
	gate_json *builtin = NULL;
	const gate_json *bprov = NULL, *bmarkers = NULL, *m = NULL, *k;
	gate_error berr;
	const char *btext;
	size_t blen;

	if (node && !gate_policy__expect_type(L, node, GATE_JSON_OBJECT, "\"provenance\""))
		node = NULL;
	if (node) {
		gate_policy__check_keys(L, node, "\"provenance\"", keys);
		m = gate_json_get(node, "ai_markers");
		if (m && !gate_policy__expect_type(L, m, GATE_JSON_OBJECT, "\"ai_markers\""))
			m = NULL;
		if (m)
			gate_policy__check_keys(L, m, "\"ai_markers\"", marker_keys);
	}
	if (!m || !gate_json_get(m, "trailers") || !gate_json_get(m, "co_authors") ||
	    !gate_json_get(m, "identities") || !node || !gate_json_get(node, "human_marker") ||
	    !gate_json_get(node, "notes_ref")) {
		gate_error_init(&berr);
		btext = gate_policy_builtin_text(&blen);
		if (gate_json_parse(&builtin, btext, blen, GATE_POLICY_BUILTIN_FILE,
				    GATE_ERR_POLICY, &berr) < 0) {
			*L->err = berr;
			L->fatal = 1;
			return;
		}
		bprov = gate_json_get(builtin, "provenance");
		bmarkers = gate_json_get(bprov, "ai_markers");
	}
#define PICK(own, key, fallback)                                                                   \
	((own) && gate_json_get((own), (key)) ? gate_json_get((own), (key))                        \
					      : gate_json_get((fallback), (key)))
	if ((k = PICK(m, "trailers", bmarkers)))
		gate_policy__load_strings(L, &p->ai_trailers, &p->nai_trailers, k,
					  "\"ai_markers.trailers\"", NULL);
	if ((k = PICK(m, "co_authors", bmarkers)))
		gate_policy__load_patterns(L, &p->ai_coauthors, &p->nai_coauthors, k,
					   "ai_markers.co_authors");
	if ((k = PICK(m, "identities", bmarkers)))
		gate_policy__load_patterns(L, &p->ai_identities, &p->nai_identities, k,
					   "ai_markers.identities");
	m = PICK(node, "human_marker", bprov);
	if (m && gate_policy__expect_type(L, m, GATE_JSON_OBJECT, "\"human_marker\"")) {
		gate_policy__check_keys(L, m, "\"human_marker\"", human_keys);
		if (!(k = gate_json_get(m, "key")))
			PROBLEM(L, m, "\"human_marker\" needs a \"key\" (a trailer key)");
		else
			gate_policy__copy_string(L, &p->human_marker_key, k,
						 "\"human_marker.key\"");
		if ((k = gate_json_get(m, "value")))
			gate_policy__compile_pattern(L, &p->human_marker_value, k,
						     "\"human_marker.value\"");
	}
	if ((m = PICK(node, "notes_ref", bprov)))
		gate_policy__copy_string(L, &p->notes_ref, m, "\"notes_ref\"");
#undef PICK
	gate_json_free(builtin);
}

/* Whether `name` is one of the rules check `check` reports under its own
 * name (the registry's list), which a policy's rule or language must not
 * take: its findings would be shown as riskgate's. */
static int reserved_rule(const char *check, const char *name)
{
	const gate_check_info *c = gate_check_find(check);
	size_t i;

	for (i = 0; name && c && c->rules && c->rules[i].name; i++)
		if (strcmp(c->rules[i].name, name) == 0)
			return 1;
	return 0;
}

void gate_policy__load_observability(gate_policy_loader *L, gate_policy *p, const gate_json *node)
{
	static const char *const keys[] = {"window", "max_file_size", "languages", NULL};
	static const char *const lang_keys[] = {"name", "files", "hooks", NULL};
	const gate_json *m, *e;

	p->obs_window = 10;
	p->obs_max_file_size = GATE_CONTENT_MAX_SIZE;
	if (!node || !gate_policy__expect_type(L, node, GATE_JSON_OBJECT, "\"observability\""))
		return;
	gate_policy__check_keys(L, node, "\"observability\"", keys);
	if ((m = gate_json_get(node, "window")))
		gate_policy__get_count(L, &p->obs_window, m, "\"window\"");
	if ((m = gate_json_get(node, "max_file_size")))
		gate_policy__get_count(L, &p->obs_max_file_size, m, "\"max_file_size\"");
	m = gate_json_get(node, "languages");
	if (!m || !gate_policy__expect_type(L, m, GATE_JSON_ARRAY, "\"languages\""))
		return;
	p->languages = gate_calloc(m->count, sizeof(*p->languages), L->err);
	if (!p->languages) {
		L->fatal = 1;
		return;
	}
	for (e = m->child; e && !L->fatal; e = e->next) {
		gate_language *lang = &p->languages[p->nlanguages++];
		const gate_json *k;

		if (!gate_policy__expect_type(L, e, GATE_JSON_OBJECT, "a language"))
			continue;
		gate_policy__check_keys(L, e, "a language", lang_keys);
		if ((k = gate_json_get(e, "name"))) {
			if (gate_policy__copy_string(L, &lang->name, k, "\"name\"") &&
			    reserved_rule("observability", lang->name))
				PROBLEM(L, k,
					"language name \"%s\" is riskgate's own (a finding of the "
					"observability check); name the language otherwise",
					lang->name);
		} else {
			PROBLEM(L, e, "a language needs a \"name\"");
		}
		if ((k = gate_json_get(e, "files")))
			gate_policy__load_patterns(L, &lang->files, &lang->nfiles, k,
						   "language files");
		else
			PROBLEM(L, e, "a language needs \"files\" patterns");
		if ((k = gate_json_get(e, "hooks")))
			gate_policy__load_patterns(L, &lang->hooks, &lang->nhooks, k,
						   "language hooks");
		else
			PROBLEM(L, e, "a language needs \"hooks\" patterns");
	}
}

static int valid_rule_id(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++) {
		char c = *s;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
		      c == '.'))
			return 0;
	}
	return n > 0 && n <= 64;
}

/* A rule's keys for how it matches and who may waive it: `lines`,
 * `unless_scope`, `normalize`, `waivable`. A secret is never waivable: a
 * waiver cannot un-leak it. */
static void load_rule_matching(gate_policy_loader *L, gate_rule *r, const gate_json *e)
{
	const gate_json *k;

	r->lines = 1;
	r->waivable = !(r->id && strncmp(r->id, "secret.", 7) == 0);
	if ((k = gate_json_get(e, "lines")) &&
	    gate_policy__get_count(L, &r->lines, k, "\"lines\"") &&
	    (r->lines < 1 || r->lines > GATE_RULE_MAX_LINES))
		PROBLEM(L, k, "\"lines\" must be 1 to %d", GATE_RULE_MAX_LINES);
	if ((k = gate_json_get(e, "unless_scope"))) {
		if (k->type == GATE_JSON_STRING && strcmp(k->str, "window") == 0)
			r->unless_scope = GATE_UNLESS_WINDOW;
		else if (k->type == GATE_JSON_STRING && strcmp(k->str, "statement") == 0)
			r->unless_scope = GATE_UNLESS_STATEMENT;
		else if (k->type == GATE_JSON_STRING && strcmp(k->str, "call") == 0)
			r->unless_scope = GATE_UNLESS_CALL;
		else
			PROBLEM(L, k,
				"\"unless_scope\" must be \"window\", \"statement\" or "
				"\"call\"");
		if (!gate_json_get(e, "unless"))
			PROBLEM(L, k, "\"unless_scope\" needs an \"unless\" pattern");
	}
	if ((k = gate_json_get(e, "normalize"))) {
		if (k->type == GATE_JSON_STRING && strcmp(k->str, "nfkc") == 0)
			r->normalize_nfkc = 1;
		else if (!(k->type == GATE_JSON_STRING && strcmp(k->str, "none") == 0))
			PROBLEM(L, k, "\"normalize\" must be \"nfkc\" or \"none\"");
	}
	if ((k = gate_json_get(e, "waivable"))) {
		int w = 0;

		if (gate_policy__get_bool(L, &w, k, "\"waivable\"")) {
			if (w && !r->waivable)
				PROBLEM(L, k,
					"a secret (rule \"%s\") cannot be waivable: a leaked "
					"credential must be removed and rotated",
					r->id);
			else
				r->waivable = w;
		}
	}
}

/* A rule's keys for code scanning: `security_severity` (a CVSS-like score,
 * 0.1 to 10.0, kept in tenths) makes it a security rule; `precision` says
 * how often its findings are real. */
static void load_rule_scanning(gate_policy_loader *L, gate_rule *r, const gate_json *e)
{
	static const char *const precisions[] = GATE_RULE_PRECISIONS;
	const gate_json *k;
	size_t i;

	r->precision = precisions[1];
	if ((k = gate_json_get(e, "security_severity"))) {
		double tenths = k->type == GATE_JSON_NUMBER ? k->num * 10 : -1;

		if (tenths < 0.5 || tenths > 100.0 ||
		    tenths - (double)(long)(tenths + 0.5) > 1e-6 ||
		    (double)(long)(tenths + 0.5) - tenths > 1e-6)
			PROBLEM(L, k,
				"\"security_severity\" must be a number from 0.1 to 10.0 with at "
				"most one decimal (a CVSS-like score: 9.0 and up is critical, 7.0 "
				"high, 4.0 medium, below that low)");
		else
			r->security_severity = (int)(tenths + 0.5);
	}
	if ((k = gate_json_get(e, "precision"))) {
		for (i = 0; i < sizeof(precisions) / sizeof(precisions[0]); i++)
			if (k->type == GATE_JSON_STRING && strcmp(k->str, precisions[i]) == 0)
				r->precision = precisions[i];
		if (r->precision == precisions[1] &&
		    !(k->type == GATE_JSON_STRING && strcmp(k->str, precisions[1]) == 0))
			PROBLEM(L, k,
				"\"precision\" must be \"very-high\", \"high\", \"medium\" or "
				"\"low\"");
	}
}

void gate_policy__load_rules(gate_policy_loader *L, gate_policy *p, const gate_json *node)
{
	static const char *const keys[] = {"id",
					   "message",
					   "severity",
					   "files",
					   "trigger",
					   "unless",
					   "window",
					   "hint",
					   "lines",
					   "unless_scope",
					   "normalize",
					   "waivable",
					   "security_severity",
					   "precision",
					   NULL};
	const gate_json *e, *k;
	size_t i;

	if (!gate_policy__expect_type(L, node, GATE_JSON_ARRAY, "\"rules\""))
		return;
	p->rules = gate_calloc(node->count, sizeof(*p->rules), L->err);
	if (!p->rules) {
		L->fatal = 1;
		return;
	}
	for (e = node->child; e && !L->fatal; e = e->next) {
		gate_rule *r = &p->rules[p->nrules];

		if (!gate_policy__expect_type(L, e, GATE_JSON_OBJECT, "a rule"))
			continue;
		p->nrules++;
		r->line = e->line;
		r->col = e->col;
		r->window = 3;
		gate_policy__check_keys(L, e, "a rule", keys);
		if (!(k = gate_json_get(e, "id"))) {
			PROBLEM(L, e, "a rule needs an \"id\"");
		} else if (gate_policy__copy_string(L, &r->id, k, "\"id\"")) {
			if (!valid_rule_id(r->id))
				PROBLEM(L, k,
					"rule id \"%s\" must be 1 to 64 of a-z, 0-9, '.', '_', '-'",
					r->id);
			else if (reserved_rule("rules", r->id))
				PROBLEM(L, k,
					"rule id \"%s\" is riskgate's own (a finding of the rules "
					"check); name the rule otherwise",
					r->id);
			for (i = 0; i + 1 < p->nrules; i++)
				if (p->rules[i].id && strcmp(p->rules[i].id, r->id) == 0)
					PROBLEM(L, k, "duplicate rule id \"%s\" (first at line %u)",
						r->id, p->rules[i].line);
		}
		if (!(k = gate_json_get(e, "message")))
			PROBLEM(L, e, "a rule needs a \"message\"");
		else
			gate_policy__copy_string(L, &r->message, k, "\"message\"");
		if ((k = gate_json_get(e, "hint")))
			gate_policy__copy_string(L, &r->hint, k, "\"hint\"");
		if ((k = gate_json_get(e, "severity"))) {
			if (k->type == GATE_JSON_STRING && strcmp(k->str, "error") == 0)
				r->severity = GATE_RULE_ERROR;
			else if (k->type == GATE_JSON_STRING && strcmp(k->str, "warning") == 0)
				r->severity = GATE_RULE_WARNING;
			else
				PROBLEM(L, k, "\"severity\" must be \"error\" or \"warning\"");
		}
		if ((k = gate_json_get(e, "files")))
			gate_policy__load_patterns(L, &r->files, &r->nfiles, k, "rule files");
		else
			PROBLEM(L, e, "a rule needs \"files\" patterns");
		if (!(k = gate_json_get(e, "trigger")))
			PROBLEM(L, e, "a rule needs a \"trigger\" pattern");
		else if (gate_policy__compile_pattern(L, &r->trigger, k, "\"trigger\"") &&
			 gate_literals_of(&r->trigger_literals, r->trigger.pattern, L->err) < 0)
			L->fatal = 1;
		if ((k = gate_json_get(e, "unless")))
			gate_policy__compile_pattern(L, &r->unless, k, "\"unless\"");
		if ((k = gate_json_get(e, "window")))
			gate_policy__get_count(L, &r->window, k, "\"window\"");
		load_rule_matching(L, r, e);
		load_rule_scanning(L, r, e);
	}
}

void gate_policy__load_fixtures(gate_policy_loader *L, gate_policy *p, const gate_json *node)
{
	static const char *const keys[] = {"path", "tier", "owners", "text", "rules", NULL};
	const gate_json *e, *k;

	if (!gate_policy__expect_type(L, node, GATE_JSON_ARRAY, "\"fixtures\""))
		return;
	p->fixtures = gate_calloc(node->count, sizeof(*p->fixtures), L->err);
	if (!p->fixtures) {
		L->fatal = 1;
		return;
	}
	for (e = node->child; e && !L->fatal; e = e->next) {
		gate_fixture *f = &p->fixtures[p->nfixtures];

		if (!gate_policy__expect_type(L, e, GATE_JSON_OBJECT, "a fixture"))
			continue;
		p->nfixtures++;
		f->line = e->line;
		f->col = e->col;
		gate_policy__check_keys(L, e, "a fixture", keys);
		if (!(k = gate_json_get(e, "path")))
			PROBLEM(L, e, "a fixture needs a \"path\"");
		else if (gate_policy__copy_string(L, &f->path, k, "\"path\"") && !f->path[0])
			PROBLEM(L, k, "a fixture's \"path\" is empty; no file has that path");
		if ((k = gate_json_get(e, "tier"))) {
			if (gate_policy__copy_string(L, &f->tier, k, "\"tier\"") &&
			    gate_policy_tier_index(p, f->tier) < 0)
				PROBLEM(L, k, "fixture names tier \"%s\", which is not a tier",
					f->tier);
		}
		if ((k = gate_json_get(e, "owners"))) {
			f->has_owners = 1;
			gate_policy__load_strings(L, &f->owners, &f->nowners, k, "\"owners\"",
						  NULL);
		}
		if ((k = gate_json_get(e, "text")))
			gate_policy__copy_string(L, &f->text, k, "\"text\"");
		if ((k = gate_json_get(e, "rules"))) {
			f->has_rule_hits = 1;
			gate_policy__load_strings(L, &f->rule_hits, &f->nrule_hits, k, "\"rules\"",
						  NULL);
			if (!f->text)
				PROBLEM(L, k,
					"a fixture with \"rules\" needs the \"text\" of a line");
		}
	}
}

/* Lint-level findings that do not stop loading: tiers no path can reach,
 * and requirements that can never find anything to check. */
typedef struct {
	const char *pattern;
	size_t tier, index, flat;
} pattern_ref;

static int pattern_ref_cmp(const void *a, const void *b)
{
	const pattern_ref *x = a, *y = b;
	int c = strcmp(x->pattern, y->pattern);

	if (c)
		return c;
	if (x->tier != y->tier)
		return x->tier < y->tier ? -1 : 1;
	return (x->index > y->index) - (x->index < y->index);
}

/*
 * A path pattern that an earlier tier without excludes already has can
 * never classify anything. Found through the patterns sorted by text, so a
 * policy of many thousands of patterns is not compared pair by pair.
 */
static void find_shadowed(gate_policy_loader *L, gate_policy *p)
{
	pattern_ref *refs = NULL;
	size_t *pos = NULL, *group = NULL, n = 0, t, i, k, m;
	gate_error nomem;

	gate_error_init(&nomem);
	for (t = 0; t < p->ntiers; t++)
		n += p->tiers[t].npaths;
	if (n < 2)
		return;
	refs = gate_calloc(n, sizeof(*refs), &nomem);
	pos = gate_calloc(n, sizeof(*pos), &nomem);
	group = gate_calloc(n, sizeof(*group), &nomem);
	if (!refs || !pos || !group) {
		gate_policy__report(L, 1, 1, 0, "%s", nomem.message);
		goto done;
	}
	for (k = 0, t = 0; t < p->ntiers; t++)
		for (i = 0; i < p->tiers[t].npaths; i++, k++) {
			refs[k].pattern = p->tiers[t].paths[i].pattern;
			refs[k].tier = t;
			refs[k].index = i;
			refs[k].flat = k;
		}
	qsort(refs, n, sizeof(*refs), pattern_ref_cmp);
	for (k = 0; k < n; k++) {
		pos[refs[k].flat] = k;
		group[k] =
		    k && strcmp(refs[k - 1].pattern, refs[k].pattern) == 0 ? group[k - 1] : k;
	}
	/* In the order of the policy, each pattern against the same text in
	 * earlier tiers (sorted by tier within a group). */
	for (k = 0, t = 0; t < p->ntiers; t++)
		for (i = 0; i < p->tiers[t].npaths; i++, k++) {
			size_t at = pos[k];

			for (m = group[at]; m < at && refs[m].tier < t; m++) {
				const gate_tier *u = &p->tiers[refs[m].tier];

				if (u->nexclude)
					continue;
				gate_policy__report(L, p->tiers[t].paths[i].line,
						    p->tiers[t].paths[i].col, 1,
						    "pattern can never match here: tier \"%s\" "
						    "(line %u) comes first with the same pattern",
						    u->name, u->paths[refs[m].index].line);
			}
		}
done:
	free(refs);
	free(pos);
	free(group);
}

void gate_policy__find_unreachable(gate_policy_loader *L, gate_policy *p)
{
	size_t t;

	for (t = 0; t < p->ntiers; t++) {
		if (p->tiers[t].require.observability && p->nlanguages == 0)
			gate_policy__report(
			    L, p->tiers[t].line, p->tiers[t].col, 1,
			    "tier \"%s\" requires observability, but the policy defines no "
			    "languages (observability.languages): no file will be checked",
			    p->tiers[t].name ? p->tiers[t].name : "?");
		if (p->tiers[t].npaths == 0 && t != p->default_tier)
			gate_policy__report(
			    L, p->tiers[t].line, p->tiers[t].col, 1,
			    "tier \"%s\" is unreachable: it has no paths and is not the "
			    "default tier",
			    p->tiers[t].name ? p->tiers[t].name : "?");
	}
	find_shadowed(L, p);
}
