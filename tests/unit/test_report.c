/*
 * Unit tests of the report: the JSON is parsed back with cJSON and checked
 * key by key, hostile file names (control characters, quotes, non-UTF-8,
 * very long) must survive every format exactly or recoverably, and the text
 * must never hand a raw control character to a terminal.
 */
#include "riskgate/banned.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "riskgate/escape.h"
#include "riskgate/report.h"
#include "riskgate/version.h"
#include "unit.h"

/* Every string of a hand-built fixture is a heap copy, released at the end. */
static char *pool[256];
static size_t npool;

static char *keepn(const char *s, size_t len)
{
	char *p = malloc(len + 1);

	if (!p || npool == sizeof(pool) / sizeof(pool[0])) {
		fprintf(stderr, "test fixture out of memory\n");
		exit(2);
	}
	memcpy(p, s, len);
	p[len] = '\0';
	pool[npool++] = p;
	return p;
}

static char *keep(const char *s)
{
	return s ? keepn(s, strlen(s)) : NULL;
}

static void release_all(void)
{
	while (npool > 0)
		free(pool[--npool]);
}

/* An independent UTF-8 check (the table of well-formed byte sequences in
 * the Unicode standard, ch. 3), to judge the report's output. */
static int utf8_ok(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		unsigned char lo = 0x80, hi = 0xbf;
		size_t n, k;

		if (c <= 0x7f) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3;
		else
			return 0;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
		else if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
		if (i + n + 1 > len)
			return 0;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return 0;
		for (k = 2; k <= n; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xbf)
				return 0;
		i += n + 1;
	}
	return 1;
}

/* Decodes standard base64; returns the length or (size_t)-1. */
static size_t b64_decode(unsigned char *out, size_t cap, const char *in)
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t len = strlen(in), i, o = 0;

	if (len % 4 != 0)
		return (size_t)-1;
	for (i = 0; i < len; i += 4) {
		unsigned v = 0, k, pad = 0;

		for (k = 0; k < 4; k++) {
			const char *p;

			if (in[i + k] == '=') {
				pad++;
				v <<= 6;
				continue;
			}
			if (pad || !in[i + k] || !(p = strchr(alphabet, in[i + k])))
				return (size_t)-1;
			v = (v << 6) | (unsigned)(p - alphabet);
		}
		if (pad > 2 || o + 3 - pad > cap)
			return (size_t)-1;
		out[o++] = (unsigned char)(v >> 16);
		if (pad < 2)
			out[o++] = (unsigned char)(v >> 8);
		if (pad < 1)
			out[o++] = (unsigned char)v;
	}
	return o;
}

