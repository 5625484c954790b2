/*
 * The content a change adds to one file: the new version of the file (read
 * from the head tree's blob through libgit2, never from the working
 * directory) and the line numbers of its added lines, as git's diff
 * computes them. Content rules and observability checks read through this.
 */
#ifndef RISKGATE_CONTENT_H
#define RISKGATE_CONTENT_H

#include <stddef.h>

#include "riskgate/change.h"
#include "riskgate/error.h"

/*
 * One file's new content. When `skipped` is set, nothing else is filled and
 * `skip_reason` says why ("binary", "larger than the size cap", a Git LFS
 * pointer, "symlink", "submodule", "deleted"). Otherwise lines are 1-based: line i spans
 * data[line_start[i-1] .. line_start[i]) including its newline; `added`
 * lists the added lines in ascending order.
 */
typedef struct {
	const char *data;
	size_t size;
	size_t nlines;
	size_t *line_start;
	size_t *added;
	size_t nadded;
	int skipped;
	int too_big; /* skipped for being larger than the size cap */
	/* Skipped because the new version cannot be read as text: binary
	 * (gate_scan_is_binary), larger than the size cap, or a Git LFS
	 * pointer. Not set for deletions, symlinks and submodules. */
	int unscannable;
	int shebang; /* the new version starts with "#!" (when it was read) */
	const char *skip_reason;
	void *blob; /* keeps `data` alive */
} gate_content;

/*
 * Loads the new content of `file` and its added lines. Files larger than
 * `max_size` bytes, binary files (gate_scan_is_binary) and Git LFS pointers
 * are skipped (content->skipped and content->unscannable), not scanned. Returns 0, or -1 with
 * GATE_ERR_REPO when an object is missing. Release with gate_content_dispose.
 */
int gate_content_load(gate_content *out, gate_repo *repo, const gate_file *file, size_t max_size,
		      gate_error *err);

void gate_content_dispose(gate_content *content);

/*
 * Says that gate_content_load will be asked for the `n` files at `files`,
 * in that order, through `repo`: their new versions are read ahead on the
 * second core, when there are enough and threads are wanted, and loads in
 * another order or of other files work as before. Until
 * gate_content_ahead_stop(repo), which must follow (it is a no-op when
 * nothing was started). Returns 0, or -1 when out of memory.
 */
int gate_content_ahead(gate_repo *repo, const gate_file *const *files, size_t n, gate_error *err);
void gate_content_ahead_stop(gate_repo *repo);

/* A content over `len` bytes of `text` (borrowed: it must outlive the
 * content) in which every line counts as added, as the lines of a
 * fixture do. Returns 0, or -1 when out of memory. Release with
 * gate_content_dispose. */
int gate_content_from_text(gate_content *out, const char *text, size_t len, gate_error *err);

/* Whether line `n` is one of the added lines. */
int gate_content_is_added(const gate_content *content, size_t n);

/* Line `n` (1-based, n <= nlines) without its line terminator ("\n" or
 * "\r\n"); *len receives its length. */
const char *gate_content_line(const gate_content *content, size_t n, size_t *len);

#endif
