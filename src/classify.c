/*
 * Tier classification of one path (docs/policy.md, "Tiers"): first tier whose path
 * patterns match and whose excludes do not; else the default tier. The files
 * that guard the gate itself, and those that change how git reads the tree
 * (.gitattributes, .lfsconfig, .gitmodules), are always in the highest tier.
 */
#include "riskgate/banned.h"

#include "riskgate/classify.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "prefilter.h"

static const char *const guarded[] = {".riskgate.json", "CODEOWNERS", ".github/CODEOWNERS",
				      "docs/CODEOWNERS", NULL};

/* Files that change how git and its tools read the tree: attributes at any
 * depth (-diff, binary, linguist-generated and filters hide or rewrite
 * content), and at the root the LFS configuration and the submodule map
 * (which point the checkout at other content). */
static const char *const guarded_any_depth[] = {".gitattributes", NULL};
static const char *const guarded_git_root[] = {".lfsconfig", ".gitmodules", NULL};

int gate_classify_is_guarded(const char *path, size_t len)
{
	const char *base = path;
	size_t i, blen;

	for (i = 0; guarded[i]; i++)
		if (strlen(guarded[i]) == len && memcmp(guarded[i], path, len) == 0)
			return 1;
	for (i = 0; guarded_git_root[i]; i++)
		if (strlen(guarded_git_root[i]) == len &&
		    memcmp(guarded_git_root[i], path, len) == 0)
			return 1;
	for (i = len; i > 0; i--)
		if (path[i - 1] == '/') {
			base = path + i;
			break;
		}
	blen = len - (size_t)(base - path);
	for (i = 0; guarded_any_depth[i]; i++)
		if (strlen(guarded_any_depth[i]) == blen &&
		    memcmp(guarded_any_depth[i], base, blen) == 0)
			return 1;
	return 0;
}

/*
 * The index: every tier's path and exclude patterns numbered in one list
 * (tier by tier, paths then excludes; `first[t]` is tier t's first), the
 * prefilter over them, and the candidate flags of the path being
 * classified.
 */
/* A path classified before, and its outcome. */
typedef struct {
	uint64_t hash;     /* 0: a free slot */
	uint32_t off, len; /* the path's bytes in `memo_paths` */
	gate_class cls;
} memo_entry;

/* At most this many paths, and this many bytes of them, are remembered:
 * a list of a million distinct paths (explain) keeps a bounded memo. */
#define MEMO_MAX_PATHS 65536
#define MEMO_MAX_BYTES ((size_t)8 << 20)

struct gate_classify_index {
	size_t calls; /* paths classified before the prefilter was built */
	int built;    /* the prefilter was tried (it may still be NULL) */
	gate_prefilter *pf;
	size_t *first; /* ntiers entries */
	unsigned char *cand;
	size_t n;
	/* The outcome of each path classified so far (a change's files come
	 * back once per commit that touches them): open addressing, a power
	 * of two slots, at most half of them used. */
	memo_entry *memo;
	size_t memo_slots, memo_count;
	size_t memo_lookups, memo_hits;
	int memo_full; /* it took all it may */
	int memo_off;  /* full, and rarely hit: paths that do not repeat */
	char *memo_paths;
	size_t memo_bytes, memo_alloc;
};

const char *gate_classify_prefilter_backend(void)
{
	return gate_prefilter_version();
}

void gate_classify_index_free(struct gate_classify_index *index)
{
	if (!index)
		return;
	gate_prefilter_free(index->pf);
	free(index->memo);
	free(index->memo_paths);
	free(index->first);
	free(index->cand);
	free(index);
}

static int index_build(struct gate_classify_index *ix, const gate_policy *policy, gate_error *err)
{
	const char **patterns = NULL;
	size_t t, i, k = 0;
	int error = -1;

	ix->built = 1;
	ix->n = 0;
	for (t = 0; t < policy->ntiers; t++)
		ix->n += policy->tiers[t].npaths + policy->tiers[t].nexclude;
	if (ix->n == 0)
		return 0;
	if (!(ix->first = gate_calloc(policy->ntiers, sizeof(*ix->first), err)) ||
	    !(ix->cand = gate_calloc(ix->n, 1, err)) ||
	    !(patterns = gate_calloc(ix->n, sizeof(*patterns), err)))
		goto done;
	for (t = 0; t < policy->ntiers; t++) {
		const gate_tier *tier = &policy->tiers[t];

		ix->first[t] = k;
		for (i = 0; i < tier->npaths + tier->nexclude; i++, k++) {
			const gate_pattern *p =
			    i < tier->npaths ? &tier->paths[i] : &tier->exclude[i - tier->npaths];

			patterns[k] = gate_regex_pattern(p->re);
		}
	}
	error = gate_prefilter_new(&ix->pf, patterns, ix->n, err);
done:
	free(patterns);
	return error;
}

