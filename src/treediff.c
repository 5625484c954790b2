/*
 * Tree comparison that skips identical subtrees (see treediff.h).
 */
#include "riskgate/banned.h"

#include "treediff.h"

#include <string.h>

#include "riskgate/buf.h"

typedef struct {
	git_repository *git;
	gate_treediff_cb cb;
	void *payload;
	gate_buf path; /* the directory being walked, with a trailing '/' */
	gate_error *err;
} walk;

static int is_tree(const git_tree_entry *e)
{
	return git_tree_entry_type(e) == GIT_OBJECT_TREE;
}

/* Git's order of tree entries: by name, a tree's name as if it ended in
 * '/'. A tree and a file of the same name are two different entries. */
static int entry_cmp(const git_tree_entry *a, const git_tree_entry *b)
{
	const char *na = git_tree_entry_name(a), *nb = git_tree_entry_name(b);
	size_t la = strlen(na), lb = strlen(nb), n = la < lb ? la : lb;
	int c = memcmp(na, nb, n);
	unsigned char ca, cb;

	if (c)
		return c;
	ca = la > n ? (unsigned char)na[n] : is_tree(a) ? '/' : 0;
	cb = lb > n ? (unsigned char)nb[n] : is_tree(b) ? '/' : 0;
	return (ca > cb) - (ca < cb);
}

static int walk_trees(walk *w, const git_oid *a, const git_oid *b);

/* An entry on one side only, or one whose id or mode changed. */
static int walk_entry(walk *w, const git_tree_entry *ea, const git_tree_entry *eb)
{
	const git_tree_entry *e = ea ? ea : eb;
	size_t base = w->path.size;
	int rc;

	if (gate_buf_puts(&w->path, git_tree_entry_name(e), w->err) < 0)
		return -1;
	if (is_tree(e)) {
		rc = gate_buf_putc(&w->path, '/', w->err);
		if (rc == 0)
			rc = walk_trees(w, ea ? git_tree_entry_id(ea) : NULL,
					eb ? git_tree_entry_id(eb) : NULL);
	} else {
		rc = w->cb(w->path.ptr, w->path.size, ea, eb, w->payload);
	}
	gate_buf_truncate(&w->path, base);
	return rc;
}

static int walk_trees(walk *w, const git_oid *a, const git_oid *b)
{
	git_tree *ta = NULL, *tb = NULL;
	size_t i = 0, k = 0, na, nb;
	int rc = -1, c;

	if (a && b && git_oid_equal(a, b))
		return 0;
	if ((a && git_tree_lookup(&ta, w->git, a) < 0) ||
	    (b && git_tree_lookup(&tb, w->git, b) < 0)) {
		gate_error_from_git(w->err, GATE_ERR_REPO, "cannot read a tree to compare");
		goto done;
	}
	na = ta ? git_tree_entrycount(ta) : 0;
	nb = tb ? git_tree_entrycount(tb) : 0;
	while (i < na || k < nb) {
		const git_tree_entry *ea = i < na ? git_tree_entry_byindex(ta, i) : NULL;
		const git_tree_entry *eb = k < nb ? git_tree_entry_byindex(tb, k) : NULL;

		c = !ea ? 1 : !eb ? -1 : entry_cmp(ea, eb);
		if (c < 0) {
			rc = walk_entry(w, ea, NULL);
			i++;
		} else if (c > 0) {
			rc = walk_entry(w, NULL, eb);
			k++;
		} else {
			rc = 0;
			if (!git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)) ||
			    git_tree_entry_filemode(ea) != git_tree_entry_filemode(eb))
				rc = walk_entry(w, ea, eb);
			i++;
			k++;
		}
		if (rc != 0)
			goto done;
	}
	rc = 0;
done:
	git_tree_free(ta);
	git_tree_free(tb);
	return rc;
}

int gate_treediff(git_repository *git, const git_oid *old_tree, const git_oid *new_tree,
		  gate_treediff_cb cb, void *payload, gate_error *err)
{
	walk w;
	int rc;

	w.git = git;
	w.cb = cb;
	w.payload = payload;
	w.err = err;
	gate_buf_init(&w.path, (size_t)1 << 24); /* far beyond any path git allows */
	/* An empty buffer has no storage yet: the callback always gets text. */
	rc = gate_buf_grow(&w.path, 256, err);
	if (rc == 0)
		rc = walk_trees(&w, old_tree, new_tree);
	gate_buf_dispose(&w.path);
	return rc;
}
