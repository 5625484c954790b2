/*
 * One change evaluated from start to end: the repository opened, the range
 * resolved, the policy and CODEOWNERS read from the base (never from the
 * change), the change read and evaluated (see include/riskgate/run.h).
 */
#include "riskgate/banned.h"

#include "riskgate/run.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "repo_internal.h"
#include "riskgate/audit.h"
#include "riskgate/classify.h"
#include "riskgate/regex.h"
#include "riskgate/sources.h"
#include "riskgate/walkthrough.h"

void gate_run_init(gate_run *run)
{
	memset(run, 0, sizeof(*run));
	gate_result_init(&run->result);
}

void gate_run_dispose(gate_run *run)
{
	if (!run)
		return;
	gate_result_dispose(&run->result);
	gate_codeowners_free(run->codeowners);
	gate_approvals_free(run->approvals);
	gate_teams_free(run->teams);
	gate_permissions_free(run->permissions);
	gate_logins_free(run->contributors);
	gate_allowed_signers_free(run->allowed_signers);
	free(run->description);
	gate_change_free(run->change);
	if (run->own_policy)
		gate_policy_free(run->policy);
	if (run->own_repo)
		gate_repo_free(run->repo);
	free(run->base_rev);
	free(run->head_rev);
	memset(run, 0, sizeof(*run));
}

/* The pull request's description: text, no NUL byte (a terminal or a
 * report would see it end there while the answers were read past it). */
static int read_description(gate_run *run, const char *path, gate_error *err)
{
	gate_buf b = GATE_BUF_INIT(GATE_WALKTHROUGH_MAX_DESCRIPTION);

	if (gate_buf_read_file(&b, path, GATE_ERR_INPUT, err) < 0) {
		gate_buf_dispose(&b);
		return -1;
	}
	if (b.size && memchr(b.ptr, '\0', b.size)) {
		gate_buf_dispose(&b);
		return gate_error_set(err, GATE_ERR_INPUT,
				      "the description %s holds a NUL byte; it must be text", path);
	}
	b.max = b.size + 1;
	if (gate_buf_putc(&b, '\0', err) < 0) {
		gate_buf_dispose(&b);
		return -1;
	}
	run->description_len = b.size - 1;
	run->description = gate_buf_detach(&b);
	return 0;
}

/* The trusted policy and the pull request's data, read before the
 * repository is opened: files the caller names, outside the change. */
static int read_inputs(gate_run *run, const gate_run_opts *o, gate_error *err)
{
	if (o->policy) {
		run->policy = o->policy;
	} else if (o->policy_file) {
		if (gate_policy_load_file(&run->policy, o->policy_file, NULL, err) < 0)
			return -1;
		run->own_policy = 1;
	}
	if (o->teams_file && gate_teams_load_file(&run->teams, o->teams_file, err) < 0)
		return -1;
	if (o->permissions_file &&
	    gate_permissions_load_file(&run->permissions, o->permissions_file, err) < 0)
		return -1;
	if (o->contributors_file &&
	    gate_logins_load_file(&run->contributors, o->contributors_file, err) < 0)
		return -1;
	if (o->allowed_signers_file &&
	    gate_allowed_signers_load_file(&run->allowed_signers, o->allowed_signers_file, err) < 0)
		return -1;
	if (o->openpgp_keyring_file && gate_allowed_signers_add_keyring_file(
					   &run->allowed_signers, o->openpgp_keyring_file, err) < 0)
		return -1;
	if (o->description_file && read_description(run, o->description_file, err) < 0)
		return -1;
	return 0;
}

