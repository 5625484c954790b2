/*
 * A multi-pattern prefilter (prefilter.c, the only user of Hyperscan): one
 * scan of a subject tells which of many patterns may match it. It answers
 * only "may match": PCRE2 (regex.c) stays the one owner of what a pattern
 * matches, and a caller confirms every candidate with it.
 */
#ifndef RISKGATE_PREFILTER_H
#define RISKGATE_PREFILTER_H

#include <stddef.h>

#include "riskgate/error.h"

typedef struct gate_prefilter gate_prefilter;

/*
 * Builds a prefilter over `n` PCRE2 patterns. A pattern Hyperscan cannot
 * approximate is left out and is always a candidate. Returns 0 with *out
 * NULL when no prefilter can be had (built without Hyperscan, a CPU it
 * does not support, no pattern it accepts, a failure of its compiler):
 * callers then match every pattern. Returns -1 only when out of memory.
 * The prefilter is the caller's (gate_prefilter_free); it keeps scratch
 * space for one scan at a time, so it is not thread-safe.
 */
int gate_prefilter_new(gate_prefilter **out, const char *const *patterns, size_t n,
		       gate_error *err);

void gate_prefilter_free(gate_prefilter *pf);

/*
 * Sets cand[i] (n bytes, as many as patterns) to 1 for every pattern that
 * may match `len` bytes of `s`, 0 for those that cannot. When the scan
 * itself fails every pattern is a candidate: the prefilter can only ever
 * make the caller do more work, never decide for it.
 */
void gate_prefilter_scan(gate_prefilter *pf, const char *s, size_t len, unsigned char *cand);

/* Hyperscan's version when built with it, else NULL (for `--version`). */
const char *gate_prefilter_version(void);

#endif