static cJSON *get(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

static const char *get_str(const cJSON *obj, const char *key)
{
	const cJSON *item = get(obj, key);

	return cJSON_IsString(item) ? item->valuestring : NULL;
}

static double get_num(const cJSON *obj, const char *key)
{
	const cJSON *item = get(obj, key);

	return cJSON_IsNumber(item) ? item->valuedouble : -1.0;
}

static int starts_with(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Whether the members of `obj` are exactly `keys`, in this order
 * (NULL-terminated). */
static int keys_are(const cJSON *obj, const char *const *keys)
{
	const cJSON *item;
	size_t i = 0;

	if (!cJSON_IsObject(obj))
		return 0;
	for (item = obj->child; item; item = item->next, i++) {
		if (!keys[i] || strcmp(item->string, keys[i]) != 0) {
			fprintf(stderr, "  unexpected key \"%s\" at %zu (wanted \"%s\")\n",
				item->string, i, keys[i] ? keys[i] : "(end)");
			return 0;
		}
	}
	if (keys[i])
		fprintf(stderr, "  missing key \"%s\"\n", keys[i]);
	return keys[i] == NULL;
}

/* Whether the path (and path_base64 when present) of `obj` gives back
 * exactly `len` bytes of `raw`. */
static int path_round_trips(const cJSON *obj, const char *key, const char *b64key, const char *raw,
			    size_t len)
{
	static unsigned char decoded[8192];
	const char *shown = get_str(obj, key);
	const char *b64 = get_str(obj, b64key);
	size_t n;

	if (!shown)
		return 0;
	if (!b64)
		return strlen(shown) == len && memcmp(shown, raw, len) == 0;
	n = b64_decode(decoded, sizeof(decoded), b64);
	return n == len && memcmp(decoded, raw, len) == 0 && utf8_ok(shown, strlen(shown));
}

/*
 * The fixture: a policy with two tiers, a change full of hostile names, a
 * result with requirements and violations.
 */

enum {
	F_LOGIN,
	F_RENAMED,
	F_NEWLINE,
	F_QUOTE,
	F_BACKSLASH,
	F_COLONS,
	F_ESC,
	F_TAB,
	F_BAD,
	F_LONG,
	F_CAFE,
	F_GUARDED,
	F_BINARY,
	F_DELETED,
	F_BIDI,
	NFILES
};

#define LONG_NAME_LEN 5000

typedef struct {
	gate_policy policy;
	gate_tier tiers[2];
	gate_pattern patterns[2];
	gate_file files[NFILES];
	gate_class classes[NFILES]; /* the result's, as gate_evaluate fills them */
	gate_commit commits[2];
	char parents[3][GATE_OID_HEX + 1];
	gate_change change;
	gate_requirement reqs[3];
	gate_violation viols[2];
	gate_result result;
	gate_report report;
	char long_name[LONG_NAME_LEN + 1];
} fixture;

static void set_file(gate_file *f, gate_class *cls, const char *path, size_t len,
		     gate_status status, size_t tier, gate_match_kind kind,
		     const gate_pattern *rule)
{
	memset(f, 0, sizeof(*f));
	f->path = keepn(path, len);
	f->path_len = len;
	f->status = status;
	cls->tier = tier;
	cls->kind = kind;
	cls->rule = rule;
	f->additions = 1;
	f->deletions = 0;
	f->old_mode = 0100644;
	f->new_mode = 0100644;
}

static void fixture_init(fixture *fx)
{
	static const char oid_a[] = "1111111111111111111111111111111111111111";
	static const char oid_b[] = "2222222222222222222222222222222222222222";
	static const char oid_c[] = "3333333333333333333333333333333333333333";
	static char *passing[1], *failing[1];
	gate_file *f = fx->files;
	size_t i;

	memset(fx, 0, sizeof(*fx));

	fx->patterns[0].pattern = keep("(^|/)auth/");
	fx->patterns[0].line = 41;
	fx->patterns[0].col = 5;
	fx->patterns[1].pattern = keep("\\.md$");
	fx->patterns[1].line = 50;
	fx->tiers[0].name = keep("critical");
	fx->tiers[0].paths = &fx->patterns[0];
	fx->tiers[0].npaths = 1;
	fx->tiers[1].name = keep("low");
	fx->tiers[1].paths = &fx->patterns[1];
	fx->tiers[1].npaths = 1;
	fx->policy.source = keep("--policy policies/default.json");
	fx->policy.file = keep("policies/default.json");
	memcpy(fx->policy.sha256,
	       "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789", 65);
	fx->policy.version = 1;
	fx->policy.name = keep("default");
	fx->policy.tiers = fx->tiers;
	fx->policy.ntiers = 2;
	fx->policy.default_tier = 1;

	set_file(&f[F_LOGIN], &fx->classes[F_LOGIN], "src/auth/login.c", 16, GATE_STATUS_MODIFIED,
		 0, GATE_MATCH_PATTERN, &fx->patterns[0]);
	f[F_LOGIN].additions = 12;
	f[F_LOGIN].deletions = 3;
	set_file(&f[F_RENAMED], &fx->classes[F_RENAMED], "docs/a.md", 9, GATE_STATUS_RENAMED, 0,
		 GATE_MATCH_PATTERN, &fx->patterns[0]);
	f[F_RENAMED].old_path = keep("src/auth/a.md");
	f[F_RENAMED].old_path_len = 13;
	set_file(&f[F_NEWLINE], &fx->classes[F_NEWLINE], "new\nline.c", 10, GATE_STATUS_ADDED, 1,
		 GATE_MATCH_DEFAULT, NULL);
	f[F_NEWLINE].old_mode = 0;
	set_file(&f[F_QUOTE], &fx->classes[F_QUOTE], "quo\"te.c", 8, GATE_STATUS_MODIFIED, 1,
		 GATE_MATCH_DEFAULT, NULL);
	set_file(&f[F_BACKSLASH], &fx->classes[F_BACKSLASH], "back\\slash.c", 12,
		 GATE_STATUS_MODIFIED, 1, GATE_MATCH_DEFAULT, NULL);
	set_file(&f[F_COLONS], &fx->classes[F_COLONS], "a::b.c", 6, GATE_STATUS_MODIFIED, 1,
		 GATE_MATCH_DEFAULT, NULL);
	set_file(&f[F_ESC], &fx->classes[F_ESC], "esc\033[31mred\033[2J.c", 17,
		 GATE_STATUS_MODIFIED, 1, GATE_MATCH_DEFAULT, NULL);
	set_file(&f[F_TAB], &fx->classes[F_TAB], "tab\there.c", 10, GATE_STATUS_MODIFIED, 1,
		 GATE_MATCH_DEFAULT, NULL);
	set_file(&f[F_BAD], &fx->classes[F_BAD], "bad\xff\xfe.c", 7, GATE_STATUS_RENAMED, 0,
		 GATE_MATCH_PATTERN, &fx->patterns[0]);
	f[F_BAD].old_path = keep("auth/old\xc0\xaf.c"); /* an overlong '/' */
	f[F_BAD].old_path_len = 12;
	for (i = 0; i < LONG_NAME_LEN - 2; i++)
		fx->long_name[i] = (char)('a' + i % 26);
	memcpy(fx->long_name + LONG_NAME_LEN - 2, ".c", 3);
	set_file(&f[F_LONG], &fx->classes[F_LONG], fx->long_name, LONG_NAME_LEN, GATE_STATUS_ADDED,
		 1, GATE_MATCH_DEFAULT, NULL);
	set_file(&f[F_CAFE], &fx->classes[F_CAFE], "caf\xc3\xa9/\xe6\x97\xa5\xe6\x9c\xac.c", 14,
		 GATE_STATUS_MODIFIED, 1, GATE_MATCH_DEFAULT, NULL);
	set_file(&f[F_GUARDED], &fx->classes[F_GUARDED], ".riskgate.json", 14, GATE_STATUS_MODIFIED,
		 0, GATE_MATCH_GUARDED, NULL);
	set_file(&f[F_BINARY], &fx->classes[F_BINARY], "img.png", 7, GATE_STATUS_MODIFIED, 1,
		 GATE_MATCH_DEFAULT, NULL);
	f[F_BINARY].binary = 1;
	f[F_BINARY].additions = 0;
	f[F_BINARY].new_mode = 0100755;
	set_file(&f[F_DELETED], &fx->classes[F_DELETED], "gone.c", 6, GATE_STATUS_DELETED, 1,
		 GATE_MATCH_DEFAULT, NULL);
	f[F_DELETED].new_mode = 0;
	f[F_DELETED].additions = 0;
	f[F_DELETED].deletions = 7;
	/* U+202E RIGHT-TO-LEFT OVERRIDE and U+0085 NEXT LINE (a C1 control). */
	set_file(&f[F_BIDI], &fx->classes[F_BIDI], "x\xe2\x80\xaegnp.c\xc2\x85", 11,
		 GATE_STATUS_MODIFIED, 1, GATE_MATCH_DEFAULT, NULL);

	memcpy(fx->parents[0], oid_a, sizeof(oid_a));
	memcpy(fx->parents[1], oid_b, sizeof(oid_b));
	memcpy(fx->parents[2], oid_c, sizeof(oid_c));
	memcpy(fx->commits[0].sha, oid_b, sizeof(oid_b));
	fx->commits[0].author_name = keep("Evil \033[2J Author");
	fx->commits[0].author_email = keep("x\xff@example.com");
	fx->commits[0].committer_name = keep("Jos\xc3\xa9");
	fx->commits[0].committer_email = keep("jose@example.com");
	fx->commits[0].message = keep("Fix the \"login\" check\n\nBody.\nAssisted-by: x\n");
	fx->commits[0].nparents = 1;
	fx->commits[0].parents = &fx->parents[0];
	memcpy(fx->commits[1].sha, oid_c, sizeof(oid_c));
	fx->commits[1].author_name = keep("A");
	fx->commits[1].author_email = keep("a@b");
	fx->commits[1].committer_name = keep("A");
	fx->commits[1].committer_email = keep("a@b");
	fx->commits[1].message = keep("\n\nMerge branch 'x'  \r\nmore\n");
	fx->commits[1].nparents = 2;
	fx->commits[1].parents = &fx->parents[0];

	memcpy(fx->change.base, oid_a, sizeof(oid_a));
	memcpy(fx->change.head, oid_c, sizeof(oid_c));
	memcpy(fx->change.merge_base, oid_a, sizeof(oid_a));
	fx->change.files = fx->files;
	fx->change.nfiles = NFILES;
	fx->change.commits = fx->commits;
	fx->change.ncommits = 2;

	passing[0] = keep("src/auth/login.c");
	failing[0] = keep("bad\xff\xfe.c");
	fx->reqs[0].tier = keep("critical");
	fx->reqs[0].check = keep("tests");
	fx->reqs[0].status = GATE_REQ_FAIL;
	fx->reqs[0].detail = keep("paired tests required; 1 source file has none");
	fx->reqs[0].passing.items = passing;
	fx->reqs[0].passing.count = 1;
	fx->reqs[0].failing.items = failing;
	fx->reqs[0].failing.count = 1;
	fx->reqs[1].tier = keep("low");
	fx->reqs[1].check = keep("max_files");
	fx->reqs[1].status = GATE_REQ_PASS;
	fx->reqs[1].detail = keep("at most 100 files; 11 changed");
	fx->reqs[2].tier = keep("critical");
	fx->reqs[2].check = keep("reviewers");
	fx->reqs[2].status = GATE_REQ_UNVERIFIED;
	fx->reqs[2].detail = NULL;

	fx->viols[0].check = keep("tests");
	fx->viols[0].tier = keep("critical");
	fx->viols[0].severity = GATE_SEV_ERROR;
	fx->viols[0].path = keep("bad\xff\xfe.c");
	fx->viols[0].line = 12;
	fx->viols[0].message = keep("no test changed for this file\033[2J");
	fx->viols[0].hint = keep("change tests/test_bad.c");
	memcpy(fx->viols[0].fingerprint, "0123456789abcdef0123456789abcdef", 33);
	fx->viols[1].check = keep("content");
	fx->viols[1].rule = keep("swallowed-error");
	fx->viols[1].tier = keep("low");
	fx->viols[1].severity = GATE_SEV_WARNING;
	fx->viols[1].commit = keep(oid_b);
	fx->viols[1].message = keep("error ignored");
	memcpy(fx->viols[1].fingerprint, "fedcba9876543210fedcba9876543210", 33);

	fx->result.reqs = fx->reqs;
	fx->result.nreqs = 3;
	fx->result.viols = fx->viols;
	fx->result.nviols = 2;
	fx->result.classes = fx->classes;
	fx->result.nclasses = NFILES;

	fx->report.policy = &fx->policy;
	fx->report.change = &fx->change;
	fx->report.result = &fx->result;
	fx->report.error = NULL;
}

/* Renders the JSON of `report` and parses it back (NULL on any failure). */
static cJSON *render_json(const gate_report *report)
{
	gate_buf out = GATE_BUF_INIT(16 * 1024 * 1024);
	gate_error err;
	cJSON *root = NULL;

	gate_error_init(&err);
	if (gate_report_json(&out, report, &err) < 0) {
		fprintf(stderr, "  gate_report_json: %s\n", err.message);
		goto done;
	}
	if (out.size == 0 || out.ptr[out.size - 1] != '\n' || strlen(out.ptr) != out.size) {
		fprintf(stderr, "  report not newline-terminated or holds NUL\n");
		goto done;
	}
	if (!utf8_ok(out.ptr, out.size)) {
		fprintf(stderr, "  report is not valid UTF-8\n");
		goto done;
	}
	root = cJSON_Parse(out.ptr);

done:
	gate_buf_dispose(&out);
	return root;
}

static char *render_text(const gate_report *report, int color)
{
	gate_buf out = GATE_BUF_INIT(16 * 1024 * 1024);
	gate_error err;

	gate_error_init(&err);
	if (gate_report_text(&out, report, color, &err) < 0) {
		fprintf(stderr, "  gate_report_text: %s\n", err.message);
		gate_buf_dispose(&out);
		return NULL;
	}
	return gate_buf_detach(&out);
}

static char *quote(const char *s, size_t len)
{
	gate_buf out = GATE_BUF_INIT(1024 * 1024);
	gate_error err;

	gate_error_init(&err);
	if (gate_escape_terminal_name(&out, s, len, &err) < 0) {
		gate_buf_dispose(&out);
		return NULL;
	}
	return gate_buf_detach(&out);
}

#define CHECK_QUOTE(in, want)                                                                      \
	do {                                                                                       \
		char *q_ = quote((in), sizeof(in) - 1);                                            \
		CHECK_STR(q_, (want));                                                             \
		free(q_);                                                                          \
	} while (0)

static void test_quote_terminal(void)
{
	CHECK_QUOTE("src/auth/login.c", "src/auth/login.c");
	CHECK_QUOTE("a::b.c", "a::b.c");
	CHECK_QUOTE("with space.c", "with space.c");
	CHECK_QUOTE("caf\xc3\xa9/\xe6\x97\xa5\xe6\x9c\xac.c",
		    "caf\xc3\xa9/\xe6\x97\xa5\xe6\x9c\xac.c");
	CHECK_QUOTE("\xf0\x9f\x98\x80.c", "\xf0\x9f\x98\x80.c");
	CHECK_QUOTE("new\nline", "\"new\\nline\"");
	CHECK_QUOTE("tab\there", "\"tab\\there\"");
	CHECK_QUOTE("cr\rbs\bbel\a", "\"cr\\rbs\\bbel\\a\"");
	CHECK_QUOTE("esc\033[31m", "\"esc\\033[31m\"");
	CHECK_QUOTE("del\177", "\"del\\177\"");
	CHECK_QUOTE("quo\"te", "\"quo\\\"te\"");
	CHECK_QUOTE("back\\slash", "\"back\\\\slash\"");
	CHECK_QUOTE("bad\xff\xfe", "\"bad\\377\\376\"");
	CHECK_QUOTE("c1\xc2\x85", "\"c1\\302\\205\"");
	CHECK_QUOTE("csi\xc2\x9b", "\"csi\\302\\233\"");
	CHECK_QUOTE("rlo\xe2\x80\xae", "\"rlo\\342\\200\\256\"");
	CHECK_QUOTE("overlong\xc0\xaf", "\"overlong\\300\\257\"");
	CHECK_QUOTE("surrogate\xed\xa0\x80", "\"surrogate\\355\\240\\200\"");
	CHECK_QUOTE("big\xf4\x90\x80\x80", "\"big\\364\\220\\200\\200\"");
	CHECK_QUOTE("cut\xe6\x97", "\"cut\\346\\227\"");
	CHECK_QUOTE("", "");
	/* A NUL inside the given length is escaped, not a terminator. */
	CHECK_QUOTE("a\0b", "\"a\\000b\"");
}

static void test_quote_terminal_append_only(void)
{
	gate_buf out = GATE_BUF_INIT(7);
	gate_error err;

	gate_error_init(&err);
	CHECK(gate_buf_puts(&out, "ab", &err) == 0);
	/* Too long for the buffer: fails and leaves the content alone. */
	CHECK(gate_escape_terminal_name(&out, "x\ny", 3, &err) < 0);
	CHECK(err.klass == GATE_ERR_NOMEM);
	CHECK(out.size == 2);
	CHECK_STR(out.ptr, "ab");
	gate_buf_dispose(&out);
	gate_buf_init(&out, 64);
	CHECK(gate_buf_puts(&out, "ab", &err) == 0);
	CHECK(gate_escape_terminal_name(&out, "x\ny", 3, &err) == 0);
	CHECK_STR(out.ptr, "ab\"x\\ny\"");
	gate_buf_dispose(&out);
}

/* The top-level keys of every JSON report, in their order (docs/report.md). */
static const char *const top[] = {"schema_version",
				  "tool",
				  "verdict",
				  "range",
				  "policy",
				  "summary",
				  "files",
				  "commits",
				  "requirements",
				  "conditions",
				  "violations",
				  "waivers",
				  "ignored_approvals",
				  "carried_approvals",
				  "walkthrough",
				  "errors",
				  NULL};

static void test_json_top_level(void)
{
	static const char *const tool_keys[] = {"name", "version", NULL};
	static const char *const range_keys[] = {"base",    "head",           "merge_base",
						 "shallow", "copies_limited", NULL};
	static const char *const policy_keys[] = {"source", "sha256", "name", NULL};
	static const char *const summary_keys[] = {"files",    "commits", "violations",
						   "warnings", "tiers",   NULL};
	static const char *const tier_keys[] = {"critical", "low", NULL};
	fixture fx;
	cJSON *root, *summary;

	fixture_init(&fx);
	root = render_json(&fx.report);
	CHECK(root != NULL);
	if (!root)
		goto done;
	CHECK(keys_are(root, top));
	CHECK(get_num(root, "schema_version") == 1);
	CHECK(keys_are(get(root, "tool"), tool_keys));
	CHECK_STR(get_str(get(root, "tool"), "name"), "riskgate");
	CHECK_STR(get_str(get(root, "tool"), "version"), GATE_VERSION);
	CHECK_STR(get_str(root, "verdict"), "fail");
	CHECK(keys_are(get(root, "range"), range_keys));
	CHECK_STR(get_str(get(root, "range"), "base"), fx.change.base);
	CHECK_STR(get_str(get(root, "range"), "head"), fx.change.head);
	CHECK_STR(get_str(get(root, "range"), "merge_base"), fx.change.merge_base);
	CHECK(cJSON_IsFalse(get(get(root, "range"), "shallow")));
	CHECK(keys_are(get(root, "policy"), policy_keys));
	CHECK_STR(get_str(get(root, "policy"), "source"), "--policy policies/default.json");
	CHECK_STR(get_str(get(root, "policy"), "sha256"), fx.policy.sha256);
	CHECK_STR(get_str(get(root, "policy"), "name"), "default");
	summary = get(root, "summary");
	CHECK(keys_are(summary, summary_keys));
	CHECK(get_num(summary, "files") == NFILES);
	CHECK(get_num(summary, "commits") == 2);
	CHECK(get_num(summary, "violations") == 1);
	CHECK(get_num(summary, "warnings") == 1);
	CHECK(keys_are(get(summary, "tiers"), tier_keys));
	CHECK(get_num(get(summary, "tiers"), "critical") == 4);
	CHECK(get_num(get(summary, "tiers"), "low") == NFILES - 4);
	CHECK(cJSON_GetArraySize(get(root, "files")) == NFILES);
	CHECK(cJSON_GetArraySize(get(root, "commits")) == 2);
	CHECK(cJSON_GetArraySize(get(root, "requirements")) == 3);
	CHECK(cJSON_GetArraySize(get(root, "violations")) == 2);
	CHECK(cJSON_IsArray(get(root, "waivers")) && cJSON_GetArraySize(get(root, "waivers")) == 0);
	CHECK(cJSON_IsArray(get(root, "errors")) && cJSON_GetArraySize(get(root, "errors")) == 0);

done:
	cJSON_Delete(root);
	release_all();
}

static void test_json_files(void)
{
	static const char *const plain[] = {"path",     "status",       "tier",      "rule",
					    "binary",   "additions",    "deletions", "old_mode",
					    "new_mode", "ai_additions", "ai_lines",  NULL};
	static const char *const renamed[] = {
	    "path",      "old_path", "status",   "tier",         "rule",     "binary", "additions",
	    "deletions", "old_mode", "new_mode", "ai_additions", "ai_lines", NULL};
	static const char *const bad[] = {
	    "path",     "path_base64", "old_path",     "old_path_base64", "status",
	    "tier",     "rule",        "binary",       "additions",       "deletions",
	    "old_mode", "new_mode",    "ai_additions", "ai_lines",        NULL};
	static const char *const added[] = {"path",         "status",    "tier",      "rule",
					    "binary",       "additions", "deletions", "new_mode",
					    "ai_additions", "ai_lines",  NULL};
	static const char *const deleted[] = {"path",         "status",    "tier",      "rule",
					      "binary",       "additions", "deletions", "old_mode",
					      "ai_additions", "ai_lines",  NULL};
	fixture fx;
	cJSON *root, *files, *f;
	size_t i;

	fixture_init(&fx);
	root = render_json(&fx.report);
	CHECK(root != NULL);
	if (!root)
		goto done;
	files = get(root, "files");

	f = cJSON_GetArrayItem(files, F_LOGIN);
	CHECK(keys_are(f, plain));
	CHECK_STR(get_str(f, "path"), "src/auth/login.c");
	CHECK_STR(get_str(f, "status"), "modified");
	CHECK_STR(get_str(f, "tier"), "critical");
	CHECK_STR(get_str(f, "rule"), "policies/default.json:41: (^|/)auth/");
	CHECK(cJSON_IsFalse(get(f, "binary")));
	CHECK(get_num(f, "additions") == 12);
	CHECK(get_num(f, "deletions") == 3);
	CHECK_STR(get_str(f, "old_mode"), "100644");
	CHECK_STR(get_str(f, "new_mode"), "100644");

	f = cJSON_GetArrayItem(files, F_RENAMED);
	CHECK(keys_are(f, renamed));
	CHECK_STR(get_str(f, "old_path"), "src/auth/a.md");
	CHECK_STR(get_str(f, "status"), "renamed");

	f = cJSON_GetArrayItem(files, F_NEWLINE);
	CHECK(keys_are(f, added));
	CHECK_STR(get_str(f, "status"), "added");
	CHECK_STR(get_str(f, "tier"), "low");
	CHECK_STR(get_str(f, "rule"), "default_tier");

	f = cJSON_GetArrayItem(files, F_GUARDED);
	CHECK_STR(get_str(f, "tier"), "critical");
	CHECK_STR(get_str(f, "rule"),
		  "guarded: the policy file, CODEOWNERS and the files that change how git "
		  "reads the tree are always in the highest tier");

	f = cJSON_GetArrayItem(files, F_BINARY);
	CHECK(cJSON_IsTrue(get(f, "binary")));
	CHECK_STR(get_str(f, "new_mode"), "100755");

	f = cJSON_GetArrayItem(files, F_DELETED);
	CHECK(keys_are(f, deleted));
	CHECK_STR(get_str(f, "status"), "deleted");
	CHECK(get_num(f, "deletions") == 7);

	/* Non-UTF-8 names: replacement characters, and the exact bytes in base64. */
	f = cJSON_GetArrayItem(files, F_BAD);
	CHECK(keys_are(f, bad));
	CHECK_STR(get_str(f, "path"), "bad\xef\xbf\xbd\xef\xbf\xbd.c");
	CHECK_STR(get_str(f, "path_base64"), "YmFk//4uYw==");
	CHECK_STR(get_str(f, "old_path"), "auth/old\xef\xbf\xbd\xef\xbf\xbd.c");

	/* Every name comes back exactly, directly or through base64. */
	for (i = 0; i < NFILES; i++) {
		/* The fixture keeps change.h's invariant: no NUL in a path. */
		CHECK(strlen(fx.files[i].path) == fx.files[i].path_len);
		f = cJSON_GetArrayItem(files, (int)i);
		CHECK(path_round_trips(f, "path", "path_base64", fx.files[i].path,
				       fx.files[i].path_len));
		if (fx.files[i].old_path)
			CHECK(path_round_trips(f, "old_path", "old_path_base64",
					       fx.files[i].old_path, fx.files[i].old_path_len));
		/* Valid UTF-8 never gets a base64 twin. */
		if (utf8_ok(fx.files[i].path, fx.files[i].path_len))
			CHECK(get(f, "path_base64") == NULL);
	}
	CHECK(strlen(get_str(cJSON_GetArrayItem(files, F_LONG), "path")) == LONG_NAME_LEN);

done:
	cJSON_Delete(root);
	release_all();
}

static void test_json_commits_requirements_violations(void)
{
	static const char *const commit_keys[] = {"sha",     "author",  "committer",
						  "parents", "subject", NULL};
	static const char *const person_keys[] = {"name", "email", NULL};
	static const char *const req_keys[] = {"tier",    "check",   "status", "detail",
					       "passing", "failing", NULL};
	static const char *const viol0_keys[] = {"check",       "tier", "severity", "path",
						 "path_base64", "line", "message",  "hint",
						 "fingerprint", NULL};
	static const char *const viol1_keys[] = {"check",  "rule",    "tier",        "severity",
						 "commit", "message", "fingerprint", NULL};
	fixture fx;
	cJSON *root, *c, *r, *v;

	fixture_init(&fx);
	root = render_json(&fx.report);
	CHECK(root != NULL);
	if (!root)
		goto done;

	c = cJSON_GetArrayItem(get(root, "commits"), 0);
	CHECK(keys_are(c, commit_keys));
	CHECK_STR(get_str(c, "sha"), fx.commits[0].sha);
	CHECK(keys_are(get(c, "author"), person_keys));
	CHECK_STR(get_str(get(c, "author"), "name"), "Evil \033[2J Author");
	CHECK_STR(get_str(get(c, "author"), "email"), "x\xef\xbf\xbd@example.com");
	CHECK_STR(get_str(get(c, "committer"), "name"), "Jos\xc3\xa9");
	CHECK(cJSON_GetArraySize(get(c, "parents")) == 1);
	CHECK_STR(cJSON_GetArrayItem(get(c, "parents"), 0)->valuestring, fx.parents[0]);
	CHECK_STR(get_str(c, "subject"), "Fix the \"login\" check");
	c = cJSON_GetArrayItem(get(root, "commits"), 1);
	CHECK(cJSON_GetArraySize(get(c, "parents")) == 2);
	CHECK_STR(get_str(c, "subject"), "Merge branch 'x'");

	r = cJSON_GetArrayItem(get(root, "requirements"), 0);
	CHECK(keys_are(r, req_keys));
	CHECK_STR(get_str(r, "tier"), "critical");
	CHECK_STR(get_str(r, "check"), "tests");
	CHECK_STR(get_str(r, "status"), "fail");
	CHECK_STR(get_str(r, "detail"), "paired tests required; 1 source file has none");
	CHECK_STR(cJSON_GetArrayItem(get(r, "passing"), 0)->valuestring, "src/auth/login.c");
	CHECK_STR(cJSON_GetArrayItem(get(r, "failing"), 0)->valuestring,
		  "bad\xef\xbf\xbd\xef\xbf\xbd.c");
	r = cJSON_GetArrayItem(get(root, "requirements"), 1);
	CHECK_STR(get_str(r, "status"), "pass");
	CHECK(cJSON_GetArraySize(get(r, "passing")) == 0);
	r = cJSON_GetArrayItem(get(root, "requirements"), 2);
	CHECK_STR(get_str(r, "status"), "unverified");
	CHECK_STR(get_str(r, "detail"), "");

	v = cJSON_GetArrayItem(get(root, "violations"), 0);
	CHECK(keys_are(v, viol0_keys));
	CHECK_STR(get_str(v, "severity"), "error");
	CHECK_STR(get_str(v, "path_base64"), "YmFk//4uYw==");
	CHECK(get_num(v, "line") == 12);
	CHECK_STR(get_str(v, "message"), "no test changed for this file\033[2J");
	CHECK_STR(get_str(v, "hint"), "change tests/test_bad.c");
	CHECK_STR(get_str(v, "fingerprint"), "0123456789abcdef0123456789abcdef");
	v = cJSON_GetArrayItem(get(root, "violations"), 1);
	CHECK(keys_are(v, viol1_keys));
	CHECK_STR(get_str(v, "rule"), "swallowed-error");
	CHECK_STR(get_str(v, "severity"), "warning");
	CHECK_STR(get_str(v, "commit"), fx.commits[0].sha);

done:
	cJSON_Delete(root);
	release_all();
}

/* Edge cases of the UTF-8 validation, seen through a file name. */
static void test_json_utf8_edges(void)
{
	static const struct {
		const char *name;
		size_t len;
		int valid;
	} cases[] = {
	    {"ascii", 5, 1},
	    {"\xc3\xa9", 2, 1},
	    {"\xe6\x97\xa5", 3, 1},
	    {"\xf0\x9f\x98\x80", 4, 1},
	    {"\xf4\x8f\xbf\xbf", 4, 1}, /* U+10FFFF */
	    {"\xef\xbf\xbf", 3, 1},     /* U+FFFF */
	    {"\xed\x9f\xbf", 3, 1},     /* U+D7FF */
	    {"\xee\x80\x80", 3, 1},     /* U+E000 */
	    {"\xc0\xaf", 2, 0},         /* overlong '/' */
	    {"\xc1\xbf", 2, 0},         /* overlong */
	    {"\xe0\x80\xaf", 3, 0},     /* overlong */
	    {"\xe0\x9f\xbf", 3, 0},     /* overlong U+07FF */
	    {"\xf0\x8f\xbf\xbf", 4, 0}, /* overlong U+FFFF */
	    {"\xed\xa0\x80", 3, 0},     /* surrogate U+D800 */
	    {"\xed\xbf\xbf", 3, 0},     /* surrogate U+DFFF */
	    {"\xf4\x90\x80\x80", 4, 0}, /* U+110000 */
	    {"\xf5\x80\x80\x80", 4, 0},
	    {"\xf8\x88\x80\x80\x80", 5, 0}, /* 5-byte form */
	    {"\x80", 1, 0},                 /* stray continuation */
	    {"\xe6\x97", 2, 0},             /* truncated */
	    {"\xe6\x97x", 3, 0},            /* interrupted */
	    {"\xfe\xff", 2, 0},
	};
	fixture fx;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cJSON *root, *f;

		fixture_init(&fx);
		set_file(&fx.files[0], &fx.classes[0], cases[i].name, cases[i].len,
			 GATE_STATUS_ADDED, 1, GATE_MATCH_DEFAULT, NULL);
		fx.change.nfiles = 1;
		root = render_json(&fx.report);
		CHECK(root != NULL);
		if (root) {
			f = cJSON_GetArrayItem(get(root, "files"), 0);
			if ((get(f, "path_base64") == NULL) != cases[i].valid)
				fprintf(stderr, "  case %zu misjudged\n", i);
			CHECK((get(f, "path_base64") == NULL) == cases[i].valid);
			CHECK(path_round_trips(f, "path", "path_base64", cases[i].name,
					       cases[i].len));
		}
		cJSON_Delete(root);
		release_all();
	}
}

static void test_json_base64_vectors(void)
{
	/* RFC 4648 test vectors behind an invalid byte, so base64 is emitted. */
	static const struct {
		const char *name;
		const char *b64;
	} cases[] = {
	    {"\xff", "/w=="},
	    {"\xff"
	     "f",
	     "/2Y="},
	    {"\xff"
	     "fo",
	     "/2Zv"},
	    {"\xff"
	     "foo",
	     "/2Zvbw=="},
	    {"\xff"
	     "foob",
	     "/2Zvb2I="},
	    {"\xff"
	     "fooba",
	     "/2Zvb2Jh"},
	};
	fixture fx;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cJSON *root;

		fixture_init(&fx);
		set_file(&fx.files[0], &fx.classes[0], cases[i].name, strlen(cases[i].name),
			 GATE_STATUS_ADDED, 1, GATE_MATCH_DEFAULT, NULL);
		fx.change.nfiles = 1;
		root = render_json(&fx.report);
		CHECK(root != NULL);
		if (root)
			CHECK_STR(get_str(cJSON_GetArrayItem(get(root, "files"), 0), "path_base64"),
				  cases[i].b64);
		cJSON_Delete(root);
		release_all();
	}
}

