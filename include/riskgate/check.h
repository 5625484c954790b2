/*
 * The one interface of requirement checks (docs/policy.md, "Requirements"). Each check is a
 * function of the same signature in its own file under src/checks/, listed
 * once in the table of src/check.c: the registry, which also carries what
 * each check is about and the policy keys it reads, for every other place
 * that lists the checks. gate_evaluate classifies the change and runs every
 * check for every tier that has files in it.
 */
#ifndef RISKGATE_CHECK_H
#define RISKGATE_CHECK_H

#include <stddef.h>

#include "riskgate/approvals.h"
#include "riskgate/buf.h"
#include "riskgate/change.h"
#include "riskgate/codeowners.h"
#include "riskgate/conditions.h"
#include "riskgate/error.h"
#include "riskgate/policy.h"
#include "riskgate/result.h"
#include "riskgate/signature.h"

/*
 * What the evaluation knows beyond the repository: who approved (NULL when
 * no approvals file was given), the teams file, the CODEOWNERS rules of the
 * base revision (NULL when it has none) and the change's author login.
 * Everything is borrowed and must outlive the result.
 */
typedef struct {
	const gate_approvals *approvals;
	const gate_teams *teams;
	const gate_codeowners *codeowners;
	const char *codeowners_file;
	const char *author;
	/* Who may approve (docs/policy.md, "Who approved"): the permission of each reviewer, as the
	 * API reports it (NULL: none known, so no approval can be shown to come
	 * from someone with write access), and the login that pushed the head
	 * when known (NULL/""), whose approval does not count. */
	const gate_permissions *permissions;
	const char *pusher;
	/* The GitHub logins of the change's authors and committers as the
	 * forge resolved them (NULL: unknown); their approvals do not count. */
	const gate_logins *contributors;
	/* The change's context for the policy's conditions (target branch,
	 * labels, ...); NULL: nothing known, so every condition on it is not
	 * evaluated and its requirements apply. */
	const gate_cond_facts *facts;
	/* When set, asked between units of work (a commit, a file's content);
	 * a non-zero answer stops the evaluation with an error. The hook uses
	 * it for its deadline. */
	int (*expired)(void *payload);
	void *expired_payload;
	/* Whose keys sign commits (--allowed-signers FILE), NULL when none was
	 * given: a signature requirement then cannot be verified. It caches the
	 * verification of each commit, hence not const. */
	gate_allowed_signers *allowed_signers;
	/* Set when a push is evaluated (the pre-receive hook): a hint then
	 * says what the pusher can do, never which option to pass. */
	int push;
	/* The pull request's description (check --description FILE, the
	 * Action's event), `description_len` bytes; NULL when none was given:
	 * failure-mode answers then come from commit messages only. */
	const char *description;
	size_t description_len;
	/* The commit (40 hex digits) the policy and CODEOWNERS came from, the
	 * trusted base: the dependency list files are read from its tree
	 * (docs/dependencies.md, "Allow and deny list files"). NULL: the
	 * change's base; "": none, so a policy that names list files cannot be
	 * evaluated. */
	const char *sources;
} gate_eval_opts;

/* One human who approved the change: a GitHub login (from the approvals
 * file) or, when the policy trusts review trailers, the "Name <email>" of a
 * Reviewed-by/Approved-by trailer with its lower-cased email. `tiers` is
 * NULL when the approval counts for every tier, else one flag per tier of
 * the policy: an approval of an earlier commit bound to the diff of each
 * tier's files counts only for the tiers whose diff did not change. */
typedef struct {
	char *login;
	char *ident;
	char *email;
	unsigned char *tiers;
} gate_approver;

/*
 * What a check sees. `tier_files[t]` lists the indexes into change->files
 * of the files classified in tier t (tier_nfiles[t] of them).
 * `commit_tiers[c * ntiers + t]` is 1 when commit c touches a path of tier
 * t. `approvers` is known (approvers_known) when an approvals file was
 * given or the policy trusts review trailers. `repo` may be NULL when the
 * change did not come from a repository.
 */
typedef struct {
	gate_policy *policy;
	const gate_change *change;
	gate_repo *repo;
	const gate_eval_opts *opts;
	size_t **tier_files;
	size_t *tier_nfiles;
	unsigned char *commit_tiers;
	gate_approver *approvers;
	size_t napprovers;
	int approvers_known;
	size_t nunverified; /* approvals left out only because write access is not shown */
} gate_check_ctx;

/*
 * A check evaluates one requirement of tier `tier` and appends its
 * requirement entry (pass/fail/unverified/skip) and any violations to
 * `res`. A tier that does not ask for the requirement gets no entry.
 * Returns 0, or -1 on an error that must stop the evaluation (the gate
 * fails closed).
 */
