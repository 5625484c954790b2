/*
 * The requirement checks, one per file in this directory, each with the
 * gate_check_fn signature of include/riskgate/check.h. Listed in the table
 * of src/check.c.
 */
#ifndef RISKGATE_SRC_CHECKS_H
#define RISKGATE_SRC_CHECKS_H

#include "riskgate/check.h"

int gate_check_tests(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);
int gate_check_max_files(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);
int gate_check_max_lines(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);
int gate_check_provenance(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);
int gate_check_approvals(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);
int gate_check_reviewers(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);
int gate_check_codeowners(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);
int gate_check_rules(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);
int gate_check_observability(gate_result *res, gate_check_ctx *ctx, size_t tier,
			     gate_error *err);

#endif
