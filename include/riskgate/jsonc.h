/*
 * A strict JSON parser that also accepts // and block comments and keeps the
 * line and column of every value and key, so that policy errors can point
 * into the original text. Used for the policy, which is hand-written; the
 * report is written with cJSON.
 */
#ifndef RISKGATE_JSONC_H
#define RISKGATE_JSONC_H

#include <stddef.h>

#include "riskgate/error.h"

typedef enum {
	GATE_JSON_NULL,
	GATE_JSON_BOOL,
	GATE_JSON_NUMBER,
	GATE_JSON_STRING,
	GATE_JSON_ARRAY,
	GATE_JSON_OBJECT
} gate_json_type;

/*
 * One value. Arrays and objects hold their elements as a singly linked list
 * from `child` through `next`, in document order, `count` long. An element of
 * an object has `key` set (NUL-terminated, decoded, never containing a NUL
 * byte: "\u0000" is rejected) with the key's own position in key_line and
 * key_col; elements of arrays have key == NULL. Strings are decoded UTF-8 in
 * `str` (str_len bytes, NUL-terminated, never containing NUL). Numbers keep
 * `num`, and `is_int` is 1 when the literal has no fraction or exponent and
 * fits in `ival`. `line` and `col` (1-based, col counted in bytes) locate the
 * first character of the value.
 */
typedef struct gate_json gate_json;
struct gate_json {
	gate_json_type type;
	unsigned line, col;
	char *key;
	unsigned key_line, key_col;
	char *str;
	size_t str_len;
	double num;
	long long ival;
	int is_int;
	int boolean;
	gate_json *child;
	gate_json *next;
	size_t count;
};

/* Nesting deeper than this is rejected, so hostile input cannot exhaust the
 * stack. */
#define GATE_JSON_MAX_DEPTH 64

/*
 * Parses `len` bytes of `text`. `filename` is used only in error positions.
 * The input must be valid UTF-8, hold exactly one value (whitespace and
 * comments around it allowed) and must not repeat a key within one object.
 * On success *out is the root, owned by the caller (gate_json_free). On
 * failure returns -1 with a GATE_ERR_POLICY error (class `klass` if not
 * GATE_ERR_NONE) carrying file, line and column of the problem.
 */
int gate_json_parse(gate_json **out, const char *text, size_t len, const char *filename,
		    gate_error_class klass, gate_error *err);

/* Frees a tree returned by gate_json_parse; accepts NULL. */
void gate_json_free(gate_json *json);

/* The member of object `obj` named `key`, or NULL. Borrowed. */
gate_json *gate_json_get(const gate_json *obj, const char *key);

/* A human name for a type ("string", "array", ...). */
const char *gate_json_type_name(gate_json_type type);

#endif
