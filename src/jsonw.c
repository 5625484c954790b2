/*
 * The streaming JSON writer (jsonw.h): each value is appended to the output
 * as it comes, laid out as cJSON_Print lays out the same document, so the
 * JSON report needs neither a tree nor a second copy of its text.
 */
#include "riskgate/banned.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/jsonw.h"
#include "riskgate/escape.h"

#define LEVEL_BIT(w) ((uint64_t)1 << ((w)->depth - 1))

void gate_jsonw_init(gate_jsonw *w, gate_buf *out, gate_error *err)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->err = err;
	w->start = out->size;
}

void gate_jsonw_init_compact(gate_jsonw *w, gate_buf *out, gate_error *err)
{
	gate_jsonw_init(w, out, err);
	w->compact = 1;
}

static int fail(gate_jsonw *w)
{
	w->failed = 1;
	return -1;
}

static int misuse(gate_jsonw *w, const char *what)
{
	gate_error_set(w->err, GATE_ERR_INTERNAL, "JSON writer: %s", what);
	return fail(w);
}

static int put(gate_jsonw *w, const char *s, size_t len)
{
	return gate_buf_put(w->out, s, len, w->err) < 0 ? fail(w) : 0;
}

static int put_tabs(gate_jsonw *w, size_t n)
{
	if (gate_buf_grow(w->out, n, w->err) < 0)
		return fail(w);
	memset(w->out->ptr + w->out->size, '\t', n);
	w->out->size += n;
	w->out->ptr[w->out->size] = '\0';
	return 0;
}

static int put_string(gate_jsonw *w, const char *s, size_t len, int *replaced)
{
	return gate_escape_json_string(w->out, s, len, replaced, w->err) < 0 ? fail(w) : 0;
}

/*
 * What comes before a value: in an array ", " after the first element; in
 * an object ",\n" after the first member, then one tab per level, the key
 * and ":\t" (cJSON_Print's layout). The key gets the treatment of any
 * untrusted text, as cJSON printed keys that went through it.
 */
static int begin_value(gate_jsonw *w, const char *key)
{
	int in_array, filled;

	if (w->failed)
		return -1;
	if (w->depth == 0) {
		if (key)
			return misuse(w, "a key outside an object");
		if (w->out->size != w->start)
			return misuse(w, "a second value at the top");
		return 0;
	}
	in_array = (w->arrays & LEVEL_BIT(w)) != 0;
	filled = (w->filled & LEVEL_BIT(w)) != 0;
	w->filled |= LEVEL_BIT(w);
	if (in_array) {
		if (key)
			return misuse(w, "a key inside an array");
		return filled ? put(w, ", ", w->compact ? 1 : 2) : 0;
	}
	if (!key)
		return misuse(w, "an object member without a key");
	if ((filled && put(w, ",\n", w->compact ? 1 : 2) < 0) ||
	    (!w->compact && put_tabs(w, w->depth) < 0) || put_string(w, key, strlen(key), NULL) < 0)
		return -1;
	return put(w, ":\t", w->compact ? 1 : 2);
}

static int open_container(gate_jsonw *w, const char *key, int array)
{
	if (begin_value(w, key) < 0)
		return -1;
	if (w->depth == GATE_JSONW_MAX_DEPTH)
		return misuse(w, "containers nested too deep");
	if (put(w, array ? "[" : "{\n", array || w->compact ? 1 : 2) < 0)
		return -1;
	w->depth++;
	w->filled &= ~LEVEL_BIT(w);
	if (array)
		w->arrays |= LEVEL_BIT(w);
	else
		w->arrays &= ~LEVEL_BIT(w);
	return 0;
}

int gate_jsonw_object(gate_jsonw *w, const char *key)
{
	return open_container(w, key, 0);
}

int gate_jsonw_array(gate_jsonw *w, const char *key)
{
	return open_container(w, key, 1);
}

int gate_jsonw_close(gate_jsonw *w)
{
	int error;

	if (w->failed)
		return -1;
	if (w->depth == 0)
		return misuse(w, "a close without an open container");
	if (w->arrays & LEVEL_BIT(w)) {
		error = put(w, "]", 1);
	} else {
		/* An empty object is "{\n" and the closing indent, as cJSON has it. */
		error = 0;
		if (w->compact)
			error = put(w, "}", 1);
		else if ((w->filled & LEVEL_BIT(w)) && put(w, "\n", 1) < 0)
			error = -1;
		else if (put_tabs(w, w->depth - 1) < 0 || put(w, "}", 1) < 0)
			error = -1;
	}
	w->depth--;
	return error;
}

