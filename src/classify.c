/*
 * Tier classification of one path (docs/policy.md, "Tiers"): first tier whose path
 * patterns match and whose excludes do not; else the default tier. The files
 * that guard the gate itself, and those that change how git reads the tree
 * (.gitattributes, .lfsconfig, .gitmodules), are always in the highest tier.
 */
#include "riskgate/banned.h"

#include "riskgate/classify.h"

#include <string.h>

static const char *const guarded[] = {".riskgate.json", "CODEOWNERS", ".github/CODEOWNERS",
				      "docs/CODEOWNERS", NULL};

/* Files that change how git and its tools read the tree: attributes at any
 * depth (-diff, binary, linguist-generated and filters hide or rewrite
 * content), and at the root the LFS configuration and the submodule map
 * (which point the checkout at other content). */
static const char *const guarded_any_depth[] = {".gitattributes", NULL};
static const char *const guarded_git_root[] = {".lfsconfig", ".gitmodules", NULL};

int gate_classify_is_guarded(const char *path, size_t len)
{
	const char *base = path;
	size_t i, blen;

	for (i = 0; guarded[i]; i++)
		if (strlen(guarded[i]) == len && memcmp(guarded[i], path, len) == 0)
			return 1;
	for (i = 0; guarded_git_root[i]; i++)
		if (strlen(guarded_git_root[i]) == len &&
		    memcmp(guarded_git_root[i], path, len) == 0)
			return 1;
	for (i = len; i > 0; i--)
		if (path[i - 1] == '/') {
			base = path + i;
			break;
		}
	blen = len - (size_t)(base - path);
	for (i = 0; guarded_any_depth[i]; i++)
		if (strlen(guarded_any_depth[i]) == blen &&
		    memcmp(guarded_any_depth[i], base, blen) == 0)
			return 1;
	return 0;
}

int gate_classify_path(gate_class *out, gate_policy *policy, const char *path, size_t len,
		       gate_error *err)
{
	size_t t;
	int rc;

	if (gate_classify_is_guarded(path, len) ||
	    (policy->guarded_path && strlen(policy->guarded_path) == len &&
	     memcmp(policy->guarded_path, path, len) == 0)) {
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
		return gate_buf_printf(out, err, "%s:%u: %s",
				       policy->file ? policy->file : "policy", cls->rule->line,
				       cls->rule->pattern ? cls->rule->pattern : "");
	case GATE_MATCH_DEFAULT:
		return gate_buf_puts(out, "default_tier", err);
	case GATE_MATCH_GUARDED:
		return gate_buf_puts(
		    out,
		    "guarded: the policy file, CODEOWNERS and the files that change "
		    "how git reads the tree are always in the highest tier",
		    err);
	}
	return 0;
}
