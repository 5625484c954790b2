/*
 * An upper bound on the work PCRE2 can do to match a pattern against a
 * subject of a given length, read from the pattern's text. A caller that
 * skips a pattern because it provably cannot match (the classifier's
 * prefilter) must also know that PCRE2 could not have failed on it with a
 * limit error, or the gate would pass where it used to fail closed; this
 * bound is how it knows. Anything the reader does not understand makes the
 * pattern unbounded: such a pattern is never skipped.
 */
#include "riskgate/banned.h"

#include "regex_cost.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
 * The cost of a piece of pattern from one position of the subject, for a
 * subject of length `len`: `ways` bounds the number of distinct ways it can
 * succeed (each one a backtracking point for what follows), `work` the
 * number of steps it takes to try them all. A sequence A B costs
 * work(A) + ways(A) * work(B); a repeat of a single character up to `len`
 * ways; an assertion or an atomic group one way. Of an alternation only
 * the branches that can start with the subject's next byte go further than
 * one step, so its cost is, over every byte, the sum of the branches that
 * can start with that byte (`first`: the bytes a piece's match can start
 * with; every byte when it may match the empty string). A repeated group
 * whose repeat is unbounded (or above COST_MAX_GROUP_REPEAT) is
 * exponential in general ((a|aa)+) and refused, as are back references,
 * recursion, conditionals, callouts, backtracking verbs and extended mode.
 * A branch that starts with ^ costs one step at any position but the
 * subject's start, so each piece has its cost at the start and elsewhere.
 */
typedef struct {
	uint64_t set[4];
} byteset;

/* Bytes of a branch's fixed start compared between branches. */
#define COST_SIG 4

typedef struct {
	double ways, work;     /* from the start of the subject */
	double ways_r, work_r; /* from any later position: where ^ fails */
	byteset first;
	/* The work of finding that it cannot start with a byte not in
	 * `first` (meaningless when `first` holds every byte). */
	double fail;
	/* The first `siglen` bytes of every match are in sig[0..siglen-1];
	 * `fixed`: every match is exactly those siglen bytes; `plain`: a
	 * string of single characters, nothing to backtrack into, so it fails
	 * within its first siglen bytes when they do not fit. */
	byteset sig[COST_SIG];
	unsigned siglen;
	int fixed, plain;
} cost;

#define COST_MAX_GROUP_REPEAT 16
#define COST_MAX_NEST         64
#define COST_MAX_BRANCHES     1024

typedef struct {
	const char *p, *end;
	double len;    /* subject length */
	int refused;   /* a construct the bound does not cover */
	int nest;      /* current group nesting */
	int caseless;  /* (?i) in force */
	int deep;      /* a group repeated without bound: one frame per repeat */
	int multiline; /* (?m) somewhere: ^ may match after a newline */
	double atoms;  /* choice points: a bound on the backtracking depth */
} cost_parser;

static void set_add(byteset *s, unsigned c)
{
	s->set[(c & 0xFF) >> 6] |= (uint64_t)1 << (c & 63);
}

static int set_has(const byteset *s, unsigned c)
{
	return (s->set[(c & 0xFF) >> 6] >> (c & 63)) & 1;
}

static void set_all(byteset *s)
{
	memset(s->set, 0xFF, sizeof(s->set));
}

static void set_union(byteset *a, const byteset *b)
{
	int i;

	for (i = 0; i < 4; i++)
		a->set[i] |= b->set[i];
}

static void set_invert(byteset *s)
{
	int i;

	for (i = 0; i < 4; i++)
		s->set[i] = ~s->set[i];
}

static void set_range(byteset *s, unsigned lo, unsigned hi)
{
	unsigned c;

	for (c = lo; c <= hi && c < 256; c++)
		set_add(s, c);
}

/* Adds the other case of every ASCII letter (PCRE2's default tables fold
 * ASCII only). */
