/*
 * The tree the JSON parser builds (src/jsonc.c): freeing it without
 * recursion however deep it is, looking up an object's member, and the
 * names of value types for messages.
 */
#include "riskgate/banned.h"

#include "riskgate/jsonc.h"

#include <stdlib.h>
#include <string.h>

void gate_json_free(gate_json *json)
{
	gate_json *cur, *next, *last;

	if (!json)
		return;
	/*
	 * Iterative, so that freeing never recurses however deep the tree: each
	 * node's children are spliced into the list of nodes still to free,
	 * right after it. Each child list is walked once, so this is linear.
	 * Only this tree is freed, not the siblings after it.
	 */
	json->next = NULL;
	for (cur = json; cur; cur = next) {
		if (cur->child) {
			for (last = cur->child; last->next; last = last->next)
				;
			last->next = cur->next;
			cur->next = cur->child;
		}
		next = cur->next;
		free(cur->key);
		free(cur->str);
		free(cur);
	}
}

gate_json *gate_json_get(const gate_json *obj, const char *key)
{
	gate_json *m;

	if (!obj || !key || obj->type != GATE_JSON_OBJECT)
		return NULL;
	for (m = obj->child; m; m = m->next)
		if (m->key && strcmp(m->key, key) == 0)
			return m;
	return NULL;
}

const char *gate_json_type_name(gate_json_type type)
{
	switch (type) {
	case GATE_JSON_NULL:
		return "null";
	case GATE_JSON_BOOL:
		return "boolean";
	case GATE_JSON_NUMBER:
		return "number";
	case GATE_JSON_STRING:
		return "string";
	case GATE_JSON_ARRAY:
		return "array";
	case GATE_JSON_OBJECT:
		return "object";
	}
	return "unknown";
}
