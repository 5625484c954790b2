/*
 * The evaluation of a tier's `require_when` blocks (src/conditions.c), for
 * gate_evaluate. Not part of the library's interface.
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

#endif