static void test_verdicts(void)
{
	static char *errs[1];
	gate_requirement pass_req;
	gate_error run_err;
	fixture fx;
	cJSON *root;
	char *text;

	/* Violations and failing requirements: fail. */
	fixture_init(&fx);
	CHECK(gate_report_verdict(&fx.report) == GATE_VERDICT_FAIL);

	/* Nothing wrong: pass. */
	memset(&pass_req, 0, sizeof(pass_req));
	pass_req.tier = keep("critical");
	pass_req.check = keep("tests");
	pass_req.status = GATE_REQ_PASS;
	fx.result.reqs = &pass_req;
	fx.result.nreqs = 1;
	fx.result.nviols = 0;
	CHECK(gate_report_verdict(&fx.report) == GATE_VERDICT_PASS);
	root = render_json(&fx.report);
	CHECK_STR(get_str(root, "verdict"), "pass");
	cJSON_Delete(root);

	/* Only a warning: still a pass. */
	fx.result.viols = &fx.viols[1];
	fx.result.nviols = 1;
	CHECK(gate_report_verdict(&fx.report) == GATE_VERDICT_PASS);

	/* An error recorded by a check: error, and it is in "errors". */
	errs[0] = keep("regex limit hit in rule x");
	fx.result.errors.items = errs;
	fx.result.errors.count = 1;
	CHECK(gate_report_verdict(&fx.report) == GATE_VERDICT_ERROR);
	root = render_json(&fx.report);
	CHECK_STR(get_str(root, "verdict"), "error");
	CHECK_STR(get_str(cJSON_GetArrayItem(get(root, "errors"), 0), "class"), "check");
	CHECK_STR(get_str(cJSON_GetArrayItem(get(root, "errors"), 0), "message"),
		  "regex limit hit in rule x");
	cJSON_Delete(root);
	text = render_text(&fx.report, 0);
	CHECK(starts_with(text, "riskgate: ERROR \xe2\x80\x94 1 warning, 1 error in 15 files "));
	CHECK(text &&
	      strstr(text, "\nerrors:\n  \xe2\x9c\x97 regex limit hit in rule x\n") != NULL);
	CHECK(text && strstr(text, "fails closed") != NULL);
	CHECK(text && strstr(text, "\nverdict: error\n") != NULL);
	free(text);
	fx.result.errors.count = 0;

	/* An error object with klass NONE does not make an error. */
	gate_error_init(&run_err);
	fx.report.error = &run_err;
	CHECK(gate_report_verdict(&fx.report) == GATE_VERDICT_PASS);
	/* A set error always does, whatever the result says. */
	gate_error_set(&run_err, GATE_ERR_REGEX, "match limit");
	CHECK(gate_report_verdict(&fx.report) == GATE_VERDICT_ERROR);
	/* No result and no error: fail closed. */
	fx.report.error = NULL;
	fx.report.result = NULL;
	CHECK(gate_report_verdict(&fx.report) == GATE_VERDICT_ERROR);
	root = render_json(&fx.report);
	CHECK_STR(get_str(root, "verdict"), "error");
	CHECK(cJSON_GetArraySize(get(root, "errors")) == 1);
	cJSON_Delete(root);
	CHECK(gate_report_verdict(NULL) == GATE_VERDICT_ERROR);
	release_all();
}

