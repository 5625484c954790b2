/*
 * Per-commit facts for provenance: the paths a commit touched and its notes
 * (see include/riskgate/history.h).
 */
#include "riskgate/banned.h"

#include "riskgate/history.h"

#include "repo_internal.h"
#include "treediff.h"

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

typedef struct {
	touched *list;
	size_t nlist, alist;
	gate_error *err;
} touch_list;

static int add_touched(const char *path, size_t len, const git_tree_entry *old_,
		       const git_tree_entry *new_, void *payload)
{
	touch_list *l = payload;
	touched *t;

	(void)old_;
	(void)new_;
	if (gate_array_reserve((void **)&l->list, &l->alist, l->nlist + 1, sizeof(*l->list),
			       l->err) < 0)
		return -1;
	t = &l->list[l->nlist];
	if (!(t->path = gate_strndup(path, len, l->err)))
		return -1;
	t->len = len;
	t->hits = 1;
	l->nlist++;
	return 0;
}

int gate_history_touched(gate_repo *repo, const gate_commit *commit, gate_path_cb cb, void *payload,
			 gate_error *err)
{
	git_repository *git = gate_repo_git(repo);
	touch_list l;
	git_commit *c = NULL;
	git_tree *tree = NULL, *ptree = NULL;
	size_t i, k;
	unsigned np, p;
	git_oid oid;
	int error = -1, rc;

	memset(&l, 0, sizeof(l));
	l.err = err;
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
		if (gate_treediff(git, ptree ? git_tree_id(ptree) : NULL, git_tree_id(tree),
				  add_touched, &l, err) != 0)
			goto done;
		git_tree_free(ptree);
		ptree = NULL;
	}
	if (l.nlist > 1)
		qsort(l.list, l.nlist, sizeof(*l.list), cmp_touched);
	/* A path counts when every parent's diff has it. */
	for (i = 0; i < l.nlist; i = k) {
		unsigned hits = 0;

		for (k = i; k < l.nlist && cmp_touched(&l.list[i], &l.list[k]) == 0; k++)
			hits++;
		if (hits >= (np ? np : 1) &&
		    (rc = cb(l.list[i].path, l.list[i].len, payload)) != 0) {
			error = rc;
			goto done;
		}
	}
	error = 0;
done:
	for (i = 0; i < l.nlist; i++)
		free((char *)l.list[i].path);
	free(l.list);
	git_tree_free(ptree);
	git_tree_free(tree);
	git_commit_free(c);
	return error;
}

int gate_history_note(gate_buf *out, gate_repo *repo, const char *notes_ref, const char *sha,
		      gate_error *err)
{
	git_note *note = NULL;
	git_blob *blob = NULL;
	git_object_size_t size;
	git_oid oid;
	int rc, error = -1;

	gate_buf_clear(out);
	if (!notes_ref || !notes_ref[0])
		return 0;
	if (git_oid_fromstr(&oid, sha) < 0)
		return gate_error_set(err, GATE_ERR_INTERNAL, "invalid commit id %s", sha);
	rc = git_note_read(&note, gate_repo_git(repo), notes_ref, &oid);
	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc < 0)
		return gate_error_from_git(err, GATE_ERR_REPO, "reading notes");
	/* The blob, not git_note_message(): that one stops at a NUL byte. */
	if (git_blob_lookup(&blob, gate_repo_git(repo), git_note_id(note)) < 0) {
		gate_error_from_git(err, GATE_ERR_REPO, "reading a note");
		goto done;
	}
	size = git_blob_rawsize(blob);
	if (size > (git_object_size_t)out->max) {
		gate_error_set(err, GATE_ERR_INPUT,
			       "the note is %llu bytes, more than the %zu accepted",
			       (unsigned long long)size, out->max);
		goto done;
	}
	if (gate_buf_put(out, git_blob_rawcontent(blob), (size_t)size, err) < 0)
		goto done;
	error = 1;
done:
	git_blob_free(blob);
	git_note_free(note);
	return error;
}
