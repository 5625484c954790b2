/*
 * Tier classification (docs/policy.md, "Tiers"): the first tier with a matching path
 * pattern and no matching exclude; else the default tier. The policy file
 * and CODEOWNERS always land in the highest tier.
 */
#ifndef RISKGATE_CLASSIFY_H
#define RISKGATE_CLASSIFY_H

#include <stddef.h>

#include "riskgate/error.h"
#include "riskgate/policy.h"

typedef enum {
	GATE_MATCH_PATTERN, /* a tier's path pattern matched: `rule` is set */
	GATE_MATCH_DEFAULT, /* nothing matched: the default tier */
	GATE_MATCH_GUARDED  /* the policy file or CODEOWNERS: the highest tier */
} gate_match_kind;

/* The outcome for one path. `rule` is borrowed from the policy and set only
 * for GATE_MATCH_PATTERN. */
typedef struct {
	size_t tier;
	gate_match_kind kind;
	const gate_pattern *rule;
} gate_class;

/* Classifies one repository-relative, '/'-separated path of `len` bytes.
 * Returns 0, or -1 when a pattern hit its limits (GATE_ERR_REGEX).
 * After GATE_CLASSIFY_INDEX_AFTER paths, or gate_classify_prepare, a
 * prefilter skips the patterns that provably cannot match; the outcome is
 * that of matching every pattern in order, except that a limit hit on a
 * pattern the prefilter rules out is not an error (on such a limit the
 * index is built at once, so the outcome does not depend on the paths
 * classified before; docs/policy.md, "Pattern limits"). */
int gate_classify_path(gate_class *out, gate_policy *policy, const char *path, size_t len,
		       gate_error *err);

/* Paths a policy classifies before gate_classify_path builds its index
 * itself. Building it costs about as much as classifying 60,000 paths
 * without it (half a second for the built-in policy), so it is built only
 * once a run has shown it classifies in the hundreds of thousands (a
 * range of many commits, each compared with its parents); a caller that
 * knows in advance calls gate_classify_prepare. */
#define GATE_CLASSIFY_INDEX_AFTER 100000

/* Builds the policy's classification index now (for a caller about to
 * classify many paths). Returns 1 when a prefilter is in use, 0 when
 * classification matches every pattern (built without Hyperscan, or it
 * accepts none of the patterns), -1 when out of memory. */
int gate_classify_prepare(gate_policy *policy, gate_error *err);

/* Makes the tiers' patterns ready to match (JIT-compiled, which they
 * otherwise are at their first match: most of a small change's
 * classification), for a thread that loads the policy while another reads
 * the change. The answers do not change. */
void gate_classify_warm(gate_policy *policy);

/* The prefilter library's name and version ("5.4.0 2023-..."), or NULL when
 * built without one (for `version`). */
const char *gate_classify_prefilter_backend(void);

/* Frees a policy's index (gate_policy_free calls it). Accepts NULL. */
struct gate_classify_index;
void gate_classify_index_free(struct gate_classify_index *index);

/* Whether `path` is one of the files that guard the gate itself
 * (.riskgate.json, CODEOWNERS in its three places) or that change how git
 * reads the tree (.gitattributes at any depth, .lfsconfig and .gitmodules
 * at the root). */
int gate_classify_is_guarded(const char *path, size_t len);

/* Formats the rule of a classification as "FILE:LINE" plus pattern, or a
 * fixed description for default and guarded matches, into `out`. */
int gate_classify_describe(gate_buf *out, const gate_policy *policy, const gate_class *cls,
			   gate_error *err);

#endif
