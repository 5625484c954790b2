/*
 * CODEOWNERS (include/riskgate/codeowners.h): a line-by-line parser that
 * skips and reports what GitHub rejects, and a glob matcher over path
 * segments that finds the last matching line without ever backtracking.
 *
 * Where each rule comes from, cited in the comments below as:
 *   [GH]   GitHub Docs, "About code owners": sections "CODEOWNERS file size",
 *          "CODEOWNERS syntax" (with its example file) and "Syntax exceptions".
 *   [GI]   git's gitignore(5), "PATTERN FORMAT", which [GH] says CODEOWNERS
 *          patterns follow "with some exceptions".
 *   [GHE]  what GitHub itself reports for a CODEOWNERS line: "Invalid pattern
 *          on line N: both `[` and `]` must be escaped with a `\`" (quoted in
 *          open-sauced/pizza-cli#100), "Invalid owner" and the suggestion
 *          "The pattern `/` will never match anything, did you mean `*`
 *          instead?" (the REST API's "List CODEOWNERS errors" example).
 *   [HM]   where [GH] and [GI] are silent or disagree: the answers of
 *          hmarr/codeowners, a widely used implementation of GitHub's rules,
 *          in its pattern table (testdata/patterns.json). We agree with it
 *          on every case there, and on a million random ASCII cases, except
 *          that adjacent "**" segments mean one "**" here, as in [GI].
 */
#include "riskgate/banned.h"

#include "riskgate/codeowners.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"
#include "riskgate/identity.h"

#include "codeowners_internal.h"

/* The byte length of the character at s (n > 0 bytes available): the length
 * of a well-formed UTF-8 sequence (RFC 3629: no overlongs, no surrogates,
 * nothing above U+10FFFF), or 1 for any other byte. */
static size_t char_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t need, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		need = 1;
	else if (c >= 0xe0 && c <= 0xef)
		need = 2;
	else if (c >= 0xf0 && c <= 0xf4)
		need = 3;
	else
		return 1;
	if (c == 0xe0)
		lo = 0xa0;
	else if (c == 0xed)
		hi = 0x9f;
	else if (c == 0xf0)
		lo = 0x90;
	else if (c == 0xf4)
		hi = 0x8f;
	if (need >= n)
		return 1;
	if (s[1] < lo || s[1] > hi)
		return 1;
	for (i = 2; i <= need; i++) {
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 1;
	}
	return need + 1;
}

/* ---- Parsing ---------------------------------------------------------- */

/* Whitespace between the words of a line. GitHub's example file separates
 * them with spaces and tabs [GH]; a lone CR (or the CR of CRLF) is blank too. */
int gate_codeowners__is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/*
 * Copies `n` bytes of hostile text into `buf` for a message: printable ASCII
 * as itself (with ' and \ escaped), anything else as \xNN, cut short with
 * "..." so that a message stays readable and bounded.
 */
void gate_codeowners__quote(char *buf, size_t size, const unsigned char *s, size_t n)
{
	size_t o = 0, i;
	char piece[8];

	for (i = 0; i < n; i++) {
		if (s[i] == '\'' || s[i] == '\\')
			snprintf(piece, sizeof(piece), "\\%c", s[i]);
		else if (s[i] >= 0x20 && s[i] < 0x7f)
			snprintf(piece, sizeof(piece), "%c", s[i]);
		else
			snprintf(piece, sizeof(piece), "\\x%02x", s[i]);
		if (o + strlen(piece) + 4 > size) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		memcpy(buf + o, piece, strlen(piece));
		o += strlen(piece);
	}
	buf[o] = '\0';
}

int gate_codeowners__report(parser *P, unsigned line, size_t col, int warning, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (!P->diags || P->ndiags > GATE_CODEOWNERS_MAX_DIAGS)
		return 0;
	if (P->ndiags == GATE_CODEOWNERS_MAX_DIAGS) {
		warning = 0;
		snprintf(msg, sizeof(msg),
			 "too many problems; the ones after the first %u are not listed",
			 GATE_CODEOWNERS_MAX_DIAGS);
	} else {
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
	}
	if (gate_diags_add(P->diags, P->file, line, col > UINT_MAX ? UINT_MAX : (unsigned)col,
			   warning, msg, P->err) < 0)
		return -1;
	P->ndiags++;
	return 0;
}

/* Appends one character of the pattern (at s, n bytes available) as a
 * literal token (room was reserved); returns its length in bytes. */
