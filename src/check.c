/*
 * The table of requirement checks and the evaluation loop: classify every
 * changed file, assess every commit's provenance and every file's code
 * owners, collect who approved, then run each check for each tier that has
 * files. The table of checks is the registry every other list of checks is
 * derived from; the comment above it says what adding a check touches.
 */
#include "riskgate/banned.h"

#include "riskgate/check.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "approvers.h"
#include "checks/checks.h"
#include "conditions_internal.h"
#include "riskgate/ainote.h"
#include "riskgate/buf.h"
#include "riskgate/history.h"
#include "riskgate/provenance.h"

/*
 * The registry of checks, in the order they run. Adding a check touches:
 *   1. its file under src/checks/: the gate_check_fn, and the two parts of
 *      a tier's requirements it describes (gate_check_describe_text_fn for
 *      the text report and `explain`, gate_check_describe_json_fn for
 *      `explain --json`);
 *   2. their declarations in src/checks/checks.h;
 *   3. one row here: name, summary, description, the `require` keys it
 *      reads, their place in the documented key order, its function, its
 *      two describers and the place of its members in `explain --json`;
 *   4. its policy field: the member of gate_require it reads
 *      (include/riskgate/policy.h), filled from its keys by load_require
 *      (src/policy_tiers.c), with its default in load_tier when that is
 *      not 0.
 * The loader's list of allowed `require` keys, the SARIF rule texts and
 * what a tier requires in the text report, `explain` and `explain --json`
 * follow from the row.
 */
#define KEYS(...) ((const char *const[]){__VA_ARGS__, NULL})

static const gate_check_rule provenance_rules[] = {
    {GATE_RULE_AI_ALLOWED, "AI-assisted commits stay out of tiers that forbid them"},
    {GATE_RULE_REQUIRE_DISCLOSURE, "Each commit says whether it is AI-assisted"},
    {GATE_RULE_REQUIRE_SIGNOFF, "Each commit has a human sign-off from its author or committer"},
    {GATE_RULE_REQUIRE_SIGNED_SIGNOFF, "The human sign-off is backed by the commit's signature"},
    {NULL, NULL},
};

static const gate_check_rule observability_rules[] = {
    {GATE_RULE_UNSCANNABLE_SOURCE, "Source the gate cannot read for observability hooks"},
    {NULL, NULL},
};

static const gate_check_rule content_rules[] = {
    {GATE_RULE_UNSCANNABLE_SOURCE, "Source the content rules cannot read"},
    {GATE_RULE_UNSCANNABLE_FILE,
     "A file the content rules cannot read and the policy does not list "
     "as an asset"},
    {NULL, NULL},
};

static const gate_check_rule dependencies_rules[] = {
    {"lockfile", "A manifest changes with its lock file"},
    {"unlocked", "Each new package is in the lock file at a version"},
    {"pinned", "A new or re-versioned package names its version as the tier asks"},
    {"denied", "A package on the policy's deny-list"},
    {"not-allowed", "A package not on the policy's allow-list"},
    {"lookalike", "A package named like a widely used or allowed one"},
    {"install-script", "An npm script that runs at install time"},
    {"approvals", "New packages approved by the dependency reviewers"},
    {"registry", "A package index or repository the build adds"},
    {"unreadable", "A manifest or lock file the gate cannot read"},
    {NULL, NULL},
};

static const gate_check_rule ai_lines_rules[] = {
    {GATE_RULE_AI_OBSERVABILITY, "A block of AI-written lines without an observability hook"},
    {NULL, NULL},
};

