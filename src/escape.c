/*
 * The escapers of every output format (include/riskgate/escape.h): how
 * attacker-controlled bytes become safe JSON strings, terminal text,
 * Markdown, GitHub workflow commands and SARIF URIs. Each format's rules
 * live here once; the report writers only call them.
 */
#include "riskgate/banned.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/escape.h"

/*
 * UTF-8
 */

size_t gate_escape_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
	size_t n, i;
	uint32_t c;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min[n] || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return n;
}

int gate_escape_unsafe_cp(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c || cp == 0x200e ||
	       cp == 0x200f || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * JSON strings and base64
 */

int gate_escape_json_valid(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		/* ASCII but NUL, which the decoder would take one byte at a time anyway. */
		if ((unsigned)u[i] - 1u < 0x7fu) {
			i++;
			continue;
		}
		n = gate_escape_utf8_decode(u + i, len - i, &cp);
		if (n == 0 || cp == 0)
			return 0;
		i += n;
	}
	return 1;
}

int gate_escape_json_text(char **out, const char *s, size_t len, gate_error *err)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t size, i = 0, o = 0, n;
	uint32_t cp;
	char *copy;

	*out = NULL;
	/* Each input byte becomes at most three output bytes. */
	if (gate_mul_overflow(&size, len, 3) || gate_add_overflow(&size, size, 1))
		return gate_error_set(err, GATE_ERR_NOMEM, "a string of the report is too long");
	if (!(copy = gate_malloc(size, err)))
		return -1;
	while (i < len) {
		n = gate_escape_utf8_decode(u + i, len - i, &cp);
		if (n == 0 || cp == 0) {
			memcpy(copy + o, GATE_UTF8_REPLACEMENT, 3);
			o += 3;
			i++;
		} else {
			memcpy(copy + o, s + i, n);
			o += n;
			i += n;
		}
	}
	copy[o] = '\0';
	*out = copy;
	return 0;
}

/* The escape of one byte of a JSON string, as cJSON writes it: 0 when the
 * byte goes as it is, else the letter after the backslash ('u' for \u00xx). */
static char json_escape_letter(unsigned char c)
{
	switch (c) {
	case '"':
		return '"';
	case '\\':
		return '\\';
	case '\b':
		return 'b';
	case '\f':
		return 'f';
	case '\n':
		return 'n';
	case '\r':
		return 'r';
	case '\t':
		return 't';
	default:
		return c < 32 ? 'u' : 0;
	}
}

/* Appends `len` bytes of `s`, which hold no NUL and no invalid UTF-8, with
 * quotes around them and the escapes of json_escape_letter. */
static int json_quote(gate_buf *out, const char *s, size_t len, gate_error *err)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	size_t i, extra = 0, need;
	char *o, c;

	/* Measure first, so that the buffer grows once and a failure appends nothing. */
	for (i = 0; i < len; i++)
		if ((u[i] < 32 || u[i] == '"' || u[i] == '\\') &&
		    (c = json_escape_letter(u[i])) != 0)
			extra += c == 'u' ? 5 : 1;
	if (gate_add_overflow(&need, len, extra) || gate_add_overflow(&need, need, 2))
		return gate_error_set(err, GATE_ERR_NOMEM, "a string of the report is too long");
	if (gate_buf_grow(out, need, err) < 0)
		return -1;
	o = out->ptr + out->size;
	*o++ = '"';
	if (extra == 0) {
		/* Nothing to escape, the common case: one copy. */
		if (len)
			memcpy(o, s, len);
		o += len;
	} else {
		for (i = 0; i < len; i++) {
			if ((c = json_escape_letter(u[i])) == 0) {
				*o++ = (char)u[i];
				continue;
			}
			*o++ = '\\';
			*o++ = c;
			if (c == 'u') {
				*o++ = '0';
				*o++ = '0';
				*o++ = hex[u[i] >> 4];
				*o++ = hex[u[i] & 15];
			}
		}
	}
	*o = '"';
	out->size += need;
	out->ptr[out->size] = '\0';
	return 0;
}

