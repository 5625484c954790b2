/*
 * The classifier's prefilter over Hyperscan (optional at build time:
 * without GATE_HAVE_HYPERSCAN every pattern is always a candidate). Each
 * pattern is compiled in Hyperscan's prefilter mode, which approximates
 * what it cannot match exactly (lookarounds, back references) by something
 * that matches more: a scan reports a superset of the patterns that match.
 */
#include "riskgate/banned.h"

#include "prefilter.h"

#include "riskgate/buf.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#ifdef GATE_HAVE_HYPERSCAN
#include <hs.h>

struct gate_prefilter {
	hs_database_t *db;
	hs_scratch_t *scratch;
	size_t n;
	/* What a scan starts from: 1 for the patterns left out of the
	 * database (always candidates), 0 for the others. */
	unsigned char *base;
	/* same[i]: the first pattern with the same text as pattern i (tiers
	 * repeat each other's patterns as excludes); only that one is in the
	 * database, and pattern i takes its answer. */
	size_t *same;
	int has_same;
};

static int on_match(unsigned int id, unsigned long long from, unsigned long long to,
		    unsigned int flags, void *ctx)
{
	(void)from;
	(void)to;
	(void)flags;
	((unsigned char *)ctx)[id] = 1;
	return 0;
}

/* PCRE2's defaults, as regex.c compiles: no UTF, '.' not matching a
 * newline, '$' also before a final newline. SINGLEMATCH: one report per
 * pattern is all a candidate needs. */
#define PREFILTER_FLAGS (HS_FLAG_PREFILTER | HS_FLAG_SINGLEMATCH | HS_FLAG_ALLOWEMPTY)

int gate_prefilter_new(gate_prefilter **out, const char *const *patterns, size_t n, gate_error *err)
{
	gate_prefilter *pf = NULL;
	const char **exprs = NULL;
	unsigned int *flags = NULL, *ids = NULL, m = 0;
	hs_compile_error_t *cerr = NULL;
	hs_expr_info_t *info = NULL;
	size_t i;
	int error = -1;

	*out = NULL;
	if (n == 0 || n > UINT_MAX || hs_valid_platform() != HS_SUCCESS)
		return 0;
	if (!(pf = gate_calloc(1, sizeof(*pf), err)) || !(pf->base = gate_calloc(n, 1, err)) ||
	    !(exprs = gate_calloc(n, sizeof(*exprs), err)) ||
	    !(flags = gate_calloc(n, sizeof(*flags), err)) ||
	    !(ids = gate_calloc(n, sizeof(*ids), err)) ||
	    !(pf->same = gate_calloc(n, sizeof(*pf->same), err)))
		goto done;
	pf->n = n;
	for (i = 0; i < n; i++) {
		size_t j;

		pf->same[i] = i;
		for (j = 0; j < i; j++)
			if (strcmp(patterns[j], patterns[i]) == 0) {
				pf->same[i] = pf->same[j];
				break;
			}
		if (pf->same[i] != i) {
			pf->has_same = 1;
			pf->base[i] = pf->base[pf->same[i]];
			continue;
		}
		/* A pattern Hyperscan refuses stays out, always a candidate. */
		if (hs_expression_info(patterns[i], PREFILTER_FLAGS, &info, &cerr) != HS_SUCCESS) {
			hs_free_compile_error(cerr);
			cerr = NULL;
			pf->base[i] = 1;
			continue;
		}
		free(info);
		info = NULL;
		exprs[m] = patterns[i];
		flags[m] = PREFILTER_FLAGS;
		ids[m] = (unsigned int)i;
		m++;
	}
	error = 0;
	if (m == 0 ||
	    hs_compile_multi(exprs, flags, ids, m, HS_MODE_BLOCK, NULL, &pf->db, &cerr) !=
		HS_SUCCESS ||
	    hs_alloc_scratch(pf->db, &pf->scratch) != HS_SUCCESS)
		goto done; /* no prefilter: every pattern is matched */
	*out = pf;
	pf = NULL;
done:
	hs_free_compile_error(cerr);
	free(exprs);
	free(flags);
	free(ids);
	gate_prefilter_free(pf);
	return error;
}

void gate_prefilter_free(gate_prefilter *pf)
{
	if (!pf)
		return;
	hs_free_scratch(pf->scratch);
	hs_free_database(pf->db);
	free(pf->base);
	free(pf->same);
	free(pf);
}

void gate_prefilter_scan(gate_prefilter *pf, const char *s, size_t len, unsigned char *cand)
{
	size_t i;

	memcpy(cand, pf->base, pf->n);
	/* A newline is where PCRE2's and Hyperscan's anchors could part
	 * ways; no real path has one, so such a subject is not prefiltered. */
	if (len > UINT_MAX || memchr(s, '\n', len) ||
	    hs_scan(pf->db, s, (unsigned int)len, 0, pf->scratch, on_match, cand) != HS_SUCCESS) {
		memset(cand, 1, pf->n);
		return;
	}
	if (pf->has_same)
		for (i = 0; i < pf->n; i++)
			cand[i] = cand[pf->same[i]];
}

const char *gate_prefilter_version(void)
{
	return hs_version();
}

#else

int gate_prefilter_new(gate_prefilter **out, const char *const *patterns, size_t n, gate_error *err)
{
	(void)patterns;
	(void)n;
	(void)err;
	*out = NULL;
	return 0;
}

void gate_prefilter_free(gate_prefilter *pf)
{
	(void)pf;
}

void gate_prefilter_scan(gate_prefilter *pf, const char *s, size_t len, unsigned char *cand)
{
	(void)pf;
	(void)s;
	(void)len;
	(void)cand;
}

const char *gate_prefilter_version(void)
{
	return NULL;
}

#endif
