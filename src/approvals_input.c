/*
 * Reading the approvals inputs (src/approvals_internal.h): the file itself,
 * the bound on JSON values checked before parsing, and error positions
 * moved from one JSON text of a file into the whole file.
 */
#include "riskgate/banned.h"

#include "approvals_internal.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

unsigned gate_approvals__clamp(size_t v)
{
	return v > UINT_MAX ? UINT_MAX : (unsigned)v;
}

/* Moves a position relative to the current JSON text into the whole input. */
void gate_approvals__map_pos(const gate_approvals__reader *R, size_t line, size_t col,
			     unsigned *oline, unsigned *ocol)
{
	if (line <= 1) {
		*oline = gate_approvals__clamp(R->line0);
		*ocol = gate_approvals__clamp(R->col0 + (col ? col - 1 : 0));
	} else {
		*oline = gate_approvals__clamp(R->line0 + line - 1);
		*ocol = gate_approvals__clamp(col);
	}
}

/* Records an input error at line0:col0 of the current text; returns -1. */
static int vfail_at(gate_approvals__reader *R, unsigned line0, unsigned col0, const char *fmt,
		    va_list ap) __attribute__((format(printf, 4, 0)));

static int vfail_at(gate_approvals__reader *R, unsigned line0, unsigned col0, const char *fmt,
		    va_list ap)
{
	char msg[768];
	unsigned line, col;

	if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
		snprintf(msg, sizeof(msg), "invalid input");
	gate_approvals__map_pos(R, line0, col0, &line, &col);
	return gate_error_set_at(R->err, GATE_ERR_INPUT, R->file, line, col, "%s", msg);
}

int gate_approvals__fail(gate_approvals__reader *R, const gate_json *node, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vfail_at(R, node->line, node->col, fmt, ap);
	va_end(ap);
	return rc;
}

int gate_approvals__fail_key(gate_approvals__reader *R, const gate_json *node, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = vfail_at(R, node->key_line, node->key_col, fmt, ap);
	va_end(ap);
	return rc;
}

const char *gate_approvals__type_name(const gate_json *node)
{
	return gate_json_type_name(node->type);
}

/*
 * Skips JSON whitespace and comments from `p`; returns the offset of the
 * next other byte, or len. An unterminated comment runs to the end: the JSON
 * parser, which sees the same bytes, then reports it.
 */
size_t gate_approvals__skip_blank(const char *text, size_t len, size_t p)
{
	if (p == 0 && len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		p = 3;
	while (p < len) {
		char c = text[p];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			p++;
		} else if (c == '/' && p + 1 < len && text[p + 1] == '/') {
			p += 2;
			while (p < len && text[p] != '\n')
				p++;
		} else if (c == '/' && p + 1 < len && text[p + 1] == '*') {
			const char *end = NULL;
			size_t q;

			for (q = p + 2; q + 1 < len; q++) {
				if (text[q] == '*' && text[q + 1] == '/') {
					end = text + q;
					break;
				}
			}
			p = end ? (size_t)(end - text) + 2 : len;
		} else {
			break;
		}
	}
	return p;
}

/*
 * Finds where the JSON value starting at `p` ends, without validating it:
 * brackets are counted outside strings and comments. A value that is not an
 * array or object (or is not JSON at all) is taken to run to the end, so the
 * parser reports what is wrong with it. Adds to *values an upper bound of
 * the number of values inside: every value is the root, the first element
 * of some container, or follows a comma. Returns the offset just past the
 * value, or (size_t)-1 once *values exceeds GATE_APPROVALS_MAX_VALUES.
 */
size_t gate_approvals__value_end(const char *text, size_t len, size_t p, size_t *values)
{
	size_t depth = 0;

	if (p >= len || (text[p] != '[' && text[p] != '{'))
		return len;
	(*values)++;
	while (p < len) {
		char c = text[p];

		if (c == '"') {
			for (p++; p < len && text[p] != '"'; p++)
				if (text[p] == '\\')
					p++;
			p = p < len ? p + 1 : len;
			continue;
		}
		if (c == '/' && p + 1 < len && (text[p + 1] == '/' || text[p + 1] == '*')) {
			p = gate_approvals__skip_blank(text, len, p);
			continue;
		}
		if (c == '[' || c == '{') {
			depth++;
			(*values)++;
		} else if (c == ',') {
			(*values)++;
		} else if ((c == ']' || c == '}') && --depth == 0) {
			return p + 1;
		}
		if (*values > GATE_APPROVALS_MAX_VALUES)
			return (size_t)-1;
		p++;
	}
	return len;
}

/* Reads the file at `path` (at most GATE_APPROVALS_MAX_SIZE bytes) into
 * `buf`; *name is what error positions call it. */
int gate_approvals__read_input(gate_buf *buf, const char *path, const char **name, gate_error *err)
{
	if (!path)
		return gate_error_set(err, GATE_ERR_INTERNAL, "no file name");
	*name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	return gate_buf_read_file(buf, path, GATE_ERR_INPUT, err);
}

int gate_approvals__parse_one(gate_json **root, gate_approvals__reader *R, const char *fn,
			      const char *text, size_t len, const char *file,
			      const char *default_file, gate_error *err)
{
	size_t values = 0, pos;

	if (!text && len)
		return gate_error_set(err, GATE_ERR_INTERNAL, "%s: no text", fn);
	if (!file)
		file = default_file;
	if (!text)
		text = "";
	if (len > GATE_APPROVALS_MAX_SIZE)
		return gate_error_set(err, GATE_ERR_INPUT,
				      "%s is larger than the limit of %u bytes", file,
				      GATE_APPROVALS_MAX_SIZE);
	R->file = file;
	R->line0 = R->col0 = 1;
	R->err = err;
	pos = gate_approvals__skip_blank(text, len, 0);
	if (gate_approvals__value_end(text, len, pos, &values) == (size_t)-1)
		return gate_error_set_at(err, GATE_ERR_INPUT, file, 1, 1,
					 "too many JSON values (more than %u in one file)",
					 GATE_APPROVALS_MAX_VALUES);
	return gate_json_parse(root, text, len, file, GATE_ERR_INPUT, err);
}
