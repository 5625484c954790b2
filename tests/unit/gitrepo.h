/*
 * Real git repositories for the unit tests, built with the git CLI: one
 * temporary directory per test program, a current repository inside it, and
 * helpers that run git, write files and commit there. A command that fails
 * is never ignored: the helpers print what failed and abort the running
 * test (the `fail` hook of gitrepo_start); only the *_try forms hand the
 * exit status back, for commands a test expects to fail.
 */
#ifndef RISKGATE_TESTS_GITREPO_H
#define RISKGATE_TESTS_GITREPO_H

#include <stddef.h>

#include "riskgate/buf.h"
#include "riskgate/change.h"

/*
 * Makes the run's temporary directory /tmp/riskgate-NAME-XXXXXX, points
 * HOME at it and clears the environment so that git sees nothing of the
 * user's setup (nor a hook's), with a fixed committer and the C locale.
 * `fail` is called after a failing command has been reported; it must not
 * return (unit.h's unit_abort ends the running test). NULL exits the
 * program. RISKGATE_TEST_KEEP in the environment keeps the directory.
 * Returns 0, or -1 with a message on standard error.
 */
int gitrepo_start(const char *name, void (*fail)(void));

/* Removes the run's directory, or says where it was kept (gitrepo_keep, a
 * test aborted by a failing command, or RISKGATE_TEST_KEEP). */
void gitrepo_finish(void);

/* Keeps the run's directory for a look after the run; gitrepo_kept says
 * whether it will be. */
void gitrepo_keep(void);
int gitrepo_kept(void);

/* The run's directory, and the current repository (a work tree). */
const char *gitrepo_top(void);
const char *gitrepo_dir(void);

/*
 * Makes `dir` (relative to the run's directory) a fresh repository on
 * branch main, with a fixed author and core.autocrlf off, and the current
 * one. The NULL-terminated arguments are pairs of further settings for
 * `git config`, e.g. "merge.directoryRenames", "false", NULL.
 */
void gitrepo_init(const char *dir, ...);

/* Makes `dir` (relative to the run's directory) the current repository,
 * without creating it: a clone made there, say. */
void gitrepo_use(const char *dir);

/*
 * Runs `git -C DIR ARGS...` (NULL-terminated arguments, no shell):
 * standard input from the file `in` (else /dev/null), standard output into
 * `out` (else discarded; binary-safe). What git writes to standard error
 * is shown only when it fails. gitrepo_git aborts the test when git fails;
 * gitrepo_git_try returns 0 when git exits with 0, else -1, and discards
 * standard error.
 */
void gitrepo_git(gate_buf *out, const char *in, ...);
int gitrepo_git_try(gate_buf *out, const char *in, ...);

/* Runs a shell command (printf-style); aborts the test when it does not
 * exit with 0, else returns 0. */
int gitrepo_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The full path of `path` of the current work tree, into `out`. */
void gitrepo_path(char *out, size_t size, const char *path);

/* Creates the missing directories above `path` of the work tree. */
void gitrepo_mkdirs_for(const char *path);

/* Work-tree files, by path relative to the current repository. Each aborts
 * the test when the file system says no (gitrepo_remove: a missing path is
 * fine). */
void gitrepo_write(const char *path, const void *data, size_t len, int exec);
void gitrepo_read(gate_buf *out, const char *path);
void gitrepo_remove(const char *path);
void gitrepo_symlink(const char *path, const char *target);
void gitrepo_move(const char *from, const char *to);

/* Stages everything (git add -A) and commits it with message `msg` (empty
 * commits allowed). */
void gitrepo_commit(const char *msg);

/* The full commit id `rev` names (git rev-parse --verify REV^{commit}). */
void gitrepo_rev(char out[GATE_OID_HEX + 1], const char *rev);

#endif
