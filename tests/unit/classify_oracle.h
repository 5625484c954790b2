/*
 * The plain reference for tier classification, and the contract the
 * classifier (src/classify.c) keeps against it, shared by
 * tests/unit/test_classify.c and tests/fuzz/fuzz_classify.c: every tier's
 * patterns through PCRE2 in policy order, a match PCRE2 cannot finish (a
 * limit) decided by PCRE2's DFA matcher, which does not backtrack
 * (docs/policy.md, "Pattern limits").
 */
#ifndef RISKGATE_TESTS_CLASSIFY_ORACLE_H
#define RISKGATE_TESTS_CLASSIFY_ORACLE_H

#include <stdint.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "riskgate/classify.h"
#include "riskgate/policy.h"
#include "riskgate/regex.h"

/* Whether PCRE2 compiles `pattern` as the policy loader would. */
static inline int oracle_compiles(const char *pattern)
{
	gate_regex *re = NULL;
	gate_error err;
	int ok;

	gate_error_init(&err);
	ok = gate_regex_new(&re, pattern, NULL, &err) == 0;
	gate_regex_free(re);
	return ok;
}

/* Bounds on the DFA matcher, for a caller with a time budget (the fuzz
 * target): the longest subject it is asked about, how many times (until
 * oracle_truth_calls is reset), and its internal limits. */
static size_t oracle_truth_max_len = SIZE_MAX;
static size_t oracle_truth_max_calls = SIZE_MAX;
static size_t oracle_truth_calls;
static uint32_t oracle_truth_match_limit = UINT32_MAX;
static uint32_t oracle_truth_depth_limit = UINT32_MAX;

/*
 * What a pattern PCRE2 could not finish really does on a subject: 1 or 0,
 * or -1 when the DFA matcher cannot tell either (back references, a
 * workspace too small, the bounds above).
 */
static inline int oracle_truth(const gate_pattern *p, const char *s, size_t len)
{
	static int ws[1 << 16];
	pcre2_match_context *mctx;
	pcre2_code *code;
	pcre2_match_data *md;
	int errcode, rc;
	PCRE2_SIZE erroff;

	if (len > oracle_truth_max_len || oracle_truth_calls++ >= oracle_truth_max_calls)
		return -1;
	code = pcre2_compile((PCRE2_SPTR)p->pattern, PCRE2_ZERO_TERMINATED, 0, &errcode, &erroff,
			     NULL);
	if (!code)
		return -1;
	md = pcre2_match_data_create(1, NULL);
	mctx = pcre2_match_context_create(NULL);
	if (mctx) {
		pcre2_set_match_limit(mctx, oracle_truth_match_limit);
		pcre2_set_depth_limit(mctx, oracle_truth_depth_limit);
	}
	rc = md && mctx ? pcre2_dfa_match(code, (PCRE2_SPTR)s, len, 0, 0, md, mctx, ws,
					  sizeof(ws) / sizeof(ws[0]))
			: PCRE2_ERROR_NOMEMORY;
	pcre2_match_context_free(mctx);
	pcre2_match_data_free(md);
	pcre2_code_free(code);
	if (rc >= 0)
		return 1;
	return rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

/* A reference run: the errors PCRE2 met on the way, and whether
 * oracle_truth() could not decide one of them. */
typedef struct {
	gate_error first;   /* the first error, as the plain loop reports it */
	gate_error seen[8]; /* the errors met (up to 8) */
	size_t nseen;
	int undecided;
} oracle_errors;

static inline int oracle_patterns(gate_pattern *pats, size_t n, const char *s, size_t len,
				  gate_pattern **hit, oracle_errors *re)
{
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		gate_error e;

		gate_error_init(&e);
		rc = gate_regex_match(pats[i].re, s, len, &e);
		if (rc < 0) {
			if (!re->nseen)
				re->first = e;
			if (re->nseen < 8)
				re->seen[re->nseen++] = e;
			rc = oracle_truth(&pats[i], s, len);
			if (rc < 0) {
				re->undecided = 1;
				return -1;
			}
		}
		if (rc) {
			if (hit)
				*hit = &pats[i];
			return 1;
		}
	}
	return 0;
}

/* The reference outcome for `path`: 0, or -1 where oracle_truth() cannot
 * tell (the run stops there). */
