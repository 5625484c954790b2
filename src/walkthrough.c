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

#include "riskgate/buf.h"
#include "riskgate/policy.h"

/* The most a section or its words may take (a commit message may be
 * long; past this the evaluation stops with an error). */
#define WT_BUF_MAX ((size_t)64 << 20)

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

static int is_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/*
 * The length of the UTF-8 character at s (at most `len` bytes) and whether
 * it is part of a word: a letter or digit of any script as far as a reader
 * can see it. Not words: ASCII punctuation, ill-formed bytes, and what
 * renders as nothing or as space (no-break and other spaces, zero-width
 * characters, bidirectional controls, soft hyphen, combining marks alone,
 * variation selectors, fillers, tags, the BOM), so that an answer cannot
 * be made long with characters nobody sees.
 */
static size_t char_at(const unsigned char *s, size_t len, int *word)
{
	unsigned cp;
	size_t n, i;

	*word = 0;
	if (s[0] < 0x80) {
		*word = is_word(s[0]);
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
	*word =
	    !(cp <= 0xBF || (cp >= 0x300 && cp <= 0x36F) || cp == 0x115F || cp == 0x1160 ||
	      cp == 0x180E || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x2800 ||
	      (cp >= 0x3000 && cp <= 0x3003) || cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F) ||
	      cp == 0xFEFF || cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFFF) ||
	      (cp >= 0x1D173 && cp <= 0x1D17A) || (cp >= 0xE0000 && cp <= 0xE0FFF));
	return n;
}

int gate_walkthrough_heading_valid(const char *heading)
{
	size_t i, len = heading ? strlen(heading) : 0;
	int word = 0;

	if (len == 0 || len > GATE_WALKTHROUGH_MAX_HEADING)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)heading[i];
		int w;

		if (c < 0x20 || c == 0x7f || c == ':')
			return 0;
		(void)char_at((const unsigned char *)heading + i, len - i, &w);
		word |= w;
	}
	return word;
}

/*
 * The words of `len` bytes of `s` into `out`: lower case, one space between
 * words, none around them.
 */
static int words(gate_buf *out, const char *s, size_t len, gate_error *err)
{
	size_t i, n;
	int gap = 0, word;

	gate_buf_clear(out);
	for (i = 0; i < len; i += n) {
		unsigned char c = (unsigned char)s[i];

		n = char_at((const unsigned char *)s + i, len - i, &word);
		if (!word) {
			gap = 1;
			continue;
		}
		if (gap && out->size && gate_buf_putc(out, ' ', err) < 0)
			return -1;
		gap = 0;
		if (n == 1) {
			if (gate_buf_putc(out, (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c),
					  err) < 0)
				return -1;
		} else if (gate_buf_put(out, s + i, n, err) < 0) {
			return -1;
		}
	}
	return gate_buf_putc(out, '\0', err) < 0 ? -1 : 0;
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

/* Removes every whole-word occurrence of `w` (words, non-empty) from the
 * words in `b`, and the space before it. */
static void remove_words(gate_buf *b, const char *w)
{
	size_t wl = strlen(w), i = 0;

	if (!wl)
		return;
	while (b->size > 1 && i + wl <= b->size - 1) {
		char *p = b->ptr + i;

		if (memcmp(p, w, wl) == 0 && (i == 0 || p[-1] == ' ') &&
		    (p[wl] == ' ' || p[wl] == '\0')) {
			size_t from = i ? i - 1 : i, to = i + wl;

			if (i == 0 && p[wl] == ' ')
				to++;
			memmove(b->ptr + from, b->ptr + to, b->size - to);
			b->size -= to - from;
			i = from;
			continue;
		}
		p = memchr(p, ' ', b->size - 1 - i);
		if (!p)
			break;
		i = (size_t)(p - b->ptr) + 1;
	}
}

/* One line of a text: [start, end) without its line end. */
typedef struct {
	const char *start, *end;
} span;

static int line_is_heading_mark(span l)
{
	const char *p = l.start;
	size_t n = 0;

	while (p < l.end && *p == ' ' && n < 3)
		p++, n++;
	n = 0;
	while (p < l.end && *p == '#' && n < 7)
		p++, n++;
	return n >= 1 && n <= 6 && (p == l.end || *p == ' ' || *p == '\t');
}

static int line_is_break(span l)
{
	const char *p = l.start;
	char mark = 0;
	size_t n = 0;

	for (; p < l.end; p++) {
		if (*p == ' ' || *p == '\t')
			continue;
		if ((*p != '-' && *p != '*' && *p != '_') || (mark && *p != mark))
			return 0;
		mark = *p;
		n++;
	}
	return n >= 3;
}

/*
 * Whether line `l` opens the section of question `q`: the line's words, up
 * to its first ':' when it has one, are the heading's words, and before
 * them stand only marks (#, *, _, -, >, a number with '.'). Sets *rest to
 * what follows the ':' (the answer's start) or to the line's end.
 */
static int opens(const char *heading_words, span l, const char **rest, gate_buf *tmp,
		 gate_error *err)
{
	const char *colon = memchr(l.start, ':', (size_t)(l.end - l.start));
	const char *upto = colon ? colon : l.end;
	const char *p;

	if (words(tmp, l.start, (size_t)(upto - l.start), err) < 0)
		return -1;
	if (strcmp(tmp->ptr, heading_words) != 0) {
		/* "1. What happens ...": a list number is a word of its own. */
		for (p = l.start; p < upto && (*p == ' ' || *p == '\t'); p++)
			;
		if (p == upto || *p < '0' || *p > '9')
			return 0;
		while (p < upto && *p >= '0' && *p <= '9')
			p++;
		if (p == upto || (*p != '.' && *p != ')'))
			return 0;
		if (words(tmp, p + 1, (size_t)(upto - p - 1), err) < 0)
			return -1;
		if (strcmp(tmp->ptr, heading_words) != 0)
			return 0;
	}
	*rest = colon ? colon + 1 : l.end;
	return 1;
}

typedef struct {
	const gate_policy *policy;
	char **heading_words; /* per question */
	const char *const *placeholders;
	char **placeholder_words;
	size_t nplaceholders;
	gate_buf tmp, section, norm, text;
} reader;

/* Which question's section line `l` opens (*q, *rest), 0 when none. */
static int opens_any(reader *R, span l, size_t *q, const char **rest, gate_error *err)
{
	size_t i;
	int rc;

	for (i = 0; i < R->policy->nwt_questions; i++) {
		if ((rc = opens(R->heading_words[i], l, rest, &R->tmp, err)) != 0) {
			*q = i;
			return rc;
		}
	}
	return 0;
}

static span next_line(const char **p, const char *end)
{
	span l;
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));

	l.start = *p;
	l.end = nl ? nl : end;
	*p = nl ? nl + 1 : end;
	if (l.end > l.start && l.end[-1] == '\r')
		l.end--;
	return l;
}

