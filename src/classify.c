/*
 * Tier classification of one path (SPEC 3.1): first tier whose path
 * patterns match and whose excludes do not; else the default tier. The files
 * that guard the gate itself are always in the highest tier.
 */
#include "riskgate/banned.h"

#include "riskgate/classify.h"

#include <string.h>

static const char *const guarded[] = {".riskgate.json", "CODEOWNERS", ".github/CODEOWNERS",
				      "docs/CODEOWNERS", NULL};

int gate_classify_is_guarded(const char *path, size_t len)
{
	size_t i;

	for (i = 0; guarded[i]; i++)
		if (strlen(guarded[i]) == len && memcmp(guarded[i], path, len) == 0)
			return 1;
	return 0;
}

int gate_classify_path(gate_class *out, gate_policy *policy, const char *path, size_t len,
		       gate_error *err)
{
	size_t t;
	int rc;

	if (gate_classify_is_guarded(path, len)) {
		out->tier = 0;
		out->kind = GATE_MATCH_GUARDED;
		out->rule = NULL;
		return 0;
	}
	for (t = 0; t < policy->ntiers; t++) {
		gate_tier *tier = &policy->tiers[t];
		gate_pattern *hit = NULL;

		rc = gate_patterns_match(tier->paths, tier->npaths, path, len, &hit, err);
		if (rc < 0)
			return -1;
		if (!rc)
			continue;
		rc = gate_patterns_match(tier->exclude, tier->nexclude, path, len, NULL, err);
		if (rc < 0)
			return -1;
		if (rc)
			continue;
		out->tier = t;
		out->kind = GATE_MATCH_PATTERN;
		out->rule = hit;
		return 0;
	}
	out->tier = policy->default_tier;
	out->kind = GATE_MATCH_DEFAULT;
	out->rule = NULL;
	return 0;
}

int gate_classify_describe(gate_buf *out, const gate_policy *policy, const gate_class *cls,
			   gate_error *err)
{
	switch (cls->kind) {
	case GATE_MATCH_PATTERN:
		return gate_buf_printf(out, err, "%s:%u: %s", policy->file ? policy->file : "policy",
				       cls->rule->line, cls->rule->pattern ? cls->rule->pattern : "");
	case GATE_MATCH_DEFAULT:
		return gate_buf_puts(out, "default_tier", err);
	case GATE_MATCH_GUARDED:
		return gate_buf_puts(out,
				     "guarded: the policy file and CODEOWNERS are always in the "
				     "highest tier",
				     err);
	}
	return 0;
}
