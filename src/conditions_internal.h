/*
 * The evaluation of a tier's `require_when` blocks and of an approval
 * rule's `when` (src/conditions.c), for gate_evaluate and the approval_rules
 * check. Not part of the library's interface.
 */
#ifndef RISKGATE_SRC_CONDITIONS_INTERNAL_H
#define RISKGATE_SRC_CONDITIONS_INTERNAL_H

#include <stddef.h>

#include "riskgate/check.h"
#include "riskgate/error.h"
#include "riskgate/policy.h"
#include "riskgate/result.h"

/*
 * Evaluates every `require_when` block of tier `tier` (which has files in
 * the change) and writes into *out the tier's own `require` with the
 * requirements of each block that applies added: a block applies when
 * none of its conditions fails, so a condition that cannot be evaluated
 * adds its block's requirements. Appends one outcome per block to
 * res->conditions. *out borrows from the policy, except *rules_owned
 * (NULL unless blocks added rules; the caller frees it), which out->rules
 * then points to. Returns 0, or -1 with `err` set (a regex limit, memory).
 */
int gate_conditions__apply(gate_require *out, size_t **rules_owned, gate_result *res,
			   const gate_check_ctx *ctx, size_t tier, gate_error *err);

/*
 * Evaluates every condition of `w` (a require_when block's or an approval
 * rule's, docs/policy.md "Conditions") for tier `tier`, in the documented
 * order, appending one check per condition present to `o`. The caller
 * releases `o` with gate_conditions__dispose (or it belongs to a result).
 * Returns 0, or -1 with `err` set.
 */
int gate_conditions__evaluate(gate_cond_outcome *o, gate_when *w, const gate_check_ctx *ctx,
			      size_t tier, gate_error *err);

/*
 * The one decision of whether conditions evaluated into `o` apply: 1 unless
 * one of them fails. A condition that cannot be evaluated does not fail,
 * so what it guards applies (the gate fails closed).
 */
int gate_conditions__applies(const gate_cond_outcome *o);

/* Adds each condition of `w` to the JSON object `obj` under its policy key
 * (patterns as text, lists as arrays, minimums as numbers), as `explain
 * --json` shows them. Returns 0 or -1. */
int gate_conditions__when_json(struct cJSON *obj, const gate_when *w, gate_error *err);

/* Frees what `o` holds and zeroes it; accepts NULL. */
void gate_conditions__dispose(gate_cond_outcome *o);

#endif
