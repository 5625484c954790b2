/*
 * Whether a new dependency's name is a look-alike (typosquat) of a widely
 * used package or of a name the policy allows: the rules are listed in
 * deps_lookalike.h. Everything is offline and needs only libc; each call
 * compares one name with a few hundred to a thousand others, so the work per
 * pair is a few passes over two short strings on the stack.
 */
#include "riskgate/banned.h"

#include "riskgate/deps.h"

#include <string.h>

#define NAME_BUF (GATE_DEPS_NAME_MAX + 1)

typedef enum { ECO_NPM, ECO_PYPI, ECO_GO, ECO_CARGO, ECO_MAVEN } eco;

static const char *const eco_names[] = {"npm", "pypi", "go", "cargo", "maven"};

/* Returns the ecosystem named `name`, or -1. */
static int eco_of(const char *name)
{
	size_t i;

	for (i = 0; name && i < sizeof(eco_names) / sizeof(eco_names[0]); i++)
		if (strcmp(name, eco_names[i]) == 0)
			return (int)i;
	return -1;
}

/* A name ready for comparison. `norm` is the normalised name (len bytes);
 * `key` is norm without separators and with each confusable read as the
 * letter it imitates; the first `owner` bytes of norm are its publisher's
 * namespace (0: none that riskgate knows of). */
typedef struct {
	char norm[NAME_BUF];
	size_t len;
	char key[NAME_BUF];
	size_t keylen;
	size_t owner;
} prepared;

static int is_sep(unsigned char c)
{
	return c == '-' || c == '_' || c == '.';
}

