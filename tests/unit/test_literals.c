/*
 * The content rules' literal prefilter (src/literals.c) must never rule out
 * a text its pattern matches. Checked three ways: the reader on syntax that
 * changes what is literal (classes, quantifiers, groups, options, escapes);
 * random patterns generated together with texts they match, PCRE2 deciding
 * which do; and every rule of the built-in and shipped policies over the
 * lines of this tree, both alone and through gate_rule_scan, whose findings
 * must be those of the scan without the prefilter.
 */
#include "riskgate/banned.h"

#include <ftw.h>
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/literals.h"
#include "riskgate/content.h"
#include "riskgate/policy.h"
#include "riskgate/regex.h"
#include "riskgate/rules.h"
#include "unit.h"

static uint64_t rng_state = 0x2545f4914f6cdd1dull;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return n ? (uint32_t)(rng_state % n) : 0;
}

/* SMALL=1 (the sanitizer run of `make test`): a fifth of the work; under
 * memcheck (VG_LOG_DIR set by tests/valgrind.sh), a fiftieth. */
static int small_run(void)
{
	return getenv("SMALL") != NULL || getenv("VG_LOG_DIR") != NULL;
}

static int memcheck_run(void)
{
	return getenv("VG_LOG_DIR") != NULL;
}

/* The set as "[a] [b]" in order, "none" without one, "ci " before a set
 * compared without case. */
static void describe(char *out, size_t cap, const char *pattern)
{
	gate_literals *l = NULL;
	gate_error err;
	size_t i, len = 0;

	gate_error_init(&err);
	out[0] = '\0';
	if (gate_literals_of(&l, pattern, &err) < 0) {
		snprintf(out, cap, "error");
		return;
	}
	if (!l) {
		snprintf(out, cap, "none");
		return;
	}
	if (gate_literals_caseless(l))
		len += (size_t)snprintf(out + len, cap - len, "ci ");
	for (i = 0; i < gate_literals_count(l) && len < cap; i++)
		len += (size_t)snprintf(out + len, cap - len, "%s[%s]", i ? " " : "",
					gate_literals_at(l, i));
	gate_literals_free(l);
}

