/*
 * A streaming JSON writer (jsonw.c): appends a document to a gate_buf as it
 * is written, with no tree in between, in exactly the layout cJSON_Print
 * gives the same document (tabs, "key":<TAB>value, arrays on one line,
 * cJSON's numbers), so that a report of hundreds of thousands of items costs
 * its text and nothing more. Untrusted text gets the one treatment of
 * escape.h (gate_escape_json_string). Public so that the unit tests can hold
 * it to cJSON_Print as their oracle.
 *
 * Usage: gate_jsonw_init, then values, each with its key inside an object
 * and with a NULL key inside an array or at the top, containers opened with
 * gate_jsonw_object / gate_jsonw_array and closed with gate_jsonw_close,
 * and gate_jsonw_finish last, on success and on failure alike. Every
 * writing function returns 0, or -1 with the error set; after the first
 * failure the writer refuses everything, and gate_jsonw_finish takes back
 * all it appended, so a failed document leaves `out` as it was.
 */
#ifndef RISKGATE_JSONW_H
#define RISKGATE_JSONW_H

#include <stddef.h>
#include <stdint.h>

#include "riskgate/buf.h"
#include "riskgate/error.h"

/* How deep containers may nest: one bit of each mask per level. */
#define GATE_JSONW_MAX_DEPTH 64

typedef struct {
	gate_buf *out; /* borrowed */
	gate_error *err;
	size_t start;    /* out->size when the document began */
	unsigned depth;  /* open containers, <= GATE_JSONW_MAX_DEPTH */
	uint64_t arrays; /* bit d set: the container at depth d + 1 is an array */
	uint64_t filled; /* bit d set: the container at depth d + 1 has a member */
	int failed;      /* a call failed: nothing more is written */
	int compact;     /* no whitespace between tokens (gate_jsonw_init_compact) */
} gate_jsonw;

/* Starts a document at the end of `out`; errors go to `err` (may be NULL). */
void gate_jsonw_init(gate_jsonw *w, gate_buf *out, gate_error *err);

/* The same, for a document with no whitespace between its tokens (as
 * cJSON_PrintUnformatted gives it), still ending in one newline. */
void gate_jsonw_init_compact(gate_jsonw *w, gate_buf *out, gate_error *err);

/* Opens an object or an array under `key`; gate_jsonw_close ends the
 * innermost one ("{\n<tabs>}" for an empty object, "[]" for an empty array,
 * as cJSON prints them). */
int gate_jsonw_object(gate_jsonw *w, const char *key);
int gate_jsonw_array(gate_jsonw *w, const char *key);
int gate_jsonw_close(gate_jsonw *w);

int gate_jsonw_null(gate_jsonw *w, const char *key);
int gate_jsonw_bool(gate_jsonw *w, const char *key, int value);

/* A number printed as cJSON 1.7.15 prints it: "%1.15g" when that reads
 * back as the same double (within cJSON's relative DBL_EPSILON), else
 * "%1.17g"; NaN and infinities as null. */
int gate_jsonw_number(gate_jsonw *w, const char *key, double value);

/* `len` bytes of untrusted text `s` (s may be NULL when len is 0). */
int gate_jsonw_textn(gate_jsonw *w, const char *key, const char *s, size_t len);

/* Untrusted text; a NULL `s` becomes "". */
int gate_jsonw_text(gate_jsonw *w, const char *key, const char *s);

/* Untrusted text, and nothing at all when `s` is NULL. */
int gate_jsonw_opt_text(gate_jsonw *w, const char *key, const char *s);

/* Untrusted text, or null when `s` is NULL. */
int gate_jsonw_text_or_null(gate_jsonw *w, const char *key, const char *s);

/*
 * A path under `key`: with U+FFFD replacements when it is not valid UTF-8,
 * and then its exact bytes in base64 under `raw_key`, so a consumer can
 * still recover the name.
 */
int gate_jsonw_path(gate_jsonw *w, const char *key, const char *raw_key, const char *s, size_t len);

/*
 * Ends the document. With `error` 0, a writer that has not failed and every
 * container closed, appends the newline that follows a printed report and
 * returns 0. Otherwise truncates `out` back to where the document began and
 * returns -1 (setting GATE_ERR_INTERNAL when nothing set an error before).
 */
int gate_jsonw_finish(gate_jsonw *w, int error);

#endif