typedef int (*gate_check_fn)(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);

/* The JSON writer's object type (cJSON); only the library's JSON writers
 * build one. */
struct cJSON;

/*
 * A check's part of what tier `tier` requires, for `explain` and the text
 * report: appends its fragment ("max_files: 25") to `out`, preceded by
 * `sep` ("" for the first part of the line, ", " after another), when the
 * tier asks for the requirement. Returns 1 when it appended something, 0
 * when the tier does not ask for it, or a negative error.
 */
typedef int (*gate_check_describe_text_fn)(gate_buf *out, const char *sep,
					   const gate_policy *policy, const gate_tier *tier,
					   gate_error *err);

/*
 * The same part for `explain --json`: adds the check's members, with their
 * values for tier `tier`, to the "requires" object `requires`. Returns 0 or
 * a negative error.
 */
typedef int (*gate_check_describe_json_fn)(struct cJSON *requires, const gate_policy *policy,
					   const gate_tier *tier, gate_error *err);

/* A rule a check reports under its own name (gate_violation.rule), for the
 * SARIF rule riskgate/CHECK/NAME: its name and one line on it. */
typedef struct {
	const char *name;
	const char *summary;
} gate_check_rule;

/*
 * One row of the check registry: everything known about a check, next to
 * its function. The report, the SARIF rules and the policy loader's list of
 * a tier's `require` keys are derived from these rows.
 */
typedef struct {
	/* The `check` value in the report and the SARIF rule id riskgate/NAME:
	 * lower case, stable across releases. */
	const char *name;
	/* One line on what the check asks of a change (SARIF shortDescription). */
	const char *summary;
	/* A few sentences: what the check reads and when it fails. */
	const char *description;
	/* The keys of a tier's "require" object the check reads, NULL-terminated;
	 * no other check reads them. */
	const char *const *require_keys;
	/* Where its first key stands in the documented order of the `require`
	 * keys (docs/policy.md and the loader's "expected one of" list), 0 for
	 * the first; its other keys follow it. That order is not the run order
	 * of the registry, and each is kept so that neither the messages nor
	 * the report change. Unique. */
	unsigned require_order;
	gate_check_fn run;
	/* Its part of a tier's requirements in the text report and `explain`,
	 * which list the parts in require_order. */
	gate_check_describe_text_fn describe_text;
	/* Its members of the "requires" object of `explain --json`, and where
	 * they stand among the checks' members there, 0 for the first: that
	 * object has its own order (provenance after observability), kept so
	 * that the output does not change. Unique. */
	gate_check_describe_json_fn describe_json;
	unsigned json_order;
	/* The anchor of its section in docs/policy.md (GitHub's slug of the
	 * heading), for the SARIF rule's help link. */
	const char *doc_anchor;
	/* The rules it reports besides a policy rule's id or a language's name,
	 * ending with {NULL, NULL}; NULL for none. */
	const gate_check_rule *rules;
} gate_check_info;

/* Whether the evaluation must stop now (gate_eval_opts.expired): -1 with
 * an error when so, else 0. */
int gate_eval_expired(const gate_check_ctx *ctx, gate_error *err);

/*
 * The registry: every check, in the order gate_evaluate runs them (which is
 * the order of their entries in the report). Writes the number of rows into
 * *n and returns the first; the table is static and never freed.
 */
const gate_check_info *gate_check_registry(size_t *n);

/* How the parts of a tier's requirements are ordered: the text's
 * (require_order) or the JSON's (json_order). */
typedef enum { GATE_CHECK_ORDER_TEXT, GATE_CHECK_ORDER_JSON } gate_check_order;

/* The registry row that comes after `prev` in order `by` (the first when
 * `prev` is NULL), or NULL after the last. */
const gate_check_info *gate_check_next(const gate_check_info *prev, gate_check_order by);

/* The registry row of the check called `name`, or NULL (also for NULL). */
const gate_check_info *gate_check_find(const char *name);

/*
 * Classifies every file of `change` (into res->classes: a rename or copy
 * takes the higher tier of its old and new path), assesses the provenance
 * of every commit and the code owners of every file (into res->provenance
 * and res->owners), then runs every check of the table for each tier with
 * at least one file. `res` must be initialised by the caller; `opts` may be
 * NULL (nothing known beyond the repository). Returns 0 or -1.
 */
int gate_evaluate(gate_result *res, gate_policy *policy, gate_change *change, gate_repo *repo,
		  const gate_eval_opts *opts, gate_error *err);

#endif
