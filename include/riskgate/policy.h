/*
 * The policy: risk tiers with their path patterns and requirements, what a
 * test file is and how source files pair with tests. Loaded from JSON with
 * comments (docs/policy.md), validated strictly, every pattern compiled once.
 */
#ifndef RISKGATE_POLICY_H
#define RISKGATE_POLICY_H

#include <stddef.h>

#include "riskgate/error.h"
#include "riskgate/regex.h"

/* The highest policy format version this build understands. */
#define GATE_POLICY_VERSION 1

/* Largest policy text accepted, in bytes. */
#define GATE_POLICY_MAX_SIZE (4u * 1024u * 1024u)

/* One compiled pattern with where it was written. `re` is never NULL in a
 * loaded policy; line/col locate the pattern's string in the policy text. */
typedef struct {
	gate_regex *re;
	char *pattern;
	unsigned line, col;
} gate_pattern;

typedef enum {
	GATE_TESTS_NONE = 0,
	GATE_TESTS_CHANGED,
	GATE_TESTS_PAIRED
} gate_tests_mode;

/* What a tier requires. A ceiling of -1 means "no ceiling". */
typedef struct {
	gate_tests_mode tests;
	long long max_files;
	long long max_lines;
} gate_require;

/* One tier. `name` is unique within the policy. */
typedef struct {
	char *name;
	char *description;
	gate_pattern *paths;
	size_t npaths;
	gate_pattern *exclude;
	size_t nexclude;
	gate_require require;
	unsigned line, col;
} gate_tier;

/* A pairing rule: a changed source file matching `from` needs a changed
 * test at one of the paths obtained by substituting `to[i]` (PCRE2
 * substitution syntax) into the source path. nto >= 1. */
typedef struct {
	gate_pattern from;
	char **to;
	size_t nto;
} gate_test_pair;

/*
 * A loaded policy. Invariants: ntiers >= 1; default_tier < ntiers; tier
 * names are unique; every pattern compiled. Tiers are ordered highest risk
 * first, so tier index 0 is the highest tier.
 */
typedef struct gate_policy {
	char *source;    /* how it was found: "--policy FILE", "base:.riskgate.json", "builtin" */
	char *file;      /* the name used in FILE:LINE:COL positions */
	char sha256[65]; /* of the exact policy text, lower-case hex */
	long long version;
	char *name;
	char *description;
	gate_tier *tiers;
	size_t ntiers;
	size_t default_tier;
	gate_pattern *test_paths;
	size_t ntest_paths;
	gate_test_pair *test_pairs;
	size_t ntest_pairs;
} gate_policy;

/* One problem found in a policy, for `policy lint`. A warning does not
 * stop the policy from loading; anything else does. */
typedef struct {
	char *file;
	unsigned line, col;
	char *message;
	int warning;
} gate_diag;

typedef struct {
	gate_diag *items;
	size_t count;
	size_t alloc;
} gate_diags;

void gate_diags_init(gate_diags *diags);
void gate_diags_dispose(gate_diags *diags);

/*
 * Parses and validates a policy from `len` bytes of `text`. `file` names
 * the text in diagnostics; `source` describes where it was found (copied
 * into the policy). On failure returns -1 with a GATE_ERR_POLICY error at
 * the first problem's FILE:LINE:COL. When `diags` is not NULL every problem
 * found is also appended to it (the loader keeps going as far as it can).
 * The policy is the caller's (gate_policy_free).
 */
int gate_policy_load(gate_policy **out, const char *text, size_t len, const char *file,
		     const char *source, gate_diags *diags, gate_error *err);

/* Reads FILE (or stdin for "-") and loads it. */
int gate_policy_load_file(gate_policy **out, const char *path, gate_diags *diags,
			  gate_error *err);

/* Loads the built-in default policy (policies/default.json compiled in). */
int gate_policy_load_builtin(gate_policy **out, gate_error *err);

/* The text of the built-in default policy. Borrowed, NUL-terminated. */
const char *gate_policy_builtin_text(size_t *len);

void gate_policy_free(gate_policy *policy);

/* The index of the tier named `name`, or -1. */
long gate_policy_tier_index(const gate_policy *policy, const char *name);

/* Human names of the test modes ("none", "changed", "paired"). */
const char *gate_tests_mode_name(gate_tests_mode mode);

/* Whether `path` is a test file under the policy's `tests.paths`.
 * Returns 1, 0, or -1 on a regex error. */
int gate_policy_is_test(gate_policy *policy, const char *path, size_t len, gate_error *err);

#endif
