/*
 * Fuzz target: the policy loader (JSON with comments, validation, pattern
 * compilation), then what uses a loaded policy on paths taken from it:
 * classification, test detection and pairing, languages and content rules.
 * Patterns that hit their PCRE2 limits are ordinary errors.
 */
#include "riskgate/banned.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"
#include "riskgate/classify.h"
#include "riskgate/policy.h"
#include "riskgate/regex.h"
#include "riskgate/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PATHS 24

static const char *const fixed_paths[] = {
    "src/auth/login.c",
    "src/auth/login_test.go",
    "tests/test_login.py",
    ".riskgate.json",
    "CODEOWNERS",
    ".github/CODEOWNERS",
    "docs/README.md",
    "a",
    "migrations/0001_init.sql",
    "deep/dir/with spaces/x.js",
};

static void exercise_path(gate_policy *p, const char *path, size_t len, const char *line)
{
	gate_error err;
	gate_class cls;
	gate_buf buf = GATE_BUF_INIT(65536);
	size_t i, k;

	gate_error_init(&err);
	if (gate_classify_path(&cls, p, path, len, &err) == 0) {
		if (cls.tier >= p->ntiers)
			abort();
		(void)gate_classify_describe(&buf, p, &cls, &err);
	}
	gate_error_init(&err);
	(void)gate_policy_is_test(p, path, len, &err);
	gate_error_init(&err);
	(void)gate_policy_language(p, path, len, &err);
	for (i = 0; i < p->ntest_pairs; i++) {
		for (k = 0; k < p->test_pairs[i].nto; k++) {
			gate_buf_clear(&buf);
			gate_error_init(&err);
			if (gate_regex_substitute(&buf, p->test_pairs[i].from.re, path, len,
						  p->test_pairs[i].to[k], &err) <= 0)
				break;
		}
	}
	for (i = 0; i < p->nrules; i++) {
		gate_error_init(&err);
		if (gate_rule_covers(&p->rules[i], path, len, &err) == 1 && line) {
			gate_error_init(&err);
			(void)gate_rule_fires(&p->rules[i], line, strlen(line), &err);
		}
	}
	gate_buf_dispose(&buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gate_policy *p = NULL;
	gate_diags diags;
	gate_error err;
	char *text;
	size_t i, n = 0;

	/* An exact-size copy, so that reading past `size` is caught. */
	text = malloc(size ? size : 1);
	if (!text)
		return 0;
	if (size)
		memcpy(text, data, size);
	gate_diags_init(&diags);
	gate_error_init(&err);
	if (gate_policy_load(&p, text, size, "fuzz.json", "fuzz", &diags, &err) == 0) {
		for (i = 0; i < sizeof(fixed_paths) / sizeof(fixed_paths[0]); i++)
			exercise_path(p, fixed_paths[i], strlen(fixed_paths[i]), "TODO eval(x)");
		for (i = 0; i < p->nfixtures && n < MAX_PATHS; i++, n++)
			exercise_path(p, p->fixtures[i].path, strlen(p->fixtures[i].path),
				      p->fixtures[i].text);
		for (i = 0; i < p->ntiers && n < MAX_PATHS; i++) {
			if (p->tiers[i].npaths == 0)
				continue;
			exercise_path(p, p->tiers[i].paths[0].pattern,
				      strlen(p->tiers[i].paths[0].pattern), NULL);
			n++;
		}
		(void)gate_policy_tier_index(p, "high");
		(void)gate_policy_rule_index(p, "no-eval");
		gate_policy_free(p);
	}
	gate_diags_dispose(&diags);
	free(text);
	return 0;
}