static void test_reader(void)
{
	static const char *const cases[][2] = {
	    {"abc", "[abc]"},
	    {"ab?c", "[a]"},         /* b optional: "ac" matches */
	    {"ab*cd", "[cd]"},       /* the longest run after the drop */
	    {"ab+cd", "[ab]"},       /* b at least once: "ab" then "cd" */
	    {"xab{0}cd", "[xa]"},    /* {0}: b never */
	    {"ab{0,2}cde", "[cde]"}, /* {0,2}: b optional */
	    {"ab{,2}cde", "[cde]"},  /* {,m} read as a quantifier */
	    {"ab{ 1 }cde", "[cde]"}, /* a spaced quantifier drops b */
	    {"ab{2}c", "[ab]"},      /* b required, run ends */
	    {"a{x}bc", "[a{x}bc]"},  /* not a quantifier: literal braces */
	    {"foo|barbaz", "[foo] [barbaz]"},
	    {"foo|\\s*", "none"}, /* a branch with no literal */
	    {"(?:foo|bar)+x", "[foo] [bar]"},
	    {"(?:foo|bar)?xy", "[xy]"}, /* an optional group is not required */
	    {"(?:foo|bar)*", "none"},
	    {"(foo|bar)", "[foo] [bar]"},
	    {"(?<name>abc)d", "[abc]"},
	    {"(?'n'abc)", "[abc]"},
	    {"(?P<n>abc)", "[abc]"},
	    {"(?>abc)", "[abc]"},
	    {"(?|abc|de)", "[abc] [de]"},
	    {"(?=abc)de", "[abc]"}, /* what a lookahead asserts is in the text */
	    {"(?<!ab)cd", "[cd]"},
	    {"(?<=ab)cd", "[ab]"},
	    {"x(?=abc)", "[abc]"},
	    {"(?=abc)?xy", "[xy]"}, /* an optional assertion asserts nothing */
	    {"(?!abc)xy", "[xy]"},
	    {"x(?!abc)", "[x]"},
	    {"ab(?#comment)cd", "[ab]"},
	    {"\\bverify\\s*=\\s*False\\b", "[verify]"},
	    {"\\.fetchall\\(\\)", "[.fetchall()]"},
	    {"a\\*b", "[a*b]"},
	    {"[abc]xyz", "[xyz]"},
	    {"[]ab]cd", "[cd]"}, /* ']' first in a class is literal */
	    {"[^]ab]cd", "[cd]"},
	    {"[a\\]b]cd", "[cd]"},
	    {"[[:alpha:]x]yz", "[yz]"},
	    {"[[:alpha]x]yz", "none"}, /* not a POSIX class: given up */
	    {"(?i)abc", "ci [abc]"},
	    {"(?i:ABC)|def", "ci [abc] [def]"},
	    {"a(?-i)bc", "ci [bc]"}, /* any 'i': compared without case */
	    {"(?x)abc", "none"},     /* white space and comments */
	    {"(?i-x:abc)", "none"},
	    {"a\\Qb.c\\Ed", "none"},
	    {"ab\\p{L}cd", "none"},
	    {"ab\\x41cd", "none"},
	    {"(a)\\1", "none"},
	    {"(*UTF)abc", "none"},
	    {"(?R)?abc", "none"},
	    {"(?(1)a|b)", "none"},
	    {"(?C1)abc", "none"},
	    {"a\\Kbc", "none"},
	    {"[\\c]]abc", "none"}, /* \\c] in a class: ] is its argument */
	    {"[A-Za-z\\c]]SECRET_KEY\\s*=", "none"},
	    {"[\\c\\]|]api_token", "none"}, /* \\c\\: the class ends at the next ] */
	    {"ab\\\ncd", "[ab]"},           /* an escaped line end is no literal */
	    {"ab\\\rcd", "[ab]"},
	    {"ab\\nc", "[ab]"}, /* a line end ends a run */
	    {"ab\ncd", "[ab]"},
	    {"^abc$", "[abc]"},
	    {"a.c", "[a]"},
	    {"ab\\d+cd", "[ab]"},
	    {"\\Aabc\\z", "[abc]"},
	    {"a++bc", "[bc]"}, /* a repeated: its run ends there */
	    {"ab?+c", "[a]"},
	    {"ab*?c", "[a]"},
	    {"a**", "none"},
	    {"*a", "none"},
	    {"abc)", "none"},
	    {"(abc", "none"},
	    {"a{2}{3}", "none"},
	    {"\xc3\xa9t\xc3\xa9", "[\xc3\xa9t\xc3\xa9]"},
	    {"# {} ]", "[# {} ]]"},
	};
	char got[512];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		describe(got, sizeof(got), cases[i][0]);
		if (strcmp(got, cases[i][1]) != 0) {
			fprintf(stderr, "pattern /%s/: got %s, want %s\n", cases[i][0], got,
				cases[i][1]);
			CHECK(0);
		}
	}
}

/* ---- Random patterns with texts they match --------------------------------- */

typedef struct {
	char pat[512];
	char text[1024];
	size_t plen, tlen;
} sample;

static void put(char *buf, size_t *len, size_t cap, const char *s, size_t n)
{
	if (*len + n + 1 > cap)
		return;
	memcpy(buf + *len, s, n);
	*len += n;
	buf[*len] = '\0';
}

/* A character of the alphabet the samples are written in. */
static char letter(void)
{
	static const char chars[] = "abcxyzAB .#{}]-_";

	return chars[rnd(sizeof(chars) - 1)];
}

static void gen(sample *s, int depth, int caseless);

