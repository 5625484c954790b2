/*
 * Tests for evaluating one change end to end (src/run.c) on real
 * repositories built with the git CLI: the policy and CODEOWNERS come from
 * the base, never from the change under review, unless a trusted policy is
 * given; a policy path missing from the base fails; a pushed ref's form;
 * the callback between reading and evaluating; and the deadline.
 */
#include "riskgate/banned.h"

#include "riskgate/run.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

/* NEEDSWORK: these repository helpers repeat tests/unit/test_change.c's;
 * they belong in one file the unit tests share. */
static char top[256]; /* the temporary directory of the whole run */
static char repo[512];

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Runs a shell command; 0 when it exits with 0. */
static int sh(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(cmd)) {
		fprintf(stderr, "command too long\n");
		return -1;
	}
	n = system(cmd);
	return n == 0 ? 0 : -1;
}

/* Writes `text` to `path` inside the repository. */
static void put(const char *path, const char *text)
{
	char full[1024];
	FILE *fp;

	snprintf(full, sizeof(full), "%s/%s", repo, path);
	sh("mkdir -p \"$(dirname '%s')\"", full);
	fp = fopen(full, "wb");
	if (!fp) {
		perror(full);
		exit(1);
	}
	fputs(text, fp);
	fclose(fp);
}

static void commit(const char *message)
{
	CHECK(sh("cd '%s' && git add -A && git commit -q -m '%s'", repo, message) == 0);
}

/* The commit `rev` names, as hex. */
static void rev_parse(char out[GATE_OID_HEX + 1], const char *rev)
{
	char cmd[1024];
	FILE *fp;

	snprintf(cmd, sizeof(cmd), "git -C '%s' rev-parse '%s'", repo, rev);
	out[0] = '\0';
	if ((fp = popen(cmd, "r")) != NULL) {
		if (!fgets(out, GATE_OID_HEX + 1, fp))
			out[0] = '\0';
		pclose(fp);
	}
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
	snprintf(repo, sizeof(repo), "%s/repo", top);
	CHECK(sh("git init -q -b main '%s' && cd '%s' && git config user.name 'A U Thor' && "
		 "git config user.email author@example.com",
		 repo, repo) == 0);
	put(".riskgate.json", POLICY("base-policy", ", \"require\": {\"approvals\": 2}"));
	put(".github/CODEOWNERS", "/auth/ @acme/security\n");
	put("auth/login.py", "def login():\n    return True\n");
	commit("base");
	CHECK(sh("cd '%s' && git checkout -q -b feature", repo) == 0);
	put(".riskgate.json", POLICY("head-policy", ""));
	put(".github/CODEOWNERS", "/auth/ @mallory\n");
	put("auth/login.py", "def login():\n    return False\n");
	commit("weaken the gate");
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

	rev_parse(main_hex, "main");
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

	rev_parse(main_hex, "main");
	rev_parse(feature_hex, "feature");
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
	char tmpl[] = "/tmp/riskgate-run-XXXXXX";
	int rc;

	if (!mkdtemp(tmpl)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(top, sizeof(top), "%s", tmpl);
	/* git must see nothing of the user's setup, and nothing of a hook's. */
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("HOME", top, 1);
	setenv("LC_ALL", "C", 1);
	unsetenv("GIT_DIR");
	unsetenv("GIT_WORK_TREE");
	unsetenv("GIT_INDEX_FILE");
	unsetenv("GIT_OBJECT_DIRECTORY");
	unsetenv("GIT_ALTERNATE_OBJECT_DIRECTORIES");
	unsetenv("GIT_CONFIG_GLOBAL");
	unsetenv("XDG_CONFIG_HOME");

	build();
	GATE_RUN(test_policy_from_base);
	GATE_RUN(test_trusted_policy);
	GATE_RUN(test_range_and_defaults);
	GATE_RUN(test_push_form_and_callback);
	rc = GATE_UNIT_DONE("unit-run");
	if (rc == 0)
		sh("rm -rf '%s'", top);
	return rc;
}
