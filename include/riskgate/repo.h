/*
 * The repository a change is read from: opening it, resolving revisions,
 * the default base, reading a file at a revision, merge bases and commit
 * counts. Reading a change itself is riskgate/change.h.
 */
#ifndef RISKGATE_REPO_H
#define RISKGATE_REPO_H

#include <stddef.h>

#include "riskgate/buf.h"
#include "riskgate/error.h"

/* The length of a commit id in hex (SHA-1). */
#define GATE_OID_HEX 40

typedef struct gate_repo gate_repo;

/*
 * Opens the repository at or above `dir` (the current directory when NULL),
 * as git would discover it. The result is the caller's (gate_repo_free).
 * Errors are GATE_ERR_REPO.
 */
int gate_repo_open(gate_repo **out, const char *dir, gate_error *err);
void gate_repo_free(gate_repo *repo);

/*
 * Finds the default base (docs/commands.md, "`check`"): the upstream of the current branch, else
 * origin/HEAD. On success *out is the revision name used (caller frees).
 * When neither exists, fails with GATE_ERR_USAGE and a message saying to
 * pass --base.
 */
int gate_repo_default_base(char **out, gate_repo *repo, gate_error *err);

/*
 * Reads the blob at `path` in the tree of commit `commit_hex` into `out`.
 * Returns 1 when found, 0 when the tree has no such file (or it is not a
 * regular file), -1 on error.
 */
int gate_repo_read_file(gate_buf *out, gate_repo *repo, const char *commit_hex, const char *path,
			gate_error *err);

/*
 * Reads the blob `oid_hex` (40 hex digits) into `out`: 0, or 1 without
 * reading it when it is larger than `max` bytes, or -1 when it cannot be
 * read (GATE_ERR_REPO).
 */
int gate_repo_read_blob(gate_buf *out, gate_repo *repo, const char *oid_hex, size_t max,
			gate_error *err);

/*
 * The URL of remote `name` as configured (remote.NAME.url, before any
 * insteadOf rewriting): *out is the caller's, NULL when it is not set.
 * Returns 0 or -1.
 */
int gate_repo_remote_url(char **out, gate_repo *repo, const char *name, gate_error *err);

/*
 * Resolves `rev` (any revision expression libgit2 understands) to a commit
 * and writes its full hex id into `out` (41 bytes). GATE_ERR_REPO with the
 * revision named when it does not exist.
 */
int gate_repo_resolve(char out[GATE_OID_HEX + 1], gate_repo *repo, const char *rev,
		      gate_error *err);

/* Makes the reading of changes from `repo` stop with an error once
 * `expired(payload)` answers non-zero (asked between units of work); NULL
 * clears it. The hook uses it for its deadline. */
void gate_repo_set_expiry(gate_repo *repo, int (*expired)(void *payload), void *payload);

/* Lets go of the blobs kept since they were first read (each changed file
 * is read once for rename detection, line counts and content checks), when
 * the evaluation that read them is over. */
void gate_repo_drop_blobs(gate_repo *repo);

/* How many bytes of blob content a repository keeps: a pull request's or a
 * push's changed files fit (a 1,000-commit push of 2,700 files is about
 * 19 MiB, old and new sides); a larger change keeps the first ones read. */
#define GATE_REPO_BLOB_BUDGET ((size_t)24 << 20)

/* How many blobs `repo` keeps now, and their bytes (for tests). */
void gate_repo_blob_stats(const gate_repo *repo, size_t *nblobs, size_t *bytes);

/*
 * What the commit walks read of commit `sha` (40 hex digits) from the
 * repository's pack files alone: the reader that spares them inflating
 * whole commits, on its own (for tests and fuzzing). 1 with the commit's
 * parents (hex: the first `max` of them into `parents`, all of them
 * counted in *nparents) and committer time; 0 when that reader gives no
 * answer, and the walks read the commit through libgit2 (not in a pack, a
 * delta, a header not in the form git writes); -1 with GATE_ERR_INPUT for
 * an id that is not 40 hex digits. The packs are looked up on each call.
 */
int gate_repo_packed_commit(gate_repo *repo, const char *sha, char (*parents)[GATE_OID_HEX + 1],
			    size_t max, size_t *nparents, long long *time, gate_error *err);

/*
 * The merge base of `a_rev` and `b_rev`, as `git merge-base` prints it, into
 * `out` (41 bytes). *found is 0 (and `out` empty) when the histories do not
 * meet. Returns 0 or -1 (GATE_ERR_REPO, GATE_ERR_SHALLOW).
 */
int gate_repo_merge_base(char out[GATE_OID_HEX + 1], int *found, gate_repo *repo, const char *a_rev,
			 const char *b_rev, gate_error *err);

/*
 * Counts the commits of `git rev-list HEAD ^HIDE1 ^HIDE2 ...` into *out
 * (`hide` may be empty). Returns 0 or -1.
 */
int gate_repo_count_range(size_t *out, gate_repo *repo, const char *const *hide, size_t nhide,
			  const char *head_rev, gate_error *err);

#endif