int gate_escape_json_string(gate_buf *out, const char *s, size_t len, int *replaced,
			    gate_error *err)
{
	char *copy = NULL;
	int clean = gate_escape_json_valid(s, len), error;

	if (replaced)
		*replaced = !clean;
	if (clean)
		return json_quote(out, s, len, err);
	if (gate_escape_json_text(&copy, s, len, err) < 0)
		return -1;
	error = json_quote(out, copy, strlen(copy), err);
	free(copy);
	return error;
}

int gate_escape_base64(char **out, const char *s, size_t len, gate_error *err)
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *u = (const unsigned char *)s;
	size_t size, i, o = 0;
	uint32_t v;
	char *text;

	*out = NULL;
	if (gate_add_overflow(&size, len, 2) || gate_mul_overflow(&size, size / 3, 4) ||
	    gate_add_overflow(&size, size, 1))
		return gate_error_set(err, GATE_ERR_NOMEM, "a string of the report is too long");
	if (!(text = gate_malloc(size, err)))
		return -1;
	for (i = 0; i + 2 < len; i += 3) {
		v = ((uint32_t)u[i] << 16) | ((uint32_t)u[i + 1] << 8) | u[i + 2];
		text[o++] = alphabet[(v >> 18) & 63];
		text[o++] = alphabet[(v >> 12) & 63];
		text[o++] = alphabet[(v >> 6) & 63];
		text[o++] = alphabet[v & 63];
	}
	if (len - i == 1) {
		v = (uint32_t)u[i] << 16;
		text[o++] = alphabet[(v >> 18) & 63];
		text[o++] = alphabet[(v >> 12) & 63];
		text[o++] = '=';
		text[o++] = '=';
	} else if (len - i == 2) {
		v = ((uint32_t)u[i] << 16) | ((uint32_t)u[i + 1] << 8);
		text[o++] = alphabet[(v >> 18) & 63];
		text[o++] = alphabet[(v >> 12) & 63];
		text[o++] = alphabet[(v >> 6) & 63];
		text[o++] = '=';
	}
	text[o] = '\0';
	*out = text;
	return 0;
}

/*
 * Terminals: two modes sharing one escaper. TERM_NAME escapes `"` and `\`
 * too and wraps the result in quotes when anything was escaped; TERM_PROSE
 * leaves both and never wraps.
 */
enum term_mode { TERM_NAME, TERM_PROSE };

/*
 * The escape of one byte, in git's style (quote.c): the usual letters,
 * then three octal digits. Writes at most 4 bytes to `esc`; returns the count.
 */
static size_t term_escape_byte(char esc[4], unsigned char c)
{
	static const char letters[] = "\a\b\t\n\v\f\r";
	static const char names[] = "abtnvfr";
	const char *p = c ? strchr(letters, c) : NULL;

	esc[0] = '\\';
	if (p) {
		esc[1] = names[p - letters];
		return 2;
	}
	if (c == '"' || c == '\\') {
		esc[1] = (char)c;
		return 2;
	}
	esc[1] = (char)('0' + ((c >> 6) & 7));
	esc[2] = (char)('0' + ((c >> 3) & 7));
	esc[3] = (char)('0' + (c & 7));
	return 4;
}

/*
 * Walks `len` bytes of `s` and, when `out` is not NULL, appends their safe
 * form (without the surrounding quotes). Always computes *size (bytes
 * written), *width (terminal columns, counting one per code point) and
 * *quote (whether TERM_NAME must wrap it). Returns 0 or -1.
 */
