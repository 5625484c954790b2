/*
 * What a change is, read straight from the object store: the merge base of
 * BASE and HEAD, the files that differ from it to HEAD as `git diff -M -C`
 * reports them, and the commits of `git rev-list HEAD ^BASE` in git's order.
 * A shallow history that may hide part of the range is an error, never a pass.
 */
#include "riskgate/banned.h"

#include "riskgate/change.h"
#include "commitgraph.h"
#include "renames.h"
#include "repo_internal.h"
#include "riskgate/history.h"

#include <git2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void commit_dispose(gate_commit *c)
{
	free(c->author_name);
	free(c->author_email);
	free(c->committer_name);
	free(c->committer_email);
	free(c->message);
	free(c->parents);
}

static int commit_fill(gate_commit *out, gate_repo *repo, const git_oid *oid, gate_error *err)
{
	git_commit *commit = NULL;
	const git_signature *author, *committer;
	const char *message;
	unsigned int i;
	int error = -1;

	gate_repo__oid_hex(out->sha, oid);
	if (git_commit_lookup(&commit, repo->git, oid) < 0) {
		gate_repo__fail(err, GATE_ERR_REPO, "cannot read commit %s", out->sha);
		goto done;
	}
	author = git_commit_author(commit);
	committer = git_commit_committer(commit);
	message = git_commit_message_raw(commit);
	if ((out->author_name = gate_strdup(author->name, err)) == NULL ||
	    (out->author_email = gate_strdup(author->email, err)) == NULL ||
	    (out->committer_name = gate_strdup(committer->name, err)) == NULL ||
	    (out->committer_email = gate_strdup(committer->email, err)) == NULL ||
	    (out->message = gate_strdup(message ? message : "", err)) == NULL)
		goto done;
	out->author_time = (long long)author->when.time;
	gate_repo__oid_hex(out->tree, git_commit_tree_id(commit));
	out->nparents = git_commit_parentcount(commit);
	if (out->nparents &&
	    (out->parents = gate_calloc(out->nparents, sizeof(*out->parents), err)) == NULL)
		goto done;
	for (i = 0; i < out->nparents; i++)
		gate_repo__oid_hex(out->parents[i], git_commit_parent_id(commit, i));
	error = 0;
done:
	git_commit_free(commit);
	return error;
}

/* A new, empty change of `repo` (the caller's, gate_change_free). */
static gate_change *change_new(gate_repo *repo, gate_error *err)
{
	gate_change *change = gate_calloc(1, sizeof(*change), err);

	if (change)
		change->shallow = git_repository_is_shallow(repo->git) > 0 || repo->nshallow > 0;
	return change;
}

/*
 * Fills `change` with the commits of `range` (node indices of `g`, in
 * git's order) and the files that differ from `from` (NULL: the empty
 * tree) to `to`. A shallow boundary commit in the range is an error naming
 * `base_name` and `head_rev`: it hides its parents, which may or may not
 * belong to the change, and a truncated history is never complete.
 */
static int change_fill(gate_change *change, gate_repo *repo, const gate_commitgraph *g,
		       const size_t *range, size_t nrange, const git_oid *from, const git_oid *to,
		       const char *base_name, const char *head_rev, gate_error *err)
{
	size_t i;

	for (i = 0; i < nrange; i++)
		if (gate_repo__is_shallow(repo, &g->nodes[range[i]].oid))
			return gate_commitgraph__shallow_error(err, base_name, head_rev);
	if (nrange && (change->commits = gate_calloc(nrange, sizeof(gate_commit), err)) == NULL)
		return -1;
	for (i = 0; i < nrange; i++)
		if ((i % 256 == 0 && gate_repo__expired(repo, err) < 0) ||
		    commit_fill(&change->commits[change->ncommits++], repo, &g->nodes[range[i]].oid,
				err) < 0)
			return -1;
	/* Each commit's paths are read beside the files on a second thread. */
	if (gate_history_prefetch_start(&change->touched, repo, change->commits, change->ncommits,
					err) < 0)
		return -1;
	return gate_renames__read_files(change, repo, from, to, err);
}

