/*
 * Fuzz target: tier classification against the plain reference, under
 * the contract tests/unit/classify_oracle.h states (test_classify's too). The input is a few
 * patterns and paths; the policy built from them classifies every path
 * through gate_classify_path (the prefilter built first) and through every
 * tier's patterns in order, a match PCRE2 cannot finish decided by its DFA
 * matcher. Where PCRE2 finished every pattern the outcomes are identical;
 * where it hit a limit the classifier fails with one of the errors met, or
 * answers as the DFA matcher decides. A second copy of the policy, never
 * prepared, must give every path the same outcome: whether the index
 * exists does not change it (docs/policy.md, "Pattern limits").
 *
 * Input: lines. Up to the first empty line, patterns (at most 8, each cut
 * at 200 bytes): a line starting with '>' opens a new tier, one starting
 * with '!' is an exclude of the current tier, any other a path pattern of
 * it. Then paths (at most 16 not empty, each at most 4096 bytes), where
 * byte 0x1e stands for a newline and 0x1f N X for the byte X repeated
 * 8 * N times.
 * Without an empty line the first line is the only pattern.
 */
#include "riskgate/banned.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"
#include "riskgate/classify.h"
#include "riskgate/escape.h"
#include "riskgate/policy.h"
#include "riskgate/regex.h"

#include "classify_oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PATTERNS    8
#define MAX_PATTERN_LEN 200
#define MAX_PATHS       16
#define MAX_PATH_LEN    4096

typedef struct {
	char text[MAX_PATTERN_LEN + 1];
	int exclude;  /* an exclude of its tier */
	int new_tier; /* the first pattern of a new tier */
} fuzz_pattern;

typedef struct {
	fuzz_pattern pats[MAX_PATTERNS];
	size_t npats;
	char *paths[MAX_PATHS]; /* exact-size copies */
	size_t lens[MAX_PATHS];
	size_t npaths;
} fuzz_input;

/* One pattern line; a pattern PCRE2 does not compile is left out. */
static void add_pattern(fuzz_input *in, const uint8_t *p, size_t len)
{
	fuzz_pattern *fp = &in->pats[in->npats];

	memset(fp, 0, sizeof(*fp));
	if (len && (p[0] == '>' || p[0] == '!')) {
		fp->new_tier = p[0] == '>';
		fp->exclude = p[0] == '!';
		p++;
		len--;
	}
	if (len > MAX_PATTERN_LEN)
		len = MAX_PATTERN_LEN;
	/* A policy is UTF-8 without NUL: other bytes would reach the loader
	 * as U+FFFD, each three bytes (one pattern of them took Hyperscan
	 * 16 s to compile, past the fuzzer's timeout). */
	if (!gate_escape_json_valid((const char *)p, len))
		return;
	memcpy(fp->text, p, len);
	fp->text[len] = '\0';
	if (oracle_compiles(fp->text))
		in->npats++;
}

/* One path line, its escapes expanded. */
static int add_path(fuzz_input *in, const uint8_t *p, size_t len)
{
	char buf[MAX_PATH_LEN];
	size_t i, n = 0, k, rep;

	for (i = 0; i < len && n < MAX_PATH_LEN; i++) {
		if (p[i] == 0x1e) {
			buf[n++] = '\n';
		} else if (p[i] == 0x1f && i + 2 < len) {
			rep = 8 * (size_t)p[i + 1];
			for (k = 0; k < rep && n < MAX_PATH_LEN; k++)
				buf[n++] = (char)p[i + 2];
			i += 2;
		} else {
			buf[n++] = (char)p[i];
		}
	}
	/* No path is empty (git names none; the unit test skips them too). */
	if (n == 0)
		return 0;
	if (!(in->paths[in->npaths] = malloc(n)))
		return -1;
	memcpy(in->paths[in->npaths], buf, n);
	in->lens[in->npaths++] = n;
	return 0;
}

