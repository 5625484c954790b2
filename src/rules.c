/*
 * Content rules applied to a path and to a file's content (see
 * include/riskgate/rules.h): multi-line triggers over runs of lines that
 * include an added one, `unless` in a window or in the statement or call
 * the trigger starts, and matching on NFKC-folded text.
 */
#include "riskgate/banned.h"

#include "riskgate/rules.h"

#include "riskgate/literals.h"

#include <stdlib.h>
#include <string.h>

int gate_rule_covers(gate_rule *rule, const char *path, size_t len, gate_error *err)
{
	return gate_patterns_match(rule->files, rule->nfiles, path, len, NULL, err);
}

/* ---- NFKC folding --------------------------------------------------------- */

/* Single code points whose NFKC form is one ASCII character. */
static const struct {
	unsigned cp;
	char to;
} fold1[] = {
    {0x00A0, ' '}, {0x00AA, 'a'}, {0x00B2, '2'},  {0x00B3, '3'},  {0x00B9, '1'}, {0x00BA, 'o'},
    {0x017F, 's'}, {0x2071, 'i'}, {0x207F, 'n'},  {0x2090, 'a'},  {0x2091, 'e'}, {0x2092, 'o'},
    {0x2093, 'x'}, {0x2095, 'h'}, {0x2096, 'k'},  {0x2097, 'l'},  {0x2098, 'm'}, {0x2099, 'n'},
    {0x209A, 'p'}, {0x209B, 's'}, {0x209C, 't'},  {0x2102, 'C'},  {0x210A, 'g'}, {0x210B, 'H'},
    {0x210C, 'H'}, {0x210D, 'H'}, {0x210E, 'h'},  {0x2110, 'I'},  {0x2111, 'I'}, {0x2112, 'L'},
    {0x2113, 'l'}, {0x2115, 'N'}, {0x2119, 'P'},  {0x211A, 'Q'},  {0x211B, 'R'}, {0x211C, 'R'},
    {0x211D, 'R'}, {0x2124, 'Z'}, {0x2128, 'Z'},  {0x212A, 'K'},  {0x212C, 'B'}, {0x212D, 'C'},
    {0x212F, 'e'}, {0x2130, 'E'}, {0x2131, 'F'},  {0x2133, 'M'},  {0x2134, 'o'}, {0x2139, 'i'},
    {0x2145, 'D'}, {0x2146, 'd'}, {0x2147, 'e'},  {0x2148, 'i'},  {0x2149, 'j'}, {0x2160, 'I'},
    {0x2164, 'V'}, {0x2169, 'X'}, {0x216C, 'L'},  {0x216D, 'C'},  {0x216E, 'D'}, {0x216F, 'M'},
    {0x2170, 'i'}, {0x2174, 'v'}, {0x2179, 'x'},  {0x217C, 'l'},  {0x217D, 'c'}, {0x217E, 'd'},
    {0x217F, 'm'}, {0x3000, ' '}, {0x1D6A4, 'i'}, {0x1D6A5, 'j'},
};

/* The ASCII text NFKC gives for code point `cp`, or NULL when it is not a
 * form folded here. `tmp` holds single characters. */
