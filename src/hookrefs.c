/*
 * Which refs the pre-receive hook gates, and what deleting one deletes
 * (hookrefs.h). Every name check goes through ref_patterns_match and
 * is_default_name, and every symbolic ref is followed by walk_chain, so a
 * push, a deletion and HEAD are read alike.
 */
#include "riskgate/banned.h"

#include "hookrefs.h"
#include "repo_internal.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "riskgate/regex.h"

/* The refs the default `refs` gates besides the default branch. */
#define GATE_HOOK_RELEASE_PREFIX "refs/heads/release/"

typedef int (*chain_fn)(const char *name, void *payload);

/*
 * Calls `fn` on each ref the symbolic ref `name` leads to, in order, until
 * `fn` returns non-zero (returned). 0 when the chain ends: `name` is not a
 * symbolic ref, or a ref of the chain is not one or does not exist. With
 * more than GATE_HOOK_SYMREF_DEPTH links (or a loop), *too_deep is set.
 */
static int walk_chain(git_repository *git, const char *name, chain_fn fn, void *payload,
		      int *too_deep)
{
	git_reference *r = NULL, *next = NULL;
	int rc = 0, depth = 0;

	*too_deep = 0;
	if (git_reference_lookup(&r, git, name) != 0) {
		git_error_clear();
		return 0;
	}
	while (git_reference_type(r) == GIT_REFERENCE_SYMBOLIC) {
		const char *target = git_reference_symbolic_target(r);

		if (depth++ == GATE_HOOK_SYMREF_DEPTH) {
			*too_deep = 1;
			break;
		}
		if ((rc = fn(target, payload)) != 0 ||
		    git_reference_lookup(&next, git, target) != 0)
			break;
		git_reference_free(r);
		r = next;
		next = NULL;
	}
	git_error_clear();
	git_reference_free(r);
	return rc;
}

typedef struct {
	gate_hook *hook;
	gate_error *err;
} init_walk;

static int add_default_name(const char *name, void *payload)
{
	init_walk *w = payload;

	return gate_strlist_add(&w->hook->default_refs, name, w->err) < 0 ? -1 : 0;
}

static int collect_symrefs(gate_hook *hook, gate_error *err);

int gate_hookrefs_init(gate_hook *hook, gate_error *err)
{
	git_repository *git = gate_repo_git(hook->repo);
	git_config *cfg = NULL;
	init_walk w = {hook, err};
	int too_deep;

	/* On a case-insensitive file system refs/heads/MAIN is the file of
	 * refs/heads/main: which refs are gated must not depend on case. */
	if (git_repository_config_snapshot(&cfg, git) == 0 &&
	    git_config_get_bool(&hook->ignorecase, cfg, "core.ignorecase") != 0)
		hook->ignorecase = 0;
	git_config_free(cfg);
	git_error_clear();
	/* The default branch: every ref HEAD's chain goes through (HEAD ->
	 * refs/heads/master -> refs/heads/main); the last is where it ends,
	 * born or not. */
	if (walk_chain(git, "HEAD", add_default_name, &w, &too_deep) < 0)
		return -1;
	if (too_deep)
		gate_strlist_dispose(&hook->default_refs); /* unknown */
	if (hook->default_refs.count)
		hook->default_ref = hook->default_refs.items[hook->default_refs.count - 1];
	return collect_symrefs(hook, err);
}

/* Whether `name` is the default branch (a ref of HEAD's chain). */
static int is_default_name(const gate_hook *hook, const char *name)
{
	size_t i;

	for (i = 0; i < hook->default_refs.count; i++)
		if ((hook->ignorecase ? strcasecmp(name, hook->default_refs.items[i])
				      : strcmp(name, hook->default_refs.items[i])) == 0)
			return 1;
	return 0;
}

/* gate_patterns_match for ref names: on core.ignorecase, each pattern
 * compiled caseless. 1 with *hit (may be NULL) set, 0, or -1 on error. */
