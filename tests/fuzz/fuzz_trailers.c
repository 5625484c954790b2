/*
 * Fuzz target: commit-message trailers, and the identity split of every
 * trailer value.
 */
#include "riskgate/banned.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/trailers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gate_trailers t;
	gate_error err;
	char *msg, *name, *email;
	size_t i;

	msg = malloc(size ? size : 1);
	if (!msg)
		return 0;
	if (size)
		memcpy(msg, data, size);
	gate_trailers_init(&t);
	gate_error_init(&err);
	if (gate_trailers_parse(&t, msg, size, &err) == 0) {
		for (i = 0; i < t.count; i++) {
			if (strchr(t.items[i].value, '\n'))
				abort();
			name = email = NULL;
			gate_error_init(&err);
			if (gate_ident_parse(t.items[i].value, &name, &email, &err) == 0) {
				if (!name || !email)
					abort();
			}
			free(name);
			free(email);
		}
		(void)gate_trailers_get(&t, "Signed-off-by");
		(void)gate_trailers_get(&t, "co-authored-by");
	}
	gate_trailers_dispose(&t);
	free(msg);
	return 0;
}
