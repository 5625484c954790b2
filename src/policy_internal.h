/*
 * What the files of the policy loader share: the loader's state, its
 * diagnostics and typed getters (src/policy_loader.c), and the loaders of
 * the policy's tiers (src/policy_tiers.c) and other sections
 * (src/policy_sections.c, src/policy_approvals.c, ...), called by the
 * top-level load in src/policy.c. Not part of the library's interface.
 */
#ifndef RISKGATE_SRC_POLICY_INTERNAL_H
#define RISKGATE_SRC_POLICY_INTERNAL_H

#include <stddef.h>

#include "riskgate/error.h"
#include "riskgate/jsonc.h"
#include "riskgate/policy.h"

/*
 * One load of one policy text. Every problem found is added to `diags`
 * (when not NULL) and the first error is kept in `first`; loading goes on
 * after an error so that one run reports them all, except when `fatal` is
 * set (out of memory, in *err), which stops it at once.
 */
typedef struct {
	const char *file;
	const char *text;
	size_t len;
	gate_diags *diags;
	gate_error first; /* the first non-warning problem */
	int failed;       /* a problem was found */
	int fatal;        /* out of memory: stop at once */
	gate_error *err;
} gate_policy_loader;

/* The name the built-in policy's problems are reported under. */
#define GATE_POLICY_BUILTIN_FILE "policies/default.json"

/* --- primitives (src/policy_loader.c) --- */

/* Records a problem at line:col, an error unless `warning`. */
void gate_policy__report(gate_policy_loader *L, unsigned line, unsigned col, int warning,
			 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* An error at a value, or at the key of an object member. */
#define PROBLEM(L, node, ...) gate_policy__report((L), (node)->line, (node)->col, 0, __VA_ARGS__)
#define KEY_PROBLEM(L, node, ...)                                                                  \
	gate_policy__report((L), (node)->key_line, (node)->key_col, 0, __VA_ARGS__)

/* 1 when `node` is of `type`, else 0 after reporting "WHAT must be ...". */
int gate_policy__expect_type(gate_policy_loader *L, const gate_json *node, gate_json_type type,
			     const char *what);

/* Reports each key of object `obj` that is not in `allowed` (a
 * NULL-terminated list); `where` names the object in the message. */
void gate_policy__check_keys(gate_policy_loader *L, const gate_json *obj, const char *where,
			     const char *const *allowed);

/* The typed getters: each returns 1 and fills *dst, or 0 after reporting
 * the problem (or setting L->fatal). *dst of copy_string is the caller's. */
int gate_policy__copy_string(gate_policy_loader *L, char **dst, const gate_json *node,
			     const char *what);
int gate_policy__get_count(gate_policy_loader *L, long long *dst, const gate_json *node,
			   const char *what);
int gate_policy__get_bool(gate_policy_loader *L, int *dst, const gate_json *node, const char *what);

/* Compiles the pattern string `node` into *p (its position is kept even
 * when it fails); a regex error is reported at its character. 1 or 0. */
int gate_policy__compile_pattern(gate_policy_loader *L, gate_pattern *p, const gate_json *node,
				 const char *what);

/* An array of patterns into *out (*n of them compiled); the caller frees
 * it with gate_policy__free_patterns. */
void gate_policy__load_patterns(gate_policy_loader *L, gate_pattern **out, size_t *n,
				const gate_json *node, const char *what);
void gate_policy__free_patterns(gate_pattern *p, size_t n);

/* An array of strings into *out; `check` (may be NULL) validates each.
 * The caller frees it with gate_policy__free_strings. */
void gate_policy__load_strings(gate_policy_loader *L, char ***out, size_t *n, const gate_json *node,
			       const char *what, int (*check)(const char *));
void gate_policy__free_strings(char **v, size_t n);

/* --- tiers (src/policy_tiers.c) --- */

/* Tier `idx` of "tiers", with its "require". */
void gate_policy__load_tier(gate_policy_loader *L, gate_policy *p, gate_tier *tier,
			    const gate_json *node, size_t idx);
/* A "when" block of conditions (a require_when entry's, an approval
 * rule's) into `w`, and the release of what it holds. */
void gate_policy__load_when(gate_policy_loader *L, gate_when *w, const gate_json *node);
void gate_policy__free_when(gate_when *w);

/* Frees the "require_when" blocks of a tier. */
void gate_policy__free_require_when(gate_tier *tier);

/* --- the other sections (src/policy_sections.c) --- */

/* The top-level sections of the same names; for provenance, observability
 * and waivers, which have defaults, a NULL `node` means the section is
 * absent. */
void gate_policy__load_tests(gate_policy_loader *L, gate_policy *p, const gate_json *node);
void gate_policy__load_provenance(gate_policy_loader *L, gate_policy *p, const gate_json *node);
void gate_policy__load_observability(gate_policy_loader *L, gate_policy *p, const gate_json *node);
void gate_policy__load_rules(gate_policy_loader *L, gate_policy *p, const gate_json *node);
void gate_policy__load_waivers(gate_policy_loader *L, gate_policy *p, const gate_json *node);
/* The failure-mode questions (src/policy_walkthrough.c): the top-level
 * section (NULL: absent, the built-in questions), a tier's
 * require.walkthrough, and the release of the questions. */
void gate_policy__load_walkthrough(gate_policy_loader *L, gate_policy *p, const gate_json *node);
void gate_policy__load_require_walkthrough(gate_policy_loader *L, const gate_policy *p,
					   gate_require *req, const gate_json *node);
void gate_policy__free_walkthrough(gate_policy *p);
/* A tier's require.dependencies (src/policy_deps.c), and its release. */
void gate_policy__load_require_dependencies(gate_policy_loader *L, gate_require *req,
					    const gate_json *node);
void gate_policy__free_deps_req(gate_deps_req *d);
void gate_policy__load_fixtures(gate_policy_loader *L, gate_policy *p, const gate_json *node);
void gate_policy__load_overrides(gate_policy_loader *L, gate_policy *p, const gate_json *node);
/* allow_contributor, changes_requested and review_trailers of `root`. */
/* A tier's "approval_rules" into `req` (src/policy_approvals.c), and their release. */
void gate_policy__load_approval_rules(gate_policy_loader *L, gate_require *req,
				      const gate_json *node);
void gate_policy__free_approval_rules(gate_approval_rule *rules, size_t n);

void gate_policy__load_reviews(gate_policy_loader *L, gate_policy *p, const gate_json *root);

/* The lint warnings of a loaded policy: unreachable tiers, requirements
 * with nothing to check, patterns an earlier tier shadows. */
void gate_policy__find_unreachable(gate_policy_loader *L, gate_policy *p);

#endif
