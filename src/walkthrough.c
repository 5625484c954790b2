/*
 * What counts as an answer to a failure-mode question (docs/walkthrough.md,
 * "What counts as an answer").
 *
 * A section starts at a line that holds the question's heading: alone (an
 * optional Markdown heading mark, list mark or emphasis around it), or
 * followed by ':' and the start of the answer. It ends at the next Markdown
 * heading, the next question's heading, a thematic break (---) or the end
 * of the text; a commit message's trailer block is not part of it. Text
 * inside HTML comments (a pull request template's instructions) is not
 * read at all: the rendered page does not show it.
 *
 * Headings and answers are compared as words: letters and digits of any
 * script, ASCII letters in lower case; everything else, and what renders
 * as nothing or as space, separates words. What counts of an answer are
 * its word characters once every question's heading is taken out of it,
 * so that the question copied into its own answer adds nothing.
 */
#include "riskgate/banned.h"

#include "riskgate/walkthrough.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "riskgate/buf.h"
#include "riskgate/policy.h"

/* The most a section or its words may take (a commit message may be
 * long; past this the evaluation stops with an error). */
#define WT_BUF_MAX ((size_t)64 << 20)

/* Later acceptable answers kept per question. */
#define WT_MAX_ALTS 8

static const char *const default_ids[] = {"dependency-down", "runs-twice", "larger-input",
					  "failure-visible"};
static const char *const default_headings[] = {
    "What happens if a dependency is down or slow?", "What happens if this runs twice?",
    "What happens if the input is ten times larger?", "How is a failure seen in production?"};

static const char *const default_placeholders[] = {"n a",       "na",
						   "none",      "no",
						   "nothing",   "todo",
						   "to do",     "tbd",
						   "tba",       "tbc",
						   "unknown",   "idk",
						   "dunno",     "not applicable",
						   "same",      "same as above",
						   "see above", "as above",
						   "see pr",    "see description",
						   "see code",  "lorem ipsum",
						   "-",         NULL};

const char *const *gate_walkthrough_default_ids(size_t *n)
{
	*n = sizeof(default_ids) / sizeof(default_ids[0]);
	return default_ids;
}

const char *const *gate_walkthrough_default_headings(size_t *n)
{
	*n = sizeof(default_headings) / sizeof(default_headings[0]);
	return default_headings;
}

const char *const *gate_walkthrough_default_placeholders(void)
{
	return default_placeholders;
}

const char *gate_wt_status_name(gate_wt_status status)
{
	switch (status) {
	case GATE_WT_ANSWERED:
		return "answered";
	case GATE_WT_MISSING:
		return "missing";
	case GATE_WT_PLACEHOLDER:
		return "placeholder";
	case GATE_WT_SHORT:
		return "too_short";
	case GATE_WT_REPEATED:
		return "repeated";
	}
	return "missing";
}

/*
 * Characters, as words see them. An allow-list: what a reader sees as a
 * letter or a digit of a script is part of a word; everything else,
 * punctuation, symbols, emoji, box drawing, format and control characters,
 * private-use and unassigned code points, separates words, so an answer
 * cannot be made long with characters that say nothing or render as
 * nothing. Combining marks continue the word before them (a decomposed
 * "u" + U+0308 is one letter) and count for nothing alone. A character of
 * the scripts written without spaces (Han, kana, Hangul syllables) weighs
 * three: one such character says about as much as a short word.
 */
enum { CH_SEP = 0, CH_WORD = 1, CH_MARK = 2, CH_WIDE = 3 };