static void test_json_error_report(void)
{
	static const char *const err_keys[] = {"class", "message", "file", "line", "column", NULL};
	static const char *const err_keys_short[] = {"class", "message", NULL};
	gate_report report;
	gate_error run_err;
	fixture fx;
	cJSON *root, *e, *summary;

	gate_error_set_at(&run_err, GATE_ERR_POLICY, "policy.json", 3, 7, "unknown key \"x\033\"");
	memset(&report, 0, sizeof(report));
	report.error = &run_err;
	CHECK(gate_report_verdict(&report) == GATE_VERDICT_ERROR);
	root = render_json(&report);
	CHECK(root != NULL);
	if (!root)
		goto done;
	CHECK(keys_are(root, top));
	CHECK_STR(get_str(root, "verdict"), "error");
	CHECK(cJSON_IsNull(get(root, "range")));
	CHECK(cJSON_IsNull(get(root, "policy")));
	summary = get(root, "summary");
	CHECK(get_num(summary, "files") == 0);
	CHECK(get_num(summary, "violations") == 0);
	CHECK(cJSON_IsObject(get(summary, "tiers")) && get(summary, "tiers")->child == NULL);
	CHECK(cJSON_GetArraySize(get(root, "files")) == 0);
	CHECK(cJSON_GetArraySize(get(root, "requirements")) == 0);
	CHECK(cJSON_GetArraySize(get(root, "errors")) == 1);
	e = cJSON_GetArrayItem(get(root, "errors"), 0);
	CHECK(keys_are(e, err_keys));
	CHECK_STR(get_str(e, "class"), gate_error_class_name(GATE_ERR_POLICY));
	CHECK(strstr(get_str(e, "message"), "unknown key \"x\033\"") != NULL);
	CHECK_STR(get_str(e, "file"), "policy.json");
	CHECK(get_num(e, "line") == 3);
	CHECK(get_num(e, "column") == 7);
	cJSON_Delete(root);

	/* An error in the middle of the evaluation: the policy and change are
	 * known, one file not yet classified (its class still zero), nothing
	 * else in the result. */
	fixture_init(&fx);
	memset(&fx.classes[F_LOGIN], 0, sizeof(fx.classes[F_LOGIN]));
	gate_error_set(&run_err, GATE_ERR_REPO, "object \xff missing");
	fx.report.error = &run_err;
	memset(&fx.result, 0, sizeof(fx.result));
	fx.result.classes = fx.classes;
	fx.result.nclasses = NFILES;
	root = render_json(&fx.report);
	CHECK(root != NULL);
	if (!root)
		goto done;
	CHECK_STR(get_str(root, "verdict"), "error");
	CHECK_STR(get_str(get(root, "range"), "head"), fx.change.head);
	CHECK_STR(get_str(get(root, "policy"), "name"), "default");
	CHECK(cJSON_IsNull(get(cJSON_GetArrayItem(get(root, "files"), F_LOGIN), "tier")));
	CHECK(cJSON_IsNull(get(cJSON_GetArrayItem(get(root, "files"), F_LOGIN), "rule")));
	CHECK(get_num(get(get(root, "summary"), "tiers"), "critical") == 3);
	e = cJSON_GetArrayItem(get(root, "errors"), 0);
	CHECK(keys_are(e, err_keys_short));
	CHECK_STR(get_str(e, "class"), gate_error_class_name(GATE_ERR_REPO));
	CHECK(strstr(get_str(e, "message"), "object \xef\xbf\xbd missing") != NULL);

done:
	cJSON_Delete(root);
	release_all();
}

