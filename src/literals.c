/*
 * Required literals of a PCRE2 pattern (see literals.h).
 *
 * The pattern is read as a sequence of branches, each a sequence of atoms
 * with their quantifiers. In a branch, consecutive literal characters that
 * each occur at least once form a run: every match of the branch contains
 * the run. A group whose every branch has a required set contributes that
 * set (one of its members is in the match). The longest such run or set
 * stands for the branch, and the pattern's set is the union of its
 * branches' sets. Anything the reader does not understand gives up the
 * whole pattern (no set: every text is matched), so what it returns never
 * rules out a text the pattern matches:
 * - a quantifier that allows zero repeats drops the atom it applies to;
 * - zero-width items (anchors, \b, lookarounds, comments) end a run;
 * - a set is compared without case as soon as any part of the pattern
 *   sets (?i): a superset of what is compared with case.
 * The literals are in the text the pattern is matched against, not always
 * in the match: a positive lookaround's set counts too, since what it
 * asserts is part of the subject.
 */
#include "riskgate/banned.h"

#include "riskgate/literals.h"

#include "riskgate/buf.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Deepest nesting of groups the reader follows. */
#define MAX_DEPTH 64

typedef struct {
	char **v;
	size_t n, alloc;
} litset;

struct gate_literals {
	litset set;
	int caseless;
	/* one[c]: a literal is the single byte c. two: a bit per pair of
	 * bytes that some longer literal starts with (both cases of each
	 * letter when caseless). */
	unsigned char one[256];
	unsigned char two[65536 / 8];
};

typedef struct {
	const char *p;
	size_t i, len;
	int caseless;
	gate_error *err;
} reader;

/* What an atom is, for the run it follows. */
enum { ATOM_LITERAL, ATOM_OTHER, ATOM_ZERO, ATOM_GROUP };

/* parse results */
#define GIVE_UP (-2)
#define NOMEM   (-1)

