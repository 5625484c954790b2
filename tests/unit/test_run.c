/*
 * Tests for evaluating one change end to end (src/run.c) on real
 * repositories built with the git CLI: the policy and CODEOWNERS come from
 * the base, never from the change under review, unless a trusted policy is
 * given; a policy path missing from the base fails; a pushed ref's form;
 * the callback between reading and evaluating; and the deadline.
 */
#include "riskgate/banned.h"

#include "riskgate/run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gitrepo.h"
#include "unit.h"

static const char *repo; /* the repository of every test */

/* Writes `text` to `path` inside the repository. */
static void put(const char *path, const char *text)
{
	gitrepo_mkdirs_for(path);
	gitrepo_write(path, text, strlen(text), 0);
}

#define POLICY(name, tier_extra)                                                                   \
	"{\"version\": 1, \"name\": \"" name "\", \"default_tier\": \"standard\", "                \
	"\"tiers\": [{\"name\": \"critical\", \"paths\": [\"^auth/\"]" tier_extra "}, "            \
	"{\"name\": \"standard\"}]}\n"

/*
 * main: base (a strict policy: critical files need 2 approvals; CODEOWNERS)
 * feature: from base, weakens .riskgate.json and CODEOWNERS, touches auth/.
 */
static void build(void)
{
	gitrepo_init("repo", NULL);
	repo = gitrepo_dir();
	put(".riskgate.json", POLICY("base-policy", ", \"require\": {\"approvals\": 2}"));
	put(".github/CODEOWNERS", "/auth/ @acme/security\n");
	put("auth/login.py", "def login():\n    return True\n");
	gitrepo_commit("base");
	gitrepo_git(NULL, NULL, "checkout", "-q", "-b", "feature", NULL);
	put(".riskgate.json", POLICY("head-policy", ""));
	put(".github/CODEOWNERS", "/auth/ @mallory\n");
	put("auth/login.py", "def login():\n    return False\n");
	gitrepo_commit("weaken the gate");
	put(".trusted.json", POLICY("trusted-policy", ""));
}

static void opts_range(gate_run_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->repo_dir = repo;
	o->base = "main";
	o->head = "feature";
}

static void test_policy_from_base(void)
{
	gate_run_opts o;
	gate_run run;
	gate_error err;

	opts_range(&o);
	gate_error_init(&err);
	gate_run_init(&run);
	CHECK(gate_run_change(&run, &o, &err) == 0);
	CHECK(run.evaluated);
	CHECK(run.policy && strcmp(run.policy->name, "base-policy") == 0);
	CHECK(run.eval.codeowners_file &&
	      strcmp(run.eval.codeowners_file, ".github/CODEOWNERS") == 0);
	CHECK(run.change && run.change->ncommits == 1);
	/* Two approvals are missing: the change cannot pass on its own policy. */
	CHECK(gate_result_verdict(&run.result) == GATE_VERDICT_FAIL);
	gate_run_dispose(&run);
}

static void test_trusted_policy(void)
{
	char path[1024];
	gate_run_opts o;
	gate_run run;
	gate_error err;

	snprintf(path, sizeof(path), "%s/.trusted.json", repo);
	opts_range(&o);
	o.policy_file = path;
	gate_error_init(&err);
	gate_run_init(&run);
	CHECK(gate_run_change(&run, &o, &err) == 0);
	CHECK(run.policy && strcmp(run.policy->name, "trusted-policy") == 0);
	gate_run_dispose(&run);

	/* A policy path the base lacks is an error, never the head's file. */
	opts_range(&o);
	o.policy_path = ".trusted.json";
	gate_error_init(&err);
	gate_run_init(&run);
	CHECK(gate_run_change(&run, &o, &err) < 0);
	CHECK(err.klass == GATE_ERR_POLICY);
	CHECK(strstr(err.message, "does not exist in the base revision") != NULL);
	CHECK(run.policy == NULL);
	gate_run_dispose(&run);
}

