/*
 * The commit graph a change is read from: commits met by a walk, with their
 * dates and parents (none for a shallow boundary commit), the merge base
 * `git merge-base` prints, and the range `git rev-list HEAD ^BASE...` lists.
 */
#include "riskgate/banned.h"

#include "commitgraph.h"
#include "packcommit.h"

#include <git2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * Why this module does not use git_revwalk: libgit2 1.5 disagrees with git
 * on what a change is, and the gate promises git's answer. Its revision
 * walker knows nothing of shallow clones and fails as soon as it touches a
 * boundary commit, even when the range is complete. So merge bases and the
 * commit walk are written here to give git 2.39's answers (checked against
 * git itself by tests/unit/test_change.c), with boundary commits treated
 * as parentless, as git does.
 */

/* Extra uninteresting commits a limited walk looks at before it stops,
 * against clock skew (revision.c). */
#define WALK_SLOP 5

enum {
	F_PARENT1 = 1u << 0,
	F_PARENT2 = 1u << 1,
	F_STALE = 1u << 2,
	F_RESULT = 1u << 3,
	F_UNINTERESTING = 1u << 4,
	F_SEEN = 1u << 5,
	F_ADDED = 1u << 6
};

typedef struct {
	size_t node;
	uint64_t seq;
} qent;

/* A priority queue by committer date, newest first, first in first out
 * among equal dates (git's prio_queue and commit_list_insert_by_date). */
typedef struct {
	qent *v;
	size_t n, alloc;
	uint64_t seq;
	size_t counted; /* entries whose commit lacks `count_flag` */
	unsigned int count_flag;
} cqueue;

static size_t oid_hash(const git_oid *oid)
{
	uint64_t h;

	memcpy(&h, oid->id, sizeof(h));
	return (size_t)h;
}

void gate_commitgraph__init(gate_commitgraph *g, gate_repo *repo)
{
	if (repo->graph) {
		*g = *repo->graph;
		free(repo->graph);
		repo->graph = NULL;
		return;
	}
	memset(g, 0, sizeof(*g));
	g->repo = repo;
}

static void graph_free(gate_commitgraph *g)
{
	free(g->nodes);
	free(g->pix);
	free(g->table);
	gate_packcommits_free(g->packs);
	memset(g, 0, sizeof(*g));
}

void gate_commitgraph__dispose(gate_commitgraph *g)
{
	gate_repo *repo = g->repo;

	/* The pack reader is opened again by the next graph that needs it:
	 * its index mappings and blocks are not kept through the rest of
	 * the run. A graph started while another was in use holds fewer
	 * commits than the other; the handle keeps the first one given. */
	gate_packcommits_free(g->packs);
	g->packs = NULL;
	g->packs_opened = 0;
	g->missing = (git_oid){{0}};
	if (!repo || repo->graph || (repo->graph = malloc(sizeof(*repo->graph))) == NULL) {
		graph_free(g);
		return;
	}
	*repo->graph = *g;
	memset(g, 0, sizeof(*g));
}

void gate_commitgraph__forget(gate_repo *repo)
{
	if (!repo->graph)
		return;
	graph_free(repo->graph);
	free(repo->graph);
	repo->graph = NULL;
}

static int graph_rehash(gate_commitgraph *g, gate_error *err)
{
	size_t n = g->tsize ? g->tsize * 2 : 1024, i;
	size_t *t;

	if (n < g->tsize || (t = gate_calloc(n, sizeof(*t), err)) == NULL)
		return gate_error_set(err, GATE_ERR_NOMEM, "commit table too large");
	for (i = 0; i < g->nnodes; i++) {
		size_t b = oid_hash(&g->nodes[i].oid) & (n - 1);
		while (t[b])
			b = (b + 1) & (n - 1);
		t[b] = i + 1;
	}
	free(g->table);
	g->table = t;
	g->tsize = n;
	return 0;
}