/* The report over a result built by result.c itself, as gate_evaluate does. */
static void test_json_real_result(void)
{
	gate_requirement *req = NULL;
	gate_violation v;
	gate_result res;
	gate_error err;
	fixture fx;
	cJSON *root = NULL, *jv;
	const char *fp;
	size_t i;

	fixture_init(&fx);
	gate_result_init(&res);
	gate_error_init(&err);
	CHECK(gate_result_add_requirement(&res, &req, "critical", "tests", GATE_REQ_FAIL,
					  "1 file without a test", &err) == 0);
	if (req)
		CHECK(gate_strlist_add(&req->failing, "bad\xff.c", &err) == 0);
	memset(&v, 0, sizeof(v));
	v.check = keep("tests");
	v.tier = keep("critical");
	v.path = keep("bad\xff.c");
	v.message = keep("no test");
	CHECK(gate_result_add_violation(&res, &v, &err) == 0);
	fx.report.result = &res;
	root = render_json(&fx.report);
	CHECK(root != NULL);
	if (!root)
		goto done;
	CHECK_STR(get_str(root, "verdict"), "fail");
	CHECK_STR(
	    cJSON_GetArrayItem(get(cJSON_GetArrayItem(get(root, "requirements"), 0), "failing"), 0)
		->valuestring,
	    "bad\xef\xbf\xbd.c");
	jv = cJSON_GetArrayItem(get(root, "violations"), 0);
	CHECK_STR(get_str(jv, "path_base64"), "YmFk/y5j");
	fp = get_str(jv, "fingerprint");
	CHECK(res.nviols == 1);
	if (res.nviols == 1)
		CHECK_STR(fp, res.viols[0].fingerprint);
	CHECK(fp && strlen(fp) == 32);
	for (i = 0; fp && fp[i]; i++)
		CHECK(strchr("0123456789abcdef", fp[i]) != NULL);

done:
	cJSON_Delete(root);
	gate_result_dispose(&res);
	release_all();
}

