/*
 * What a change is: the files that differ between the merge base of BASE and
 * HEAD and HEAD (what a pull request shows), and the commits reachable from
 * HEAD and not from BASE. Read straight from the object store with libgit2.
 */
#ifndef RISKGATE_CHANGE_H
#define RISKGATE_CHANGE_H

#include <stddef.h>

#include "riskgate/buf.h"
#include "riskgate/error.h"
#include "riskgate/repo.h"

/* Rename detection: git's default similarity, and the limit (git's
 * diff.renameLimit default) past which copies from modified files are no
 * longer looked for; renames always are. */
#define GATE_RENAME_THRESHOLD 50
#define GATE_RENAME_LIMIT     1000

typedef enum {
	GATE_STATUS_ADDED,
	GATE_STATUS_MODIFIED,
	GATE_STATUS_DELETED,
	GATE_STATUS_RENAMED,
	GATE_STATUS_COPIED,
	GATE_STATUS_TYPECHANGE
} gate_status;

/* Lines `start` .. `start + count - 1` (1-based) of a file's new version. */
typedef struct {
	size_t start;
	size_t count;
} gate_line_range;

/*
 * One changed file. `path` is the new path (the old one for a deletion);
 * `old_path` is set only for renames and copies. Paths are the raw bytes
 * git stores (any byte but NUL and they may not be valid UTF-8), always
 * NUL-terminated. Modes are git's (0100644, 0100755, 0120000 symlink,
 * 0160000 submodule, 0 when absent on that side). For binary files
 * additions and deletions are 0. When the line diff was computed
 * (`added_known`: text on both sides), `added` holds the new version's added
 * lines as ascending ranges, so that content checks need not diff again.
 * How a file is classified is not a fact of the change but of its
 * evaluation (gate_result's `classes`).
 */
typedef struct {
	char *path;
	size_t path_len;
	char *old_path;
	size_t old_path_len;
	gate_status status;
	int similarity;
	int binary;
	size_t additions;
	size_t deletions;
	unsigned old_mode;
	unsigned new_mode;
	char old_oid[GATE_OID_HEX + 1];
	char new_oid[GATE_OID_HEX + 1];
	gate_line_range *added;
	size_t nadded;
	int added_known;
} gate_file;

/* One commit of the change. Strings are NUL-terminated and may hold any
 * bytes the commit holds. */
typedef struct {
	char sha[GATE_OID_HEX + 1];
	char *author_name;
	char *author_email;
	char *committer_name;
	char *committer_email;
	long long author_time;
	char *message;
	size_t nparents;
	char (*parents)[GATE_OID_HEX + 1];
	/* The id of its tree; "" when not known (the per-commit comparison
	 * then reads the commit). */
	char tree[GATE_OID_HEX + 1];
} gate_commit;

/* The whole change. Files are sorted by path (bytewise), as git lists them. */
typedef struct {
	char base[GATE_OID_HEX + 1];
	char head[GATE_OID_HEX + 1];
	char merge_base[GATE_OID_HEX + 1];
	int shallow; /* the repository is a shallow clone */
	/* Rename detection is never limited; copy detection from files that
	 * stay (git's -C sources) is, past GATE_RENAME_LIMIT squared
	 * candidate pairs. Non-zero: how many such sources were left out. */
	size_t copies_limited;
	gate_file *files;
	size_t nfiles;
	gate_commit *commits;
	size_t ncommits;
	/* The paths each commit touched, read ahead on a second thread while
	 * the files are read (include/riskgate/history.h); NULL when not. */
	struct gate_history_prefetch *touched;
} gate_change;

/*
 * Reads the change from the merge base of `base_rev` and `head_rev` to
 * `head_rev`. Fails with GATE_ERR_REPO for unknown revisions or unrelated
 * histories, GATE_ERR_SHALLOW when the repository is shallow and its
 * history does not reach the merge base, and GATE_ERR_EMPTY when there is
 * nothing to evaluate (no commits and no changed files). The change is the
 * caller's (gate_change_free).
 */
int gate_change_read(gate_change **out, gate_repo *repo, const char *base_rev, const char *head_rev,
		     gate_error *err);

/*
 * Reads what commit `sha` (any revision naming a commit) changes on its
 * own: the files that differ from its first parent (the empty tree for a
 * root commit) to it, with the same rename and copy detection as
 * gate_change_read, and exactly that one commit in `commits`. A merge is
 * thus judged on what it changes against its first parent, conflict
 * resolutions included. `base` and `merge_base` are the first parent (""
 * for a root commit), `head` the commit. A commit with no changed file
 * (an empty commit) is not an error. Fails with GATE_ERR_REPO for an
 * unknown revision and GATE_ERR_SHALLOW for a shallow boundary commit.
 * The change is the caller's (gate_change_free).
 */
int gate_change_read_commit(gate_change **out, gate_repo *repo, const char *sha, gate_error *err);

void gate_change_free(gate_change *change);

/* The index of the file of `change` (may be NULL) whose path is the `len`
 * bytes of `path` (files are sorted by path, bytewise), or SIZE_MAX. */
size_t gate_change_file_index(const gate_change *change, const char *path, size_t len);

/*
 * Reads the change for a pushed ref (the pre-receive hook): the files that
 * differ from commit `from_rev` exactly (no merge base is computed; NULL
 * means the empty tree, and base and merge_base are then the all-zero id)
 * to `head_rev`, and the commits reachable from `head_rev` and from none of
 * the `nhide` revisions of `hide` (`git rev-list HEAD ^HIDE...`). Unlike
 * gate_change_read, a change with no commits is not an error: the caller
 * decides what it means. The change is the caller's (gate_change_free).
 */
int gate_change_read_hiding(gate_change **out, gate_repo *repo, const char *from_rev,
			    const char *head_rev, const char *const *hide, size_t nhide,
			    gate_error *err);

/* "added", "modified", ... */
const char *gate_status_name(gate_status status);

/* git's one-letter status: A, M, D, R, C, T. */
char gate_status_letter(gate_status status);

#endif
