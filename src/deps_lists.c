/*
 * The allow and deny list files of a tier's `dependencies` requirement
 * (docs/dependencies.md, "Allow and deny list files"): plain text, one
 * package name a line, read from the base revision by the check. What
 * cannot be read as such a list is an error, never an empty list.
 */
#include "riskgate/banned.h"

#include "riskgate/deps.h"

#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"
#include "riskgate/scan.h"

void gate_deps_list_dispose(gate_deps_list *l)
{
	size_t i;

	for (i = 0; i < l->count; i++)
		free(l->names[i]);
	free(l->names);
	memset(l, 0, sizeof(*l));
}

static int list_add(gate_deps_list *l, const char *name, size_t n, gate_error *err)
{
	char **grown, *copy;

	if (!(copy = gate_strndup(name, n, err)))
		return -1;
	if (!(grown = gate_reallocarray(l->names, l->count + 1, sizeof(*grown), err))) {
		free(copy);
		return -1;
	}
	l->names = grown;
	l->names[l->count++] = copy;
	return 0;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

int gate_deps_list_parse(gate_deps_list *out, const char *path, const char *text, size_t len,
			 gate_error *err)
{
	const char *p = text, *end = text + len;
	unsigned line = 0;

	memset(out, 0, sizeof(out[0]));
	if (len > GATE_DEPS_LIST_MAX)
		return gate_error_set_at(err, GATE_ERR_POLICY, path, 0, 0,
					 "the list is larger than %u KiB",
					 (unsigned)(GATE_DEPS_LIST_MAX >> 10));
	if (gate_scan_is_binary(text, len, len))
		return gate_error_set_at(err, GATE_ERR_POLICY, path, 0, 0,
					 "the list is a binary file, not one package name a "
					 "line");
	/* the byte-order mark some editors write first */
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *s = p, *e = nl ? nl : end, *c;

		p = nl ? nl + 1 : end;
		line++;
		/* a comment: "#" at the start, or after a space */
		for (c = s; c < e; c++)
			if (*c == '#' && (c == s || is_space(c[-1])))
				break;
		e = c;
		while (s < e && is_space(*s))
			s++;
		while (e > s && is_space(e[-1]))
			e--;
		if (s == e)
			continue;
		/* Package names are printable ASCII: an invisible or look-alike
		 * character, or a "#" inside the name, would make a name that
		 * matches nothing, so the list would quietly stop working. */
		for (c = s; c < e; c++)
			if ((unsigned char)*c <= 0x20 || (unsigned char)*c >= 0x7f || *c == '#')
				break;
		if (c < e || (size_t)(e - s) > GATE_DEPS_NAME_MAX) {
			gate_deps_list_dispose(out);
			return gate_error_set_at(
			    err, GATE_ERR_POLICY, path, line, 1,
			    "\"%.*s\" is not one package name (a line "
			    "holds one name of at most %d bytes of printable ASCII, "
			    "without spaces; a comment starts with #, at the start of "
			    "the line or after a space)",
			    (int)((e - s) > 80 ? 80 : (e - s)), s, GATE_DEPS_NAME_MAX);
		}
		if (list_add(out, s, (size_t)(e - s), err) < 0) {
			gate_deps_list_dispose(out);
			return -1;
		}
	}
	return 0;
}
