/*
 * Commit-message trailers ("Signed-off-by: ...", "Co-authored-by: ..."),
 * read exactly as git 2.39 reads an existing commit's trailers for
 * `git log --format='%(trailers:only,unfold)'` with default configuration,
 * and the split of an identity value ("Name <email>") into its two parts.
 */
#ifndef RISKGATE_TRAILERS_H
#define RISKGATE_TRAILERS_H

#include <stddef.h>

#include "riskgate/error.h"

/*
 * One trailer. Both strings are NUL-terminated heap copies owned by the
 * list. `key` is the token as written, without surrounding whitespace (its
 * case is kept); `value` has its continuation lines folded into single
 * spaces and no surrounding whitespace, byte for byte what git prints after
 * "key: ". Neither contains a NUL byte; `value` contains no newline. The
 * bytes are the message's own and need not be valid UTF-8.
 */
typedef struct {
	char *key;
	char *value;
} gate_trailer;

/* A list of trailers in message order: `items` holds `count` of `alloc`. */
typedef struct {
	gate_trailer *items;
	size_t count;
	size_t alloc;
} gate_trailers;

/* Sets up an empty list. */
void gate_trailers_init(gate_trailers *t);

/* Frees every trailer and the array; the list is empty (and reusable)
 * afterwards. Accepts NULL. */
void gate_trailers_dispose(gate_trailers *t);

/*
 * Appends to `out` the trailers of the commit message `msg` (`len` bytes:
 * the message as stored in the commit object, after the header's blank
 * line; leading blank lines are skipped as git does). Like git, which holds
 * a message as a C string, it reads only up to the first NUL byte. Runs in
 * time linear in `len`, whatever the input. Returns 0, or -1 with
 * GATE_ERR_NOMEM in `err`; on failure `out` keeps what it held before.
 *
 * NEEDSWORK: for a commit with an "encoding" header other than UTF-8, git
 * log re-encodes the message to UTF-8 before reading its trailers; the
 * bytes given here are read as they are.
 */
int gate_trailers_parse(gate_trailers *out, const char *msg, size_t len, gate_error *err);

/*
 * The value of the first trailer whose key equals `key` ignoring ASCII
 * case, or NULL when there is none. The string is borrowed from `t`.
 */
const char *gate_trailers_get(const gate_trailers *t, const char *key);

/*
 * Splits an identity such as a Signed-off-by value into a name and an
 * email, both trimmed of surrounding whitespace:
 *   "A U Thor <a@example.com>"  name "A U Thor", email "a@example.com"
 *   "<a@example.com>"           name "",         email "a@example.com"
 *   "a@example.com"             name "",         email "a@example.com"
 *   "A U Thor"                  name "A U Thor", email ""
 * The email is what lies between the first '<' and the first '>' after
 * it, the name what precedes that '<'; text after the '>' is ignored.
 * Without such a pair, a value with an '@' and no whitespace is an email,
 * anything else a name. *name and *email are new strings for the caller to
 * free(), either of them possibly empty; both are NULL after a failure.
 * Returns 0, or -1 with GATE_ERR_NOMEM.
 */
int gate_ident_parse(const char *value, char **name, char **email, gate_error *err);

#endif
