/*
 * The TOML reader of the dependency manifests and lock files
 * (docs/dependencies.md, "Strings and references"): the part of TOML 1.0
 * that Cargo.toml, pyproject.toml, Pipfile and the TOML lock files use,
 * walked key by key for src/deps.c.
 */
#include "riskgate/banned.h"

#include "deps_internal.h"

#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"

/* --- TOML (the part manifests and lock files use) ---------------------- */

static void tv_free(tv *v)
{
	while (v) {
		tv *n = v->next;

		tv_free(v->kids);
		free(v->str);
		free(v->key);
		free(v);
		v = n;
	}
}

typedef struct {
	const src *S;
	const char *p, *end;
	int depth;
} toml;

static size_t t_line(toml *T)
{
	return gate_deps__line_at(T->S, T->p);
}

static void t_space(toml *T, int newlines)
{
	while (T->p < T->end) {
		char c = *T->p;

		if (c == ' ' || c == '\t' || (newlines && (c == '\n' || c == '\r')))
			T->p++;
		else if (newlines && c == '#')
			while (T->p < T->end && *T->p != '\n')
				T->p++;
		else
			break;
	}
}

/* The value of n hex digits at p (anything above U+10FFFF as 0x110000),
 * or -1 when one is not a hex digit. */
static long t_hex(const char *p, int n)
{
	long v = 0;
	int i;

	for (i = 0; i < n; i++) {
		char c = p[i];

		if (is_digit(c))
			v = v * 16 + (c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v * 16 + (c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v = v * 16 + (c - 'A' + 10);
		else
			return -1;
		if (v > 0x10FFFF)
			v = 0x110000; /* out of range either way; no overflow */
	}
	return v;
}

/* Unicode scalar value cp as UTF-8 in u: its length (1 to 4). The one
 * encoder for both TOML escapes and XML character references. */
size_t gate_deps__utf8_encode(char u[4], unsigned long cp)
{
	if (cp < 0x80) {
		u[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (char)(0xF0 | (cp >> 18));
	u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	u[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * One escape of a basic string, T->p on the backslash: its text appended
 * to b and T->p moved past it; -1 with the error set when TOML 1.0 does not
 * define it. This is the one place escapes are decoded, so keys and values,
 * manifests and locks all compare the name Cargo and pip read ("a\u002Db"
 * is "a-b"). What TOML refuses is refused here too, never kept as written:
 * an unknown escape, a surrogate, a value above U+10FFFF, and U+0000 (no
 * package name holds it, and it would cut the C string short).
 */
static int t_escape(toml *T, gate_buf *b)
{
	const char *p = T->p + 1;
	char c = p < T->end ? *p : '\0', out, u[4];
	int digits = 0;
	long cp;

	switch (c) {
	case 'b':
		out = '\b';
		break;
	case 't':
		out = '\t';
		break;
	case 'n':
		out = '\n';
		break;
	case 'f':
		out = '\f';
		break;
	case 'r':
		out = '\r';
		break;
	case '"':
		out = '"';
		break;
	case '\\':
		out = '\\';
		break;
	case 'u':
		digits = 4;
		out = 0;
		break;
	case 'U':
		digits = 8;
		out = 0;
		break;
	default:
		return gate_deps__bad(T->S, t_line(T),
				      "a string has an escape TOML does not define");
	}
	if (!digits) {
		T->p = p + 1;
		return gate_buf_putc(b, out, T->S->err);
	}
	if (T->end - (p + 1) < digits || (cp = t_hex(p + 1, digits)) < 0)
		return gate_deps__bad(T->S, t_line(T), "a \\%c escape needs %d hex digits", c,
				      digits);
	if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return gate_deps__bad(T->S, t_line(T),
				      "a \\%c escape is not a character a name may hold", c);
	T->p = p + 1 + digits;
	return gate_buf_put(b, u, gate_deps__utf8_encode(u, (unsigned long)cp), T->S->err);
}

/* 1 when a "\r\n" or "\n" starts at p (n set to its length). */
static int t_newline(const toml *T, const char *p, size_t *n)
{
	if (p < T->end && *p == '\n')
		*n = 1;
	else if (T->end - p >= 2 && p[0] == '\r' && p[1] == '\n')
		*n = 2;
	else
		return 0;
	return 1;
}

/*
 * A string into a fresh buffer, as TOML 1.0 reads it: "basic" with its
 * escapes decoded (t_escape), 'literal' as written, and the multi-line
 * forms ("""...""", '''...''') with a newline right after the opening
 * quotes dropped, up to two quotes before the closing three kept, and, in
 * a basic one, a backslash that ends a line dropped with the whitespace
 * and newlines after it. Control characters other than tab (and newlines
 * in a multi-line string) are refused, as TOML refuses them.
 */
static char *t_string(toml *T)
{
	char q = *T->p;
	int multi = T->end - T->p >= 3 && T->p[1] == q && T->p[2] == q;
	gate_buf b = GATE_BUF_INIT((size_t)1 << 20);
	size_t nl;

	T->p += multi ? 3 : 1;
	if (multi && t_newline(T, T->p, &nl))
		T->p += nl;
	while (T->p < T->end) {
		unsigned char c = (unsigned char)*T->p;

		if (c == (unsigned char)q) {
			size_t run = 1;

			if (!multi) {
				T->p++;
				goto closed;
			}
			while (T->p + run < T->end && T->p[run] == q)
				run++;
			if (run >= 3) {
				if (run > 5) {
					gate_deps__bad(T->S, t_line(T),
						       "a string has too many quotes at its end");
					goto fail;
				}
				/* """a""""" is a"" */
				if (gate_buf_put(&b, T->p, run - 3, T->S->err) < 0)
					goto fail;
				T->p += run;
				goto closed;
			}
			if (gate_buf_put(&b, T->p, run, T->S->err) < 0)
				goto fail;
			T->p += run;
			continue;
		}
		if (multi && t_newline(T, T->p, &nl)) {
			if (gate_buf_put(&b, T->p, nl, T->S->err) < 0)
				goto fail;
			T->p += nl;
			continue;
		}
		if (c == '\n')
			break;
		if ((c < 0x20 && c != '\t') || c == 0x7F) {
			gate_deps__bad(T->S, t_line(T), "a string holds a control character");
			goto fail;
		}
		if (c == '\\' && q == '"') {
			const char *w = T->p + 1;

			if (multi) {
				/* a line-ending backslash: the line joins the next
				 * non-whitespace character */
				while (w < T->end && (*w == ' ' || *w == '\t'))
					w++;
				if (t_newline(T, w, &nl)) {
					T->p = w;
					while (T->p < T->end &&
					       (*T->p == ' ' || *T->p == '\t' || *T->p == '\n' ||
						(*T->p == '\r' && T->p + 1 < T->end &&
						 T->p[1] == '\n')))
						T->p++;
					continue;
				}
			}
			if (t_escape(T, &b) < 0)
				goto fail;
			continue;
		}
		if (gate_buf_putc(&b, (char)c, T->S->err) < 0)
			goto fail;
		T->p++;
	}
	if (!T->S->err->klass)
		gate_deps__bad(T->S, t_line(T), "a string is not closed");
fail:
	gate_buf_dispose(&b);
	return NULL;
closed:
	if (gate_buf_putc(&b, '\0', T->S->err) < 0)
		goto fail;
	return gate_buf_detach(&b);
}

/* A key: bare (A-Za-z0-9_-) or quoted; dotted keys joined with '.'. */
static char *t_key(toml *T)
{
	gate_buf b = GATE_BUF_INIT((size_t)1 << 20);

	for (;;) {
		t_space(T, 0);
		if (T->p < T->end && (*T->p == '"' || *T->p == '\'')) {
			char *s = t_string(T);

			if (!s || gate_buf_puts(&b, s, T->S->err) < 0) {
				free(s);
				gate_buf_dispose(&b);
				return NULL;
			}
			free(s);
		} else {
			const char *k = T->p;

			while (T->p < T->end &&
			       ((*T->p >= 'a' && *T->p <= 'z') || (*T->p >= 'A' && *T->p <= 'Z') ||
				is_digit(*T->p) || *T->p == '_' || *T->p == '-'))
				T->p++;
			if (T->p == k) {
				gate_buf_dispose(&b);
				gate_deps__bad(T->S, t_line(T), "a key was expected");
				return NULL;
			}
			if (gate_buf_put(&b, k, (size_t)(T->p - k), T->S->err) < 0) {
				gate_buf_dispose(&b);
				return NULL;
			}
		}
		t_space(T, 0);
		if (T->p < T->end && *T->p == '.') {
			T->p++;
			if (gate_buf_putc(&b, '.', T->S->err) < 0) {
				gate_buf_dispose(&b);
				return NULL;
			}
			continue;
		}
		break;
	}
	if (gate_buf_putc(&b, '\0', T->S->err) < 0) {
		gate_buf_dispose(&b);
		return NULL;
	}
	return gate_buf_detach(&b);
}

static tv *t_value(toml *T);

static tv *t_new(toml *T, tv_type type)
{
	tv *v = calloc(1, sizeof(*v));

	if (!v)
		gate_error_set(T->S->err, GATE_ERR_NOMEM, "out of memory reading a manifest");
	else {
		v->type = type;
		v->line = t_line(T);
	}
	return v;
}

static tv *t_value(toml *T)
{
	tv *v, **tail;

	t_space(T, 0);
	if (T->p >= T->end) {
		gate_deps__bad(T->S, t_line(T), "a value was expected");
		return NULL;
	}
	if (++T->depth > 32) {
		gate_deps__bad(T->S, t_line(T), "values nested too deeply");
		return NULL;
	}
	if (*T->p == '"' || *T->p == '\'') {
		if (!(v = t_new(T, TV_STRING)))
			return NULL;
		if (!(v->str = t_string(T))) {
			tv_free(v);
			return NULL;
		}
	} else if (*T->p == '[' || *T->p == '{') {
		char close = *T->p == '[' ? ']' : '}';

		if (!(v = t_new(T, close == ']' ? TV_ARRAY : TV_TABLE)))
			return NULL;
		T->p++;
		tail = &v->kids;
		for (;;) {
			tv *kid;
			char *key = NULL;

			t_space(T, 1);
			if (T->p < T->end && *T->p == close) {
				T->p++;
				break;
			}
			if (close == '}') {
				if (!(key = t_key(T))) {
					tv_free(v);
					return NULL;
				}
				t_space(T, 0);
				if (T->p >= T->end || *T->p != '=') {
					free(key);
					tv_free(v);
					gate_deps__bad(T->S, t_line(T),
						       "'=' was expected after a key");
					return NULL;
				}
				T->p++;
			}
			if (!(kid = t_value(T))) {
				free(key);
				tv_free(v);
				return NULL;
			}
			kid->key = key;
			*tail = kid;
			tail = &kid->next;
			t_space(T, close == ']');
			if (T->p < T->end && *T->p == ',') {
				T->p++;
				continue;
			}
			t_space(T, 1);
			if (T->p < T->end && *T->p == close) {
				T->p++;
				break;
			}
			tv_free(v);
			gate_deps__bad(T->S, t_line(T), "',' or '%c' was expected", close);
			return NULL;
		}
	} else {
		/* a number, boolean or date: kept as its text */
		const char *s = T->p;

		while (T->p < T->end && *T->p != ',' && *T->p != ']' && *T->p != '}' &&
		       *T->p != '\n' && *T->p != '#' && *T->p != '\r')
			T->p++;
		if (!(v = t_new(T, TV_OTHER)))
			return NULL;
		while (T->p > s && (T->p[-1] == ' ' || T->p[-1] == '\t'))
			T->p--;
		if (!(v->str = gate_strndup(s, (size_t)(T->p - s), T->S->err))) {
			tv_free(v);
			return NULL;
		}
	}
	T->depth--;
	return v;
}

/*
 * Calls `fn` for each key = value of the document with the table it is in
 * ("dependencies", "target.cfg(unix).dependencies", "package" for an
 * array of tables), the key (dotted keys joined with '.'), the value and
 * the value's line.
 */
int gate_deps__toml_walk(const src *S, toml_fn fn, void *ctx)
{
	toml T;
	char *table = NULL;
	int array_table = 0, rc = 0;

	T.S = S;
	T.p = S->text;
	T.end = S->text + S->len;
	T.depth = 0;
	if (!(table = gate_strdup("", S->err)))
		return -1;
	for (;;) {
		t_space(&T, 1);
		if (T.p >= T.end)
			break;
		if (*T.p == '[') {
			array_table = T.end - T.p > 1 && T.p[1] == '[';
			T.p += array_table ? 2 : 1;
			free(table);
			if (!(table = t_key(&T))) {
				rc = -1;
				break;
			}
			t_space(&T, 0);
			if (T.p >= T.end || *T.p != ']' ||
			    (array_table && (T.end - T.p < 2 || T.p[1] != ']'))) {
				rc = gate_deps__bad(S, t_line(&T), "a table header is not closed");
				break;
			}
			T.p += array_table ? 2 : 1;
			/* A header starts a table: key NULL tells the walker. */
			if ((rc = fn(ctx, table, array_table, NULL, NULL)) < 0)
				break;
		} else {
			char *key = t_key(&T);
			tv *v;

			if (!key) {
				rc = -1;
				break;
			}
			t_space(&T, 0);
			if (T.p >= T.end || *T.p != '=') {
				free(key);
				rc = gate_deps__bad(S, t_line(&T), "'=' was expected after a key");
				break;
			}
			T.p++;
			if (!(v = t_value(&T))) {
				free(key);
				rc = -1;
				break;
			}
			rc = fn(ctx, table, array_table, key, v);
			free(key);
			tv_free(v);
			if (rc < 0)
				break;
		}
		t_space(&T, 0);
		if (T.p < T.end && *T.p != '\n' && *T.p != '\r' && *T.p != '#') {
			rc = gate_deps__bad(S, t_line(&T), "unexpected text after a value");
			break;
		}
	}
	free(table);
	return rc < 0 ? -1 : 0;
}

const tv *gate_deps__tv_get(const tv *t, const char *key)
{
	const tv *k;

	for (k = t && t->type == TV_TABLE ? t->kids : NULL; k; k = k->next)
		if (k->key && strcmp(k->key, key) == 0)
			return k;
	return NULL;
}