static void parse_input(fuzz_input *in, const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size, *nl;
	int in_paths = 0, blank = size && data[0] == '\n';
	size_t i;

	for (i = 1; i < size && !blank; i++)
		blank = data[i] == '\n' && data[i - 1] == '\n';
	while (p < end) {
		size_t len;

		nl = memchr(p, '\n', (size_t)(end - p));
		len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (!in_paths) {
			if (len == 0 && blank) {
				in_paths = 1;
			} else if (in->npats < MAX_PATTERNS) {
				add_pattern(in, p, len);
				if (!blank)
					in_paths = 1;
			}
		} else if (in->npaths < MAX_PATHS) {
			if (add_path(in, p, len) < 0)
				return;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
}

/* The patterns `from` to `to` of one kind (excludes or not) as a JSON
 * array's elements. */
static void json_patterns(gate_buf *out, const fuzz_input *in, size_t from, size_t to, int exclude,
			  gate_error *err)
{
	size_t i, n = 0;

	for (i = from; i < to; i++)
		if (in->pats[i].exclude == exclude) {
			gate_buf_puts(out, n++ ? ", " : "", err);
			gate_escape_json_string(out, in->pats[i].text, strlen(in->pats[i].text),
						NULL, err);
		}
}

/* The policy of the input's patterns, tier by tier, then the default tier
 * "rest" without patterns. NULL when it does not load (bytes that are not
 * UTF-8, for one). */
static gate_policy *build_policy(const fuzz_input *in)
{
	gate_buf text = GATE_BUF_INIT(65536);
	gate_policy *policy = NULL;
	gate_error err;
	size_t i, k, t = 0;

	gate_error_init(&err);
	gate_buf_puts(&text, "{\"version\": 1, \"default_tier\": \"rest\", \"tiers\": [", &err);
	for (i = 0; i < in->npats; i = k, t++) {
		/* This tier: up to the next pattern that opens a new one. */
		for (k = i + 1; k < in->npats && !in->pats[k].new_tier; k++)
			;
		gate_buf_printf(&text, &err, "{\"name\": \"t%zu\", \"paths\": [", t);
		json_patterns(&text, in, i, k, 0, &err);
		gate_buf_puts(&text, "], \"exclude\": [", &err);
		json_patterns(&text, in, i, k, 1, &err);
		gate_buf_puts(&text, "]}, ", &err);
	}
	gate_buf_puts(&text, "{\"name\": \"rest\", \"paths\": []}]}", &err);
	if (err.klass == GATE_ERR_NONE &&
	    gate_policy_load(&policy, text.ptr, text.size, "fuzz.json", "fuzz", NULL, &err) < 0)
		policy = NULL;
	gate_buf_dispose(&text);
	return policy;
}

/* The DFA matcher's bounds (classify_oracle.h), so that one input stays
 * within a fuzzing budget: its internal calls (lookarounds and recursion)
 * and their depth; the subjects it is asked about (its time grows as a
 * power of the length: a second for (x+x+)+y on 256 bytes); and how often
 * per input. */
#define TRUTH_MATCH_LIMIT 200000u
#define TRUTH_DEPTH_LIMIT 2000u
#define TRUTH_MAX_LEN     128
#define TRUTH_MAX_CALLS   32

/* One classification: its return code, outcome and error. */
typedef struct {
	int rc;
	gate_class cls;
	gate_error err;
} outcome;

static void classify(outcome *o, gate_policy *policy, const char *path, size_t len)
{
	memset(o, 0, sizeof(*o));
	gate_error_init(&o->err);
	o->rc = gate_classify_path(&o->cls, policy, path, len, &o->err);
}

/* The rule's index among its tier's path patterns; -1 for none. */
static long rule_index(const gate_policy *policy, const gate_class *cls)
{
	if (cls->kind != GATE_MATCH_PATTERN || !cls->rule)
		return -1;
	return (long)(cls->rule - policy->tiers[cls->tier].paths);
}

/* The same outcome from two copies of one policy. */
static int same_outcome(const gate_policy *pa, const outcome *a, const gate_policy *pb,
			const outcome *b)
{
	if (a->rc != b->rc)
		return 0;
	if (a->rc < 0)
		return a->err.klass == b->err.klass && strcmp(a->err.message, b->err.message) == 0;
	return a->cls.tier == b->cls.tier && a->cls.kind == b->cls.kind &&
	       rule_index(pa, &a->cls) == rule_index(pb, &b->cls);
}

static void show_class(const char *what, const gate_policy *policy, const outcome *o)
{
	fprintf(stderr, "%s: rc %d", what, o->rc);
	if (o->rc < 0)
		fprintf(stderr, " error %d: %s\n", (int)o->err.klass, o->err.message);
	else
		fprintf(stderr, " tier %zu kind %d rule %ld (%s)\n", o->cls.tier, (int)o->cls.kind,
			rule_index(policy, &o->cls), o->cls.rule ? o->cls.rule->pattern : "-");
}

static void show_input(const fuzz_input *in, const char *path, size_t len, int prefiltered)
{
	size_t i;

	fprintf(stderr, "fuzz_classify: prefilter %s (prepare returned %d)\n",
		gate_classify_prefilter_backend() ? gate_classify_prefilter_backend() : "none",
		prefiltered);
	for (i = 0; i < in->npats; i++)
		fprintf(stderr, "pattern %zu%s%s: %s\n", i,
			in->pats[i].new_tier ? " (new tier)" : "",
			in->pats[i].exclude ? " (exclude)" : "", in->pats[i].text);
	fprintf(stderr, "path (%zu bytes): ", len);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)path[i];

		if (c >= 0x20 && c < 0x7f && c != '\\')
			fputc(c, stderr);
		else
			fprintf(stderr, "\\x%02x", c);
	}
	fputc('\n', stderr);
}

