/*
 * The classifier's fast path against the plain reference: every tier's
 * patterns through PCRE2 in policy order. For the built-in policy, every
 * policy under policies/ and testdata/, and generated adversarial patterns,
 * a large set of paths (this tree's own, the classification table, random
 * ones, near misses of the policies' keywords, long hostile ones) must get
 * the same tier, kind, rule, and the same error, from both; where PCRE2
 * cannot finish a pattern, the classifier's answer is checked against
 * PCRE2's DFA matcher. Also: such a path gets the same outcome whether or
 * not the index was built before it, and explain's cached text must be
 * gate_report_explain_text's.
 */
#include "riskgate/banned.h"

#include <ftw.h>
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/classify.h"
#include "riskgate/escape.h"
#include "riskgate/policy.h"
#include "riskgate/report.h"
#include "classify_oracle.h"
#include "unit.h"

/* A fixed-seed generator: the same paths on every run. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return n ? (uint32_t)(rng_state % n) : 0;
}

typedef struct {
	char **items;
	size_t *lens;
	size_t count, alloc;
} pathset;

static pathset paths;

static void add_path(const char *p, size_t len)
{
	char *copy;

	if (len == 0)
		return;
	if (paths.count == paths.alloc) {
		paths.alloc = paths.alloc ? paths.alloc * 2 : 1024;
		paths.items = realloc(paths.items, paths.alloc * sizeof(*paths.items));
		paths.lens = realloc(paths.lens, paths.alloc * sizeof(*paths.lens));
		if (!paths.items || !paths.lens)
			unit_abort();
	}
	if (!(copy = malloc(len + 1)))
		unit_abort();
	memcpy(copy, p, len);
	copy[len] = '\0';
	paths.items[paths.count] = copy;
	paths.lens[paths.count++] = len;
}

static int add_tree_path(const char *fpath, const struct stat *sb, int type)
{
	(void)sb;
	if (strncmp(fpath, "./.git", 6) == 0 || strncmp(fpath, "./build", 7) == 0)
		return 0;
	if (type == FTW_F && strlen(fpath) > 2)
		add_path(fpath + 2, strlen(fpath) - 2);
	return 0;
}

static const char *const words[] = {"src",
				    "lib",
				    "auth",
				    "Auth",
				    "AUTH",
				    "authz",
				    "author",
				    "authority",
				    "userAuth",
				    "user_auth",
				    "login",
				    "LoginForm",
				    "session",
				    "sessions",
				    "token",
				    "tokens",
				    "api-token",
				    "secret",
				    "secrets",
				    "secretary",
				    "crypto",
				    "payments",
				    "paymentsdoc",
				    "billing",
				    "invoice",
				    "docs",
				    "doc",
				    "documentation",
				    "test",
				    "tests",
				    "spec",
				    "__tests__",
				    "testdata",
				    "fixtures",
				    "e2e",
				    "t",
				    ".github",
				    "workflows",
				    "actions",
				    "k8s",
				    "helm",
				    "charts",
				    "kustomization",
				    "db",
				    "migrate",
				    "migrations",
				    "vendor",
				    "node_modules",
				    "third_party",
				    "terraform",
				    "infra",
				    "deploy",
				    "config",
				    "locales",
				    "i18n",
				    "ansible",
				    "roles",
				    "tasks",
				    "iam",
				    "policies",
				    "app",
				    "models",
				    "permissions",
				    "perms",
				    "JWTService",
				    "SSOConfig",
				    "oauth2",
				    "x509",
				    "tls",
				    "a",
				    "aa",
				    "b",
				    "x",
				    "README",
				    "LICENSE",
				    "CHANGELOG",
				    "Dockerfile",
				    "Makefile",
				    "Jenkinsfile",
				    "package",
				    "go",
				    "Cargo",
				    "values",
				    "Chart",
				    "id_rsa",
				    "server",
				    "main",
				    "index",
				    "conftest",
				    "test_login",
				    "login_test",
				    "LoginTest",
				    "TestLogin",
				    "AuthSpec",
				    "V1__init",
				    "schema",
				    "iam-policy",
				    "trust-policy",
				    "nginx",
				    ".env",
				    ".envrc",
				    "CODEOWNERS",
				    ".gitattributes",
				    ".riskgate.json",
				    "OWNERS",
				    ".vscode",
				    "\xc3\xa9t\xc3\xa9",
				    "caf\xc3\xa9"};

static const char *const exts[] = {
    "",     ".c",   ".h",    ".go",   ".py",   ".ts",  ".tsx", ".d.ts", ".js",  ".md",   ".mdx",
    ".MD",  ".yml", ".yaml", ".json", ".tf",   ".sql", ".key", ".pem",  ".png", ".snap", ".t",
    ".env", ".rb",  ".java", ".lock", ".toml", ".sh",  ".txt", ".rego", ".tpl", ".cc"};

#define NWORDS (sizeof(words) / sizeof(words[0]))
#define NEXTS  (sizeof(exts) / sizeof(exts[0]))

/* One character changed, inserted, deleted or recased: a near miss. */
static size_t mutate(char *p, size_t len, size_t cap)
{
	static const char alphabet[] = "aAzZ09._-/ \t\x01\xff";
	size_t at = len ? rnd((uint32_t)len) : 0;

	switch (rnd(4)) {
	case 0:
		if (len)
			p[at] = alphabet[rnd(sizeof(alphabet) - 1)];
		return len;
	case 1:
		if (len + 1 >= cap)
			return len;
		memmove(p + at + 1, p + at, len - at);
		p[at] = alphabet[rnd(sizeof(alphabet) - 1)];
		return len + 1;
	case 2:
		if (len < 2)
			return len;
		memmove(p + at, p + at + 1, len - at - 1);
		return len - 1;
	default:
		if (len && p[at] >= 'a' && p[at] <= 'z')
			p[at] = (char)(p[at] - 32);
		else if (len && p[at] >= 'A' && p[at] <= 'Z')
			p[at] = (char)(p[at] + 32);
		return len;
	}
}