static const char *fold_cp(unsigned cp, char tmp[2])
{
	static const char *const lig[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
	size_t i;

	tmp[1] = '\0';
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		tmp[0] = (char)(cp - 0xFEE0); /* fullwidth ASCII */
	else if (cp >= 0x2000 && cp <= 0x200A)
		tmp[0] = ' ';
	else if (cp == 0x2070 || (cp >= 0x2074 && cp <= 0x2079))
		tmp[0] = (char)('0' + (cp - 0x2070));
	else if (cp >= 0x2080 && cp <= 0x2089)
		tmp[0] = (char)('0' + (cp - 0x2080));
	else if (cp >= 0xFB00 && cp <= 0xFB06)
		return lig[cp - 0xFB00];
	else if (cp >= 0x1D400 && cp <= 0x1D6A3) {
		/* Thirteen mathematical alphabets of A-Z a-z (bold, italic,
		 * script, fraktur, double-struck, sans-serif, monospace...). */
		unsigned k = (cp - 0x1D400) % 52;
		tmp[0] = (char)(k < 26 ? 'A' + k : 'a' + (k - 26));
	} else if (cp >= 0x1D7CE && cp <= 0x1D7FF)
		tmp[0] = (char)('0' + (cp - 0x1D7CE) % 10);
	else if (cp >= 0x1FBF0 && cp <= 0x1FBF9)
		tmp[0] = (char)('0' + (cp - 0x1FBF0));
	else {
		for (i = 0; i < sizeof(fold1) / sizeof(fold1[0]); i++)
			if (fold1[i].cp == cp) {
				tmp[0] = fold1[i].to;
				return tmp;
			}
		return NULL;
	}
	return tmp;
}

/* Decodes one well-formed UTF-8 sequence of 2 to 4 bytes at s (n bytes
 * left); returns its length, 0 when it is not one. */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	size_t len, i;
	unsigned c;

	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, c = s[0] & 0x1Fu;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, c = s[0] & 0x0Fu;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, c = s[0] & 0x07u;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3Fu);
	}
	if ((len == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
	    (len == 4 && (c < 0x10000 || c > 0x10FFFF)))
		return 0;
	*cp = c;
	return len;
}

int gate_rule_fold_nfkc(gate_buf *out, const char *s, size_t len, gate_error *err)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0, n;
	unsigned cp;
	char tmp[2];
	const char *to;

	while (i < len) {
		if (u[i] < 0x80 || !(n = utf8_decode(u + i, len - i, &cp)) ||
		    !(to = fold_cp(cp, tmp))) {
			i++;
			continue;
		}
		if (gate_buf_put(out, s + run, i - run, err) < 0 || gate_buf_puts(out, to, err) < 0)
			return -1;
		i += n;
		run = i;
	}
	return gate_buf_put(out, s + run, len - run, err);
}

/* ---- Subjects ------------------------------------------------------------- */

/* Appends lines [first, last] of `c`, joined by "\n", folded when the rule
 * says so. */
static int put_lines(gate_buf *out, const gate_rule *rule, const gate_content *c, size_t first,
		     size_t last, gate_error *err)
{
	size_t n, len;
	const char *s;

	for (n = first; n <= last; n++) {
		s = gate_content_line(c, n, &len);
		if (n > first && gate_buf_put(out, "\n", 1, err) < 0)
			return -1;
		if (rule->normalize_nfkc ? gate_rule_fold_nfkc(out, s, len, err) < 0
					 : gate_buf_put(out, s, len, err) < 0)
			return -1;
	}
	return 0;
}

/*
 * Lines [first, last] of `c` as put_lines renders them: where the content
 * already holds exactly that text (no folding, and no line but the last
 * ends in "\r\n"), a pointer into the content; otherwise rendered into
 * `out`. *len is the text's length.
 */
static const char *subject(gate_buf *out, const gate_rule *rule, const gate_content *c,
			   size_t first, size_t last, size_t *len, gate_error *err)
{
	size_t n, l;
	const char *start = gate_content_line(c, first, &l), *end = start + l;

	for (n = first + 1; !rule->normalize_nfkc && n <= last; n++) {
		const char *s = gate_content_line(c, n, &l);

		if (s != end + 1 || *end != '\n')
			break;
		end = s + l;
	}
	if (!rule->normalize_nfkc && n > last) {
		*len = (size_t)(end - start);
		return start;
	}
	gate_buf_clear(out);
	if (put_lines(out, rule, c, first, last, err) < 0)
		return NULL;
	*len = out->size;
	return out->ptr ? out->ptr : "";
}

