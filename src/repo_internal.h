/*
 * Library-internal access to the repository behind a gate_repo, for the
 * repository-facing modules (change, commitgraph, renames, diffstat,
 * content, ...). Not a public header: cmd/ and the tests never see libgit2
 * types.
 */
#ifndef RISKGATE_SRC_REPO_INTERNAL_H
#define RISKGATE_SRC_REPO_INTERNAL_H

#include <pthread.h>
#include <stddef.h>

#include <git2.h>

#include "riskgate/change.h"
#include "riskgate/error.h"

/* How much of a user-supplied revision appears in a message. */
#define GATE_REV_FMT "%.200s"

struct gate_repo {
	git_repository *git;
	/* The directory gate_repo_open was given (NULL: the current one, or
	 * the environment's GIT_DIR), to open the same repository again. */
	char *dir;
	/* Opened from the environment (a hook's GIT_DIR): libgit2 then reads
	 * objects from GIT_OBJECT_DIRECTORY and its alternates. */
	int from_env;
	int shallow_loaded;
	/* The shallow boundary commits, sorted; git treats them as parentless. */
	git_oid *shallow;
	size_t nshallow;
	size_t ashallow;
	/* gate_repo_set_expiry: asked between units of reading work. */
	int (*expired)(void *payload);
	void *expired_payload;
	/* gate_repo__blob: the blobs already read, an open-addressing table of
	 * `ablobs` slots (a power of two, or 0), holding `blob_bytes` of
	 * content. */
	struct gate_blob_slot *blobs;
	size_t nblobs;
	size_t ablobs;
	size_t blob_bytes;
	int blobs_off; /* gate_repo__keep_blobs(repo, 0, ...) */
	/* gate_repo__keep_blobs' `only`: when not NULL, the sorted ids of the
	 * only blobs to keep. */
	git_oid *blobs_only;
	size_t nblobs_only;
	/* gate_repo__adopt_blobs: the other handles that read blobs of this
	 * table (a blob belongs to the handle that read it), each linked to
	 * the next by this same field; freed with the blobs. */
	struct gate_repo *adopted;
	/* gate_repo__ahead_start: the blobs being read ahead, or NULL. */
	struct gate_blob_ahead *ahead;
	/* gate_repo__tree: the raw trees read lately, GATE_REPO_TREE_SLOTS
	 * slots picked by the id's first bytes (NULL until the first read),
	 * holding `tree_bytes` of content; each slot records the round in
	 * which it was last read (`tree_round`, see gate_repo__tree). */
	struct gate_tree_slot *trees;
	size_t tree_bytes;
	unsigned long tree_round;
	/* gate_repo__notes_commit: the notes refs resolved so far, each with
	 * its notes commit (NULL: the ref does not exist). */
	struct {
		char *ref;
		git_commit *commit;
	} notes[4];
	size_t nnotes;
	/* The commits parsed by the last commit graph on this handle (see
	 * gate_commitgraph__init), or NULL. */
	struct gate_commitgraph *graph;
};

/* gate_repo__tree's slots, and the bytes of trees it keeps at most. */
#define GATE_REPO_TREE_SLOTS  4096
#define GATE_REPO_TREE_BUDGET ((size_t)4 << 20)

/*
 * Reads the object `id` raw through `odb` (the repository's) into *out, a
 * reference the caller frees with git_odb_object_free(): the way the tree
 * walker reads trees. Consecutive commits share most of their trees (a
 * commit's trees are its child's parent trees), and libgit2's own cache
 * drops them once the commits of a long range fill it, so the trees read
 * lately are kept here, up to GATE_REPO_TREE_BUDGET bytes. When a new one
 * would pass that, a new round starts: the trees not read since the last
 * one are dropped (all of them, if that is not enough). Returns as
 * git_odb_read().
 */
int gate_repo__tree(git_odb_object **out, gate_repo *repo, git_odb *odb, const git_oid *id);

/* Drops the trees gate_repo__tree keeps, when no more walks will use them. */
void gate_repo__drop_trees(gate_repo *repo);

/*
 * Reads the blob `id` into *out, a reference the caller frees with
 * git_blob_free(). The one way the modules read a changed file's content:
 * rename detection, line counts, content rules and observability each read
 * the same blobs, and this reads each once. Up to GATE_REPO_BLOB_BUDGET
 * bytes of blobs are kept until gate_repo_drop_blobs(); a blob read after
 * that is read from the object store every time. On failure returns
 * libgit2's error code with libgit2's error set, as git_blob_lookup().
 */
int gate_repo__blob(git_blob **out, gate_repo *repo, const git_oid *id);

/*
 * The commit notes ref `ref` points at, resolved once per repository
 * handle: every note a run reads from that ref comes from the same notes
 * commit, and a range of N commits does not look the ref up N times.
 * Returns 1 with *out borrowed (valid until gate_repo__notes_forget or
 * gate_repo_free), 0 with *out NULL when the ref does not exist, -1 on an
 * error (a ref that cannot be read is never "no notes").
 */
