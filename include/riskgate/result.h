/*
 * The outcome of an evaluation: one entry per requirement checked for each
 * tier, the violations found, and errors. Checks append to it; the report
 * renders it.
 */
#ifndef RISKGATE_RESULT_H
#define RISKGATE_RESULT_H

#include <stddef.h>

#include "riskgate/ailines.h"
#include "riskgate/classify.h"
#include "riskgate/error.h"
#include "riskgate/provenance.h"

typedef enum { GATE_REQ_PASS, GATE_REQ_FAIL, GATE_REQ_UNVERIFIED, GATE_REQ_SKIP } gate_req_status;

typedef enum { GATE_SEV_ERROR, GATE_SEV_WARNING } gate_severity;

typedef enum { GATE_VERDICT_PASS, GATE_VERDICT_FAIL, GATE_VERDICT_ERROR } gate_verdict;

/* A list of owned strings (may hold any bytes but NUL). */
typedef struct {
	char **items;
	size_t count;
	size_t alloc;
} gate_strlist;

int gate_strlist_add(gate_strlist *list, const char *s, gate_error *err);
int gate_strlist_addn(gate_strlist *list, const char *s, size_t len, gate_error *err);
void gate_strlist_dispose(gate_strlist *list);

/*
 * One requirement of one tier. `passing` and `failing` name the files (or
 * commits) that satisfy or break it. `detail` says in a sentence what was
 * required and found.
 */
/* The most names each list of gate_req_packages keeps. */
#define GATE_REQ_PACKAGES_MAX 20

/* The packages a change adds, re-versions and removes (check
 * "dependencies"; docs/report.md, "`requirements[]`"): the first
 * GATE_REQ_PACKAGES_MAX names of each list, and how many there are in
 * all (n* >= the list's count). */
typedef struct {
	gate_strlist added, reversioned, removed;
	size_t nadded, nreversioned, nremoved;
} gate_req_packages;

typedef struct {
	char *tier;
	char *check;
	gate_req_status status;
	char *detail;
	gate_strlist passing;
	gate_strlist failing;
	gate_req_packages *packages; /* NULL but for "dependencies"; owned */
} gate_requirement;

/*
 * One violation. `check`, `tier` and `message` are always set; the others
 * may be NULL (line 0 = none). `fingerprint` is a stable hex digest of
 * check, rule, tier, path and commit, so the same finding keeps its
 * identity across runs.
 */
typedef struct {
	char *check;
	char *rule;
	char *tier;
	gate_severity severity;
	char *path;
	size_t line;
	char *commit;
	char *message;
	char *hint;
	/* The package the finding is about and its version requirement as the
	 * manifest writes it (check "dependencies"; docs/report.md,
	 * "`violations[]`"); NULL when none, not part of the fingerprint. */
	char *package;
	char *version;
	char fingerprint[33];
} gate_violation;

/* A finding silenced by a `riskgate: allow <id> <reason>` comment. */
typedef struct {
	char *rule;
	char *tier;
	char *path;
	size_t line;
	char *reason;
} gate_waiver;

/* The CODEOWNERS verdict for one changed file, as gate_codeowners_owners
 * gives it under the file's dialect: `matched` when a line of the file
 * matched (none of `owners` means explicitly unowned), `line` its number.
 * The words are borrowed from the CODEOWNERS rules; the array is
 * `owners_alloc` when it was built for the file (GitLab's sections), which
 * the result frees. `known` is 0 when the base revision has no CODEOWNERS
 * file. */
typedef struct {
	int known;
	int matched;
	unsigned line;
	const char *const *owners;
	size_t nowners;
	const char **owners_alloc;
} gate_file_owners;

/*
 * An approval that does not count, and why (for the report; docs/report.md,
 * "`ignored_approvals[]`"). `who` is a login or a trailer's "Name <email>";
 * `kind` one word for the reason ("stale", "dismissed", "superseded",
 * "author", "pusher", "contributor", "bot", "outsider", "no_write_access",
 * "unverified", "assistant", "not_head", "untrusted_committer", "no_email",
 * "commit_author", "unsigned"); `unverified` when the only reason is that write access
 * could not be shown. `commit` is the commit the review approved, when
 * known; `tier`, when set, limits the entry to that tier (the approval was
 * bound to the diff of each tier's files and still holds for other tiers);
 * `path` is the first file whose diff changed since the review, when that
 * is the reason.
 */
typedef struct {
	char *who;
	char *kind;
	char *reason;
	int unverified;
	char *commit;
	char *tier;
	char *path;
} gate_ignored_approval;