static void generate_paths(size_t n)
{
	char p[16384];
	size_t i, len, d, depth, k;

	for (i = 0; i < n; i++) {
		len = 0;
		depth = 1 + rnd(6);
		for (d = 0; d < depth && len < 3000; d++) {
			const char *w = words[rnd(NWORDS)];
			size_t wl = strlen(w);

			if (d)
				p[len++] = rnd(12) ? '/' : (char)"._-"[rnd(3)];
			memcpy(p + len, w, wl);
			len += wl;
		}
		{
			const char *e = exts[rnd(NEXTS)];

			k = strlen(e);
			memcpy(p + len, e, k);
			len += k;
		}
		if (rnd(3) == 0)
			len = mutate(p, len, sizeof(p));
		if (rnd(8) == 0)
			len = mutate(p, len, sizeof(p));
		add_path(p, len);
	}
	/* Random bytes, newlines and NULs included. */
	for (i = 0; i < n / 10; i++) {
		len = 1 + rnd(80);
		for (k = 0; k < len; k++)
			p[k] = rnd(4) ? "ab/._-Ax\n"[rnd(9)] : (char)(1 + rnd(255));
		add_path(p, len);
	}
}

/* Paths long enough to make a catastrophic pattern hit PCRE2's limits, and
 * paths around the length up to which the fast path may skip a pattern. */
static void generate_long_paths(void)
{
	static const size_t lens[] = {20, 30, 40, 60, 100, 200, 500, 1000, 3000, 10001};
	static char p[16384];
	size_t i, k;

	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		memset(p, 'a', lens[i]);
		p[lens[i] - 1] = 'b';
		add_path(p, lens[i]);
		for (k = 0; k < lens[i]; k++)
			p[k] = "src/"[k % 4];
		add_path(p, lens[i]);
		for (k = 0; k < lens[i]; k++)
			p[k] = "a/"[k % 2];
		add_path(p, lens[i]);
		for (k = 0; k < lens[i]; k++)
			p[k] = "xy"[rnd(2)];
		add_path(p, lens[i]);
		memset(p, 'x', lens[i]);
		add_path(p, lens[i]);
	}
}