static const gate_check_info registry[] = {
    {"tests", "Changed code comes with tests",
     "Each changed source file of the tier is accompanied by tests: \"changed\" asks for "
     "any changed test file, \"paired\" for the tests that the tests.pairs rules name for "
     "that source.",
     KEYS("tests"), 0, gate_check_tests, gate_check_tests_text, gate_check_tests_json, 0, "tests",
     NULL},
    {"max_files", "The change touches no more files than its tier allows",
     "The number of changed files in the tier is at most require.max_files.", KEYS("max_files"), 1,
     gate_check_max_files, gate_check_max_files_text, gate_check_max_files_json, 1,
     "max_files-max_lines", NULL},
    {"max_lines", "The change adds and removes no more lines than its tier allows",
     "The added plus deleted lines of the tier's files are at most require.max_lines.",
     KEYS("max_lines"), 2, gate_check_max_lines, gate_check_max_lines_text,
     gate_check_max_lines_json, 2, "max_files-max_lines", NULL},
    {"provenance", "Each commit says whether it is AI-assisted and who answers for it",
     "Every commit touching the tier discloses whether it is AI-assisted, carries a human "
     "sign-off matching its author or committer, and is not AI-assisted where the tier "
     "forbids it, as require.provenance asks.",
     KEYS("provenance"), 7, gate_check_provenance, gate_check_provenance_text,
     gate_check_provenance_json, 7, "provenance", provenance_rules},
    {"approvals", "The change has the approvals its tier requires",
     "At least require.approvals distinct humans independent of the change approved it "
     "(more when an AI-assisted commit touches the tier), and no standing review asks for "
     "changes.",
     KEYS("approvals", "changes_requested"), 3, gate_check_approvals, gate_check_approvals_text,
     gate_check_approvals_json, 3, "approvals-reviewers-reviewers_min", NULL},
    {"reviewers", "The change is approved by the reviewers its tier names",
     "At least require.reviewers_min of the logins, teams or emails in require.reviewers "
     "approved the change.",
     KEYS("reviewers", "reviewers_min"), 4, gate_check_reviewers, gate_check_reviewers_text,
     gate_check_reviewers_json, 4, "approvals-reviewers-reviewers_min", NULL},
    {"approval_rules", "The change has the approvals each of its tier's approval rules asks for",
     "Every rule of require.approval_rules holds: at least `count` approvers independent of the "
     "change are named by the rule's `from` (logins, @org/team teams, @org organisations, "
     "emails), or, for all_of/any_of, all or one of its nested rules hold.",
     KEYS("approval_rules"), 5, gate_check_approval_rules, gate_check_approval_rules_text,
     gate_check_approval_rules_json, 9, "approval_rules", NULL},
    {"codeowners", "The change is approved by the CODEOWNERS of the files it touches",
     "Each changed file of the tier is approved by one of the owners its CODEOWNERS line "
     "names, read from the base revision.",
     KEYS("codeowners"), 6, gate_check_codeowners, gate_check_codeowners_text,
     gate_check_codeowners_json, 5, "codeowners", NULL},
    {"observability", "New code paths log or measure what they do",
     "Each changed source file of the tier whose added lines open a new code path also adds "
     "a logging, metrics or tracing hook of its language.",
     KEYS("observability"), 8, gate_check_observability, gate_check_observability_text,
     gate_check_observability_json, 6, "observability", observability_rules},
    {"rules", "A content rule of the policy",
     "The lines the change adds to the tier's files match none of the content rules listed "
     "in require.rules, unless a waiver approves the finding.",
     KEYS("rules"), 9, gate_check_rules, gate_check_rules_text, gate_check_rules_json, 8, "rules",
     content_rules},
    {"signed_commits", "Each commit is signed by its committer",
     "Every commit touching the tier carries an SSH signature that verifies over the commit, "
     "by a key the allowed signers file (--allowed-signers) lists for the committer's email; "
     "without that file the requirement is unverified and fails.",
     KEYS("signed_commits"), 10, gate_check_signed_commits, gate_check_signed_commits_text,
     gate_check_signed_commits_json, 10, "signed_commits", NULL},
    {"walkthrough", "The author answers the tier's failure-mode questions",
     "For each question require.walkthrough names (what happens if a dependency is down or "
     "slow, if the operation runs twice, if the input is ten times larger, how a failure is "
     "seen in production), the pull request description or a commit message of the change "
     "has a section headed by the question with an answer of at least walkthrough.min_length "
     "letters and digits that is not a placeholder, the question again or another question's "
     "answer.",
     KEYS("walkthrough"), 11, gate_check_walkthrough, gate_check_walkthrough_text,
     gate_check_walkthrough_json, 11, "walkthrough", NULL},
    {"dependencies", "New dependencies are locked, pinned, allowed and named as meant",
     "For each dependency manifest of the tier the change touches (package.json, "
     "requirements*.txt, pyproject.toml, go.mod, Cargo.toml, pom.xml), the dependencies it adds "
     "or re-versions, read at the merge base and the head: the lock file changes with the "
     "manifest and holds every new package at one resolved version (the one the manifest names, "
     "when it names one), versions are pinned as "
     "require.dependencies.pinned asks, no package is denied or outside the allow-list (inline or "
     "in list files of the base revision) or "
     "named like a widely used one, no npm install-time script is added, and new packages "
     "have the approvals the tier asks for.",
     KEYS("dependencies"), 12, gate_check_dependencies, gate_check_dependencies_text,
     gate_check_dependencies_json, 12, "dependencies", dependencies_rules},
    {"ai_lines", "AI-written lines meet the stricter requirements of their tier",
     "The added lines that the change's git-ai notes attest to an AI session meet "
     "require.ai_lines: the content rules it lists are errors on "
     "them, more approvals are required when they land in the tier, and each block of them "
     "has an observability hook within the window.",
     KEYS("ai_lines"), 13, gate_check_ai_lines, gate_check_ai_lines_text, gate_check_ai_lines_json,
     13, "ai_lines", ai_lines_rules},
};