int gate_deps_normalize(char *out, size_t cap, const char *ecosystem, const char *name)
{
	int pypi = eco_of(ecosystem) == ECO_PYPI, in_run = 0;
	const unsigned char *p;
	size_t o = 0;

	if (!out || cap == 0)
		return -1;
	out[0] = '\0';
	if (!name)
		return -1;
	for (p = (const unsigned char *)name; *p; p++) {
		unsigned char c = *p;

		if (pypi && is_sep(c)) {
			if (in_run)
				continue;
			in_run = 1;
			c = '-';
		} else {
			in_run = 0;
		}
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (o + 1 >= cap) {
			out[0] = '\0';
			return -1;
		}
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return 0;
}

/* Fills p->key from p->norm. Separators go first, so that "r-n" reads as
 * "m" as well: a reader's eye skips them just as readily. */
static void make_key(prepared *p)
{
	char bare[NAME_BUF];
	size_t i, n = 0, k = 0;

	for (i = 0; i < p->len; i++)
		if (!is_sep((unsigned char)p->norm[i]))
			bare[n++] = p->norm[i];
	for (i = 0; i < n; i++) {
		char c = bare[i];

		if (c == '0') {
			c = 'o';
		} else if (c == '1') {
			c = 'l';
		} else if (c == 'r' && i + 1 < n && bare[i + 1] == 'n') {
			c = 'm';
			i++;
		} else if (c == 'v' && i + 1 < n && bare[i + 1] == 'v') {
			c = 'w';
			i++;
		}
		p->key[k++] = c;
	}
	p->key[k] = '\0';
	p->keylen = k;
}

/* The length of the Maven group's reverse domain at the start of `s` (the
 * group itself when it is shorter): Maven Central grants a namespace by its
 * domain, and on shared hosts (io.github.<user>) by the user as well. */
static size_t maven_owner(const char *s, size_t len)
{
	size_t i, parts = 0, want = 2;

	if (strncmp(s, "io.github.", 10) == 0 || strncmp(s, "com.github.", 11) == 0 ||
	    strncmp(s, "io.gitlab.", 10) == 0 || strncmp(s, "com.gitlab.", 11) == 0)
		want = 3;
	for (i = 0; i < len && s[i] != ':'; i++)
		if (s[i] == '.' && ++parts == want)
			return i;
	return i;
}

/* Whether a Go module host lets anyone publish under it, each user owning
 * the first path element. */
static int go_shared_host(const char *s, size_t hostlen)
{
	static const char *const hosts[] = {"github.com", "gitlab.com", "bitbucket.org",
					    "gopkg.in"};
	size_t i;

	for (i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++)
		if (strlen(hosts[i]) == hostlen && memcmp(s, hosts[i], hostlen) == 0)
			return 1;
	return 0;
}

/* The length of a Go module path's owner: its host, and on a shared host
 * the first path element too. gopkg.in/<pkg>.vN is github.com/go-<pkg>/<pkg>,
 * so there the owner is <pkg> without its major version. */
static size_t go_owner(const char *s, size_t len)
{
	const char *slash = memchr(s, '/', len), *next;
	size_t host, end;

	if (!slash)
		return len;
	host = (size_t)(slash - s);
	if (!go_shared_host(s, host))
		return host + 1;
	next = memchr(slash + 1, '/', len - host - 1);
	if (next)
		return (size_t)(next - s) + 1;
	end = len;
	if (host == 8 && memcmp(s, "gopkg.in", 8) == 0) {
		size_t i = len;

		while (i > host + 1 && s[i - 1] >= '0' && s[i - 1] <= '9')
			i--;
		if (i < len && i > host + 3 && s[i - 1] == 'v' && s[i - 2] == '.')
			end = i - 2;
	}
	return end;
}

/* Normalises `name` into p->norm and p->len, which is all an equality test
 * needs. Returns -1 when it is empty or too long to be a look-alike. */
static int normalize_into(prepared *p, eco e, const char *name)
{
	if (gate_deps_normalize(p->norm, sizeof(p->norm), eco_names[e], name) < 0)
		return -1;
	p->len = strlen(p->norm);
	return p->len == 0 ? -1 : 0;
}

/* Completes a normalised name for the look-alike rules. */
static void prepare(prepared *p, eco e)
{
	const char *slash;

	make_key(p);
	p->owner = 0;
	switch (e) {
	case ECO_NPM:
		slash = p->norm[0] == '@' ? strchr(p->norm, '/') : NULL;
		if (slash)
			p->owner = (size_t)(slash - p->norm) + 1;
		break;
	case ECO_GO:
		p->owner = go_owner(p->norm, p->len);
		break;
	case ECO_MAVEN:
		p->owner = maven_owner(p->norm, p->len);
		break;
	case ECO_PYPI:
	case ECO_CARGO:
		break;
	}
}

/*
 * The optimal-string-alignment distance (Damerau-Levenshtein where an
 * adjacent transposition counts 1) between a and b when it is at most k,
 * else k + 1. Only the diagonal band |i - j| <= k can hold values <= k, so
 * only it is computed: three rows of small counters on the stack.
 */
static unsigned distance_within(const char *a, size_t la, const char *b, size_t lb, unsigned k)
{
	unsigned char rows[3][NAME_BUF + 1];
	unsigned char *prev2 = rows[0], *prev = rows[1], *cur = rows[2], *t;
	const unsigned inf = k + 1;
	size_t i, j;

	if ((la > lb ? la - lb : lb - la) > k || la > GATE_DEPS_NAME_MAX || lb > GATE_DEPS_NAME_MAX)
		return inf;
	for (j = 0; j <= lb; j++)
		prev[j] = (unsigned char)(j < inf ? j : inf);
	for (i = 1; i <= la; i++) {
		size_t lo = i > k ? i - k : 1, hi = i + k < lb ? i + k : lb;
		unsigned rowmin = inf;

		cur[0] = (unsigned char)(i < inf ? i : inf);
		cur[lo - 1] = lo > 1 ? (unsigned char)inf : cur[0];
		if (hi < lb)
			cur[hi + 1] = (unsigned char)inf;
		for (j = lo; j <= hi; j++) {
			unsigned v = prev[j - 1] + (a[i - 1] != b[j - 1]);

			if (prev[j] + 1u < v)
				v = prev[j] + 1u;
			if (cur[j - 1] + 1u < v)
				v = cur[j - 1] + 1u;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1u < v)
				v = prev2[j - 2] + 1u;
			if (v > inf)
				v = inf;
			cur[j] = (unsigned char)v;
			if (v < rowmin)
				rowmin = v;
		}
		if (rowmin >= inf)
			return inf;
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

/* Rule (a): close by edit distance, the allowance set by the shorter name
 * once the path or coordinate prefix both share ("github.com/", "…:") is
 * set aside: that part is the same in both and says nothing about how
 * easily one is mistaken for the other. */
static int close_by_distance(const prepared *n, const prepared *c)
{
	size_t i = 0, from = 0, ln, lc, shorter;
	unsigned k;

	while (i < n->len && i < c->len && n->norm[i] == c->norm[i]) {
		if (n->norm[i] == '/' || n->norm[i] == ':')
			from = i + 1;
		i++;
	}
	ln = n->len - from;
	lc = c->len - from;
	shorter = ln < lc ? ln : lc;
	if (shorter <= 4)
		return 0; /* too many short names are one edit apart */
	k = shorter >= 9 ? 2 : 1;
	return distance_within(n->norm + from, ln, c->norm + from, lc, k) <= k;
}

typedef struct {
	const char *text;
	int prefix; /* 1: added in front, 0: at the end */
} affix;

/* Rule (e), as spelt in npm; for pypi each is normalised first. */
static const affix affixes[] = {{"-js", 0},     {".js", 0},   {"js", 0}, {"js-", 1},
				{"node-", 1},   {"-node", 0}, {"py", 1}, {"python-", 1},
				{"-python", 0}, {"py-", 1}};

/* Whether `longer` is `shorter` with affix `a` (already normalised, alen
 * bytes) added. */
static int with_affix(const prepared *longer, const prepared *shorter, const char *a, size_t alen,
		      int prefix)
{
	if (longer->len != shorter->len + alen)
		return 0;
	if (prefix)
		return memcmp(longer->norm, a, alen) == 0 &&
		       memcmp(longer->norm + alen, shorter->norm, shorter->len) == 0;
	return memcmp(longer->norm + shorter->len, a, alen) == 0 &&
	       memcmp(longer->norm, shorter->norm, shorter->len) == 0;
}

static int affixed(eco e, const prepared *n, const prepared *c)
{
	size_t i;

	for (i = 0; i < sizeof(affixes) / sizeof(affixes[0]); i++) {
		char a[16];
		size_t alen;

		if (gate_deps_normalize(a, sizeof(a), eco_names[e], affixes[i].text) < 0)
			continue;
		alen = strlen(a);
		if (with_affix(n, c, a, alen, affixes[i].prefix) ||
		    with_affix(c, n, a, alen, affixes[i].prefix))
			return 1;
	}
	return 0;
}

/* Whether normalised names n and c, not equal, look alike in `e`. */
static int looks_alike(eco e, const prepared *n, const prepared *c)
{
	if (n->owner && n->owner == c->owner && memcmp(n->norm, c->norm, n->owner) == 0)
		return 0; /* one publisher's namespace: nobody else can squat it */
	if (e == ECO_NPM && !n->owner && c->owner && c->norm[0] == '@' && n->len == c->len - 1) {
		/* "types-node" or "typesnode" for "@types/node": the scope
		 * spelt into an unscoped name */
		size_t s = c->owner - 1; /* "@types/": 7, the scope "types" is 1..5 */

		if (s > 1 && memcmp(n->norm, c->norm + 1, s - 1) == 0 &&
		    (n->norm[s - 1] == '-' || n->norm[s - 1] == '.' || n->norm[s - 1] == '_') &&
		    memcmp(n->norm + s, c->norm + c->owner, c->len - c->owner) == 0)
			return 1;
	}
	if (e == ECO_NPM && !n->owner != !c->owner)
		return 0; /* scoped against unscoped: scopes are owned */
	if (close_by_distance(n, c))
		return 1;
	if (n->keylen > 0 && n->keylen == c->keylen && memcmp(n->key, c->key, n->keylen) == 0)
		return 1;
	if (e == ECO_NPM && n->owner) {
		/* Both scoped, scopes differ: "@typos/node" for "@types/node",
		 * however short the scope. */
		return n->len - n->owner == c->len - c->owner &&
		       memcmp(n->norm + n->owner, c->norm + c->owner, n->len - n->owner) == 0 &&
		       distance_within(n->norm, n->owner, c->norm, c->owner, 1) == 1;
	}
	if (e == ECO_NPM || e == ECO_PYPI)
		return affixed(e, n, c);
	return 0;
}

const char *gate_deps_lookalike(const char *ecosystem, const char *name, const char *const *allowed,
				size_t nallowed)
{
	int e = eco_of(ecosystem);
	const char *const *list;
	const char *found = NULL;
	prepared n, c;
	size_t nlist = 0, i;

	if (e < 0 || !name || strnlen(name, GATE_DEPS_NAME_MAX + 1) > GATE_DEPS_NAME_MAX)
		return NULL;
	if (normalize_into(&n, (eco)e, name) < 0)
		return NULL;
	prepare(&n, (eco)e);
	if (!allowed)
		nallowed = 0;
	list = gate_deps_popular(ecosystem, &nlist);
	/* Every candidate is read even after a match: a name that is itself
	 * popular or allowed is never a look-alike, wherever it is listed. */
	for (i = 0; i < nallowed + nlist; i++) {
		const char *cand = i < nallowed ? allowed[i] : list[i - nallowed];

		if (!cand || normalize_into(&c, (eco)e, cand) < 0)
			continue;
		if (n.len == c.len && memcmp(n.norm, c.norm, n.len) == 0)
			return NULL;
		if (found)
			continue;
		prepare(&c, (eco)e);
		if (looks_alike((eco)e, &n, &c))
			found = cand;
	}
	return found;
}
