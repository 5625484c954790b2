/*
 * GitHub code scanning's line fingerprint (primaryLocationLineHash), as its
 * uploader computes it for a result that has none (docs/report.md,
 * "`--format sarif`, `--sarif FILE`"):
 *
 * - The file is read as UTF-8 into UTF-16 code units: a code point above
 *   U+FFFF is two units, a byte-order mark is a unit like any other, and
 *   each maximal ill-formed subsequence is one U+FFFD (the WHATWG decoder's
 *   rule, which is not escape.c's question of whether bytes are valid).
 * - Spaces and tabs are left out; CR, LF and CR LF are each one line break
 *   (LF); a space between CR and LF makes them two.
 * - After the last unit comes the unit 0xFFFF, then zeros.
 * - A line's value is the polynomial sum of the 100 units kept from its
 *   first one on, each times a power of 37 (37^99 for the first), modulo
 *   2^64, printed in lower-case hex without leading zeros, then ':' and how
 *   many lines up to and including this one have that value.
 *
 * The rolling form below keeps the window's units and the line each one
 * starts, and gives each line's value when its window is full.
 */
#include "riskgate/banned.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/linehash.h"

#define WINDOW   100
#define BASE     37u
#define END_UNIT 0xffffu

typedef struct {
	uint16_t units[WINDOW];
	size_t lines[WINDOW]; /* the line starting at that unit, 0 for none */
	uint64_t hash;
	uint64_t first_pow; /* BASE^WINDOW mod 2^64 */
	size_t index;
	size_t line;
	int line_start;
	int prev_cr;
	/* What to do with each line's value. */
	void (*emit)(void *payload, size_t line, uint64_t value);
	void *payload;
} roller;

static void roller_init(roller *r, void (*emit)(void *, size_t, uint64_t), void *payload)
{
	size_t i;

	memset(r, 0, sizeof(*r));
	r->first_pow = 1;
	for (i = 0; i < WINDOW; i++)
		r->first_pow *= BASE;
	r->line_start = 1;
	r->emit = emit;
	r->payload = payload;
}

static void roll(roller *r, uint16_t unit)
{
	uint16_t leaving = r->units[r->index];

	r->units[r->index] = unit;
	r->hash = BASE * r->hash + unit - r->first_pow * leaving;
	r->index = (r->index + 1) % WINDOW;
}

static void emit_due(roller *r)
{
	if (r->lines[r->index]) {
		r->emit(r->payload, r->lines[r->index], r->hash);
		r->lines[r->index] = 0;
	}
}

static void feed(roller *r, uint16_t unit)
{
	if (unit == ' ' || unit == '\t' || (r->prev_cr && unit == '\n')) {
		r->prev_cr = 0;
		return;
	}
	r->prev_cr = unit == '\r';
	if (unit == '\r')
		unit = '\n';
	emit_due(r);
	if (r->line_start) {
		r->line_start = 0;
		r->lines[r->index] = ++r->line;
	}
	if (unit == '\n')
		r->line_start = 1;
	roll(r, unit);
}

static void finish(roller *r)
{
	size_t i;

	feed(r, END_UNIT);
	for (i = 0; i < WINDOW; i++) {
		emit_due(r);
		roll(r, 0);
	}
}

static int continuation(unsigned char c, unsigned char lo, unsigned char hi)
{
	return c >= lo && c <= hi;
}

/* Decodes the bytes of `s` as a WHATWG UTF-8 decoder would, feeding each
 * UTF-16 unit to `r`. */
static void feed_utf8(roller *r, const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		unsigned char lo = 0x80, hi = 0xbf;
		size_t need, got;
		uint32_t cp;

		if (c < 0x80) {
			feed(r, c);
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			cp = c & 0x0f;
			if (c == 0xe0)
				lo = 0xa0;
			else if (c == 0xed)
				hi = 0x9f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			cp = c & 0x07;
			if (c == 0xf0)
				lo = 0x90;
			else if (c == 0xf4)
				hi = 0x8f;
		} else {
			feed(r, 0xfffd);
			i++;
			continue;
		}
		/* The second byte has the lead's own range; later ones 80..BF.
		 * The first byte that does not fit ends the maximal subpart,
		 * which becomes one U+FFFD, and is read again on its own. */
		for (got = 0, i++; got < need; got++, i++) {
			if (i >= len ||
			    !continuation(s[i], got == 0 ? lo : 0x80, got == 0 ? hi : 0xbf))
				break;
			cp = (cp << 6) | (s[i] & 0x3f);
		}
		if (got < need) {
			feed(r, 0xfffd);
			continue;
		}
		if (cp >= 0x10000) {
			cp -= 0x10000;
			feed(r, (uint16_t)(0xd800 + (cp >> 10)));
			feed(r, (uint16_t)(0xdc00 + (cp & 0x3ff)));
		} else {
			feed(r, (uint16_t)cp);
		}
	}
}