#undef KEYS

const gate_check_info *gate_check_registry(size_t *n)
{
	*n = sizeof(registry) / sizeof(registry[0]);
	return registry;
}

const gate_check_info *gate_check_find(const char *name)
{
	size_t i;

	for (i = 0; name && i < sizeof(registry) / sizeof(registry[0]); i++)
		if (strcmp(registry[i].name, name) == 0)
			return &registry[i];
	return NULL;
}

static unsigned order_of(const gate_check_info *c, gate_check_order by)
{
	return by == GATE_CHECK_ORDER_JSON ? c->json_order : c->require_order;
}

const gate_check_info *gate_check_next(const gate_check_info *prev, gate_check_order by)
{
	const gate_check_info *c, *next = NULL;

	for (c = registry; c < registry + sizeof(registry) / sizeof(registry[0]); c++)
		if ((!prev || order_of(c, by) > order_of(prev, by)) &&
		    (!next || order_of(c, by) < order_of(next, by)))
			next = c;
	return next;
}

static int classify_file(gate_class *cls, const gate_file *f, gate_policy *policy, gate_error *err)
{
	gate_class old_cls;

	if (gate_classify_path(cls, policy, f->path, f->path_len, err) < 0)
		return -1;
	/* A rename or copy takes the higher tier of its two paths, so moving code
	 * out of a risky folder cannot lower its tier. */
	if (f->old_path) {
		if (gate_classify_path(&old_cls, policy, f->old_path, f->old_path_len, err) < 0)
			return -1;
		if (old_cls.tier < cls->tier)
			*cls = old_cls;
	}
	return 0;
}

/* Which commits touch which tier is only needed for provenance and signed
 * commits, and only
 * when a tier that asks for it has files in the change: a per-commit tree
 * diff is the most expensive part of a long range. */
static int needs_touches(const gate_check_ctx *ctx)
{
	size_t t;

	for (t = 0; t < ctx->policy->ntiers; t++)
		if ((ctx->policy->tiers[t].require.has_provenance ||
		     ctx->policy->tiers[t].require.signed_commits) &&
		    ctx->tier_nfiles[t])
			return 1;
	return 0;
}

int gate_eval_expired(const gate_check_ctx *ctx, gate_error *err)
{
	if (!ctx->opts || !ctx->opts->expired || !ctx->opts->expired(ctx->opts->expired_payload))
		return 0;
	return gate_error_set(err, GATE_ERR_DEADLINE, "during the evaluation");
}