/*
 * `len` bytes of `s` without HTML comments into `out` (NUL-terminated): a
 * comment is not shown on the rendered page, so neither a heading nor an
 * answer inside one is anything a reviewer reads. A comment never closed
 * hides the rest of the text, as it does on the page.
 */
static int strip_comments(gate_buf *out, const char *s, size_t len, gate_error *err)
{
	const char *end = s + len, *p, *o;

	gate_buf_clear(out);
	while (s < end) {
		for (o = NULL, p = s; p + 4 <= end; p++)
			if (p[0] == '<' && memcmp(p, "<!--", 4) == 0) {
				o = p;
				break;
			}
		if (gate_buf_put(out, s, (size_t)((o ? o : end) - s), err) < 0)
			return -1;
		if (!o)
			break;
		for (s = end, p = o + 4; p + 3 <= end; p++)
			if (p[0] == '-' && p[1] == '-' && p[2] == '>') {
				s = p + 3;
				break;
			}
	}
	return gate_buf_putc(out, '\0', err);
}

/* The end of a commit message's text without its trailer block: the last
 * paragraph when each of its lines is "Token: value" or a continuation. */
static size_t without_trailers(const char *msg, size_t len)
{
	size_t end = len, start;
	const char *p;

	while (end > 0 && (msg[end - 1] == '\n' || msg[end - 1] == '\r' || msg[end - 1] == ' '))
		end--;
	for (start = end; start > 0; start--)
		if (msg[start - 1] == '\n' &&
		    (start < 2 || msg[start - 2] == '\n' ||
		     (msg[start - 2] == '\r' && start >= 3 && msg[start - 3] == '\n')))
			break;
	if (start == 0)
		return len; /* one paragraph: the subject, not trailers */
	for (p = msg + start; p < msg + end;) {
		span l = next_line(&p, msg + end);
		const char *c = l.start;

		if (l.start == l.end)
			continue;
		if (*c == ' ' || *c == '\t')
			continue;
		while (c < l.end && (is_word((unsigned char)*c) || *c == '-') &&
		       (unsigned char)*c < 0x80)
			c++;
		if (c == l.start || c == l.end || *c != ':')
			return len;
	}
	return start;
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

/* Judges the section in R->section as the answer to question q. */
static int judge(reader *R, size_t q, gate_wt_status *status, size_t *length, gate_error *err)
{
	size_t i, n = 0;

	(void)q;
	if (words(&R->norm, R->section.ptr, R->section.size, err) < 0)
		return -1;
	for (i = 0; i < R->policy->nwt_questions; i++)
		remove_words(&R->norm, R->heading_words[i]);
	for (i = 0; i + 1 < R->norm.size; i++)
		n += R->norm.ptr[i] != ' ' && ((unsigned char)R->norm.ptr[i] & 0xC0) != 0x80;
	*length = n;
	if (n == 0) {
		*status = GATE_WT_PLACEHOLDER;
		return 0;
	}
	for (i = 0; i < R->nplaceholders; i++)
		if (R->placeholder_words[i][0] &&
		    strcmp(R->norm.ptr, R->placeholder_words[i]) == 0) {
			*status = GATE_WT_PLACEHOLDER;
			return 0;
		}
	*status = (long long)n < R->policy->wt_min_length ? GATE_WT_SHORT : GATE_WT_ANSWERED;
	return 0;
}

/* Reads the sections of one text (a description or a commit message) into
 * the answers still without an acceptable one. */
static int read_text(reader *R, gate_wt_answer *out, const char *raw, size_t raw_len,
		     const char *source, gate_error *err)
{
	const char *p, *end, *rest;
	size_t q, next;
	int rc;

	if (strip_comments(&R->text, raw, raw_len, err) < 0)
		return -1;
	p = R->text.ptr;
	end = p + R->text.size - 1;
	while (p < end) {
		span l = next_line(&p, end);
		gate_wt_status status;
		size_t length;

		if ((rc = opens_any(R, l, &q, &rest, err)) < 0)
			return -1;
		if (!rc)
			continue;
		gate_buf_clear(&R->section);
		if (gate_buf_put(&R->section, rest, (size_t)(l.end - rest), err) < 0)
			return -1;
		while (p < end) {
			const char *at = p;

			l = next_line(&p, end);
			if ((rc = opens_any(R, l, &next, &rest, err)) < 0)
				return -1;
			if (rc || line_is_heading_mark(l) || line_is_break(l)) {
				p = at;
				break;
			}
			if (gate_buf_putc(&R->section, '\n', err) < 0 ||
			    gate_buf_put(&R->section, l.start, (size_t)(l.end - l.start), err) < 0)
				return -1;
		}
		if (judge(R, q, &status, &length, err) < 0)
			return -1;
		/* The first acceptable answer stands; until there is one, the
		 * first section found is what the report shows. */
		if ((out[q].status != GATE_WT_ANSWERED) &&
		    (status == GATE_WT_ANSWERED || out[q].status == GATE_WT_MISSING)) {
			if (keep_answer(&out[q], R->section.ptr, R->section.size, source, err) < 0)
				return -1;
			out[q].status = status;
			out[q].length = length;
		}
	}
	return 0;
}

/* Answers with the same words as an earlier question's answer. */
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
		if (words(&R->norm, out[i].answer, strlen(out[i].answer), err) < 0)
			goto done;
		for (k = 0; k < n; k++)
			remove_words(&R->norm, R->heading_words[k]);
		if (!(norm[i] = gate_strdup(R->norm.ptr, err)))
			goto done;
		for (j = 0; j < i; j++)
			if (norm[j] && strcmp(norm[j], norm[i]) == 0) {
				out[i].status = GATE_WT_REPEATED;
				out[i].same_as = j;
				break;
			}
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

int gate_walkthrough_read(gate_wt_answer **out, const gate_policy *policy, const char *description,
			  size_t description_len, const gate_change *change, gate_error *err)
{
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
	gate_buf_init(&R.text, WT_BUF_MAX);
	if (!(a = gate_calloc(n ? n : 1, sizeof(*a), err)) ||
	    !(R.heading_words = gate_calloc(n ? n : 1, sizeof(char *), err)))
		goto done;
	for (i = 0; i < n; i++) {
		a[i].status = GATE_WT_MISSING;
		if (words(&R.tmp, policy->wt_questions[i].heading,
			  strlen(policy->wt_questions[i].heading), err) < 0 ||
		    !(R.heading_words[i] = gate_strdup(R.tmp.ptr, err)))
			goto done;
	}
	R.placeholders = policy->wt_placeholders ? (const char *const *)policy->wt_placeholders
						 : default_placeholders;
	while (R.placeholders[R.nplaceholders])
		R.nplaceholders++;
	if (!(R.placeholder_words = gate_calloc(R.nplaceholders + 1, sizeof(char *), err)))
		goto done;
	for (i = 0; i < R.nplaceholders; i++)
		if (words(&R.tmp, R.placeholders[i], strlen(R.placeholders[i]), err) < 0 ||
		    !(R.placeholder_words[i] = gate_strdup(R.tmp.ptr, err)))
			goto done;
	if (description && read_text(&R, a, description, description_len, "description", err) < 0)
		goto done;
	/* The change's commits come newest first, as git lists them. */
	for (i = 0; change && i < change->ncommits; i++) {
		const gate_commit *c = &change->commits[i];
		size_t len = c->message ? strlen(c->message) : 0;

		if (len && read_text(&R, a, c->message, without_trailers(c->message, len), c->sha,
				     err) < 0)
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
	for (i = 0; R.placeholder_words && i < R.nplaceholders; i++)
		free(R.placeholder_words[i]);
	free(R.placeholder_words);
	gate_buf_dispose(&R.tmp);
	gate_buf_dispose(&R.section);
	gate_buf_dispose(&R.norm);
	gate_buf_dispose(&R.text);
	return error;
}