static void set_fold(byteset *s)
{
	unsigned c;

	for (c = 'a'; c <= 'z'; c++)
		if (set_has(s, c) || set_has(s, c - 32)) {
			set_add(s, c);
			set_add(s, c - 32);
		}
}

static cost cost_unit(void)
{
	cost c;

	memset(&c, 0, sizeof(c));
	c.ways = c.ways_r = 1.0;
	c.work = c.work_r = 1.0;
	c.fail = 1.0;
	set_all(&c.first);
	return c;
}

/* A piece that consumes nothing: one way, and its "first byte" is the
 * next piece's. `first` all bytes marks it. */
static cost cost_empty(void)
{
	cost c = cost_unit();

	c.fixed = c.plain = 1;
	return c;
}

static cost cost_seq(cost a, cost b)
{
	cost c;

	c.ways = a.ways * b.ways;
	c.work = a.work + a.ways * b.work;
	/* b may start where a did (a may be empty): its start cost, which is
	 * never below its cost elsewhere. */
	c.ways_r = a.ways_r * b.ways;
	c.work_r = a.work_r + a.ways_r * b.work;
	/* The sequence starts as `a` does (every byte when `a` may be empty),
	 * and fails where `a` does. */
	c.first = a.first;
	c.fail = a.fail;
	c.plain = a.plain && b.plain;
	c.siglen = a.siglen;
	c.fixed = 0;
	memcpy(c.sig, a.sig, sizeof(c.sig));
	if (a.fixed) {
		unsigned k;

		for (k = 0; k < b.siglen && c.siglen < COST_SIG; k++)
			c.sig[c.siglen++] = b.sig[k];
		c.fixed = b.fixed && k == b.siglen;
	}
	return c;
}

