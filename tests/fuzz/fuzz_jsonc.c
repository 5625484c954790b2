/*
 * Fuzz target: the JSON-with-comments parser, then a walk over the tree that
 * checks the invariants jsonc.h promises.
 */
#include "riskgate/banned.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/jsonc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void walk(const gate_json *v, unsigned depth)
{
	const gate_json *c;
	size_t n = 0;

	if (depth > GATE_JSON_MAX_DEPTH + 1 || v->line == 0 || v->col == 0)
		abort();
	if (v->type == GATE_JSON_STRING && (!v->str || strlen(v->str) != v->str_len))
		abort();
	(void)gate_json_type_name(v->type);
	for (c = v->child; c; c = c->next, n++) {
		if ((v->type == GATE_JSON_OBJECT) != (c->key != NULL))
			abort();
		if (c->key && v->count <= 256 && gate_json_get(v, c->key) != c)
			abort(); /* keys are unique, so lookup finds this member */
		walk(c, depth + 1);
	}
	if (n != v->count)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gate_json *root = NULL;
	gate_error err;
	char *text;

	text = malloc(size ? size : 1);
	if (!text)
		return 0;
	if (size)
		memcpy(text, data, size);
	gate_error_init(&err);
	if (gate_json_parse(&root, text, size, "fuzz.json", GATE_ERR_INPUT, &err) == 0) {
		walk(root, 1);
		gate_json_free(root);
	} else if (root) {
		abort();
	}
	free(text);
	return 0;
}