static void load_table(const char *file)
{
	gate_buf text = GATE_BUF_INIT((size_t)1 << 24);
	gate_error err;
	char *line, *tab, *end;

	gate_error_init(&err);
	if (gate_buf_read_file(&text, file, GATE_ERR_INPUT, &err) < 0) {
		fprintf(stderr, "%s: %s\n", file, err.message);
		unit_current_failed = 1;
		return;
	}
	for (line = text.ptr; line && *line; line = end ? end + 1 : NULL) {
		end = strchr(line, '\n');
		if (*line == '#' || *line == '\n')
			continue;
		tab = memchr(line, '\t', end ? (size_t)(end - line) : strlen(line));
		if (tab)
			add_path(line, (size_t)(tab - line));
	}
	gate_buf_dispose(&text);
}

/* compared: paths classified both ways; errors_seen: of them, those where
 * PCRE2 hit a limit in the reference; resolved: those the classifier
 * answered anyway, each answer checked against oracle_truth(); unverified:
 * those it answered where oracle_truth() could not tell. */
static size_t compared, errors_seen, resolved, unverified;

/* Both ways over every path, under oracle_check's contract; every
 * difference is reported. */
static void compare(gate_policy *policy, const char *name)
{
	size_t i, shown = 0, patterns = 0;
	int prefiltered;
	gate_error e1;

	gate_error_init(&e1);
	prefiltered = gate_classify_prepare(policy, &e1);
	CHECK(prefiltered >= 0);
	for (i = 0; i < policy->ntiers; i++)
		patterns += policy->tiers[i].npaths + policy->tiers[i].nexclude;
	/* Built with Hyperscan, the fast path must be the one under test. */
	if (gate_classify_prefilter_backend() && patterns && prefiltered != 1) {
		fprintf(stderr, "%s: no prefilter was built\n", name);
		unit_current_failed = 1;
	}
	/* Twice: the second time the classifier answers from what it
	 * remembers of the first (past its memo's size, from the patterns). */
	for (i = 0; i < 2 * paths.count; i++) {
		gate_class a;
		gate_error ea;
		oracle_result res;
		int ra;
		size_t k = i % paths.count;

		memset(&a, 0, sizeof(a));
		gate_error_init(&ea);
		ra = gate_classify_path(&a, policy, paths.items[k], paths.lens[k], &ea);
		compared++;
		if (oracle_check(&res, policy, ra, &a, &ea, paths.items[k], paths.lens[k],
				 prefiltered)) {
			errors_seen += res.errs.nseen > 0;
			resolved += (size_t)res.answered;
			unverified += (size_t)res.unverified;
			continue;
		}
		errors_seen += res.errs.nseen > 0;
		unit_current_failed = 1;
		if (shown++ < 5)
			fprintf(stderr,
				"%s: path %.80s (%zu bytes): fast %d tier %zu kind %d rule %s%s%s; "
				"reference %d tier %zu kind %d rule %s, %zu limit error(s)%s%s\n",
				name, paths.items[k], paths.lens[k], ra, a.tier, (int)a.kind,
				a.rule ? a.rule->pattern : "-", ra < 0 ? " error " : "",
				ra < 0 ? ea.message : "", res.ref_rc, res.ref.tier,
				(int)res.ref.kind, res.ref.rule ? res.ref.rule->pattern : "-",
				res.errs.nseen, res.errs.nseen ? ", first: " : "",
				res.errs.nseen ? res.errs.first.message : "");
	}
}

/* SMALL=1 (the sanitizer run of `make test`): a quarter of the generated
 * paths. */
static int small_run(void)
{
	return getenv("SMALL") != NULL;
}

static void collect_paths(void)
{
	if (paths.count)
		return;
	load_table("testdata/classify/default.tsv");
	ftw(".", add_tree_path, 16);
	generate_paths(small_run() ? 5000 : 20000);
	generate_long_paths();
}