/* One asked-for line: where its answer goes, and the value found. */
typedef struct {
	size_t line;
	size_t slot;
	uint64_t value;
	int found;
	size_t distinct; /* index of its value in lookup.values */
	uint64_t count;
} wanted;

typedef struct {
	wanted *w; /* sorted by line */
	size_t n;
	size_t next; /* the first asked-for line not yet reached */
	/* Pass 2: the distinct values found, sorted, with how many lines so
	 * far had each. */
	uint64_t *values;
	uint64_t *seen;
	size_t nvalues;
} lookup;

/* Pass 1: the value of each asked-for line. Lines arrive in order. */
static void record_value(void *payload, size_t line, uint64_t value)
{
	lookup *l = payload;

	while (l->next < l->n && l->w[l->next].line == line) {
		l->w[l->next].value = value;
		l->w[l->next].found = 1;
		l->next++;
	}
}

static int by_value(const void *a, const void *b)
{
	const uint64_t *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/* Pass 2: counts the lines having one of the values found, and gives each
 * asked-for line the count of its value when the walk reaches it. */
static void count_value(void *payload, size_t line, uint64_t value)
{
	lookup *l = payload;
	uint64_t *hit = bsearch(&value, l->values, l->nvalues, sizeof(*l->values), by_value);

	if (hit)
		l->seen[hit - l->values]++;
	while (l->next < l->n && l->w[l->next].line == line) {
		if (l->w[l->next].found)
			l->w[l->next].count = l->seen[l->w[l->next].distinct];
		l->next++;
	}
}

static int by_line(const void *a, const void *b)
{
	const wanted *x = a, *y = b;

	return x->line < y->line ? -1 : x->line > y->line;
}

/* The first asked-for line that can be reached (there is no line 0). */
static size_t first_line(const lookup *l)
{
	size_t i = 0;

	while (i < l->n && l->w[i].line == 0)
		i++;
	return i;
}

size_t gate_linehash_line(const char *buf, size_t len, size_t line)
{
	size_t i, lf = 1, breaks = 0;
	int prev_cr = 0;

	if (line <= 1 || !memchr(buf, '\r', len))
		return line;
	/* Bytes are enough: CR, LF, space and tab are never part of a
	 * multi-byte sequence, and any other unit clears prev_cr as a byte
	 * does. */
	for (i = 0; i < len && lf < line; i++) {
		char c = buf[i];

		if (c == '\n') {
			lf++;
			if (!prev_cr)
				breaks++;
			prev_cr = 0;
		} else if (c == '\r') {
			breaks++;
			prev_cr = 1;
		} else {
			prev_cr = 0;
		}
	}
	return breaks + 1 + (line - lf);
}

int gate_linehash(const char *buf, size_t len, const size_t *lines, size_t n,
		  char (*out)[GATE_LINEHASH_MAX], gate_error *err)
{
	lookup l;
	roller r;
	size_t i, k;
	int error = 0;

	if (n == 0)
		return 0;
	memset(&l, 0, sizeof(l));
	l.w = calloc(n, sizeof(*l.w));
	l.values = calloc(n, sizeof(*l.values));
	l.seen = calloc(n, sizeof(*l.seen));
	if (!l.w || !l.values || !l.seen) {
		error = gate_error_set(err, GATE_ERR_NOMEM, "out of memory");
		goto done;
	}
	l.n = n;
	for (i = 0; i < n; i++) {
		l.w[i].line = lines[i];
		l.w[i].slot = i;
	}
	qsort(l.w, n, sizeof(*l.w), by_line);

	l.next = first_line(&l);
	roller_init(&r, record_value, &l);
	feed_utf8(&r, (const unsigned char *)buf, len);
	finish(&r);

	for (i = 0; i < n; i++)
		if (l.w[i].found)
			l.values[l.nvalues++] = l.w[i].value;
	qsort(l.values, l.nvalues, sizeof(*l.values), by_value);
	for (i = k = 0; i < l.nvalues; i++)
		if (k == 0 || l.values[k - 1] != l.values[i])
			l.values[k++] = l.values[i];
	l.nvalues = k;
	for (i = 0; i < n; i++)
		if (l.w[i].found)
			l.w[i].distinct =
			    (size_t)((uint64_t *)bsearch(&l.w[i].value, l.values, l.nvalues,
							 sizeof(*l.values), by_value) -
				     l.values);

	l.next = first_line(&l);
	roller_init(&r, count_value, &l);
	feed_utf8(&r, (const unsigned char *)buf, len);
	finish(&r);

	for (i = 0; i < n; i++) {
		char *o = out[l.w[i].slot];

		if (l.w[i].found)
			snprintf(o, GATE_LINEHASH_MAX, "%" PRIx64 ":%" PRIu64, l.w[i].value,
				 l.w[i].count);
		else
			o[0] = '\0';
	}
done:
	free(l.w);
	free(l.values);
	free(l.seen);
	return error;
}
