/*
 * What `audit` looks at: a range "A..B" given on the command line, or a
 * branch measured against the repository's default branch.
 */
#include "riskgate/banned.h"

#include "riskgate/audit.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>

#include "repo_internal.h"

static char *dup_side(const char *s, size_t len, gate_error *err)
{
	char *copy;

	if (len == 0)
		return gate_strdup("HEAD", err);
	if ((copy = gate_malloc(len + 1, err)) == NULL)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

int gate_audit_split_range(char **base, char **head, const char *range, gate_error *err)
{
	const char *dots = strstr(range, "..");

	*base = *head = NULL;
	if (!dots)
		return gate_error_set(err, GATE_ERR_USAGE,
				      "'%.200s' is not a range: expected A..B (the commits of B "
				      "that are not in A) or --branch REF",
				      range);
	if (dots[2] == '.')
		return gate_error_set(err, GATE_ERR_USAGE,
				      "'%.200s': symmetric ranges (A...B) are not supported; "
				      "use A..B",
				      range);
	if (strstr(dots + 2, "..") || (dots == range && dots[2] == '\0'))
		return gate_error_set(err, GATE_ERR_USAGE, "'%.200s' is not a range A..B", range);
	if ((*base = dup_side(range, (size_t)(dots - range), err)) == NULL ||
	    (*head = dup_side(dots + 2, strlen(dots + 2), err)) == NULL) {
		free(*base);
		*base = NULL;
		return -1;
	}
	return 0;
}

int gate_audit_default_branch(char **out, gate_repo *repo, gate_error *err)
{
	static const char *const candidates[] = {"refs/remotes/origin/HEAD", "refs/heads/main",
						 "refs/heads/master", NULL};
	char hex[GATE_OID_HEX + 1];
	gate_error scratch;
	size_t i;

	*out = NULL;
	for (i = 0; candidates[i]; i++) {
		gate_error_init(&scratch);
		if (gate_repo_resolve(hex, repo, candidates[i], &scratch) == 0) {
			*out = gate_strdup(candidates[i], err);
			return *out ? 0 : -1;
		}
	}
	return gate_error_set(err, GATE_ERR_USAGE,
			      "no default branch to audit --branch against: none of "
			      "origin/HEAD, main or master exists; pass a range instead "
			      "(riskgate audit BASE..BRANCH)");
}

/* An audit commit's index, found by id. */
typedef struct {
	const char *sha;
	size_t index;
} by_id;

static int by_id_cmp(const void *a, const void *b)
{
	return strcmp(((const by_id *)a)->sha, ((const by_id *)b)->sha);
}

static const by_id *find_id(const by_id *ids, size_t n, const char *sha)
{
	by_id key;

	key.sha = sha;
	key.index = 0;
	return bsearch(&key, ids, n, sizeof(*ids), by_id_cmp);
}

/* Gives the commits of `note` (on commits[at]) its state: every commit of
 * the audit reachable from it and not from the range it records, unless a
 * later note gave it one. */
static int cover(gate_audit_landed *out, gate_repo *repo, const gate_commit *commits,
		 const by_id *ids, size_t n, size_t at, const gate_verdict_note *note,
		 const char *base, gate_error *err)
{
	const char *hide[3];
	git_revwalk *walk = NULL;
	git_oid oid;
	size_t k;
	int rc, error = -1;

	hide[0] = note->merge_base;
	hide[1] = note->base;
	hide[2] = base;
	if (git_revwalk_new(&walk, gate_repo_git(repo)) < 0 ||
	    git_oid_fromstr(&oid, commits[at].sha) < 0 || git_revwalk_push(walk, &oid) < 0)
		goto git_failed;
	for (k = 0; k < 3; k++) {
		if (!hide[k] || !hide[k][0] || git_oid_fromstr(&oid, hide[k]) < 0)
			continue;
		/* A recorded commit this repository does not have hides nothing;
		 * the audit's own base still bounds the walk. */
		if (git_revwalk_hide(walk, &oid) < 0)
			git_error_clear();
	}
	while ((rc = git_revwalk_next(&oid, walk)) == 0) {
		char hex[GATE_OID_HEX + 1];
		const by_id *hit;

		git_oid_tostr(hex, sizeof(hex), &oid);
		if (!(hit = find_id(ids, n, hex)) || out[hit->index].state != GATE_LANDED_NONE)
			continue;
		out[hit->index].state = note->landed;
		memcpy(out[hit->index].note_commit, commits[at].sha, GATE_OID_HEX + 1);
		memcpy(out[hit->index].override_by, note->override_by, sizeof(note->override_by));
	}
	if (rc != GIT_ITEROVER)
		goto git_failed;
	error = 0;
	goto done;
git_failed:
	gate_error_from_git(err, GATE_ERR_REPO, "reading the commits a verdict covers");
done:
	git_revwalk_free(walk);
	return error;
}

int gate_audit_landed_find(gate_audit_landed *out, gate_repo *repo, const gate_commit *commits,
			   size_t n, const char *base, gate_error *err)
{
	gate_verdict_note note;
	by_id *ids;
	size_t i;
	int error = -1;

	memset(out, 0, n * sizeof(*out));
	if (n == 0)
		return 0;
	if (!(ids = gate_calloc(n, sizeof(*ids), err)))
		return -1;
	for (i = 0; i < n; i++) {
		ids[i].sha = commits[i].sha;
		ids[i].index = i;
	}
	qsort(ids, n, sizeof(*ids), by_id_cmp);
	/* Newest first: the latest evaluation that holds a commit is the one
	 * it landed with. */
	for (i = 0; i < n; i++) {
		if (gate_verdict_note_read(&note, repo, commits[i].sha, NULL, NULL, err) < 0)
			goto done;
		if (note.landed == GATE_LANDED_NONE)
			continue;
		if (note.landed == GATE_LANDED_INVALID) {
			if (out[i].state == GATE_LANDED_NONE) {
				out[i].state = GATE_LANDED_INVALID;
				memcpy(out[i].note_commit, commits[i].sha, GATE_OID_HEX + 1);
				memcpy(out[i].problem, note.problem, sizeof(out[i].problem));
			}
			continue;
		}
		if (cover(out, repo, commits, ids, n, i, &note, base, err) < 0)
			goto done;
	}
	error = 0;
done:
	free(ids);
	return error;
}