static cost refuse(cost_parser *cp)
{
	cp->refused = 1;
	cp->p = cp->end;
	return cost_unit();
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Reads {n}, {n,}, {n,m} at cp->p. Returns 1 with *min, *max (max < 0:
 * unbounded) and advances, or 0 when the brace is a literal. */
static int read_braces(cost_parser *cp, long *min, long *max)
{
	const char *q = cp->p + 1;
	long n = 0, m = -1;

	if (q >= cp->end || !is_digit(*q))
		return 0;
	while (q < cp->end && is_digit(*q)) {
		if (n > 100000)
			return 0;
		n = n * 10 + (*q++ - '0');
	}
	if (q < cp->end && *q == '}') {
		*min = n;
		*max = n;
		cp->p = q + 1;
		return 1;
	}
	if (q >= cp->end || *q != ',')
		return 0;
	q++;
	if (q < cp->end && is_digit(*q)) {
		m = 0;
		while (q < cp->end && is_digit(*q)) {
			if (m > 100000)
				return 0;
			m = m * 10 + (*q++ - '0');
		}
	}
	if (q >= cp->end || *q != '}')
		return 0;
	*min = n;
	*max = m;
	cp->p = q + 1;
	return 1;
}

/* A quantifier at cp->p, if any. Returns 1 with the bounds and whether it
 * is possessive. */
static int read_quantifier(cost_parser *cp, long *min, long *max, int *possessive)
{
	char c;

	if (cp->p >= cp->end)
		return 0;
	c = *cp->p;
	if (c == '*' || c == '+' || c == '?') {
		*min = c == '+';
		*max = c == '?' ? 1 : -1;
		cp->p++;
	} else if (c != '{' || !read_braces(cp, min, max)) {
		return 0;
	}
	*possessive = 0;
	if (cp->p < cp->end && *cp->p == '+') {
		*possessive = 1;
		cp->p++;
	} else if (cp->p < cp->end && *cp->p == '?') {
		cp->p++;
	}
	return 1;
}

/* Skips "{...}" after \x, \o, \N, \p and the like, when present. */
static void skip_braced(cost_parser *cp)
{
	const char *q;

	if (cp->p < cp->end && *cp->p == '{') {
		q = memchr(cp->p, '}', (size_t)(cp->end - cp->p));
		cp->p = q ? q + 1 : cp->end;
	}
}

/*
 * An escape after the backslash: the bytes it matches in *set (every byte
 * when unsure). Returns 1 for one character, 0 for an assertion (zero
 * width), -1 when refused.
 */
static int read_escape(cost_parser *cp, byteset *set)
{
	static const char simple[] = "afnrte";
	static const char simple_val[] = {7, 12, 10, 13, 9, 27};
	const char *k;
	char c;
	int h;

	memset(set, 0, sizeof(*set));
	if (cp->p >= cp->end)
		return -1;
	c = *cp->p++;
	switch (c) {
	case '1':
	case '2':
	case '3':
	case '4':
	case '5':
	case '6':
	case '7':
	case '8':
	case '9':
	case 'g':
	case 'k':
	case 'X':
	case 'R':
	case 'Q':
	case 'E':
		/* back references, subroutines, variable-width units; \Q and
		 * \E are the caller's */
		return -1;
	case 'b':
	case 'B':
	case 'A':
	case 'z':
	case 'Z':
	case 'G':
	case 'K':
		return 0;
	case 'd':
	case 'D':
		set_range(set, '0', '9');
		if (c == 'D')
			set_invert(set);
		return 1;
	case 'w':
	case 'W':
		set_range(set, '0', '9');
		set_range(set, 'a', 'z');
		set_range(set, 'A', 'Z');
		set_add(set, '_');
		if (c == 'W')
			set_invert(set);
		return 1;
	case 'x':
		if (cp->p < cp->end && *cp->p == '{') {
			skip_braced(cp);
			set_all(set);
			return 1;
		}
		h = 0;
		if (cp->p < cp->end && hex_value(*cp->p) >= 0)
			h = hex_value(*cp->p++);
		if (cp->p < cp->end && hex_value(*cp->p) >= 0)
			h = h * 16 + hex_value(*cp->p++);
		set_add(set, (unsigned)h);
		if (cp->caseless)
			set_fold(set);
		return 1;
	case '0':
		while (cp->p < cp->end && *cp->p >= '0' && *cp->p <= '7')
			cp->p++;
		set_all(set);
		return 1;
	case 'o':
	case 'N':
	case 'p':
	case 'P':
		if (cp->p < cp->end && *cp->p == '{')
			skip_braced(cp);
		else if (c == 'p' || c == 'P')
			cp->p += cp->p < cp->end;
		set_all(set);
		return 1;
	case 'c':
		cp->p += cp->p < cp->end;
		set_all(set);
		return 1;
	default:
		if ((k = strchr(simple, c)) != NULL) {
			set_add(set, (unsigned char)simple_val[k - simple]);
			return 1;
		}
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
			set_all(set); /* \s, \h, \v, \C and their kin */
			return 1;
		}
		set_add(set, (unsigned char)c);
		return 1;
	}
}

