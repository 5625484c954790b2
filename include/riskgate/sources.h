/*
 * Where a change's policy and CODEOWNERS come from (docs/policy.md, "Where the policy comes from"):
 * the tree of the base revision, never the head's, so a change cannot weaken the gate it is judged
 * by. check, audit and the pre-receive hook share this.
 */
#ifndef RISKGATE_SOURCES_H
#define RISKGATE_SOURCES_H

#include "riskgate/buf.h"
#include "riskgate/change.h"
#include "riskgate/codeowners.h"
#include "riskgate/error.h"
#include "riskgate/policy.h"

/*
 * Reads .riskgate.json from the tree of commit `commit_hex` into `text`
 * (which should allow GATE_POLICY_MAX_SIZE bytes). Returns 1 when found,
 * 0 when the tree has none, -1 on error (GATE_ERR_POLICY when the file is
 * too large or is not a regular file — a symlink, a submodule, a directory:
 * never a silent fall back to the built-in policy — GATE_ERR_REPO otherwise).
 */
int gate_sources_policy_text(gate_buf *text, gate_repo *repo, const char *commit_hex,
			     gate_error *err);

/*
 * A change's policy as read from its base and not yet loaded: the first
 * half of gate_sources_policy and gate_sources_policy_at, so that the
 * second (gate_sources_policy_load: parsing and compiling, which reads no
 * repository) can run on another thread while the change is read.
 * Initialise with gate_sources_read_init; gate_sources_read_dispose frees.
 */
typedef struct {
	gate_buf text; /* the file's (empty with `builtin`) */
	int builtin;   /* the base has no .riskgate.json: the built-in policy */
	char *file;    /* its name in messages */
	char *source;  /* where it came from, for the report */
	char *guarded; /* --policy-path's path, which the policy guards */
} gate_sources_read;

void gate_sources_read_init(gate_sources_read *r);
void gate_sources_read_dispose(gate_sources_read *r);

/*
 * Reads the policy of a change whose base is `commit_hex` into `r`: the
 * file at `path` when it is not NULL (check --policy-path, and then as
 * gate_sources_policy_at), else its .riskgate.json or the built-in policy.
 * Returns 0 or -1 with the errors gate_sources_policy(_at) gives.
 */
int gate_sources_policy_read(gate_sources_read *r, gate_repo *repo, const char *commit_hex,
			     const char *path, gate_error *err);

/* Loads the policy `r` holds. The result is the caller's (gate_policy_free). */
int gate_sources_policy_load(gate_policy **out, const gate_sources_read *r, gate_error *err);

/*
 * The policy of a change whose base is `commit_hex`: its .riskgate.json,
 * else the built-in policy. The result is the caller's (gate_policy_free).
 */
int gate_sources_policy(gate_policy **out, gate_repo *repo, const char *commit_hex,
			gate_error *err);

/*
 * The policy at repository path `path` in the tree of commit `commit_hex`
 * (check --policy-path): never a workspace file, so a change cannot relax
 * the policy it names. A missing file is an error (GATE_ERR_POLICY), never
 * a fall back; so is a symlink, submodule or directory. The policy records
 * `path` as guarded. The result is the caller's (gate_policy_free).
 */
int gate_sources_policy_at(gate_policy **out, gate_repo *repo, const char *commit_hex,
			   const char *path, gate_error *err);

/*
 * The text of commit `commit_hex`'s CODEOWNERS (the first of
 * .github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS) into `text`, which
 * should allow GATE_CODEOWNERS_MAX_SIZE bytes; *file (static) names it.
 * Returns 1 when found, 0 when none (*file NULL), -1 on error (also when
 * one of those paths is a symlink, submodule or directory).
 */
int gate_sources_codeowners_text(gate_buf *text, const char **file, gate_repo *repo,
				 const char *commit_hex, gate_error *err);

/*
 * The CODEOWNERS of commit `commit_hex`: .github/CODEOWNERS, then
 * CODEOWNERS, then docs/CODEOWNERS, first found, parsed leniently (an
 * invalid line is skipped) in the dialect `policy` names
 * (policy->codeowners_dialect; GitHub's rules when `policy` is NULL). *out
 * is NULL (and *file NULL) when the tree has none; otherwise the caller
 * frees *out, and *file (static) names the place it was found.
 */
int gate_sources_codeowners(gate_codeowners **out, const char **file, gate_repo *repo,
			    const char *commit_hex, const gate_policy *policy, gate_error *err);

#endif