/* One atom: its pattern once, and `reps` texts it matches. */
static void gen_atom(sample *s, int depth, int caseless, unsigned reps)
{
	unsigned r;
	uint32_t kind = rnd(depth < 3 ? 10 : 7);

	if (kind <= 3) { /* a literal character (escaped when it must be) */
		char c = letter();

		if (c == '{' || c == '}' || c == '.' || c == ']' || c == '#' || c == '-')
			put(s->pat, &s->plen, sizeof(s->pat), "\\", 1);
		put(s->pat, &s->plen, sizeof(s->pat), &c, 1);
		for (r = 0; r < reps; r++) {
			char t = c;

			if (caseless && rnd(2) && t >= 'a' && t <= 'z')
				t = (char)(t - 'a' + 'A');
			put(s->text, &s->tlen, sizeof(s->text), &t, 1);
		}
	} else if (kind == 4) { /* a class, with the members a text takes */
		static const char *const classes[][3] = {
		    {"[]a-c]", "]", "b"}, {"[a\\c]]", "a", "\x1d"}, {"[\\c\\]", "\x1c", "\x1c"}};
		uint32_t k = rnd(3);

		put(s->pat, &s->plen, sizeof(s->pat), classes[k][0], strlen(classes[k][0]));
		for (r = 0; r < reps; r++)
			put(s->text, &s->tlen, sizeof(s->text), classes[k][1 + rnd(2)], 1);
	} else if (kind == 5) { /* a class escape */
		put(s->pat, &s->plen, sizeof(s->pat), "\\w", 2);
		for (r = 0; r < reps; r++)
			put(s->text, &s->tlen, sizeof(s->text), "q", 1);
	} else if (kind == 6) { /* a zero-width item */
		static const char *const zero[] = {"\\b", "(?=.)", "(?<!\\n)", "(?#c)", "(?m)"};
		const char *z = zero[rnd(5)];

		put(s->pat, &s->plen, sizeof(s->pat), z, strlen(z));
	} else { /* a group with one to three branches; one is taken per repeat */
		static const char *const opens[] = {"(", "(?:", "(?>", "(?i:", "(?<g>"};
		uint32_t o = rnd(5), nb = 1 + rnd(3), b;
		sample br[3];
		int ci = caseless || o == 3;

		for (b = 0; b < nb; b++) {
			memset(&br[b], 0, sizeof(br[b]));
			gen(&br[b], depth + 1, ci);
		}
		/* Named groups once: a name may not repeat. */
		if (o == 4 && strstr(s->pat, "(?<g>"))
			o = 1;
		put(s->pat, &s->plen, sizeof(s->pat), opens[o], strlen(opens[o]));
		for (b = 0; b < nb; b++) {
			if (b)
				put(s->pat, &s->plen, sizeof(s->pat), "|", 1);
			put(s->pat, &s->plen, sizeof(s->pat), br[b].pat, br[b].plen);
		}
		put(s->pat, &s->plen, sizeof(s->pat), ")", 1);
		for (r = 0; r < reps; r++) {
			b = rnd(nb);
			put(s->text, &s->tlen, sizeof(s->text), br[b].text, br[b].tlen);
		}
	}
}