static void test_json_append_only(void)
{
	gate_buf out = GATE_BUF_INIT(64);
	gate_error err;
	fixture fx;

	fixture_init(&fx);
	gate_error_init(&err);
	CHECK(gate_buf_puts(&out, "keep", &err) == 0);
	CHECK(gate_report_json(&out, &fx.report, &err) < 0);
	CHECK(err.klass == GATE_ERR_NOMEM);
	CHECK(out.size == 4);
	gate_error_init(&err);
	CHECK(gate_report_text(&out, &fx.report, 0, &err) < 0);
	CHECK(err.klass == GATE_ERR_NOMEM);
	CHECK(out.size == 4);
	CHECK_STR(out.ptr, "keep");
	gate_buf_dispose(&out);
	release_all();
}

static int only_our_colours(const char *s)
{
	static const char *const codes[] = {"\033[0m", "\033[1m", "\033[31m", "\033[32m",
					    "\033[33m"};
	size_t k;

	for (; (s = strchr(s, '\033')) != NULL; s++) {
		for (k = 0; k < sizeof(codes) / sizeof(codes[0]); k++)
			if (strncmp(s, codes[k], strlen(codes[k])) == 0)
				break;
		if (k == sizeof(codes) / sizeof(codes[0]))
			return 0;
	}
	return 1;
}