/* Whether the rule's `unless` matches a line of [lo, hi] (clamped). */
static int unless_in_window(gate_rule *rule, const gate_content *c, long long lo, long long hi,
			    gate_error *err)
{
	gate_buf line = GATE_BUF_INIT(1u << 26);
	long long n;
	int rc = 0;

	if (lo < 1)
		lo = 1;
	if (hi > (long long)c->nlines)
		hi = (long long)c->nlines;
	for (n = lo; n <= hi && rc == 0; n++) {
		size_t len;
		const char *p = subject(&line, rule, c, (size_t)n, (size_t)n, &len, err);

		rc = p ? gate_regex_match(rule->unless.re, p, len, err) : -1;
	}
	gate_buf_dispose(&line);
	return rc;
}

/* Skips a string literal opened by s[i]; returns the index after its
 * closing quote (or where it stops: a line end for ' and ", the end). */
static size_t skip_string(const char *s, size_t len, size_t i)
{
	char q = s[i++];

	while (i < len) {
		if (s[i] == '\\' && i + 1 < len && s[i + 1] != '\n') {
			i += 2;
			continue;
		}
		if (s[i] == q)
			return i + 1;
		if (s[i] == '\n' && q != '`')
			return i;
		i++;
	}
	return len;
}

/* Whether the line break at s[i] continues the statement: the line ends
 * in a backslash, an operator or a comma, or the next line starts a method
 * chain (".then(...)", "?.x"). */
static int continues(const char *s, size_t len, size_t i)
{
	size_t j = i;

	while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '\t' || s[j - 1] == '\r'))
		j--;
	if (j > 0 && s[j - 1] && strchr("\\+-*/=,&|.(", s[j - 1]))
		return 1;
	for (j = i + 1; j < len && (s[j] == ' ' || s[j] == '\t'); j++)
		;
	return j < len && (s[j] == '.' || s[j] == '?');
}

/*
 * The end of the statement or call that starts at s[start], whose trigger
 * match ends at `tend`. A call is the parenthesised arguments of the last
 * '(' of the match (or the first '(' after it); a statement runs to a ';'
 * or a line break outside brackets, or to the bracket that closes around
 * it. Strings are skipped. Without an end in `len` bytes, `len`.
 */
