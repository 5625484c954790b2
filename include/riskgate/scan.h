/*
 * Whether a blob's bytes can be read as text: the one definition of
 * "binary" every part of the gate asks (the change's line counts, rename
 * scoring, content rules, observability, line limits), and what makes a
 * changed file source code whose content the gate must be able to read.
 */
#ifndef RISKGATE_SCAN_H
#define RISKGATE_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "riskgate/change.h"
#include "riskgate/error.h"

struct gate_policy;

/* git looks for a NUL byte this far into a blob to call it binary. */
#define GATE_SCAN_FIRST_FEW_BYTES 8000

/* git's core.bigFileThreshold default: bigger blobs are binary unread. */
#define GATE_SCAN_BIG_FILE_THRESHOLD ((uint64_t)512 * 1024 * 1024)

/*
 * git's rule, and the only one the gate uses: a blob is binary when it is
 * larger than core.bigFileThreshold (`total` bytes; `buf` may then be
 * NULL) or has a NUL byte in its first 8000 bytes (`buf`, `size` bytes of
 * it). .gitattributes is not consulted: a change must not be able to
 * declare its own lines binary and hide them.
 */
int gate_scan_is_binary(const void *buf, size_t size, uint64_t total);

/* Whether `buf` is a Git LFS pointer file (the code lives elsewhere). */
int gate_scan_is_lfs_pointer(const void *buf, size_t size);

/* Whether `buf` starts with a "#!" interpreter line. */
int gate_scan_has_shebang(const void *buf, size_t size);

/*
 * Whether `file` is source code in the eyes of `policy`: its path matches
 * the files of one of the policy's languages, or its name has no extension
 * and its new version (`head`, `size` bytes of its start; may be NULL)
 * starts with a shebang. Returns 1, 0, or -1 on a regex error.
 */
int gate_scan_is_source(struct gate_policy *policy, const gate_file *file, const void *head,
			size_t size, gate_error *err);

/*
 * Whether `path` matches the policy's `assets` patterns: binary files the
 * policy allows without reading them. Returns 1, 0, or -1.
 */
int gate_scan_is_asset(struct gate_policy *policy, const char *path, size_t len, gate_error *err);

/*
 * The lines a binary change may hide, for line limits: the line count of
 * the old and of the new version of `file` (a rewrite), each counted as
 * `git diff --text` would (newlines, plus one for an unterminated last
 * line). A blob over `max_size` bytes counts one line per byte. Returns 0
 * with *out set, -1 with GATE_ERR_REPO when a blob cannot be read.
 */
int gate_scan_binary_lines(size_t *out, gate_repo *repo, const gate_file *file, size_t max_size,
			   gate_error *err);

#endif
