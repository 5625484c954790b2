/*
 * Content rules on their own (SPEC 3.3): whether a rule covers a path and
 * whether it fires on one line of text. The rules check applies them to a
 * change; `policy test` applies them to the lines of its fixtures.
 */
#ifndef RISKGATE_RULES_H
#define RISKGATE_RULES_H

#include <stddef.h>

#include "riskgate/error.h"
#include "riskgate/policy.h"

/* 1 when one of the rule's `files` patterns matches `path`, 0 when none
 * does, -1 on a regex error. */
int gate_rule_covers(gate_rule *rule, const char *path, size_t len, gate_error *err);

/* 1 when the rule's trigger matches `line` and its `unless` (if any) does
 * not match the same line, 0 otherwise, -1 on a regex error. A change is
 * judged with the `unless` window around the trigger; a single line has no
 * neighbours. */
int gate_rule_fires(gate_rule *rule, const char *line, size_t len, gate_error *err);

#endif
