/*
 * CODEOWNERS with GitHub's semantics, or GitLab's sections: which owners the
 * host would require for a path, given the text of the CODEOWNERS file of
 * the base revision. The
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

/* GitLab: at most this many sections (distinct heading names) per file; a
 * file with more is refused. */
#define GATE_CODEOWNERS_MAX_SECTIONS 1000u

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

/*
 * As gate_codeowners_parse, in the given dialect. Under GATE_CODEOWNERS_GITLAB
 * a line that starts with "[" or "^[" is a section heading:
 * "[Name]", "[Name][N]" (N >= 1 approvals), "^[Name]" (optional), each
 * optionally followed by default owners for the entries under it that name
 * none; "!pattern" takes the paths it matches out of its section. Also
 * GATE_ERR_INPUT past GATE_CODEOWNERS_MAX_SECTIONS sections.
 */
int gate_codeowners_parse_dialect(gate_codeowners **out, const char *text, size_t len,
				  const char *file, gate_codeowners_dialect dialect,
				  gate_diags *diags, gate_error *err);

/* The dialect `co` was parsed in. */
gate_codeowners_dialect gate_codeowners_dialect_of(const gate_codeowners *co);

/* What one section says of a path (GitLab; GitHub's rules have one section,
 * named ""). Pointers are borrowed from the gate_codeowners. */
typedef struct {
	const char *section;       /* as first written; "" for the lines before any heading */
	unsigned approvals;        /* >= 1: approvals needed from `owners` */
	int optional;              /* "^[...]": never blocks */
	const char *const *owners; /* NULL when nowners is 0 */
	size_t nowners;
	unsigned line; /* the entry that matched */
} gate_codeowners_hit;

/* The number of sections of `co` (at least 1): the room `hits` needs. */
size_t gate_codeowners_nsections(const gate_codeowners *co);

/*
 * GitLab: for every section with a line matching `path`, the last such line
 * of that section ("the last pattern matching for each section is
 * applied"), in file order of the sections, into hits[0..*nhits). `hits`
 * has room for gate_codeowners_nsections(co). Returns 1 when any section
 * matches, 0 when none does, -1 as gate_codeowners_match.
 */
int gate_codeowners_match_sections(const gate_codeowners *co, const char *path, size_t len,
				   gate_codeowners_hit *hits, size_t *nhits, gate_error *err);

/* Frees the rules; accepts NULL. Invalidates every owner list returned. */
void gate_codeowners_free(gate_codeowners *co);

/*
 * Everyone who owns `path` under the dialect `co` was parsed in, for
 * showing and testing ownership (explain, policy fixtures): under GitHub's
 * rules the owners of the last matching line; under GitLab's the owners of
 * every section whose last matching entry applies to the path (exclusions
 * taken into account, optional sections included), each owner once, in the
 * order the sections first appear. Whether approvals suffice is the
 * codeowners check's question, which asks gate_codeowners_match_sections.
 *
 * Returns 1 when a line matches: *owners is an array of *nowners owner
 * words (the array is the caller's, free(); the words are borrowed from
 * `co`; NULL when *nowners is 0) and *line the 1-based line of the (first
 * section's) matching entry. Returns 0 when nothing matches (*owners NULL,
 * *nowners 0, *line 0), -1 as gate_codeowners_match.
 */
int gate_codeowners_owners(const char ***owners, size_t *nowners, unsigned *line,
			   const gate_codeowners *co, const char *path, size_t len,
			   gate_error *err);

/*
 * Finds the owners of the file at `path` (`len` bytes, repository-relative,
 * '/'-separated, no leading slash; any byte but NUL). The last line whose
 * pattern matches decides, as on GitHub; under GitLab's dialect that is the
 * last entry of the whole file, whatever its section (exclusions are not
 * applied): what a report shows beside the file, not what GitLab requires
 * (gate_codeowners_match_sections, gate_codeowners_owners).
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
