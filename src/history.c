/*
 * Per-commit facts for provenance: the paths a commit touched and its notes
 * (see include/riskgate/history.h).
 */
#include "riskgate/banned.h"

#include "riskgate/history.h"

#include "repo_internal.h"
#include "treediff.h"

typedef struct {
	gate_path_cb cb;
	void *payload;
} touch;

static int on_path(const char *path, size_t len, const gate_treediff_entry *first,
		   const gate_treediff_entry *entry, void *payload)
{
	touch *t = payload;

	(void)first;
	(void)entry;
	return t->cb(path, len, t->payload);
}

int gate_history_touched(gate_repo *repo, const gate_commit *commit, gate_path_cb cb, void *payload,
			 gate_error *err)
{
	git_repository *git = gate_repo_git(repo);
	git_commit *c = NULL, **parents = NULL;
	const git_oid **ptrees = NULL;
	unsigned np = 0, p;
	git_oid oid;
	touch t;
	int error = -1;

	if (git_oid_fromstr(&oid, commit->sha) < 0 || git_commit_lookup(&c, git, &oid) < 0) {
		gate_error_from_git(err, GATE_ERR_REPO, "reading a commit of the change");
		goto done;
	}
	/* A shallow boundary commit reads as parentless; it is then compared to
	 * the empty tree, which over-reports and so never under-enforces. Only
	 * tree ids are needed: the walk reads the trees raw. */
	np = git_commit_parentcount(c);
	if (np && ((parents = gate_calloc(np, sizeof(*parents), err)) == NULL ||
		   (ptrees = gate_calloc(np, sizeof(*ptrees), err)) == NULL))
		goto done;
	for (p = 0; p < np; p++) {
		if (git_commit_parent(&parents[p], c, p) < 0) {
			gate_error_from_git(err, GATE_ERR_REPO, "reading a parent commit");
			goto done;
		}
		ptrees[p] = git_commit_tree_id(parents[p]);
	}
	/* For a merge, a path counts when every parent's diff has it: git's
	 * combined diff, walked once against all parents. */
	t.cb = cb;
	t.payload = payload;
	error = gate_treediff_combined(git, ptrees, np, git_commit_tree_id(c), on_path, &t, err);
done:
	for (p = 0; parents && p < np; p++)
		git_commit_free(parents[p]);
	free(parents);
	free((void *)ptrees);
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