static void gen(sample *s, int depth, int caseless)
{
	static const char *const quants[] = {"",   "",    "",    "",     "?",     "*",
					     "+",  "{0}", "{1}", "{2}",  "{0,2}", "{,2}",
					     "*?", "++",  "?+",  "{1,}", "{ 1 }"};
	static const unsigned lo[] = {1, 1, 1, 1, 0, 0, 1, 0, 1, 2, 0, 0, 0, 1, 0, 1, 1};
	static const unsigned hi[] = {1, 1, 1, 1, 1, 3, 3, 0, 1, 2, 2, 2, 3, 3, 1, 3, 1};
	uint32_t n = 1 + rnd(5), i;

	for (i = 0; i < n; i++) {
		uint32_t q = rnd(sizeof(quants) / sizeof(quants[0]));
		unsigned reps = lo[q] + rnd(hi[q] - lo[q] + 1);
		size_t before = s->plen;

		gen_atom(s, depth, caseless, reps);
		/* A quantifier after a zero-width item is not worth the risk of
		 * a pattern PCRE2 refuses; the atom stands alone then. */
		if (s->plen > before && s->pat[s->plen - 1] != ')' &&
		    strncmp(s->pat + before, "\\b", 2) == 0)
			q = 0;
		put(s->pat, &s->plen, sizeof(s->pat), quants[q], strlen(quants[q]));
	}
	if (depth == 0 && rnd(3) == 0) { /* another top-level branch */
		sample other;

		memset(&other, 0, sizeof(other));
		gen(&other, 1, caseless);
		put(s->pat, &s->plen, sizeof(s->pat), "|", 1);
		put(s->pat, &s->plen, sizeof(s->pat), other.pat, other.plen);
		if (rnd(2)) {
			s->tlen = 0;
			put(s->text, &s->tlen, sizeof(s->text), other.text, other.tlen);
		}
	}
}

static void test_random_patterns(void)
{
	size_t n = memcheck_run() ? 2000
		   : small_run()  ? 20000
				  : 100000,
	       i, tried = 0, matched = 0, with_set = 0;
	size_t ruled_out = 0;
	gate_error err;

	for (i = 0; i < n; i++) {
		sample s;
		gate_regex *re = NULL;
		gate_literals *l = NULL;
		char noise[1100];
		size_t nl, k;
		int m;

		memset(&s, 0, sizeof(s));
		gen(&s, 0, 0);
		gate_error_init(&err);
		if (gate_regex_new(&re, s.pat, NULL, &err) < 0)
			continue;
		tried++;
		CHECK(gate_literals_of(&l, s.pat, &err) == 0);
		m = gate_regex_match(re, s.text, s.tlen, &err);
		if (m == 1) {
			matched++;
			if (l && !gate_literals_in(l, s.text, s.tlen)) {
				fprintf(stderr,
					"/%s/ matches \"%s\" but the literals rule it out\n", s.pat,
					s.text);
				CHECK(0);
			}
		}
		/* Random text from the same alphabet: whatever PCRE2 matches,
		 * the literals must let through. */
		nl = 1 + rnd(40);
		for (k = 0; k < nl; k++)
			noise[k] = letter();
		noise[nl] = '\0';
		if (gate_regex_match(re, noise, nl, &err) == 1) {
			matched++;
			if (l && !gate_literals_in(l, noise, nl)) {
				fprintf(stderr,
					"/%s/ matches \"%s\" but the literals rule it out\n", s.pat,
					noise);
				CHECK(0);
			}
		} else if (l && !gate_literals_in(l, noise, nl))
			ruled_out++;
		with_set += l != NULL;
		gate_literals_free(l);
		gate_regex_free(re);
	}
	/* Not vacuous: most patterns compile and match their text, many have
	 * a set, and the sets rule out texts. */
	fprintf(stderr,
		"%zu patterns: %zu compiled, %zu matches, %zu with a set, %zu texts ruled out\n", n,
		tried, matched, with_set, ruled_out);
	CHECK(tried > n / 3);
	CHECK(matched > tried / 2);
	CHECK(with_set > tried / 4);
	CHECK(ruled_out > tried / 20);
}

/* ---- The shipped rules over this tree's lines ------------------------------ */

typedef struct {
	char **text;
	char **name;
	size_t *len;
	size_t n, alloc;
	size_t bytes;
} corpus;

static corpus files;

