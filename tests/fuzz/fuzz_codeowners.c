/*
 * Fuzz target: the CODEOWNERS parser and matcher, on fixed paths and on
 * paths taken from the input (each line's first field, and its tail).
 */
#include "riskgate/banned.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/codeowners.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fixed_paths[] = {
    "README.md", "src/auth/login.c", "docs/a/b/c.md",     ".github/CODEOWNERS",
    "a",         "build/logs/x.log", "apps/web/index.js", "dir with space/f",
};

static void match(const gate_codeowners *co, const char *path, size_t len)
{
	const char *const *owners;
	size_t nowners;
	unsigned line;
	gate_error err;

	gate_error_init(&err);
	if (gate_codeowners_match(co, path, len, &owners, &nowners, &line, &err) == 1) {
		if (line == 0 || (nowners && !owners))
			abort();
		if (nowners)
			(void)strlen(owners[nowners - 1]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gate_codeowners *co = NULL;
	gate_diags diags;
	gate_error err;
	const char *p, *end, *eol;
	char *text;
	size_t i, n, tail;
	int lines = 0;

	text = malloc(size ? size : 1);
	if (!text)
		return 0;
	if (size)
		memcpy(text, data, size);
	gate_diags_init(&diags);
	gate_error_init(&err);
	if (gate_codeowners_parse(&co, text, size, "CODEOWNERS", &diags, &err) == 0) {
		for (i = 0; i < sizeof(fixed_paths) / sizeof(fixed_paths[0]); i++)
			match(co, fixed_paths[i], strlen(fixed_paths[i]));
		/* The first field of the first lines, without a leading '/', as
		 * a path: it often matches its own pattern. */
		end = text + size;
		for (p = text; p < end && lines < 16; p = eol + 1, lines++) {
			eol = memchr(p, '\n', (size_t)(end - p));
			if (!eol)
				eol = end;
			while (p < eol && *p == '/')
				p++;
			for (n = 0; p + n < eol && p[n] != ' ' && p[n] != '\t' && p[n] != '\0';)
				n++;
			if (n)
				match(co, p, n);
			if (eol == end)
				break;
		}
		/* The input's last bytes, up to a NUL, as a path. */
		tail = size < 64 ? size : 64;
		p = text + size - tail;
		n = 0;
		while (n < tail && p[n] != '\0')
			n++;
		if (n)
			match(co, p, n);
		gate_codeowners_free(co);
	} else if (co) {
		abort();
	}
	gate_diags_dispose(&diags);
	free(text);
	return 0;
}
