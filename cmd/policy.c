/*
 * `riskgate policy lint [FILE]` validates a policy (and a CODEOWNERS file)
 * and prints every problem as FILE:LINE:COL: message; `riskgate policy test
 * [FILE]` runs the fixtures the policy declares, so a team can test its
 * policy like code (docs/policy.md, "Fixtures").
 */
#include "riskgate/banned.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "riskgate/codeowners.h"
#include "riskgate/fixtures.h"
#include "riskgate/policy.h"

static const char policy_usage[] =
    "usage: riskgate policy lint [FILE] [--codeowners FILE]\n"
    "       riskgate policy test [FILE] [--codeowners FILE]\n"
    "\n"
    "lint validates a policy: JSON syntax (comments allowed), the schema, unknown\n"
    "keys, every regular expression compiled, and tiers no path can reach; with\n"
    "--codeowners also a CODEOWNERS file, read in the policy's dialect (GitHub's\n"
    "rules unless a tier names \"codeowners\": {\"dialect\": \"gitlab\"}): lines the\n"
    "host ignores, such as negation '!', character ranges or bad owners under\n"
    "GitHub's rules, or malformed section headings under GitLab's; a GitLab\n"
    "section heading under GitHub's rules is named as such. Each problem is printed as\n"
    "FILE:LINE:COL: error|warning: message.\n"
    "\n"
    "test runs the policy's fixtures: each fixture's path must land in its tier,\n"
    "have its owners (under --codeowners FILE) and its line of text must trigger\n"
    "exactly the rules it lists.\n"
    "\n"
    "FILE defaults to .riskgate.json in the current directory, else the built-in\n"
    "policy. Use - for standard input.\n"
    "\n"
    "exit codes: 0 valid / every fixture holds, 1 a fixture failed, 2 invalid or\n"
    "unreadable input (or no fixtures to run).\n";