void gate_classify_warm(gate_policy *policy)
{
	size_t t, i;

	for (t = 0; t < policy->ntiers; t++) {
		const gate_tier *tier = &policy->tiers[t];

		for (i = 0; i < tier->npaths; i++)
			gate_regex_prepare(tier->paths[i].re);
		for (i = 0; i < tier->nexclude; i++)
			gate_regex_prepare(tier->exclude[i].re);
	}
}

int gate_classify_prepare(gate_policy *policy, gate_error *err)
{
	struct gate_classify_index *ix = policy->classify_index;

	if (!ix) {
		if (!(ix = gate_calloc(1, sizeof(*ix), err)))
			return -1;
		policy->classify_index = ix;
	}
	if (!ix->built && index_build(ix, policy, err) < 0) {
		gate_prefilter_free(ix->pf);
		ix->pf = NULL;
		return -1;
	}
	return ix->pf != NULL;
}

static uint64_t path_hash(const char *path, size_t len)
{
	uint64_t h = 0xcbf29ce484222325ull;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)path[i];
		h *= 0x100000001b3ull;
	}
	return h ? h : 1;
}

static memo_entry *memo_find(struct gate_classify_index *ix, uint64_t h, const char *path,
			     size_t len)
{
	size_t mask = ix->memo_slots - 1, i;

	for (i = (size_t)h & mask;; i = (i + 1) & mask) {
		memo_entry *e = &ix->memo[i];

		if (!e->hash)
			return e;
		if (e->hash == h && e->len == len &&
		    memcmp(ix->memo_paths + e->off, path, len) == 0)
			return e;
	}
}

/* Remembers `cls` for `path`. Out of memory or full, it remembers nothing:
 * the memo only ever saves work. */
static void memo_put(struct gate_classify_index *ix, uint64_t h, const char *path, size_t len,
		     const gate_class *cls)
{
	memo_entry *e;

	if (ix->memo_count >= MEMO_MAX_PATHS || len > MEMO_MAX_BYTES - ix->memo_bytes) {
		ix->memo_full = 1;
		return;
	}
	if (2 * (ix->memo_count + 1) > ix->memo_slots) {
		size_t slots = ix->memo_slots ? 2 * ix->memo_slots : 1024, i;
		memo_entry *old = ix->memo, *grown = calloc(slots, sizeof(*grown));

		if (!grown)
			return;
		ix->memo = grown;
		ix->memo_slots = slots;
		for (i = 0; old && i < slots / 2; i++)
			if (old[i].hash)
				*memo_find(ix, old[i].hash, ix->memo_paths + old[i].off,
					   old[i].len) = old[i];
		free(old);
	}
	/* Allocated for the first path, even an empty one: every entry's
	 * bytes are then inside a buffer. */
	if (!ix->memo_paths || ix->memo_bytes + len > ix->memo_alloc) {
		size_t n = ix->memo_alloc ? 2 * ix->memo_alloc : 65536;
		char *grown;

		while (n < ix->memo_bytes + len)
			n *= 2;
		if (n > MEMO_MAX_BYTES)
			n = MEMO_MAX_BYTES;
		if (!(grown = realloc(ix->memo_paths, n)))
			return;
		ix->memo_paths = grown;
		ix->memo_alloc = n;
	}
	memcpy(ix->memo_paths + ix->memo_bytes, path, len);
	e = memo_find(ix, h, path, len);
	e->hash = h;
	e->off = (uint32_t)ix->memo_bytes;
	e->len = (uint32_t)len;
	e->cls = *cls;
	ix->memo_bytes += len;
	ix->memo_count++;
}

/* Matches the tiers' patterns in order (through the prefilter when built). */
static int classify_patterns(gate_class *out, gate_policy *policy, struct gate_classify_index *ix,
			     const char *path, size_t len, gate_error *err);

int gate_classify_path(gate_class *out, gate_policy *policy, const char *path, size_t len,
		       gate_error *err)
{
	struct gate_classify_index *ix = policy->classify_index;
	memo_entry *e;
	uint64_t h;

	if (gate_classify_is_guarded(path, len) ||
	    (policy->guarded_path && strlen(policy->guarded_path) == len &&
	     memcmp(policy->guarded_path, path, len) == 0)) {
		out->tier = 0;
		out->kind = GATE_MATCH_GUARDED;
		out->rule = NULL;
		return 0;
	}
	if (!ix && (ix = calloc(1, sizeof(*ix))) != NULL)
		policy->classify_index = ix;
	if (!ix)
		return classify_patterns(out, policy, NULL, path, len, err);
	if (ix->memo_off)
		return classify_patterns(out, policy, ix, path, len, err);
	h = path_hash(path, len);
	ix->memo_lookups++;
	if (ix->memo && (e = memo_find(ix, h, path, len))->hash) {
		ix->memo_hits++;
		*out = e->cls;
		return 0;
	}
	if (classify_patterns(out, policy, ix, path, len, err) < 0)
		return -1;
	memo_put(ix, h, path, len, out);
	/* A list of distinct paths (explain) fills the memo without using
	 * it: past that point looking paths up is only a cost. */
	if (ix->memo_full && ix->memo_hits < ix->memo_lookups / 10)
		ix->memo_off = 1;
	return 0;
}

