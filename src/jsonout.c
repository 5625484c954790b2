/*
 * JSON output (jsonout.h): cJSON building that checks every allocation and
 * gives untrusted text one treatment (U+FFFD for invalid UTF-8 and NUL,
 * base64 of a path's exact bytes), and the printing of a finished document.
 */
#include "riskgate/banned.h"

#include <stdlib.h>
#include <string.h>

#include "jsonout.h"
#include "riskgate/escape.h"

int gate_jsonout__nomem(gate_error *err)
{
	return gate_error_set(err, GATE_ERR_NOMEM, "out of memory");
}

int gate_jsonout__add(cJSON *obj, const char *key, cJSON *item, gate_error *err)
{
	if (!item)
		return gate_jsonout__nomem(err);
	if (!cJSON_AddItemToObject(obj, key, item)) {
		cJSON_Delete(item);
		return gate_jsonout__nomem(err);
	}
	return 0;
}

int gate_jsonout__push(cJSON *arr, cJSON *item, gate_error *err)
{
	if (!item)
		return gate_jsonout__nomem(err);
	if (!cJSON_AddItemToArray(arr, item)) {
		cJSON_Delete(item);
		return gate_jsonout__nomem(err);
	}
	return 0;
}

int gate_jsonout__add_object(cJSON **out, cJSON *obj, const char *key, gate_error *err)
{
	cJSON *item = cJSON_CreateObject();

	*out = item;
	return gate_jsonout__add(obj, key, item, err);
}

int gate_jsonout__add_array(cJSON **out, cJSON *obj, const char *key, gate_error *err)
{
	cJSON *item = cJSON_CreateArray();

	*out = item;
	return gate_jsonout__add(obj, key, item, err);
}

int gate_jsonout__add_number(cJSON *obj, const char *key, double value, gate_error *err)
{
	return cJSON_AddNumberToObject(obj, key, value) ? 0 : gate_jsonout__nomem(err);
}

int gate_jsonout__add_bool(cJSON *obj, const char *key, int value, gate_error *err)
{
	return cJSON_AddBoolToObject(obj, key, value ? 1 : 0) ? 0 : gate_jsonout__nomem(err);
}

int gate_jsonout__add_null(cJSON *obj, const char *key, gate_error *err)
{
	return cJSON_AddNullToObject(obj, key) ? 0 : gate_jsonout__nomem(err);
}

cJSON *gate_jsonout__text(const char *s, size_t len, int *replaced, gate_error *err)
{
	cJSON *item = NULL;
	char *copy = NULL;

	int clean = gate_escape_json_valid(s, len);

	if (replaced)
		*replaced = !clean;
	if (clean && s[len] == '\0') {
		if (!(item = cJSON_CreateString(s)))
			gate_jsonout__nomem(err);
		return item;
	}
	/* Invalid text, or a prefix of a longer string: work on a copy. */
	if (gate_escape_json_text(&copy, s, len, err) < 0)
		return NULL;
	if (!(item = cJSON_CreateString(copy)))
		gate_jsonout__nomem(err);
	free(copy);
	return item;
}

int gate_jsonout__add_textn(cJSON *obj, const char *key, const char *s, size_t len, gate_error *err)
{
	cJSON *item = gate_jsonout__text(s, len, NULL, err);

	if (!item)
		return -1;
	return gate_jsonout__add(obj, key, item, err);
}

int gate_jsonout__add_text(cJSON *obj, const char *key, const char *s, gate_error *err)
{
	if (!s)
		s = "";
	return gate_jsonout__add_textn(obj, key, s, strlen(s), err);
}

int gate_jsonout__add_opt_text(cJSON *obj, const char *key, const char *s, gate_error *err)
{
	if (!s)
		return 0;
	return gate_jsonout__add_textn(obj, key, s, strlen(s), err);
}

int gate_jsonout__add_path(cJSON *obj, const char *key, const char *raw_key, const char *s,
			   size_t len, gate_error *err)
{
	cJSON *item;
	char *raw = NULL;
	int replaced, error;

	if (!(item = gate_jsonout__text(s, len, &replaced, err)))
		return -1;
	if ((error = gate_jsonout__add(obj, key, item, err)) < 0 || !replaced)
		return error;
	if (gate_escape_base64(&raw, s, len, err) < 0)
		return -1;
	error = cJSON_AddStringToObject(obj, raw_key, raw) ? 0 : gate_jsonout__nomem(err);
	free(raw);
	return error;
}

int gate_jsonout__print(gate_buf *out, cJSON *root, gate_error *err)
{
	char *text = cJSON_Print(root);
	size_t len, need;
	int error = -1;

	if (!text)
		return gate_jsonout__nomem(err);
	/* Reserve the whole text first so that a failure appends nothing. */
	len = strlen(text);
	if (gate_add_overflow(&need, len, 1))
		error = gate_error_set(err, GATE_ERR_NOMEM, "the report is too large");
	else if (gate_buf_grow(out, need, err) == 0 && gate_buf_put(out, text, len, err) == 0 &&
		 gate_buf_putc(out, '\n', err) == 0)
		error = 0;
	cJSON_free(text);
	return error;
}

int gate_jsonout__print_line(gate_buf *out, cJSON *item, gate_error *err)
{
	char *text = cJSON_PrintUnformatted(item);
	int error;

	if (!text)
		return gate_jsonout__nomem(err);
	error = gate_buf_puts(out, text, err);
	cJSON_free(text);
	return error;
}
