/*
 * Building and printing JSON output with cJSON (jsonout.c): the helpers
 * the JSON writers of the library that build a tree use (explain,
 * trailers, SARIF, audit), so that allocation checks, the treatment of
 * untrusted text and printing are written once; the JSON report is
 * streamed instead (jsonw.h), with the same treatment. Internal to the
 * library.
 *
 * Every helper that attaches an item returns 0, or -1 with GATE_ERR_NOMEM;
 * an item that could not be attached is freed, so the caller only ever owns
 * the root.
 */
#ifndef RISKGATE_JSONOUT_H
#define RISKGATE_JSONOUT_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "riskgate/buf.h"
#include "riskgate/error.h"

/* Sets GATE_ERR_NOMEM ("out of memory") on `err`; returns -1. */
int gate_jsonout__nomem(gate_error *err);

/* Attaches `item` (NULL when its creation failed) to object `obj` under
 * `key`, or appends it to array `arr`. */
int gate_jsonout__add(cJSON *obj, const char *key, cJSON *item, gate_error *err);
int gate_jsonout__push(cJSON *arr, cJSON *item, gate_error *err);

/* Creates an object or array and attaches it to `obj`; *out borrows it. */
int gate_jsonout__add_object(cJSON **out, cJSON *obj, const char *key, gate_error *err);
int gate_jsonout__add_array(cJSON **out, cJSON *obj, const char *key, gate_error *err);

int gate_jsonout__add_number(cJSON *obj, const char *key, double value, gate_error *err);
int gate_jsonout__add_bool(cJSON *obj, const char *key, int value, gate_error *err);
int gate_jsonout__add_null(cJSON *obj, const char *key, gate_error *err);

/*
 * Creates a JSON string from `len` bytes of untrusted text (s[len] must be
 * readable): as it is when it is valid UTF-8 without NUL, else with each
 * offending byte replaced by U+FFFD (gate_escape_json_text). *replaced
 * (when not NULL) says which. Returns the new item, or NULL on error.
 */
cJSON *gate_jsonout__text(const char *s, size_t len, int *replaced, gate_error *err);

/* Adds `len` bytes of untrusted text `s` under `key`. */
int gate_jsonout__add_textn(cJSON *obj, const char *key, const char *s, size_t len,
			    gate_error *err);

/* Adds untrusted text under `key`; a NULL `s` becomes "" (for the fields
 * that the result guarantees but a hand-built one might lack). */
int gate_jsonout__add_text(cJSON *obj, const char *key, const char *s, gate_error *err);

/* Adds untrusted text under `key` only when `s` is not NULL. */
int gate_jsonout__add_opt_text(cJSON *obj, const char *key, const char *s, gate_error *err);

/*
 * Adds a path under `key`. A path that is not valid UTF-8 is shown with
 * U+FFFD replacements, and its exact bytes follow under `raw_key` in base64,
 * so a consumer can still recover the name.
 */
int gate_jsonout__add_path(cJSON *obj, const char *key, const char *raw_key, const char *s,
			   size_t len, gate_error *err);

/* Appends the pretty-printed text of `root` and a newline to `out`, all or
 * nothing; `root` stays the caller's. */
int gate_jsonout__print(gate_buf *out, cJSON *root, gate_error *err);

/* Appends the text of `item` on one line, without a newline; `item` stays
 * the caller's. */
int gate_jsonout__print_line(gate_buf *out, cJSON *item, gate_error *err);

#endif
