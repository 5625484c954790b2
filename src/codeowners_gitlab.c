/*
 * GitLab's CODEOWNERS sections (include/riskgate/codeowners.h): section
 * headings, their approval counts, optional sections and default owners.
 * Entries are parsed and matched as in src/codeowners.c; a section only
 * changes which entries compete ("the last pattern matching for each section
 * is applied") and who must approve.
 *
 * [GL] GitLab Docs, "Code Owners syntax and error handling" (sections
 *      "Sections", "Section headings", "Section names", "Optional sections",
 *      "Sections requiring multiple approvals", "Set a default owner for a
 *      section") and "Advanced CODEOWNERS configuration" ("Regular entries
 *      and sections": entries outside a section "are treated as if they were
 *      another, unnamed section").
 */
#include "riskgate/banned.h"

#include "codeowners_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "riskgate/identity.h"

int gate_codeowners__first_section(gate_codeowners *co, gate_error *err)
{
	if (gate_array_reserve((void **)&co->sections, &co->asections, 1, sizeof(*co->sections),
			       err) < 0)
		return -1;
	memset(&co->sections[0], 0, sizeof(co->sections[0]));
	co->sections[0].approvals = 1;
	/* The name "" is the text buffer's first byte. */
	co->sections[0].name_off = co->text.size;
	if (gate_buf_putc(&co->text, '\0', err) < 0)
		return -1;
	co->nsections = 1;
	return 0;
}

void gate_codeowners__name_sections(gate_codeowners *co)
{
	size_t k;

	for (k = 0; k < co->nsections; k++)
		co->sections[k].name = co->text.ptr + co->sections[k].name_off;
}

/* A GitLab path segment of a user or (sub)group: letters, digits, '_', '-'
 * and '.', starting with a letter, digit or '_', not ending with '.'. */
static int ascii_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int gitlab_segment_valid(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > GATE_SLUG_MAX || s[n - 1] == '.')
		return 0;
	if (!(ascii_alnum(s[0]) || s[0] == '_'))
		return 0;
	for (i = 0; i < n; i++)
		if (!(ascii_alnum(s[i]) || s[i] == '_' || s[i] == '-' || s[i] == '.'))
			return 0;
	return 1;
}

int gate_codeowners__owner_valid(const gate_codeowners *co, const char *s, size_t n)
{
	size_t i, a;

	if (gate_identity_owner_valid(s, n))
		return 1;
	/* GitLab: "@user.name" and nested groups "@group/sub/team" [GL]. */
	if (co->dialect != GATE_CODEOWNERS_GITLAB || n < 2 || s[0] != '@')
		return 0;
	for (a = i = 1; i <= n; i++) {
		if (i < n && s[i] != '/')
			continue;
		if (!gitlab_segment_valid(s + a, i - a))
			return 0;
		a = i + 1;
	}
	return 1;
}

int gate_codeowners__looks_like_heading(const unsigned char *s, size_t n, size_t i)
{
	size_t a;

	if (i < n && s[i] == '^')
		i++;
	if (i == n || s[i] != '[')
		return 0;
	for (a = ++i; i < n && s[i] != ']' && s[i] != '['; i++)
		;
	if (i == n || s[i] != ']' || i == a)
		return 0;
	/* "[Name]" then the end, blanks and default owners, a count or a
	 * comment; "[ab].txt" is a character range instead. */
	i++;
	return i == n || gate_codeowners__is_blank(s[i]) || s[i] == '[' || s[i] == '#';
}

/* The index of the section named s[0..n) without regard to case ([GL]
 * "Section names are not case-sensitive"), or SIZE_MAX. */
static size_t find_section(const gate_codeowners *co, const unsigned char *s, size_t n)
{
	size_t k;

	for (k = 1; k < co->nsections; k++) {
		const char *name = co->text.ptr + co->sections[k].name_off;

		if (strlen(name) == n && strncasecmp(name, (const char *)s, n) == 0)
			return k;
	}
	return SIZE_MAX;
}