static void test_builtin_and_shipped_policies(void)
{
	static const char *const globs[] = {"policies/*.json", "testdata/*/policy.json",
					    "testdata/*/.riskgate.json", "testdata/_*/*.json"};
	gate_policy *policy = NULL;
	gate_error err;
	glob_t g;
	size_t i, k, loaded = 0;

	collect_paths();
	/* The generated paths alone, and then some: the table and the tree. */
	CHECK(paths.count > (small_run() ? 5000u : 20000u));
	gate_error_init(&err);
	CHECK(gate_policy_load_builtin(&policy, &err) == 0);
	if (policy)
		compare(policy, "built-in policy");
	gate_policy_free(policy);
	/* Its patterns compiled before the first path, as the thread that
	 * loads a policy beside the change does (src/run.c). */
	policy = NULL;
	CHECK(gate_policy_load_builtin(&policy, &err) == 0);
	if (policy) {
		gate_classify_warm(policy);
		compare(policy, "built-in policy, warmed");
	}
	gate_policy_free(policy);
	for (k = 0; k < sizeof(globs) / sizeof(globs[0]); k++) {
		memset(&g, 0, sizeof(g));
		if (glob(globs[k], 0, NULL, &g) != 0)
			continue;
		for (i = 0; i < g.gl_pathc; i++) {
			policy = NULL;
			gate_error_init(&err);
			/* Hostile and invalid policies are not loaded at all. */
			if (gate_policy_load_file(&policy, g.gl_pathv[i], NULL, &err) < 0 ||
			    policy->ntiers == 0) {
				gate_policy_free(policy);
				continue;
			}
			compare(policy, g.gl_pathv[i]);
			gate_policy_free(policy);
			loaded++;
		}
		globfree(&g);
	}
	/* policies/ and the testdata/ cases: a few dozen. */
	CHECK(loaded >= 20);
}

/* Hand-written adversarial patterns: every construct the prefilter and the
 * bound have to get right or refuse. */
static const char *const adversarial[] = {
    "^(a|aa)+$",
    "(a*)*b",
    "(x+x+)+y",
    "^(a+)+$",
    "(a|b|ab)*c",
    "(.*a){12}",
    "(?i)AUTH",
    "(?i:auth)(?![a-z])",
    "(?<![A-Za-z0-9])auth",
    "(?<=[a-z])(?=[A-Z])",
    "^docs?/",
    "(^|/)tests?/",
    "\\.md$",
    "\\.md\\z",
    "\\.md\\Z",
    "a$",
    "^a",
    "(?m)^b",
    "(?m)a$",
    "(?s)a.b",
    "a.b",
    "(a)\\1",
    "(?<n>x)\\k<n>",
    "(ab)\\1{2,}",
    "\\Qa.b\\E",
    "\\Q(x)\\E+",
    "[\\x{e9}\\xe9]",
    "\\xc3\\xa9",
    "caf\\xc3\\xa9",
    "\\w+\\.\\d",
    "[^/]+$",
    ".",
    "^.{3,5}$",
    "^$",
    "(?:)",
    "x*",
    "[[:upper:]]{2}",
    "(?>a+)b",
    "a++b",
    "a*+a",
    "(?|(a)|(b))\\1",
    "(?(?=a)ab|cd)",
    "a\\Kb",
    "\\bauth\\b",
    "\\Bth",
    "(?x) a b # comment",
    "a(?#comment)b",
    "\\R",
    "x\\X",
    "(?i)[a-c]Z",
    "(?-i:a)(?i)b",
    "[]a]",
    "[^]a]",
    "[a\\]]x",
    "[\\w-]+/",
    "[.-_]",
    "a{2}b{,3}",
    "a{,3}",
    "{",
    "a{1,",
    "\\d{2,}-",
    "(?=.*\\.ya?ml$)(.*/)?k8s/",
    "^(?!(?:.*/)?[^/]*\\.(?:sh|py)$)(.*/)?fixtures/",
    "(?:[-_][A-Za-z0-9]+)*$",
    "(^|/)(LICEN[CS]E|COPYING)(?:[-_][A-Za-z0-9]+)*(?:\\.(?i:md|txt))?$",
    "(?:a|b)*c",
    "(?:ab|a)*c",
    "(?:a|a)*b",
    "(a?){8}a{8}",
    "(?:x|y){16}z",
    "(?:\\/|\\.)+z",
    "\\/\\/",
    "\\p{Lu}",
    "\\P{L}x",
    "\\N",
    "\\x41\\o{101}",
    "\\cA",
    "(*COMMIT)a",
    "(?1)(a)",
    "(?R)?z",
    "(?C)a",
    "a(?=b)",
    "(?!a)b",
    "(?<!^)a"};