static size_t add_literal(gate_codeowners *co, const unsigned char *s, size_t n)
{
	co_tok *t = &co->toks[co->ntoks++];
	size_t len = char_len(s, n);

	t->kind = TOK_LIT;
	t->len = (unsigned char)len;
	memcpy(t->b, s, len);
	return len;
}

/*
 * Compiles the segment s[a..b) (a non-empty piece of the pattern between
 * separators) of line `line` into co->segs[co->nsegs++] (room was
 * reserved). Returns 0, 1 after reporting why GitHub rejects it, or -1 when
 * out of memory.
 */
static int compile_segment(parser *P, gate_codeowners *co, unsigned line, const unsigned char *s,
			   size_t a, size_t b)
{
	co_seg *seg = &co->segs[co->nsegs++];
	size_t x = a, run;

	memset(seg, 0, sizeof(*seg));
	seg->tok = (uint32_t)co->ntoks;
	/* [GI] "**" as a whole segment spans directories: a leading "**" +
	 * "/" matches in all directories, "/" + "**" + "/" zero or more
	 * directories, and a trailing "/" + "**" everything inside. */
	if (b - a == 2 && s[a] == '*' && s[a + 1] == '*') {
		seg->dstar = 1;
		return 0;
	}
	while (x < b) {
		switch (s[x]) {
		case '\\':
			/* [GI] "A backslash can be used to escape any character"
			 * (a trailing backslash was rejected by the caller). */
			x++;
			x += add_literal(co, s + x, b - x);
			break;
		case '*':
			for (run = 0; x + run < b && s[x + run] == '*'; run++)
				;
			/* [GI] calls any other run of asterisks regular
			 * asterisks; GitHub's handling of three or more is not
			 * documented, so such a line is reported and skipped, as
			 * [HM] does ("three consecutive asterisks").
			 * NEEDSWORK: confirm on GitHub. */
			if (run >= 3)
				return gate_codeowners__report(
					   P, line, x + 1, 0,
					   "'***': three or more consecutive '*' are not a "
					   "valid CODEOWNERS pattern; this line is ignored") < 0
					   ? -1
					   : 1;
			/* [GI] "*" matches anything except a slash; "**" inside
			 * a segment is an ordinary "*". */
			if (co->ntoks == seg->tok || co->toks[co->ntoks - 1].kind != TOK_STAR)
				co->toks[co->ntoks++].kind = TOK_STAR;
			x += run;
			break;
		case '?':
			/* [GI] "?" matches any one character except "/". */
			co->toks[co->ntoks++].kind = TOK_ANY;
			x++;
			break;
		case '[':
		case ']':
			/* [GH] "Using [ ] to define a character range" does not
			 * work; [GHE] GitHub rejects the line unless both are
			 * escaped, and then they are literal characters. */
			return gate_codeowners__report(
				   P, line, x + 1, 0,
				   "'%c': '[' and ']' must be escaped as '\\[' and '\\]' "
				   "(CODEOWNERS has no character ranges); GitHub ignores "
				   "this line",
				   s[x]) < 0
				   ? -1
				   : 1;
		default:
			x += add_literal(co, s + x, b - x);
			break;
		}
	}
	seg->ntok = (uint32_t)(co->ntoks - seg->tok);
	seg->lone_star = b - a == 1 && s[a] == '*';
	return 0;
}

/* Whether the byte at s[q] starts a separator: "/" or an escaped "\/". */
static int at_separator(const unsigned char *s, size_t q, size_t end)
{
	return s[q] == '/' || (s[q] == '\\' && q + 1 < end && s[q + 1] == '/');
}

/*
 * Compiles the pattern s[p0..pe) of line `line` into r and the shared
 * arrays of `co` (columns in reports are 1 + the offset in s). Returns 0, 1
 * when GitHub rejects the pattern (reported), -1 when out of memory; the
 * caller rolls the shared arrays back unless the line is kept.
 */
