/*
 * The requirement checks, one per file in this directory, each with the
 * gate_check_fn signature of include/riskgate/check.h. Listed in the table
 * of src/check.c.
 */
#ifndef RISKGATE_SRC_CHECKS_H
#define RISKGATE_SRC_CHECKS_H

#include "riskgate/check.h"
#include "riskgate/content.h"

/* The rule names a check gives its violations (gate_violation.rule) other
 * than a policy rule's id or a language's name; the registry lists each
 * with what it means (SARIF rules). */
#define GATE_RULE_AI_ALLOWED             "ai_allowed"
#define GATE_RULE_REQUIRE_DISCLOSURE     "require_disclosure"
#define GATE_RULE_REQUIRE_SIGNOFF        "require_signoff"
#define GATE_RULE_REQUIRE_SIGNED_SIGNOFF "require_signed_signoff"
#define GATE_RULE_UNSCANNABLE_SOURCE     "unscannable-source"
#define GATE_RULE_UNSCANNABLE_FILE       "unscannable-file"
#define GATE_RULE_AI_OBSERVABILITY       "observability"

int gate_check_tests(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);
int gate_check_max_files(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);
int gate_check_max_lines(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);
int gate_check_provenance(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);
int gate_check_approvals(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);
int gate_check_reviewers(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);
int gate_check_approval_rules(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);
int gate_check_codeowners(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);
int gate_check_rules(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);
int gate_check_observability(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);

/* Whether a hook of `lang` is on a line of `c` from `lo` to `hi` (1-based,
 * inclusive; lines past the end do not count): 1, 0, or -1 with `err`
 * set. What counts as a hook, for the observability check and for blocks
 * of AI-written lines alike. */
int gate_check_hook_in_lines(const gate_language *lang, const gate_content *c, size_t lo, size_t hi,
			     gate_error *err);
int gate_check_signed_commits(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);
int gate_check_walkthrough(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);
int gate_check_dependencies(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);
int gate_check_ai_lines(gate_result *res, gate_check_ctx *ctx, size_t tier, gate_error *err);

/* Each check's part of a tier's requirements (gate_check_describe_text_fn,
 * gate_check_describe_json_fn), next to its function. */
int gate_check_tests_text(gate_buf *out, const char *sep, const gate_policy *policy,
			  const gate_tier *tier, gate_error *err);
int gate_check_tests_json(struct cJSON *requires, const gate_policy *policy, const gate_tier *tier,
			  gate_error *err);
int gate_check_max_files_text(gate_buf *out, const char *sep, const gate_policy *policy,
			      const gate_tier *tier, gate_error *err);
int gate_check_max_files_json(struct cJSON *requires, const gate_policy *policy,
			      const gate_tier *tier, gate_error *err);
int gate_check_max_lines_text(gate_buf *out, const char *sep, const gate_policy *policy,
			      const gate_tier *tier, gate_error *err);
int gate_check_max_lines_json(struct cJSON *requires, const gate_policy *policy,
			      const gate_tier *tier, gate_error *err);
int gate_check_provenance_text(gate_buf *out, const char *sep, const gate_policy *policy,
			       const gate_tier *tier, gate_error *err);
int gate_check_provenance_json(struct cJSON *requires, const gate_policy *policy,
			       const gate_tier *tier, gate_error *err);
int gate_check_approvals_text(gate_buf *out, const char *sep, const gate_policy *policy,
			      const gate_tier *tier, gate_error *err);
int gate_check_approvals_json(struct cJSON *requires, const gate_policy *policy,
			      const gate_tier *tier, gate_error *err);
int gate_check_reviewers_text(gate_buf *out, const char *sep, const gate_policy *policy,
			      const gate_tier *tier, gate_error *err);
int gate_check_reviewers_json(struct cJSON *requires, const gate_policy *policy,
			      const gate_tier *tier, gate_error *err);
int gate_check_approval_rules_text(gate_buf *out, const char *sep, const gate_policy *policy,
				   const gate_tier *tier, gate_error *err);
int gate_check_approval_rules_json(struct cJSON *requires, const gate_policy *policy,
				   const gate_tier *tier, gate_error *err);
int gate_check_codeowners_text(gate_buf *out, const char *sep, const gate_policy *policy,
			       const gate_tier *tier, gate_error *err);
int gate_check_codeowners_json(struct cJSON *requires, const gate_policy *policy,
			       const gate_tier *tier, gate_error *err);
int gate_check_rules_text(gate_buf *out, const char *sep, const gate_policy *policy,
			  const gate_tier *tier, gate_error *err);
int gate_check_rules_json(struct cJSON *requires, const gate_policy *policy, const gate_tier *tier,
			  gate_error *err);
int gate_check_observability_text(gate_buf *out, const char *sep, const gate_policy *policy,
				  const gate_tier *tier, gate_error *err);