static int is_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int class_of(unsigned cp)
{
	static const struct {
		unsigned lo, hi;
		int cls;
	} ranges[] = {
	    {0x00C0, 0x00D6, CH_WORD}, {0x00D8, 0x00F6, CH_WORD},   {0x00F8, 0x02AF, CH_WORD},
	    {0x0300, 0x036F, CH_MARK}, {0x0370, 0x0373, CH_WORD},   {0x0376, 0x0377, CH_WORD},
	    {0x037B, 0x037D, CH_WORD}, {0x0386, 0x0386, CH_WORD},   {0x0388, 0x03FF, CH_WORD},
	    {0x0400, 0x0481, CH_WORD}, {0x0483, 0x0489, CH_MARK},   {0x048A, 0x052F, CH_WORD},
	    {0x0531, 0x0556, CH_WORD}, {0x0561, 0x0587, CH_WORD},   {0x0591, 0x05C7, CH_MARK},
	    {0x05D0, 0x05EA, CH_WORD}, {0x0610, 0x061A, CH_MARK},   {0x0620, 0x064A, CH_WORD},
	    {0x064B, 0x065F, CH_MARK}, {0x0660, 0x0669, CH_WORD},   {0x066E, 0x06D3, CH_WORD},
	    {0x06D5, 0x06D5, CH_WORD}, {0x06F0, 0x06FF, CH_WORD},   {0x0900, 0x0903, CH_MARK},
	    {0x0904, 0x0939, CH_WORD}, {0x093A, 0x094F, CH_MARK},   {0x0950, 0x0950, CH_WORD},
	    {0x0951, 0x0957, CH_MARK}, {0x0958, 0x0961, CH_WORD},   {0x0962, 0x0963, CH_MARK},
	    {0x0966, 0x096F, CH_WORD}, {0x0E01, 0x0E30, CH_WORD},   {0x0E31, 0x0E31, CH_MARK},
	    {0x0E32, 0x0E33, CH_WORD}, {0x0E34, 0x0E3A, CH_MARK},   {0x0E40, 0x0E46, CH_WORD},
	    {0x0E47, 0x0E4E, CH_MARK}, {0x0E50, 0x0E59, CH_WORD},   {0x10A0, 0x10FF, CH_WORD},
	    {0x1100, 0x115E, CH_WORD}, {0x1161, 0x11FF, CH_WORD},   {0x1AB0, 0x1AFF, CH_MARK},
	    {0x1DC0, 0x1DFF, CH_MARK}, {0x1E00, 0x1FBC, CH_WORD},   {0x1FC2, 0x1FCC, CH_WORD},
	    {0x1FD0, 0x1FDB, CH_WORD}, {0x1FE0, 0x1FEC, CH_WORD},   {0x1FF2, 0x1FFC, CH_WORD},
	    {0x20D0, 0x20FF, CH_MARK}, {0x3041, 0x3096, CH_WIDE},   {0x3099, 0x309A, CH_MARK},
	    {0x30A1, 0x30FA, CH_WIDE}, {0x30FC, 0x30FC, CH_WIDE},   {0x3400, 0x4DBF, CH_WIDE},
	    {0x4E00, 0x9FFF, CH_WIDE}, {0xAC00, 0xD7A3, CH_WIDE},   {0xF900, 0xFAFF, CH_WIDE},
	    {0xFE20, 0xFE2F, CH_MARK}, {0xFF10, 0xFF19, CH_WORD},   {0xFF21, 0xFF3A, CH_WORD},
	    {0xFF41, 0xFF5A, CH_WORD}, {0x20000, 0x2FA1F, CH_WIDE},
	};
	size_t lo = 0, hi = sizeof(ranges) / sizeof(ranges[0]);

	if (cp < 0x80)
		return is_word((unsigned char)cp) ? CH_WORD : CH_SEP;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cp < ranges[mid].lo)
			hi = mid;
		else if (cp > ranges[mid].hi)
			lo = mid + 1;
		else
			return ranges[mid].cls;
	}
	return CH_SEP;
}

/* The character at s (at most `len` bytes): its length, code point and
 * class. An ill-formed byte is one separating character. */