static inline int oracle_reference(gate_class *out, gate_policy *policy, const char *path,
				   size_t len, oracle_errors *re)
{
	size_t t;
	int rc;

	if (gate_classify_is_guarded(path, len) ||
	    (policy->guarded_path && strlen(policy->guarded_path) == len &&
	     memcmp(policy->guarded_path, path, len) == 0)) {
		out->tier = 0;
		out->kind = GATE_MATCH_GUARDED;
		out->rule = NULL;
		return 0;
	}
	for (t = 0; t < policy->ntiers; t++) {
		gate_tier *tier = &policy->tiers[t];
		gate_pattern *hit = NULL;

		rc = oracle_patterns(tier->paths, tier->npaths, path, len, &hit, re);
		if (rc < 0)
			return -1;
		if (!rc)
			continue;
		rc = oracle_patterns(tier->exclude, tier->nexclude, path, len, NULL, re);
		if (rc < 0)
			return -1;
		if (rc)
			continue;
		out->tier = t;
		out->kind = GATE_MATCH_PATTERN;
		out->rule = hit;
		return 0;
	}
	out->tier = policy->default_tier;
	out->kind = GATE_MATCH_DEFAULT;
	out->rule = NULL;
	return 0;
}

/* Whether `e` is the error PCRE2 gives for one of the policy's patterns
 * on the path. */
static inline int oracle_limit_error_of_some(gate_policy *policy, const gate_error *e,
					     const char *path, size_t len)
{
	size_t t, i;

	for (t = 0; t < policy->ntiers; t++) {
		gate_tier *tier = &policy->tiers[t];

		for (i = 0; i < tier->npaths + tier->nexclude; i++) {
			gate_pattern *p =
			    i < tier->npaths ? &tier->paths[i] : &tier->exclude[i - tier->npaths];
			gate_error mine;

			gate_error_init(&mine);
			if (gate_regex_match(p->re, path, len, &mine) < 0 &&
			    mine.klass == e->klass && strcmp(mine.message, e->message) == 0)
				return 1;
		}
	}
	return 0;
}

/* What oracle_check compared the classifier's outcome with. */
typedef struct {
	gate_class ref; /* the reference's outcome */
	int ref_rc;     /* oracle_reference's return */
	oracle_errors errs;
	int answered;   /* the classifier answered past a limit, checked */
	int unverified; /* ... where oracle_truth() could not tell */
} oracle_result;

/*
 * The contract. Where PCRE2 finished every pattern, the classifier's
 * outcome (rc, cls, err) is the reference's. Where it hit a limit, the
 * classifier fails with one of those errors or, with the prefilter
 * (`prefiltered` 1), answers, and then exactly as oracle_truth() decides;
 * without a prefilter it fails with the first (matching each pattern in
 * turn). Where oracle_truth() could not tell, the reference stops there,
 * and an error of the classifier on a later pattern is one PCRE2 gives
 * for it. Returns 1 when the outcome keeps it.
 */
static inline int oracle_check(oracle_result *res, gate_policy *policy, int rc,
			       const gate_class *cls, const gate_error *err, const char *path,
			       size_t len, int prefiltered)
{
	oracle_errors *rb = &res->errs;
	size_t j;
	int ok;

	memset(res, 0, sizeof(*res));
	gate_error_init(&rb->first);
	res->ref_rc = oracle_reference(&res->ref, policy, path, len, rb);
	if (!rb->nseen || prefiltered != 1) {
		if (!rb->nseen)
			return rc == 0 && cls->tier == res->ref.tier &&
			       cls->kind == res->ref.kind && cls->rule == res->ref.rule;
		return rc < 0 && err->klass == rb->first.klass &&
		       strcmp(err->message, rb->first.message) == 0;
	}
	if (rc < 0) {
		for (ok = 0, j = 0; j < rb->nseen; j++)
			ok |= err->klass == GATE_ERR_REGEX &&
			      strcmp(err->message, rb->seen[j].message) == 0;
		if (!ok && rb->undecided)
			ok = err->klass == GATE_ERR_REGEX &&
			     oracle_limit_error_of_some(policy, err, path, len);
		return ok;
	}
	if (res->ref_rc < 0) {
		res->unverified = 1;
		return 1;
	}
	ok = cls->tier == res->ref.tier && cls->kind == res->ref.kind && cls->rule == res->ref.rule;
	res->answered = ok;
	return ok;
}

#endif