static int term_walk(gate_buf *out, const char *s, size_t len, enum term_mode mode, size_t *size,
		     size_t *width, int *quote, gate_error *err)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n, k, e;
	uint32_t cp;
	char esc[4];
	int error;

	*size = 0;
	*width = 0;
	*quote = 0;
	while (i < len) {
		/* Printable ASCII, by far the common case, is copied a run at a
		 * time. */
		for (k = i; k < len && u[k] >= 0x20 && u[k] < 0x7f &&
			    (mode == TERM_PROSE || (u[k] != '"' && u[k] != '\\'));
		     k++)
			;
		if (k > i) {
			if (out && (error = gate_buf_put(out, s + i, k - i, err)) < 0)
				return error;
			*size += k - i;
			*width += k - i;
			i = k;
			continue;
		}
		n = gate_escape_utf8_decode(u + i, len - i, &cp);
		if (n > 0 && !gate_escape_unsafe_cp(cp) &&
		    (mode == TERM_PROSE || (cp != '"' && cp != '\\'))) {
			if (out && (error = gate_buf_put(out, s + i, n, err)) < 0)
				return error;
			*size += n;
			*width += 1;
			i += n;
			continue;
		}
		*quote = 1; /* something is escaped */
		/* An unsafe code point has each of its bytes escaped; an invalid
		 * byte is escaped alone and decoding resumes at the next. */
		if (n == 0)
			n = 1;
		for (k = 0; k < n; k++) {
			e = term_escape_byte(esc, u[i + k]);
			if (out && (error = gate_buf_put(out, esc, e, err)) < 0)
				return error;
			*size += e;
			*width += e;
		}
		i += n;
	}
	return 0;
}

/* Appends `len` bytes of `s` made safe in `mode`; nothing on failure. */
static int term_put(gate_buf *out, const char *s, size_t len, enum term_mode mode, gate_error *err)
{
	size_t size, cols, need;
	int quote, error;

	if (!out)
		return gate_error_set(err, GATE_ERR_INTERNAL, "no buffer to write to");
	if (len > 0 && !s)
		return gate_error_set(err, GATE_ERR_INTERNAL, "NULL text to escape");
	/* All printable ASCII needing no escape, the common case: as it is,
	 * in one pass (term_walk would copy the same bytes in its second). */
	for (size = 0; size < len; size++) {
		unsigned char c = (unsigned char)s[size];

		if (c < 0x20 || c >= 0x7f || (mode == TERM_NAME && (c == '"' || c == '\\')))
			break;
	}
	if (len > 0 && size == len)
		return gate_buf_put(out, s, len, err);
	if ((error = term_walk(NULL, s, len, mode, &size, &cols, &quote, err)) < 0)
		return error;
	if (mode == TERM_PROSE)
		quote = 0;
	if (gate_add_overflow(&need, size, quote ? 2 : 0))
		return gate_error_set(err, GATE_ERR_NOMEM, "text too long for the report");
	/* Growing by nothing would leave a fresh buffer unterminated. */
	if (need > 0 && (error = gate_buf_grow(out, need, err)) < 0)
		return error;
	if (quote && (error = gate_buf_putc(out, '"', err)) < 0)
		return error;
	if ((error = term_walk(out, s, len, mode, &size, &cols, &quote, err)) < 0)
		return error;
	if (mode == TERM_NAME && quote && (error = gate_buf_putc(out, '"', err)) < 0)
		return error;
	return 0;
}

int gate_escape_terminal_name(gate_buf *out, const char *s, size_t len, gate_error *err)
{
	return term_put(out, s, len, TERM_NAME, err);
}

int gate_escape_terminal_prose(gate_buf *out, const char *s, size_t len, gate_error *err)
{
	return term_put(out, s, len, TERM_PROSE, err);
}

size_t gate_escape_terminal_name_width(const char *s, size_t len)
{
	size_t size, width;
	int quote;

	if (!s)
		return 0;
	/* Measuring (out == NULL) cannot fail. */
	term_walk(NULL, s, len, TERM_NAME, &size, &width, &quote, NULL);
	return width + (quote ? 2 : 0);
}

/*
 * Markdown
 */

/* Where a code span goes: running text or a table cell. */
enum md_ctx { MD_TEXT, MD_CELL };

/* `len` cut to at most `max` bytes on a UTF-8 boundary; *cut says so. */
static size_t md_cut(const char *s, size_t len, size_t max, int *cut)
{
	*cut = len > max;
	if (!*cut)
		return len;
	len = max;
	while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
		len--;
	return len;
}