int gate_repo__notes_commit(git_commit **out, gate_repo *repo, const char *ref, gate_error *err);

/* Forgets the notes refs resolved so far: for a writer that moved one. */
void gate_repo__notes_forget(gate_repo *repo);

/* Whether gate_repo__blob keeps what it reads (it does unless told not to,
 * until gate_repo_drop_blobs): keep 0, none; keep 1 and `only` NULL, all;
 * keep 1 and `only` the `n` ids sorted with git_oid_cmp, just those. The
 * repository takes `only` (allocated with malloc) in every case. */
void gate_repo__keep_blobs(gate_repo *repo, int keep, git_oid *only, size_t n);

/* Makes `repo` keep the blobs `like` keeps: for a second handle reading
 * the same change. 0, or -1 when out of memory (it then keeps none). */
int gate_repo__keep_blobs_as(gate_repo *repo, const gate_repo *like);

/* The kept blob `id`, or NULL. */
git_blob *gate_repo__blob_kept(const gate_repo *repo, const git_oid *id);

/* Makes `repo` own handle `other` until its blobs are dropped. */
void gate_repo__adopt_handle(gate_repo *repo, gate_repo *other);

/*
 * Moves the blobs `other` kept into `repo`'s table, as far as `repo`'s
 * budget and rules take them, and gives `other` to `repo`: it stays open,
 * with only those blobs read through it, until gate_repo_drop_blobs(repo)
 * or gate_repo_free(repo). For a second thread's handle once the thread is
 * joined: what it read for the line counts is not read again for the
 * content rules.
 */
void gate_repo__adopt_blobs(gate_repo *repo, gate_repo *other);

/*
 * Reads ahead, on a second thread with a handle of its own, the blobs of
 * the `n` ids at `ids` that `repo` does not keep, in that order: the order
 * in which gate_repo__blob will ask for them, which then takes each from
 * there (asked out of order or not read yet, a blob is read as before).
 * At most GATE_REPO_AHEAD_BYTES of them wait to be asked for. For a check
 * that reads the new side of many files while the second core is idle.
 * Nothing is started for fewer than GATE_REPO_AHEAD_MIN blobs to read, or
 * when gate_repo__threads_wanted() says no. Ends with
 * gate_repo__ahead_stop(), which the caller calls in every case.
 */
#define GATE_REPO_AHEAD_MIN   8
#define GATE_REPO_AHEAD_BYTES ((size_t)1 << 20)
void gate_repo__ahead_start(gate_repo *repo, const git_oid *ids, size_t n);
void gate_repo__ahead_stop(gate_repo *repo);

/* Blob `id` from the read-ahead: 1 with *out, or 0 when it does not have
 * it (it is then read as without one). */
int gate_repo__ahead_take(struct gate_blob_ahead *a, const git_oid *id, git_blob **out);

/* Whether work may go to a second thread, on its own repository handle:
 * libgit2 is built thread-safe and RISKGATE_THREADS is not 1. */
int gate_repo__threads_wanted(void);

/*
 * Starts fn(arg) on a second thread: 0, or -1 when none could start (the
 * caller then does the work itself). Every thread riskgate starts starts
 * here, after the process is given one malloc arena: glibc would give each
 * thread an arena of its own, whose fresh pages cost page faults and
 * memory (git/git's v2.30.0...v2.47.0: peak anonymous memory 89-91 MiB
 * with one arena, 96-99 with two; a pull request of 83 files on git/git:
 * 5,100-6,500 page faults with one, 8,300-8,500 with one per thread).
 */
int gate_repo__thread_start(pthread_t *out, void *(*fn)(void *), void *arg);

/* The libgit2 repository of `repo` (borrowed). */
git_repository *gate_repo_git(gate_repo *repo);

/* 0 while the reading may go on; -1 with GATE_ERR_DEADLINE once the expiry
 * set with gate_repo_set_expiry says time is up. */
int gate_repo__expired(gate_repo *repo, gate_error *err);

/* Records libgit2's last error in `err` with a formatted context, as class
 * `klass`. Returns -1. */
int gate_repo__fail(gate_error *err, gate_error_class klass, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes the full hex form of `oid` (41 bytes with the NUL). */
void gate_repo__oid_hex(char out[GATE_OID_HEX + 1], const git_oid *oid);

/*
 * Resolves `rev` to a commit id into *out. A reference name wins over
 * libgit2's describe-style parsing, except that a full hex id is always the
 * object. Returns 0, or -1 with GATE_ERR_REPO naming the revision.
 */
int gate_repo__resolve_commit(git_oid *out, gate_repo *repo, const char *rev, gate_error *err);

/* Reads the shallow boundary of `repo` once (later calls do nothing).
 * Returns 0 or -1 (GATE_ERR_REPO for a malformed shallow file). */
int gate_repo__load_shallow(gate_repo *repo, gate_error *err);

/* Whether `oid` is a shallow boundary commit (after
 * gate_repo__load_shallow). */
int gate_repo__is_shallow(const gate_repo *repo, const git_oid *oid);

#endif