int gate_change_read(gate_change **out, gate_repo *repo, const char *base_rev, const char *head_rev,
		     gate_error *err)
{
	gate_change *change = NULL;
	gate_commitgraph g;
	git_oid base_oid, head_oid;
	size_t base, head, mb = 0, *range = NULL, nrange = 0;
	int found, rc, error = -1;

	*out = NULL;
	gate_commitgraph__init(&g, repo);
	if (gate_repo__resolve_commit(&base_oid, repo, base_rev, err) < 0 ||
	    gate_repo__resolve_commit(&head_oid, repo, head_rev, err) < 0 ||
	    gate_repo__load_shallow(repo, err) < 0)
		goto done;
	if ((change = change_new(repo, err)) == NULL)
		goto done;
	gate_repo__oid_hex(change->base, &base_oid);
	gate_repo__oid_hex(change->head, &head_oid);

	if (gate_commitgraph__get(&base, &g, &base_oid, err) < 0 ||
	    gate_commitgraph__get(&head, &g, &head_oid, err) < 0)
		goto done;
	if ((rc = gate_commitgraph__merge_base(&mb, &found, &g, base, head, err)) < 0) {
		gate_commitgraph__walk_error(rc, &g, err, base_rev, head_rev);
		goto done;
	}
	if (!found) {
		if (repo->nshallow)
			gate_commitgraph__shallow_error(err, base_rev, head_rev);
		else
			gate_error_set(err, GATE_ERR_REPO,
				       "BASE (" GATE_REV_FMT ") and HEAD (" GATE_REV_FMT
				       ") have no common "
				       "history",
				       base_rev, head_rev);
		goto done;
	}
	gate_repo__oid_hex(change->merge_base, &g.nodes[mb].oid);

	if ((rc = gate_commitgraph__walk(&range, &nrange, &g, &base, 1, head, err)) < 0) {
		gate_commitgraph__walk_error(rc, &g, err, base_rev, head_rev);
		goto done;
	}
	if (change_fill(change, repo, &g, range, nrange, &g.nodes[mb].oid, &head_oid, base_rev,
			head_rev, err) < 0)
		goto done;
	if (change->ncommits == 0 && change->nfiles == 0) {
		gate_error_set(err, GATE_ERR_EMPTY,
			       "nothing to evaluate: HEAD (" GATE_REV_FMT
			       ", %.12s) is already contained "
			       "in BASE (" GATE_REV_FMT ", %.12s)",
			       head_rev, change->head, base_rev, change->base);
		goto done;
	}
	*out = change;
	change = NULL;
	error = 0;
done:
	free(range);
	gate_commitgraph__dispose(&g);
	gate_change_free(change);
	return error;
}

int gate_change_read_commit(gate_change **out, gate_repo *repo, const char *sha, gate_error *err)
{
	gate_change *change = NULL;
	git_oid oid, parent;
	int has_parent, error = -1;

	*out = NULL;
	if (gate_repo__resolve_commit(&oid, repo, sha, err) < 0 ||
	    gate_repo__load_shallow(repo, err) < 0)
		goto done;
	/* A boundary commit's parents are hidden: what it changes is unknown. */
	if (gate_repo__is_shallow(repo, &oid)) {
		gate_error_set(err, GATE_ERR_SHALLOW,
			       "the history is shallow at commit " GATE_REV_FMT ": its parent is "
			       "missing, so what it changes is unknown; fetch more history "
			       "(git fetch --unshallow)",
			       sha);
		goto done;
	}
	if ((change = change_new(repo, err)) == NULL ||
	    (change->commits = gate_calloc(1, sizeof(gate_commit), err)) == NULL)
		goto done;
	change->ncommits = 1;
	if (commit_fill(&change->commits[0], repo, &oid, err) < 0)
		goto done;
	has_parent = change->commits[0].nparents > 0;
	if (has_parent && git_oid_fromstr(&parent, change->commits[0].parents[0]) < 0) {
		gate_error_from_git(err, GATE_ERR_INTERNAL, "cannot parse a parent id");
		goto done;
	}
	gate_repo__oid_hex(change->head, &oid);
	if (has_parent) {
		gate_repo__oid_hex(change->base, &parent);
		gate_repo__oid_hex(change->merge_base, &parent);
	}
	if (gate_renames__read_files(change, repo, has_parent ? &parent : NULL, &oid, err) < 0)
		goto done;
	*out = change;
	change = NULL;
	error = 0;
done:
	gate_change_free(change);
	return error;
}