static int compile_pattern(parser *P, gate_codeowners *co, co_rule *r, unsigned line,
			   const unsigned char *s, size_t p0, size_t pe)
{
	size_t nsep = 0, k = 0, q, a, need, ntok, i, o, base, nsegs;
	int leading = 0, trailing = 0, rc;
	co_seg *segs;

	/* [GH] "Using ! to negate a pattern" does not work: the line is
	 * invalid. [GI] lets "\!" stand for a literal "!", and so do we. */
	if (s[p0] == '!')
		return gate_codeowners__report(
			   P, line, p0 + 1, 0,
			   "'!' negation is not supported in CODEOWNERS; GitHub ignores "
			   "this line (write '\\!' for a file name that starts with '!')") < 0
			   ? -1
			   : 1;
	for (q = p0; q < pe; q += s[q] == '\\' ? 2 : 1) {
		if (at_separator(s, q, pe))
			nsep++;
	}
	/* Room for every segment, one slot in front for an implied leading
	 * "**" and one after for a trailing one; a token per byte at most. */
	if (gate_add_overflow(&need, co->nsegs, nsep + 3) ||
	    gate_add_overflow(&ntok, co->ntoks, pe - p0))
		return gate_error_set(P->err, GATE_ERR_NOMEM, "CODEOWNERS pattern too large");
	if (gate_array_reserve((void **)&co->segs, &co->asegs, need, sizeof(*co->segs), P->err) <
		0 ||
	    gate_array_reserve((void **)&co->toks, &co->atoks, ntok, sizeof(*co->toks), P->err) < 0)
		return -1;
	base = co->nsegs;
	memset(&co->segs[co->nsegs++], 0, sizeof(*co->segs));

	for (a = q = p0;; k++) {
		while (q < pe && !at_separator(s, q, pe))
			q += s[q] == '\\' ? 2 : 1;
		if (q == a) {
			/* [GI] A separator at the start anchors the pattern to
			 * the root; one at the end makes it match only
			 * directories (and so the paths under them). */
			if (k == 0 && nsep > 0)
				leading = 1;
			else if (k == nsep)
				trailing = 1;
			else
				return gate_codeowners__report(
					   P, line, q + 1, 0,
					   "empty path segment ('//'): no path can match; "
					   "GitHub ignores this line") < 0
					   ? -1
					   : 1;
		} else if ((rc = compile_segment(P, co, line, s, a, q)) != 0) {
			return rc;
		}
		if (q == pe)
			break;
		q += s[q] == '/' ? 1 : 2;
		a = q;
	}
	segs = co->segs + base;
	nsegs = co->nsegs - base;
	if (nsegs == 1)
		/* [GHE] "/" alone: "will never match anything". */
		return gate_codeowners__report(
			   P, line, p0 + 1, 0,
			   "the pattern '/' never matches anything (did you mean '*'?); "
			   "GitHub ignores this line") < 0
			   ? -1
			   : 1;

	/* [GI] "If there is a separator at the beginning or middle (or both)
	 * of the pattern, then the pattern is relative to the directory level
	 * of the particular .gitignore file itself. Otherwise the pattern may
	 * also match at any level": an unanchored pattern is "**" + "/" +
	 * pattern. [GH] example: "apps/" owns "any file in an apps directory
	 * anywhere in your repository". */
	o = 1;
	if (!leading && nsegs == 2 && !segs[1].dstar) {
		o = 0;
		segs[0].dstar = 1;
	}
	/* [GI] "foo/" matches a directory foo and paths underneath it; a file
	 * is never a directory, so it means "foo" + "/" + "**". [HM] a trailing
	 * slash after "**" adds nothing ("foo/" + "**" + "/" matches foo/bar). */
	if (trailing) {
		memset(&segs[nsegs], 0, sizeof(segs[nsegs]));
		segs[nsegs++].dstar = 1;
	}
	/* Adjacent "**" segments mean the same as one: "**" + "/" + "**". */
	for (i = o, k = 0; i < nsegs; i++) {
		if (k > 0 && segs[i].dstar && segs[k - 1].dstar)
			continue;
		segs[k++] = segs[i];
	}
	co->nsegs = base + k;
	r->seg = (uint32_t)base;
	r->nsegs = (uint32_t)k;
	for (i = 0; i < k; i++)
		r->has_dstar |= segs[i].dstar;
	/* [GH] "The `docs/ *` pattern will match files like
	 * `docs/getting-started.md` but not further nested files like
	 * `docs/build-app/troubleshooting.md`" (written here with a space to
	 * keep C comments intact): a final lone "*" matches files only. Any
	 * other final segment that matches a directory matches what is inside
	 * it too ([GI]: "foo" matches a file or a directory named foo; [HM]:
	 * "f*" matches foo/bar, "foo/ * /baz" matches foo/bar/baz/qux). */
	r->descend = !segs[k - 1].dstar && !segs[k - 1].lone_star;
	return 0;
}

/* Parses one line (without its '\n'). A line GitHub accepts becomes a
 * rule of `co`. Returns 0, or -1 when out of memory. */