/* Finds or adds the node for `oid`; its index goes to *out. */
int gate_commitgraph__get(size_t *out, gate_commitgraph *g, const git_oid *oid, gate_error *err)
{
	size_t b;
	gate_commitgraph_node *node;

	if ((g->nnodes + 1) * 2 > g->tsize && graph_rehash(g, err) < 0)
		return -1;
	b = oid_hash(oid) & (g->tsize - 1);
	while (g->table[b]) {
		if (git_oid_equal(&g->nodes[g->table[b] - 1].oid, oid)) {
			*out = g->table[b] - 1;
			return 0;
		}
		b = (b + 1) & (g->tsize - 1);
	}
	if (gate_array_reserve((void **)&g->nodes, &g->anodes, g->nnodes + 1,
			       sizeof(gate_commitgraph_node), err) < 0)
		return -1;
	node = &g->nodes[g->nnodes];
	memset(node, 0, sizeof(*node));
	git_oid_cpy(&node->oid, oid);
	g->table[b] = g->nnodes + 1;
	*out = g->nnodes++;
	return 0;
}

/* Records the parents of node `idx` (none for a shallow boundary commit).
 * The shallow boundary is read here, before any node of the handle's
 * graphs has parents: a node keeps them for the handle's later graphs. */
static int graph_set_parents(gate_commitgraph *g, size_t idx, const git_oid *ids, size_t n,
			     gate_error *err)
{
	size_t i, p, first = g->npix;

	if (gate_repo__load_shallow(g->repo, err) < 0)
		return -1;
	if (gate_repo__is_shallow(g->repo, &g->nodes[idx].oid))
		n = 0;
	if (gate_array_reserve((void **)&g->pix, &g->apix, g->npix + n, sizeof(size_t), err) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (gate_commitgraph__get(&p, g, &ids[i], err) < 0)
			return -1;
		g->pix[g->npix++] = p;
	}
	g->nodes[idx].parents = first;
	g->nodes[idx].nparents = n;
	return 0;
}

/* Reads the commit's date and parents: its header from a pack when it can
 * be read there (src/packcommit.h), else the commit through libgit2.
 * Returns GATE_COMMITGRAPH_MISSING (with g->missing set) when the object is
 * not there. */
static int graph_parse(gate_commitgraph *g, size_t idx, gate_error *err)
{
	git_commit *commit = NULL;
	git_oid oid, *ids = NULL;
	gate_commit_header h;
	size_t i, n;
	int rc, error = -1;

	if (g->nodes[idx].parsed)
		return 0;
	git_oid_cpy(&oid, &g->nodes[idx].oid);
	if (!g->packs_opened) {
		g->packs = gate_packcommits_open(g->repo);
		g->packs_opened = 1;
	}
	if (g->packs && gate_packcommits_read(&h, g->packs, &oid) == 1) {
		/* The reader's parents hold only until its next read, and
		 * graph_set_parents reads none. */
		if (graph_set_parents(g, idx, h.parents, h.nparents, err) < 0)
			return -1;
		g->nodes[idx].date = h.time;
		g->nodes[idx].parsed = 1;
		return 0;
	}
	rc = git_commit_lookup(&commit, g->repo->git, &oid);
	if (rc == GIT_ENOTFOUND) {
		git_oid_cpy(&g->missing, &oid);
		git_error_clear();
		return GATE_COMMITGRAPH_MISSING;
	}
	if (rc < 0) {
		char hex[GATE_OID_HEX + 1];

		gate_repo__oid_hex(hex, &oid);
		return gate_repo__fail(err, GATE_ERR_REPO, "cannot read commit %s", hex);
	}
	n = git_commit_parentcount(commit);
	if (n && (ids = gate_calloc(n, sizeof(*ids), err)) == NULL)
		goto done;
	for (i = 0; i < n; i++)
		git_oid_cpy(&ids[i], git_commit_parent_id(commit, (unsigned int)i));
	if (graph_set_parents(g, idx, ids, n, err) < 0)
		goto done;
	g->nodes[idx].date = (int64_t)git_commit_time(commit);
	g->nodes[idx].parsed = 1;
	error = 0;
done:
	free(ids);
	git_commit_free(commit);
	return error;
}

static void graph_clear_flags(gate_commitgraph *g)
{
	size_t i;

	for (i = 0; i < g->nnodes; i++) {
		g->nodes[i].flags = 0;
		g->nodes[i].qcount = 0;
	}
}

static int q_before(const gate_commitgraph *g, const qent *a, const qent *b)
{
	int64_t da = g->nodes[a->node].date, db = g->nodes[b->node].date;

	if (da != db)
		return da > db;
	return a->seq < b->seq;
}

