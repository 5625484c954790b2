/*
 * A strict JSON parser (RFC 8259) that also accepts // and block comments and
 * records where every value and key starts, so that policy errors can point
 * into the text a person wrote. Policies may come from the branch under
 * review, so it validates all of its input as UTF-8 and bounds its nesting.
 */
#include "riskgate/banned.h"

#include "riskgate/jsonc.h"

#include <float.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"
#include "riskgate/error.h"

/*
 * Parser state. Invariants: p and line_start lie within [text, end]; nothing
 * at or past `end` is ever read, because the text need not be NUL-terminated.
 * `line` is the 1-based number of the line holding p and line_start points
 * just after the last '\n' before p (or at the first byte of the text). Only
 * '\n' ends a line, so CRLF counts once and a lone CR is an ordinary
 * whitespace byte. Columns count bytes from line_start, so a leading BOM
 * counts too: positions are offsets into the original text, which is what
 * callers that map them back into the text (policy.c) expect.
 */
typedef struct {
	const unsigned char *p;
	const unsigned char *end;
	const unsigned char *line_start;
	size_t line;
	const char *filename;
	gate_error_class klass;
	gate_error *err;
} json_parser;

/* An object member and its index in document order, for duplicate checks. */
typedef struct {
	const gate_json *member;
	size_t index;
} member_ref;

enum utf8_status {
	UTF8_OK,
	UTF8_BAD_BYTE,
	UTF8_INCOMPLETE,
	UTF8_OVERLONG,
	UTF8_SURROGATE,
	UTF8_TOO_BIG
};

static int parse_value(json_parser *P, unsigned depth, gate_json **out);

static unsigned clamp_uint(size_t v)
{
	return v > UINT_MAX ? UINT_MAX : (unsigned)v;
}

static unsigned col_of(const json_parser *P, const unsigned char *at)
{
	return clamp_uint((size_t)(at - P->line_start) + 1);
}

static int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static int is_word(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_';
}