static int ref_patterns_match(const gate_hook *hook, gate_pattern *pats, size_t n, const char *name,
			      gate_pattern **hit, gate_error *err)
{
	gate_regex *re = NULL;
	size_t i;
	int rc;

	if (!hook->ignorecase)
		return gate_patterns_match(pats, n, name, strlen(name), hit, err);
	for (i = 0; i < n; i++) {
		if (gate_regex_new_caseless(&re, pats[i].pattern, 1, NULL, err) < 0)
			return -1;
		rc = gate_regex_match(re, name, strlen(name), err);
		gate_regex_free(re);
		if (rc > 0 && hit)
			*hit = &pats[i];
		if (rc != 0)
			return rc;
	}
	return 0;
}

typedef struct {
	const gate_hook *hook;
	gate_policy *policy;
	gate_error *err;
	gate_pattern *hit; /* the protected_refs pattern matched, if any */
	char *target;      /* the name that matched (deletions) */
} name_walk;

/* Whether `name` is one of the policy's refs, or of the default ones: 1
 * yes, 0 no, -1 on error. The default branch always is: new refs take
 * their policy from it and count its commits as judged, so nothing may
 * reach it unjudged. */
static int name_gated(const char *name, void *payload)
{
	name_walk *w = payload;
	size_t n = strlen(GATE_HOOK_RELEASE_PREFIX);

	if (is_default_name(w->hook, name))
		return 1;
	if (!w->policy->has_gated_refs)
		return w->hook->ignorecase ? strncasecmp(name, GATE_HOOK_RELEASE_PREFIX, n) == 0
					   : strncmp(name, GATE_HOOK_RELEASE_PREFIX, n) == 0;
	return ref_patterns_match(w->hook, w->policy->gated_refs, w->policy->ngated_refs, name,
				  NULL, w->err);
}

int gate_hookrefs_gated(const gate_hook *hook, gate_policy *policy, const char *ref,
			gate_error *err)
{
	name_walk w = {hook, policy, err, NULL, NULL};
	char *end = NULL;
	size_t i;
	int rc, too_deep;

	if ((rc = name_gated(ref, &w)) != 0)
		return rc;
	rc = walk_chain(gate_repo_git(hook->repo), ref, name_gated, &w, &too_deep);
	if (rc != 0 || too_deep)
		return rc != 0 ? rc : too_deep;
	/* A symbolic ref that ends where this push ends moves with it: gated
	 * when it is. */
	if (!hook->symrefs.count)
		return 0;
	if (gate_hookrefs_moved(&end, hook, ref, err) < 0)
		return -1;
	for (i = 0; i < hook->symrefs.count && rc == 0; i++)
		if ((hook->ignorecase ? strcasecmp(hook->symref_targets.items[i], end)
				      : strcmp(hook->symref_targets.items[i], end)) == 0)
			rc = name_gated(hook->symrefs.items[i], &w);
	free(end);
	return rc;
}

/* Whether deleting a symbolic ref that leads to `name` deletes a ref the
 * hook keeps: protected, or the default branch (w->target set). */
static int name_kept(const char *name, void *payload)
{
	name_walk *w = payload;
	int rc = ref_patterns_match(w->hook, w->policy->protected_refs, w->policy->nprotected_refs,
				    name, &w->hit, w->err);

	if (rc == 0)
		rc = is_default_name(w->hook, name);
	if (rc > 0 && !(w->target = strdup(name)))
		rc = gate_error_set(w->err, GATE_ERR_NOMEM, "out of memory");
	return rc;
}