static int q_put(cqueue *q, gate_commitgraph *g, size_t node, gate_error *err)
{
	size_t i;

	if (gate_array_reserve((void **)&q->v, &q->alloc, q->n + 1, sizeof(qent), err) < 0)
		return -1;
	i = q->n++;
	q->v[i].node = node;
	q->v[i].seq = q->seq++;
	while (i > 0) {
		size_t parent = (i - 1) / 2;
		qent tmp;

		if (!q_before(g, &q->v[i], &q->v[parent]))
			break;
		tmp = q->v[i];
		q->v[i] = q->v[parent];
		q->v[parent] = tmp;
		i = parent;
	}
	g->nodes[node].qcount++;
	if (!(g->nodes[node].flags & q->count_flag))
		q->counted++;
	return 0;
}

static size_t q_get(cqueue *q, gate_commitgraph *g)
{
	size_t top = q->v[0].node, i = 0;

	q->v[0] = q->v[--q->n];
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		qent tmp;

		if (l < q->n && q_before(g, &q->v[l], &q->v[m]))
			m = l;
		if (r < q->n && q_before(g, &q->v[r], &q->v[m]))
			m = r;
		if (m == i)
			break;
		tmp = q->v[i];
		q->v[i] = q->v[m];
		q->v[m] = tmp;
		i = m;
	}
	g->nodes[top].qcount--;
	if (!(g->nodes[top].flags & q->count_flag))
		q->counted--;
	return top;
}

/* Sets flags on a node, keeping the queue's count of entries that lack
 * `count_flag` right. */
static void q_flag(cqueue *q, gate_commitgraph *g, size_t node, unsigned int flags)
{
	gate_commitgraph_node *c = &g->nodes[node];

	if ((flags & q->count_flag) && !(c->flags & q->count_flag))
		q->counted -= c->qcount;
	c->flags |= flags;
}

static void q_dispose(cqueue *q, gate_commitgraph *g)
{
	size_t i;

	for (i = 0; i < q->n; i++)
		g->nodes[q->v[i].node].qcount = 0;
	free(q->v);
	memset(q, 0, sizeof(*q));
}

/* Inserts `node` into the date-ordered list `list` after every entry that
 * is not older (commit_list_insert_by_date). */
static int list_insert_by_date(size_t **list, size_t *n, size_t *alloc, const gate_commitgraph *g,
			       size_t node, gate_error *err)
{
	size_t pos = 0;

	if (gate_array_reserve((void **)list, alloc, *n + 1, sizeof(size_t), err) < 0)
		return -1;
	while (pos < *n && g->nodes[(*list)[pos]].date >= g->nodes[node].date)
		pos++;
	memmove(*list + pos + 1, *list + pos, (*n - pos) * sizeof(size_t));
	(*list)[pos] = node;
	(*n)++;
	return 0;
}

/*
 * git's paint_down_to_common(): paints the ancestors of `one` with PARENT1
 * and those of `twos` with PARENT2, date first, and collects the commits
 * reached from both (newest first) into *out, until only stale commits are
 * left. Flags stay set for the caller to read.
 */
static int paint_down_to_common(size_t **out, size_t *nout, gate_commitgraph *g, size_t one,
				const size_t *twos, size_t ntwos, gate_error *err)
{
	cqueue q = {NULL, 0, 0, 0, 0, F_STALE};
	size_t alloc = 0, i;
	int rc, error = -1;

	*out = NULL;
	*nout = 0;
	graph_clear_flags(g);
	if ((rc = graph_parse(g, one, err)) < 0) {
		error = rc;
		goto done;
	}
	g->nodes[one].flags |= F_PARENT1;
	if (q_put(&q, g, one, err) < 0)
		goto done;
	for (i = 0; i < ntwos; i++) {
		if ((rc = graph_parse(g, twos[i], err)) < 0) {
			error = rc;
			goto done;
		}
		g->nodes[twos[i]].flags |= F_PARENT2;
		if (q_put(&q, g, twos[i], err) < 0)
			goto done;
	}
	while (q.counted > 0) {
		size_t c = q_get(&q, g);
		unsigned int flags = g->nodes[c].flags & (F_PARENT1 | F_PARENT2 | F_STALE);

		if (flags == (F_PARENT1 | F_PARENT2)) {
			if (!(g->nodes[c].flags & F_RESULT)) {
				g->nodes[c].flags |= F_RESULT;
				if (list_insert_by_date(out, nout, &alloc, g, c, err) < 0)
					goto done;
			}
			/* Mark the parents of a found merge stale. */
			flags |= F_STALE;
		}
		for (i = 0; i < g->nodes[c].nparents; i++) {
			size_t p = g->pix[g->nodes[c].parents + i];

			if ((g->nodes[p].flags & flags) == flags)
				continue;
			if ((rc = graph_parse(g, p, err)) < 0) {
				error = rc;
				goto done;
			}
			q_flag(&q, g, p, flags);
			if (q_put(&q, g, p, err) < 0)
				goto done;
		}
	}
	error = 0;
done:
	q_dispose(&q, g);
	if (error < 0) {
		free(*out);
		*out = NULL;
		*nout = 0;
	}
	return error;
}