static size_t char_at(const unsigned char *s, size_t len, unsigned *cp_out, int *cls)
{
	unsigned cp;
	size_t n, i;

	*cls = CH_SEP;
	*cp_out = s[0];
	if (s[0] < 0x80) {
		*cls = is_word(s[0]) ? CH_WORD : CH_SEP;
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, cp = s[0] & 0x1Fu;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3, cp = s[0] & 0x0Fu;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, cp = s[0] & 0x07u;
	else
		return 1;
	if (n > len)
		return 1;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 1;
		cp = (cp << 6) | (s[i] & 0x3Fu);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 1;
	*cp_out = cp;
	*cls = class_of(cp);
	return n;
}

/* Lower case for the scripts with case that are compared often: Latin,
 * Greek, Cyrillic, Armenian (simple one-to-one mappings). */
static unsigned fold(unsigned cp)
{
	if (cp >= 'A' && cp <= 'Z')
		return cp + 32;
	if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
	    (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F))
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 80;
	if (cp >= 0x531 && cp <= 0x556)
		return cp + 48;
	if (((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177) ||
	     (cp >= 0x460 && cp <= 0x481) || (cp >= 0x48A && cp <= 0x4BF) ||
	     (cp >= 0x4D0 && cp <= 0x52F) || (cp >= 0x1E00 && cp <= 0x1E95) ||
	     (cp >= 0x1EA0 && cp <= 0x1EFF)) &&
	    cp % 2 == 0)
		return cp + 1;
	if (((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) && cp % 2 == 1)
		return cp + 1;
	return cp;
}

static int put_cp(gate_buf *out, unsigned cp, gate_error *err)
{
	char b[4];
	size_t n;

	if (cp < 0x80)
		b[0] = (char)cp, n = 1;
	else if (cp < 0x800)
		b[0] = (char)(0xC0 | (cp >> 6)), b[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
	else if (cp < 0x10000)
		b[0] = (char)(0xE0 | (cp >> 12)), b[1] = (char)(0x80 | ((cp >> 6) & 0x3F)),
		b[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
	else
		b[0] = (char)(0xF0 | (cp >> 18)), b[1] = (char)(0x80 | ((cp >> 12) & 0x3F)),
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), b[3] = (char)(0x80 | (cp & 0x3F)), n = 4;
	return gate_buf_put(out, b, n, err);
}

int gate_walkthrough_heading_valid(const char *heading)
{
	size_t i, len = heading ? strlen(heading) : 0, n;
	int word = 0, cls;
	unsigned cp;

	if (len == 0 || len > GATE_WALKTHROUGH_MAX_HEADING)
		return 0;
	for (i = 0; i < len; i += n) {
		unsigned char c = (unsigned char)heading[i];

		if (c < 0x20 || c == 0x7f || c == ':')
			return 0;
		n = char_at((const unsigned char *)heading + i, len - i, &cp, &cls);
		word |= cls == CH_WORD || cls == CH_WIDE;
	}
	return word;
}

/*
 * The words of `len` bytes of `s` into `out`: folded to lower case, one
 * space between words, none around them, NUL-terminated.
 */
static int words_upto(gate_buf *out, const char *s, size_t len, size_t cap, gate_error *err);

static int words(gate_buf *out, const char *s, size_t len, gate_error *err)
{
	return words_upto(out, s, len, 0, err);
}

/* gate_buf_putc, in place while there is room (words_upto's ASCII). */
static int putc_fast(gate_buf *out, char c, gate_error *err)
{
	if (out->size + 2 <= out->asize && out->size + 1 <= out->max) {
		out->ptr[out->size++] = c;
		out->ptr[out->size] = '\0';
		return 0;
	}
	return gate_buf_putc(out, c, err);
}

/* words(), stopping once `cap` bytes of words are out (0: no cap). */
static int words_upto(gate_buf *out, const char *s, size_t len, size_t cap, gate_error *err)
{
	size_t i, n;
	int gap = 0, in_word = 0, cls;
	unsigned cp;

	gate_buf_clear(out);
	for (i = 0; i < len && (!cap || out->size <= cap); i += n) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80) {
			/* ASCII, most of every text: what char_at, fold and
			 * put_cp give for it, without the calls. */
			n = 1;
			if (!is_word(c)) {
				gap = 1;
				in_word = 0;
				continue;
			}
			if (gap && out->size && putc_fast(out, ' ', err) < 0)
				return -1;
			gap = 0;
			in_word = 1;
			if (putc_fast(out, (char)(c >= 'A' && c <= 'Z' ? c + 32 : c), err) < 0)
				return -1;
			continue;
		}
		n = char_at((const unsigned char *)s + i, len - i, &cp, &cls);
		if (cls == CH_SEP || (cls == CH_MARK && !in_word)) {
			gap = 1;
			in_word = 0;
			continue;
		}
		if (gap && out->size && gate_buf_putc(out, ' ', err) < 0)
			return -1;
		gap = 0;
		in_word = 1;
		if (put_cp(out, fold(cp), err) < 0)
			return -1;
	}
	return gate_buf_putc(out, '\0', err) < 0 ? -1 : 0;
}

/* The weight of words made by words(): letters and digits count one, a
 * character of Han, kana or Hangul three, marks nothing. */
static size_t weight(const char *w)
{
	size_t i, n, total = 0, len = strlen(w);
	unsigned cp;
	int cls;

	for (i = 0; i < len; i += n) {
		n = char_at((const unsigned char *)w + i, len - i, &cp, &cls);
		total += cls == CH_WORD ? 1 : cls == CH_WIDE ? 3 : 0;
	}
	return total;
}

int gate_walkthrough_same_words(const char *a, const char *b)
{
	gate_buf wa = GATE_BUF_INIT(WT_BUF_MAX), wb = GATE_BUF_INIT(WT_BUF_MAX);
	gate_error ignored;
	int same;

	gate_error_init(&ignored);
	same = words(&wa, a, strlen(a), &ignored) == 0 && words(&wb, b, strlen(b), &ignored) == 0 &&
	       strcmp(wa.ptr, wb.ptr) == 0;
	gate_buf_dispose(&wa);
	gate_buf_dispose(&wb);
	return same;
}

/* A line of text (riskgate/buf.h). */
typedef gate_text_line span;

/* Up to three spaces of indentation, as Markdown allows before a block. */
static const char *indent(span l)
{
	const char *p = l.start;
	int n = 0;

	while (p < l.end && *p == ' ' && n < 3)
		p++, n++;
	return p;
}

static int line_is_heading_mark(span l)
{
	const char *p = indent(l);
	size_t n = 0;

	while (p < l.end && *p == '#' && n < 7)
		p++, n++;
	return n >= 1 && n <= 6 && (p == l.end || *p == ' ' || *p == '\t');
}

/* A line of one repeated mark: '-', '*' or '_' three times or more is a
 * thematic break; '=' or '-' under a line makes it a (setext) heading. */
