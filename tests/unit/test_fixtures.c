/*
 * Unit tests of a policy's fixtures: a fixture that holds, and one that
 * misses in each way (tier, owners, a rule that fires or does not, a rule
 * id the policy lacks), each reported with what the policy gives instead.
 */
#include "riskgate/banned.h"

#include <stdlib.h>
#include <string.h>

#include "riskgate/codeowners.h"
#include "riskgate/fixtures.h"
#include "riskgate/policy.h"
#include "unit.h"

static const char policy_text[] =
    "{\"version\": 1,\n"
    " \"rules\": [{\"id\": \"py.swallowed\", \"message\": \"swallowed exception\",\n"
    "            \"files\": [\"\\\\.py$\"], \"trigger\": \"except Exception:\\\\s*pass\"}],\n"
    " \"tiers\": [\n"
    "  {\"name\": \"critical\", \"paths\": [\"(^|/)auth/\"],\n"
    "   \"require\": {\"rules\": [\"py.swallowed\"]}},\n"
    "  {\"name\": \"standard\", \"require\": {\"rules\": [\"py.swallowed\"]}}],\n"
    " \"default_tier\": \"standard\",\n"
    " \"fixtures\": [\n"
    "  {\"path\": \"src/auth/login.py\", \"tier\": \"critical\"},\n"
    "  {\"path\": \"src/app.py\", \"tier\": \"critical\"},\n"
    "  {\"path\": \"src/auth/login.py\", \"owners\": [\"@acme/security\"]},\n"
    "  {\"path\": \"src/app.py\", \"owners\": [\"@acme/security\"]},\n"
    "  {\"path\": \"app/x.py\", \"text\": \"except Exception: pass\", \"rules\": "
    "[\"py.swallowed\"]},\n"
    "  {\"path\": \"app/x.py\", \"text\": \"except Exception: pass\", \"rules\": []},\n"
    "  {\"path\": \"app/x.py\", \"text\": \"except ValueError: log(e)\", \"rules\": "
    "[\"py.swallowed\"]},\n"
    "  {\"path\": \"app/x.py\", \"text\": \"x = 1\", \"rules\": [\"no.such\"]}\n"
    " ]}\n";

static const char codeowners_text[] = "/src/ @alice @bob\n/src/auth/ @acme/security\n";

static gate_policy *policy;
static gate_codeowners *co;

static int run(gate_fixture_misses *m, size_t i)
{
	gate_error err;
	int rc;

	gate_error_init(&err);
	gate_fixture_misses_clear(m);
	rc = gate_fixture_run(m, policy, co, &policy->fixtures[i], &err);
	if (rc < 0)
		fprintf(stderr, "  fixture %zu: %s\n", i, err.message);
	return rc;
}

static void test_load(void)
{
	gate_error err;
	size_t i = 99;

	gate_error_init(&err);
	CHECK(gate_policy_load(&policy, policy_text, strlen(policy_text), "p.json", "test", NULL,
			       &err) == 0);
	if (!policy) {
		fprintf(stderr, "  %s:%u:%u: %s\n", err.file, err.line, err.col, err.message);
		exit(1);
	}
	CHECK(gate_codeowners_parse(&co, codeowners_text, strlen(codeowners_text), "CODEOWNERS",
				    NULL, &err) == 0);
	CHECK(policy->nfixtures == 8);
	CHECK(gate_fixtures_need_codeowners(&i, policy) == 1 && i == 2);
}

static void test_tier(void)
{
	gate_fixture_misses m;

	gate_fixture_misses_init(&m);
	CHECK(run(&m, 0) == 1 && m.count == 0);
	CHECK(run(&m, 1) == 0 && m.count == 1);
	if (m.count == 1) {
		CHECK(m.items[0].kind == GATE_FIXTURE_TIER);
		CHECK_STR(m.items[0].tier, "standard");
	}
	gate_fixture_misses_dispose(&m);
}

static void test_owners(void)
{
	gate_fixture_misses m;

	gate_fixture_misses_init(&m);
	CHECK(run(&m, 2) == 1 && m.count == 0);
	CHECK(run(&m, 3) == 0 && m.count == 1);
	if (m.count == 1) {
		CHECK(m.items[0].kind == GATE_FIXTURE_OWNERS);
		CHECK(m.items[0].nowners == 2);
		if (m.items[0].nowners == 2) {
			CHECK_STR(m.items[0].owners[0], "@alice");
			CHECK_STR(m.items[0].owners[1], "@bob");
		}
	}
	gate_fixture_misses_dispose(&m);
}

static void test_rules(void)
{
	gate_fixture_misses m;

	gate_fixture_misses_init(&m);
	CHECK(run(&m, 4) == 1 && m.count == 0);
	/* Fires, but the fixture expects no rule. */
	CHECK(run(&m, 5) == 0 && m.count == 1);
	if (m.count == 1) {
		CHECK(m.items[0].kind == GATE_FIXTURE_RULE && !m.items[0].expected);
		CHECK_STR(m.items[0].rule, "py.swallowed");
	}
	/* Expected, but does not fire. */
	CHECK(run(&m, 6) == 0 && m.count == 1);
	if (m.count == 1)
		CHECK(m.items[0].kind == GATE_FIXTURE_RULE && m.items[0].expected);
	/* A rule id the policy lacks. */
	CHECK(run(&m, 7) == 0 && m.count == 1);
	if (m.count == 1) {
		CHECK(m.items[0].kind == GATE_FIXTURE_UNKNOWN_RULE);
		CHECK_STR(m.items[0].rule, "no.such");
	}
	gate_fixture_misses_dispose(&m);
}

static void test_no_codeowners(void)
{
	gate_fixture_misses m;
	gate_error err;
	size_t i = 99;

	gate_fixture_misses_init(&m);
	gate_error_init(&err);
	/* Never a silent pass for a fixture whose owners cannot be checked. */
	CHECK(gate_fixture_run(&m, policy, NULL, &policy->fixtures[2], &err) < 0);
	CHECK(err.klass == GATE_ERR_INTERNAL);
	gate_fixture_misses_dispose(&m);
	/* The built-in policy's fixtures: none needs CODEOWNERS, all hold. */
	{
		gate_policy *builtin = NULL;
		size_t k;

		gate_error_init(&err);
		CHECK(gate_policy_load_builtin(&builtin, &err) == 0);
		if (builtin) {
			CHECK(gate_fixtures_need_codeowners(&i, builtin) == 0);
			gate_fixture_misses_init(&m);
			for (k = 0; k < builtin->nfixtures; k++)
				CHECK(gate_fixture_run(&m, builtin, NULL, &builtin->fixtures[k],
						       &err) == 1);
			CHECK(m.count == 0);
			gate_fixture_misses_dispose(&m);
		}
		gate_policy_free(builtin);
	}
}

int main(void)
{
	GATE_RUN(test_load);
	GATE_RUN(test_tier);
	GATE_RUN(test_owners);
	GATE_RUN(test_rules);
	GATE_RUN(test_no_codeowners);
	gate_codeowners_free(co);
	gate_policy_free(policy);
	return GATE_UNIT_DONE("unit-fixtures");
}