/* Provenance of every commit, and which tiers each commit touches. */
static int assess_commits(gate_result *res, gate_check_ctx *ctx, gate_error *err)
{
	const gate_change *change = ctx->change;
	gate_policy *policy = ctx->policy;
	gate_buf text = GATE_BUF_INIT(GATE_AINOTE_MAX_BYTES);
	gate_touch_log log = {NULL, 0, 0, NULL};
	size_t c, t, k, *file_tier = NULL;
	int error = -1, touches = ctx->repo && needs_touches(ctx), merges = 0;

	if (!ctx->repo && needs_touches(ctx))
		return gate_error_set(err, GATE_ERR_INTERNAL,
				      "provenance requirements need the repository's history");
	res->provenance =
	    gate_calloc(change->ncommits ? change->ncommits : 1, sizeof(*res->provenance), err);
	if (!res->provenance)
		goto done;
	ctx->commit_tiers =
	    gate_calloc(change->ncommits ? change->ncommits : 1, policy->ntiers, err);
	if (!ctx->commit_tiers)
		goto done;
	for (c = 0; c < change->ncommits; c++)
		merges |= change->commits[c].nparents > 1;
	/* Which files a merge can be held to (gate_history_merge_tiers): those
	 * of the tiers whose requirements look at each commit. */
	if (touches && merges) {
		if (!(file_tier =
			  gate_calloc(change->nfiles ? change->nfiles : 1, sizeof(size_t), err)))
			goto done;
		for (k = 0; k < change->nfiles; k++)
			file_tier[k] = SIZE_MAX;
		for (t = 0; t < policy->ntiers; t++)
			for (k = 0; k < ctx->tier_nfiles[t]; k++)
				file_tier[ctx->tier_files[t][k]] =
				    policy->tiers[t].require.has_provenance ||
					    policy->tiers[t].require.signed_commits
					? t
					: SIZE_MAX;
		log.want = file_tier;
	}
	for (c = 0; c < change->ncommits; c++) {
		const gate_commit *commit = &change->commits[c];

		if (gate_eval_expired(ctx, err) < 0)
			goto done;
		if (gate_provenance_assess_at(&res->provenance[c], policy, ctx->repo, commit, &text,
					      err) < 0)
			goto done;
		res->nprovenance++;
		if (touches &&
		    gate_history_tiers_at(ctx->commit_tiers + c * policy->ntiers, change, c,
					  ctx->repo, policy, merges ? &log : NULL, err) < 0)
			goto done;
	}
	/* A merge that brings an older version of a file than the change's
	 * commits made touches it too. */
	if (touches && merges &&
	    gate_history_merge_tiers(ctx->commit_tiers, policy->ntiers, file_tier, change,
				     ctx->repo, &log, err) < 0)
		goto done;
	error = 0;
done:
	free(file_tier);
	free(log.items);
	gate_buf_dispose(&text);
	return error;
}

/* Which added lines the commits' git-ai notes attest (docs/policy.md,
 * "AI-written lines"). A note that cannot be checked against the commit it
 * is attached to stops the evaluation: it proves nothing either way. */
static int attribute_lines(gate_result *res, gate_check_ctx *ctx, gate_error *err)
{
	const gate_ainote **notes;
	size_t c, n = res->nprovenance;
	int error;

	if (!n)
		return 0;
	if (!(notes = gate_calloc(n, sizeof(*notes), err)))
		return -1;
	for (c = 0; c < n; c++)
		notes[c] = res->provenance[c].has_note ? &res->provenance[c].note : NULL;
	error = gate_ailines_build(&res->ailines, ctx->repo, ctx->change, notes, n,
				   (size_t)ctx->policy->obs_max_file_size, err);
	free(notes);
	return error;
}

static int assess_owners(gate_result *res, gate_check_ctx *ctx, gate_error *err)
{
	const gate_change *change = ctx->change;
	size_t i;

	res->owners = gate_calloc(change->nfiles ? change->nfiles : 1, sizeof(*res->owners), err);
	if (!res->owners)
		return -1;
	res->nowners = change->nfiles;
	if (!ctx->opts || !ctx->opts->codeowners)
		return 0;
	for (i = 0; i < change->nfiles; i++) {
		gate_file_owners *o = &res->owners[i];
		int rc;

		/* Under GitLab's sections a path has the owners of every section
		 * that applies, not only those of the file's last matching line. */
		if (gate_codeowners_dialect_of(ctx->opts->codeowners) == GATE_CODEOWNERS_GITLAB) {
			rc = gate_codeowners_owners(&o->owners_alloc, &o->nowners, &o->line,
						    ctx->opts->codeowners, change->files[i].path,
						    change->files[i].path_len, err);
			o->owners = o->owners_alloc;
		} else {
			rc = gate_codeowners_match(ctx->opts->codeowners, change->files[i].path,
						   change->files[i].path_len, &o->owners,
						   &o->nowners, &o->line, err);
		}
		if (rc < 0)
			return -1;
		o->known = 1;
		o->matched = rc;
	}
	return 0;
}