/* Random patterns from a small grammar, kept when PCRE2 compiles them. */
static void random_pattern(char *out, size_t cap, int depth)
{
	static const char *const atoms[] = {
	    "a",     "b",   "x",   "/",        "\\.",   "A", "\\xc3\\xa9", ".",   "[ab]", "[^/]",
	    "[a-z]", "\\d", "\\w", "\\Qa.\\E", "\\x41", "^", "$",          "\\b", "\\Z"};
	static const char *const quants[] = {"",      "",   "",   "*",   "+",   "?",
					     "{1,3}", "*?", "++", "{2}", "{2,}"};
	size_t n = 1 + rnd(4), i, len;

	for (i = 0; i < n; i++) {
		len = strlen(out);
		if (len + 64 >= cap)
			return;
		if (depth < 3 && rnd(4) == 0) {
			static const char *const opens[] = {
			    "(", "(?:", "(?i:", "(?=", "(?!", "(?>"};
			const char *o = opens[rnd(6)];

			memcpy(out + len, o, strlen(o) + 1);
			random_pattern(out, cap, depth + 1);
			if (rnd(2)) {
				len = strlen(out);
				if (len + 2 < cap)
					memcpy(out + len, "|", 2);
				random_pattern(out, cap, depth + 1);
			}
			len = strlen(out);
			if (len + 2 < cap)
				memcpy(out + len, ")", 2);
		} else {
			const char *a = atoms[rnd(sizeof(atoms) / sizeof(atoms[0]))];

			memcpy(out + len, a, strlen(a) + 1);
		}
		len = strlen(out);
		{
			const char *q = quants[rnd(sizeof(quants) / sizeof(quants[0]))];

			if (len + strlen(q) + 1 < cap)
				memcpy(out + len, q, strlen(q) + 1);
		}
	}
}

/* A policy of `n` patterns spread over tiers, each with excludes. */
static gate_policy *adversarial_policy(const char *const *pats, size_t n)
{
	gate_buf text = GATE_BUF_INIT((size_t)1 << 24);
	gate_policy *policy = NULL;
	gate_error err;
	size_t i, t = 0;

	gate_error_init(&err);
	gate_buf_puts(&text, "{\"version\": 1, \"default_tier\": \"rest\", \"tiers\": [", &err);
	for (i = 0; i < n; t++) {
		size_t k, np = 1 + rnd(6), ne = rnd(3);

		gate_buf_printf(&text, &err, "%s{\"name\": \"t%zu\", \"paths\": [", t ? ", " : "",
				t);
		for (k = 0; k < np && i < n; k++, i++) {
			if (k)
				gate_buf_puts(&text, ", ", &err);
			gate_escape_json_string(&text, pats[i], strlen(pats[i]), NULL, &err);
		}
		gate_buf_puts(&text, "], \"exclude\": [", &err);
		for (k = 0; k < ne && i < n; k++, i++) {
			if (k)
				gate_buf_puts(&text, ", ", &err);
			gate_escape_json_string(&text, pats[i], strlen(pats[i]), NULL, &err);
		}
		gate_buf_puts(&text, "]}", &err);
	}
	gate_buf_puts(&text, ", {\"name\": \"rest\", \"paths\": []}]}", &err);
	if (gate_policy_load(&policy, text.ptr, text.size, "adversarial.json", "test", NULL, &err) <
	    0) {
		fprintf(stderr, "adversarial policy: %s\n", err.message);
		unit_current_failed = 1;
	}
	gate_buf_dispose(&text);
	return policy;
}