static int vfail(json_parser *P, size_t line, unsigned col, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

static int vfail(json_parser *P, size_t line, unsigned col, const char *fmt, va_list ap)
{
	char msg[512];

	if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
		snprintf(msg, sizeof(msg), "invalid JSON");
	return gate_error_set_at(P->err, P->klass, P->filename, clamp_uint(line), col, "%s", msg);
}

/* Records an error at an explicit position; always returns -1. */
static int fail_at(json_parser *P, size_t line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail_at(json_parser *P, size_t line, unsigned col, const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = vfail(P, line, col, fmt, ap);
	va_end(ap);
	return error;
}

/* Records an error at `at`, which must lie on the current line. */
static int fail_here(json_parser *P, const unsigned char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail_here(json_parser *P, const unsigned char *at, const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = vfail(P, P->line, col_of(P, at), fmt, ap);
	va_end(ap);
	return error;
}

/*
 * Decodes the UTF-8 sequence at p (p < end). On success stores its length
 * and code point. Rejects everything RFC 3629 does: stray continuation
 * bytes, overlong forms, encoded surrogates and code points past U+10FFFF.
 */
static enum utf8_status utf8_decode(const unsigned char *p, const unsigned char *end, size_t *len,
				    uint32_t *cp)
{
	unsigned char b = p[0];
	size_t n, i;
	uint32_t c;

	if (b < 0x80) {
		*len = 1;
		*cp = b;
		return UTF8_OK;
	}
	if (b < 0xc0 || b > 0xf4)
		return UTF8_BAD_BYTE;
	if (b < 0xc2)
		return UTF8_OVERLONG;
	if (b < 0xe0) {
		n = 2;
		c = b & 0x1f;
	} else if (b < 0xf0) {
		n = 3;
		c = b & 0x0f;
	} else {
		n = 4;
		c = b & 0x07;
	}
	if ((size_t)(end - p) < n)
		return UTF8_INCOMPLETE;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return UTF8_INCOMPLETE;
		c = (c << 6) | (uint32_t)(p[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000))
		return UTF8_OVERLONG;
	if (c >= 0xd800 && c <= 0xdfff)
		return UTF8_SURROGATE;
	if (c > 0x10ffff)
		return UTF8_TOO_BIG;
	*len = n;
	*cp = c;
	return UTF8_OK;
}

/* Writes the UTF-8 form of `cp` to dst (when not NULL); returns its length. */
static size_t utf8_encode(uint32_t cp, char *dst)
{
	unsigned char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (unsigned char)(0xc0 | (cp >> 6));
		b[1] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (unsigned char)(0xe0 | (cp >> 12));
		b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		b[0] = (unsigned char)(0xf0 | (cp >> 18));
		b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (unsigned char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	if (dst)
		memcpy(dst, b, n);
	return n;
}

/* Reports the invalid UTF-8 sequence starting at `at`. */
static int fail_utf8(json_parser *P, const unsigned char *at, enum utf8_status st)
{
	static const char *const why[] = {"",
					  "",
					  " (incomplete sequence)",
					  " (overlong encoding)",
					  " (encoded surrogate)",
					  " (beyond U+10FFFF)"};

	return fail_here(P, at, "invalid UTF-8 byte 0x%02x%s", (unsigned)*at, why[st]);
}

/*
 * Reports that the byte at `at` (or the end of input) is not what the
 * grammar allows here; `expected` completes "(expected ...)". Messages show
 * printable ASCII as itself and anything else as U+XXXX, so that hostile
 * text never reaches a terminal raw.
 */
static int unexpected(json_parser *P, const unsigned char *at, const char *expected)
{
	enum utf8_status st;
	uint32_t cp;
	size_t n;

	if (at >= P->end)
		return fail_here(P, at, "unexpected end of input (expected %s)", expected);
	if (*at > 0x20 && *at < 0x7f) {
		if (*at == '\'')
			return fail_here(P, at, "unexpected character \"'\" (expected %s)",
					 expected);
		return fail_here(P, at, "unexpected character '%c' (expected %s)", *at, expected);
	}
	if ((st = utf8_decode(at, P->end, &n, &cp)) != UTF8_OK)
		return fail_utf8(P, at, st);
	return fail_here(P, at, "unexpected character U+%04X (expected %s)", (unsigned)cp,
			 expected);
}

static void newline(json_parser *P)
{
	P->line++;
	P->line_start = P->p;
}

/* Skips the comment that starts at P->p (a '/'). */
static int skip_comment(json_parser *P)
{
	const unsigned char *open = P->p;
	size_t open_line = P->line;
	unsigned open_col = col_of(P, open);
	enum utf8_status st;
	uint32_t cp;
	size_t n;
	int block;

	if (P->end - open < 2 || (open[1] != '/' && open[1] != '*'))
		return fail_here(P, open,
				 "unexpected character '/' (a comment starts with // or /*)");
	block = open[1] == '*';
	P->p += 2;
	while (P->p < P->end) {
		unsigned char c = *P->p;

		if (c == '\n') {
			/* A line comment ends before its newline; skip_ws counts it. */
			if (!block)
				return 0;
			P->p++;
			newline(P);
		} else if (block && c == '*' && P->end - P->p >= 2 && P->p[1] == '/') {
			P->p += 2;
			return 0;
		} else if (c == '\0') {
			/* Text after a NUL is invisible to many tools a reviewer uses. */
			return fail_here(P, P->p, "NUL byte in comment");
		} else if (c >= 0x80) {
			if ((st = utf8_decode(P->p, P->end, &n, &cp)) != UTF8_OK)
				return fail_utf8(P, P->p, st);
			P->p += n;
		} else {
			P->p++;
		}
	}
	if (block)
		return fail_at(P, open_line, open_col, "unterminated comment");
	return 0;
}

/* Skips JSON whitespace and comments. */
static int skip_ws(json_parser *P)
{
	while (P->p < P->end) {
		unsigned char c = *P->p;

		if (c == ' ' || c == '\t' || c == '\r') {
			P->p++;
		} else if (c == '\n') {
			P->p++;
			newline(P);
		} else if (c == '/') {
			if (skip_comment(P) < 0)
				return -1;
		} else {
			break;
		}
	}
	return 0;
}

static int hex4(const unsigned char *q, const unsigned char *end, uint32_t *out)
{
	uint32_t v = 0;
	int i;

	if (end - q < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		unsigned char c = q[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (uint32_t)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/*
 * Decodes the escape whose backslash is at q, inside the string opened at
 * `open`. Stores the code point and the number of bytes the escape spans.
 */
static int read_escape(json_parser *P, const unsigned char *open, const unsigned char *q,
		       uint32_t *cp, size_t *used)
{
	const unsigned char *end = P->end;
	uint32_t lo;

	if (end - q < 2)
		return fail_here(P, open, "unterminated string");
	*used = 2;
	switch (q[1]) {
	case '"':
		*cp = '"';
		return 0;
	case '\\':
		*cp = '\\';
		return 0;
	case '/':
		*cp = '/';
		return 0;
	case 'b':
		*cp = '\b';
		return 0;
	case 'f':
		*cp = '\f';
		return 0;
	case 'n':
		*cp = '\n';
		return 0;
	case 'r':
		*cp = '\r';
		return 0;
	case 't':
		*cp = '\t';
		return 0;
	case 'u':
		break;
	default:
		if (q[1] > 0x20 && q[1] < 0x7f)
			return fail_here(P, q, "invalid escape \\%c", q[1]);
		return fail_here(P, q, "invalid escape: '\\' followed by byte 0x%02x",
				 (unsigned)q[1]);
	}
	if (hex4(q + 2, end, cp) < 0)
		return fail_here(P, q, "invalid \\u escape (expected four hex digits)");
	if (*cp == 0)
		return fail_here(P, q, "\\u0000 is not allowed (strings cannot contain NUL)");
	if (*cp >= 0xdc00 && *cp <= 0xdfff)
		return fail_here(P, q,
				 "lone surrogate \\u%04X (a low surrogate must follow a high one)",
				 (unsigned)*cp);
	*used = 6;
	if (*cp >= 0xd800 && *cp <= 0xdbff) {
		if (end - q < 12 || q[6] != '\\' || q[7] != 'u' || hex4(q + 8, end, &lo) < 0 ||
		    lo < 0xdc00 || lo > 0xdfff)
			return fail_here(P, q,
					 "lone surrogate \\u%04X (a high surrogate must be "
					 "followed by a \\uDC00-\\uDFFF escape)",
					 (unsigned)*cp);
		*cp = 0x10000 + ((*cp - 0xd800) << 10) + (lo - 0xdc00);
		*used = 12;
	}
	return 0;
}

/*
 * Scans the string whose opening quote is at P->p without moving P->p. With
 * dst NULL it validates the string and stores its decoded length in *len and
 * the position after the closing quote in *after; with dst it decodes a
 * string already validated that way into dst, which has room for *len bytes.
 * A raw newline is an error, so the whole string lies on the current line.
 */
static int scan_string(json_parser *P, char *dst, size_t *len, const unsigned char **after)
{
	const unsigned char *open = P->p, *q = open + 1, *end = P->end;
	enum utf8_status st;
	size_t n = 0, used;
	uint32_t cp;

	while (q < end) {
		unsigned char c = *q;

		if (c == '"') {
			*len = n;
			*after = q + 1;
			return 0;
		}
		if (c == '\\') {
			if (read_escape(P, open, q, &cp, &used) < 0)
				return -1;
			n += utf8_encode(cp, dst ? dst + n : NULL);
			q += used;
			continue;
		}
		if (c < 0x20)
			return fail_here(P, q, "control character U+%04X in string%s", (unsigned)c,
					 c == '\n' || c == '\r' ? " (missing closing quote?)" : "");
		used = 1;
		if (c >= 0x80 && (st = utf8_decode(q, end, &used, &cp)) != UTF8_OK)
			return fail_utf8(P, q, st);
		if (dst)
			memcpy(dst + n, q, used);
		n += used;
		q += used;
	}
	return fail_here(P, open, "unterminated string");
}

/* Reads the string at P->p into a new NUL-terminated *out, and moves past it. */
static int read_string(json_parser *P, char **out, size_t *out_len)
{
	const unsigned char *after = NULL;
	size_t len = 0, size;
	char *s;

	*out = NULL;
	if (scan_string(P, NULL, &len, &after) < 0)
		return -1;
	if (gate_add_overflow(&size, len, 1))
		return gate_error_set(P->err, GATE_ERR_NOMEM, "string too long");
	if (!(s = gate_malloc(size, P->err)))
		return -1;
	/* Cannot fail: the first pass validated exactly these bytes. */
	scan_string(P, s, &len, &after);
	s[len] = '\0';
	P->p = after;
	*out = s;
	*out_len = len;
	return 0;
}

/* Parses the number at P->p with the strict RFC 8259 grammar. */
static int parse_number(json_parser *P, gate_json *node)
{
	const unsigned char *start = P->p, *q = start, *end = P->end;
	char small[64], *copy = small, *endp = NULL;
	long long v = 0;
	int neg = 0, integral = 1, overflow = 0, error = -1;
	size_t n;

	node->type = GATE_JSON_NUMBER;
	if (*q == '-') {
		neg = 1;
		q++;
		if (q == end || !is_digit(*q)) {
			error = fail_here(P, q, "expected a digit after '-'");
			goto done;
		}
	}
	if (*q == '0') {
		if (end - q > 1 && is_digit(q[1])) {
			error = fail_here(P, q, "leading zeros are not allowed");
			goto done;
		}
		q++;
	} else {
		for (; q < end && is_digit(*q); q++) {
			int d = *q - '0';

			if (overflow)
				continue;
			if (neg ? v < (LLONG_MIN + d) / 10 : v > (LLONG_MAX - d) / 10)
				overflow = 1;
			else
				v = neg ? v * 10 - d : v * 10 + d;
		}
	}
	if (q < end && *q == '.') {
		integral = 0;
		q++;
		if (q == end || !is_digit(*q)) {
			error = fail_here(P, q, "expected a digit after '.'");
			goto done;
		}
		while (q < end && is_digit(*q))
			q++;
	}
	if (q < end && (*q == 'e' || *q == 'E')) {
		integral = 0;
		q++;
		if (q < end && (*q == '+' || *q == '-'))
			q++;
		if (q == end || !is_digit(*q)) {
			error = fail_here(P, q, "expected a digit in the exponent");
			goto done;
		}
		while (q < end && is_digit(*q))
			q++;
	}
	if (q < end && (is_word(*q) || *q == '.')) {
		error = fail_here(P, q, "unexpected character '%c' in number", *q);
		goto done;
	}

	/* strtod wants a terminated string; the text may not be one. */
	n = (size_t)(q - start);
	if (n >= sizeof(small) && !(copy = gate_malloc(n + 1, P->err)))
		goto done;
	memcpy(copy, start, n);
	copy[n] = '\0';
	node->num = strtod(copy, &endp);
	if (endp != copy + n) {
		/* Only possible under a locale whose decimal point is not '.'. */
		error = fail_here(P, start, "number could not be converted");
		goto done;
	}
	if (node->num > DBL_MAX || node->num < -DBL_MAX) {
		error = fail_here(P, start, "number out of range");
		goto done;
	}
	node->is_int = integral && !overflow;
	node->ival = node->is_int ? v : 0;
	P->p = q;
	error = 0;
done:
	if (copy != small)
		free(copy);
	return error;
}

/* Parses true, false or null at P->p. */
static int parse_word(json_parser *P, gate_json *node)
{
	const unsigned char *start = P->p, *q = start;
	size_t n;

	while (q < P->end && is_word(*q))
		q++;
	n = (size_t)(q - start);
	if (n == 4 && memcmp(start, "true", 4) == 0) {
		node->type = GATE_JSON_BOOL;
		node->boolean = 1;
	} else if (n == 5 && memcmp(start, "false", 5) == 0) {
		node->type = GATE_JSON_BOOL;
		node->boolean = 0;
	} else if (n == 4 && memcmp(start, "null", 4) == 0) {
		node->type = GATE_JSON_NULL;
	} else {
		/* The word is ASCII letters, digits and '_' only: safe to show. */
		return fail_here(P, start,
				 "unknown literal '%.*s%s' (expected a value: JSON literals "
				 "are true, false and null, strings need double quotes)",
				 (int)(n > 32 ? 32 : n), (const char *)start, n > 32 ? "..." : "");
	}
	P->p = q;
	return 0;
}

static int fail_unterminated(json_parser *P, const gate_json *node)
{
	if (node->type == GATE_JSON_ARRAY)
		return fail_at(P, node->line, node->col, "unterminated array (no closing ']')");
	return fail_at(P, node->line, node->col, "unterminated object (no closing '}')");
}

static void append(gate_json *parent, gate_json **tail, gate_json *item)
{
	if (*tail)
		(*tail)->next = item;
	else
		parent->child = item;
	*tail = item;
	parent->count++;
}

/*
 * Parses the array whose '[' is at P->p into `arr`. `depth` counts the
 * containers open including this one. Elements are linked into arr as they
 * are parsed, so freeing arr on error frees them too.
 */
static int parse_array(json_parser *P, unsigned depth, gate_json *arr)
{
	gate_json *tail = NULL, *item = NULL;
	size_t comma_line;
	unsigned comma_col;

	arr->type = GATE_JSON_ARRAY;
	P->p++;
	if (skip_ws(P) < 0)
		return -1;
	if (P->p < P->end && *P->p == ']') {
		P->p++;
		return 0;
	}
	for (;;) {
		if (P->p == P->end)
			return fail_unterminated(P, arr);
		if (parse_value(P, depth, &item) < 0)
			return -1;
		append(arr, &tail, item);
		if (skip_ws(P) < 0)
			return -1;
		if (P->p == P->end)
			return fail_unterminated(P, arr);
		if (*P->p == ']') {
			P->p++;
			return 0;
		}
		if (*P->p != ',')
			return unexpected(P, P->p, "',' or ']'");
		comma_line = P->line;
		comma_col = col_of(P, P->p);
		P->p++;
		if (skip_ws(P) < 0)
			return -1;
		if (P->p < P->end && *P->p == ']')
			return fail_at(P, comma_line, comma_col, "trailing comma is not allowed");
	}
}

static int ref_cmp(const member_ref *a, const member_ref *b)
{
	int c = strcmp(a->member->key, b->member->key);

	if (c)
		return c;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* A bottom-up merge sort: O(n log n) whatever the keys, unlike qsort. */
static void sort_refs(member_ref *a, member_ref *tmp, size_t n)
{
	member_ref *src = a, *dst = tmp, *swap;
	size_t width, lo, mid, hi, i, j, k;

	for (width = 1; width < n; width *= 2) {
		for (lo = 0; lo < n; lo += 2 * width) {
			mid = n - lo > width ? lo + width : n;
			hi = n - mid > width ? mid + width : n;
			i = lo;
			j = mid;
			k = lo;
			while (i < mid && j < hi)
				dst[k++] = ref_cmp(&src[i], &src[j]) <= 0 ? src[i++] : src[j++];
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
		}
		swap = src;
		src = dst;
		dst = swap;
	}
	if (src != a)
		memcpy(a, src, n * sizeof(*a));
}

/* Copies `s` into buf for an error message: printable ASCII only, shortened. */
static void quote_for_message(const char *s, char *buf, size_t size)
{
	const unsigned char *q = (const unsigned char *)s, *end = q + strlen(s);
	size_t o = 0, n, plen;
	char piece[16];
	uint32_t cp;

	while (q < end) {
		if (utf8_decode(q, end, &n, &cp) != UTF8_OK) {
			/* Keys were validated; be safe anyway. */
			cp = 0xfffd;
			n = 1;
		}
		if (cp == '"' || cp == '\\')
			snprintf(piece, sizeof(piece), "\\%c", (char)cp);
		else if (cp >= 0x20 && cp < 0x7f)
			snprintf(piece, sizeof(piece), "%c", (char)cp);
		else if (cp < 0x10000)
			snprintf(piece, sizeof(piece), "\\u%04X", (unsigned)cp);
		else
			snprintf(piece, sizeof(piece), "\\u%04X\\u%04X",
				 (unsigned)(0xd800 + ((cp - 0x10000) >> 10)),
				 (unsigned)(0xdc00 + ((cp - 0x10000) & 0x3ff)));
		plen = strlen(piece);
		if (o + plen + 4 > size) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		memcpy(buf + o, piece, plen);
		o += plen;
		q += n;
	}
	buf[o] = '\0';
}

/*
 * Fails if two members of `obj` share a key, naming the earliest member (in
 * document order) that repeats an earlier key. Sorting the members keeps this
 * O(n log n) in the worst case; a hash table could be flooded by a policy
 * crafted to collide, and a pairwise scan is quadratic. The check runs when
 * the object is complete, so a syntax error later in the same object is
 * reported first.
 */
static int check_duplicates(json_parser *P, const gate_json *obj)
{
	member_ref *refs = NULL, *tmp = NULL;
	const member_ref *dup = NULL, *first = NULL;
	const gate_json *m;
	size_t i, run = 0;
	char shown[128];
	int error = -1;

	if (obj->count < 2)
		return 0;
	if (!(refs = gate_reallocarray(NULL, obj->count, sizeof(*refs), P->err)) ||
	    !(tmp = gate_reallocarray(NULL, obj->count, sizeof(*tmp), P->err)))
		goto done;
	for (m = obj->child, i = 0; m && i < obj->count; m = m->next, i++) {
		refs[i].member = m;
		refs[i].index = i;
	}
	sort_refs(refs, tmp, obj->count);
	for (i = 1; i < obj->count; i++) {
		if (strcmp(refs[i].member->key, refs[run].member->key) != 0) {
			run = i;
		} else if (i == run + 1 && (!dup || refs[i].index < dup->index)) {
			dup = &refs[i];
			first = &refs[run];
		}
	}
	if (dup) {
		quote_for_message(dup->member->key, shown, sizeof(shown));
		error = fail_at(P, dup->member->key_line, dup->member->key_col,
				"duplicate key \"%s\" (first at line %u)", shown,
				first->member->key_line);
		goto done;
	}
	error = 0;
done:
	free(refs);
	free(tmp);
	return error;
}

/* Parses the object whose '{' is at P->p into `obj`; see parse_array. */
static int parse_object(json_parser *P, unsigned depth, gate_json *obj)
{
	gate_json *tail = NULL, *item = NULL;
	char *key = NULL;
	size_t key_len, key_line, comma_line;
	unsigned key_col, comma_col;
	int first = 1, error = -1;

	obj->type = GATE_JSON_OBJECT;
	P->p++;
	if (skip_ws(P) < 0)
		goto done;
	if (P->p < P->end && *P->p == '}') {
		P->p++;
		error = 0;
		goto done;
	}
	for (;;) {
		if (P->p == P->end) {
			error = fail_unterminated(P, obj);
			goto done;
		}
		if (*P->p != '"') {
			if (is_word(*P->p) || *P->p == '\'')
				error =
				    fail_here(P, P->p, "object keys must be double-quoted strings");
			else
				error = unexpected(P, P->p,
						   first ? "a string key or '}'" : "a string key");
			goto done;
		}
		key_line = P->line;
		key_col = col_of(P, P->p);
		if (read_string(P, &key, &key_len) < 0 || skip_ws(P) < 0)
			goto done;
		if (P->p == P->end) {
			error = fail_unterminated(P, obj);
			goto done;
		}
		if (*P->p != ':') {
			error = unexpected(P, P->p, "':'");
			goto done;
		}
		P->p++;
		if (skip_ws(P) < 0)
			goto done;
		if (P->p == P->end) {
			error = fail_unterminated(P, obj);
			goto done;
		}
		if (parse_value(P, depth, &item) < 0)
			goto done;
		item->key = key;
		key = NULL;
		item->key_line = clamp_uint(key_line);
		item->key_col = key_col;
		append(obj, &tail, item);
		first = 0;

		if (skip_ws(P) < 0)
			goto done;
		if (P->p == P->end) {
			error = fail_unterminated(P, obj);
			goto done;
		}
		if (*P->p == '}') {
			P->p++;
			break;
		}
		if (*P->p != ',') {
			error = unexpected(P, P->p, "',' or '}'");
			goto done;
		}
		comma_line = P->line;
		comma_col = col_of(P, P->p);
		P->p++;
		if (skip_ws(P) < 0)
			goto done;
		if (P->p < P->end && *P->p == '}') {
			error = fail_at(P, comma_line, comma_col, "trailing comma is not allowed");
			goto done;
		}
	}
	error = check_duplicates(P, obj);
done:
	free(key);
	return error;
}

/*
 * Parses one value at P->p (whitespace already skipped). `depth` counts the
 * containers around it; a container at depth GATE_JSON_MAX_DEPTH would be
 * level 65, so recursion never goes deeper than 64 containers.
 */
static int parse_value(json_parser *P, unsigned depth, gate_json **out)
{
	gate_json *node = NULL;
	unsigned char c;
	int error = -1;

	*out = NULL;
	if (P->p == P->end) {
		error = unexpected(P, P->p, "a value");
		goto done;
	}
	c = *P->p;
	if (c == '\'') {
		error = fail_here(P, P->p, "strings must be in double quotes");
		goto done;
	}
	if (c != '{' && c != '[' && c != '"' && c != '-' && !is_word(c)) {
		error = unexpected(P, P->p, "a value");
		goto done;
	}
	if ((c == '{' || c == '[') && depth >= GATE_JSON_MAX_DEPTH) {
		error = fail_here(P, P->p, "nesting deeper than %d levels", GATE_JSON_MAX_DEPTH);
		goto done;
	}
	if (!(node = gate_calloc(1, sizeof(*node), P->err)))
		goto done;
	node->line = clamp_uint(P->line);
	node->col = col_of(P, P->p);
	if (c == '{')
		error = parse_object(P, depth + 1, node);
	else if (c == '[')
		error = parse_array(P, depth + 1, node);
	else if (c == '"') {
		node->type = GATE_JSON_STRING;
		error = read_string(P, &node->str, &node->str_len);
	} else if (c == '-' || is_digit(c))
		error = parse_number(P, node);
	else
		error = parse_word(P, node);
	if (error < 0)
		goto done;
	*out = node;
	node = NULL;
done:
	gate_json_free(node);
	return error;
}

int gate_json_parse(gate_json **out, const char *text, size_t len, const char *filename,
		    gate_error_class klass, gate_error *err)
{
	static const unsigned char empty[1];
	const unsigned char *start = text ? (const unsigned char *)text : empty;
	gate_json *root = NULL;
	json_parser P;
	int error = -1;

	if (!out)
		return gate_error_set(err, GATE_ERR_INTERNAL, "gate_json_parse: no output");
	*out = NULL;
	if (!text && len)
		return gate_error_set(err, GATE_ERR_INTERNAL, "gate_json_parse: no text");
	P.p = start;
	P.end = start + len;
	P.line_start = start;
	P.line = 1;
	P.filename = filename ? filename : "<input>";
	P.klass = klass != GATE_ERR_NONE ? klass : GATE_ERR_POLICY;
	P.err = err;

	if (len >= 3 && memcmp(start, "\xef\xbb\xbf", 3) == 0)
		P.p += 3;
	if (skip_ws(&P) < 0 || parse_value(&P, 0, &root) < 0 || skip_ws(&P) < 0)
		goto done;
	if (P.p != P.end) {
		fail_here(&P, P.p, "unexpected content after the value");
		goto done;
	}
	*out = root;
	root = NULL;
	error = 0;
done:
	gate_json_free(root);
	return error;
}