static size_t scope_end(const char *s, size_t len, size_t start, size_t tend,
			gate_unless_scope scope)
{
	size_t i = start, open = (size_t)-1;
	long depth = 0;

	if (scope == GATE_UNLESS_CALL) {
		for (i = start; i < tend; i++)
			if (s[i] == '(')
				open = i;
		if (open == (size_t)-1) {
			for (i = tend; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
				;
			if (i >= len || s[i] != '(')
				return tend; /* no call: the match alone */
			open = i;
		}
		i = open;
	}
	while (i < len) {
		char ch = s[i];

		if (ch == '"' || ch == '\'' || ch == '`') {
			i = skip_string(s, len, i);
			continue;
		}
		if (ch == '(' || ch == '[' || ch == '{')
			depth++;
		else if (ch == ')' || ch == ']' || ch == '}') {
			if (--depth < 0)
				return i;
			if (depth == 0 && scope == GATE_UNLESS_CALL && ch == ')')
				return i + 1;
		} else if (depth == 0 && scope == GATE_UNLESS_STATEMENT && i >= tend &&
			   (ch == ';' || (ch == '\n' && !continues(s, len, i))))
			return i;
		i++;
	}
	return len;
}

/* ---- The scan ------------------------------------------------------------- */

/* Whether the rule's runs are searched through marked lines: it has
 * required literals, and its text is the raw lines. */
static int markable(const gate_rule *rule)
{
	return rule && rule->trigger_literals && !rule->normalize_nfkc;
}

static size_t rule_lines(const gate_rule *rule)
{
	return rule->lines < 1 ? 1 : (size_t)rule->lines;
}

struct gate_rule_marker {
	const gate_literals *sets[GATE_RULE_MARKS_MAX];
	size_t lines[GATE_RULE_MARKS_MAX];
	unsigned long long markable; /* the rules with a set */
	gate_literals_group *group;
};

int gate_rule_marker_new(gate_rule_marker **out, gate_rule *const *rules, size_t n, gate_error *err)
{
	gate_rule_marker *m;
	size_t i;

	*out = NULL;
	if (n > GATE_RULE_MARKS_MAX)
		return gate_error_set(err, GATE_ERR_INTERNAL, "more than %d rules marked at once",
				      GATE_RULE_MARKS_MAX);
	if (!(m = gate_calloc(1, sizeof(*m), err)))
		return -1;
	for (i = 0; i < n; i++) {
		m->sets[i] = markable(rules[i]) ? rules[i]->trigger_literals : NULL;
		m->lines[i] = rule_lines(rules[i]);
		if (m->sets[i])
			m->markable |= 1ull << i;
	}
	if (m->markable && gate_literals_group_new(&m->group, m->sets, n, err) < 0) {
		free(m);
		return -1;
	}
	*out = m;
	return 0;
}

void gate_rule_marker_free(gate_rule_marker *m)
{
	if (!m)
		return;
	gate_literals_group_free(m->group);
	free(m);
}

int gate_rule_marks(unsigned long long **out, const gate_rule_marker *m, unsigned long long want,
		    const gate_content *c, gate_error *err)
{
	unsigned long long *marks, all = want & m->markable, left, found;
	size_t i, k, lo, hi, line, off, end, at, nlines = 1;

	*out = NULL;
	if (!all)
		return 0;
	for (i = 0; i < GATE_RULE_MARKS_MAX; i++)
		if ((all >> i & 1) && m->lines[i] > nlines)
			nlines = m->lines[i];
	/* An added line past the content: leave the runs to be searched. */
	for (k = 0; k < c->nadded; k++)
		if (c->added[k] < 1 || c->added[k] > c->nlines)
			return 0;
	if (!(marks = gate_calloc(c->nlines + 1, sizeof(*marks), err)))
		return -1;
	for (k = 0; k < c->nadded; k++) {
		/* Every line a run of the widest rule around an added line
		 * covers; added lines come in order, and overlapping reaches
		 * are searched once. */
		lo = c->added[k] >= nlines ? c->added[k] - nlines + 1 : 1;
		hi = c->added[k] + nlines - 1;
		while (k + 1 < c->nadded && c->added[k + 1] >= c->added[k] &&
		       c->added[k + 1] <= hi + nlines) {
			k++;
			hi = c->added[k] + nlines - 1;
		}
		if (hi > c->nlines)
			hi = c->nlines;
		/* A literal holds no line end: each line is searched alone,
		 * until every set is found on it. */
		for (line = lo; line <= hi; line++) {
			off = c->line_start[line - 1];
			end = c->line_start[line];
			left = all;
			while (left && off < end &&
			       (found = gate_literals_group_find(m->group, c->data + off, end - off,
								 left, &at)) != 0) {
				marks[line] |= found;
				left &= ~found;
				off += at + 1;
			}
		}
	}
	*out = marks;
	return 0;
}

int gate_rule_scan_marked(gate_rule *rule, const gate_content *c, const unsigned long long *marks,
			  unsigned bit, gate_rule_hit_fn fn, void *payload, gate_error *err)
{
	gate_buf subj = GATE_BUF_INIT(1u << 26);
	unsigned long long mask = bit < GATE_RULE_MARKS_MAX ? 1ull << bit : 0;
	size_t k, s, last, tried = 0, reported = 0, nlines = (size_t)rule->lines;
	size_t extra = 0;
	int rc = 0;

	if (nlines < 1)
		nlines = 1;
	if (rule->unless.re && rule->unless_scope != GATE_UNLESS_WINDOW)
		extra = (size_t)rule->window;
	/* A trigger with required literals cannot match a text without one:
	 * PCRE2 is asked only about runs of lines that hold one: marked lines
	 * (gate_rule_marks), or, for folded text or without marks, the run's
	 * own text. */
	if (!markable(rule) || !mask)
		marks = NULL;
	for (k = 0; k < c->nadded && rc == 0; k++) {
		size_t n = c->added[k];

		for (s = n >= nlines ? n - nlines + 1 : 1; s <= n && rc == 0; s++) {
			size_t first_len, trig_len, mstart, mend, i, span_last, hit, size;
			const char *p, *nl;

			if (s <= tried)
				continue;
			tried = s;
			if (marks) { /* a marked line among those the trigger sees */
				for (hit = s;
				     hit < s + nlines && hit <= c->nlines && !(marks[hit] & mask);
				     hit++)
					;
				if (hit == s + nlines || hit > c->nlines)
					continue;
			}
			last = s + nlines - 1 + extra;
			if (last > c->nlines)
				last = c->nlines;
			if ((p = subject(&subj, rule, c, s, last, &size, err)) == NULL) {
				rc = -1;
				break;
			}
			/* The first line's end; the trigger sees the first `lines`
			 * lines only. */
			nl = memchr(p, '\n', size);
			first_len = nl ? (size_t)(nl - p) : size;
			trig_len = first_len;
			for (hit = s + 1; nl && hit < s + nlines; hit++) {
				nl = memchr(nl + 1, '\n', size - (size_t)(nl + 1 - p));
				trig_len = nl ? (size_t)(nl - p) : size;
			}
			if (!marks && rule->trigger_literals &&
			    !gate_literals_in(rule->trigger_literals, p, trig_len))
				continue;
			if ((rc = gate_regex_find(rule->trigger.re, p, trig_len, &mstart, &mend,
						  err)) <= 0)
				continue;
			rc = 0;
			if (mstart > first_len)
				continue; /* starts on a later line: that run owns it */
			/* The lines the match spans; it is reported at the first
			 * added one, and must span one. */
			span_last = s;
			for (i = mstart; i < mend && i < trig_len; i++)
				if (p[i] == '\n' && i + 1 < mend)
					span_last++;
			for (hit = s; hit <= span_last && !gate_content_is_added(c, hit); hit++)
				;
			if (hit > span_last || hit <= reported)
				continue;
			if (rule->unless.re) {
				if (rule->unless_scope == GATE_UNLESS_WINDOW)
					rc = unless_in_window(rule, c, (long long)s - rule->window,
							      (long long)span_last + rule->window,
							      err);
				else {
					size_t end =
					    scope_end(p, size, mstart, mend, rule->unless_scope);
					rc = gate_regex_match(rule->unless.re, p + mstart,
							      end - mstart, err);
				}
				if (rc < 0)
					break;
				if (rc) {
					rc = 0;
					continue;
				}
			}
			reported = hit;
			rc = fn(payload, hit, err);
		}
	}
	gate_buf_dispose(&subj);
	return rc;
}

int gate_rule_scan(gate_rule *rule, const gate_content *c, gate_rule_hit_fn fn, void *payload,
		   gate_error *err)
{
	gate_rule_marker *m = NULL;
	unsigned long long *marks = NULL;
	int rc;

	if (gate_rule_marker_new(&m, &rule, 1, err) < 0 ||
	    gate_rule_marks(&marks, m, 1, c, err) < 0) {
		gate_rule_marker_free(m);
		return -1;
	}
	rc = gate_rule_scan_marked(rule, c, marks, 0, fn, payload, err);
	free(marks);
	gate_rule_marker_free(m);
	return rc;
}

static int note_hit(void *payload, size_t line, gate_error *err)
{
	(void)line;
	(void)err;
	*(int *)payload = 1;
	return 1; /* one is enough */
}

int gate_rule_fires(gate_rule *rule, const char *text, size_t len, gate_error *err)
{
	gate_content c;
	int hit = 0, rc;

	if (gate_content_from_text(&c, text, len, err) < 0)
		return -1;
	rc = gate_rule_scan(rule, &c, note_hit, &hit, err);
	gate_content_dispose(&c);
	return rc < 0 ? -1 : hit;
}