static void test_range_and_defaults(void)
{
	gate_run_opts o;
	gate_run run;
	gate_error err;
	char main_hex[GATE_OID_HEX + 1];

	gitrepo_rev(main_hex, "main");
	memset(&o, 0, sizeof(o));
	o.repo_dir = repo;
	o.range = "main..feature";
	gate_error_init(&err);
	gate_run_init(&run);
	CHECK(gate_run_change(&run, &o, &err) == 0);
	CHECK_STR(run.base_rev, "main");
	CHECK_STR(run.head_rev, "feature");
	CHECK_STR(run.base_hex, main_hex);
	gate_run_dispose(&run);

	memset(&o, 0, sizeof(o));
	o.repo_dir = repo;
	o.head = "feature";
	o.base_default = GATE_RUN_BASE_DEFAULT_BRANCH;
	gate_error_init(&err);
	gate_run_init(&run);
	CHECK(gate_run_change(&run, &o, &err) == 0);
	CHECK_STR(run.base_rev, "refs/heads/main");
	CHECK(run.policy && strcmp(run.policy->name, "base-policy") == 0);
	gate_run_dispose(&run);

	opts_range(&o);
	o.base = "no-such-branch";
	gate_error_init(&err);
	gate_run_init(&run);
	CHECK(gate_run_change(&run, &o, &err) < 0);
	CHECK(err.klass == GATE_ERR_REPO);
	gate_run_dispose(&run);
}

static int stop_calls;

static int stop_before_evaluating(gate_run *run, void *payload, gate_error *err)
{
	(void)err;
	stop_calls++;
	CHECK(run->change != NULL && run->policy != NULL);
	return *(int *)payload;
}

static int always_expired(void *payload)
{
	(void)payload;
	return 1;
}

static void test_push_form_and_callback(void)
{
	char main_hex[GATE_OID_HEX + 1], feature_hex[GATE_OID_HEX + 1];
	const char *hide[1];
	gate_policy *given = NULL;
	gate_repo *r = NULL;
	gate_run_opts o;
	gate_run run;
	gate_error err;
	int answer;

	gitrepo_rev(main_hex, "main");
	gitrepo_rev(feature_hex, "feature");
	gate_error_init(&err);
	CHECK(gate_policy_load_builtin(&given, &err) == 0);
	CHECK(gate_repo_open(&r, repo, &err) == 0);
	if (!given || !r)
		goto done;
	hide[0] = main_hex;
	memset(&o, 0, sizeof(o));
	o.repo = r;
	o.policy = given;
	o.push = 1;
	o.from = main_hex;
	o.head = feature_hex;
	o.hide = hide;
	o.nhide = 1;
	o.sources = main_hex;
	o.changed = stop_before_evaluating;
	o.payload = &answer;

	/* 1 ends the run after reading: nothing evaluated, no error. */
	answer = 1;
	gate_run_init(&run);
	CHECK(gate_run_change(&run, &o, &err) == 0);
	CHECK(!run.evaluated && stop_calls == 1);
	CHECK(run.policy == given && run.repo == r);
	CHECK(run.change && run.change->ncommits == 1);
	CHECK(run.codeowners != NULL);
	gate_run_dispose(&run);

	/* 0 goes on to the evaluation, under the given policy. */
	answer = 0;
	gate_run_init(&run);
	CHECK(gate_run_change(&run, &o, &err) == 0);
	CHECK(run.evaluated && stop_calls == 2);
	gate_run_dispose(&run);

	/* No base commit: no CODEOWNERS, and the files from the empty tree. */
	o.from = NULL;
	o.sources = NULL;
	o.nhide = 0;
	gate_run_init(&run);
	CHECK(gate_run_change(&run, &o, &err) == 0);
	CHECK(run.codeowners == NULL && run.change && run.change->ncommits == 2);
	gate_run_dispose(&run);

	/* A deadline already passed stops the reading with GATE_ERR_DEADLINE. */
	o.changed = NULL;
	o.expired = always_expired;
	gate_error_init(&err);
	gate_run_init(&run);
	CHECK(gate_run_change(&run, &o, &err) < 0);
	CHECK(err.klass == GATE_ERR_DEADLINE);
	CHECK(!run.evaluated);
	gate_run_dispose(&run);
	/* The repository and the policy were the caller's: still usable. */
	CHECK(given->ntiers >= 1);
done:
	gate_repo_free(r);
	gate_policy_free(given);
}

int main(void)
{
	int rc;

	if (gitrepo_start("run", unit_abort) < 0)
		return 1;
	build();
	GATE_RUN(test_policy_from_base);
	GATE_RUN(test_trusted_policy);
	GATE_RUN(test_range_and_defaults);
	GATE_RUN(test_push_form_and_callback);
	rc = GATE_UNIT_DONE("unit-run");
	gitrepo_finish();
	return rc;
}
