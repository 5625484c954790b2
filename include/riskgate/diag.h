/*
 * Diagnostics: the problems found in an input file (a policy, CODEOWNERS),
 * each placed at its FILE:LINE:COL, for `policy lint`.
 */
#ifndef RISKGATE_DIAG_H
#define RISKGATE_DIAG_H

#include <stddef.h>

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

#endif