/* The range's two commits into base_hex and head_hex. */
static int resolve_range(gate_run *run, const gate_run_opts *o, gate_error *err)
{
	const char *base = o->base, *head = o->head ? o->head : "HEAD";

	if (o->range) {
		if (gate_audit_split_range(&run->base_rev, &run->head_rev, o->range, err) < 0)
			return -1;
		base = run->base_rev;
		head = run->head_rev;
	} else if (!base) {
		if (o->base_default == GATE_RUN_BASE_DEFAULT_BRANCH) {
			if (gate_audit_default_branch(&run->base_rev, run->repo, err) < 0 ||
			    (o->head && (run->head_rev = gate_strdup(o->head, err)) == NULL))
				return -1;
		} else if (gate_repo_default_base(&run->base_rev, run->repo, err) < 0) {
			return -1;
		}
		base = run->base_rev;
	}
	if (gate_repo_resolve(run->base_hex, run->repo, base, err) < 0 ||
	    gate_repo_resolve(run->head_hex, run->repo, head, err) < 0)
		return -1;
	return 0;
}

/*
 * The policy of a change whose base is `sources`: the trusted one when
 * given, else the base's file at --policy-path, else the base's
 * .riskgate.json, else the built-in one. The one place that decides it.
 *
 * Its text is read here; loading it (parsing it and compiling its
 * patterns: 26.6 M instructions for the built-in policy, as much as
 * reading a pull request's change on a small repository) runs on a second
 * thread while the change is read, when threads are wanted. policy_join
 * gives the same policy, or the same error, as loading it here would.
 */
typedef struct {
	gate_sources_read text;
	gate_policy *policy;
	gate_error err;
	int rc;
	int on_thread; /* set before the thread starts: it loads on its own */
	int started;   /* on its thread, to be joined */
	pthread_t thread;
} policy_load;

static void *policy_load_run(void *arg)
{
	policy_load *l = arg;

	l->rc = gate_sources_policy_load(&l->policy, &l->text, &l->err);
	/* Classifying the change's paths starts with compiling the tiers'
	 * patterns; on this thread it costs the reader nothing. */
	if (l->rc == 0 && l->on_thread)
		gate_classify_warm(l->policy);
	gate_regex_thread_done();
	return NULL;
}

static int policy_start(policy_load *l, const gate_run_opts *o, gate_run *run, const char *sources,
			gate_error *err)
{
	if (gate_sources_policy_read(&l->text, run->repo, sources, o->policy_path, err) < 0)
		return -1;
	l->on_thread = gate_repo__threads_wanted();
	if (l->on_thread && gate_repo__thread_start(&l->thread, policy_load_run, l) == 0) {
		l->started = 1;
		return 0;
	}
	l->on_thread = 0;
	policy_load_run(l);
	return 0;
}

/* The loaded policy into run->policy, or its error. */
static int policy_join(policy_load *l, gate_run *run, gate_error *err)
{
	if (l->started) {
		pthread_join(l->thread, NULL);
		l->started = 0;
	}
	if (l->rc < 0) {
		*err = l->err;
		return -1;
	}
	run->policy = l->policy;
	run->own_policy = 1;
	l->policy = NULL;
	return 0;
}

static int read_change(gate_run *run, const gate_run_opts *o, gate_error *err)
{
	int rc;

	if (o->expired)
		gate_repo_set_expiry(run->repo, o->expired, o->expired_payload);
	if (o->push)
		rc = gate_change_read_hiding(&run->change, run->repo, o->from, o->head, o->hide,
					     o->nhide, err);
	else
		rc = gate_change_read(&run->change, run->repo, run->base_hex, run->head_hex, err);
	if (o->expired)
		gate_repo_set_expiry(run->repo, NULL, NULL);
	return rc;
}

/* The steps that came before reading the change and need the policy: the
 * policy joined, the approvals file and CODEOWNERS read. */
static int after_policy(gate_run *run, const gate_run_opts *o, policy_load *load, int *loading,
			const char *sources, gate_error *err)
{
	if (*loading) {
		*loading = 0;
		if (policy_join(load, run, err) < 0)
			return -1;
	}
	if (!run->policy)
		return gate_error_set(err, GATE_ERR_INTERNAL,
				      "no policy for a change with no base");
	if (o->approvals_file &&
	    gate_approvals_load_file(&run->approvals, o->approvals_file, run->head_hex,
				     run->policy->allow_stale_approvals, o->author, err) < 0)
		return -1;
	if (sources[0] && gate_sources_codeowners(&run->codeowners, &run->eval.codeowners_file,
						  run->repo, sources, run->policy, err) < 0)
		return -1;
	return 0;
}