size_t gate_change_file_index(const gate_change *change, const char *path, size_t len)
{
	size_t lo = 0, hi = change ? change->nfiles : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const gate_file *f = &change->files[mid];
		size_t n = f->path_len < len ? f->path_len : len;
		int c = memcmp(f->path, path, n);

		if (c == 0)
			c = f->path_len < len ? -1 : f->path_len > len;
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SIZE_MAX;
}

void gate_change_free(gate_change *change)
{
	size_t i;

	if (!change)
		return;
	/* First: the second thread reads the commits freed below. */
	gate_history_prefetch_free(change->touched);
	for (i = 0; i < change->nfiles; i++) {
		free(change->files[i].path);
		free(change->files[i].old_path);
		free(change->files[i].added);
	}
	free(change->files);
	for (i = 0; i < change->ncommits; i++)
		commit_dispose(&change->commits[i]);
	free(change->commits);
	free(change);
}

const char *gate_status_name(gate_status status)
{
	switch (status) {
	case GATE_STATUS_ADDED:
		return "added";
	case GATE_STATUS_MODIFIED:
		return "modified";
	case GATE_STATUS_DELETED:
		return "deleted";
	case GATE_STATUS_RENAMED:
		return "renamed";
	case GATE_STATUS_COPIED:
		return "copied";
	case GATE_STATUS_TYPECHANGE:
		return "typechange";
	}
	return "unknown";
}

char gate_status_letter(gate_status status)
{
	switch (status) {
	case GATE_STATUS_ADDED:
		return 'A';
	case GATE_STATUS_MODIFIED:
		return 'M';
	case GATE_STATUS_DELETED:
		return 'D';
	case GATE_STATUS_RENAMED:
		return 'R';
	case GATE_STATUS_COPIED:
		return 'C';
	case GATE_STATUS_TYPECHANGE:
		return 'T';
	}
	return '?';
}

int gate_change_read_hiding(gate_change **out, gate_repo *repo, const char *from_rev,
			    const char *head_rev, const char *const *hide, size_t nhide,
			    gate_error *err)
{
	gate_change *change = NULL;
	gate_commitgraph g;
	git_oid from_oid, head_oid;
	size_t head, *bases = NULL, *range = NULL, nrange = 0;
	const char *base_name = nhide ? hide[0] : "(no refs)";
	int rc, error = -1;

	*out = NULL;
	gate_commitgraph__init(&g, repo);
	if ((from_rev && gate_repo__resolve_commit(&from_oid, repo, from_rev, err) < 0) ||
	    gate_repo__resolve_commit(&head_oid, repo, head_rev, err) < 0 ||
	    gate_repo__load_shallow(repo, err) < 0)
		goto done;
	if ((change = change_new(repo, err)) == NULL)
		goto done;
	if (from_rev) {
		gate_repo__oid_hex(change->base, &from_oid);
	} else {
		/* The empty tree: written as git's null id. */
		memset(change->base, '0', GATE_OID_HEX);
		change->base[GATE_OID_HEX] = '\0';
	}
	memcpy(change->merge_base, change->base, sizeof(change->base));
	gate_repo__oid_hex(change->head, &head_oid);

	if (gate_commitgraph__get(&head, &g, &head_oid, err) < 0 ||
	    gate_commitgraph__tips(&bases, &g, hide, nhide, err) < 0)
		goto done;
	if ((rc = gate_commitgraph__walk(&range, &nrange, &g, bases, nhide, head, err)) < 0) {
		gate_commitgraph__walk_error(rc, &g, err, base_name, head_rev);
		goto done;
	}
	if (change_fill(change, repo, &g, range, nrange, from_rev ? &from_oid : NULL, &head_oid,
			base_name, head_rev, err) < 0)
		goto done;
	*out = change;
	change = NULL;
	error = 0;
done:
	free(bases);
	free(range);
	gate_commitgraph__dispose(&g);
	gate_change_free(change);
	return error;
}
