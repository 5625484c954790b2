/*
 * CODEOWNERS with GitHub's semantics: which owners GitHub would require for
 * a path, given the text of the CODEOWNERS file of the base revision. The
 * parser is lenient the way GitHub is at run time (an invalid line is
 * skipped) and reports every such line for `policy lint`.
 */
#ifndef RISKGATE_CODEOWNERS_H
#define RISKGATE_CODEOWNERS_H

#include <stddef.h>

#include "riskgate/diag.h"
#include "riskgate/error.h"

/* GitHub: "CODEOWNERS files must be under 3 MB in size. A CODEOWNERS file
 * over this limit will not be loaded". A text of this many bytes or more is
 * refused. */
#define GATE_CODEOWNERS_MAX_SIZE (3u * 1024u * 1024u)

/* At most this many problems are recorded per file; one more diagnostic then
 * says that the rest were left out (a hostile file cannot flood memory). */
#define GATE_CODEOWNERS_MAX_DIAGS 200u

typedef struct gate_codeowners gate_codeowners;

/* Which vendor's rules a CODEOWNERS file follows (docs/policy.md, "`codeowners`"). */
typedef enum {
	GATE_CODEOWNERS_GITHUB = 0, /* the last matching line decides */
	GATE_CODEOWNERS_GITLAB      /* sections; the last match in each section applies */
} gate_codeowners_dialect;

/*
 * Parses `len` bytes of `text` (which need not be NUL-terminated and may be
 * NULL when len is 0). `file` names the text in diagnostics ("CODEOWNERS" when
 * NULL).
 *
 * Like GitHub at run time, an invalid line is skipped, never fatal: negation
 * (`!`), an unescaped `[` or `]`, an escaped leading `\#`, `***`, an empty
 * path segment, the pattern `/`, a trailing backslash, a NUL byte, or an
 * owner that is not `@user`, `@org/team` or an email address. When `diags`
 * is not NULL each such line is appended to it (FILE, line, byte column,
 * message, warning = 0), as are suspicious lines that are kept (warning = 1).
 * The caller disposes of `diags` (gate_diags_dispose).
 *
 * Returns 0 and the rules in *out (the caller's, gate_codeowners_free), or -1
 * with *out NULL: GATE_ERR_INPUT when the text is GATE_CODEOWNERS_MAX_SIZE
 * bytes or more (GitHub does not load it), GATE_ERR_NOMEM when out of memory.
 * Finding the file (.github/, root, docs/ of the base revision, first found)
 * is the caller's job.
 */
int gate_codeowners_parse(gate_codeowners **out, const char *text, size_t len, const char *file,
			  gate_diags *diags, gate_error *err);

/* Frees the rules; accepts NULL. Invalidates every owner list returned. */
void gate_codeowners_free(gate_codeowners *co);

/*
 * Finds the owners of the file at `path` (`len` bytes, repository-relative,
 * '/'-separated, no leading slash; any byte but NUL). The last line whose
 * pattern matches decides, as on GitHub.
 *
 * Returns 1 when a line matches: *owners is its owner list (borrowed from
 * `co`, as written in the file, e.g. "@org/team"; NULL when *nowners is 0)
 * and *line its 1-based line number. *nowners == 0 means the line names no
 * owners: the path is explicitly unowned. Returns 0 when no line matches
 * (*owners NULL, *nowners 0, *line 0). Returns -1 on an empty path or one
 * containing a NUL byte (GATE_ERR_INPUT) or when out of memory.
 *
 * Matching never backtracks: a line costs O(L) for a path of L bytes with
 * ordinary patterns, and never more than O(P x L) for a pattern of P bytes.
 */
int gate_codeowners_match(const gate_codeowners *co, const char *path, size_t len,
			  const char *const **owners, size_t *nowners, unsigned *line,
			  gate_error *err);

#endif
