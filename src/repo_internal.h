/*
 * Library-internal access to the repository behind a gate_repo, for the
 * repository-facing modules (change, commitgraph, renames, diffstat,
 * content, ...). Not a public header: cmd/ and the tests never see libgit2
 * types.
 */
#ifndef RISKGATE_SRC_REPO_INTERNAL_H
#define RISKGATE_SRC_REPO_INTERNAL_H

#include <stddef.h>

#include <git2.h>

#include "riskgate/change.h"
#include "riskgate/error.h"

/* How much of a user-supplied revision appears in a message. */
#define GATE_REV_FMT "%.200s"

struct gate_repo {
	git_repository *git;
	int shallow_loaded;
	/* The shallow boundary commits, sorted; git treats them as parentless. */
	git_oid *shallow;
	size_t nshallow;
	size_t ashallow;
	/* gate_repo_set_expiry: asked between units of reading work. */
	int (*expired)(void *payload);
	void *expired_payload;
};

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