/* git's remove_redundant(): drops every candidate that is an ancestor of
 * another one. */
static int remove_redundant(size_t *cands, size_t *ncands, gate_commitgraph *g, gate_error *err)
{
	size_t n = *ncands, i, j, filled, kept = 0;
	size_t *work = NULL, *work_ix = NULL, *common = NULL, ncommon;
	char *redundant = NULL;
	int rc, error = -1;

	if ((work = gate_calloc(n, sizeof(*work), err)) == NULL ||
	    (work_ix = gate_calloc(n, sizeof(*work_ix), err)) == NULL ||
	    (redundant = gate_calloc(n, 1, err)) == NULL)
		goto done;
	for (i = 0; i < n; i++) {
		if (redundant[i])
			continue;
		for (j = filled = 0; j < n; j++) {
			if (i == j || redundant[j])
				continue;
			work_ix[filled] = j;
			work[filled++] = cands[j];
		}
		if ((rc = paint_down_to_common(&common, &ncommon, g, cands[i], work, filled, err)) <
		    0) {
			error = rc;
			goto done;
		}
		free(common);
		if (g->nodes[cands[i]].flags & F_PARENT2)
			redundant[i] = 1;
		for (j = 0; j < filled; j++)
			if (g->nodes[work[j]].flags & F_PARENT1)
				redundant[work_ix[j]] = 1;
	}
	for (i = 0; i < n; i++)
		if (!redundant[i])
			cands[kept++] = cands[i];
	*ncands = kept;
	error = 0;
done:
	free(work);
	free(work_ix);
	free(redundant);
	return error;
}

/*
 * The merge base `git merge-base BASE HEAD` prints: of the best common
 * ancestors, the newest. *found is 0 when the histories do not meet.
 */
int gate_commitgraph__merge_base(size_t *out, int *found, gate_commitgraph *g, size_t base,
				 size_t head, gate_error *err)
{
	size_t *list = NULL, nlist = 0, *cands = NULL, ncands = 0, alloc = 0, *sorted = NULL,
	       nsorted = 0, salloc = 0, i;
	int rc, error = -1;

	*found = 0;
	if (base == head) {
		*out = base;
		*found = 1;
		return 0;
	}
	if ((rc = paint_down_to_common(&list, &nlist, g, base, &head, 1, err)) < 0) {
		error = rc;
		goto done;
	}
	for (i = 0; i < nlist; i++) {
		if (g->nodes[list[i]].flags & F_STALE)
			continue;
		if (list_insert_by_date(&cands, &ncands, &alloc, g, list[i], err) < 0)
			goto done;
	}
	if (ncands > 1 && (rc = remove_redundant(cands, &ncands, g, err)) < 0) {
		error = rc;
		goto done;
	}
	for (i = 0; i < ncands; i++)
		if (list_insert_by_date(&sorted, &nsorted, &salloc, g, cands[i], err) < 0)
			goto done;
	if (nsorted) {
		*out = sorted[0];
		*found = 1;
	}
	error = 0;
done:
	free(list);
	free(cands);
	free(sorted);
	return error;
}