static void test_text_fail(void)
{
	fixture fx;
	char *text = NULL, *colored = NULL;

	fixture_init(&fx);
	text = render_text(&fx.report, 0);
	CHECK(text != NULL);
	if (!text)
		goto done;
	CHECK(starts_with(text, "riskgate: FAIL \xe2\x80\x94 1 violation, 1 warning, 2 "
				"requirements not met in 15 files (critical: 4, low: 11)\n"));
	CHECK(strstr(text, "range: 111111111111..333333333333 (2 commits)\n") != NULL);
	CHECK(strstr(text, "policy: default (--policy policies/default.json, sha256 "
			   "abcdef012345\xe2\x80\xa6)\n") != NULL);
	CHECK(strstr(text, "src/auth/login.c  (+12 -3)  rule policies/default.json:41 "
			   "(^|/)auth/\n") != NULL);
	CHECK(strstr(text, "docs/a.md <- src/auth/a.md") != NULL);
	/* Hostile names are quoted and escaped, never raw. */
	CHECK(strchr(text, '\033') == NULL);
	CHECK(strstr(text, "\"new\\nline.c\"") != NULL);
	CHECK(strstr(text, "new\nline") == NULL);
	CHECK(strstr(text, "\"tab\\there.c\"") != NULL);
	CHECK(strstr(text, "\"quo\\\"te.c\"") != NULL);
	CHECK(strstr(text, "\"back\\\\slash.c\"") != NULL);
	CHECK(strstr(text, "\"esc\\033[31mred\\033[2J.c\"") != NULL);
	CHECK(strstr(text, "\"bad\\377\\376.c\" <- \"auth/old\\300\\257.c\"") != NULL);
	CHECK(strstr(text, "\"x\\342\\200\\256gnp.c\\302\\205\"") != NULL);
	CHECK(strstr(text, "  a::b.c  ") != NULL);
	CHECK(strstr(text, "caf\xc3\xa9/\xe6\x97\xa5\xe6\x9c\xac.c") != NULL);
	CHECK(strstr(text, fx.long_name) != NULL);
	CHECK(strstr(text, "img.png  (binary)  mode 100644 -> 100755") != NULL);
	/* Requirements, violations with their fix, and the verdict. */
	CHECK(strstr(text, "\nrequirements:\n") != NULL);
	CHECK(strstr(text, "  critical  tests      FAIL        paired tests required") != NULL);
	CHECK(strstr(text, "UNVERIFIED\n") != NULL);
	CHECK(strstr(text, "\xe2\x9c\x97 \"bad\\377\\376.c\":12: [critical] tests: no test "
			   "changed for this file\\033[2J\n      how to fix: change "
			   "tests/test_bad.c\n") != NULL);
	CHECK(strstr(text, "! [low] content/swallowed-error (commit 222222222222): error "
			   "ignored (warning)\n") != NULL);
	CHECK(strlen(text) > strlen("\nverdict: fail\n"));
	CHECK_STR(text + strlen(text) - strlen("\nverdict: fail\n"), "\nverdict: fail\n");

	colored = render_text(&fx.report, 1);
	CHECK(colored != NULL);
	if (!colored)
		goto done;
	CHECK(starts_with(colored, "riskgate: \033[31mFAIL\033[0m \xe2\x80\x94 "));
	CHECK(strstr(colored, "\033[31mFAIL\033[0m") != NULL);
	CHECK(strstr(colored, "\033[32mPASS\033[0m") != NULL);
	CHECK(strstr(colored, "\033[33mUNVERIFIED\033[0m") != NULL);
	CHECK(strstr(colored, "verdict: \033[31mfail\033[0m\n") != NULL);
	CHECK(only_our_colours(colored));
	CHECK(strstr(colored, "\033[2J") == NULL);

done:
	free(text);
	free(colored);
	release_all();
}