/* The body of a code span, without the fences (see escape.h). */
static int md_code_body(gate_buf *out, const char *s, size_t len, enum md_ctx ctx, gate_error *err)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cp;
	int error;

	while (i < len) {
		n = gate_escape_utf8_decode(u + i, len - i, &cp);
		if (n == 0 || cp == 0) {
			error = gate_buf_puts(out, GATE_UTF8_REPLACEMENT, err);
			n = 1;
		} else if (cp == '\n') {
			error = gate_buf_puts(out, "\\n", err);
		} else if (cp == '\r') {
			error = gate_buf_puts(out, "\\r", err);
		} else if (cp == '\t') {
			error = gate_buf_puts(out, "\\t", err);
		} else if (gate_escape_unsafe_cp(cp)) {
			error = gate_buf_puts(out, GATE_UTF8_REPLACEMENT, err);
		} else if (cp == '|' && ctx == MD_CELL) {
			/* GFM's cell scanner takes `\|` as one unit, so no
			 * backslash of the name can undo this escape. */
			error = gate_buf_puts(out, "\\|", err);
		} else {
			error = gate_buf_put(out, s + i, n, err);
		}
		if (error < 0)
			return error;
		i += n;
	}
	return 0;
}

static int md_code(gate_buf *out, const char *s, size_t len, enum md_ctx ctx, gate_error *err)
{
	gate_buf body = GATE_BUF_INIT(GATE_ESCAPE_MARKDOWN_NAME_MAX * 4 + 64);
	size_t i, run = 0, longest = 0;
	int cut, pad, error;

	if (!s)
		s = "";
	len = md_cut(s, len, GATE_ESCAPE_MARKDOWN_NAME_MAX, &cut);
	if ((error = md_code_body(&body, s, len, ctx, err)) < 0)
		goto done;
	if (cut && (error = gate_buf_puts(&body, "\xe2\x80\xa6", err)) < 0)
		goto done;
	if (body.size == 0) {
		error = gate_buf_puts(out, "(empty)", err);
		goto done;
	}
	for (i = 0; i < body.size; i++) {
		run = body.ptr[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	/* CommonMark strips one space each side of a span's content. */
	pad = body.ptr[0] == '`' || body.ptr[0] == ' ' || body.ptr[body.size - 1] == '`' ||
	      body.ptr[body.size - 1] == ' ';
	for (i = 0; i <= longest; i++)
		if ((error = gate_buf_putc(out, '`', err)) < 0)
			goto done;
	if ((pad && (error = gate_buf_putc(out, ' ', err)) < 0) ||
	    (error = gate_buf_put(out, body.ptr, body.size, err)) < 0 ||
	    (pad && (error = gate_buf_putc(out, ' ', err)) < 0))
		goto done;
	for (i = 0; i <= longest; i++)
		if ((error = gate_buf_putc(out, '`', err)) < 0)
			goto done;
done:
	gate_buf_dispose(&body);
	return error;
}

int gate_escape_markdown_code(gate_buf *out, const char *s, size_t len, gate_error *err)
{
	return md_code(out, s, len, MD_TEXT, err);
}

int gate_escape_markdown_cell_code(gate_buf *out, const char *s, size_t len, gate_error *err)
{
	return md_code(out, s, len, MD_CELL, err);
}

/* The ASCII punctuation that prose escapes (CommonMark allows a backslash
 * before any): none can then start emphasis, code, a link or image, HTML,
 * an entity, a strikethrough, math or a table cell. */
#define MD_SPECIAL "\\`*_[]<>&|~!$"

int gate_escape_markdown_prose(gate_buf *out, const char *s, size_t len, gate_error *err)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cp;
	int cut, error;

	len = md_cut(s, len, GATE_ESCAPE_MARKDOWN_PROSE_MAX, &cut);
	while (i < len) {
		n = gate_escape_utf8_decode(u + i, len - i, &cp);
		if (n == 0 || cp == 0) {
			error = gate_buf_puts(out, GATE_UTF8_REPLACEMENT, err);
			n = 1;
		} else if (cp == '\n' || cp == '\r' || cp == '\t') {
			error = gate_buf_putc(out, ' ', err);
		} else if (gate_escape_unsafe_cp(cp)) {
			error = gate_buf_puts(out, GATE_UTF8_REPLACEMENT, err);
		} else if (cp < 0x80 && strchr(MD_SPECIAL, (int)cp)) {
			error = gate_buf_printf(out, err, "\\%c", (char)cp);
		} else {
			error = gate_buf_put(out, s + i, n, err);
		}
		if (error < 0)
			return error;
		i += n;
	}
	return cut ? gate_buf_puts(out, "\xe2\x80\xa6", err) : 0;
}

int gate_escape_html_text(gate_buf *out, const char *s, size_t len, gate_error *err)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cp;
	int error;

	while (i < len) {
		n = gate_escape_utf8_decode(u + i, len - i, &cp);
		if (n == 0 || cp == 0 || gate_escape_unsafe_cp(cp) ||
		    (cp < 0x20 && cp != '\n' && cp != '\t')) {
			error = gate_buf_puts(out, GATE_UTF8_REPLACEMENT, err);
			n = n ? n : 1;
		} else if (cp == '<') {
			error = gate_buf_puts(out, "&lt;", err);
		} else if (cp == '>') {
			error = gate_buf_puts(out, "&gt;", err);
		} else if (cp == '&') {
			error = gate_buf_puts(out, "&amp;", err);
		} else if (cp == '"') {
			error = gate_buf_puts(out, "&quot;", err);
		} else if (cp == '\'') {
			error = gate_buf_puts(out, "&#39;", err);
		} else {
			error = gate_buf_put(out, s + i, n, err);
		}
		if (error < 0)
			return error;
		i += n;
	}
	return 0;
}