int gate_check_observability_json(struct cJSON *requires, const gate_policy *policy,
				  const gate_tier *tier, gate_error *err);
int gate_check_signed_commits_text(gate_buf *out, const char *sep, const gate_policy *policy,
				   const gate_tier *tier, gate_error *err);
int gate_check_signed_commits_json(struct cJSON *requires, const gate_policy *policy,
				   const gate_tier *tier, gate_error *err);
int gate_check_walkthrough_text(gate_buf *out, const char *sep, const gate_policy *policy,
				const gate_tier *tier, gate_error *err);
int gate_check_walkthrough_json(struct cJSON *requires, const gate_policy *policy,
				const gate_tier *tier, gate_error *err);
int gate_check_dependencies_text(gate_buf *out, const char *sep, const gate_policy *policy,
				 const gate_tier *tier, gate_error *err);
int gate_check_dependencies_json(struct cJSON *requires, const gate_policy *policy,
				 const gate_tier *tier, gate_error *err);

/* Shared by the checks (src/checks/common.c). */

/* Records an error-severity violation of `check` in tier `t`; `path` and
 * `hint` may be NULL. */
int gate_check_violation(gate_result *res, const gate_tier *t, const char *check, const char *path,
			 const char *message, const char *hint, gate_error *err);

/* The hint for a review requirement whose approvals cannot be known: which
 * inputs to pass, or on a push (where no option can help the pusher) what
 * the pusher can do. */
const char *gate_check_unknown_approvals(const gate_check_ctx *ctx);

/* The hint for a signature requirement with no allowed signers file and no
 * keyring, likewise. */
const char *gate_check_no_signers_hint(const gate_check_ctx *ctx);

/* The hint for a reviewer or owner that is a team nobody resolved,
 * likewise. */
const char *gate_check_teams_hint(const gate_check_ctx *ctx);

/* The hint for approvals left out because write access is not shown. */
extern const char gate_check_unverified_hint[];

/* Whether a standing CHANGES_REQUESTED review comes from one of `owners`
 * (logins or @org/teams): 1 with *out set to the first such review
 * (borrowed), else 0 with *out NULL. */
int gate_check_blocking_review(const gate_review **out, const gate_check_ctx *ctx,
			       const char *const *owners, size_t nowners);

/* An approver's name for the report: the login, else "Name <email>". */
/* Whether approver `a` counts for tier `tier`: an approval of an earlier
 * commit bound to each tier's diff counts only for the tiers whose diff it
 * reviewed (docs/policy.md, "Approvals bound to the diff"). */
int gate_approver_counts_for(const gate_approver *a, size_t tier);

/* The number of approvers that count for tier `tier`. */
size_t gate_check_napprovers(const gate_check_ctx *ctx, size_t tier);

const char *gate_approver_name(const gate_approver *a);

/* Whether approver `a` is named by reviewer or owner `spec` (a login,
 * @org/team resolved through `teams`, or an email matched against trailer
 * approvers). */
int gate_approver_matches(const gate_approver *a, const char *spec, const gate_teams *teams);

/* Appends name `s` (NULL: nothing) made safe for a terminal. */
int gate_check_describe_name(gate_buf *out, const char *s, gate_error *err);

/*
 * Whether commit `commit` is signed by `email` (src/checks/signed.c): 0 when
 * its signature verifies by a key the allowed signers file gives to that
 * email; 1 with the reason in `why` when not (no file, unsigned, another
 * signer, ...); -1 with `err` set. Review trailers under
 * review_trailers.require_signed ask it for the trailer's email.
 */
int gate_check_signed_by(char *why, size_t nwhy, gate_check_ctx *ctx, const gate_commit *commit,
			 const char *email, gate_error *err);

/*
 * Whether a Signed-off-by of `commit` (among `trailers`) whose email is the
 * author's or the committer's is authenticated by the commit's signature
 * (gate_check_signed_by on that email): 0 when one is, 1 with the reason
 * in `why` when none is, -1 on error. For provenance.require_signed_signoff.
 */
int gate_check_signoff_signed(char *why, size_t nwhy, gate_check_ctx *ctx,
			      const gate_commit *commit, const gate_trailers *trailers,
			      gate_error *err);

/* The number of AI-written added lines (riskgate/ailines.h) in the files of
 * tier `tier` (src/checks/ai_lines.c). */
size_t gate_check_ai_lines_in_tier(const gate_result *res, const gate_check_ctx *ctx, size_t tier);

int gate_check_ai_lines_text(gate_buf *out, const char *sep, const gate_policy *policy,
			     const gate_tier *tier, gate_error *err);
int gate_check_ai_lines_json(struct cJSON *requires, const gate_policy *policy,
			     const gate_tier *tier, gate_error *err);

/* Whether an AI-assisted commit touches tier `tier`. */
int gate_check_ai_touches(const gate_result *res, const gate_check_ctx *ctx, size_t tier);

#endif
