/*
 * `riskgate policy lint [FILE]`: validates a policy and prints every problem
 * as FILE:LINE:COL: message, so it can run in an editor or a CI step.
 */
#include "riskgate/banned.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "riskgate/policy.h"

static const char policy_usage[] =
	"usage: riskgate policy lint [FILE]\n"
	"\n"
	"Validates a policy: JSON syntax (comments allowed), the schema, unknown keys,\n"
	"every regular expression compiled, and tiers no path can reach. Each problem\n"
	"is printed as FILE:LINE:COL: error|warning: message.\n"
	"\n"
	"FILE defaults to .riskgate.json in the current directory, else the built-in\n"
	"policy. Use - for standard input.\n"
	"\n"
	"exit codes: 0 valid (warnings allowed), 2 invalid or unreadable.\n";

static int diag_cmp(const void *a, const void *b)
{
	const gate_diag *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

static int lint(const char *file)
{
	gate_policy *policy = NULL;
	gate_diags diags;
	gate_error err;
	size_t i, nerr = 0, nwarn = 0;
	int rc, code;
	size_t len;
	const char *text;

	gate_diags_init(&diags);
	gate_error_init(&err);
	if (file) {
		rc = gate_policy_load_file(&policy, file, &diags, &err);
	} else {
		text = gate_policy_builtin_text(&len);
		file = "policies/default.json";
		rc = gate_policy_load(&policy, text, len, "policies/default.json (built-in)",
				      "builtin", &diags, &err);
	}
	if (diags.count > 1)
		qsort(diags.items, diags.count, sizeof(*diags.items), diag_cmp);
	for (i = 0; i < diags.count; i++) {
		const gate_diag *d = &diags.items[i];
		printf("%s:%u:%u: %s: %s\n", d->file, d->line, d->col,
		       d->warning ? "warning" : "error", d->message);
		if (d->warning)
			nwarn++;
		else
			nerr++;
	}
	if (rc < 0 && nerr == 0) {
		/* Not a problem inside the text (unreadable file, out of memory). */
		code = cmd_print_error(&err);
	} else if (rc < 0) {
		fprintf(stderr, "%s: invalid policy: %zu error(s), %zu warning(s)\n", file, nerr,
			nwarn);
		code = CMD_USAGE;
	} else {
		size_t t, npat = 0;
		for (t = 0; t < policy->ntiers; t++)
			npat += policy->tiers[t].npaths + policy->tiers[t].nexclude;
		printf("%s: ok: %zu tier(s), %zu pattern(s), %zu test pattern(s), %zu pairing "
		       "rule(s), %zu warning(s)\n",
		       file, policy->ntiers, npat, policy->ntest_paths, policy->ntest_pairs, nwarn);
		code = CMD_PASS;
	}
	gate_policy_free(policy);
	gate_diags_dispose(&diags);
	if (cmd_close_stdout() != 0)
		code = CMD_RUNTIME;
	return code;
}

int cmd_policy(int argc, char **argv)
{
	const char *file = NULL;
	int i;

	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(policy_usage, argc < 2 ? stderr : stdout);
		if (argc < 2)
			return CMD_USAGE;
		return cmd_close_stdout();
	}
	if (strcmp(argv[1], "lint") != 0)
		return cmd_usage_error("policy", "unknown subcommand '%s' (expected lint)", argv[1]);
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(policy_usage, stdout);
			return cmd_close_stdout();
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cmd_usage_error("policy lint", "unknown option '%s'", argv[i]);
		if (file)
			return cmd_usage_error("policy lint", "lint takes one FILE");
		file = argv[i];
	}
	if (!file && access(".riskgate.json", F_OK) == 0)
		file = ".riskgate.json";
	return lint(file);
}