static void test_adversarial_patterns(void)
{
	const char *kept[sizeof(adversarial) / sizeof(adversarial[0]) + 400];
	static char generated[400][256];
	gate_policy *policy;
	size_t i, n = 0, rounds;

	collect_paths();
	for (i = 0; i < sizeof(adversarial) / sizeof(adversarial[0]); i++)
		if (oracle_compiles(adversarial[i]))
			kept[n++] = adversarial[i];
	CHECK(n > 60);
	/* Several shuffles of the same patterns over the tiers. */
	for (rounds = 0; rounds < 3; rounds++) {
		for (i = n; i > 1; i--) {
			size_t j = rnd((uint32_t)i);
			const char *tmp = kept[i - 1];

			kept[i - 1] = kept[j];
			kept[j] = tmp;
		}
		if ((policy = adversarial_policy(kept, n)) != NULL)
			compare(policy, "adversarial patterns");
		gate_policy_free(policy);
	}
	n = 0;
	for (i = 0; i < 400; i++) {
		generated[i][0] = '\0';
		random_pattern(generated[i], sizeof(generated[i]), 0);
		if (generated[i][0] && oracle_compiles(generated[i]))
			kept[n++] = generated[i];
	}
	if (n <= 150)
		fprintf(stderr, "only %zu generated patterns compile\n", n);
	CHECK(n > 150);
	if ((policy = adversarial_policy(kept, n)) != NULL)
		compare(policy, "generated patterns");
	gate_policy_free(policy);
	/* Catastrophic patterns first in their tiers, so that the long paths
	 * reach them whatever the layouts above: each answer given past a
	 * limit is checked. */
	{
		static const char text[] =
		    "{\"version\": 1, \"default_tier\": \"rest\", \"tiers\": ["
		    "{\"name\": \"a\", \"paths\": [\"^(a|aa)+$\", \"(x+x+)+y\"]},"
		    "{\"name\": \"b\", \"paths\": [\"b$\"], \"exclude\": [\"^(a|aa)+c\"]},"
		    "{\"name\": \"rest\", \"paths\": []}]}";
		gate_error err;

		gate_error_init(&err);
		policy = NULL;
		CHECK(gate_policy_load(&policy, text, sizeof(text) - 1, "limits.json", "test", NULL,
				       &err) == 0);
		if (policy)
			compare(policy, "catastrophic patterns first");
		gate_policy_free(policy);
	}
	/* The long paths did make catastrophic patterns fail, and the
	 * prefilter answered for some of them. */
	CHECK(errors_seen > 0);
	if (gate_classify_prefilter_backend())
		CHECK(resolved > 0);
}

/*
 * A path on which PCRE2 cannot finish a pattern, classified first (before
 * any index): a pattern that cannot match it is ruled out by the scan, as
 * on the millionth path, while one that can still fails the gate. Without
 * Hyperscan both are errors, as matching each pattern in turn gives.
 */
static void test_limit_before_index(void)
{
	static const char *const pats[] = {"(a|aa)+b|c$", "^(a|aa)+$", "x$"};
	static const struct {
		const char *tail; /* after 60 a's */
		int error;        /* with a prefilter */
		size_t tier;
	} cases[] = {
	    {"!x", 0, 2},  /* (a|aa)+b|c$ and ^(a|aa)+$ cannot match: tier t2 (x$) */
	    {"!c", 1, 0},  /* (a|aa)+b|c$ matches: PCRE2 must finish it, and cannot */
	    {"!zz", 0, 3}, /* nothing matches: the default tier */
	};
	size_t i, k;
	int hs = gate_classify_prefilter_backend() != NULL;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		gate_buf text = GATE_BUF_INIT(4096);
		gate_policy *policy = NULL;
		gate_class cls;
		gate_error err;
		char path[128];
		int rc;

		gate_error_init(&err);
		gate_buf_puts(&text, "{\"version\": 1, \"default_tier\": \"rest\", \"tiers\": [",
			      &err);
		for (k = 0; k < 3; k++) {
			gate_buf_printf(&text, &err, "{\"name\": \"t%zu\", \"paths\": [", k);
			gate_escape_json_string(&text, pats[k], strlen(pats[k]), NULL, &err);
			gate_buf_puts(&text, "]}, ", &err);
		}
		gate_buf_puts(&text, "{\"name\": \"rest\", \"paths\": []}]}", &err);
		CHECK(gate_policy_load(&policy, text.ptr, text.size, "limits.json", "test", NULL,
				       &err) == 0);
		gate_buf_dispose(&text);
		if (!policy)
			continue;
		memset(path, 'a', 60);
		snprintf(path + 60, sizeof(path) - 60, "%s", cases[i].tail);
		/* PCRE2 alone cannot finish the first pattern on it. */
		CHECK(gate_regex_match(policy->tiers[0].paths[0].re, path, strlen(path), &err) < 0);
		gate_error_init(&err);
		memset(&cls, 0, sizeof(cls));
		rc = gate_classify_path(&cls, policy, path, strlen(path), &err);
		if (hs && !cases[i].error) {
			CHECK(rc == 0);
			CHECK(cls.tier == cases[i].tier);
		} else {
			CHECK(rc < 0);
			CHECK(err.klass == GATE_ERR_REGEX);
			CHECK(strstr(err.message, "could not be evaluated") != NULL);
		}
		gate_policy_free(policy);
	}
}