static int parse_line(parser *P, gate_codeowners *co, const unsigned char *s, size_t n,
		      unsigned lineno)
{
	co_rule r;
	const unsigned char *nul;
	char q[80];
	/* What to roll back to unless the line is kept. */
	size_t nsegs = co->nsegs, ntoks = co->ntoks, nowners = co->nowners, ntext = co->text.size;
	size_t i = 0, p0, pe, w;
	int rc, bad = 0, error = -1;

	memset(&r, 0, sizeof(r));
	r.line = lineno;
	/* A NUL byte cannot be part of a path or an owner. */
	if ((nul = memchr(s, '\0', n)) != NULL) {
		error =
		    gate_codeowners__report(P, lineno, (size_t)(nul - s) + 1, 0,
					    "NUL byte in a CODEOWNERS line; the line is ignored");
		goto done;
	}
	while (i < n && gate_codeowners__is_blank(s[i]))
		i++;
	/* [GH][GI] A line starting with '#' is a comment; a blank line
	 * matches nothing. */
	if (i == n || s[i] == '#') {
		error = 0;
		goto done;
	}
	/* GitLab: "A section begins with a section heading in square
	 * brackets" [GL]; "^[" starts an optional one. */
	if (co->dialect == GATE_CODEOWNERS_GITLAB &&
	    (s[i] == '[' || (s[i] == '^' && i + 1 < n && s[i + 1] == '['))) {
		error = gate_codeowners__heading(P, co, s, n, i, lineno);
		goto done_kept;
	}
	/* GitHub ignores such a line for its brackets; say what it is. */
	if (gate_codeowners__looks_like_heading(s, n, i)) {
		error = gate_codeowners__report(
		    P, lineno, i + 1, 0,
		    "this looks like a GitLab section heading, which GitHub's rules ignore; "
		    "if the file is written for GitLab, set dialect gitlab in the policy "
		    "(\"codeowners\": {\"dialect\": \"gitlab\"})");
		goto done;
	}
	r.section = P->section;
	/* [GH] "Escaping a pattern starting with # using \ so it is treated as
	 * a pattern and not a comment" does not work: no rule comes of it.
	 * GitLab's example file does it ("\#file_with_pound.rb"). */
	if (co->dialect == GATE_CODEOWNERS_GITHUB && s[i] == '\\' && i + 1 < n && s[i + 1] == '#') {
		error = gate_codeowners__report(
		    P, lineno, i + 1, 0,
		    "'\\#': GitHub does not support escaping a leading '#'; this "
		    "line is ignored (a pattern such as '?file' or '*#file' can "
		    "match a name that starts with '#')");
		goto done;
	}

	/* The pattern: up to the first unescaped blank ([GI] "Trailing spaces
	 * are ignored unless they are quoted with backslash"). */
	for (p0 = pe = i; pe < n && !gate_codeowners__is_blank(s[pe]); pe++) {
		if (s[pe] != '\\')
			continue;
		if (pe + 1 == n) {
			error = gate_codeowners__report(
			    P, lineno, pe + 1, 0,
			    "the pattern ends with a backslash that escapes nothing; "
			    "GitHub ignores this line");
			goto done;
		}
		pe++;
	}
	/* GitLab: "!pattern" excludes the paths it matches from its section,
	 * whatever the order of the entries. */
	if (co->dialect == GATE_CODEOWNERS_GITLAB && s[p0] == '!') {
		r.exclude = 1;
		if (++p0 == pe) {
			error = gate_codeowners__report(
			    P, lineno, p0, 0, "'!' with no pattern; this line is ignored");
			goto done;
		}
	}
	if ((rc = compile_pattern(P, co, &r, lineno, s, p0, pe)) != 0) {
		error = rc < 0 ? -1 : 0;
		goto done;
	}

	/* The owners, until the end of the line or an inline comment ([GH]
	 * example: "*.js    @js-owner #This is an inline comment."). */
	r.owner = (uint32_t)co->nowners;
	for (i = pe;;) {
		while (i < n && gate_codeowners__is_blank(s[i]))
			i++;
		if (i == n || s[i] == '#')
			break;
		for (w = i; i < n && !gate_codeowners__is_blank(s[i]); i++)
			;
		if (!gate_codeowners__owner_valid(co, (const char *)s + w, i - w)) {
			/* [GHE] "Invalid owner"; [GH] a line with invalid
			 * syntax "will be skipped". Owners are "@username",
			 * "@org/team-name" or "an email address" [GH]. */
			gate_codeowners__quote(q, sizeof(q), s + w, i - w);
			if (gate_codeowners__report(
				P, lineno, w + 1, 0,
				"invalid owner '%s' (expected @user, @org/team or an email "
				"address); GitHub ignores this line",
				q) < 0)
				goto done;
			bad = 1;
			continue;
		}
		if (bad)
			continue;
		if (gate_codeowners__add_owner(P, co, s + w, i - w) < 0)
			goto done;
		r.nowners++;
	}
	if (bad) {
		error = 0;
		goto done;
	}
	/* An exclusion names no owners; one that does is more likely a
	 * mistake, and ignoring it keeps the paths owned. */
	if (r.exclude && r.nowners > 0) {
		error = gate_codeowners__report(P, lineno, p0, 0,
						"an exclusion ('!pattern') takes no owners; this "
						"line is ignored");
		goto done;
	}
	co->has_exclusions |= r.exclude;
	/* GitLab: an entry that names no owners has its section's default
	 * owners [GL]. */
	if (!r.exclude && r.nowners == 0 && P->def_nowners > 0) {
		r.owner = P->def_owner;
		r.nowners = P->def_nowners;
	}
	/* [GH] a pattern with no owners is valid: matching paths have no
	 * owner. A lone owner-like word is more likely a mistake. */
	if (r.nowners == 0 && s[p0] == '@') {
		gate_codeowners__quote(q, sizeof(q), s + p0, pe - p0);
		if (gate_codeowners__report(
			P, lineno, p0 + 1, 1,
			"'%s' is read as a pattern with no owners, which makes matching "
			"paths unowned; a rule is a pattern followed by its owners",
			q) < 0)
			goto done;
	}
	if (gate_array_reserve((void **)&co->rules, &co->arules, co->nrules + 1, sizeof(*co->rules),
			       P->err) < 0)
		goto done;
	co->rules[co->nrules++] = r;
	/* Kept: nothing to roll back. */
	nsegs = co->nsegs;
	ntoks = co->ntoks;
	nowners = co->nowners;
	ntext = co->text.size;
	error = 0;
done:
	co->nsegs = nsegs;
	co->ntoks = ntoks;
	co->nowners = nowners;
	if (co->text.ptr && co->text.size != ntext) {
		co->text.size = ntext;
		co->text.ptr[ntext] = '\0';
	}
done_kept:
	return error;
}

