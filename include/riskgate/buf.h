/*
 * A growable byte buffer with a mandatory maximum size, and overflow-checked
 * size arithmetic. Everything built from untrusted input goes through these.
 */
#ifndef RISKGATE_BUF_H
#define RISKGATE_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "riskgate/error.h"

/*
 * Invariants: `ptr` is NULL or points to `asize` bytes; when not NULL,
 * ptr[size] == '\0' (the content is always NUL-terminated, though it may
 * also contain NUL bytes); size < asize; size never exceeds `max`.
 */
typedef struct {
	char *ptr;
	size_t size;
	size_t asize;
	size_t max;
} gate_buf;

#define GATE_BUF_INIT(max_)                                                                        \
	{                                                                                          \
		NULL, 0, 0, (max_)                                                                 \
	}

/* Sets up an empty buffer that refuses to grow past `max` bytes. */
void gate_buf_init(gate_buf *buf, size_t max);

/* Releases the memory; the buffer may be reused after gate_buf_init. */
void gate_buf_dispose(gate_buf *buf);

/* Empties the buffer, keeping its memory. */
void gate_buf_clear(gate_buf *buf);

/* Shortens the buffer to its first `len` bytes (no-op when not longer). */
void gate_buf_truncate(gate_buf *buf, size_t len);

/* Ensures room for `extra` more bytes. Fails with GATE_ERR_NOMEM past `max`. */
int gate_buf_grow(gate_buf *buf, size_t extra, gate_error *err);

int gate_buf_put(gate_buf *buf, const void *data, size_t len, gate_error *err);
int gate_buf_puts(gate_buf *buf, const char *str, gate_error *err);
int gate_buf_putc(gate_buf *buf, char c, gate_error *err);
int gate_buf_printf(gate_buf *buf, gate_error *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int gate_buf_vprintf(gate_buf *buf, gate_error *err, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* Hands the content to the caller (who frees it with free()) and leaves the
 * buffer empty. Returns an empty string for an empty buffer; NULL only when
 * out of memory. */
char *gate_buf_detach(gate_buf *buf);

/* Reads a whole file (or stdin for "-") into `buf`, refusing more than
 * buf->max bytes. Errors are GATE_ERR_INPUT, with `klass` overriding when
 * not GATE_ERR_NONE. */
int gate_buf_read_file(gate_buf *buf, const char *path, gate_error_class klass, gate_error *err);

/* Overflow-checked arithmetic: return 1 on overflow, 0 otherwise. */
int gate_add_overflow(size_t *out, size_t a, size_t b);
int gate_mul_overflow(size_t *out, size_t a, size_t b);

/* Allocation helpers that record GATE_ERR_NOMEM in `err` on failure. */
void *gate_malloc(size_t size, gate_error *err);
void *gate_calloc(size_t n, size_t size, gate_error *err);
void *gate_reallocarray(void *ptr, size_t n, size_t size, gate_error *err);
char *gate_strdup(const char *s, gate_error *err);
char *gate_strndup(const char *s, size_t n, gate_error *err);

/* The first occurrence of needle[0..nlen) in hay[0..hlen), or NULL (also
 * for an empty needle). */
const char *gate_mem_find(const char *hay, size_t hlen, const char *needle, size_t nlen);

/* A line of text: [start, end), without its line end. */
typedef struct {
	const char *start, *end;
} gate_text_line;

/* The line at *p (before `end`), without its "\n" or "\r\n"; *p moves
 * past its line end. */
gate_text_line gate_next_line(const char **p, const char *end);

/*
 * Grows a dynamic array `*items` of `*alloc` elements of `elem` bytes so it
 * can hold at least `need` elements. Doubles the capacity. Returns 0 or -1.
 */
int gate_array_reserve(void **items, size_t *alloc, size_t need, size_t elem, gate_error *err);

#endif