/* A character class after its '['; the bytes it matches in *set. */
static int read_class(cost_parser *cp, byteset *set)
{
	byteset one;
	int negate = 0, prev = -1, first = 1;

	memset(set, 0, sizeof(*set));
	if (cp->p < cp->end && *cp->p == '^') {
		negate = 1;
		cp->p++;
	}
	while (cp->p < cp->end) {
		unsigned char c = (unsigned char)*cp->p++;
		int lit = -1;

		if (c == ']' && !first) {
			if (cp->caseless)
				set_fold(set);
			if (negate)
				set_invert(set);
			return 0;
		}
		first = 0;
		if (c == '\\') {
			if (cp->p < cp->end && (*cp->p == 'Q' || *cp->p == 'E'))
				return -1;
			if (read_escape(cp, &one) < 0)
				return -1;
			set_union(set, &one);
			prev = -1;
			/* a single byte escape may start a range */
			{
				int n = 0, b = -1;
				unsigned u;

				for (u = 0; u < 256; u++)
					if (set_has(&one, u)) {
						n++;
						b = (int)u;
					}
				if (n == 1)
					lit = b;
			}
		} else if (c == '[' && cp->p < cp->end &&
			   (*cp->p == ':' || *cp->p == '.' || *cp->p == '=')) {
			const char *q = cp->p + 1;

			while (q + 1 < cp->end && !(q[0] == *cp->p && q[1] == ']'))
				q++;
			if (q + 1 >= cp->end)
				return -1;
			cp->p = q + 2;
			set_all(set);
			prev = -1;
			continue;
		} else if (c == '-' && prev >= 0 && cp->p < cp->end && *cp->p != ']') {
			/* a range prev-hi: the high end is a byte or escape */
			unsigned char hi = (unsigned char)*cp->p++;

			if (hi == '\\') {
				if (read_escape(cp, &one) < 0)
					return -1;
				set_union(set, &one);
				set_all(set); /* an escaped range end: be unsure */
			} else if (hi == '[') {
				return -1;
			} else {
				set_range(set, (unsigned)prev, hi);
			}
			prev = -1;
			continue;
		} else {
			lit = c;
			set_add(set, c);
		}
		prev = lit;
	}
	return -1;
}

static cost parse_alt(cost_parser *cp);

/* Option letters after "(?", up to ')' or ':'. Extended mode changes what
 * the text means, so it is refused. */
static int read_options(cost_parser *cp, int *caseless)
{
	int on = 1;

	while (cp->p < cp->end && *cp->p != ')' && *cp->p != ':') {
		char c = *cp->p++;

		if (c == '-')
			on = 0;
		else if (c == '^')
			*caseless = 0;
		else if (c == 'i')
			*caseless = on;
		else if (!strchr("msnUJ", c))
			return -1;
	}
	return cp->p < cp->end ? 0 : -1;
}

/* A group after its '('. *kind: 0 a group, 1 an assertion or atomic group
 * (one way), 2 an option setting or comment (no item). */
static cost parse_group(cost_parser *cp, int *kind)
{
	cost inner;
	int saved = cp->caseless, zero_width = 0, one_way = 0;
	const char *q;

	*kind = 0;
	if (cp->p < cp->end && *cp->p == '*')
		return refuse(cp); /* (*VERB) and the like */
	if (cp->p < cp->end && *cp->p == '?') {
		cp->p++;
		if (cp->p >= cp->end)
			return refuse(cp);
		switch (*cp->p) {
		case ':':
			cp->p++;
			break;
		case '|':
			return refuse(cp); /* branch reset: groups renumbered */
		case '>':
			cp->p++;
			one_way = 1;
			break;
		case '=':
		case '!':
			cp->p++;
			one_way = zero_width = 1;
			break;
		case '#':
			if (!(q = memchr(cp->p, ')', (size_t)(cp->end - cp->p))))
				return refuse(cp);
			cp->p = q + 1;
			*kind = 2;
			return cost_empty();
		case '<':
			if (cp->p + 1 < cp->end && (cp->p[1] == '=' || cp->p[1] == '!')) {
				cp->p += 2;
				one_way = zero_width = 1;
				break;
			}
			if (!(q = memchr(cp->p, '>', (size_t)(cp->end - cp->p))))
				return refuse(cp);
			cp->p = q + 1; /* (?<name>...) */
			break;
		case '\'':
			if (!(q = memchr(cp->p + 1, '\'', (size_t)(cp->end - cp->p - 1))))
				return refuse(cp);
			cp->p = q + 1;
			break;
		case 'P':
			if (cp->p + 1 < cp->end && cp->p[1] == '<') {
				if (!(q = memchr(cp->p, '>', (size_t)(cp->end - cp->p))))
					return refuse(cp);
				cp->p = q + 1;
				break;
			}
			return refuse(cp); /* (?P=name), (?P>name) */
		default:
			if (read_options(cp, &cp->caseless) < 0)
				return refuse(cp);
			if (*cp->p == ')') {
				/* (?i): to the end of the enclosing group */
				cp->p++;
				*kind = 2;
				return cost_empty();
			}
			cp->p++; /* ':' */
			break;
		}
	}
	if (++cp->nest > COST_MAX_NEST)
		return refuse(cp);
	inner = parse_alt(cp);
	cp->nest--;
	cp->caseless = saved;
	if (cp->refused)
		return cost_unit();
	if (cp->p >= cp->end || *cp->p != ')')
		return refuse(cp);
	cp->p++;
	if (one_way) {
		inner.ways = inner.ways_r = 1.0;
		inner.work += 1.0;
		inner.work_r += 1.0;
		*kind = 1;
	}
	if (zero_width) {
		set_all(&inner.first);
		inner.siglen = 0;
		inner.fixed = 1;
	}
	inner.plain = 0;
	inner.fail += 1.0;
	return inner;
}