static int diag_cmp(const void *a, const void *b)
{
	const gate_diag *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

/* Prints the problems in order; returns the number of errors. */
static size_t print_diags(gate_diags *diags, size_t *nwarn)
{
	size_t i, nerr = 0;

	if (diags->count > 1)
		qsort(diags->items, diags->count, sizeof(*diags->items), diag_cmp);
	for (i = 0; i < diags->count; i++) {
		const gate_diag *d = &diags->items[i];
		printf("%s:%u:%u: %s: %s\n", d->file, d->line, d->col,
		       d->warning ? "warning" : "error", d->message);
		if (d->warning)
			(*nwarn)++;
		else
			nerr++;
	}
	return nerr;
}

static int load(gate_policy **policy, const char **file, gate_diags *diags, gate_error *err)
{
	const char *text;
	size_t len;

	if (*file)
		return gate_policy_load_file(policy, *file, diags, err);
	text = gate_policy_builtin_text(&len);
	*file = "policies/default.json";
	return gate_policy_load(policy, text, len, "policies/default.json (built-in)", "builtin",
				diags, err);
}

/* Reads CODEOWNERS `file` in the dialect of `policy` (GitHub's rules when
 * the policy could not be loaded). */
static int load_codeowners(gate_codeowners **out, const char *file, const gate_policy *policy,
			   gate_diags *diags, gate_error *err)
{
	gate_buf text = GATE_BUF_INIT(GATE_CODEOWNERS_MAX_SIZE);
	int rc;

	rc = gate_buf_read_file(&text, file, GATE_ERR_INPUT, err);
	if (rc == 0)
		rc = gate_codeowners_parse_dialect(
		    out, text.ptr, text.size, file,
		    policy ? policy->codeowners_dialect : GATE_CODEOWNERS_GITHUB, diags, err);
	gate_buf_dispose(&text);
	return rc;
}

static int lint(const char *file, const char *codeowners_file)
{
	gate_policy *policy = NULL;
	gate_codeowners *co = NULL;
	gate_diags diags, co_diags;
	gate_error err;
	size_t nerr, nwarn = 0, co_err = 0;
	int rc, code;

	gate_diags_init(&diags);
	gate_diags_init(&co_diags);
	gate_error_init(&err);
	rc = load(&policy, &file, &diags, &err);
	nerr = print_diags(&diags, &nwarn);
	if (rc < 0 && nerr == 0) {
		/* Not a problem inside the text (unreadable file, out of memory). */
		code = cmd_print_error(&err);
		goto done;
	}
	if (codeowners_file) {
		gate_error cerr;

		gate_error_init(&cerr);
		if (load_codeowners(&co, codeowners_file, policy, &co_diags, &cerr) < 0) {
			code = cmd_print_error(&cerr);
			goto done;
		}
		co_err = print_diags(&co_diags, &nwarn);
	}
	if (rc < 0 || co_err) {
		fprintf(stderr, "%s: invalid: %zu error(s), %zu warning(s)\n",
			rc < 0 ? file : codeowners_file, nerr + co_err, nwarn);
		code = CMD_USAGE;
	} else {
		size_t t, npat = 0;
		for (t = 0; t < policy->ntiers; t++)
			npat += policy->tiers[t].npaths + policy->tiers[t].nexclude;
		printf("%s: ok: %zu tier(s), %zu pattern(s), %zu test pattern(s), %zu pairing "
		       "rule(s), %zu content rule(s), %zu language(s), %zu fixture(s), %zu "
		       "warning(s)\n",
		       file, policy->ntiers, npat, policy->ntest_paths, policy->ntest_pairs,
		       policy->nrules, policy->nlanguages, policy->nfixtures, nwarn);
		code = CMD_PASS;
	}
done:
	gate_policy_free(policy);
	gate_codeowners_free(co);
	gate_diags_dispose(&diags);
	gate_diags_dispose(&co_diags);
	if (cmd_close_stdout() != 0)
		code = CMD_RUNTIME;
	return code;
}

/* Prints how fixture `f` does not hold, one line each. */
static void print_misses(const char *file, const gate_fixture *f, const gate_fixture_misses *m)
{
	size_t i, k;

	for (i = 0; i < m->count; i++) {
		const gate_fixture_miss *x = &m->items[i];

		switch (x->kind) {
		case GATE_FIXTURE_TIER:
			printf("%s:%u:%u: fixture %s: expected tier %s, got %s\n", file, f->line,
			       f->col, f->path, f->tier, x->tier);
			break;
		case GATE_FIXTURE_OWNERS:
			printf("%s:%u:%u: fixture %s: expected owners [", file, f->line, f->col,
			       f->path);
			for (k = 0; k < f->nowners; k++)
				printf("%s%s", k ? " " : "", f->owners[k]);
			printf("], CODEOWNERS gives [");
			for (k = 0; k < x->nowners; k++)
				printf("%s%s", k ? " " : "", x->owners[k]);
			printf("]\n");
			break;
		case GATE_FIXTURE_RULE:
			printf("%s:%u:%u: fixture %s: rule %s %s on \"%s\"\n", file, f->line,
			       f->col, f->path, x->rule,
			       x->expected ? "was expected to fire but did not"
					   : "fired but was not expected",
			       f->text);
			break;
		case GATE_FIXTURE_UNKNOWN_RULE:
			printf("%s:%u:%u: fixture %s: no rule has the id %s\n", file, f->line,
			       f->col, f->path, x->rule);
			break;
		}
	}
}

static int test(const char *file, const char *codeowners_file)
{
	gate_policy *policy = NULL;
	gate_codeowners *co = NULL;
	gate_error err;
	gate_fixture_misses misses;
	size_t i, npass = 0, nfail = 0;
	int code = CMD_RUNTIME, rc;

	gate_error_init(&err);
	gate_fixture_misses_init(&misses);
	if (load(&policy, &file, NULL, &err) < 0 ||
	    (codeowners_file && load_codeowners(&co, codeowners_file, policy, NULL, &err) < 0)) {
		code = cmd_print_error(&err);
		goto done;
	}
	if (policy->nfixtures == 0) {
		fprintf(stderr, "riskgate: %s declares no fixtures: nothing to test\n", file);
		code = CMD_USAGE;
		goto done;
	}
	if (!co && gate_fixtures_need_codeowners(&i, policy)) {
		fprintf(stderr,
			"riskgate: %s:%u: fixture %s expects owners: pass --codeowners FILE\n",
			file, policy->fixtures[i].line, policy->fixtures[i].path);
		code = CMD_USAGE;
		goto done;
	}
	for (i = 0; i < policy->nfixtures; i++) {
		gate_fixture_misses_clear(&misses);
		rc = gate_fixture_run(&misses, policy, co, &policy->fixtures[i], &err);
		print_misses(file, &policy->fixtures[i], &misses);
		if (rc < 0) {
			code = cmd_print_error(&err);
			goto done;
		}
		if (rc)
			npass++;
		else
			nfail++;
	}
	printf("%s: %zu fixture(s): %zu passed, %zu failed\n", file, policy->nfixtures, npass,
	       nfail);
	code = nfail ? CMD_FAIL : CMD_PASS;
done:
	gate_fixture_misses_dispose(&misses);
	gate_policy_free(policy);
	gate_codeowners_free(co);
	if (cmd_close_stdout() != 0)
		code = CMD_RUNTIME;
	return code;
}

int cmd_policy(int argc, char **argv)
{
	const char *file = NULL, *codeowners = NULL, *sub;
	int i, rc;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(policy_usage, argc < 2 ? stderr : stdout);
		if (argc < 2)
			return CMD_USAGE;
		return cmd_close_stdout();
	}
	sub = argv[1];
	if (strcmp(sub, "lint") != 0 && strcmp(sub, "test") != 0)
		return cmd_usage_error("policy", "unknown subcommand '%s' (expected lint or test)",
				       sub);
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(policy_usage, stdout);
			return cmd_close_stdout();
		}
		if ((rc = cmd_opt(argc, argv, &i, "policy", "--codeowners", &codeowners))) {
			if (rc < 0)
				return CMD_USAGE;
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cmd_usage_error("policy", "unknown option '%s'", argv[i]);
		if (file)
			return cmd_usage_error("policy", "%s takes one FILE", sub);
		file = argv[i];
	}
	if (!file && access(".riskgate.json", F_OK) == 0)
		file = ".riskgate.json";
	return strcmp(sub, "lint") == 0 ? lint(file, codeowners) : test(file, codeowners);
}