static void set_clear(litset *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static int set_add(litset *s, const char *text, size_t len, gate_error *err)
{
	char *copy;

	if (gate_array_reserve((void **)&s->v, &s->alloc, s->n + 1, sizeof(*s->v), err) < 0 ||
	    !(copy = gate_malloc(len + 1, err)))
		return NOMEM;
	memcpy(copy, text, len);
	copy[len] = '\0';
	s->v[s->n++] = copy;
	return 0;
}

/* Moves every member of `from` into `to`. */
static int set_move(litset *to, litset *from, gate_error *err)
{
	size_t i;

	if (gate_array_reserve((void **)&to->v, &to->alloc, to->n + from->n, sizeof(*to->v), err) <
	    0)
		return NOMEM;
	for (i = 0; i < from->n; i++)
		to->v[to->n++] = from->v[i];
	free(from->v);
	memset(from, 0, sizeof(*from));
	return 0;
}

/* How selective a set is: its shortest member's length (0 when empty). */
static size_t score(const litset *s)
{
	size_t i, min = 0;

	for (i = 0; i < s->n; i++) {
		size_t l = strlen(s->v[i]);

		if (i == 0 || l < min)
			min = l;
	}
	return min;
}

/* Case as PCRE2's default tables fold it (ASCII letters only), whatever
 * the locale. */
static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

static int at(const reader *r, size_t i)
{
	return i < r->len ? (unsigned char)r->p[i] : -1;
}

/* Whether "{" at `i` opens a quantifier: "{n}", "{n,}", "{n,m}", "{,m}",
 * with spaces in newer PCRE2; anything else is a literal brace. Read as a
 * quantifier whenever it could be one, so that it can only drop a literal. */
static int brace_quantifier(const reader *r, size_t i)
{
	size_t j;
	int digit = 0;

	if (at(r, i) != '{')
		return 0;
	for (j = i + 1; at(r, j) >= 0 && strchr("0123456789, ", at(r, j)); j++)
		digit |= isdigit(at(r, j)) != 0;
	return at(r, j) == '}' && digit;
}

/* Whether a quantifier starts at `i`. */
static int quantifier_at(const reader *r, size_t i)
{
	int c = at(r, i);

	return c == '*' || c == '+' || c == '?' || brace_quantifier(r, i);
}

/*
 * Reads a quantifier at r->i, if any, with its lazy or possessive suffix.
 * Sets *min to the least number of repeats it allows (1 without one).
 */
static int quantifier(reader *r, unsigned long *min)
{
	size_t j;
	int c = at(r, r->i);

	*min = 1;
	if (c == '?' || c == '*') {
		*min = 0;
		r->i++;
	} else if (c == '+') {
		r->i++;
	} else if (brace_quantifier(r, r->i)) {
		for (j = r->i + 1; at(r, j) == ' '; j++)
			;
		*min = isdigit(at(r, j)) ? strtoul(r->p + j, NULL, 10) : 0;
		while (at(r, r->i) != '}')
			r->i++;
		r->i++;
	} else
		return 0;
	c = at(r, r->i);
	if (c == '+' || c == '?')
		r->i++;
	if (quantifier_at(r, r->i))
		return GIVE_UP; /* a quantifier of a quantifier */
	return 0;
}

/* Skips a character class opened at r->i. */
static int skip_class(reader *r)
{
	int c;

	r->i++;
	if (at(r, r->i) == '^')
		r->i++;
	if (at(r, r->i) == ']')
		r->i++;
	while ((c = at(r, r->i)) >= 0 && c != ']') {
		if (c == '\\') {
			/* \c takes the next byte too (\c] is not the end). */
			if (at(r, r->i + 1) == 'Q' || at(r, r->i + 1) == 'E' ||
			    at(r, r->i + 1) == 'c' || at(r, r->i + 1) < 0)
				return GIVE_UP;
			r->i += 2;
			continue;
		}
		if (c == '[' &&
		    (at(r, r->i + 1) == ':' || at(r, r->i + 1) == '.' || at(r, r->i + 1) == '=')) {
			int term = at(r, r->i + 1);
			size_t j = r->i + 2;

			if (at(r, j) == '^')
				j++;
			while (at(r, j) >= 0 && isalpha(at(r, j)))
				j++;
			if (at(r, j) != term || at(r, j + 1) != ']')
				return GIVE_UP;
			r->i = j + 2;
			continue;
		}
		r->i++;
	}
	if (c < 0)
		return GIVE_UP;
	r->i++;
	return 0;
}

static int alternation(reader *r, litset *out, int depth);

/* Skips a group name up to and past `close`. */
static int skip_name(reader *r, int close)
{
	while (at(r, r->i) >= 0 && at(r, r->i) != close) {
		if (!isalnum(at(r, r->i)) && at(r, r->i) != '_')
			return GIVE_UP;
		r->i++;
	}
	if (at(r, r->i) != close)
		return GIVE_UP;
	r->i++;
	return 0;
}

/*
 * Reads a group opened at r->i. *kind is ATOM_ZERO for what matches no
 * text (lookarounds, comments, option settings), else ATOM_GROUP with
 * *set the group's required set (empty when it has none).
 */
static int group(reader *r, int *kind, litset *set, int depth)
{
	int c = at(r, r->i + 1), rc, lookaround = 0;
	litset discard = {0};

	*kind = ATOM_GROUP;
	if (depth >= MAX_DEPTH || c == '*')
		return GIVE_UP;
	if (c != '?') {
		r->i++;
	} else {
		c = at(r, r->i + 2);
		if (c == ':' || c == '>' || c == '|') {
			r->i += 3;
		} else if (c == '=' || (c == '<' && at(r, r->i + 3) == '=')) {
			/* A positive lookaround matches no text, but what it
			 * asserts is in the subject: its set stands. */
			r->i += c == '=' ? 3 : 4;
		} else if (c == '!' || (c == '<' && at(r, r->i + 3) == '!')) {
			r->i += c == '!' ? 3 : 4;
			lookaround = 1;
		} else if (c == '<' || c == '\'' || (c == 'P' && at(r, r->i + 3) == '<')) {
			r->i += c == 'P' ? 4 : 3;
			if (skip_name(r, c == '\'' ? '\'' : '>') < 0)
				return GIVE_UP;
		} else if (c == '#') {
			while (at(r, r->i) >= 0 && at(r, r->i) != ')')
				r->i++;
			if (at(r, r->i) != ')')
				return GIVE_UP;
			r->i++;
			*kind = ATOM_ZERO;
			/* A quantifier after a comment repeats what was before
			 * it, as after an option setting. */
			return quantifier_at(r, r->i) ? GIVE_UP : 0;
		} else {
			/* Option settings: (?imnsJU-...) or (?i:...). */
			size_t j = r->i + 2;

			while ((c = at(r, j)) >= 0 && c && strchr("imnsxJUraDSWPT-^", c)) {
				if (c == 'x')
					return GIVE_UP; /* white space and comments */
				if (c == 'i')
					r->caseless = 1;
				j++;
			}
			if (j == r->i + 2 || (c != ')' && c != ':'))
				return GIVE_UP; /* calls, conditionals, callouts, ... */
			r->i = j + 1;
			if (c == ')') {
				*kind = ATOM_ZERO;
				return quantifier_at(r, r->i) ? GIVE_UP : 0;
			}
		}
	}
	rc = alternation(r, lookaround ? &discard : set, depth + 1);
	set_clear(&discard);
	if (rc < 0)
		return rc;
	if (at(r, r->i) != ')')
		return GIVE_UP;
	r->i++;
	if (lookaround)
		*kind = ATOM_ZERO;
	return 0;
}

/* Reads an escape at r->i; *ch is the character of a literal one. */
static int escape(reader *r, int *kind, int *ch)
{
	int e = at(r, r->i + 1);

	if (e < 0)
		return GIVE_UP;
	r->i += 2;
	if (e == '\n' || e == '\r') {
		/* An escaped line end: never literal, as unescaped ones. */
		*kind = ATOM_OTHER;
		return 0;
	}
	if (e >= 0x80 || !isalnum(e)) {
		*kind = ATOM_LITERAL;
		*ch = e;
		return 0;
	}
	if (strchr("bBAzZG", e)) {
		*kind = ATOM_ZERO;
		return 0;
	}
	if (e == 'N' && at(r, r->i) == '{')
		return GIVE_UP;
	if (strchr("dDwWsShHvVRXCNnrtfea", e)) {
		*kind = ATOM_OTHER;
		return 0;
	}
	return GIVE_UP; /* \p, \x, \o, \c, \g, \k, \K, \Q, back references, ... */
}

/* Keeps the run as the branch's set when it beats the set so far. */
static int close_run(gate_buf *run, litset *best, gate_error *err)
{
	litset one = {0};

	if (run->size == 0 || run->size <= score(best))
		goto done;
	if (set_add(&one, run->ptr, run->size, err) < 0)
		return NOMEM;
	set_clear(best);
	*best = one;
done:
	gate_buf_clear(run);
	return 0;
}

/* Reads one branch up to '|', ')' or the end; *best is its required set
 * (empty when it has none). */
static int branch(reader *r, litset *best, int depth)
{
	gate_buf run = GATE_BUF_INIT(1u << 16);
	int rc = 0, c;

	while (rc == 0 && (c = at(r, r->i)) >= 0 && c != '|' && c != ')') {
		int kind = ATOM_OTHER, ch = 0;
		unsigned long min;
		litset set = {0};
		size_t before = r->i;

		if (c == '\\')
			rc = escape(r, &kind, &ch);
		else if (c == '[')
			rc = skip_class(r);
		else if (c == '(')
			rc = group(r, &kind, &set, depth);
		else if (c == '^' || c == '$') {
			kind = ATOM_ZERO;
			r->i++;
		} else if (c == '.') {
			r->i++;
		} else if (quantifier_at(r, r->i)) {
			rc = GIVE_UP; /* a quantifier with nothing to repeat */
		} else {
			r->i++;
			/* Line ends never occur within a line. */
			kind = c == '\n' || c == '\r' ? ATOM_OTHER : ATOM_LITERAL;
			ch = c;
		}
		if (rc == 0)
			rc = quantifier(r, &min);
		if (rc == 0) {
			if (kind == ATOM_LITERAL && min >= 1) {
				char b = (char)ch;

				rc = gate_buf_put(&run, &b, 1, r->err) < 0 ? NOMEM : 0;
				if (rc == 0 && r->i != before + 1 + (c == '\\'))
					rc = close_run(&run, best, r->err); /* repeated */
			} else {
				rc = close_run(&run, best, r->err);
				if (rc == 0 && kind == ATOM_GROUP && min >= 1 && set.n &&
				    score(&set) > score(best)) {
					set_clear(best);
					*best = set;
					memset(&set, 0, sizeof(set));
				}
			}
		}
		set_clear(&set);
	}
	if (rc == 0)
		rc = close_run(&run, best, r->err);
	gate_buf_dispose(&run);
	return rc;
}

/* Reads branches separated by '|' up to ')' or the end; *out is the union
 * of their sets, empty when one of them has none. */
static int alternation(reader *r, litset *out, int depth)
{
	int none = 0, rc;

	for (;;) {
		litset b = {0};

		rc = branch(r, &b, depth);
		if (rc == 0 && b.n == 0)
			none = 1;
		if (rc == 0 && !none)
			rc = set_move(out, &b, r->err);
		set_clear(&b);
		if (rc < 0) {
			set_clear(out);
			return rc;
		}
		if (at(r, r->i) != '|')
			break;
		r->i++;
	}
	if (none)
		set_clear(out);
	return 0;
}

/* Drops every literal that holds another (or repeats an earlier one): a
 * text with it has the other too. Decided on the whole set before any is
 * dropped; what holds a dropped literal holds what that one holds, so a
 * kept literal stands for every dropped one. */
static int minimise(litset *s, gate_error *err)
{
	unsigned char *drop = s->n ? gate_calloc(s->n, 1, err) : NULL;
	size_t i, j, n = 0;

	if (s->n && !drop)
		return NOMEM;
	for (i = 0; i < s->n; i++)
		for (j = 0; j < s->n && !drop[i]; j++)
			if (j != i && strstr(s->v[i], s->v[j]) &&
			    (strlen(s->v[i]) > strlen(s->v[j]) || j < i))
				drop[i] = 1;
	for (i = 0; i < s->n; i++) {
		if (drop[i])
			free(s->v[i]);
		else
			s->v[n++] = s->v[i];
	}
	s->n = n;
	free(drop);
	return 0;
}

int gate_literals_of(gate_literals **out, const char *pattern, gate_error *err)
{
	reader r = {pattern, 0, strlen(pattern), 0, err};
	litset set = {0};
	gate_literals *lits;
	size_t i, k;
	int rc;

	*out = NULL;
	rc = alternation(&r, &set, 0);
	if (rc == NOMEM)
		return -1;
	/* The scan searches raw lines, whose ends are "\n" or "\r\n": a
	 * literal must never hold one (the reader makes none; this keeps it). */
	for (i = 0; rc == 0 && i < set.n; i++)
		if (strpbrk(set.v[i], "\r\n"))
			rc = GIVE_UP;
	if (rc < 0 || r.i != r.len || set.n == 0) {
		set_clear(&set);
		return 0;
	}
	if (!(lits = gate_calloc(1, sizeof(*lits), err))) {
		set_clear(&set);
		return -1;
	}
	lits->caseless = r.caseless;
	for (i = 0; i < set.n; i++)
		for (k = 0; r.caseless && set.v[i][k]; k++)
			set.v[i][k] = (char)lower((unsigned char)set.v[i][k]);
	if (minimise(&set, err) < 0) {
		set_clear(&set);
		free(lits);
		return -1;
	}
	lits->set = set;
	for (i = 0; i < set.n; i++) {
		unsigned char *v = (unsigned char *)set.v[i];
		int a, b;

		if (!v[1]) {
			lits->one[v[0]] = 1;
			if (r.caseless)
				lits->one[upper(v[0])] = 1;
			continue;
		}
		for (a = 0; a < (r.caseless ? 2 : 1); a++)
			for (b = 0; b < (r.caseless ? 2 : 1); b++) {
				unsigned pair = (unsigned)(a ? upper(v[0]) : v[0]) << 8 |
						(unsigned)(b ? upper(v[1]) : v[1]);

				lits->two[pair >> 3] |= (unsigned char)(1u << (pair & 7));
			}
	}
	*out = lits;
	return 0;
}

void gate_literals_free(gate_literals *lits)
{
	if (!lits)
		return;
	set_clear(&lits->set);
	free(lits);
}

/* Whether the `n` bytes of literal `lit` (lower case when `caseless`) are
 * at `s`, with `avail` bytes there: the one comparison of a literal with a
 * text, for a set and for a group. */
static int literal_at(const char *lit, size_t n, int caseless, const unsigned char *s, size_t avail)
{
	size_t k;

	if (n > avail)
		return 0;
	if (!caseless)
		return memcmp(s, lit, n) == 0;
	for (k = 0; k < n && lower(s[k]) == (unsigned char)lit[k]; k++)
		;
	return k == n;
}

/* Whether literal `lit` of `lits` (at least two bytes) is at `s` with
 * `avail` bytes there. */
static int at_literal(const gate_literals *lits, const char *lit, const unsigned char *s,
		      size_t avail)
{
	return literal_at(lit, strlen(lit), lits->caseless, s, avail);
}

size_t gate_literals_find(const gate_literals *lits, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i, k;

	/* One pass: a byte that is a literal, or a pair of bytes that starts
	 * one and is then compared with each. */
	for (i = 0; i < len; i++) {
		unsigned pair;

		if (lits->one[s[i]])
			return i;
		if (i + 1 == len)
			break;
		pair = (unsigned)s[i] << 8 | s[i + 1];
		if (!(lits->two[pair >> 3] & (1u << (pair & 7))))
			continue;
		for (k = 0; k < lits->set.n; k++)
			if (lits->set.v[k][1] && at_literal(lits, lits->set.v[k], s + i, len - i))
				return i;
	}
	return len;
}

int gate_literals_in(const gate_literals *lits, const char *text, size_t len)
{
	return gate_literals_find(lits, text, len) < len;
}

/* A literal of two bytes or more of a group's set: its text (lower case
 * when compared without case), length and set. */
typedef struct {
	const char *text;
	size_t len;
	unsigned long long bit;
	int caseless;
} group_lit;

/* The buckets a group's literals are sorted into by their first two
 * bytes (either case: see pair_bucket). */
#define GROUP_BUCKETS 4096

/* The sets' literals are borrowed (`text`): the sets outlive the group. */
struct gate_literals_group {
	/* one[c]: the sets with the single byte c as a literal; two: the
	 * union of the sets' pairs (the first two bytes of a longer literal,
	 * in both cases when caseless). */
	unsigned long long one[256];
	unsigned char two[65536 / 8];
	/* The literals of two bytes or more, by bucket: those of bucket b are
	 * lits[bucket[b] .. bucket[b + 1]). */
	uint32_t bucket[GROUP_BUCKETS + 1];
	group_lit *lits;
};

/* The bucket of a literal starting with bytes a and b, whatever their
 * case: a text's pair and the literals that may start with it share one. */
static unsigned pair_bucket(unsigned char a, unsigned char b)
{
	return ((unsigned)lower(a) << 4 ^ (unsigned)lower(b)) & (GROUP_BUCKETS - 1);
}

int gate_literals_group_new(gate_literals_group **out, const gate_literals *const *sets, size_t n,
			    gate_error *err)
{
	gate_literals_group *g;
	size_t i, k, b, m = 0;

	*out = NULL;
	if (n > GATE_LITERALS_GROUP_MAX)
		return gate_error_set(err, GATE_ERR_INTERNAL,
				      "more than %d literal sets in a group",
				      GATE_LITERALS_GROUP_MAX);
	for (i = 0; i < n; i++)
		for (k = 0; sets[i] && k < sets[i]->set.n; k++)
			m += sets[i]->set.v[k][1] != '\0';
	if (m > UINT32_MAX)
		return gate_error_set(err, GATE_ERR_INTERNAL, "too many literals in a group");
	if (!(g = gate_calloc(1, sizeof(*g), err)))
		return -1;
	if (!(g->lits = gate_calloc(m ? m : 1, sizeof(*g->lits), err))) {
		free(g);
		return -1;
	}
	/* Counted into their buckets, then placed (a counting sort). */
	for (i = 0; i < n; i++)
		for (k = 0; sets[i] && k < sets[i]->set.n; k++) {
			const unsigned char *v = (const unsigned char *)sets[i]->set.v[k];

			if (v[1])
				g->bucket[pair_bucket(v[0], v[1]) + 1]++;
		}
	for (b = 0; b < GROUP_BUCKETS; b++)
		g->bucket[b + 1] += g->bucket[b];
	for (i = 0; i < n; i++) {
		const gate_literals *l = sets[i];
		unsigned long long bit = 1ull << i;

		if (!l)
			continue;
		for (b = 0; b < 256; b++)
			if (l->one[b])
				g->one[b] |= bit;
		for (b = 0; b < sizeof(g->two); b++)
			g->two[b] |= l->two[b];
		for (k = 0; k < l->set.n; k++) {
			const unsigned char *v = (const unsigned char *)l->set.v[k];
			group_lit *gl;

			if (!v[1])
				continue;
			/* bucket[b] is where the next one of bucket b goes,
			 * until all are placed: then it is bucket b + 1's
			 * start, and the starts are moved back below. */
			gl = &g->lits[g->bucket[pair_bucket(v[0], v[1])]++];
			gl->text = (const char *)v;
			gl->len = strlen((const char *)v);
			gl->bit = bit;
			gl->caseless = l->caseless;
		}
	}
	for (b = GROUP_BUCKETS; b > 0; b--)
		g->bucket[b] = g->bucket[b - 1];
	g->bucket[0] = 0;
	*out = g;
	return 0;
}

void gate_literals_group_free(gate_literals_group *group)
{
	if (!group)
		return;
	free(group->lits);
	free(group);
}

unsigned long long gate_literals_group_find(const gate_literals_group *g, const char *text,
					    size_t len, unsigned long long want, size_t *at)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i, k, end;

	for (i = 0; i < len; i++) {
		unsigned long long found = g->one[s[i]] & want;
		unsigned pair;

		/* A pair that starts some literal: the literals of its bucket
		 * whose sets are wanted and not found yet are compared. */
		if (i + 1 < len) {
			pair = (unsigned)s[i] << 8 | s[i + 1];
			if (g->two[pair >> 3] & (1u << (pair & 7))) {
				k = g->bucket[pair_bucket(s[i], s[i + 1])];
				end = g->bucket[pair_bucket(s[i], s[i + 1]) + 1];
				for (; k < end; k++)
					if ((g->lits[k].bit & want & ~found) &&
					    literal_at(g->lits[k].text, g->lits[k].len,
						       g->lits[k].caseless, s + i, len - i))
						found |= g->lits[k].bit;
			}
		}
		if (found) {
			*at = i;
			return found;
		}
	}
	*at = len;
	return 0;
}

size_t gate_literals_count(const gate_literals *lits)
{
	return lits ? lits->set.n : 0;
}

const char *gate_literals_at(const gate_literals *lits, size_t i)
{
	return lits && i < lits->set.n ? lits->set.v[i] : NULL;
}

int gate_literals_caseless(const gate_literals *lits)
{
	return lits ? lits->caseless : 0;
}