/* `item` repeated between min and max (max < 0: unbounded) times. */
static cost repeat(cost_parser *cp, cost item, int single, long min, long max, int possessive)
{
	cost c = cost_empty(), opt = cost_empty();
	byteset first = item.first;
	long i;

	if (single) {
		double hi = max < 0 || (double)max > cp->len ? cp->len : (double)max;
		double n = hi - (double)min + 1.0;

		if (n < 1.0)
			n = 1.0;
		c.ways = c.ways_r = possessive ? 1.0 : n;
		c.work = c.work_r = hi + 1.0;
	} else {
		if (max < 0 || max > COST_MAX_GROUP_REPEAT) {
			/* A group with one way per repeat (each repeat
			 * consumes, or PCRE2 stops) repeats at most len + 1
			 * times; with more, (a|aa)+, the ways multiply. */
			if (item.ways > 1.0)
				return refuse(cp);
			cp->deep = 1;
			c.ways = c.ways_r = possessive ? 1.0 : cp->len + 1.0;
			c.work = c.work_r = (cp->len + 1.0) * (item.work + 1.0);
			c.fail = item.fail + 1.0;
			c.plain = c.fixed = 0;
			c.siglen = 0;
			if (min > 0)
				c.first = first;
			return c;
		}
		for (i = 0; i < min; i++)
			c = cost_seq(c, item);
		for (i = min; i < max; i++) {
			opt = cost_seq(item, opt);
			opt.ways += 1.0;
			opt.work += 1.0;
			opt.ways_r += 1.0;
			opt.work_r += 1.0;
		}
		c = cost_seq(c, opt);
		if (possessive)
			c.ways = c.ways_r = 1.0;
		cp->atoms += (double)max * 4.0;
	}
	c.fail = item.fail + 1.0;
	c.plain = c.fixed = 0;
	c.siglen = 0;
	if (min > 0)
		c.first = first;
	else
		set_all(&c.first);
	if (single && min > 0) {
		/* min copies of the character, all of the match when min == max */
		while (c.siglen < COST_SIG && c.siglen < (unsigned)min)
			c.sig[c.siglen++] = first;
		c.fixed = min == max && (unsigned)min <= COST_SIG;
	}
	return c;
}

static int set_disjoint(const byteset *a, const byteset *b)
{
	int i;

	for (i = 0; i < 4; i++)
		if (a->set[i] & b->set[i])
			return 0;
	return 1;
}

/*
 * A sequence. A repeat of one character followed by a character it cannot
 * match (\w+_ no; [^/]*\/ yes) can only go on where its run ends: every
 * other split fails on that next character at once, so it has one way,
 * plus one step for each split tried (PCRE2 makes such repeats possessive
 * itself; the bound does not rely on it).
 */
