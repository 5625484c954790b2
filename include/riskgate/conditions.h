/*
 * Conditions on a tier's requirements (docs/policy.md, "Conditions"): what
 * the evaluation knows about the pull request or push beyond the repository
 * (target and source branch, labels, title), and the names of how a
 * condition came out. The blocks themselves are policy data (gate_when in
 * policy.h); their evaluation is part of gate_evaluate.
 */
#ifndef RISKGATE_CONDITIONS_H
#define RISKGATE_CONDITIONS_H

#include <stddef.h>

#include "riskgate/buf.h"
#include "riskgate/error.h"
#include "riskgate/policy.h"
#include "riskgate/result.h"

/* Most labels a change may carry (`check --label`, an event's labels). */
#define GATE_COND_MAX_LABELS 100

/*
 * What is known about the change's context. Every pointer is borrowed and
 * NULL when unknown; a condition on an unknown fact is "not evaluated" and
 * its block applies. `target_branch` and `source_branch` are short branch
 * names ("main", "release/1.2"), never "refs/heads/...". `labels_known` is
 * 1 when `labels` (nlabels of them, possibly none) is the complete list of
 * the change's labels.
 */
typedef struct {
	const char *target_branch;
	const char *source_branch;
	const char *title;
	const char *const *labels;
	size_t nlabels;
	int labels_known;
} gate_cond_facts;

/* "holds", "fails" or "not_evaluated". */
const char *gate_cond_status_name(gate_cond_status status);

/*
 * The branch a full ref name updates: "refs/heads/X" gives a pointer to X
 * inside `ref`; any other ref (a tag, a note, "HEAD") gives NULL, which
 * leaves the target branch unknown. The one place a ref becomes a branch
 * name for conditions.
 */
const char *gate_cond_branch_of_ref(const char *ref);

/*
 * What the requirements `req` of a require_when block of `tier` add, as the
 * text report and `explain` write a tier's requirements ("approvals: 2,
 * codeowners"; "nothing" when they ask for nothing), appended to `out`.
 * Returns 0 or -1.
 */
int gate_cond_describe_adds(gate_buf *out, const gate_policy *policy, const gate_tier *tier,
			    const gate_require *req, gate_error *err);

/*
 * The conditions of `w`, as `explain` writes them ("target_branch ^release/,
 * min_changed_lines 501"), escaped for a terminal, appended to `out`.
 * Returns 0 or -1.
 */
int gate_cond_describe_when(gate_buf *out, const gate_when *w, gate_error *err);

/* 1 when a tier of `policy` has a `require_when` block or an approval rule
 * with a
 * target_branch condition: the same commits may then need more on one
 * branch than on another, so what was judged for one ref does not stand
 * for another. */
int gate_cond_policy_targets_branch(const gate_policy *policy);

#endif