int gate_evaluate(gate_result *res, gate_policy *policy, gate_change *change, gate_repo *repo,
		  const gate_eval_opts *opts, gate_error *err)
{
	gate_check_ctx ctx;
	gate_require *own = NULL; /* each tier's `require`, while the effective one stands in */
	size_t **rules_owned = NULL;
	size_t i, t;
	int error = -1;

	memset(&ctx, 0, sizeof(ctx));
	ctx.policy = policy;
	ctx.change = change;
	ctx.repo = repo;
	ctx.opts = opts;
	ctx.tier_files = gate_calloc(policy->ntiers, sizeof(*ctx.tier_files), err);
	ctx.tier_nfiles = gate_calloc(policy->ntiers, sizeof(*ctx.tier_nfiles), err);
	res->classes = gate_calloc(change->nfiles ? change->nfiles : 1, sizeof(*res->classes), err);
	if (!ctx.tier_files || !ctx.tier_nfiles || !res->classes)
		goto done;
	res->nclasses = change->nfiles;

	for (i = 0; i < change->nfiles; i++) {
		if (classify_file(&res->classes[i], &change->files[i], policy, err) < 0)
			goto done;
		ctx.tier_nfiles[res->classes[i].tier]++;
	}
	for (t = 0; t < policy->ntiers; t++) {
		ctx.tier_files[t] = gate_calloc(ctx.tier_nfiles[t], sizeof(size_t), err);
		if (!ctx.tier_files[t])
			goto done;
		ctx.tier_nfiles[t] = 0;
	}
	for (i = 0; i < change->nfiles; i++) {
		t = res->classes[i].tier;
		ctx.tier_files[t][ctx.tier_nfiles[t]++] = i;
	}
	/* Each tier's requirements are its own plus those of the conditional
	 * blocks that apply; every check (and what the evaluation reads before
	 * them) sees them in the tier's place until the end of the evaluation. */
	own = gate_calloc(policy->ntiers, sizeof(*own), err);
	rules_owned = gate_calloc(policy->ntiers, sizeof(*rules_owned), err);
	if (!own || !rules_owned)
		goto done;
	for (t = 0; t < policy->ntiers; t++)
		own[t] = policy->tiers[t].require;
	for (t = 0; t < policy->ntiers; t++) {
		gate_require effective;

		if (ctx.tier_nfiles[t] == 0 || policy->tiers[t].nrequire_when == 0)
			continue;
		if (gate_conditions__apply(&effective, &rules_owned[t], res, &ctx, t, err) < 0) {
			gate_error_prefix(err, "the conditions of tier \"%s\"",
					  policy->tiers[t].name);
			goto done;
		}
		policy->tiers[t].require = effective;
	}
	if (assess_commits(res, &ctx, err) < 0 || attribute_lines(res, &ctx, err) < 0 ||
	    assess_owners(res, &ctx, err) < 0 || gate_approvers__collect(res, &ctx, err) < 0)
		goto done;
	for (t = 0; t < policy->ntiers; t++) {
		const gate_check_info *c;

		if (ctx.tier_nfiles[t] == 0)
			continue;
		for (c = registry; c < registry + sizeof(registry) / sizeof(registry[0]); c++) {
			if (c->run(res, &ctx, t, err) < 0) {
				gate_error_prefix(err, "check \"%s\" of tier \"%s\"", c->name,
						  policy->tiers[t].name);
				goto done;
			}
		}
	}
	error = 0;
done:
	for (t = 0; own && t < policy->ntiers; t++)
		policy->tiers[t].require = own[t];
	for (t = 0; rules_owned && t < policy->ntiers; t++)
		free(rules_owned[t]);
	free(own);
	free(rules_owned);
	if (ctx.tier_files)
		for (t = 0; t < policy->ntiers; t++)
			free(ctx.tier_files[t]);
	free(ctx.tier_files);
	free(ctx.tier_nfiles);
	free(ctx.commit_tiers);
	for (i = 0; i < ctx.napprovers; i++) {
		free(ctx.approvers[i].login);
		free(ctx.approvers[i].ident);
		free(ctx.approvers[i].email);
		free(ctx.approvers[i].tiers);
	}
	free(ctx.approvers);
	return error;
}
