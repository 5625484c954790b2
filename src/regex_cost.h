/*
 * An upper bound on PCRE2's work for a pattern, from the pattern's text
 * (regex_cost.c); used by regex.c only.
 */
#ifndef RISKGATE_REGEX_COST_H
#define RISKGATE_REGEX_COST_H

#include <stddef.h>

/* Longest subject length the bound is computed for. */
#define GATE_REGEX_COST_MAX_LENGTH 65536

/* Most choice points (groups, branches, repeats) a pattern may have and
 * still be bounded: they bound the depth of PCRE2's backtracking, and so
 * its depth, heap and JIT stack use. */
#define GATE_REGEX_COST_MAX_ATOMS 500.0

/* Longest subject for a pattern with a group repeated without bound: PCRE2
 * keeps a frame (or JIT stack) per repeat. */
#define GATE_REGEX_COST_MAX_DEEP 4000.0

/*
 * The longest subject (at most GATE_REGEX_COST_MAX_LENGTH bytes) on which
 * matching `pattern` provably takes at most `budget` steps, 0 when none
 * does or the pattern uses a construct the bound does not cover. `anchored`
 * says PCRE2 tries the pattern at the start of the subject only.
 */
size_t gate_regex__safe_length(const char *pattern, int anchored, double budget);

#endif
