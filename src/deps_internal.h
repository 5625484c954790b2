/*
 * What the dependency manifest readers (src/deps.c) share with the TOML
 * reader they use (src/deps_toml.c): the text being read, with its line
 * counting and its errors, and the TOML values read from it. Not a public
 * header.
 */
#ifndef RISKGATE_SRC_DEPS_INTERNAL_H
#define RISKGATE_SRC_DEPS_INTERNAL_H

#include <stddef.h>

#include "riskgate/error.h"

/* Where lines were last counted to: readers ask for lines in the order
 * they read, so counting goes on from there (and the cost stays linear). */
typedef struct {
	const char *pos;
	size_t line;
} line_cache;

typedef struct {
	const char *path;
	const char *text;
	size_t len;
	gate_error *err;
	line_cache *lc;
} src;

/* The line of `p` in S's text (counting on from the last line asked). */
size_t gate_deps__line_at(const src *S, const char *p);

/* Sets S's error to "PATH:LINE: message" (GATE_ERR_INPUT). Returns -1. */
int gate_deps__bad(const src *S, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static inline int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Code point `cp` as UTF-8 into `u`: its length (1 to 4). */
size_t gate_deps__utf8_encode(char u[4], unsigned long cp);

/* --- TOML (src/deps_toml.c) --- */

typedef enum { TV_STRING, TV_ARRAY, TV_TABLE, TV_OTHER } tv_type;

typedef struct tv {
	tv_type type;
	char *str;       /* TV_STRING: decoded; a key of a TV_TABLE member */
	char *key;       /* a member of a TV_TABLE */
	struct tv *kids; /* TV_ARRAY, TV_TABLE */
	struct tv *next;
	size_t line;
} tv;

/* Called for each key and value of the document, in order, and at each
 * table header with `key` and `value` NULL (a table, or the next element
 * of an array of tables, starts). */
typedef int (*toml_fn)(void *ctx, const char *table, int array_table, const char *key,
		       const tv *value);

/* Reads S as TOML (the part manifests and lock files use), calling `fn` as
 * above. 0, or -1 with S's error set (a document it cannot read). */
int gate_deps__toml_walk(const src *S, toml_fn fn, void *ctx);

/* The member `key` of table `t`, or NULL. */
const tv *gate_deps__tv_get(const tv *t, const char *key);

#endif