int gate_run_change(gate_run *run, const gate_run_opts *o, gate_error *err)
{
	const char *sources;
	policy_load load;
	gate_error change_err;
	int rc, loading = 0, read_rc, error = -1;

	memset(&load, 0, sizeof(load));
	gate_sources_read_init(&load.text);
	gate_error_init(&load.err);
	gate_error_init(&change_err);
	if (read_inputs(run, o, err) < 0)
		goto done;
	if (o->repo) {
		run->repo = o->repo;
	} else {
		if (gate_repo_open(&run->repo, o->repo_dir, err) < 0)
			goto done;
		run->own_repo = 1;
	}
	if (o->push) {
		sources = o->sources ? o->sources : "";
	} else {
		if (resolve_range(run, o, err) < 0)
			goto done;
		sources = run->base_hex;
	}
	/* A pushed ref with no old value and no HEAD has no base tree: the
	 * caller gives the policy, and there is no CODEOWNERS. */
	if (sources[0] && !run->policy) {
		if (policy_start(&load, o, run, sources, err) < 0)
			goto done;
		loading = 1;
	}
	/* the dependency list files come from the same tree as the policy */
	if (strlen(sources) == GATE_OID_HEX)
		memcpy(run->sources_hex, sources, GATE_OID_HEX + 1);
	else
		run->sources_hex[0] = '\0';
	/* The change is read while the policy loads. Errors are reported in
	 * the order the steps had when they ran one after the other: the
	 * policy's, then the approvals' and CODEOWNERS', then the change's. */
	read_rc = read_change(run, o, &change_err);
	if (after_policy(run, o, &load, &loading, sources, err) < 0) {
		/* The change counts as not read: a report of this error is the
		 * one it was when the change was read after these steps. */
		gate_change_free(run->change);
		run->change = NULL;
		goto done;
	}
	if (read_rc < 0) {
		*err = change_err;
		goto done;
	}
	run->eval.approvals = run->approvals;
	run->eval.teams = run->teams;
	run->eval.codeowners = run->codeowners;
	run->eval.author = o->author;
	run->eval.permissions = run->permissions;
	run->eval.pusher = o->pusher;
	run->eval.contributors = run->contributors;
	run->eval.facts = o->facts;
	run->eval.allowed_signers = run->allowed_signers;
	run->eval.push = o->push;
	run->eval.description = run->description;
	run->eval.description_len = run->description_len;
	run->eval.sources = run->sources_hex;
	if (o->changed) {
		if ((rc = o->changed(run, o->payload, err)) < 0)
			goto done;
		if (rc > 0) {
			error = 0;
			goto done;
		}
	}
	run->eval.expired = o->expired;
	run->eval.expired_payload = o->expired_payload;
	rc = gate_evaluate(&run->result, run->policy, run->change, run->repo, &run->eval, err);
	gate_repo_drop_blobs(run->repo);
	if (rc < 0)
		goto done;
	run->evaluated = 1;
	error = 0;
done:
	if (loading)
		(void)policy_join(&load, run, &change_err);
	gate_policy_free(load.policy);
	gate_sources_read_dispose(&load.text);
	return error;
}

int gate_run_commit(gate_change **change, gate_result *result, const gate_run *run, const char *sha,
		    gate_error *err)
{
	int rc;

	*change = NULL;
	rc = gate_change_read_commit(change, run->repo, sha, err);
	if (rc == 0)
		rc = gate_evaluate(result, run->policy, *change, run->repo, &run->eval, err);
	gate_repo_drop_blobs(run->repo);
	return rc < 0 ? -1 : 0;
}
