/*
 * Diagnostics: the problems found in an input file (a policy, CODEOWNERS),
 * each placed at its FILE:LINE:COL, for `policy lint`.
 */
#ifndef RISKGATE_DIAG_H
#define RISKGATE_DIAG_H

#include <stddef.h>

#include "riskgate/error.h"

/* One problem found in a file. A warning does not stop the file from
 * loading; anything else does. */
typedef struct {
	char *file;
	unsigned line, col;
	char *message;
	int warning;
} gate_diag;

typedef struct {
	gate_diag *items;
	size_t count;
	size_t alloc;
} gate_diags;

void gate_diags_init(gate_diags *diags);
void gate_diags_dispose(gate_diags *diags);

/* Appends a problem of `file` at `line`:`col` (copies of both strings).
 * Returns 0, or -1 with GATE_ERR_NOMEM in `err`. */
int gate_diags_add(gate_diags *diags, const char *file, unsigned line, unsigned col, int warning,
		   const char *message, gate_error *err);

#endif