int gate_codeowners__heading(parser *P, gate_codeowners *co, const unsigned char *s, size_t n,
			     size_t i, unsigned lineno)
{
	size_t a, b, k, w, start = i;
	unsigned long long approvals = 1;
	int optional = 0, bad = 0;
	char q[80];
	co_section *sec;

	if (s[i] == '^') {
		optional = 1;
		i++;
	}
	a = ++i; /* after '[' */
	while (i < n && s[i] != ']')
		i++;
	b = i;
	if (i == n || b == a) {
		/* [GL] "Section headings must always have a name." */
		if (gate_codeowners__report(P, lineno, start + 1, 0,
					    "%s; the entries under it form a required section "
					    "of their own",
					    i == n ? "a section heading without its closing ']'"
						   : "a section heading without a name") < 0)
			return -1;
		bad = 1;
		a = start;
		b = n;
		while (b > a && gate_codeowners__is_blank(s[b - 1]))
			b--;
		i = n;
	} else {
		i++;
	}
	/* [GL] "[Section name][5]": a count of approvals. */
	if (!bad && i < n && s[i] == '[') {
		size_t d = ++i;

		approvals = 0;
		while (i < n && s[i] >= '0' && s[i] <= '9') {
			if (approvals < 1000000)
				approvals = approvals * 10 + (unsigned)(s[i] - '0');
			i++;
		}
		if (i == n || s[i] != ']' || i == d || approvals == 0 || approvals > 1000000) {
			if (gate_codeowners__report(
				P, lineno, d + 1, 0,
				"the approval count of a section must be a "
				"number from 1 to 1000000 in '[...]'; the section "
				"needs 1") < 0)
				return -1;
			approvals = 1;
			while (i < n && s[i] != ']')
				i++;
		}
		if (i < n)
			i++;
	}
	k = find_section(co, s + a, b - a);
	if (k == SIZE_MAX) {
		if (co->nsections >= GATE_CODEOWNERS_MAX_SECTIONS)
			return gate_error_set(P->err, GATE_ERR_INPUT,
					      "%s:%u: more than %u CODEOWNERS sections", P->file,
					      lineno, GATE_CODEOWNERS_MAX_SECTIONS);
		if (gate_array_reserve((void **)&co->sections, &co->asections, co->nsections + 1,
				       sizeof(*co->sections), P->err) < 0)
			return -1;
		k = co->nsections++;
		sec = &co->sections[k];
		memset(sec, 0, sizeof(*sec));
		sec->name_off = co->text.size;
		sec->optional = (unsigned char)optional;
		sec->approvals = (unsigned)approvals;
		sec->line = lineno;
		if (gate_buf_put(&co->text, s + a, b - a, P->err) < 0 ||
		    gate_buf_putc(&co->text, '\0', P->err) < 0)
			return -1;
	} else {
		/* [GL] "Sections with duplicate names are combined"; the
		 * stricter heading wins, so a later optional heading cannot
		 * relax a required one. */
		sec = &co->sections[k];
		sec->optional &= (unsigned char)optional;
		if (approvals > sec->approvals)
			sec->approvals = (unsigned)approvals;
	}
	P->section = (uint32_t)k;
	P->def_owner = (uint32_t)co->nowners;
	P->def_nowners = 0;
	/* [GL] "[Section name][2] @group @subgroup": default owners. */
	while (!bad) {
		while (i < n && gate_codeowners__is_blank(s[i]))
			i++;
		if (i == n || s[i] == '#')
			break;
		for (w = i; i < n && !gate_codeowners__is_blank(s[i]); i++)
			;
		if (!gate_codeowners__owner_valid(co, (const char *)s + w, i - w)) {
			gate_codeowners__quote(q, sizeof(q), s + w, i - w);
			if (gate_codeowners__report(
				P, lineno, w + 1, 0,
				"invalid default owner '%s' (expected @user, "
				"@org/team or an email address); it is left out",
				q) < 0)
				return -1;
			continue;
		}
		if (gate_codeowners__add_owner(P, co, s + w, i - w) < 0)
			return -1;
		P->def_nowners++;
	}
	return 0;
}

/* Appends the owners of hit `h` to (*out)[0..*n), skipping those already
 * there. Returns 0 or -1. */
static int add_owners(const char ***out, size_t *n, size_t *alloc, const gate_codeowners_hit *h,
		      gate_error *err)
{
	size_t o, k;

	for (o = 0; o < h->nowners; o++) {
		for (k = 0; k < *n && !gate_identity_eq((*out)[k], h->owners[o]); k++)
			;
		if (k < *n)
			continue;
		if (gate_array_reserve((void **)out, alloc, *n + 1, sizeof(**out), err) < 0)
			return -1;
		(*out)[(*n)++] = h->owners[o];
	}
	return 0;
}

int gate_codeowners_owners(const char ***owners, size_t *nowners, unsigned *line,
			   const gate_codeowners *co, const char *path, size_t len, gate_error *err)
{
	gate_codeowners_hit *hits = NULL, one;
	const char **list = NULL;
	size_t nhits = 0, n = 0, alloc = 0, h;
	int rc, error = -1;

	*owners = NULL;
	*nowners = 0;
	*line = 0;
	if (gate_codeowners_dialect_of(co) == GATE_CODEOWNERS_GITLAB) {
		if (!(hits = gate_reallocarray(NULL, gate_codeowners_nsections(co), sizeof(*hits),
					       err)))
			goto done;
		rc = gate_codeowners_match_sections(co, path, len, hits, &nhits, err);
	} else {
		memset(&one, 0, sizeof(one));
		rc =
		    gate_codeowners_match(co, path, len, &one.owners, &one.nowners, &one.line, err);
		hits = NULL;
		nhits = rc > 0;
	}
	if (rc <= 0) {
		error = rc;
		goto done;
	}
	for (h = 0; h < nhits; h++)
		if (add_owners(&list, &n, &alloc, hits ? &hits[h] : &one, err) < 0)
			goto done;
	*owners = list;
	*nowners = n;
	*line = hits ? hits[0].line : one.line;
	list = NULL;
	error = 1;
done:
	free(list);
	free(hits);
	return error;
}