/* The classifier's outcome under classify_oracle.h's contract. */
static int check_reference(gate_policy *policy, const outcome *a, const char *path, size_t len,
			   int prefiltered)
{
	oracle_result res;

	if (oracle_check(&res, policy, a->rc, &a->cls, &a->err, path, len, prefiltered))
		return 1;
	fprintf(stderr, "reference: rc %d tier %zu kind %d rule %s, %zu limit error(s)%s%s\n",
		res.ref_rc, res.ref.tier, (int)res.ref.kind,
		res.ref.rule ? res.ref.rule->pattern : "-", res.errs.nseen,
		res.errs.nseen ? ", first: " : "", res.errs.nseen ? res.errs.first.message : "");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static fuzz_input in;
	gate_policy *prepared = NULL, *plain = NULL;
	gate_error err;
	size_t i;
	int prefiltered = 0, pass;

	memset(&in, 0, sizeof(in));
	oracle_truth_max_len = TRUTH_MAX_LEN;
	oracle_truth_max_calls = TRUTH_MAX_CALLS;
	oracle_truth_match_limit = TRUTH_MATCH_LIMIT;
	oracle_truth_depth_limit = TRUTH_DEPTH_LIMIT;
	oracle_truth_calls = 0;
	parse_input(&in, data, size);
	if (in.npats == 0 || in.npaths == 0)
		goto done;
	if (!(prepared = build_policy(&in)) || !(plain = build_policy(&in)))
		goto done;
	gate_error_init(&err);
	prefiltered = gate_classify_prepare(prepared, &err);
	if (prefiltered < 0)
		goto done; /* out of memory */
	/* Built with Hyperscan, the fast path must be the one under test
	 * whenever Hyperscan accepts a pattern; it may refuse them all. */
	if (!gate_classify_prefilter_backend() && prefiltered != 0) {
		fprintf(stderr, "fuzz_classify: a prefilter without a backend\n");
		abort();
	}
	/* Twice over the prepared policy: the second time it answers from
	 * what it remembers of the first. */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < in.npaths; i++) {
			outcome a, b;
			const char *path = in.paths[i];
			size_t len = in.lens[i];

			classify(&a, prepared, path, len);
			if (a.rc == 0 && a.cls.tier >= prepared->ntiers)
				goto fail_ref;
			if (!check_reference(prepared, &a, path, len, prefiltered))
				goto fail_ref;
			if (pass)
				continue;
			classify(&b, plain, path, len);
			if (!same_outcome(prepared, &a, plain, &b)) {
				show_input(&in, path, len, prefiltered);
				fprintf(stderr, "fuzz_classify: the index changed the outcome\n");
				show_class("prepared", prepared, &a);
				show_class("not prepared", plain, &b);
				abort();
			}
			continue;
		fail_ref:
			show_input(&in, path, len, prefiltered);
			fprintf(stderr,
				"fuzz_classify: the classifier differs from the reference "
				"(pass %d)\n",
				pass + 1);
			show_class("classifier", prepared, &a);
			abort();
		}
	}
done:
	gate_policy_free(prepared);
	gate_policy_free(plain);
	for (i = 0; i < in.npaths; i++)
		free(in.paths[i]);
	return 0;
}
