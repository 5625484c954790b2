/*
 * The one wrapper around PCRE2. Patterns are compiled once (JIT where the
 * platform supports it) and every match runs under match and depth limits;
 * hitting a limit is an error, never "no match".
 */
#ifndef RISKGATE_REGEX_H
#define RISKGATE_REGEX_H

#include <stddef.h>

#include "riskgate/buf.h"
#include "riskgate/error.h"

typedef struct gate_regex gate_regex;

/* Limits applied to every match (documented in docs/policy.md). */
#define GATE_REGEX_MATCH_LIMIT    1000000u
#define GATE_REGEX_DEPTH_LIMIT    10000u
#define GATE_REGEX_HEAP_LIMIT_KIB 20480u

/*
 * Compiles `pattern` (UTF-8 mode off so any path bytes can be matched).
 * On failure returns -1 with a GATE_ERR_POLICY error whose message names the
 * problem; *err_offset (if not NULL) receives the byte offset in the pattern.
 * The result is owned by the caller (gate_regex_free).
 */
int gate_regex_new(gate_regex **out, const char *pattern, size_t *err_offset, gate_error *err);

/* gate_regex_new, compiled case-insensitively (PCRE2_CASELESS) when
 * `caseless` is set. */
int gate_regex_new_caseless(gate_regex **out, const char *pattern, int caseless, size_t *err_offset,
			    gate_error *err);

void gate_regex_free(gate_regex *re);

/* JIT-compiles `re` now instead of just before its first match: the same
 * engine, and so the same answers and limits, either way. For a thread
 * with time to spare, before the pattern is shared with others. */
void gate_regex_prepare(gate_regex *re);

/* Frees what matching kept for the calling thread (its JIT stack): called
 * by a thread that matched, before it ends. */
void gate_regex_thread_done(void);

/* The source text of the pattern. Borrowed. */
const char *gate_regex_pattern(const gate_regex *re);

/*
 * Matches `subject` (len bytes). Returns 1 on a match, 0 on none, -1 on an
 * error (GATE_ERR_REGEX when a limit was hit). Not thread-safe per regex:
 * the match data lives in the regex object.
 */
int gate_regex_match(gate_regex *re, const char *subject, size_t len, gate_error *err);

/*
 * Like gate_regex_match, and on a match (1) sets *start and *end to the
 * byte offsets of the leftmost match in `subject`.
 */
int gate_regex_find(gate_regex *re, const char *subject, size_t len, size_t *start, size_t *end,
		    gate_error *err);

/*
 * When `re` matches `subject`, appends to `out` the subject with the first
 * match replaced by `replacement` (PCRE2 extended substitution syntax: $1,
 * ${name}) and returns 1. Returns 0 when there is no match (nothing is
 * appended), -1 on error.
 */
int gate_regex_substitute(gate_buf *out, gate_regex *re, const char *subject, size_t len,
			  const char *replacement, gate_error *err);

#endif