static cost parse_seq(cost_parser *cp)
{
	cost total = cost_empty(), item, pending = cost_empty();
	byteset set, pend_set, item_set;
	long min = 0, max = 0;
	int possessive = 0, single, kind, w, started = 0, have_pending = 0, pend_repeat = 0;
	int quantified, mandatory, zero, quoted;

	while (cp->p < cp->end && !cp->refused && *cp->p != '|' && *cp->p != ')') {
		char c = *cp->p++;

		single = 1;
		zero = quoted = 0;
		item = cost_unit();
		if (c == '(') {
			cp->atoms += 1.0;
			item = parse_group(cp, &kind);
			if (cp->refused)
				break;
			if (kind == 2)
				continue;
			single = 0;
		} else if (c == '[') {
			if (read_class(cp, &set) < 0) {
				refuse(cp);
				break;
			}
			item.first = set;
		} else if (c == '\\') {
			if (cp->p < cp->end && *cp->p == 'Q') {
				const char *q = cp->p + 1;

				/* \Q...\E: literals, one item of unknown bytes (a
				 * quantifier after it repeats its last byte). */
				while (q + 1 < cp->end && !(q[0] == '\\' && q[1] == 'E'))
					q++;
				cp->p = q + 1 < cp->end ? q + 2 : cp->end;
				quoted = 1;
			} else if (cp->p < cp->end && *cp->p == 'E') {
				cp->p++;
				continue;
			} else if ((w = read_escape(cp, &set)) < 0) {
				refuse(cp);
				break;
			} else if (w > 0) {
				item.first = set;
			} else {
				zero = 1;
			}
		} else if (c == '*' || c == '+' || c == '?') {
			refuse(cp); /* a quantifier with nothing before it */
			break;
		} else if (c == '.') {
			set_all(&item.first);
		} else if (c == '^' && !cp->multiline) {
			/* zero width, and fails anywhere but at the start */
			item.ways_r = 0.0;
			zero = 1;
		} else if (c == '^' || c == '$') {
			/* zero width: item.first stays "every byte" */
			zero = 1;
		} else {
			memset(&item.first, 0, sizeof(item.first));
			set_add(&item.first, (unsigned char)c);
			if (cp->caseless)
				set_fold(&item.first);
		}
		item_set = item.first;
		if (single && !quoted) {
			/* One character, or a zero-width one (^ $ \b); \Q...\E
			 * is neither and keeps no signature. */
			item.siglen = zero ? 0u : 1u;
			item.sig[0] = item.first;
			item.fixed = 1;
			item.plain = !zero;
		}
		quantified = read_quantifier(cp, &min, &max, &possessive);
		if (quantified) {
			cp->atoms += 1.0;
			item = repeat(cp, item, single, min, max, possessive);
		}
		if (cp->p < cp->end && (*cp->p == '*' || *cp->p == '+' || *cp->p == '?')) {
			refuse(cp); /* a quantified quantifier */
			break;
		}
		/* One character that must be there, and is never in every set. */
		mandatory = single && (!quantified || min > 0);
		if (have_pending && pend_repeat && mandatory &&
		    set_disjoint(&pend_set, &item_set)) {
			pending.work += pending.ways;
			pending.work_r += pending.ways_r;
			pending.ways = pending.ways_r = pending.ways_r > 0.0 ? 1.0 : 0.0;
			if (pending.ways < 1.0)
				pending.ways = 1.0;
		}
		if (have_pending) {
			total = started ? cost_seq(total, pending) : pending;
			started = 1;
		}
		pending = item;
		have_pending = 1;
		pend_repeat = single && quantified && !possessive;
		pend_set = item_set;
	}
	if (have_pending)
		total = started ? cost_seq(total, pending) : pending;
	return total;
}

/* Whether two branches can both match at one position: no byte of their
 * signatures rules it out. */
static int compatible(const cost *a, const cost *b)
{
	unsigned k, n = a->siglen < b->siglen ? a->siglen : b->siglen;

	for (k = 0; k < n; k++)
		if (set_disjoint(&a->sig[k], &b->sig[k]))
			return 0;
	return 1;
}

