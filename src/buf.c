/*
 * Bounded growable buffers, overflow-checked size arithmetic and allocation
 * helpers that report failures as gate_error values.
 */
#include "riskgate/banned.h"

#include "riskgate/buf.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int gate_add_overflow(size_t *out, size_t a, size_t b)
{
	if (a > SIZE_MAX - b)
		return 1;
	*out = a + b;
	return 0;
}

int gate_mul_overflow(size_t *out, size_t a, size_t b)
{
	if (a != 0 && b > SIZE_MAX / a)
		return 1;
	*out = a * b;
	return 0;
}

void *gate_malloc(size_t size, gate_error *err)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		gate_error_set(err, GATE_ERR_NOMEM, "out of memory (%zu bytes)", size);
	return p;
}

void *gate_calloc(size_t n, size_t size, gate_error *err)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		gate_error_set(err, GATE_ERR_NOMEM, "out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *gate_reallocarray(void *ptr, size_t n, size_t size, gate_error *err)
{
	size_t total;
	void *p;

	if (gate_mul_overflow(&total, n, size)) {
		gate_error_set(err, GATE_ERR_NOMEM, "allocation size overflows");
		return NULL;
	}
	p = realloc(ptr, total ? total : 1);
	if (!p)
		gate_error_set(err, GATE_ERR_NOMEM, "out of memory (%zu bytes)", total);
	return p;
}

char *gate_strndup(const char *s, size_t n, gate_error *err)
{
	size_t total;
	char *p;

	if (gate_add_overflow(&total, n, 1)) {
		gate_error_set(err, GATE_ERR_NOMEM, "string too long");
		return NULL;
	}
	p = gate_malloc(total, err);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *gate_strdup(const char *s, gate_error *err)
{
	return gate_strndup(s, strlen(s), err);
}

int gate_array_reserve(void **items, size_t *alloc, size_t need, size_t elem, gate_error *err)
{
	size_t n;
	void *p;

	if (need <= *alloc)
		return 0;
	n = *alloc ? *alloc : 8;
	while (n < need) {
		if (gate_mul_overflow(&n, n, 2))
			return gate_error_set(err, GATE_ERR_NOMEM, "array size overflows");
	}
	p = gate_reallocarray(*items, n, elem, err);
	if (!p)
		return -1;
	*items = p;
	*alloc = n;
	return 0;
}

void gate_buf_init(gate_buf *buf, size_t max)
{
	buf->ptr = NULL;
	buf->size = 0;
	buf->asize = 0;
	buf->max = max;
}

void gate_buf_dispose(gate_buf *buf)
{
	if (!buf)
		return;
	free(buf->ptr);
	buf->ptr = NULL;
	buf->size = 0;
	buf->asize = 0;
}

void gate_buf_clear(gate_buf *buf)
{
	buf->size = 0;
	if (buf->ptr)
		buf->ptr[0] = '\0';
}

void gate_buf_truncate(gate_buf *buf, size_t len)
{
	if (len >= buf->size)
		return;
	buf->size = len;
	buf->ptr[len] = '\0';
}

int gate_buf_grow(gate_buf *buf, size_t extra, gate_error *err)
{
	size_t need, n;
	char *p;

	if (gate_add_overflow(&need, buf->size, extra) || need > buf->max)
		return gate_error_set(err, GATE_ERR_NOMEM, "buffer limit of %zu bytes exceeded",
				      buf->max);
	if (gate_add_overflow(&need, need, 1))
		return gate_error_set(err, GATE_ERR_NOMEM, "buffer size overflows");
	if (need <= buf->asize)
		return 0;
	n = buf->asize ? buf->asize : 64;
	while (n < need) {
		if (gate_mul_overflow(&n, n, 2)) {
			n = need;
			break;
		}
	}
	p = realloc(buf->ptr, n);
	if (!p)
		return gate_error_set(err, GATE_ERR_NOMEM, "out of memory (%zu bytes)", n);
	buf->ptr = p;
	buf->asize = n;
	buf->ptr[buf->size] = '\0';
	return 0;
}

int gate_buf_put(gate_buf *buf, const void *data, size_t len, gate_error *err)
{
	if (gate_buf_grow(buf, len, err) < 0)
		return -1;
	if (len)
		memcpy(buf->ptr + buf->size, data, len);
	buf->size += len;
	buf->ptr[buf->size] = '\0';
	return 0;
}

int gate_buf_puts(gate_buf *buf, const char *str, gate_error *err)
{
	return gate_buf_put(buf, str, strlen(str), err);
}

int gate_buf_putc(gate_buf *buf, char c, gate_error *err)
{
	return gate_buf_put(buf, &c, 1, err);
}

int gate_buf_vprintf(gate_buf *buf, gate_error *err, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return gate_error_set(err, GATE_ERR_INTERNAL, "format error");
	if (gate_buf_grow(buf, (size_t)n, err) < 0)
		return -1;
	vsnprintf(buf->ptr + buf->size, (size_t)n + 1, fmt, ap);
	buf->size += (size_t)n;
	return 0;
}

int gate_buf_printf(gate_buf *buf, gate_error *err, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = gate_buf_vprintf(buf, err, fmt, ap);
	va_end(ap);
	return rc;
}

char *gate_buf_detach(gate_buf *buf)
{
	char *p = buf->ptr;

	if (!p) {
		p = malloc(1);
		if (p)
			p[0] = '\0';
		return p;
	}
	buf->ptr = NULL;
	buf->size = 0;
	buf->asize = 0;
	return p;
}

int gate_buf_read_file(gate_buf *buf, const char *path, gate_error_class klass, gate_error *err)
{
	gate_error_class k = klass != GATE_ERR_NONE ? klass : GATE_ERR_INPUT;
	FILE *fp = NULL;
	char chunk[65536];
	size_t n;
	int error = -1;
	int is_stdin = strcmp(path, "-") == 0;

	fp = is_stdin ? stdin : fopen(path, "rb");
	if (!fp)
		return gate_error_set(err, k, "cannot open %s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		if (buf->size + n > buf->max) {
			gate_error_set(err, k, "%s is larger than the limit of %zu bytes",
				       is_stdin ? "standard input" : path, buf->max);
			goto done;
		}
		if (gate_buf_put(buf, chunk, n, err) < 0)
			goto done;
	}
	if (ferror(fp)) {
		gate_error_set(err, k, "cannot read %s: %s", is_stdin ? "standard input" : path,
			       strerror(errno));
		goto done;
	}
	if (!buf->ptr && gate_buf_grow(buf, 0, err) < 0)
		goto done;
	error = 0;
done:
	if (fp && !is_stdin)
		fclose(fp);
	return error;
}

const char *gate_mem_find(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	size_t i;

	const char *p;

	if (!hay || !nlen || nlen > hlen)
		return NULL;
	/* memchr to each candidate first byte: linear in practice */
	for (i = 0; i + nlen <= hlen; i = (size_t)(p - hay) + 1) {
		p = memchr(hay + i, needle[0], hlen - nlen + 1 - i);
		if (!p)
			return NULL;
		if (memcmp(p, needle, nlen) == 0)
			return p;
	}
	return NULL;
}

gate_text_line gate_next_line(const char **p, const char *end)
{
	gate_text_line l;
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));

	l.start = *p;
	l.end = nl ? nl : end;
	*p = nl ? nl + 1 : end;
	if (l.end > l.start && l.end[-1] == '\r')
		l.end--;
	return l;
}