/*
 * Whether the path matches pattern i of tier t (its paths, then its
 * excludes), which the scan, if made, did not rule out: PCRE2 decides. A
 * match PCRE2 cannot finish (a limit) is an error unless the scan rules
 * the pattern out: for a path classified before the index exists, the
 * index is built and the path scanned then, so the outcome does not depend
 * on how many paths came before it (docs/policy.md, "Pattern limits").
 */
static int pattern_matches(gate_policy *policy, struct gate_classify_index *ix, int *scanned,
			   size_t t, size_t i, gate_regex *re, const char *path, size_t len,
			   gate_error *err)
{
	gate_error mine, ignored;
	int rc;

	gate_error_init(&mine);
	rc = gate_regex_match(re, path, len, &mine);
	gate_error_init(&ignored);
	if (rc < 0 && !*scanned && ix && gate_classify_prepare(policy, &ignored) == 1) {
		gate_prefilter_scan(ix->pf, path, len, ix->cand);
		*scanned = 1;
		if (!ix->cand[ix->first[t] + i])
			return 0;
	}
	if (rc < 0 && err)
		*err = mine;
	return rc;
}

/* The first of `n` patterns of tier t that matches; `off`: where they
 * start among the tier's paths and excludes. */
static int tier_matches(gate_policy *policy, struct gate_classify_index *ix, int *scanned, size_t t,
			size_t off, gate_pattern *pats, size_t n, const char *path, size_t len,
			gate_pattern **hit, gate_error *err)
{
	const unsigned char *cand = *scanned ? ix->cand + ix->first[t] + off : NULL;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		if (cand && !cand[i])
			continue;
		rc = pattern_matches(policy, ix, scanned, t, off + i, pats[i].re, path, len, err);
		if (rc) {
			if (rc > 0 && hit)
				*hit = &pats[i];
			return rc;
		}
		if (!cand && *scanned)
			cand = ix->cand + ix->first[t] + off;
	}
	return 0;
}

static int classify_patterns(gate_class *out, gate_policy *policy, struct gate_classify_index *ix,
			     const char *path, size_t len, gate_error *err)
{
	size_t t;
	int rc, scanned = 0;

	/* Build the index once enough paths have come; should that fail
	 * (out of memory), every pattern is matched as before. */
	if (ix && !ix->built) {
		if (++ix->calls >= GATE_CLASSIFY_INDEX_AFTER) {
			gate_error ignored;

			gate_error_init(&ignored);
			gate_classify_prepare(policy, &ignored);
		}
	}
	if (ix && ix->pf) {
		gate_prefilter_scan(ix->pf, path, len, ix->cand);
		scanned = 1;
	}
	for (t = 0; t < policy->ntiers; t++) {
		gate_tier *tier = &policy->tiers[t];
		gate_pattern *hit = NULL;

		rc = tier_matches(policy, ix, &scanned, t, 0, tier->paths, tier->npaths, path, len,
				  &hit, err);
		if (rc < 0)
			return -1;
		if (!rc)
			continue;
		rc = tier_matches(policy, ix, &scanned, t, tier->npaths, tier->exclude,
				  tier->nexclude, path, len, NULL, err);
		if (rc < 0)
			return -1;
		if (rc)
			continue;
		out->tier = t;
		out->kind = GATE_MATCH_PATTERN;
		out->rule = hit;
		return 0;
	}
	out->tier = policy->default_tier;
	out->kind = GATE_MATCH_DEFAULT;
	out->rule = NULL;
	return 0;
}

int gate_classify_describe(gate_buf *out, const gate_policy *policy, const gate_class *cls,
			   gate_error *err)
{
	switch (cls->kind) {
	case GATE_MATCH_PATTERN:
		return gate_buf_printf(out, err, "%s:%u: %s",
				       policy->file ? policy->file : "policy", cls->rule->line,
				       cls->rule->pattern ? cls->rule->pattern : "");
	case GATE_MATCH_DEFAULT:
		return gate_buf_puts(out, "default_tier", err);
	case GATE_MATCH_GUARDED:
		return gate_buf_puts(
		    out,
		    "guarded: the policy file, CODEOWNERS and the files that change "
		    "how git reads the tree are always in the highest tier",
		    err);
	}
	return 0;
}