static void test_text_pass(void)
{
	gate_requirement req;
	fixture fx;
	char *text = NULL;

	fixture_init(&fx);
	memset(&req, 0, sizeof(req));
	req.tier = keep("critical");
	req.check = keep("tests");
	req.status = GATE_REQ_PASS;
	req.detail = keep("tests changed");
	fx.result.reqs = &req;
	fx.result.nreqs = 1;
	fx.result.nviols = 0;
	fx.change.nfiles = 1;
	text = render_text(&fx.report, 1);
	CHECK(text != NULL);
	if (!text)
		goto done;
	CHECK(starts_with(text, "riskgate: \033[32mPASS\033[0m \xe2\x80\x94 0 violations in 1 "
				"file (critical: 1)\n"));
	CHECK(strstr(text, "verdict: \033[32mpass\033[0m\n") != NULL);
	CHECK(strstr(text, "violations:") == NULL);
	free(text);
	text = render_text(&fx.report, 0);
	CHECK(text != NULL && strchr(text, '\033') == NULL);

done:
	free(text);
	release_all();
}

static void test_text_error(void)
{
	gate_report report;
	gate_error run_err;
	fixture fx;
	char *text = NULL;

	gate_error_set_at(&run_err, GATE_ERR_POLICY, "pol\nicy.json", 3, 7,
			  "unknown key \"\033[2J\"");
	memset(&report, 0, sizeof(report));
	report.error = &run_err;
	text = render_text(&report, 0);
	CHECK(text != NULL);
	if (!text)
		goto done;
	CHECK(starts_with(text, "riskgate: ERROR \xe2\x80\x94 policy: unknown key "));
	CHECK(strstr(text, "unknown key \"\\033[2J\"") != NULL);
	CHECK(strstr(text, "  at \"pol\\nicy.json\":3:7\n") != NULL);
	CHECK(strstr(text, "fails closed") != NULL);
	CHECK(strstr(text, "range:") == NULL);
	CHECK(strchr(text, '\033') == NULL);
	CHECK_STR(text + strlen(text) - strlen("\nverdict: error\n"), "\nverdict: error\n");
	free(text);

	/* With what is known of the run. */
	fixture_init(&fx);
	gate_error_set(&run_err, GATE_ERR_SHALLOW, "history ends before the merge base");
	fx.report.error = &run_err;
	text = render_text(&fx.report, 1);
	CHECK(text != NULL);
	if (!text)
		goto done;
	CHECK(starts_with(text, "riskgate: \033[31mERROR\033[0m \xe2\x80\x94 "));
	CHECK(strstr(text, ": history ends before the merge base\n") != NULL);
	CHECK(strstr(text, "range: 111111111111..333333333333") != NULL);
	CHECK(strstr(text, "policy: default") != NULL);
	CHECK(strstr(text, "violations:") == NULL);
	CHECK(strstr(text, "verdict: \033[31merror\033[0m\n") != NULL);
	CHECK(only_our_colours(text));

done:
	free(text);
	release_all();
}

static void test_text_many_files(void)
{
	static gate_file many[250];
	static gate_class many_classes[250];
	fixture fx;
	char *text = NULL;
	size_t i;

	fixture_init(&fx);
	/* More files than the pool holds names: they share one. */
	set_file(&many[0], &many_classes[0], "f.c", 3, GATE_STATUS_MODIFIED, 1, GATE_MATCH_DEFAULT,
		 NULL);
	for (i = 1; i < 250; i++) {
		many[i] = many[0];
		many_classes[i] = many_classes[0];
	}
	fx.change.files = many;
	fx.change.nfiles = 250;
	fx.result.classes = many_classes;
	fx.result.nclasses = 250;
	text = render_text(&fx.report, 0);
	CHECK(text != NULL);
	if (text)
		CHECK(strstr(text, "and 50 more files (the JSON report lists them all)") != NULL);
	free(text);
	release_all();
}

int main(void)
{
	GATE_RUN(test_quote_terminal);
	GATE_RUN(test_quote_terminal_append_only);
	GATE_RUN(test_json_top_level);
	GATE_RUN(test_json_files);
	GATE_RUN(test_json_commits_requirements_violations);
	GATE_RUN(test_json_utf8_edges);
	GATE_RUN(test_json_base64_vectors);
	GATE_RUN(test_verdicts);
	GATE_RUN(test_json_error_report);
	GATE_RUN(test_json_real_result);
	GATE_RUN(test_json_append_only);
	GATE_RUN(test_text_fail);
	GATE_RUN(test_text_pass);
	GATE_RUN(test_text_error);
	GATE_RUN(test_text_many_files);
	return GATE_UNIT_DONE("report");
}
