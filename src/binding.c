/*
 * Approvals bound to the diff (docs/policy.md, "Approvals bound to the diff"): whether an
 * approval given on commit C, not the head H, still holds, because the change C showed and the
 * change H shows are the same patch, for the whole change or for each tier's files. The patch
 * ids are riskgate/patchid.h's; this file only decides which files must agree and keeps the ids
 * of each commit once per evaluation.
 */
#include "riskgate/banned.h"

#include "approvers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/classify.h"
#include "riskgate/identity.h"
#include "riskgate/patchid.h"

/* The patch ids of one reviewed commit, or why they could not be had. */
typedef struct {
	char commit[GATE_REVIEW_OID_MAX + 1];
	gate_patchid *ids; /* NULL when `reason` is set */
	const char *reason;
} binding_entry;

/* A path of the change (either side of a file) and the tier the
 * evaluation placed that file in. */
typedef struct {
	const char *path;
	size_t tier;
} path_tier;

struct gate_binding {
	gate_patchid *head;
	binding_entry *items;
	size_t count;
	size_t alloc;
	path_tier *paths; /* sorted by path, for in_tier */
	size_t npaths;
};

void gate_binding__free(gate_binding *b)
{
	size_t i;

	if (!b)
		return;
	gate_patchid_free(b->head);
	for (i = 0; i < b->count; i++)
		gate_patchid_free(b->items[i].ids);
	free(b->items);
	free(b->paths);
	free(b);
}

/* Whether the change has a base to take merge bases with: not the hook's
 * all-zero id of a new branch, nor a root commit's empty one. */
static int has_base(const gate_change *change)
{
	size_t i;

	for (i = 0; change->base[i]; i++)
		if (change->base[i] != '0')
			return 1;
	return 0;
}

/* The ids of the change from merge-base(base, commit) to `commit`, computed
 * once. Returns 0 with *out set (NULL and *reason set when the commit's
 * change cannot be read from this repository), or -1 on another error. */
static int ids_of(gate_binding *b, const gate_check_ctx *ctx, const char *commit,
		  const gate_patchid **out, const char **reason, gate_error *err)
{
	binding_entry *e;
	gate_error local;
	size_t i;

	*out = NULL;
	*reason = NULL;
	for (i = 0; i < b->count; i++)
		if (strcmp(b->items[i].commit, commit) == 0) {
			*out = b->items[i].ids;
			*reason = b->items[i].reason;
			return 0;
		}
	if (gate_array_reserve((void **)&b->items, &b->alloc, b->count + 1, sizeof(*b->items),
			       err) < 0)
		return -1;
	e = &b->items[b->count];
	memset(e, 0, sizeof(*e));
	snprintf(e->commit, sizeof(e->commit), "%s", commit);
	gate_error_init(&local);
	if (gate_patchid_compute(&e->ids, ctx->repo, ctx->change->base, commit, &local) < 0) {
		if (local.klass == GATE_ERR_REPO)
			e->reason = "its commit is not in the repository or shares no history with "
				    "the base (fetch it to compare diffs)";
		else if (local.klass == GATE_ERR_SHALLOW)
			e->reason =
			    "the history is shallow, so the diff it reviewed cannot be read "
			    "(fetch more history)";
		else {
			if (err)
				*err = local;
			return -1;
		}
	}
	b->count++;
	*out = e->ids;
	*reason = e->reason;
	return 0;
}

static int cmp_path_tier(const void *pa, const void *pb)
{
	const path_tier *a = pa, *b = pb;

	return strcmp(a->path, b->path);
}

/* b->paths: both sides of each file of the change with its tier, sorted.
 * A path on both sides of two files (a copy's source) is listed twice. */
static int index_paths(gate_binding *b, const gate_check_ctx *ctx, const gate_result *res,
		       gate_error *err)
{
	const gate_change *change = ctx->change;
	size_t i, n = 0;

	if (!(b->paths = gate_calloc(2 * change->nfiles + 1, sizeof(*b->paths), err)))
		return -1;
	for (i = 0; i < change->nfiles && i < res->nclasses; i++) {
		b->paths[n].path = change->files[i].path;
		b->paths[n++].tier = res->classes[i].tier;
		if (change->files[i].old_path) {
			b->paths[n].path = change->files[i].old_path;
			b->paths[n++].tier = res->classes[i].tier;
		}
	}
	qsort(b->paths, n, sizeof(*b->paths), cmp_path_tier);
	b->npaths = n;
	return 0;
}

/* The files of tier `tier` whose diffs must agree. */
typedef struct {
	const gate_check_ctx *ctx;
	const gate_binding *b;
	size_t tier;
} tier_scope;

/*
 * Whether `path` belongs to the tier: it classifies into it, or it is
 * either side of a file of the change that the evaluation placed in it (a
 * rename takes the higher tier of its two paths). A path whose
 * classification fails is in every tier, so that its diff must agree.
 */
static int in_tier(const char *path, void *payload)
{
	const tier_scope *s = payload;
	size_t lo = 0, hi = s->b->npaths, mid;
	gate_class cls;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(s->b->paths[mid].path, path) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < s->b->npaths && strcmp(s->b->paths[lo].path, path) == 0; lo++)
		if (s->b->paths[lo].tier == s->tier)
			return 1;
	if (gate_classify_path(&cls, s->ctx->policy, path, strlen(path), NULL) < 0)
		return 1;
	return cls.tier == s->tier;
}

int gate_binding__judge(gate_binding **cache, const gate_check_ctx *ctx, const gate_result *res,
			const char *commit, const char **differs, const char **reason,
			gate_error *err)
{
	const gate_policy *p = ctx->policy;
	const gate_patchid *ids;
	gate_binding *b = *cache;
	size_t t;

	*reason = NULL;
	for (t = 0; t < p->ntiers; t++)
		differs[t] = NULL;
	if (!commit[0]) {
		*reason = "GitHub names no commit for it";
		return 0;
	}
	if (p->approval_binding == GATE_BIND_COMMIT) {
		*reason = "it approved another commit than the head (\"approvals_bound_to\": "
			  "\"commit\")";
		return 0;
	}
	if (!ctx->repo || !has_base(ctx->change)) {
		*reason = "there is no base to compare the diff it reviewed with";
		return 0;
	}
	if (!b) {
		if (!(b = gate_calloc(1, sizeof(*b), err)))
			return -1;
		*cache = b;
	}
	if (!b->head) {
		if (gate_patchid_compute(&b->head, ctx->repo, ctx->change->base, ctx->change->head,
					 err) < 0)
			return -1;
	}
	if (ids_of(b, ctx, commit, &ids, reason, err) < 0)
		return -1;
	if (!ids)
		return 0;
	if (p->approval_binding == GATE_BIND_DIFF) {
		const char *path = NULL;

		if (!gate_patchid_same(ids, b->head, NULL, NULL, &path))
			for (t = 0; t < p->ntiers; t++)
				differs[t] = path ? path : "";
		return 1;
	}
	if (!b->paths && index_paths(b, ctx, res, err) < 0)
		return -1;
	for (t = 0; t < p->ntiers; t++) {
		tier_scope s;
		const char *path = NULL;

		if (ctx->tier_nfiles[t] == 0)
			continue;
		s.ctx = ctx;
		s.b = b;
		s.tier = t;
		if (!gate_patchid_same(ids, b->head, in_tier, &s, &path))
			differs[t] = path ? path : "";
	}
	return 1;
}
