/*
 * Every version a verdict note has had (docs/verdicts.md): the notes ref's
 * history read for the first failing verdict of each commit, for the
 * trends' time to first failure.
 */
#include "riskgate/banned.h"

#include "riskgate/verdict.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>

#include "repo_internal.h"
#include "riskgate/buf.h"

/* ---- the notes' history ----------------------------------------------- */

typedef struct {
	const char *id;
	size_t index; /* into the caller's ids */
} id_entry;

typedef struct {
	const char *const *ids;
	id_entry *sorted; /* the ids, sorted */
	size_t n;
	long long *first;
	gate_repo *repo;
	gate_buf text;
} history_ctx;

static int by_id(const void *a, const void *b)
{
	return strcmp(((const id_entry *)a)->id, ((const id_entry *)b)->id);
}

/* The index into ids of the commit a notes tree path names (fan-out
 * directories and the rest of the id, concatenated), or -1. */
static long find_annotated(const history_ctx *h, const char *path)
{
	size_t lo = 0, hi = h->n;

	if (strlen(path) != GATE_OID_HEX)
		return -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(h->sorted[mid].id, path);

		if (c == 0)
			return (long)h->sorted[mid].index;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* One version of a note: counts when it is a failing record of its commit. */
static int history_version(history_ctx *h, long i, const git_oid *blob_id, gate_error *err)
{
	git_blob *blob = NULL;
	gate_verdict_note note;
	git_object_size_t size;
	int error = -1;

	if (git_blob_lookup(&blob, gate_repo_git(h->repo), blob_id) < 0)
		return gate_error_from_git(err, GATE_ERR_REPO,
					   "reading a note of " GATE_VERDICT_NOTES_REF);
	size = git_blob_rawsize(blob);
	if (size > GATE_VERDICT_MAX_SIZE) {
		error = 0; /* not a record: larger than any */
		goto done;
	}
	gate_buf_clear(&h->text);
	if (gate_buf_put(&h->text, git_blob_rawcontent(blob), (size_t)size, err) < 0 ||
	    gate_verdict_note_parse(&note, h->text.ptr ? h->text.ptr : "", h->text.size, h->ids[i],
				    NULL, NULL, err) < 0)
		goto done;
	if (note.landed != GATE_LANDED_INVALID && note.failed &&
	    (h->first[i] < 0 || note.evaluated_time < h->first[i]))
		h->first[i] = note.evaluated_time;
	error = 0;
done:
	git_blob_free(blob);
	return error;
}

/* The note versions `tree` holds that `old` (NULL: none) does not, below
 * the path `prefix` (`plen` bytes of fan-out directories). Equal subtrees
 * are skipped by their ids, so a commit that adds one note costs one
 * directory per fan-out level. */
static int notes_tree_diff(history_ctx *h, git_tree *old, git_tree *tree, char *prefix, size_t plen,
			   gate_error *err)
{
	git_repository *g = gate_repo_git(h->repo);
	size_t i, n = git_tree_entrycount(tree);

	for (i = 0; i < n; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const git_tree_entry *o =
		    old ? git_tree_entry_byname(old, git_tree_entry_name(e)) : NULL;
		const char *name = git_tree_entry_name(e);
		size_t nlen = strlen(name);
		git_tree *sub = NULL, *osub = NULL;
		long k;
		int rc;

		if (o && git_oid_equal(git_tree_entry_id(o), git_tree_entry_id(e)) &&
		    git_tree_entry_filemode(o) == git_tree_entry_filemode(e))
			continue;
		/* A note's path is at most a commit id long, fan-out included. */
		if (plen + nlen > GATE_OID_HEX)
			continue;
		memcpy(prefix + plen, name, nlen + 1);
		if (git_tree_entry_type(e) == GIT_OBJECT_TREE) {
			if (git_tree_lookup(&sub, g, git_tree_entry_id(e)) < 0 ||
			    (o && git_tree_entry_type(o) == GIT_OBJECT_TREE &&
			     git_tree_lookup(&osub, g, git_tree_entry_id(o)) < 0)) {
				git_tree_free(sub);
				return gate_error_from_git(
				    err, GATE_ERR_REPO,
				    "reading the history of " GATE_VERDICT_NOTES_REF);
			}
			rc = notes_tree_diff(h, osub, sub, prefix, plen + nlen, err);
			git_tree_free(osub);
			git_tree_free(sub);
			if (rc < 0)
				return -1;
			continue;
		}
		if (git_tree_entry_type(e) != GIT_OBJECT_BLOB ||
		    (k = find_annotated(h, prefix)) < 0)
			continue;
		if (history_version(h, k, git_tree_entry_id(e), err) < 0)
			return -1;
	}
	return 0;
}

/* The note versions a commit of the notes' history brings: what it adds or
 * changes against its first parent. Every version was brought by some
 * commit, so walking every commit of the history sees each one. */
static int history_commit(history_ctx *h, const git_oid *id, gate_error *err)
{
	git_commit *commit = NULL, *parent = NULL;
	git_tree *tree = NULL, *ptree = NULL;
	char prefix[GATE_OID_HEX + 1];
	int error = -1;

	if (git_commit_lookup(&commit, gate_repo_git(h->repo), id) < 0 ||
	    git_commit_tree(&tree, commit) < 0 ||
	    (git_commit_parentcount(commit) > 0 &&
	     (git_commit_parent(&parent, commit, 0) < 0 || git_commit_tree(&ptree, parent) < 0))) {
		gate_error_from_git(err, GATE_ERR_REPO,
				    "reading the history of " GATE_VERDICT_NOTES_REF);
		goto done;
	}
	prefix[0] = '\0';
	error = notes_tree_diff(h, ptree, tree, prefix, 0, err);
done:
	git_tree_free(ptree);
	git_tree_free(tree);
	git_commit_free(parent);
	git_commit_free(commit);
	return error;
}

int gate_verdict_first_failures(long long *first, gate_repo *repo, const char *const *ids, size_t n,
				gate_error *err)
{
	history_ctx h;
	git_revwalk *walk = NULL;
	git_oid tip, id;
	size_t i;
	int rc, error = -1;

	for (i = 0; i < n; i++)
		first[i] = -1;
	if (n == 0)
		return 0;
	rc = git_reference_name_to_id(&tip, gate_repo_git(repo), GATE_VERDICT_NOTES_REF);
	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc < 0)
		return gate_error_from_git(err, GATE_ERR_REPO, "reading " GATE_VERDICT_NOTES_REF);
	memset(&h, 0, sizeof(h));
	h.ids = ids;
	h.n = n;
	h.first = first;
	h.repo = repo;
	h.text = (gate_buf)GATE_BUF_INIT(GATE_VERDICT_MAX_SIZE);
	if (!(h.sorted = gate_calloc(n, sizeof(*h.sorted), err)))
		return -1;
	for (i = 0; i < n; i++) {
		h.sorted[i].id = ids[i];
		h.sorted[i].index = i;
	}
	qsort(h.sorted, n, sizeof(*h.sorted), by_id);
	if (git_revwalk_new(&walk, gate_repo_git(repo)) < 0 || git_revwalk_push(walk, &tip) < 0) {
		gate_error_from_git(err, GATE_ERR_REPO,
				    "walking the history of " GATE_VERDICT_NOTES_REF);
		goto done;
	}
	while ((rc = git_revwalk_next(&id, walk)) == 0)
		if (history_commit(&h, &id, err) < 0)
			goto done;
	if (rc != GIT_ITEROVER) {
		gate_error_from_git(err, GATE_ERR_REPO,
				    "walking the history of " GATE_VERDICT_NOTES_REF);
		goto done;
	}
	error = 0;
done:
	git_revwalk_free(walk);
	gate_buf_dispose(&h.text);
	free(h.sorted);
	return error;
}