static int add_file(const char *fpath, const struct stat *sb, int type)
{
	FILE *f;
	char *buf;
	size_t got;
	gate_error err;

	if (type != FTW_F || sb->st_size <= 0 || sb->st_size > 256 * 1024 ||
	    strstr(fpath, "/.git/") ||
	    files.bytes > (memcheck_run() ? 128u
			   : small_run()  ? 2048u
					  : 6144u) *
			      1024)
		return 0;
	if (!(f = fopen(fpath, "rb")))
		return 0;
	buf = malloc((size_t)sb->st_size);
	got = buf ? fread(buf, 1, (size_t)sb->st_size, f) : 0;
	fclose(f);
	if (!buf || got != (size_t)sb->st_size || memchr(buf, '\0', got)) {
		free(buf);
		return 0;
	}
	gate_error_init(&err);
	if (gate_array_reserve((void **)&files.text, &files.alloc, files.n + 1, sizeof(*files.text),
			       &err) < 0 ||
	    !(files.len = realloc(files.len, files.alloc * sizeof(*files.len))) ||
	    !(files.name = realloc(files.name, files.alloc * sizeof(*files.name)))) {
		free(buf);
		return 1;
	}
	files.name[files.n] = strdup(fpath);
	files.text[files.n] = buf;
	files.len[files.n++] = got;
	files.bytes += got;
	return 0;
}

static void load_corpus(void)
{
	static const char *const roots[] = {"testdata", "policies", "src",
					    "tests",    "docs",     "tools"};
	size_t i;

	for (i = 0; i < sizeof(roots) / sizeof(roots[0]); i++)
		ftw(roots[i], add_file, 16);
}

typedef struct {
	size_t lines[4096];
	size_t n;
} hits;

static int on_hit(void *payload, size_t line, gate_error *err)
{
	hits *h = payload;

	(void)err;
	if (h->n < sizeof(h->lines) / sizeof(h->lines[0]))
		h->lines[h->n++] = line;
	return 0;
}

/* The findings of one scan. */
static int scan_with(hits *h, gate_rule *rule, const gate_content *c,
		     const unsigned long long *marks, size_t bit, int single)
{
	gate_error err;

	gate_error_init(&err);
	h->n = 0;
	return single ? gate_rule_scan(rule, c, on_hit, h, &err)
		      : gate_rule_scan_marked(rule, c, marks, (unsigned)bit, on_hit, h, &err);
}

/* Whether literal `lit` of a set (lower case when `caseless`) is at `s`,
 * with `avail` bytes there: compared byte by byte. */
