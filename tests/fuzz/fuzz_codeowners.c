/*
 * Fuzz target: the CODEOWNERS parser and matchers, in GitHub's and in
 * GitLab's dialect, on fixed paths and on paths taken from the input (each
 * line's first field, and its tail).
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
	const char **all = NULL;
	gate_codeowners_hit *hits;
	size_t nowners, nall = 0, nhits = 0, nsections, i;
	unsigned line;
	gate_error err;
	int rc;

	gate_error_init(&err);
	if (gate_codeowners_match(co, path, len, &owners, &nowners, &line, &err) == 1) {
		if (line == 0 || (nowners && !owners))
			abort();
		if (nowners)
			(void)strlen(owners[nowners - 1]);
	}
	gate_error_init(&err);
	rc = gate_codeowners_owners(&all, &nall, &line, co, path, len, &err);
	if (rc == 1 && (line == 0 || (nall && !all)))
		abort();
	if (rc == 0 && (all || nall || line))
		abort();
	for (i = 0; i < nall; i++)
		(void)strlen(all[i]);
	free(all);
	gate_error_init(&err);
	nsections = gate_codeowners_nsections(co);
	if (nsections == 0)
		abort();
	hits = calloc(nsections, sizeof(*hits));
	if (!hits)
		return;
	rc = gate_codeowners_match_sections(co, path, len, hits, &nhits, &err);
	if (rc >= 0 && nhits > nsections)
		abort();
	if (rc == 1 && nhits == 0)
		abort();
	for (i = 0; rc >= 0 && i < nhits; i++) {
		if (!hits[i].section || hits[i].approvals < 1 || hits[i].line == 0 ||
		    (hits[i].nowners && !hits[i].owners))
			abort();
		if (hits[i].nowners)
			(void)strlen(hits[i].owners[hits[i].nowners - 1]);
	}
	free(hits);
	gate_error_init(&err);
}

static void parse_and_match(const char *text, size_t size, gate_codeowners_dialect dialect)
{
	gate_codeowners *co = NULL;
	gate_diags diags;
	gate_error err;
	const char *p, *end, *eol;
	size_t i, n, tail;
	int lines = 0;

	gate_diags_init(&diags);
	gate_error_init(&err);
	if (gate_codeowners_parse_dialect(&co, text, size, "CODEOWNERS", dialect, &diags, &err) ==
	    0) {
		if (gate_codeowners_dialect_of(co) != dialect)
			abort();
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
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;
	int dialect;

	text = malloc(size ? size : 1);
	if (!text)
		return 0;
	if (size)
		memcpy(text, data, size);
	for (dialect = GATE_CODEOWNERS_GITHUB; dialect <= GATE_CODEOWNERS_GITLAB; dialect++)
		parse_and_match(text, size, (gate_codeowners_dialect)dialect);
	free(text);
	return 0;
}