/*
 * GitHub workflow commands
 */

enum gh_mode { GH_DATA, GH_PROPERTY };

static int gh_escape(gate_buf *out, const char *s, size_t len, enum gh_mode mode, gate_error *err)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t cp;
	int error;

	while (i < len) {
		n = gate_escape_utf8_decode(u + i, len - i, &cp);
		if (n == 0 || cp == 0) {
			error = gate_buf_puts(out, GATE_UTF8_REPLACEMENT, err);
			n = 1;
		} else if (cp == '%') {
			error = gate_buf_puts(out, "%25", err);
		} else if (cp == '\r') {
			error = gate_buf_puts(out, "%0D", err);
		} else if (cp == '\n') {
			error = gate_buf_puts(out, "%0A", err);
		} else if (mode == GH_PROPERTY && cp == ':') {
			error = gate_buf_puts(out, "%3A", err);
		} else if (mode == GH_PROPERTY && cp == ',') {
			error = gate_buf_puts(out, "%2C", err);
		} else if (gate_escape_unsafe_cp(cp)) {
			/* The runner would pass these through to the log and
			 * the annotation. */
			error = gate_buf_puts(out, GATE_UTF8_REPLACEMENT, err);
		} else {
			error = gate_buf_put(out, s + i, n, err);
		}
		if (error < 0)
			return error;
		i += n;
	}
	return 0;
}

int gate_escape_github_data(gate_buf *out, const char *s, size_t len, gate_error *err)
{
	return gh_escape(out, s, len, GH_DATA, err);
}

int gate_escape_github_property(gate_buf *out, const char *s, size_t len, gate_error *err)
{
	return gh_escape(out, s, len, GH_PROPERTY, err);
}

/*
 * SARIF URIs
 */

int gate_escape_uri_path(gate_buf *out, const char *s, size_t len, gate_error *err)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;
	int error;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
			error = gate_buf_putc(out, (char)c, err);
		else
			error = gate_buf_printf(out, err, "%%%c%c", hex[c >> 4], hex[c & 15]);
		if (error < 0)
			return error;
	}
	return 0;
}
