/*
 * Evaluating one change, from the revisions a caller names to the result
 * its writers print: the one entry point that `check`, `audit` and the
 * pre-receive hook share, so that where the policy comes from is decided
 * in one place.
 */
#ifndef RISKGATE_RUN_H
#define RISKGATE_RUN_H

#include <stddef.h>

#include "riskgate/approvals.h"
#include "riskgate/change.h"
#include "riskgate/check.h"
#include "riskgate/codeowners.h"
#include "riskgate/error.h"
#include "riskgate/policy.h"
#include "riskgate/result.h"

/* Where the base comes from when none is named. */
typedef enum {
	GATE_RUN_BASE_UPSTREAM,      /* the upstream of the current branch, else origin/HEAD */
	GATE_RUN_BASE_DEFAULT_BRANCH /* origin/HEAD, else main, else master (audit --branch) */
} gate_run_base;

typedef struct gate_run gate_run;

/*
 * What to evaluate and with what. Every field may be zero; strings are
 * borrowed for the call.
 *
 * The repository is `repo` (borrowed) when set, else the one at `repo_dir`
 * (NULL: discovered from the current directory).
 *
 * The change is one of:
 * - a range: `range` ("A..B", an empty side meaning HEAD) or `base` and
 *   `head` (revisions; `head` NULL means HEAD, `base` NULL the default
 *   `base_default` names), read as a pull request shows it;
 * - a pushed ref (`push` set): the files from commit `from` (NULL: the
 *   empty tree) to commit `head`, and the commits of `head` that none of the
 *   `nhide` commits of `hide` reach. The policy and CODEOWNERS then come
 *   from commit `sources` ("" or NULL: none, so no CODEOWNERS).
 *
 * The policy is, in this order: `policy` (borrowed, trusted: it does not
 * come from the change), the file `policy_file` (trusted likewise: the
 * caller's, outside the change), the file at `policy_path` in the base's
 * tree, else .riskgate.json in the base's tree, else the built-in policy.
 * The change under review never supplies its own policy.
 *
 * `approvals_file`, `teams_file`, `permissions_file` and
 * `contributors_file` are a pull request's data (check's options);
 * `author`, `pusher` and `facts` (the context conditions read, may be NULL)
 * are passed to the evaluation. `allowed_signers_file` (git's
 * gpg.ssh.allowedSignersFile format) names whose SSH keys sign commits, for
 * the signature requirements; NULL: none, so no signature can be verified.
 *
 * `expired` (with `expired_payload`), when set, is asked while the change
 * is read and evaluated; when it answers yes the run fails with
 * GATE_ERR_DEADLINE.
 *
 * `changed` (with `payload`), when set, is called once the change is read
 * and before it is evaluated: a negative return fails the run (it has set
 * err), 1 ends it without an evaluation, 0 goes on.
 */
typedef struct {
	gate_repo *repo;
	const char *repo_dir;
	const char *range;
	const char *base;
	const char *head;
	gate_run_base base_default;
	int push;
	const char *from;
	const char *const *hide;
	size_t nhide;
	const char *sources;
	gate_policy *policy;
	const char *policy_file;
	const char *policy_path;
	const char *approvals_file;
	const char *teams_file;
	const char *permissions_file;
	const char *contributors_file;
	const char *allowed_signers_file;
	const char *openpgp_keyring_file; /* OpenPGP public keys (gpg --export); NULL: none */
	/* The pull request's description (failure-mode answers); NULL: none. */
	const char *description_file;
	const char *author;
	const char *pusher;
	const gate_cond_facts *facts;
	int (*expired)(void *payload);
	void *expired_payload;
	int (*changed)(gate_run *run, void *payload, gate_error *err);
	void *payload;
} gate_run_opts;

/*
 * One run, filled step by step, so that after a failure the writers still
 * find what was read (any pointer may then be NULL). `repo` and `policy`
 * are borrowed from the options when given there, else the run's own;
 * everything else is the run's. `base_rev` and `head_rev` are the
 * revisions as resolved from a range or a default (NULL when given as
 * `base`/`head` or for a pushed ref); `base_hex` and `head_hex` the commits
 * (empty until resolved). `evaluated` is set once `result` holds the
 * evaluation. `eval` holds the evaluation's inputs, which the `changed`
 * callback may reuse.
 */
struct gate_run {
	gate_repo *repo;
	gate_policy *policy;
	gate_change *change;
	gate_codeowners *codeowners;
	gate_approvals *approvals;
	gate_teams *teams;
	gate_permissions *permissions;
	gate_logins *contributors;
	gate_allowed_signers *allowed_signers;
	char *description; /* description_file's text; NULL when none */
	size_t description_len;
	gate_eval_opts eval;
	gate_result result;
	char *base_rev;
	char *head_rev;
	char base_hex[GATE_OID_HEX + 1];
	char head_hex[GATE_OID_HEX + 1];
	/* The commit the policy came from (eval.sources points here), "" when
	 * none: kept for every evaluation of the run. */
	char sources_hex[GATE_OID_HEX + 1];
	int evaluated;
	int own_repo;
	int own_policy;
};

void gate_run_init(gate_run *run);

/* Releases what the run owns; accepts a disposed or zeroed run. */
void gate_run_dispose(gate_run *run);

/*
 * Opens the repository, resolves the change, reads its policy and
 * CODEOWNERS (see gate_run_opts), reads the change and evaluates it into
 * `run` (initialised by the caller, disposed by the caller also after a
 * failure). Returns 0 (run->evaluated set unless `changed` ended the run),
 * or -1 with `err` set by the step that failed.
 */
int gate_run_change(gate_run *run, const gate_run_opts *opts, gate_error *err);

/*
 * Evaluates commit `sha` on its own, against its first parent (audit's
 * rows), under the policy, CODEOWNERS and inputs of `run`, whose change has
 * been read. *change (the caller's, gate_change_free; set also on a
 * failed evaluation) is what the commit changes; `result` (initialised
 * and disposed by the caller) its evaluation. Returns 0 or -1.
 */
int gate_run_commit(gate_change **change, gate_result *result, const gate_run *run, const char *sha,
		    gate_error *err);

#endif
