/*
 * What the reviews loader (src/reviews.c) and the teams, permissions and
 * logins loaders (src/teams.c) share: reading an input file, bounding the
 * number of JSON values before parsing, and errors that point into the file.
 */
#ifndef RISKGATE_SRC_APPROVALS_INTERNAL_H
#define RISKGATE_SRC_APPROVALS_INTERNAL_H

#include <stddef.h>

#include "riskgate/approvals.h"
#include "riskgate/buf.h"
#include "riskgate/jsonc.h"

/*
 * Where error positions go. The reviews input may be several JSON texts one
 * after the other, each parsed on its own; line0/col0 is where the current
 * one starts in the whole input, so that positions jsonc reports relative to
 * that text can be moved back into the file. The other files are one text:
 * line0 = col0 = 1.
 */
typedef struct {
	const char *file;
	size_t line0;
	size_t col0;
	gate_error *err;
} gate_approvals__reader;

/* Review states as GitHub writes them; only the first three take part in
 * finding a user's latest review. */
typedef enum {
	GATE_RS_APPROVED,
	GATE_RS_CHANGES_REQUESTED,
	GATE_RS_DISMISSED,
	GATE_RS_COMMENTED,
	GATE_RS_PENDING
} gate_approvals__state;

/* A point in time: seconds since 1970-01-01T00:00:00Z and nanoseconds. */
typedef struct {
	long long secs;
	long nanos;
} gate_approvals__stamp;

/*
 * One APPROVED, CHANGES_REQUESTED or DISMISSED review by a live account, as
 * the reviews loader read it, before the latest per user is found
 * (gate_approvers__standing). The strings are owned until moved into a
 * gate_review (then set to NULL). `commit_id` is lower-cased, "" when
 * absent; `user_type` is user.type or NULL. `index` is the review's
 * position among all entries of the input, the tie-breaker for equal times.
 */
typedef struct {
	char *login;
	char *submitted_at;
	char *association;
	gate_approvals__state state;
	char commit_id[GATE_REVIEW_OID_MAX + 1];
	gate_approvals__stamp at;
	size_t index;
	char *user_type;
	unsigned line, col;
} gate_approvals__entry;

/* The entries read so far; `alloc` is the capacity of `items`. */
typedef struct {
	gate_approvals__entry *items;
	size_t count;
	size_t alloc;
} gate_approvals__entries;

/* `v`, or UINT_MAX when it does not fit an unsigned. */
unsigned gate_approvals__clamp(size_t v);

/* Moves a position relative to the current JSON text into the whole input. */
void gate_approvals__map_pos(const gate_approvals__reader *R, size_t line, size_t col,
			     unsigned *oline, unsigned *ocol);

/* Records a GATE_ERR_INPUT error at `node` (a value of the current text);
 * returns -1. */
int gate_approvals__fail(gate_approvals__reader *R, const gate_json *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Like gate_approvals__fail, at the key of object member `node`. */
int gate_approvals__fail_key(gate_approvals__reader *R, const gate_json *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The name of `node`'s JSON type, for messages. */
const char *gate_approvals__type_name(const gate_json *node);

/*
 * Skips JSON whitespace and comments from `p`; returns the offset of the
 * next other byte, or len. An unterminated comment runs to the end: the JSON
 * parser, which sees the same bytes, then reports it.
 */
size_t gate_approvals__skip_blank(const char *text, size_t len, size_t p);

/*
 * Finds where the JSON value starting at `p` ends, without validating it:
 * brackets are counted outside strings and comments. A value that is not an
 * array or object (or is not JSON at all) is taken to run to the end, so the
 * parser reports what is wrong with it. Adds to *values an upper bound of
 * the number of values inside: every value is the root, the first element
 * of some container, or follows a comma. Returns the offset just past the
 * value, or (size_t)-1 once *values exceeds GATE_APPROVALS_MAX_VALUES.
 */
size_t gate_approvals__value_end(const char *text, size_t len, size_t p, size_t *values);

/* Reads the file at `path` ("-": standard input; at most
 * GATE_APPROVALS_MAX_SIZE bytes) into `buf`; *name is what error positions
 * call it. */
int gate_approvals__read_input(gate_buf *buf, const char *path, const char **name, gate_error *err);

/*
 * The start every one-text input file shares (teams, permissions, logins):
 * `text` NULL only when `len` is 0 (else an internal error naming `fn`),
 * `file` defaulting to `default_file`, the size and value-count limits,
 * then the parse into *root. Sets up `R` for error positions in the file.
 * Returns 0, or -1 with an error.
 */
int gate_approvals__parse_one(gate_json **root, gate_approvals__reader *R, const char *fn,
			      const char *text, size_t len, const char *file,
			      const char *default_file, gate_error *err);

#endif