/*
 * The branches that can start with one byte, and of those, the ones that
 * can match at the same position: all of them agree with the subject's
 * bytes, so they are compatible with each other, hence all compatible with
 * one of them, `i`; a plain branch that is not fails within its signature.
 * `mask` (n <= 64) is the branches that can start with the byte.
 */
static void sum_branches(const cost *b, size_t n, uint64_t mask, const uint64_t *compat,
			 double out[4])
{
	double ways, work, ways_r, work_r, failing = 0.0;
	size_t i, j;
	int any_plain = 0;

	memset(out, 0, 4 * sizeof(double));
	for (j = 0; j < n; j++)
		if ((mask >> j) & 1 && b[j].plain) {
			failing += (double)b[j].siglen + 1.0;
			any_plain = 1;
		}
	for (i = 0; i < n || (!any_plain && i == n); i++) {
		if (i < n && !((mask >> i) & 1 && b[i].plain))
			continue;
		ways = work = ways_r = work_r = 0.0;
		for (j = 0; j < n; j++) {
			if (!((mask >> j) & 1))
				continue;
			if (b[j].plain && (i == n || !((compat[i] >> j) & 1)))
				continue;
			ways += b[j].ways;
			work += b[j].work;
			ways_r += b[j].ways_r;
			work_r += b[j].work_r;
		}
		out[0] = ways > out[0] ? ways : out[0];
		out[1] = work > out[1] ? work : out[1];
		out[2] = ways_r > out[2] ? ways_r : out[2];
		out[3] = work_r > out[3] ? work_r : out[3];
		if (i == n)
			break;
	}
	out[1] += failing;
	out[3] += failing;
}

/* Of the branches, those that can start with one byte: the worst byte's
 * sum, plus for every branch what failing on its first byte can cost. */
static cost combine_branches(const cost *b, size_t n)
{
	cost c;
	double best[4] = {0.0, 0.0, 0.0, 0.0}, sum[4];
	uint64_t compat[64], masks[256];
	size_t i, j, nmasks = 0;
	unsigned u, k, common;

	memset(&c, 0, sizeof(c));
	for (i = 0; i < n; i++)
		set_union(&c.first, &b[i].first);
	if (n <= 64) {
		for (i = 0; i < n; i++) {
			compat[i] = 0;
			for (j = 0; j < n; j++)
				if (compatible(&b[i], &b[j]))
					compat[i] |= (uint64_t)1 << j;
		}
		for (u = 0; u < 256; u++) {
			uint64_t m = 0;

			for (i = 0; i < n; i++)
				if (set_has(&b[i].first, u))
					m |= (uint64_t)1 << i;
			for (j = 0; j < nmasks && masks[j] != m; j++)
				;
			if (j == nmasks)
				masks[nmasks++] = m;
		}
		for (j = 0; j < nmasks; j++) {
			sum_branches(b, n, masks[j], compat, sum);
			for (k = 0; k < 4; k++)
				best[k] = sum[k] > best[k] ? sum[k] : best[k];
		}
	} else {
		for (u = 0; u < 256; u++) {
			memset(sum, 0, sizeof(sum));
			for (i = 0; i < n; i++)
				if (set_has(&b[i].first, u)) {
					sum[0] += b[i].ways;
					sum[1] += b[i].work;
					sum[2] += b[i].ways_r;
					sum[3] += b[i].work_r;
				}
			for (k = 0; k < 4; k++)
				best[k] = sum[k] > best[k] ? sum[k] : best[k];
		}
	}
	c.ways = best[0] < 1.0 ? 1.0 : best[0];
	c.work = best[1];
	c.ways_r = best[2];
	c.work_r = best[3];
	c.fail = 0.0;
	for (i = 0; i < n; i++) {
		c.work += b[i].fail + 1.0;
		c.work_r += b[i].fail + 1.0;
		c.fail += b[i].fail + 1.0;
	}
	/* As an item of a sequence: the bytes every branch agrees on. */
	common = COST_SIG;
	c.fixed = 1;
	for (i = 0; i < n; i++) {
		common = b[i].siglen < common ? b[i].siglen : common;
		c.fixed = c.fixed && b[i].fixed && b[i].siglen == b[0].siglen;
	}
	c.siglen = common;
	for (k = 0; k < common; k++)
		for (i = 0; i < n; i++)
			set_union(&c.sig[k], &b[i].sig[k]);
	c.plain = 0;
	return c;
}