int gate_codeowners__add_owner(parser *P, gate_codeowners *co, const unsigned char *s, size_t n)
{
	if (gate_array_reserve((void **)&co->owner_off, &co->aowners, co->nowners + 1,
			       sizeof(*co->owner_off), P->err) < 0)
		return -1;
	co->owner_off[co->nowners++] = co->text.size;
	if (gate_buf_put(&co->text, s, n, P->err) < 0 || gate_buf_putc(&co->text, '\0', P->err) < 0)
		return -1;
	return 0;
}

/* Gives back the unused part of an array; keeps the old block if the
 * allocator cannot shrink it. */
static void shrink(void **items, size_t *alloc, size_t n, size_t elem)
{
	void *p;

	if (n == 0 || n >= *alloc)
		return;
	p = realloc(*items, n * elem);
	if (p) {
		*items = p;
		*alloc = n;
	}
}

int gate_codeowners_parse(gate_codeowners **out, const char *text, size_t len, const char *file,
			  gate_diags *diags, gate_error *err)
{
	return gate_codeowners_parse_dialect(out, text, len, file, GATE_CODEOWNERS_GITHUB, diags,
					     err);
}

gate_codeowners_dialect gate_codeowners_dialect_of(const gate_codeowners *co)
{
	return co ? co->dialect : GATE_CODEOWNERS_GITHUB;
}