int gate_jsonw_null(gate_jsonw *w, const char *key)
{
	return begin_value(w, key) < 0 ? -1 : put(w, "null", 4);
}

int gate_jsonw_bool(gate_jsonw *w, const char *key, int value)
{
	if (begin_value(w, key) < 0)
		return -1;
	return value ? put(w, "true", 4) : put(w, "false", 5);
}

/* cJSON's compare_double: equal within a relative DBL_EPSILON. */
static int same_double(double a, double b)
{
	double max = fabs(a) > fabs(b) ? fabs(a) : fabs(b);

	return fabs(a - b) <= max * DBL_EPSILON;
}

/*
 * Formats `d` into `text` (26 bytes, cJSON's number buffer) exactly as
 * cJSON 1.7.15's print_number does, strtod standing in for its sscanf
 * "%lg"; returns the length, or -1 when cJSON would have failed.
 */
static int format_number(char text[26], double d)
{
	const struct lconv *lc = localeconv();
	char point = lc && lc->decimal_point ? lc->decimal_point[0] : '.';
	char *end;
	double test;
	int len, i;

	if (isnan(d) || isinf(d)) {
		len = snprintf(text, 26, "null");
	} else {
		/* Fifteen digits avoid nonsignificant ones when they read back as d. */
		len = snprintf(text, 26, "%1.15g", d);
		test = strtod(text, &end);
		if (end == text || !same_double(test, d))
			len = snprintf(text, 26, "%1.17g", d);
	}
	if (len < 0 || len > 25)
		return -1;
	for (i = 0; i < len; i++)
		if (text[i] == point)
			text[i] = '.';
	return len;
}

int gate_jsonw_number(gate_jsonw *w, const char *key, double value)
{
	char text[26];
	int len;

	if (begin_value(w, key) < 0)
		return -1;
	if ((len = format_number(text, value)) < 0)
		return misuse(w, "a number that does not print");
	return put(w, text, (size_t)len);
}

int gate_jsonw_textn(gate_jsonw *w, const char *key, const char *s, size_t len)
{
	if (begin_value(w, key) < 0)
		return -1;
	return put_string(w, s, len, NULL);
}

int gate_jsonw_text(gate_jsonw *w, const char *key, const char *s)
{
	if (!s)
		s = "";
	return gate_jsonw_textn(w, key, s, strlen(s));
}

int gate_jsonw_opt_text(gate_jsonw *w, const char *key, const char *s)
{
	if (!s)
		return w->failed ? -1 : 0;
	return gate_jsonw_textn(w, key, s, strlen(s));
}

int gate_jsonw_text_or_null(gate_jsonw *w, const char *key, const char *s)
{
	if (!s)
		return gate_jsonw_null(w, key);
	return gate_jsonw_textn(w, key, s, strlen(s));
}

int gate_jsonw_path(gate_jsonw *w, const char *key, const char *raw_key, const char *s, size_t len)
{
	char *raw = NULL;
	int replaced, error;

	if (begin_value(w, key) < 0 || put_string(w, s, len, &replaced) < 0)
		return -1;
	if (!replaced)
		return 0;
	if (gate_escape_base64(&raw, s, len, w->err) < 0)
		return fail(w);
	error = gate_jsonw_textn(w, raw_key, raw, strlen(raw));
	free(raw);
	return error;
}

int gate_jsonw_finish(gate_jsonw *w, int error)
{
	if (error >= 0 && !w->failed && w->depth != 0)
		error = misuse(w, "a container left open");
	if (error >= 0 && !w->failed && put(w, "\n", 1) == 0)
		return 0;
	/* All or nothing: take back what this document appended. */
	gate_buf_truncate(w->out, w->start);
	if (w->err && w->err->klass == GATE_ERR_NONE)
		gate_error_set(w->err, GATE_ERR_INTERNAL, "the JSON document was not finished");
	return -1;
}
