/*
 * What `audit` looks at: a range "A..B" given on the command line, or a
 * branch measured against the repository's default branch.
 */
#include "riskgate/banned.h"

#include "riskgate/audit.h"

#include <stdlib.h>
#include <string.h>

static char *dup_side(const char *s, size_t len, gate_error *err)
{
	char *copy;

	if (len == 0)
		return gate_strdup("HEAD", err);
	if ((copy = gate_malloc(len + 1, err)) == NULL)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

int gate_audit_split_range(char **base, char **head, const char *range, gate_error *err)
{
	const char *dots = strstr(range, "..");

	*base = *head = NULL;
	if (!dots)
		return gate_error_set(err, GATE_ERR_USAGE,
				      "'%.200s' is not a range: expected A..B (the commits of B "
				      "that are not in A) or --branch REF",
				      range);
	if (dots[2] == '.')
		return gate_error_set(err, GATE_ERR_USAGE,
				      "'%.200s': symmetric ranges (A...B) are not supported; "
				      "use A..B",
				      range);
	if (strstr(dots + 2, "..") || (dots == range && dots[2] == '\0'))
		return gate_error_set(err, GATE_ERR_USAGE, "'%.200s' is not a range A..B", range);
	if ((*base = dup_side(range, (size_t)(dots - range), err)) == NULL ||
	    (*head = dup_side(dots + 2, strlen(dots + 2), err)) == NULL) {
		free(*base);
		*base = NULL;
		return -1;
	}
	return 0;
}

int gate_audit_default_branch(char **out, gate_repo *repo, gate_error *err)
{
	static const char *const candidates[] = {"refs/remotes/origin/HEAD", "refs/heads/main",
						 "refs/heads/master", NULL};
	char hex[GATE_OID_HEX + 1];
	gate_error scratch;
	size_t i;

	*out = NULL;
	for (i = 0; candidates[i]; i++) {
		gate_error_init(&scratch);
		if (gate_repo_resolve(hex, repo, candidates[i], &scratch) == 0) {
			*out = gate_strdup(candidates[i], err);
			return *out ? 0 : -1;
		}
	}
	return gate_error_set(err, GATE_ERR_USAGE,
			      "no default branch to audit --branch against: none of "
			      "origin/HEAD, main or master exists; pass a range instead "
			      "(riskgate audit BASE..BRANCH)");
}
