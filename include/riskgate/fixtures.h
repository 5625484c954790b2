/*
 * Running a policy's fixtures (`riskgate policy test`, docs/policy.md, "Fixtures"): each
 * fixture's path must land in its tier, have its owners under a CODEOWNERS
 * file, and its line of text must trigger exactly the rules it lists. This
 * module says which of those hold; the caller prints.
 */
#ifndef RISKGATE_FIXTURES_H
#define RISKGATE_FIXTURES_H

#include <stddef.h>

#include "riskgate/codeowners.h"
#include "riskgate/error.h"
#include "riskgate/policy.h"

/* How a fixture does not hold. */
typedef enum {
	GATE_FIXTURE_TIER,        /* the path lands in another tier */
	GATE_FIXTURE_OWNERS,      /* CODEOWNERS gives other owners */
	GATE_FIXTURE_RULE,        /* a rule fires when not expected, or not when expected */
	GATE_FIXTURE_UNKNOWN_RULE /* the fixture names a rule id the policy lacks */
} gate_fixture_miss_kind;

/*
 * One way a fixture does not hold. By kind: `tier` is the tier the path
 * lands in (TIER); `owners` the owners CODEOWNERS gives in the policy's
 * dialect (OWNERS, `nowners` of them: gate_codeowners_owners; the array
 * belongs to the misses, the words to the CODEOWNERS rules); `rule` the rule's id (RULE,
 * UNKNOWN_RULE) and `expected` whether it was expected to fire (RULE).
 * Other strings are borrowed from the policy and the CODEOWNERS rules.
 */
typedef struct {
	gate_fixture_miss_kind kind;
	const char *tier;
	const char **owners;
	size_t nowners;
	const char *rule;
	int expected;
} gate_fixture_miss;

/* The ways a fixture does not hold, in the order they were found. */
typedef struct {
	gate_fixture_miss *items;
	size_t count;
	size_t alloc;
} gate_fixture_misses;

void gate_fixture_misses_init(gate_fixture_misses *m);
void gate_fixture_misses_dispose(gate_fixture_misses *m);

/* Empties `m`, keeping its memory for the next fixture (the owner lists of
 * its misses are freed). */
void gate_fixture_misses_clear(gate_fixture_misses *m);

/*
 * The index of the first fixture of `policy` that expects owners, into
 * *index: 1 when one does (the caller then needs a CODEOWNERS file), 0
 * when none does.
 */
int gate_fixtures_need_codeowners(size_t *index, const gate_policy *policy);

/*
 * Runs fixture `f` of `policy` with the CODEOWNERS rules `co` (which must
 * not be NULL when the fixture expects owners; read in the policy's dialect,
 * and the owners of a path are all of them, gate_codeowners_owners), appending each way it does
 * not hold to `out` (initialised by the caller; also filled up to the step
 * that failed on an error). Returns 1 when it holds, 0 when not, -1 on an
 * error (a regular expression past its limits, out of memory).
 */
int gate_fixture_run(gate_fixture_misses *out, gate_policy *policy, const gate_codeowners *co,
		     const gate_fixture *f, gate_error *err);

#endif
