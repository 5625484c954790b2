/*
 * The primitives of the policy loader: diagnostics with their FILE:LINE:COL,
 * the schema's key and type checks, typed getters, and pattern compilation
 * with regex errors placed at their character in the JSON text.
 */
#include "riskgate/banned.h"

#include "policy_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"

static int diag_add(gate_policy_loader *L, unsigned line, unsigned col, int warning,
		    const char *msg)
{
	if (!L->diags)
		return 0;
	return gate_diags_add(L->diags, L->file, line, col, warning, msg, L->err);
}

void gate_policy__report(gate_policy_loader *L, unsigned line, unsigned col, int warning,
			 const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (diag_add(L, line, col, warning, msg) < 0) {
		L->fatal = 1;
		return;
	}
	if (warning)
		return;
	if (!L->failed)
		gate_error_set_at(&L->first, GATE_ERR_POLICY, L->file, line, col, "%s", msg);
	L->failed = 1;
}

/*
 * The column in the original text of byte `offset` of the decoded string
 * value that starts (at its opening quote) at line/col. Regex errors are
 * reported at the offending character, which escapes in the JSON string
 * would otherwise shift.
 */
static unsigned string_offset_col(const gate_policy_loader *L, unsigned line, unsigned col,
				  size_t offset)
{
	size_t pos = 0, decoded = 0;
	unsigned l = 1, c;

	while (pos < L->len && l < line) {
		if (L->text[pos++] == '\n')
			l++;
	}
	if (pos + col > L->len)
		return col;
	pos += col; /* just past the opening quote */
	c = col + 1;
	while (pos < L->len && decoded < offset && L->text[pos] != '"') {
		if (L->text[pos] == '\\' && pos + 1 < L->len) {
			if (L->text[pos + 1] == 'u') {
				pos += 6;
				c += 6;
			} else {
				pos += 2;
				c += 2;
			}
		} else {
			pos++;
			c++;
		}
		decoded++;
	}
	return c;
}

int gate_policy__expect_type(gate_policy_loader *L, const gate_json *node, gate_json_type type,
			     const char *what)
{
	if (node->type == type)
		return 1;
	PROBLEM(L, node, "%s must be %s %s, not %s", what,
		type == GATE_JSON_ARRAY || type == GATE_JSON_OBJECT ? "an" : "a",
		gate_json_type_name(type), gate_json_type_name(node->type));
	return 0;
}

/* Rejects keys not in `allowed` (a NULL-terminated list). */
void gate_policy__check_keys(gate_policy_loader *L, const gate_json *obj, const char *where,
			     const char *const *allowed)
{
	const gate_json *m;
	size_t i;
	char list[512];
	size_t used = 0;

	list[0] = '\0';
	for (i = 0; allowed[i]; i++) {
		int n =
		    snprintf(list + used, sizeof(list) - used, "%s%s", i ? ", " : "", allowed[i]);
		if (n < 0 || (size_t)n >= sizeof(list) - used)
			break;
		used += (size_t)n;
	}
	for (m = obj->child; m; m = m->next) {
		int known = 0;
		for (i = 0; allowed[i]; i++)
			if (strcmp(m->key, allowed[i]) == 0)
				known = 1;
		if (!known)
			KEY_PROBLEM(L, m, "unknown key \"%s\" in %s (expected one of: %s)", m->key,
				    where, list);
	}
}

int gate_policy__copy_string(gate_policy_loader *L, char **dst, const gate_json *node,
			     const char *what)
{
	if (!gate_policy__expect_type(L, node, GATE_JSON_STRING, what))
		return 0;
	*dst = gate_strdup(node->str, L->err);
	if (!*dst) {
		L->fatal = 1;
		return 0;
	}
	return 1;
}

int gate_policy__compile_pattern(gate_policy_loader *L, gate_pattern *p, const gate_json *node,
				 const char *what)
{
	size_t off = 0;
	gate_error rerr;

	p->line = node->line;
	p->col = node->col;
	if (!gate_policy__expect_type(L, node, GATE_JSON_STRING, what))
		return 0;
	if (node->str_len == 0) {
		PROBLEM(L, node, "%s is an empty pattern, which matches every path", what);
		return 0;
	}
	p->pattern = gate_strdup(node->str, L->err);
	if (!p->pattern) {
		L->fatal = 1;
		return 0;
	}
	gate_error_init(&rerr);
	if (gate_regex_new(&p->re, node->str, &off, &rerr) < 0) {
		if (rerr.klass == GATE_ERR_NOMEM) {
			*L->err = rerr;
			L->fatal = 1;
			return 0;
		}
		gate_policy__report(L, node->line, string_offset_col(L, node->line, node->col, off),
				    0, "%s: %s", what, rerr.message);
		return 0;
	}
	return 1;
}

void gate_policy__free_patterns(gate_pattern *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		gate_regex_free(p[i].re);
		free(p[i].pattern);
	}
	free(p);
}

/* Loads an array of patterns into *out, its length into *n. */
void gate_policy__load_patterns(gate_policy_loader *L, gate_pattern **out, size_t *n,
				const gate_json *node, const char *what)
{
	const gate_json *e;
	char label[256];
	size_t i = 0;

	*out = NULL;
	*n = 0;
	if (!gate_policy__expect_type(L, node, GATE_JSON_ARRAY, what))
		return;
	*out = gate_calloc(node->count, sizeof(**out), L->err);
	if (!*out) {
		L->fatal = 1;
		return;
	}
	for (e = node->child; e && !L->fatal; e = e->next, i++) {
		snprintf(label, sizeof(label), "%s[%zu]", what, i);
		if (gate_policy__compile_pattern(L, &(*out)[*n], e, label))
			(*n)++;
		else {
			gate_regex_free((*out)[*n].re);
			free((*out)[*n].pattern);
			memset(&(*out)[*n], 0, sizeof((*out)[*n]));
		}
	}
}

int gate_policy__get_count(gate_policy_loader *L, long long *dst, const gate_json *node,
			   const char *what)
{
	if (node->type != GATE_JSON_NUMBER || !node->is_int || node->ival < 0) {
		PROBLEM(L, node, "%s must be a whole number >= 0", what);
		return 0;
	}
	*dst = node->ival;
	return 1;
}

int gate_policy__get_bool(gate_policy_loader *L, int *dst, const gate_json *node, const char *what)
{
	if (node->type != GATE_JSON_BOOL) {
		PROBLEM(L, node, "%s must be true or false", what);
		return 0;
	}
	*dst = node->boolean;
	return 1;
}

/* Copies an array of strings; `check` (may be NULL) validates each. */
void gate_policy__load_strings(gate_policy_loader *L, char ***out, size_t *n, const gate_json *node,
			       const char *what, int (*check)(const char *))
{
	const gate_json *e;

	*out = NULL;
	*n = 0;
	if (!gate_policy__expect_type(L, node, GATE_JSON_ARRAY, what))
		return;
	*out = gate_calloc(node->count, sizeof(**out), L->err);
	if (!*out) {
		L->fatal = 1;
		return;
	}
	for (e = node->child; e && !L->fatal; e = e->next) {
		if (!gate_policy__copy_string(L, &(*out)[*n], e, what))
			continue;
		if (check && !check((*out)[*n])) {
			PROBLEM(L, e, "%s: \"%s\" is not valid here", what, (*out)[*n]);
			free((*out)[*n]);
			(*out)[*n] = NULL;
			continue;
		}
		(*n)++;
	}
}

void gate_policy__free_strings(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