/* An empty path, the first a policy classifies (and so the first its
 * memo keeps): the default tier, twice, with nothing read from NULL (the
 * sanitizer run of `make test` checks the memo's copy). */
static void test_empty_path_first(void)
{
	gate_policy *policy = NULL;
	gate_class a, b;
	gate_error err;

	gate_error_init(&err);
	CHECK(gate_policy_load_builtin(&policy, &err) == 0);
	if (!policy)
		return;
	CHECK(gate_classify_path(&a, policy, "", 0, &err) == 0);
	CHECK(gate_classify_path(&b, policy, "", 0, &err) == 0);
	CHECK(a.kind == GATE_MATCH_DEFAULT && b.kind == GATE_MATCH_DEFAULT);
	CHECK(a.tier == policy->default_tier && b.tier == a.tier);
	gate_policy_free(policy);
}

/* explain's cached renderer writes gate_report_explain_text's bytes. */
static void test_explainer_same_text(void)
{
	gate_policy *policy = NULL;
	gate_report_explainer *ex = NULL;
	gate_buf a = GATE_BUF_INIT((size_t)1 << 24), b = GATE_BUF_INIT((size_t)1 << 24);
	gate_file_owners owners;
	const char *names[] = {"@alice", "@org/team\x1b[31m"};
	gate_error err;
	size_t i;

	collect_paths();
	gate_error_init(&err);
	CHECK(gate_policy_load_builtin(&policy, &err) == 0);
	if (!policy)
		return;
	CHECK(gate_report_explainer_new(&ex, policy, &err) == 0);
	memset(&owners, 0, sizeof(owners));
	owners.owners = names;
	owners.nowners = 2;
	owners.line = 7;
	owners.known = 1;
	owners.matched = 1;
	for (i = 0; ex && i < paths.count && i < 5000; i++) {
		gate_class cls;
		const gate_file_owners *po = i % 3 == 0 ? &owners : NULL;

		if (gate_classify_path(&cls, policy, paths.items[i], paths.lens[i], &err) < 0)
			continue;
		CHECK(gate_report_explain_text(&a, policy, paths.items[i], paths.lens[i], &cls, po,
					       &err) == 0);
		CHECK(gate_report_explainer_text(&b, ex, paths.items[i], paths.lens[i], &cls, po,
						 &err) == 0);
	}
	CHECK(a.size > 0 && a.size == b.size && memcmp(a.ptr, b.ptr, a.size) == 0);
	gate_buf_dispose(&a);
	gate_buf_dispose(&b);
	gate_report_explainer_free(ex);
	gate_policy_free(policy);
}

int main(void)
{
	GATE_RUN(test_builtin_and_shipped_policies);
	GATE_RUN(test_adversarial_patterns);
	GATE_RUN(test_limit_before_index);
	GATE_RUN(test_empty_path_first);
	GATE_RUN(test_explainer_same_text);
	printf("classify: %zu comparisons, %zu of them with limit errors, %zu of those answered "
	       "(checked), %zu answered where the check could not tell\n",
	       compared, errors_seen, resolved, unverified);
	return GATE_UNIT_DONE("test_classify");
}