/*
 * An approval given on another commit than the head that still counts,
 * because the change that commit showed is the same patch as the head's
 * (docs/policy.md, "Approvals bound to the diff"). `tiers` names the tiers it
 * counts for, comma-separated, or is NULL when it counts for all of them.
 */
typedef struct {
	char *who;
	char *commit;
	char *tiers;
} gate_carried_approval;
/* How one condition of a conditional block came out. */
typedef enum {
	GATE_COND_HOLDS,
	GATE_COND_FAILS,
	GATE_COND_NOT_EVALUATED /* an input is unknown: the block applies (fails closed) */
} gate_cond_status;

/* One condition of a block: its policy key ("target_branch"), how it came
 * out and a sentence saying why. */
typedef struct {
	const char *name; /* static */
	gate_cond_status status;
	char *detail;
} gate_cond_check;

/* One `require_when` block of a tier with files in the change: whether its
 * requirements were added, why, and what they are ("approvals: 2"). */
typedef struct {
	char *tier;
	size_t index; /* into the tier's require_when */
	int applied;
	char *adds;
	gate_cond_check *checks;
	size_t nchecks;
} gate_cond_outcome;

typedef struct gate_result {
	gate_requirement *reqs;
	size_t nreqs;
	size_t areqs;
	gate_violation *viols;
	size_t nviols;
	size_t aviols;
	gate_waiver *waivers;
	size_t nwaivers;
	size_t awaivers;
	gate_provenance *provenance; /* one per commit of the change, or NULL */
	size_t nprovenance;
	/* Which added lines of each file the change's git-ai notes attest as
	 * AI-written, and by whom (riskgate/ailines.h): the one answer every
	 * check and writer asks. Empty when no note attests a line. */
	gate_ailines ailines;
	gate_file_owners *owners; /* one per file of the change, or NULL */
	size_t nowners;
	/* The tier of each file of the change, or NULL. A rename or copy takes
	 * the higher tier of its old and new path. An entry the evaluation has
	 * not reached yet is all zero (a pattern match without a rule). */
	gate_class *classes;
	size_t nclasses;
	gate_strlist errors;
	gate_ignored_approval *ignored; /* approvals that do not count */
	size_t nignored;
	size_t aignored;
	gate_carried_approval *carried; /* approvals of another commit, same diff */
	size_t ncarried;
	size_t acarried;
	gate_cond_outcome *conditions; /* one per require_when block of a tier with files */
	size_t nconditions;
	/* The answers to the policy's failure-mode questions, one per
	 * question, read when a tier with files asks for any (NULL before);
	 * riskgate/walkthrough.h. */
	struct gate_wt_answer *walkthrough;
	size_t nwalkthrough;
} gate_result;

void gate_result_init(gate_result *res);
void gate_result_dispose(gate_result *res);

/* Appends a requirement with copies of `tier`, `check` and `detail`. On
 * success *out (may be NULL) points at it, valid until the next add. */
int gate_result_add_requirement(gate_result *res, gate_requirement **out, const char *tier,
				const char *check, gate_req_status status, const char *detail,
				gate_error *err);

/* Appends a copy of `v` (every string copied) and computes its fingerprint. */
int gate_result_add_violation(gate_result *res, const gate_violation *v, gate_error *err);

/* Appends a copy of `w` (every string copied). */
int gate_result_add_waiver(gate_result *res, const gate_waiver *w, gate_error *err);

/* Appends an ignored approval (copies of `who` and `reason`; kind "other"). */
int gate_result_add_ignored(gate_result *res, const char *who, const char *reason, int unverified,
			    gate_error *err);

/* Appends a copy of `a` (every string copied; NULL kind: "other"). */
int gate_result_add_ignored_entry(gate_result *res, const gate_ignored_approval *a,
				  gate_error *err);

/* Appends a copy of `c` (every string copied). */
int gate_result_add_carried(gate_result *res, const gate_carried_approval *c, gate_error *err);

/* Number of violations of severity error / warning. */
size_t gate_result_count(const gate_result *res, gate_severity severity);

/* pass when there are no error-severity violations, no failing or
 * unverified requirement and no errors; fail otherwise (error when errors
 * were recorded). */
gate_verdict gate_result_verdict(const gate_result *res);

const char *gate_req_status_name(gate_req_status status);
const char *gate_severity_name(gate_severity severity);
const char *gate_verdict_name(gate_verdict verdict);

#endif