static int naive_at(const char *lit, int caseless, const char *s, size_t avail)
{
	size_t k, n = strlen(lit);

	if (n > avail)
		return 0;
	for (k = 0; k < n; k++) {
		unsigned char c = (unsigned char)s[k];

		if (caseless && c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (c != (unsigned char)lit[k])
			return 0;
	}
	return 1;
}

/* What gate_literals_group_find must answer: every literal of every
 * wanted set tried at every offset, the first offset with one wins. */
static unsigned long long naive_find(gate_literals *const *sets, size_t nsets, const char *s,
				     size_t len, unsigned long long want, size_t *at)
{
	size_t i, j, k;

	for (i = 0; i < len; i++) {
		unsigned long long found = 0;

		for (j = 0; j < nsets; j++)
			for (k = 0; (want >> j & 1) && k < gate_literals_count(sets[j]); k++)
				if (naive_at(gate_literals_at(sets[j], k),
					     gate_literals_caseless(sets[j]), s + i, len - i))
					found |= 1ull << j;
		if (found) {
			*at = i;
			return found;
		}
	}
	*at = len;
	return 0;
}

/* Random groups of literal sets (with and without case, some missing)
 * over random lines holding their literals: a group finds what trying
 * each literal at each offset finds, searched from every place the rules'
 * marks search from (after each find, with the sets found left out). */
static void test_group_find(void)
{
	size_t rounds = memcheck_run() ? 30 : small_run() ? 300 : 1500, i, finds = 0, tries = 0;
	gate_error err;

	for (i = 0; i < rounds; i++) {
		gate_literals *sets[GATE_LITERALS_GROUP_MAX];
		static char texts[GATE_LITERALS_GROUP_MAX][sizeof(((sample *)0)->text)];
		size_t tlens[GATE_LITERALS_GROUP_MAX];
		gate_literals_group *g = NULL;
		size_t nsets = 1 + rnd(GATE_LITERALS_GROUP_MAX), k, j, n, len, off, at, nat;
		unsigned long long want = 0, left, found, expect;
		char line[4 * (sizeof(((sample *)0)->text) + 12) + 2];

		for (k = 0; k < nsets; k++) {
			sample s;
			char pat[sizeof(s.pat) + 8];
			int caseless = (int)rnd(2);

			sets[k] = NULL;
			tlens[k] = 0;
			if (rnd(8) == 0)
				continue; /* a rule without a set */
			memset(&s, 0, sizeof(s));
			gen(&s, 0, caseless);
			snprintf(pat, sizeof(pat), "%s%s", caseless ? "(?i)" : "", s.pat);
			gate_error_init(&err);
			CHECK(gate_literals_of(&sets[k], pat, &err) == 0);
			memcpy(texts[k], s.text, s.tlen);
			tlens[k] = s.tlen;
			want |= (unsigned long long)(rnd(4) != 0) << k;
		}
		gate_error_init(&err);
		CHECK(gate_literals_group_new(&g, (const gate_literals *const *)sets, nsets,
					      &err) == 0);
		/* Lines of noise and of the samples' texts, which hold their
		 * literals (in a case a caseless set allows). */
		for (n = 1 + rnd(20); g && n > 0; n--) {
			size_t parts = rnd(4), p, m;

			len = 0;
			for (p = 0; p < parts; p++) {
				k = rnd((uint32_t)nsets);
				if (rnd(2)) {
					memcpy(line + len, texts[k], tlens[k]);
					len += tlens[k];
				}
				for (m = rnd(12); m > 0; m--)
					line[len++] = letter();
			}
			if (rnd(3) == 0)
				line[len++] = '\r';
			line[len++] = '\n';
			left = want;
			for (off = 0; left && off < len; off = at + 1) {
				found =
				    gate_literals_group_find(g, line + off, len - off, left, &at);
				expect = naive_find(sets, nsets, line + off, len - off, left, &nat);
				tries++;
				if (found != expect || at != nat) {
					fprintf(stderr,
						"\"%.*s\" from %zu: found %llx at %zu, trying "
						"each literal %llx at %zu\n",
						(int)len, line, off, found, at, expect, nat);
					CHECK(0);
					break;
				}
				if (!found)
					break;
				finds++;
				left &= ~found;
				at += off;
			}
		}
		gate_literals_group_free(g);
		for (j = 0; j < nsets; j++)
			gate_literals_free(sets[j]);
	}
	fprintf(stderr, "%zu searches, %zu found a set\n", tries, finds);
	/* Not vacuous: the samples' texts hold literals of their sets. */
	CHECK(finds * 3 > tries);
}

/* Scans `c` with the rule as it is (alone, and with `marks` from the
 * policy's rules marked together) and with its literals taken away: the
 * same findings, or the same error. */
static void same_scan(gate_rule *rule, const gate_content *c, const unsigned long long *marks,
		      size_t bit, const char *what, size_t *nfound)
{
	struct gate_literals *lits = rule->trigger_literals;
	hits *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b)), *g = calloc(1, sizeof(*g));
	int r1, r2, r3;

	if (!a || !b || !g)
		unit_abort();
	r1 = scan_with(a, rule, c, NULL, 0, 1);
	r3 = scan_with(g, rule, c, marks, bit, 0);
	rule->trigger_literals = NULL;
	r2 = scan_with(b, rule, c, NULL, 0, 1);
	rule->trigger_literals = lits;
	if (r1 != r2 || a->n != b->n ||
	    (a->n && memcmp(a->lines, b->lines, a->n * sizeof(a->lines[0])) != 0) || r3 != r2 ||
	    g->n != b->n || (g->n && memcmp(g->lines, b->lines, g->n * sizeof(g->lines[0])) != 0)) {
		fprintf(stderr,
			"rule %s on %s: %zu finding(s) (rc %d) with its literals, %zu (rc %d) "
			"marked with the others, %zu (rc %d) without\n",
			rule->id, what, a->n, r1, g->n, r3, b->n, r2);
		CHECK(0);
	}
	*nfound += b->n;
	free(a);
	free(b);
	free(g);
}