int gate_hookrefs_deletion_refused(gate_buf *why, const gate_hook *hook, gate_policy *policy,
				   const char *ref, gate_error *err)
{
	name_walk w = {hook, policy, err, NULL, NULL};
	int rc, too_deep;

	rc = ref_patterns_match(hook, policy->protected_refs, policy->nprotected_refs, ref, &w.hit,
				err);
	if (rc > 0)
		return gate_buf_printf(why, err,
				       "deleting this ref is refused: it matches protected_refs "
				       "pattern '%.200s' of the policy",
				       w.hit->pattern) < 0
			   ? -1
			   : 1;
	if (rc < 0)
		return -1;
	/* The default branch by its own name (git refuses it unless
	 * receive.denyDeleteCurrent is off): without it no new ref has a
	 * policy, and every later push would be refused. */
	if (is_default_name(hook, ref))
		return gate_buf_puts(why,
				     "deleting this ref is refused: it is the default branch "
				     "(HEAD names it), which every new ref takes its policy from; "
				     "point HEAD at another branch first",
				     err) < 0
			   ? -1
			   : 1;
	/* A symbolic ref: git deletes the ref it names. */
	rc = walk_chain(gate_repo_git(hook->repo), ref, name_kept, &w, &too_deep);
	if (rc > 0)
		rc = gate_buf_printf(
			 why, err,
			 "deleting this symbolic ref is refused: git would delete %.200s, %s",
			 w.target,
			 w.hit ? "which protected_refs protects" : "the default branch") < 0
			 ? -1
			 : 1;
	else if (rc == 0 && too_deep)
		rc = gate_buf_printf(
			 why, err,
			 "deleting this symbolic ref is refused: its chain is longer than "
			 "%d refs, so which ref git would delete is not known",
			 GATE_HOOK_SYMREF_DEPTH) < 0
			 ? -1
			 : 1;
	free(w.target);
	return rc;
}

int gate_hookrefs_moved(char **out, const gate_hook *hook, const char *ref, gate_error *err)
{
	git_repository *git = gate_repo_git(hook->repo);
	const char *last = ref;
	git_reference *r = NULL, *next = NULL;
	size_t i;
	int depth = 0;

	*out = NULL;
	/* walk_chain hands out names it frees: the chain is followed here,
	 * keeping a copy of the last. */
	if (git_reference_lookup(&r, git, ref) == 0) {
		while (git_reference_type(r) == GIT_REFERENCE_SYMBOLIC &&
		       depth++ < GATE_HOOK_SYMREF_DEPTH) {
			const char *target = git_reference_symbolic_target(r);

			free(*out);
			if (!(*out = gate_strdup(target, err))) {
				git_reference_free(r);
				return -1;
			}
			if (git_reference_lookup(&next, git, target) != 0)
				break;
			git_reference_free(r);
			r = next;
			next = NULL;
		}
	}
	git_error_clear();
	git_reference_free(r);
	if (*out)
		last = *out;
	/* On a case-insensitive file system, the default branch by its own
	 * spelling. */
	for (i = 0; hook->ignorecase && i < hook->default_refs.count; i++)
		if (strcasecmp(last, hook->default_refs.items[i]) == 0)
			last = hook->default_refs.items[i];
	if (last != *out) {
		char *copy = gate_strdup(last, err);

		free(*out);
		*out = copy;
	}
	return *out ? 0 : -1;
}

/* The symbolic refs under refs/ (a server's aliases, made by hand) and
 * where each ends, so that a push to the end is gated like the alias. */
static int collect_symrefs(gate_hook *hook, gate_error *err)
{
	git_reference_iterator *it = NULL;
	git_reference *r = NULL;
	int rc, error = -1;

	if (git_reference_iterator_new(&it, gate_repo_git(hook->repo)) < 0)
		return gate_error_from_git(err, GATE_ERR_REPO, "cannot list the references");
	while ((rc = git_reference_next(&r, it)) == 0) {
		char *end = NULL;

		if (git_reference_type(r) == GIT_REFERENCE_SYMBOLIC &&
		    strncmp(git_reference_name(r), "refs/", 5) == 0) {
			if (gate_hookrefs_moved(&end, hook, git_reference_name(r), err) < 0 ||
			    gate_strlist_add(&hook->symrefs, git_reference_name(r), err) < 0 ||
			    gate_strlist_add(&hook->symref_targets, end, err) < 0) {
				free(end);
				goto done;
			}
			free(end);
		}
		git_reference_free(r);
		r = NULL;
	}
	if (rc != GIT_ITEROVER) {
		gate_error_from_git(err, GATE_ERR_REPO, "cannot list the references");
		goto done;
	}
	error = 0;
done:
	git_reference_free(r);
	git_reference_iterator_free(it);
	return error;
}
