/*
 * Per-commit facts for provenance: the paths a commit touched and its notes
 * (see include/riskgate/history.h).
 */
#include "riskgate/banned.h"

#include "riskgate/history.h"

#include "repo_internal.h"

typedef struct {
	const char *path;
	size_t len;
	unsigned hits;
} touched;

static int cmp_touched(const void *a, const void *b)
{
	const touched *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->path, y->path, n);

	return c ? c : (x->len > y->len) - (x->len < y->len);
}

static int tree_of_parent(git_tree **out, git_commit *c, unsigned i)
{
	git_commit *parent = NULL;
	int rc = git_commit_parent(&parent, c, i);

	if (rc == 0)
		rc = git_commit_tree(out, parent);
	git_commit_free(parent);
	return rc;
}

int gate_history_touched(gate_repo *repo, const gate_commit *commit, gate_path_cb cb,
			 void *payload, gate_error *err)
{
	git_repository *git = gate_repo_git(repo);
	git_commit *c = NULL;
	git_tree *tree = NULL, *ptree = NULL;
	git_diff *diff = NULL;
	git_diff_options opts;
	touched *list = NULL;
	size_t nlist = 0, alist = 0, i, k;
	unsigned np, p;
	git_oid oid;
	int error = -1, rc;

	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.flags |= GIT_DIFF_SKIP_BINARY_CHECK;
	if (git_oid_fromstr(&oid, commit->sha) < 0 || git_commit_lookup(&c, git, &oid) < 0 ||
	    git_commit_tree(&tree, c) < 0) {
		gate_error_from_git(err, GATE_ERR_REPO, "reading a commit of the change");
		goto done;
	}
	np = git_commit_parentcount(c);
	/* A shallow boundary commit reads as parentless; it is then compared to
	 * the empty tree, which over-reports and so never under-enforces. */
	for (p = 0; p < (np ? np : 1); p++) {
		if (np && tree_of_parent(&ptree, c, p) < 0) {
			gate_error_from_git(err, GATE_ERR_REPO, "reading a parent commit");
			goto done;
		}
		if (git_diff_tree_to_tree(&diff, git, ptree, tree, &opts) < 0) {
			gate_error_from_git(err, GATE_ERR_REPO, "diffing a commit against its parent");
			goto done;
		}
		for (i = 0; i < git_diff_num_deltas(diff); i++) {
			const git_diff_delta *d = git_diff_get_delta(diff, i);
			const char *paths[2];

			paths[0] = d->old_file.path;
			paths[1] = strcmp(d->old_file.path, d->new_file.path) ? d->new_file.path : NULL;
			for (k = 0; k < 2; k++) {
				if (!paths[k])
					continue;
				if (gate_array_reserve((void **)&list, &alist, nlist + 1, sizeof(*list),
						       err) < 0)
					goto done;
				/* Borrowed from this parent's diff: copy on the last pass. */
				list[nlist].path = gate_strdup(paths[k], err);
				if (!list[nlist].path)
					goto done;
				list[nlist].len = strlen(paths[k]);
				list[nlist].hits = 1;
				nlist++;
			}
		}
		git_diff_free(diff);
		diff = NULL;
		git_tree_free(ptree);
		ptree = NULL;
	}
	qsort(list, nlist, sizeof(*list), cmp_touched);
	/* A path counts when every parent's diff has it. */
	for (i = 0; i < nlist; i = k) {
		unsigned hits = 0;

		for (k = i; k < nlist && cmp_touched(&list[i], &list[k]) == 0; k++)
			hits++;
		if (hits >= (np ? np : 1) && (rc = cb(list[i].path, list[i].len, payload)) != 0) {
			error = rc;
			goto done;
		}
	}
	error = 0;
done:
	for (i = 0; i < nlist; i++)
		free((char *)list[i].path);
	free(list);
	git_diff_free(diff);
	git_tree_free(ptree);
	git_tree_free(tree);
	git_commit_free(c);
	return error;
}

int gate_history_has_note(gate_repo *repo, const char *notes_ref, const char *sha,
			  gate_error *err)
{
	git_note *note = NULL;
	git_oid oid;
	int rc;

	if (!notes_ref || !notes_ref[0])
		return 0;
	if (git_oid_fromstr(&oid, sha) < 0)
		return gate_error_set(err, GATE_ERR_INTERNAL, "invalid commit id %s", sha);
	rc = git_note_read(&note, gate_repo_git(repo), notes_ref, &oid);
	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc < 0)
		return gate_error_from_git(err, GATE_ERR_REPO, "reading notes");
	git_note_free(note);
	return 1;
}