static cost parse_alt(cost_parser *cp)
{
	cost *branches = NULL, *grown, c;
	size_t n = 0, alloc = 0;

	c = parse_seq(cp);
	while (!cp->refused && cp->p < cp->end && *cp->p == '|') {
		cp->p++;
		cp->atoms += 1.0;
		if (n + 2 > alloc) {
			alloc = alloc ? alloc * 2 : 16;
			if (alloc > COST_MAX_BRANCHES ||
			    !(grown = realloc(branches, alloc * sizeof(*branches)))) {
				free(branches);
				return refuse(cp);
			}
			branches = grown;
		}
		if (n == 0)
			branches[n++] = c;
		branches[n++] = parse_seq(cp);
	}
	if (n)
		c = combine_branches(branches, n);
	free(branches);
	return c;
}

/* Whether an option setting anywhere turns on multiline mode (then ^ is
 * not taken to fail after the start). Errs towards yes. */
static int has_multiline(const char *p, size_t n)
{
	size_t i, j;

	/* Option letters run from "(?" to the first character that is not
	 * one: "(?=.*\.yml$)" is a lookahead, not an option setting. */
	for (i = 0; i + 1 < n; i++)
		if (p[i] == '(' && p[i + 1] == '?')
			for (j = i + 2;
			     j < n && ((p[j] >= 'a' && p[j] <= 'z') ||
				       (p[j] >= 'A' && p[j] <= 'Z') || p[j] == '-' || p[j] == '^');
			     j++)
				if (p[j] == 'm')
					return 1;
	for (i = 0; i + 1 < n; i++)
		if (p[i] == '(' && p[i + 1] == '*')
			return 1; /* (*CR) and friends: refused anyway */
	return 0;
}

/* The bound at one subject length; < 0 when refused. */
static double bound_at(const char *pattern, size_t plen, int anchored, double len)
{
	cost_parser cp;
	cost c;

	memset(&cp, 0, sizeof(cp));
	cp.p = pattern;
	cp.end = pattern + plen;
	cp.len = len;
	cp.multiline = has_multiline(pattern, plen);
	c = parse_alt(&cp);
	if (cp.refused || cp.p != cp.end || cp.atoms > GATE_REGEX_COST_MAX_ATOMS ||
	    (cp.deep && len > GATE_REGEX_COST_MAX_DEEP))
		return -1.0;
	/* One try at the start, and unless PCRE2 anchors the pattern, one at
	 * every later position. */
	return c.work + 1.0 + (anchored ? 0.0 : len * (c.work_r + 1.0));
}

size_t gate_regex__safe_length(const char *pattern, int anchored, double budget)
{
	size_t plen = strlen(pattern), lo = 0, hi = GATE_REGEX_COST_MAX_LENGTH, mid;
	double b;

	b = bound_at(pattern, plen, anchored, 0.0);
	if (b < 0 || b > budget)
		return 0;
	b = bound_at(pattern, plen, anchored, (double)hi);
	if (b >= 0 && b <= budget)
		return hi;
	/* The bound grows with the length: the longest length within budget. */
	while (lo + 1 < hi) {
		mid = lo + (hi - lo) / 2;
		b = bound_at(pattern, plen, anchored, (double)mid);
		if (b >= 0 && b <= budget)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}