static void mark_parents_uninteresting(cqueue *q, gate_commitgraph *g, size_t commit,
				       size_t **stack, size_t *astack, gate_error *err, int *failed)
{
	size_t n = 0, i;
	const gate_commitgraph_node *c = &g->nodes[commit];

	for (i = 0; i < c->nparents; i++) {
		if (gate_array_reserve((void **)stack, astack, n + 1, sizeof(size_t), err) < 0) {
			*failed = 1;
			return;
		}
		(*stack)[n++] = g->pix[c->parents + i];
	}
	while (n > 0) {
		size_t p = (*stack)[--n];

		if (g->nodes[p].flags & F_UNINTERESTING)
			continue;
		q_flag(q, g, p, F_UNINTERESTING);
		for (i = 0; i < g->nodes[p].nparents; i++) {
			if (gate_array_reserve((void **)stack, astack, n + 1, sizeof(size_t), err) <
			    0) {
				*failed = 1;
				return;
			}
			(*stack)[n++] = g->pix[g->nodes[p].parents + i];
		}
	}
}

/*
 * git's limited walk (revision.c limit_list()) for `HEAD ^BASE1 ^BASE2 ...`
 * (nbases may be 0): commits in the order git rev-list prints them. The ids
 * go to *out, newest first.
 */
int gate_commitgraph__walk(size_t **out, size_t *nout, gate_commitgraph *g, const size_t *bases,
			   size_t nbases, size_t head, gate_error *err)
{
	cqueue q = {NULL, 0, 0, 0, 0, F_UNINTERESTING};
	size_t *list = NULL, nlist = 0, alist = 0, *stack = NULL, astack = 0, i, kept = 0;
	int64_t date = INT64_MAX;
	int slop = WALK_SLOP, failed = 0, rc, error = -1;

	*out = NULL;
	*nout = 0;
	graph_clear_flags(g);
	if ((rc = graph_parse(g, head, err)) < 0) {
		error = rc;
		goto done;
	}
	for (i = 0; i < nbases; i++) {
		if ((rc = graph_parse(g, bases[i], err)) < 0) {
			error = rc;
			goto done;
		}
	}
	g->nodes[head].flags |= F_SEEN;
	if (q_put(&q, g, head, err) < 0)
		goto done;
	for (i = 0; i < nbases; i++) {
		if (g->nodes[bases[i]].flags & F_SEEN)
			continue;
		g->nodes[bases[i]].flags |= F_SEEN;
		if (q_put(&q, g, bases[i], err) < 0)
			goto done;
	}
	for (i = 0; i < nbases; i++)
		q_flag(&q, g, bases[i], F_UNINTERESTING);
	while (q.n > 0) {
		size_t c = q_get(&q, g);
		int uninteresting;

		/* process_parents() */
		if (!(g->nodes[c].flags & F_ADDED)) {
			g->nodes[c].flags |= F_ADDED;
			uninteresting = (g->nodes[c].flags & F_UNINTERESTING) != 0;
			for (i = 0; i < g->nodes[c].nparents; i++) {
				size_t p = g->pix[g->nodes[c].parents + i];

				if (uninteresting)
					q_flag(&q, g, p, F_UNINTERESTING);
				rc = graph_parse(g, p, err);
				/* git reads the uninteresting side gently. */
				if (rc == GATE_COMMITGRAPH_MISSING && uninteresting)
					continue;
				if (rc < 0) {
					error = rc;
					goto done;
				}
				if (uninteresting) {
					mark_parents_uninteresting(&q, g, p, &stack, &astack, err,
								   &failed);
					if (failed)
						goto done;
				}
				if (g->nodes[p].flags & F_SEEN)
					continue;
				g->nodes[p].flags |= F_SEEN;
				if (q_put(&q, g, p, err) < 0)
					goto done;
			}
		}
		if (g->nodes[c].flags & F_UNINTERESTING) {
			mark_parents_uninteresting(&q, g, c, &stack, &astack, err, &failed);
			if (failed)
				goto done;
			/* still_interesting() */
			if (q.n == 0)
				break;
			if (date <= g->nodes[q.v[0].node].date || q.counted > 0)
				slop = WALK_SLOP;
			else
				slop--;
			if (slop)
				continue;
			break;
		}
		date = g->nodes[c].date;
		if (gate_array_reserve((void **)&list, &alist, nlist + 1, sizeof(size_t), err) < 0)
			goto done;
		list[nlist++] = c;
	}
	/* Commits found uninteresting after they were listed drop out. */
	for (i = 0; i < nlist; i++)
		if (!(g->nodes[list[i]].flags & F_UNINTERESTING))
			list[kept++] = list[i];
	*out = list;
	*nout = kept;
	list = NULL;
	error = 0;
done:
	q_dispose(&q, g);
	free(list);
	free(stack);
	return error;
}