/* Every window of the rule's trigger alone, raw or folded as the rule
 * folds: PCRE2 matches only where the literals let it. */
static void check_windows(gate_rule *rule, const gate_content *c, const char *name,
			  const char *file, size_t *windows, size_t *matches, size_t *skipped)
{
	size_t nl = rule->lines < 1 ? 1 : (size_t)rule->lines, s, k;
	gate_error err;

	gate_error_init(&err);
	for (s = 1; rule->trigger_literals && s <= c->nlines; s++) {
		gate_buf text = GATE_BUF_INIT(1u << 24);
		size_t last = s + nl - 1 > c->nlines ? c->nlines : s + nl - 1;
		int m;

		for (k = s; k <= last; k++) {
			size_t len;
			const char *line = gate_content_line(c, k, &len);

			if (k > s)
				gate_buf_put(&text, "\n", 1, &err);
			if (rule->normalize_nfkc)
				gate_rule_fold_nfkc(&text, line, len, &err);
			else
				gate_buf_put(&text, line, len, &err);
		}
		(*windows)++;
		m = gate_regex_match(rule->trigger.re, text.ptr ? text.ptr : "", text.size, &err);
		if (!gate_literals_in(rule->trigger_literals, text.ptr ? text.ptr : "",
				      text.size)) {
			(*skipped)++;
			if (m != 0) {
				fprintf(stderr,
					"%s: rule %s: lines %zu-%zu of %s match but the literals "
					"rule them out: \"%.*s\"\n",
					name, rule->id, s, last, file,
					(int)(text.size > 400 ? 400 : text.size),
					text.ptr ? text.ptr : "");
				CHECK(0);
			}
		}
		*matches += m == 1;
		gate_buf_dispose(&text);
	}
}

/* The scans of every rule over `c`, the rules marked together in groups
 * of GATE_RULE_MARKS_MAX as the rules check does. */
static void check_scans(gate_policy *policy, const gate_content *c, const char *file,
			int every_other, size_t *found)
{
	gate_rule *group[GATE_RULE_MARKS_MAX];
	size_t first, k, n;
	gate_error err;

	for (first = 0; first < policy->nrules; first += GATE_RULE_MARKS_MAX) {
		unsigned long long *marks = NULL;

		n = policy->nrules - first;
		if (n > GATE_RULE_MARKS_MAX)
			n = GATE_RULE_MARKS_MAX;
		gate_rule_marker *m = NULL;
		unsigned long long want = 0;

		for (k = 0; k < n; k++)
			group[k] = &policy->rules[first + k];
		gate_error_init(&err);
		CHECK(gate_rule_marker_new(&m, group, n, &err) == 0);
		if (!m)
			return;
		/* All of them, or every other one (as files a rule does not
		 * cover leave it out): the marks of the others must not
		 * matter. */
		for (k = 0; k < n; k++)
			want |= (unsigned long long)(!every_other || k % 2 == 0) << k;
		CHECK(gate_rule_marks(&marks, m, want, c, &err) == 0);
		for (k = 0; k < n; k++)
			if (want >> k & 1)
				same_scan(group[k], c, marks, k, file, found);
		free(marks);
		gate_rule_marker_free(m);
	}
}

