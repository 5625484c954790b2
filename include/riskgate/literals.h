/*
 * The literal strings that every match of a pattern must contain, one of
 * them at least (literals.c): a test that rules out, without running
 * PCRE2, text the pattern cannot match. The content rules ask it before
 * matching a trigger (rules.c); PCRE2 (regex.c) stays the one owner of
 * what a pattern matches, and a text the test lets through is matched by
 * it as before.
 */
#ifndef RISKGATE_LITERALS_H
#define RISKGATE_LITERALS_H

#include <stddef.h>

#include "riskgate/error.h"

typedef struct gate_literals gate_literals;

/*
 * Reads `pattern` (PCRE2 syntax, compiled without options) and sets *out
 * to a set of literals one of which is in every text the pattern matches.
 * Sets *out to NULL when no such set can be had: a branch of the pattern
 * with no required literal (`\s*x?`), or syntax this reader does not cover
 * (`\Q`, `\p{..}`, `(?x)`, back references, verbs, conditionals, ...): the
 * caller then matches every text. Returns -1 only when out of memory.
 */
int gate_literals_of(gate_literals **out, const char *pattern, gate_error *err);

void gate_literals_free(gate_literals *lits);

/* 1 when one of the literals occurs in `len` bytes of `s`, else 0. */
int gate_literals_in(const gate_literals *lits, const char *s, size_t len);

/* Where the first literal in `len` bytes of `s` starts, `len` if none. */
size_t gate_literals_find(const gate_literals *lits, const char *s, size_t len);

/* Up to GATE_LITERALS_GROUP_MAX sets searched together in one pass. */
#define GATE_LITERALS_GROUP_MAX 64
typedef struct gate_literals_group gate_literals_group;

/* A group over `n` sets (NULL entries allowed: never found). The sets are
 * borrowed: they must outlive the group. -1 when out of memory. */
int gate_literals_group_new(gate_literals_group **out, const gate_literals *const *sets, size_t n,
			    gate_error *err);

void gate_literals_group_free(gate_literals_group *group);

/*
 * The first offset in `len` bytes of `s` where a literal of one of the sets
 * in `want` (bit i for set i) starts, in *at (`len` if none); returns the
 * sets with a literal starting there (0 if none).
 */
unsigned long long gate_literals_group_find(const gate_literals_group *group, const char *s,
					    size_t len, unsigned long long want, size_t *at);

/* The number of literals, the i-th of them (NUL-terminated; lower case
 * when compared without case), and whether they are (for tests). */
size_t gate_literals_count(const gate_literals *lits);
const char *gate_literals_at(const gate_literals *lits, size_t i);
int gate_literals_caseless(const gate_literals *lits);

#endif