int gate_commitgraph__shallow_error(gate_error *err, const char *base_rev, const char *head_rev)
{
	return gate_error_set(err, GATE_ERR_SHALLOW,
			      "the history is shallow and does not reach the merge base of "
			      "BASE (" GATE_REV_FMT ") and HEAD (" GATE_REV_FMT
			      "); fetch more history "
			      "(actions/checkout with fetch-depth: 0, or git fetch --unshallow)",
			      base_rev, head_rev);
}

/* Turns a walk's GATE_COMMITGRAPH_MISSING into the error it means. */
int gate_commitgraph__walk_error(int rc, gate_commitgraph *g, gate_error *err, const char *base_rev,
				 const char *head_rev)
{
	char hex[GATE_OID_HEX + 1];

	if (rc != GATE_COMMITGRAPH_MISSING)
		return -1;
	if (g->repo->nshallow)
		return gate_commitgraph__shallow_error(err, base_rev, head_rev);
	gate_repo__oid_hex(hex, &g->missing);
	return gate_error_set(err, GATE_ERR_REPO, "commit %s is missing from the repository", hex);
}

/* The range questions of the pre-receive hook (riskgate/change.h). */

int gate_repo_merge_base(char out[GATE_OID_HEX + 1], int *found, gate_repo *repo, const char *a_rev,
			 const char *b_rev, gate_error *err)
{
	gate_commitgraph g;
	git_oid a_oid, b_oid;
	size_t a, b, mb = 0;
	int rc, error = -1;

	*found = 0;
	out[0] = '\0';
	gate_commitgraph__init(&g, repo);
	if (gate_repo__resolve_commit(&a_oid, repo, a_rev, err) < 0 ||
	    gate_repo__resolve_commit(&b_oid, repo, b_rev, err) < 0 ||
	    gate_repo__load_shallow(repo, err) < 0)
		goto done;
	if (gate_commitgraph__get(&a, &g, &a_oid, err) < 0 ||
	    gate_commitgraph__get(&b, &g, &b_oid, err) < 0)
		goto done;
	if ((rc = gate_commitgraph__merge_base(&mb, found, &g, a, b, err)) < 0) {
		gate_commitgraph__walk_error(rc, &g, err, a_rev, b_rev);
		goto done;
	}
	if (*found)
		gate_repo__oid_hex(out, &g.nodes[mb].oid);
	error = 0;
done:
	gate_commitgraph__dispose(&g);
	return error;
}

/* Resolves each of `revs` into the graph. */
int gate_commitgraph__tips(size_t **out, gate_commitgraph *g, const char *const *revs, size_t n,
			   gate_error *err)
{
	git_oid oid;
	size_t i;

	*out = NULL;
	if (n == 0)
		return 0;
	if ((*out = gate_calloc(n, sizeof(size_t), err)) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (gate_repo__resolve_commit(&oid, g->repo, revs[i], err) < 0 ||
		    gate_commitgraph__get(&(*out)[i], g, &oid, err) < 0) {
			free(*out);
			*out = NULL;
			return -1;
		}
	}
	return 0;
}

int gate_repo_count_range(size_t *out, gate_repo *repo, const char *const *hide, size_t nhide,
			  const char *head_rev, gate_error *err)
{
	gate_commitgraph g;
	git_oid head_oid;
	size_t head, *bases = NULL, *range = NULL, nrange = 0;
	int rc, error = -1;

	*out = 0;
	gate_commitgraph__init(&g, repo);
	if (gate_repo__resolve_commit(&head_oid, repo, head_rev, err) < 0 ||
	    gate_repo__load_shallow(repo, err) < 0 ||
	    gate_commitgraph__get(&head, &g, &head_oid, err) < 0 ||
	    gate_commitgraph__tips(&bases, &g, hide, nhide, err) < 0)
		goto done;
	if ((rc = gate_commitgraph__walk(&range, &nrange, &g, bases, nhide, head, err)) < 0) {
		gate_commitgraph__walk_error(rc, &g, err, nhide ? hide[0] : "(none)", head_rev);
		goto done;
	}
	*out = nrange;
	error = 0;
done:
	free(bases);
	free(range);
	gate_commitgraph__dispose(&g);
	return error;
}
