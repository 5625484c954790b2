/*
 * Fuzz target: the pre-receive hook's standard input ("<old> <new> <ref>"
 * lines), checking the invariants hook.h promises for every update.
 */
#include "riskgate/banned.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/hook.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gate_hook_updates u;
	gate_error err;
	char *text;
	size_t i;

	text = malloc(size ? size : 1);
	if (!text)
		return 0;
	if (size)
		memcpy(text, data, size);
	gate_hook_updates_init(&u);
	gate_error_init(&err);
	if (gate_hook_parse(&u, text, size, &err) == 0) {
		if (u.count == 0)
			abort();
		for (i = 0; i < u.count; i++) {
			const gate_hook_update *up = &u.items[i];

			if ((up->id_len != 40 && up->id_len != 64) ||
			    strlen(up->old_id) != up->id_len || strlen(up->new_id) != up->id_len ||
			    (up->old_zero && up->new_zero) || strncmp(up->ref, "refs/", 5) != 0)
				abort();
		}
	}
	gate_hook_updates_dispose(&u);
	free(text);
	return 0;
}