static int line_of(span l, const char *marks, size_t least)
{
	const char *p;
	char mark = 0;
	size_t n = 0;

	for (p = l.start; p < l.end; p++) {
		if (*p == ' ' || *p == '\t')
			continue;
		if (!strchr(marks, *p) || (mark && *p != mark))
			return 0;
		mark = *p;
		n++;
	}
	return n >= least;
}

static int line_is_fence(span l)
{
	const char *p = indent(l);

	return l.end - p >= 3 && ((p[0] == '`' && p[1] == '`' && p[2] == '`') ||
				  (p[0] == '~' && p[1] == '~' && p[2] == '~'));
}

/* A link reference definition ("[label]: target"): shown as nothing. */
static int line_is_reference(span l)
{
	const char *p = indent(l), *c;

	if (p >= l.end || *p != '[')
		return 0;
	for (c = p + 1; c < l.end && *c != ']'; c++)
		if (*c == '[')
			return 0;
	return c + 1 < l.end && c > p + 1 && c[1] == ':';
}

typedef struct {
	const gate_policy *policy;
	char **heading_words;  /* per question */
	size_t *heading_count; /* its number of words */
	size_t heading_max;    /* the longest heading's words, in bytes */
	char **placeholder_words;
	size_t nplaceholders;
	/* Acceptable answers found after the first, per question, for when
	 * the first repeats another question's answer. */
	gate_wt_answer (*alts)[WT_MAX_ALTS];
	size_t *nalts;
	gate_buf tmp, section, norm, norm2, text;
} reader;

/* Where the k-th word of line l ends (after its marks), or NULL. */
static const char *after_words(span l, size_t k)
{
	const char *p = l.start;
	size_t n, seen = 0;
	int cls, in_word = 0;
	unsigned cp;

	while (p < l.end) {
		n = char_at((const unsigned char *)p, (size_t)(l.end - p), &cp, &cls);
		if (cls == CH_SEP || (cls == CH_MARK && !in_word)) {
			if (in_word && seen == k)
				return p;
			in_word = 0;
		} else if (!in_word) {
			in_word = 1;
			seen++;
		}
		p += n;
	}
	return in_word && seen == k ? p : NULL;
}

/*
 * Whether line `l` opens the section of question `q`: the line's words
 * (after a number, as in "1." or "## 2)") are the question's, or begin
 * with them; what follows them on the line (past '?', ':', '*' and the
 * like) is the answer's start, set in *rest.
 */
static int opens(reader *R, size_t q, const char *w, span l, const char **rest)
{
	const char *h = R->heading_words[q], *end;
	size_t hl = strlen(h), skip = 0, k;

	if (strncmp(w, h, hl) != 0 || (w[hl] != ' ' && w[hl] != '\0')) {
		/* a leading number: "1. What happens ...", "## 2) ..." */
		const char *d = w;

		while (*d >= '0' && *d <= '9')
			d++;
		if (d == w || *d != ' ' || strncmp(d + 1, h, hl) != 0 ||
		    (d[1 + hl] != ' ' && d[1 + hl] != '\0'))
			return 0;
		skip = 1;
	}
	k = R->heading_count[q] + skip;
	end = after_words(l, k);
	if (!end)
		return 0;
	while (end < l.end && strchr("?:*_)]>.!-~` \t", *end))
		end++;
	*rest = end;
	return 1;
}

/* Which question's section line `l` opens (*q, *rest), 0 when none. */
static int opens_any(reader *R, span l, size_t *q, const char **rest, gate_error *err)
{
	size_t i;

	/* The line's first words, as many as the longest heading can need
	 * (and a number before it): one pass per line, whatever its length. */
	if (words_upto(&R->tmp, l.start, (size_t)(l.end - l.start), R->heading_max + 24, err) < 0)
		return -1;
	for (i = 0; i < R->policy->nwt_questions; i++)
		if (opens(R, i, R->tmp.ptr, l, rest)) {
			*q = i;
			return 1;
		}
	return 0;
}

/* A backtick code span at s (within end): its end, or NULL when the run
 * of backticks is not closed by one as long before a blank line. */
static const char *code_span_end(const char *s, const char *end)
{
	size_t n = 0, m;
	const char *p;

	while (s + n < end && s[n] == '`')
		n++;
	for (p = s + n; p < end; p++) {
		if (p[0] == '\n' && p + 1 < end && (p[1] == '\n' || p[1] == '\r'))
			return NULL;
		if (*p != '`')
			continue;
		for (m = 0; p + m < end && p[m] == '`'; m++)
			;
		if (m == n)
			return p + m;
		p += m - 1;
	}
	return NULL;
}

/* Skips HTML from `p` (at '<'); returns where the rendered text goes on,
 * or NULL when it is no HTML (a '<' of the text). */