int gate_codeowners_parse_dialect(gate_codeowners **out, const char *text, size_t len,
				  const char *file, gate_codeowners_dialect dialect,
				  gate_diags *diags, gate_error *err)
{
	gate_codeowners *co = NULL;
	const unsigned char *s = (const unsigned char *)text, *end, *nl;
	parser P;
	unsigned lineno = 0;
	size_t n, i;
	int error = -1;

	*out = NULL;
	P.file = file ? file : "CODEOWNERS";
	P.diags = diags;
	P.ndiags = 0;
	P.err = err;
	P.section = 0;
	P.def_owner = 0;
	P.def_nowners = 0;
	/* [GH] "CODEOWNERS files must be under 3 MB in size. A CODEOWNERS file
	 * over this limit will not be loaded". */
	if (len >= GATE_CODEOWNERS_MAX_SIZE)
		return gate_error_set(err, GATE_ERR_INPUT,
				      "%s is %zu bytes; GitHub does not load a CODEOWNERS file of "
				      "%u bytes or more",
				      P.file, len, GATE_CODEOWNERS_MAX_SIZE);
	if (!text && len > 0)
		return gate_error_set(err, GATE_ERR_INTERNAL, "CODEOWNERS text is NULL");
	co = gate_calloc(1, sizeof(*co), err);
	if (!co)
		return -1;
	/* The owner words are copies of parts of the text. */
	gate_buf_init(&co->text, len + 1);
	co->dialect = dialect;
	if (gate_codeowners__first_section(co, err) < 0)
		goto done;
	end = len > 0 ? s + len : s; /* s may be NULL when len is 0 */
	/* A UTF-8 byte order mark is not part of the first pattern. */
	if (len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		s += 3;
	while (s < end) {
		nl = memchr(s, '\n', (size_t)(end - s));
		n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		lineno++;
		if (n > 0 && s[n - 1] == '\r')
			n--; /* CRLF */
		if (parse_line(&P, co, s, n, lineno) < 0)
			goto done;
		if (!nl)
			break;
		s = nl + 1;
	}
	shrink((void **)&co->rules, &co->arules, co->nrules, sizeof(*co->rules));
	shrink((void **)&co->segs, &co->asegs, co->nsegs, sizeof(*co->segs));
	shrink((void **)&co->toks, &co->atoks, co->ntoks, sizeof(*co->toks));
	if (co->nowners > 0) {
		co->owners = gate_reallocarray(NULL, co->nowners, sizeof(*co->owners), err);
		if (!co->owners)
			goto done;
		for (i = 0; i < co->nowners; i++)
			co->owners[i] = co->text.ptr + co->owner_off[i];
	}
	free(co->owner_off);
	co->owner_off = NULL;
	gate_codeowners__name_sections(co);
	*out = co;
	co = NULL;
	error = 0;
done:
	gate_codeowners_free(co);
	return error;
}

void gate_codeowners_free(gate_codeowners *co)
{
	if (!co)
		return;
	free(co->rules);
	free(co->segs);
	free(co->toks);
	free(co->owner_off);
	free(co->owners);
	free(co->sections);
	gate_buf_dispose(&co->text);
	free(co);
}

/* ---- Matching --------------------------------------------------------- */

/*
 * A path cut into characters and segments. Character i spans bytes
 * [off(i), off(i + 1)); segment k spans characters [seg[2k], seg[2k + 1]).
 */
typedef struct {
	const unsigned char *s;
	const size_t *uo; /* character offsets; NULL when every character is one byte */
	const size_t *seg;
	size_t nseg;
} co_path;

static size_t off(const co_path *p, size_t i)
{
	return p->uo ? p->uo[i] : i;
}

/* Whether tokens t[0..n) (no TOK_STAR) match the n characters at `at`. */
static int chunk_at(const co_path *p, const co_tok *t, size_t n, size_t at)
{
	size_t k, a, b;

	for (k = 0; k < n; k++) {
		if (t[k].kind == TOK_ANY)
			continue; /* a segment holds no '/' */
		a = off(p, at + k);
		b = off(p, at + k + 1);
		if (b - a != t[k].len || memcmp(p->s + a, t[k].b, t[k].len) != 0)
			return 0;
	}
	return 1;
}

/*
 * Whether glob segment q matches path segment k. The tokens are chunks
 * separated by stars: the first chunk must match at the start, the last at
 * the end, and the ones between them in order; taking the leftmost place
 * for each is never worse than any other, so nothing is retried and the
 * cost is at most (longest chunk) x (segment length).
 */
static int seg_match(const gate_codeowners *co, const co_seg *q, const co_path *p, size_t k)
{
	const co_tok *t = co->toks + q->tok;
	size_t s = p->seg[2 * k], e = p->seg[2 * k + 1], n = q->ntok, first, last, i, j, len, pos;

	if (q->lone_star)
		return e > s;
	for (first = 0; first < n && t[first].kind != TOK_STAR; first++)
		;
	if (first == n)
		return n == e - s && chunk_at(p, t, n, s);
	if (first > e - s || !chunk_at(p, t, first, s))
		return 0;
	s += first;
	for (last = n; t[last - 1].kind != TOK_STAR; last--)
		;
	len = n - last;
	if (len > e - s || !chunk_at(p, t + last, len, e - len))
		return 0;
	e -= len;
	for (i = first + 1; i < last; i = j + 1) {
		for (j = i; t[j].kind != TOK_STAR; j++)
			;
		len = j - i;
		for (pos = s;; pos++) {
			if (len > e - pos)
				return 0;
			if (chunk_at(p, t + i, len, pos))
				break;
		}
		s = pos + len;
	}
	return 1;
}

/* Whether segments q[0..n) (none "**") match path segments at..at + n. */
static int block_at(const gate_codeowners *co, const co_seg *q, size_t n, const co_path *p,
		    size_t at)
{
	size_t k;

	for (k = 0; k < n; k++) {
		if (!seg_match(co, &q[k], p, at + k))
			return 0;
	}
	return 1;
}

/*
 * Whether the rule's segments match the whole path; with `tail`, whether
 * they match a directory above the file (as if followed by "/" + "**").
 * The same leftmost-first argument as in seg_match applies one level up:
 * runs of segments between "**" are placed at their first fit, so a line
 * costs at most (pattern length) x (path length).
 */
static int segs_match(const gate_codeowners *co, const co_rule *r, const co_path *p, int tail)
{
	const co_seg *q = co->segs + r->seg;
	size_t nq = r->nsegs, n = p->nseg, lo = 0, hi = n, a = 0, b = nq, i, j, len, pos;

	if (!r->has_dstar) {
		if (tail ? n <= nq : n != nq)
			return 0;
		return block_at(co, q, nq, p, 0);
	}
	/* A trailing "**" needs at least one segment of its own. */
	if (tail || q[nq - 1].dstar)
		hi = n - 1;
	if (!q[0].dstar) {
		for (len = 0; !q[len].dstar; len++)
			;
		if (len > hi || !block_at(co, q, len, p, 0))
			return 0;
		lo = a = len;
	}
	if (!tail && !q[nq - 1].dstar) {
		for (len = 0; !q[nq - 1 - len].dstar; len++)
			;
		if (len > hi - lo || !block_at(co, q + nq - len, len, p, hi - len))
			return 0;
		hi -= len;
		b = nq - len;
	}
	for (i = a; i < b; i = j) {
		if (q[i].dstar) {
			j = i + 1;
			continue;
		}
		for (j = i; j < b && !q[j].dstar; j++)
			;
		len = j - i;
		for (pos = lo;; pos++) {
			if (len > hi - pos)
				return 0;
			if (block_at(co, q + i, len, p, pos))
				break;
		}
		lo = pos + len;
	}
	return 1;
}

static int rule_matches(const gate_codeowners *co, const co_rule *r, const co_path *p)
{
	const co_seg *first = &co->segs[r->seg];

	/* Most lines are anchored and fail on the first segment; that test
	 * is the same for both passes, so it is done once. */
	if (!first->dstar && !seg_match(co, first, p, 0))
		return 0;
	return segs_match(co, r, p, 0) || (r->descend && segs_match(co, r, p, 1));
}

/*
 * Finds, for each section (or, unless per_section, for the whole file as
 * one), the last rule that matches the path: best[k] is its index in
 * co->rules, or SIZE_MAX. Returns how many were found, or -1.
 */
static int find(const gate_codeowners *co, const char *path, size_t len, int per_section,
		size_t *best, unsigned char *excluded, gate_error *err)
{
	const unsigned char *s = (const unsigned char *)path;
	size_t stackbuf[128], *buf = stackbuf, *uo = NULL, *seg, nchars = 0, nseg = 1, need, i, k,
			      c;
	co_path p;
	int ascii = 1, error = -1;

	size_t nbest = per_section ? co->nsections : 1, found = 0;

	for (i = 0; i < nbest; i++)
		best[i] = SIZE_MAX;
	if (!co)
		return gate_error_set(err, GATE_ERR_INTERNAL, "no CODEOWNERS rules given");
	if (!path || len == 0)
		return gate_error_set(err, GATE_ERR_INPUT, "empty path given to CODEOWNERS");
	if (memchr(path, '\0', len))
		return gate_error_set(err, GATE_ERR_INPUT, "path contains a NUL byte");
	for (i = 0; i < len; i++) {
		if (s[i] == '/')
			nseg++;
		else if (s[i] >= 0x80)
			ascii = 0;
	}
	if (ascii) {
		nchars = len;
	} else {
		for (i = 0; i < len; i += char_len(s + i, len - i))
			nchars++;
	}
	/* Room for 2 x nseg segment bounds, and nchars + 1 offsets unless
	 * every character is one byte. */
	if (gate_mul_overflow(&need, nseg, 2) ||
	    (!ascii &&
	     (gate_add_overflow(&need, need, nchars) || gate_add_overflow(&need, need, 1)))) {
		return gate_error_set(err, GATE_ERR_NOMEM, "path too long");
	}
	if (need > sizeof(stackbuf) / sizeof(stackbuf[0])) {
		buf = gate_reallocarray(NULL, need, sizeof(*buf), err);
		if (!buf)
			return -1;
	}
	seg = buf;
	if (!ascii) {
		uo = buf + 2 * nseg;
		for (i = 0, c = 0; i < len; i += char_len(s + i, len - i))
			uo[c++] = i;
		uo[c] = len;
	}
	p.s = s;
	p.uo = uo;
	p.seg = seg;
	p.nseg = nseg;
	/* '/' is always a character of its own, so segments split cleanly. */
	seg[0] = 0;
	for (c = 0, k = 0; c < nchars; c++) {
		if (s[off(&p, c)] == '/') {
			seg[2 * k + 1] = c;
			k++;
			seg[2 * k] = c + 1;
		}
	}
	seg[2 * k + 1] = nchars;

	/* [GH] "Order is important; the last matching pattern takes the most
	 * precedence." */
	/* GitLab: "the last pattern matching for each section is applied"
	 * [GL]; sections already decided are not looked at again. */
	for (i = co->nrules; i-- > 0 && (found < nbest || (excluded && co->has_exclusions));) {
		const co_rule *r = &co->rules[i];
		size_t sec = per_section ? r->section : 0;

		if (r->exclude) {
			if (excluded && !excluded[sec] && rule_matches(co, r, &p))
				excluded[sec] = 1;
			continue;
		}

		if (best[sec] == SIZE_MAX && rule_matches(co, r, &p)) {
			best[sec] = i;
			found++;
		}
	}
	error = found > INT_MAX ? INT_MAX : (int)found;
	if (buf != stackbuf)
		free(buf);
	return error;
}

int gate_codeowners_match(const gate_codeowners *co, const char *path, size_t len,
			  const char *const **owners, size_t *nowners, unsigned *line,
			  gate_error *err)
{
	const co_rule *r;
	size_t best;
	int rc;

	*owners = NULL;
	*nowners = 0;
	*line = 0;
	if ((rc = find(co, path, len, 0, &best, NULL, err)) <= 0)
		return rc;
	r = &co->rules[best];
	*owners = r->nowners ? co->owners + r->owner : NULL;
	*nowners = r->nowners;
	*line = r->line;
	return 1;
}

size_t gate_codeowners_nsections(const gate_codeowners *co)
{
	return co ? co->nsections : 0;
}

int gate_codeowners_match_sections(const gate_codeowners *co, const char *path, size_t len,
				   gate_codeowners_hit *hits, size_t *nhits, gate_error *err)
{
	size_t *best = NULL, k;
	unsigned char *excluded = NULL;
	int rc, error = -1;

	*nhits = 0;
	if (!co)
		return gate_error_set(err, GATE_ERR_INTERNAL, "no CODEOWNERS rules given");
	if (!(best = gate_reallocarray(NULL, co->nsections, sizeof(*best), err)) ||
	    !(excluded = gate_calloc(co->nsections, 1, err)))
		goto done;
	if ((rc = find(co, path, len, 1, best, excluded, err)) < 0)
		goto done;
	for (k = 0; k < co->nsections; k++) {
		const co_rule *r;
		gate_codeowners_hit *h;

		/* GitLab: an exclusion that matches takes the path out of its
		 * section, before or after the entries that match it. */
		if (best[k] == SIZE_MAX || excluded[k])
			continue;
		r = &co->rules[best[k]];
		h = &hits[(*nhits)++];
		h->section = co->sections[k].name;
		h->approvals = co->sections[k].approvals;
		h->optional = co->sections[k].optional;
		h->owners = r->nowners ? co->owners + r->owner : NULL;
		h->nowners = r->nowners;
		h->line = r->line;
	}
	error = *nhits > 0;
done:
	free(best);
	free(excluded);
	return error;
}
