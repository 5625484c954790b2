/*
 * Diagnostics of an input file (include/riskgate/diag.h): the one place that
 * records a problem at its FILE:LINE:COL, for the policy loader and the
 * CODEOWNERS parser alike.
 */
#include "riskgate/banned.h"

#include "riskgate/diag.h"

#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"

void gate_diags_init(gate_diags *diags)
{
	memset(diags, 0, sizeof(*diags));
}

void gate_diags_dispose(gate_diags *diags)
{
	size_t i;

	if (!diags)
		return;
	for (i = 0; i < diags->count; i++) {
		free(diags->items[i].file);
		free(diags->items[i].message);
	}
	free(diags->items);
	memset(diags, 0, sizeof(*diags));
}

int gate_diags_add(gate_diags *diags, const char *file, unsigned line, unsigned col, int warning,
		   const char *message, gate_error *err)
{
	gate_diag *d;

	if (gate_array_reserve((void **)&diags->items, &diags->alloc, diags->count + 1,
			       sizeof(*diags->items), err) < 0)
		return -1;
	d = &diags->items[diags->count];
	d->line = line;
	d->col = col;
	d->warning = warning;
	d->file = gate_strdup(file, err);
	d->message = gate_strdup(message, err);
	if (!d->file || !d->message) {
		free(d->file);
		free(d->message);
		return -1;
	}
	diags->count++;
	return 0;
}