static const char *html_end(const char *p, const char *end)
{
	static const char *const raw[] = {"script", "style", "textarea", "template", NULL};
	const char *c;
	size_t i;

	if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
		/* "<!-->" and "<!--->" are whole comments */
		if (end - p >= 5 && p[4] == '>')
			return p + 5;
		if (end - p >= 6 && p[4] == '-' && p[5] == '>')
			return p + 6;
		for (c = p + 4; c + 3 <= end; c++)
			if (c[0] == '-' && c[1] == '-' && c[2] == '>')
				return c + 3;
		return end; /* never closed: the rest of the page shows nothing */
	}
	if (end - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
		for (c = p + 9; c + 3 <= end; c++)
			if (c[0] == ']' && c[1] == ']' && c[2] == '>')
				return c + 3;
		return end;
	}
	if (end - p >= 2 && (p[1] == '?' || p[1] == '!')) {
		c = memchr(p, '>', (size_t)(end - p));
		return c ? c + 1 : NULL;
	}
	if (end - p < 2 ||
	    !((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z') || p[1] == '/'))
		return NULL;
	/* a tag; its attributes (alt, title) are not read as text */
	for (c = p + 1; c < end && *c != '>'; c++)
		if (*c == '"' || *c == '\'') {
			const char *q = memchr(c + 1, *c, (size_t)(end - c - 1));

			if (!q)
				return NULL;
			c = q;
		}
	if (c >= end)
		return NULL;
	for (i = 0; raw[i]; i++) {
		size_t n = strlen(raw[i]);

		if ((size_t)(c - p) > n && strncasecmp(p + 1, raw[i], n) == 0 &&
		    !is_word((unsigned char)p[1 + n])) {
			/* what such an element holds is not shown as text */
			const char *e;

			for (e = c; e + n + 2 < end; e++)
				if (e[0] == '<' && e[1] == '/' &&
				    strncasecmp(e + 2, raw[i], n) == 0) {
					const char *gt = memchr(e, '>', (size_t)(end - e));

					return gt ? gt + 1 : end;
				}
			return end;
		}
	}
	return c + 1;
}

/*
 * The description as a reader of the rendered page sees its text, into
 * `out` (NUL-terminated): without HTML comments, tags and what tags hide
 * (attributes, scripts, CDATA), without link reference definitions, lines
 * kept. Code (fenced blocks and code spans) is shown as it is, so it is
 * kept as it is.
 */
static int visible_text(gate_buf *out, const char *s, size_t len, gate_error *err)
{
	const char *p = s, *end = s + len, *q;
	int fenced = 0;

	gate_buf_clear(out);
	while (p < end) {
		const char *at = p;
		span l = gate_next_line(&p, end);
		const char *lend = p; /* with its line end */

		if (line_is_fence(l)) {
			fenced = !fenced;
			if (gate_buf_put(out, at, (size_t)(lend - at), err) < 0)
				return -1;
			continue;
		}
		if (fenced) {
			if (gate_buf_put(out, at, (size_t)(lend - at), err) < 0)
				return -1;
			continue;
		}
		if (line_is_reference(l)) {
			if (gate_buf_putc(out, '\n', err) < 0)
				return -1;
			continue;
		}
		/* inline: code spans kept, HTML dropped (maybe over lines) */
		for (q = at; q < lend;) {
			const char *e;

			if (*q == '`' && (e = code_span_end(q, end)) != NULL) {
				if (gate_buf_put(out, q, (size_t)(e - q), err) < 0)
					return -1;
				q = e;
			} else if (*q == '<' && (e = html_end(q, end)) != NULL) {
				const char *nl;

				/* keep the lines it spanned, so that what follows
				 * stays on its own line */
				for (nl = q; (nl = memchr(nl, '\n', (size_t)(e - nl))) != NULL;
				     nl++)
					if (gate_buf_putc(out, '\n', err) < 0)
						return -1;
				if (gate_buf_putc(out, ' ', err) < 0)
					return -1;
				q = e;
			} else {
				if (gate_buf_putc(out, *q, err) < 0)
					return -1;
				q++;
			}
			if (q > lend) {
				/* a span or an element went past this line */
				p = q;
				break;
			}
		}
		if (q >= lend)
			p = q > p ? q : p;
	}
	return gate_buf_putc(out, '\0', err);
}

/* A trailer line: "Token: value", the token letters, digits and '-'. */
static int line_is_trailer(span l)
{
	const char *c = l.start;

	while (c < l.end && ((unsigned char)*c < 0x80) && (is_word((unsigned char)*c) || *c == '-'))
		c++;
	return c > l.start && c < l.end && *c == ':';
}

/* Trailer keys git and the forges write; a last paragraph with one of
 * them is a trailer block, whatever else it holds. */
static int line_is_known_trailer(span l)
{
	static const char *const keys[] = {"signed-off-by",
					   "co-authored-by",
					   "assisted-by",
					   "ai-assisted",
					   "reviewed-by",
					   "acked-by",
					   "tested-by",
					   "reported-by",
					   "suggested-by",
					   "helped-by",
					   "cc",
					   "change-id",
					   "generated-by",
					   NULL};
	size_t i, n;

	if (!line_is_trailer(l))
		return 0;
	n = (size_t)((const char *)memchr(l.start, ':', (size_t)(l.end - l.start)) - l.start);
	for (i = 0; keys[i]; i++)
		if (strlen(keys[i]) == n && strncasecmp(l.start, keys[i], n) == 0)
			return 1;
	return 0;
}

/*
 * A commit message without its trailer block, into `out` (NUL-terminated):
 * the trailer lines of the last paragraph are dropped when each of its
 * lines is a trailer or one of them is a known trailer
 * (Signed-off-by: ...), so that no trailer is read as part of an answer.
 */
static int without_trailers(gate_buf *out, const char *msg, size_t len, gate_error *err)
{
	const char *p = msg, *end = msg + len, *last = msg;
	int all = 1, known = 0;

	/* the last paragraph: after the last blank line with text after it */
	while (p < end) {
		span l = gate_next_line(&p, end);

		if (l.start == l.end && p < end)
			last = p;
	}
	for (p = last; p < end;) {
		span l = gate_next_line(&p, end);

		if (l.start == l.end)
			continue;
		known |= line_is_known_trailer(l);
		if (!line_is_trailer(l) && *l.start != ' ' && *l.start != '\t')
			all = 0;
	}
	gate_buf_clear(out);
	if (last == msg || !(all || known))
		return gate_buf_put(out, msg, len, err) < 0 || gate_buf_putc(out, '\0', err) < 0
			   ? -1
			   : 0;
	if (gate_buf_put(out, msg, (size_t)(last - msg), err) < 0)
		return -1;
	for (p = last; p < end;) {
		const char *at = p;
		span l = gate_next_line(&p, end);

		if (line_is_trailer(l) ||
		    (l.start < l.end && (*l.start == ' ' || *l.start == '\t')))
			continue;
		if (gate_buf_put(out, at, (size_t)(p - at), err) < 0)
			return -1;
	}
	return gate_buf_putc(out, '\0', err);
}

static int keep_answer(gate_wt_answer *a, const char *s, size_t len, const char *source,
		       gate_error *err)
{
	while (len && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
		       s[len - 1] == '\r'))
		len--;
	a->truncated = 0;
	if (len > GATE_WALKTHROUGH_KEEP) {
		len = GATE_WALKTHROUGH_KEEP;
		while (len && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
		a->truncated = 1;
	}
	free(a->answer);
	free(a->source);
	a->answer = NULL;
	a->source = NULL;
	if (!(a->answer = malloc(len + (a->truncated ? 4 : 1))) ||
	    !(a->source = gate_strdup(source, err))) {
		free(a->answer);
		a->answer = NULL;
		return gate_error_set(err, GATE_ERR_NOMEM, "out of memory reading answers");
	}
	memcpy(a->answer, s, len);
	if (a->truncated)
		memcpy(a->answer + len, "...", 4);
	else
		a->answer[len] = '\0';
	return 0;
}

/*
 * The words of an answer without any question's words, into R->norm:
 * one pass over the words, each place compared with each heading.
 */
static int answer_words(reader *R, const char *s, size_t len, gate_error *err)
{
	const char *w, *sp;
	size_t i, hl;

	if (words(&R->norm2, s, len, err) < 0)
		return -1;
	gate_buf_clear(&R->norm);
	for (w = R->norm2.ptr; *w;) {
		for (i = 0; i < R->policy->nwt_questions; i++) {
			hl = strlen(R->heading_words[i]);
			if (hl && strncmp(w, R->heading_words[i], hl) == 0 &&
			    (w[hl] == ' ' || w[hl] == '\0'))
				break;
		}
		if (i < R->policy->nwt_questions) {
			w += hl;
		} else {
			sp = strchr(w, ' ');
			if (!sp)
				sp = w + strlen(w);
			if ((R->norm.size && gate_buf_putc(&R->norm, ' ', err) < 0) ||
			    gate_buf_put(&R->norm, w, (size_t)(sp - w), err) < 0)
				return -1;
			w = sp;
		}
		while (*w == ' ')
			w++;
	}
	return gate_buf_putc(&R->norm, '\0', err);
}

/* Whether every word of R->norm is a word of a placeholder ("TODO TODO",
 * "n/a, n/a"). */
static int only_placeholder_words(reader *R)
{
	const char *w = R->norm.ptr, *sp;
	size_t i, n;

	while (*w) {
		sp = strchr(w, ' ');
		n = sp ? (size_t)(sp - w) : strlen(w);
		for (i = 0; i < R->nplaceholders; i++) {
			const char *p = R->placeholder_words[i], *q;

			for (; *p; p = *q ? q + 1 : q) {
				q = strchr(p, ' ');
				if (!q)
					q = p + strlen(p);
				if ((size_t)(q - p) == n && strncmp(p, w, n) == 0)
					break;
			}
			if (*p)
				break;
		}
		if (i == R->nplaceholders)
			return 0;
		w += n;
		while (*w == ' ')
			w++;
	}
	return 1;
}

/* Judges the section in R->section as an answer. */
static int judge(reader *R, gate_wt_status *status, size_t *length, gate_error *err)
{
	size_t n;

	if (answer_words(R, R->section.ptr, R->section.size, err) < 0)
		return -1;
	n = weight(R->norm.ptr);
	*length = n;
	if (n == 0 || only_placeholder_words(R))
		*status = GATE_WT_PLACEHOLDER;
	else
		*status =
		    (long long)n < R->policy->wt_min_length ? GATE_WT_SHORT : GATE_WT_ANSWERED;
	return 0;
}

/* Reads the sections of one text (a description, or a commit message
 * without its trailers) into the answers still without an acceptable
 * one. */
static int read_text(reader *R, gate_wt_answer *out, const char *text, size_t len,
		     const char *source, gate_error *err)
{
	const char *p = text, *end = text + len, *rest;
	size_t q, next;
	int rc, fenced = 0;

	while (p < end) {
		span l = gate_next_line(&p, end);
		gate_wt_status status;
		size_t length;

		if (line_is_fence(l)) {
			fenced = !fenced;
			continue;
		}
		if (fenced)
			continue;
		if ((rc = opens_any(R, l, &q, &rest, err)) < 0)
			return -1;
		if (!rc)
			continue;
		gate_buf_clear(&R->section);
		if (gate_buf_put(&R->section, rest, (size_t)(l.end - rest), err) < 0)
			return -1;
		/* a setext underline makes the line a heading; it is no break */
		if (p < end) {
			const char *at = p;
			span u = gate_next_line(&p, end);

			if (rest != l.end || !line_of(u, "=-", 1))
				p = at;
		}
		while (p < end) {
			const char *at = p;

			l = gate_next_line(&p, end);
			if (line_is_fence(l))
				fenced = !fenced;
			else if (!fenced) {
				if ((rc = opens_any(R, l, &next, &rest, err)) < 0)
					return -1;
				if (rc || line_is_heading_mark(l) || line_of(l, "-*_", 3)) {
					p = at;
					break;
				}
			}
			if (gate_buf_putc(&R->section, '\n', err) < 0 ||
			    gate_buf_put(&R->section, l.start, (size_t)(l.end - l.start), err) < 0)
				return -1;
		}
		fenced = 0;
		if (judge(R, &status, &length, err) < 0)
			return -1;
		/* The first acceptable answer stands; until there is one, the
		 * first section found is what the report shows. */
		if ((out[q].status != GATE_WT_ANSWERED) &&
		    (status == GATE_WT_ANSWERED || out[q].status == GATE_WT_MISSING)) {
			if (keep_answer(&out[q], R->section.ptr, R->section.size, source, err) < 0)
				return -1;
			out[q].status = status;
			out[q].length = length;
		} else if (status == GATE_WT_ANSWERED && R->nalts[q] < WT_MAX_ALTS) {
			gate_wt_answer *alt = &R->alts[q][R->nalts[q]];

			if (keep_answer(alt, R->section.ptr, R->section.size, source, err) < 0)
				return -1;
			alt->status = status;
			alt->length = length;
			R->nalts[q]++;
		}
	}
	return 0;
}

/* The earlier question whose answer has the words in R->norm, or i. */
static size_t repeats(char *const *norm, size_t i, const char *words)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (norm[j] && strcmp(norm[j], words) == 0)
			return j;
	return i;
}

/* Answers with the same words as an earlier question's answer; a later
 * acceptable answer to the question that does not repeat takes the place
 * of one that does. */
static int mark_repeated(reader *R, gate_wt_answer *out, gate_error *err)
{
	size_t n = R->policy->nwt_questions, i, j, k;
	char **norm = calloc(n ? n : 1, sizeof(*norm));
	int error = -1;

	if (!norm)
		return gate_error_set(err, GATE_ERR_NOMEM, "out of memory reading answers");
	for (i = 0; i < n; i++) {
		if (out[i].status != GATE_WT_ANSWERED)
			continue;
		if (answer_words(R, out[i].answer, strlen(out[i].answer), err) < 0)
			goto done;
		if ((j = repeats(norm, i, R->norm.ptr)) < i) {
			for (k = 0; k < R->nalts[i]; k++) {
				if (answer_words(R, R->alts[i][k].answer,
						 strlen(R->alts[i][k].answer), err) < 0)
					goto done;
				if (repeats(norm, i, R->norm.ptr) == i) {
					gate_wt_answer t = out[i];

					out[i] = R->alts[i][k];
					R->alts[i][k] = t;
					break;
				}
			}
			if (k == R->nalts[i]) {
				out[i].status = GATE_WT_REPEATED;
				out[i].same_as = j;
				continue;
			}
		}
		if (!(norm[i] = gate_strdup(R->norm.ptr, err)))
			goto done;
	}
	error = 0;
done:
	for (i = 0; i < n; i++)
		free(norm[i]);
	free(norm);
	return error;
}

void gate_walkthrough_free(gate_wt_answer *answers, size_t n)
{
	size_t i;

	if (!answers)
		return;
	for (i = 0; i < n; i++) {
		free(answers[i].answer);
		free(answers[i].source);
	}
	free(answers);
}

/* The number of words of `w` (made by words()). */
static size_t count_words(const char *w)
{
	size_t n = *w ? 1 : 0;

	for (; *w; w++)
		n += *w == ' ';
	return n;
}

int gate_walkthrough_read(gate_wt_answer **out, const gate_policy *policy, const char *description,
			  size_t description_len, const gate_change *change, gate_error *err)
{
	const char *const *placeholders;
	reader R;
	gate_wt_answer *a = NULL;
	size_t i, n = policy->nwt_questions;
	int error = -1;

	*out = NULL;
	memset(&R, 0, sizeof(R));
	R.policy = policy;
	gate_buf_init(&R.tmp, WT_BUF_MAX);
	gate_buf_init(&R.section, WT_BUF_MAX);
	gate_buf_init(&R.norm, WT_BUF_MAX);
	gate_buf_init(&R.norm2, WT_BUF_MAX);
	gate_buf_init(&R.text, WT_BUF_MAX);
	if (!(a = gate_calloc(n ? n : 1, sizeof(*a), err)) ||
	    !(R.heading_words = gate_calloc(n ? n : 1, sizeof(char *), err)) ||
	    !(R.heading_count = gate_calloc(n ? n : 1, sizeof(size_t), err)) ||
	    !(R.alts = gate_calloc(n ? n : 1, sizeof(*R.alts), err)) ||
	    !(R.nalts = gate_calloc(n ? n : 1, sizeof(size_t), err)))
		goto done;
	for (i = 0; i < n; i++) {
		a[i].status = GATE_WT_MISSING;
		if (words(&R.tmp, policy->wt_questions[i].heading,
			  strlen(policy->wt_questions[i].heading), err) < 0 ||
		    !(R.heading_words[i] = gate_strdup(R.tmp.ptr, err)))
			goto done;
		R.heading_count[i] = count_words(R.heading_words[i]);
		if (strlen(R.heading_words[i]) > R.heading_max)
			R.heading_max = strlen(R.heading_words[i]);
	}
	placeholders = policy->wt_placeholders ? (const char *const *)policy->wt_placeholders
					       : default_placeholders;
	while (placeholders[R.nplaceholders])
		R.nplaceholders++;
	if (!(R.placeholder_words = gate_calloc(R.nplaceholders + 1, sizeof(char *), err)))
		goto done;
	for (i = 0; i < R.nplaceholders; i++)
		if (words(&R.tmp, placeholders[i], strlen(placeholders[i]), err) < 0 ||
		    !(R.placeholder_words[i] = gate_strdup(R.tmp.ptr, err)))
			goto done;
	/* The description as its rendered page shows it. */
	if (description && (visible_text(&R.text, description, description_len, err) < 0 ||
			    read_text(&R, a, R.text.ptr, R.text.size - 1, "description", err) < 0))
		goto done;
	/* The change's commits come newest first, as git lists them; a
	 * message is plain text, read as it is but for its trailers. */
	for (i = 0; change && i < change->ncommits; i++) {
		const gate_commit *c = &change->commits[i];
		size_t len = c->message ? strlen(c->message) : 0;

		if (len && (without_trailers(&R.text, c->message, len, err) < 0 ||
			    read_text(&R, a, R.text.ptr, R.text.size - 1, c->sha, err) < 0))
			goto done;
	}
	if (mark_repeated(&R, a, err) < 0)
		goto done;
	*out = a;
	a = NULL;
	error = 0;
done:
	gate_walkthrough_free(a, n);
	for (i = 0; R.heading_words && i < n; i++)
		free(R.heading_words[i]);
	free(R.heading_words);
	free(R.heading_count);
	for (i = 0; R.alts && R.nalts && i < n; i++) {
		size_t k;

		for (k = 0; k < R.nalts[i]; k++) {
			free(R.alts[i][k].answer);
			free(R.alts[i][k].source);
		}
	}
	free(R.alts);
	free(R.nalts);
	for (i = 0; R.placeholder_words && i < R.nplaceholders; i++)
		free(R.placeholder_words[i]);
	free(R.placeholder_words);
	gate_buf_dispose(&R.tmp);
	gate_buf_dispose(&R.section);
	gate_buf_dispose(&R.norm);
	gate_buf_dispose(&R.norm2);
	gate_buf_dispose(&R.text);
	return error;
}