/* Checks the policy's rules over the corpus's first `budget` bytes. */
static void check_policy(gate_policy *policy, const char *name, size_t budget, size_t *windows,
			 size_t *matches, size_t *skipped, size_t *found)
{
	size_t r, f, k, nfiles = 0, bytes = 0;
	gate_error err;

	while (nfiles < files.n && bytes < budget)
		bytes += files.len[nfiles++];
	for (f = 0; f < nfiles; f++) {
		gate_content c;
		size_t *all, every;

		gate_error_init(&err);
		if (gate_content_from_text(&c, files.text[f], files.len[f], &err) < 0)
			continue;
		for (r = 0; r < policy->nrules; r++)
			check_windows(&policy->rules[r], &c, name, files.name[f], windows, matches,
				      skipped);
		/* The scans, with every line added and with every third. */
		check_scans(policy, &c, files.name[f], 0, found);
		all = c.added;
		every = c.nadded;
		c.nadded = 0;
		for (k = 0; k < every; k += 3)
			c.added[c.nadded++] = all[k];
		check_scans(policy, &c, files.name[f], 1, found);
		c.nadded = every;
		for (k = 0; k < every; k++)
			c.added[k] = k + 1;
		gate_content_dispose(&c);
	}
}

static void test_shipped_rules(void)
{
	static const char *const globs[] = {"policies/*.json", "testdata/*/policy.json",
					    "testdata/*/.riskgate.json", "testdata/_*/*.json"};
	gate_policy *policy = NULL;
	gate_error err;
	glob_t g;
	size_t i, k, windows = 0, matches = 0, skipped = 0, found = 0, with = 0, rules = 0;

	load_corpus();
	CHECK(files.n > (memcheck_run() ? 20u : 500u));
	gate_error_init(&err);
	CHECK(gate_policy_load_builtin(&policy, &err) == 0);
	if (!policy)
		return;
	for (i = 0; i < policy->nrules; i++)
		with += policy->rules[i].trigger_literals != NULL;
	/* Most built-in rules have a set: the prefilter is in use. */
	CHECK(with * 4 >= policy->nrules * 3);
	check_policy(policy, "built-in policy", files.bytes, &windows, &matches, &skipped, &found);
	rules += policy->nrules;
	gate_policy_free(policy);
	for (k = 0; k < sizeof(globs) / sizeof(globs[0]) && !small_run(); k++) {
		memset(&g, 0, sizeof(g));
		if (glob(globs[k], 0, NULL, &g) != 0)
			continue;
		for (i = 0; i < g.gl_pathc; i++) {
			policy = NULL;
			gate_error_init(&err);
			if (gate_policy_load_file(&policy, g.gl_pathv[i], NULL, &err) == 0 &&
			    policy->nrules)
				check_policy(policy, g.gl_pathv[i], 512 * 1024, &windows, &matches,
					     &skipped, &found);
			rules += policy ? policy->nrules : 0;
			gate_policy_free(policy);
		}
		globfree(&g);
	}
	fprintf(stderr, "%zu rules, %zu windows: %zu matched, %zu ruled out; %zu findings\n", rules,
		windows, matches, skipped, found);
	/* Not vacuous: the tree's own test data fires the rules, and most
	 * windows are ruled out without PCRE2. */
	CHECK(matches > (memcheck_run() ? 0u : 100u));
	CHECK(found > (memcheck_run() ? 0u : 100u));
	CHECK(skipped > windows / 2);
	for (i = 0; i < files.n; i++) {
		free(files.text[i]);
		free(files.name[i]);
	}
	free(files.name);
	free(files.text);
	free(files.len);
}

int main(void)
{
	GATE_RUN(test_reader);
	GATE_RUN(test_random_patterns);
	GATE_RUN(test_group_find);
	GATE_RUN(test_shipped_rules);
	return GATE_UNIT_DONE("test_literals");
}
