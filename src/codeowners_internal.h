/*
 * The internals of CODEOWNERS (include/riskgate/codeowners.h) shared by the
 * parser and matcher (src/codeowners.c) and GitLab's sections
 * (src/codeowners_gitlab.c).
 */
#ifndef RISKGATE_CODEOWNERS_INTERNAL_H
#define RISKGATE_CODEOWNERS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "riskgate/buf.h"
#include "riskgate/codeowners.h"

/*
 * A pattern is compiled to a list of segments (what lies between slashes);
 * a segment is either "**" or a list of tokens, each of which matches one
 * character of a path segment (TOK_LIT, TOK_ANY) or any run of them
 * (TOK_STAR). A "character" is a valid UTF-8 sequence, or else one byte, so
 * that `?` matches "é" the way GitHub matches characters, not bytes.
 */
enum { TOK_LIT, TOK_ANY, TOK_STAR };

typedef struct {
	unsigned char kind;
	unsigned char len; /* TOK_LIT: bytes used in b, 1 to 4 (one character) */
	unsigned char b[4];
} co_tok;

/*
 * Indices are 32-bit: a text under GATE_CODEOWNERS_MAX_SIZE bytes yields
 * fewer than 2^32 tokens, segments and owners, and smaller rules keep a
 * file of millions of one-character lines within a few tens of bytes per
 * line.
 */
typedef struct {
	uint32_t tok, ntok;      /* co->toks[tok, tok + ntok); none for "**" */
	unsigned char dstar;     /* the segment is "**": any number of whole segments */
	unsigned char lone_star; /* the segment is exactly "*" */
} co_seg;

/*
 * One line of the file that GitHub accepts: co->segs[seg, seg + nsegs) and
 * co->owners[owner, owner + nowners). Invariants: nsegs >= 1; no two "**"
 * segments are adjacent; has_dstar says whether any segment is "**";
 * descend is set when the last segment is neither "**" nor a lone "*" (then
 * a match of a directory also matches everything under it).
 */
typedef struct {
	uint32_t seg, nsegs;
	uint32_t owner, nowners;
	uint32_t section; /* index into co->sections; always 0 under GitHub's rules */
	unsigned line;
	unsigned char exclude; /* GitLab "!pattern": matching paths leave the section */
	unsigned char has_dstar;
	unsigned char descend;
} co_rule;

/*
 * A section (GitLab): its name (name_off into co->text while parsing, then
 * `name`; "" for section 0), the approvals it needs (>= 1) and whether it is
 * optional. Headings of one name combine: the section is optional only when
 * every heading says so, and needs the largest count any heading gives.
 */
typedef struct {
	size_t name_off;
	const char *name;
	unsigned approvals;
	unsigned char optional;
	unsigned line; /* of its first heading; 0 for section 0 */
} co_section;

/*
 * All rules share three arrays and one text buffer, so a file costs a few
 * allocations however many lines it has. While parsing, owner_off holds the
 * offset of each owner word in `text`; at the end `owners` points into it.
 */
struct gate_codeowners {
	co_rule *rules; /* in file order: the last match wins */
	size_t nrules, arules;
	co_seg *segs;
	size_t nsegs, asegs;
	co_tok *toks;
	size_t ntoks, atoks;
	size_t *owner_off;
	size_t nowners, aowners;
	gate_buf text;       /* the owner words, each NUL-terminated */
	const char **owners; /* nowners pointers into text.ptr, once parsed */
	gate_codeowners_dialect dialect;
	/* Sections (GitLab): section 0 holds the lines before any heading
	 * (GitHub: every line). Headings with the same name, compared without
	 * case, are one section. 1 <= nsections <= GATE_CODEOWNERS_MAX_SECTIONS. */
	co_section *sections;
	size_t nsections, asections;
	int has_exclusions; /* some rule has `exclude` set */
};

typedef struct {
	const char *file;
	gate_diags *diags;
	size_t ndiags; /* recorded by this parse, including the "too many" note */
	gate_error *err;
	/* The section the lines being read belong to, and its heading's
	 * default owners (co->owner_off[def_owner, def_owner + def_nowners)). */
	uint32_t section;
	uint32_t def_owner, def_nowners;
} parser;

/* Records one problem (FILE:line:col; a warning when `warning`). Returns -1
 * only when out of memory. */
int gate_codeowners__report(parser *P, unsigned line, size_t col, int warning, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Copies `n` bytes of hostile text into `buf` (of `size` bytes) quoted for a
 * message. */
void gate_codeowners__quote(char *buf, size_t size, const unsigned char *s, size_t n);

/* Whitespace between the words of a line. */
int gate_codeowners__is_blank(unsigned char c);

/* Appends the owner word s[0..n) (already valid) to co's owners. Returns 0,
 * or -1 when out of memory. */
int gate_codeowners__add_owner(parser *P, gate_codeowners *co, const unsigned char *s, size_t n);

/*
 * GitLab: reads the section heading s[i..n) of line `lineno` (s[i] is '['
 * or '^'), makes it the current section of P and records its name,
 * approvals, optional flag and default owners in co. A malformed heading is
 * reported and still starts a required section, so that the entries under
 * it never fall into the section above. Returns 0, or -1 when out of memory
 * or past GATE_CODEOWNERS_MAX_SECTIONS (GATE_ERR_INPUT).
 */
int gate_codeowners__heading(parser *P, gate_codeowners *co, const unsigned char *s, size_t n,
			     size_t i, unsigned lineno);

/* Whether s[0..n) is an owner in co's dialect: "@login", "@org/team" or an
 * e-mail address; under GitLab's also "@user.name" and "@group/sub/team".
 * Banned bytes (blanks, controls, '#', '@' past the first) never pass. */
int gate_codeowners__owner_valid(const gate_codeowners *co, const char *s, size_t n);

/* Whether the line s[0..n), whose first non-blank byte is s[i], has the
 * shape of a GitLab section heading ("[Name]..." or "^[Name]..."). */
int gate_codeowners__looks_like_heading(const unsigned char *s, size_t n, size_t i);

/* Adds section 0 (the lines before any heading). Returns 0 or -1. */
int gate_codeowners__first_section(gate_codeowners *co, gate_error *err);

/* Once parsed: points each section's name into co->text. */
void gate_codeowners__name_sections(gate_codeowners *co);

#endif
