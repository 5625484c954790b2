/*
 * A policy's fixtures, run against the policy's own classifier, CODEOWNERS
 * matcher and content rules (see include/riskgate/fixtures.h).
 */
#include "riskgate/banned.h"

#include "riskgate/fixtures.h"

#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"
#include "riskgate/classify.h"
#include "riskgate/rules.h"

void gate_fixture_misses_init(gate_fixture_misses *m)
{
	memset(m, 0, sizeof(*m));
}

void gate_fixture_misses_clear(gate_fixture_misses *m)
{
	size_t i;

	for (i = 0; i < m->count; i++)
		free(m->items[i].owners);
	m->count = 0;
}

void gate_fixture_misses_dispose(gate_fixture_misses *m)
{
	if (!m)
		return;
	gate_fixture_misses_clear(m);
	free(m->items);
	memset(m, 0, sizeof(*m));
}

static int add_miss(gate_fixture_misses *m, const gate_fixture_miss *miss, gate_error *err)
{
	if (gate_array_reserve((void **)&m->items, &m->alloc, m->count + 1, sizeof(*m->items),
			       err) < 0)
		return -1;
	m->items[m->count++] = *miss;
	return 0;
}

static int contains(char *const *list, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

int gate_fixtures_need_codeowners(size_t *index, const gate_policy *policy)
{
	size_t i;

	for (i = 0; i < policy->nfixtures; i++)
		if (policy->fixtures[i].has_owners) {
			*index = i;
			return 1;
		}
	return 0;
}

/* Whether the path has exactly the owners the fixture lists, in any order:
 * all of them under the policy's dialect (gate_codeowners_owners), so a
 * GitLab path owned by two sections lists the owners of both. */
static int check_owners(gate_fixture_misses *out, const gate_codeowners *co, const gate_fixture *f,
			size_t len, gate_error *err)
{
	const char **owners = NULL;
	gate_fixture_miss miss;
	size_t nowners = 0, k;
	unsigned line = 0;
	int same;

	if (gate_codeowners_owners(&owners, &nowners, &line, co, f->path, len, err) < 0)
		return -1;
	same = nowners == f->nowners;
	for (k = 0; same && k < nowners; k++)
		same = contains(f->owners, f->nowners, owners[k]);
	if (same) {
		free(owners);
		return 1;
	}
	memset(&miss, 0, sizeof(miss));
	miss.kind = GATE_FIXTURE_OWNERS;
	miss.owners = owners;
	miss.nowners = nowners;
	if (add_miss(out, &miss, err) < 0) {
		free(owners);
		return -1;
	}
	return 0;
}

/* Whether exactly the rules the fixture lists fire on its text, and each
 * of them exists. */
static int check_rules(gate_fixture_misses *out, gate_policy *p, const gate_fixture *f, size_t len,
		       gate_error *err)
{
	gate_fixture_miss miss;
	size_t i;
	int ok = 1, rc;

	for (i = 0; i < p->nrules; i++) {
		gate_rule *r = &p->rules[i];
		int hit = 0, want = contains(f->rule_hits, f->nrule_hits, r->id);

		if ((rc = gate_rule_covers(r, f->path, len, err)) < 0)
			return -1;
		if (rc && (hit = gate_rule_fires(r, f->text, strlen(f->text), err)) < 0)
			return -1;
		if (hit != want) {
			memset(&miss, 0, sizeof(miss));
			miss.kind = GATE_FIXTURE_RULE;
			miss.rule = r->id;
			miss.expected = want;
			if (add_miss(out, &miss, err) < 0)
				return -1;
			ok = 0;
		}
	}
	for (i = 0; i < f->nrule_hits; i++) {
		if (gate_policy_rule_index(p, f->rule_hits[i]) < 0) {
			memset(&miss, 0, sizeof(miss));
			miss.kind = GATE_FIXTURE_UNKNOWN_RULE;
			miss.rule = f->rule_hits[i];
			if (add_miss(out, &miss, err) < 0)
				return -1;
			ok = 0;
		}
	}
	return ok;
}

int gate_fixture_run(gate_fixture_misses *out, gate_policy *p, const gate_codeowners *co,
		     const gate_fixture *f, gate_error *err)
{
	gate_fixture_miss miss;
	gate_class cls;
	size_t len = strlen(f->path);
	int ok = 1, rc;

	if (gate_classify_path(&cls, p, f->path, len, err) < 0)
		return -1;
	if (f->tier && strcmp(p->tiers[cls.tier].name, f->tier) != 0) {
		memset(&miss, 0, sizeof(miss));
		miss.kind = GATE_FIXTURE_TIER;
		miss.tier = p->tiers[cls.tier].name;
		if (add_miss(out, &miss, err) < 0)
			return -1;
		ok = 0;
	}
	if (f->has_owners) {
		if (!co)
			return gate_error_set(err, GATE_ERR_INTERNAL,
					      "fixture %s expects owners: no CODEOWNERS given",
					      f->path);
		if ((rc = check_owners(out, co, f, len, err)) < 0)
			return -1;
		ok = ok && rc;
	}
	if (f->has_rule_hits) {
		if ((rc = check_rules(out, p, f, len, err)) < 0)
			return -1;
		ok = ok && rc;
	}
	return ok;
}
