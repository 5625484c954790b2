/*
 * Unit tests for src/reviews.c, src/teams.c and the judging in src/approvers.c: GitHub review
 * payloads reduced to standing reviews (latest wins, dismissed, stale, author, bots, outsiders,
 * deleted accounts, paginated output), errors with their positions, hostile input, the teams file
 * and reviewer specs. Inputs are copied into heap blocks of exactly their length so that
 * AddressSanitizer catches any over-read.
 */
#include "riskgate/banned.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "riskgate/approvals.h"
#include "riskgate/jsonc.h"
#include "unit.h"

#define HEAD    "6dcb09b5b57875f334f61aebed695e2e4193db5e"
#define OLD     "ecdd80bb57125d7ba9641ffaa4d7d2c19d3f3091"
#define HEAD256 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define T1      "2024-03-01T09:00:00Z"
#define T2      "2024-03-01T10:00:00Z"
#define T3      "2024-03-01T11:00:00Z"

/* The repository root, from this file's path (tests/unit/test_approvals.c). */
static char root_dir[1024];

static const char *fixture(const char *name)
{
	static char path[1200];

	snprintf(path, sizeof(path), "%stestdata/approvals/%s", root_dir, name);
	return path;
}

static void find_root(void)
{
	const char *file = __FILE__, *cut = strstr(file, "tests/unit/");
	size_t n = cut ? (size_t)(cut - file) : 0;

	if (n >= sizeof(root_dir))
		n = 0;
	memcpy(root_dir, file, n);
	root_dir[n] = '\0';
}

/* Loads `len` bytes of `text` from an exact-size heap copy. */
static gate_approvals *load_n(const char *text, size_t len, const char *head, int allow_stale,
			      const char *author, gate_error *err)
{
	gate_approvals *a = NULL;
	char *copy = malloc(len ? len : 1);

	gate_error_init(err);
	if (!copy)
		return NULL;
	if (len)
		memcpy(copy, text, len);
	if (gate_approvals_load(&a, copy, len, "r.json", head, allow_stale, author, err) != 0)
		a = NULL;
	free(copy);
	return a;
}

/* Loads text that must be valid; NULL (with a message) otherwise. */
static gate_approvals *load_ok(const char *text, const char *head, int allow_stale,
			       const char *author)
{
	gate_error err;
	gate_approvals *a = load_n(text, strlen(text), head, allow_stale, author, &err);

	if (!a)
		fprintf(stderr, "  unexpected error %u:%u: %s\n  input: %.300s\n", err.line,
			err.col, err.message, text);
	return a;
}

/* 1 when loading `len` bytes fails with an input error at line:col whose
 * message contains `needle`. */
static int fails_n(const char *text, size_t len, unsigned line, unsigned col, const char *needle)
{
	gate_error err;
	gate_approvals *a = load_n(text, len, HEAD, 0, NULL, &err);
	int ok = !a && err.klass == GATE_ERR_INPUT && err.line == line && err.col == col &&
		 strstr(err.message, needle) != NULL && strcmp(err.file, "r.json") == 0;

	if (!ok)
		fprintf(stderr,
			"  input: %.300s\n    expected %u:%u: ...%s...\n    got %s %u:%u: %s\n",
			text, line, col, needle, a ? "success" : "error", err.line, err.col,
			err.message);
	gate_approvals_free(a);
	return ok;
}

static int fails(const char *text, unsigned line, unsigned col, const char *needle)
{
	return fails_n(text, strlen(text), line, col, needle);
}

/* One minimal review object (GitHub sends many more fields; see the
 * fixtures). NULL commit or time leaves the field out. */
static const char *rev(char *buf, size_t cap, const char *login, const char *state,
		       const char *commit, const char *at)
{
	char c[128] = "", t[128] = "";

	if (commit)
		snprintf(c, sizeof(c), ",\"commit_id\":\"%s\"", commit);
	if (at)
		snprintf(t, sizeof(t), ",\"submitted_at\":\"%s\"", at);
	snprintf(buf, cap, "{\"user\":{\"login\":\"%s\",\"type\":\"User\"},\"state\":\"%s\"%s%s}",
		 login, state, c, t);
	return buf;
}

/* A JSON array of up to three reviews made by rev(). */
static char *arr3(char *out, size_t cap, const char *a, const char *b, const char *c)
{
	snprintf(out, cap, "[%s%s%s%s%s]", a ? a : "", b ? "," : "", b ? b : "", c ? "," : "",
		 c ? c : "");
	return out;
}

static char *read_whole(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 && fseek(fp, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)n + 1)) != NULL) {
		*len = fread(buf, 1, (size_t)n, fp);
		buf[*len] = '\0';
	}
	fclose(fp);
	return buf;
}

/* The expected reading of testdata/approvals/reviews.json (head HEAD, author
 * "mona"): see the fixture's bodies for the story of each review. `col` is
 * where review objects start (deeper in slurped pages). */
static void check_fixture(const gate_approvals *a, int allow_stale, unsigned col)
{
	const gate_review *r;

	CHECK(a != NULL);
	if (!a)
		return;
	CHECK(a->nread == 13);
	CHECK(a->count == 6);
	if (a->count == 6) {
		CHECK_STR(a->items[0].login, "alice");
		CHECK_STR(a->items[1].login, "bob");
		CHECK_STR(a->items[2].login, "carol");
		CHECK_STR(a->items[3].login, "renovate[bot]");
		CHECK_STR(a->items[4].login, "Mona");
		CHECK_STR(a->items[5].login, "frank");
	}
	CHECK(a->ncounting == (allow_stale ? 3u : 2u));
	CHECK(gate_approvals_count(a) == (allow_stale ? 3u : 2u));

	/* alice approved an older commit, then only commented on the head. */
	CHECK((r = gate_approvals_find(a, "alice")) != NULL);
	CHECK(r && r->state == GATE_REVIEW_APPROVED && r->stale && !r->is_author && !r->is_bot);
	CHECK(r && !strcmp(r->commit_id, OLD) && !strcmp(r->submitted_at, "2024-03-01T11:30:00Z"));
	CHECK(r && r->association && !strcmp(r->association, "MEMBER") && !r->is_outsider);
	CHECK(r && r->counts == allow_stale);
	CHECK(gate_approvals_approved_by(a, "alice") == allow_stale);

	/* bob requested changes, then approved the head. */
	CHECK((r = gate_approvals_find(a, "@BOB")) != NULL);
	CHECK(r && r->state == GATE_REVIEW_APPROVED && !r->stale && r->counts);
	CHECK(r && r->col == col && r->line > 100);
	CHECK(gate_approvals_approved_by(a, "bob"));
	CHECK(!gate_approvals_changes_requested_by(a, "bob"));

	CHECK(gate_approvals_approved_by(a, "carol"));

	/* A GitHub App, the author, and a first-time contributor approve the
	 * head: none of them counts. */
	CHECK((r = gate_approvals_find(a, "renovate[bot]")) && r->is_bot && !r->counts);
	CHECK((r = gate_approvals_find(a, "mona")) && r->is_author && !r->counts && !r->stale);
	CHECK((r = gate_approvals_find(a, "frank")) && r->is_outsider && !r->counts);
	CHECK(!gate_approvals_approved_by(a, "Mona"));

	/* Dismissed, only commented, pending, deleted: no standing review. */
	CHECK(gate_approvals_find(a, "erin") == NULL);
	CHECK(gate_approvals_find(a, "Copilot") == NULL);
	CHECK(gate_approvals_find(a, "dave") == NULL);
	CHECK(gate_approvals_find(a, "ghost") == NULL);
	CHECK(!gate_approvals_approved_by(a, "nobody"));
}

static void test_github_payload(void)
{
	gate_approvals *a = NULL;
	gate_error err;

	gate_error_init(&err);
	CHECK(gate_approvals_load_file(&a, fixture("reviews.json"), HEAD, 0, "mona", &err) == 0);
	if (!a)
		fprintf(stderr, "  %s:%u:%u: %s\n", err.file, err.line, err.col, err.message);
	check_fixture(a, 0, 3);
	gate_approvals_free(a);

	a = NULL;
	CHECK(gate_approvals_load_file(&a, fixture("reviews.json"), HEAD, 1, "@MONA", &err) == 0);
	check_fixture(a, 1, 3);
	gate_approvals_free(a);
}

/* `gh api --paginate` and `gh api --paginate --slurp` read the same. */
static void test_paginated_and_slurped(void)
{
	gate_approvals *a = NULL;
	gate_error err;

	gate_error_init(&err);
	CHECK(gate_approvals_load_file(&a, fixture("paginated.json"), HEAD, 0, "mona", &err) == 0);
	check_fixture(a, 0, 3);
	gate_approvals_free(a);

	a = NULL;
	CHECK(gate_approvals_load_file(&a, fixture("slurped.json"), HEAD, 0, "mona", &err) == 0);
	check_fixture(a, 0, 5);
	gate_approvals_free(a);
}

static void test_page_shapes(void)
{
	char r1[256], r2[256], text[1024];
	gate_approvals *a;

	rev(r1, sizeof(r1), "alice", "APPROVED", HEAD, T1);
	rev(r2, sizeof(r2), "bob", "APPROVED", HEAD, T2);

	CHECK((a = load_ok("[]", HEAD, 0, NULL)) && a->count == 0 && a->nread == 0);
	gate_approvals_free(a);
	CHECK((a = load_ok("[][]\n[]", HEAD, 0, NULL)) && a->count == 0);
	gate_approvals_free(a);
	CHECK((a = load_ok("[[]]", HEAD, 0, NULL)) && a->count == 0);
	gate_approvals_free(a);

	/* Pages back to back, with blanks and comments between and after. */
	snprintf(text, sizeof(text), "[%s][%s]", r1, r2);
	CHECK((a = load_ok(text, HEAD, 0, NULL)) && a->count == 2 && a->ncounting == 2);
	gate_approvals_free(a);
	snprintf(text, sizeof(text), "\xef\xbb\xbf[%s]\r\n\n [] // page 2\n[%s] /* end */\n", r1,
		 r2);
	CHECK((a = load_ok(text, HEAD, 0, NULL)) && a->count == 2);
	gate_approvals_free(a);

	/* The latest review may be on a later page, or an earlier one. */
	snprintf(text, sizeof(text), "[%s]", rev(r1, sizeof(r1), "alice", "APPROVED", HEAD, T2));
	snprintf(text + strlen(text), sizeof(text) - strlen(text), "[%s]",
		 rev(r2, sizeof(r2), "alice", "CHANGES_REQUESTED", HEAD, T1));
	CHECK((a = load_ok(text, HEAD, 0, NULL)) && a->count == 1 &&
	      a->items[0].state == GATE_REVIEW_APPROVED);
	gate_approvals_free(a);

	/* Brackets inside strings do not end a page. */
	CHECK((a = load_ok("[{\"user\":{\"login\":\"a\"},\"state\":\"COMMENTED\","
			   "\"body\":\"]][[\\\"]\"}][]",
			   HEAD, 0, NULL)) &&
	      a->nread == 1 && a->count == 0);
	gate_approvals_free(a);

	/* A slurped page may sit beside plain reviews. */
	rev(r1, sizeof(r1), "alice", "APPROVED", HEAD, T1);
	rev(r2, sizeof(r2), "bob", "APPROVED", HEAD, T1);
	snprintf(text, sizeof(text), "[%s,[%s]]", r1, r2);
	CHECK((a = load_ok(text, HEAD, 0, NULL)) && a->count == 2);
	gate_approvals_free(a);
}

/*
 * Three reviews by one user with the states APPROVED, CHANGES_REQUESTED and
 * DISMISSED, given every order of times and every order in the array: the
 * one with the latest time stands (none when that is DISMISSED).
 */
static void test_latest_wins_all_orders(void)
{
	static const char *const states[3] = {"APPROVED", "CHANGES_REQUESTED", "DISMISSED"};
	static const char *const times[3] = {T1, T2, T3};
	static const int perms[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2},
					{1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
	char r[3][256], text[1024];
	size_t tp, ap;

	for (tp = 0; tp < 6; tp++) {
		/* state i was submitted at times[perms[tp][i]] */
		int latest = 0, i;

		for (i = 0; i < 3; i++)
			if (perms[tp][i] == 2)
				latest = i;
		for (ap = 0; ap < 6; ap++) {
			gate_approvals *a;

			for (i = 0; i < 3; i++) {
				int s = perms[ap][i];
				rev(r[i], sizeof(r[i]), i == 1 ? "ALICE" : "alice", states[s], HEAD,
				    times[perms[tp][s]]);
			}
			arr3(text, sizeof(text), r[0], r[1], r[2]);
			a = load_ok(text, HEAD, 0, NULL);
			CHECK(a != NULL);
			if (!a)
				continue;
			if (latest == 2) {
				CHECK(a->count == 0);
			} else {
				gate_review_state want = GATE_REVIEW_APPROVED;

				if (latest == 1)
					want = GATE_REVIEW_CHANGES_REQUESTED;

				CHECK(a->count == 1 && a->items[0].state == want);
				CHECK(gate_approvals_approved_by(a, "Alice") == (latest == 0));
				CHECK(gate_approvals_changes_requested_by(a, "alice") ==
				      (latest == 1));
			}
			gate_approvals_free(a);
		}
	}
}

/* Equal times: the later entry in the input wins. */
static void test_ties_by_position(void)
{
	char r1[256], r2[256], text[1024];
	gate_approvals *a;

	rev(r1, sizeof(r1), "alice", "APPROVED", HEAD, T1);
	rev(r2, sizeof(r2), "alice", "CHANGES_REQUESTED", HEAD, T1);
	CHECK((a = load_ok(arr3(text, sizeof(text), r1, r2, NULL), HEAD, 0, NULL)) &&
	      a->count == 1 && a->items[0].state == GATE_REVIEW_CHANGES_REQUESTED);
	gate_approvals_free(a);
	CHECK((a = load_ok(arr3(text, sizeof(text), r2, r1, NULL), HEAD, 0, NULL)) &&
	      a->count == 1 && a->items[0].state == GATE_REVIEW_APPROVED);
	gate_approvals_free(a);

	/* The same instant written with different offsets is a tie too. */
	rev(r1, sizeof(r1), "alice", "APPROVED", HEAD, "2024-03-01T12:00:00+02:00");
	rev(r2, sizeof(r2), "alice", "DISMISSED", HEAD, "2024-03-01T10:00:00Z");
	CHECK((a = load_ok(arr3(text, sizeof(text), r2, r1, NULL), HEAD, 0, NULL)) &&
	      a->count == 1);
	gate_approvals_free(a);
	CHECK((a = load_ok(arr3(text, sizeof(text), r1, r2, NULL), HEAD, 0, NULL)) &&
	      a->count == 0);
	gate_approvals_free(a);
}

/* Times are compared as instants, not as strings. */
static void test_time_comparison(void)
{
	static const struct {
		const char *earlier, *later;
	} cases[] = {
	    {"2024-03-01T12:30:00+02:00", "2024-03-01T11:00:00Z"},
	    {"2024-03-01T11:00:00Z", "2024-03-01T06:30:00-05:00"},
	    {"2024-03-01T11:00:00Z", "2024-03-01T11:00:00.5Z"},
	    {"2024-03-01T11:00:00.25Z", "2024-03-01T11:00:00.3Z"},
	    {"2024-03-01T11:00:00.123456788Z", "2024-03-01T11:00:00.1234567891Z"},
	    {"2024-02-29T23:59:59Z", "2024-03-01t00:00:00z"},
	    {"1999-12-31T23:59:60Z", "2000-01-01T00:00:01Z"},
	    {"2023-12-31T23:00:00Z", "2024-01-01T00:30:00+01:00"},
	};
	char r1[256], r2[256], text[1024];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		gate_approvals *a;

		/* The later approval stands though it comes first in the array. */
		rev(r1, sizeof(r1), "alice", "APPROVED", HEAD, cases[i].later);
		rev(r2, sizeof(r2), "alice", "CHANGES_REQUESTED", HEAD, cases[i].earlier);
		a = load_ok(arr3(text, sizeof(text), r1, r2, NULL), HEAD, 0, NULL);
		CHECK(a && a->count == 1 && a->items[0].state == GATE_REVIEW_APPROVED);
		if (!(a && a->count == 1 && a->items[0].state == GATE_REVIEW_APPROVED))
			fprintf(stderr, "  case %zu: %s < %s\n", i, cases[i].earlier,
				cases[i].later);
		gate_approvals_free(a);
	}
}

static void test_dismissed(void)
{
	char r1[256], r2[256], text[1024];
	gate_approvals *a;

	/* Approved, then the approval was dismissed (GitHub rewrites the state
	 * of the review itself to DISMISSED). */
	rev(r1, sizeof(r1), "alice", "DISMISSED", HEAD, T1);
	CHECK((a = load_ok(arr3(text, sizeof(text), r1, NULL, NULL), HEAD, 0, NULL)) &&
	      a->count == 0 && a->nread == 1);
	gate_approvals_free(a);

	/* Changes requested, then dismissed: no longer blocking. */
	rev(r1, sizeof(r1), "alice", "CHANGES_REQUESTED", HEAD, T1);
	rev(r2, sizeof(r2), "alice", "DISMISSED", HEAD, T2);
	CHECK((a = load_ok(arr3(text, sizeof(text), r1, r2, NULL), HEAD, 0, NULL)) &&
	      a->count == 0 && !gate_approvals_changes_requested_by(a, "alice"));
	gate_approvals_free(a);

	/* Dismissed, then approved again. */
	rev(r1, sizeof(r1), "alice", "DISMISSED", OLD, T1);
	rev(r2, sizeof(r2), "alice", "APPROVED", HEAD, T2);
	CHECK((a = load_ok(arr3(text, sizeof(text), r1, r2, NULL), HEAD, 0, NULL)) &&
	      gate_approvals_approved_by(a, "alice"));
	gate_approvals_free(a);

	/* A dismissal of one user leaves another's approval alone. */
	rev(r1, sizeof(r1), "alice", "DISMISSED", HEAD, T2);
	rev(r2, sizeof(r2), "bob", "APPROVED", HEAD, T1);
	CHECK((a = load_ok(arr3(text, sizeof(text), r1, r2, NULL), HEAD, 0, NULL)) &&
	      a->count == 1 && gate_approvals_approved_by(a, "bob"));
	gate_approvals_free(a);
}

static void test_stale(void)
{
	char r1[256], r2[256], text[1024];
	gate_approvals *a;

	rev(r1, sizeof(r1), "alice", "APPROVED", OLD, T1);
	arr3(text, sizeof(text), r1, NULL, NULL);
	CHECK((a = load_ok(text, HEAD, 0, NULL)) && a->count == 1 && a->items[0].stale &&
	      !a->items[0].counts && gate_approvals_count(a) == 0);
	gate_approvals_free(a);
	CHECK((a = load_ok(text, HEAD, 1, NULL)) && a->items[0].stale && a->items[0].counts &&
	      gate_approvals_count(a) == 1);
	gate_approvals_free(a);

	/* The head in capitals, the review in lower case: the same commit. */
	rev(r1, sizeof(r1), "alice", "APPROVED", "6DCB09B5B57875F334F61AEBED695E2E4193DB5E", T1);
	arr3(text, sizeof(text), r1, NULL, NULL);
	CHECK((a = load_ok(text, HEAD, 0, NULL)) && !a->items[0].stale && a->items[0].counts);
	CHECK(a && !strcmp(a->items[0].commit_id, HEAD));
	gate_approvals_free(a);
	CHECK((a = load_ok(text, "6DCB09B5B57875F334F61AEBED695E2E4193DB5E", 0, NULL)) &&
	      a->items[0].counts);
	gate_approvals_free(a);

	/* Unknown head, or a commit GitHub no longer has: stale. */
	CHECK((a = load_ok(text, NULL, 0, NULL)) && a->items[0].stale && !a->items[0].counts);
	gate_approvals_free(a);
	CHECK((a = load_ok(text, "", 0, NULL)) && a->items[0].stale);
	gate_approvals_free(a);
	CHECK((a = load_ok("[{\"user\":{\"login\":\"alice\"},\"state\":\"APPROVED\","
			   "\"commit_id\":null,\"submitted_at\":\"" T1 "\"}]",
			   HEAD, 0, NULL)) &&
	      a->items[0].stale && a->items[0].commit_id[0] == '\0');
	gate_approvals_free(a);
	rev(r1, sizeof(r1), "alice", "APPROVED", NULL, T1);
	CHECK((a = load_ok(arr3(text, sizeof(text), r1, NULL, NULL), HEAD, 0, NULL)) &&
	      a->items[0].stale);
	gate_approvals_free(a);

	/* SHA-256 repositories. */
	rev(r1, sizeof(r1), "alice", "APPROVED", HEAD256, T1);
	arr3(text, sizeof(text), r1, NULL, NULL);
	CHECK((a = load_ok(text, HEAD256, 0, NULL)) && a->items[0].counts);
	gate_approvals_free(a);
	CHECK((a = load_ok(text, HEAD, 0, NULL)) && a->items[0].stale);
	gate_approvals_free(a);

	/* Requested changes stand whatever commit they were made on. */
	rev(r1, sizeof(r1), "bob", "CHANGES_REQUESTED", OLD, T1);
	rev(r2, sizeof(r2), "alice", "APPROVED", HEAD, T2);
	CHECK((a = load_ok(arr3(text, sizeof(text), r1, r2, NULL), HEAD, 0, NULL)) &&
	      gate_approvals_changes_requested_by(a, "bob") && !a->items[0].stale &&
	      gate_approvals_count(a) == 1);
	gate_approvals_free(a);

	/* A stale approval by a user who later approves the head counts. */
	rev(r1, sizeof(r1), "alice", "APPROVED", OLD, T1);
	rev(r2, sizeof(r2), "alice", "APPROVED", HEAD, T2);
	CHECK((a = load_ok(arr3(text, sizeof(text), r1, r2, NULL), HEAD, 0, NULL)) &&
	      a->count == 1 && a->items[0].counts);
	gate_approvals_free(a);
	/* ...but not the other way round: the latest approval is the stale one. */
	rev(r1, sizeof(r1), "alice", "APPROVED", HEAD, T1);
	rev(r2, sizeof(r2), "alice", "APPROVED", OLD, T2);
	CHECK((a = load_ok(arr3(text, sizeof(text), r1, r2, NULL), HEAD, 0, NULL)) &&
	      a->count == 1 && !a->items[0].counts);
	gate_approvals_free(a);

	/* A head that is not a full commit id is the caller's mistake. */
	{
		gate_error err;

		CHECK(load_n(text, strlen(text), "6dcb09b", 0, NULL, &err) == NULL &&
		      err.klass == GATE_ERR_USAGE);
		CHECK(load_n(text, strlen(text), HEAD "0", 0, NULL, &err) == NULL &&
		      err.klass == GATE_ERR_USAGE);
	}
}

static void test_author_excluded(void)
{
	char r1[256], r2[256], text[1024];
	gate_approvals *a;

	rev(r1, sizeof(r1), "alice", "APPROVED", HEAD, T1);
	rev(r2, sizeof(r2), "bob", "APPROVED", HEAD, T1);
	arr3(text, sizeof(text), r1, r2, NULL);
	CHECK((a = load_ok(text, HEAD, 0, "ALICE")) && a->count == 2 && a->items[0].is_author &&
	      !a->items[0].counts && !a->items[1].is_author && gate_approvals_count(a) == 1);
	CHECK(a && !gate_approvals_approved_by(a, "alice") && gate_approvals_approved_by(a, "bob"));
	gate_approvals_free(a);
	CHECK((a = load_ok(text, HEAD, 1, "@Alice")) && gate_approvals_count(a) == 1);
	gate_approvals_free(a);
	CHECK((a = load_ok(text, HEAD, 0, NULL)) && gate_approvals_count(a) == 2);
	gate_approvals_free(a);
	CHECK((a = load_ok(text, HEAD, 0, "")) && gate_approvals_count(a) == 2);
	gate_approvals_free(a);
	CHECK((a = load_ok(text, HEAD, 0, "alic")) && gate_approvals_count(a) == 2);
	gate_approvals_free(a);

	/* The author's own block still stands. */
	rev(r1, sizeof(r1), "alice", "CHANGES_REQUESTED", HEAD, T1);
	CHECK((a = load_ok(arr3(text, sizeof(text), r1, NULL, NULL), HEAD, 0, "alice")) &&
	      gate_approvals_changes_requested_by(a, "alice"));
	gate_approvals_free(a);
}

static void test_bots_excluded(void)
{
	gate_approvals *a;

	a = load_ok("[{\"user\":{\"login\":\"Copilot\",\"type\":\"Bot\"},\"state\":\"APPROVED\","
		    "\"commit_id\":\"" HEAD "\",\"submitted_at\":\"" T1 "\"},"
		    "{\"user\":{\"login\":\"dependabot[bot]\",\"type\":\"User\"},"
		    "\"state\":\"APPROVED\",\"commit_id\":\"" HEAD "\",\"submitted_at\":\"" T1
		    "\"},"
		    "{\"user\":{\"login\":\"helper\",\"type\":\"bot\"},\"state\":\"APPROVED\","
		    "\"commit_id\":\"" HEAD "\",\"submitted_at\":\"" T1 "\"},"
		    "{\"user\":{\"login\":\"robert\",\"type\":null},\"state\":\"APPROVED\","
		    "\"commit_id\":\"" HEAD "\",\"submitted_at\":\"" T1 "\"},"
		    "{\"user\":{\"login\":\"bottom\"},\"state\":\"APPROVED\","
		    "\"commit_id\":\"" HEAD "\",\"submitted_at\":\"" T1 "\"}]",
		    HEAD, 0, NULL);
	CHECK(a && a->count == 5);
	if (a && a->count == 5) {
		CHECK(a->items[0].is_bot && !a->items[0].counts);
		CHECK(a->items[1].is_bot && !a->items[1].counts);
		CHECK(a->items[2].is_bot && !a->items[2].counts);
		CHECK(!a->items[3].is_bot && a->items[3].counts);
		CHECK(!a->items[4].is_bot && a->items[4].counts);
		CHECK(gate_approvals_count(a) == 2);
	}
	/* A bot's block is still a block. */
	gate_approvals_free(a);
	a = load_ok("[{\"user\":{\"login\":\"Copilot\",\"type\":\"Bot\"},"
		    "\"state\":\"CHANGES_REQUESTED\",\"submitted_at\":\"" T1 "\"}]",
		    HEAD, 0, NULL);
	CHECK(a && gate_approvals_changes_requested_by(a, "copilot"));
	gate_approvals_free(a);
}

static void test_outsiders_excluded(void)
{
	static const struct {
		const char *association;
		int counts;
	} cases[] = {
	    {"OWNER", 1},         {"MEMBER", 1},      {"COLLABORATOR", 1},
	    {"member", 1},        {"CONTRIBUTOR", 0}, {"FIRST_TIME_CONTRIBUTOR", 0},
	    {"FIRST_TIMER", 0},   {"NONE", 0},        {"MANNEQUIN", 0},
	    {"SOMETHING_NEW", 0},
	};
	char text[1024];
	size_t i;
	gate_approvals *a;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text),
			 "[{\"user\":{\"login\":\"x\"},\"state\":\"APPROVED\",\"commit_id\":\"" HEAD
			 "\",\"submitted_at\":\"" T1 "\",\"author_association\":\"%s\"}]",
			 cases[i].association);
		a = load_ok(text, HEAD, 0, NULL);
		CHECK(a && a->count == 1 && a->items[0].counts == cases[i].counts &&
		      a->items[0].is_outsider == !cases[i].counts);
		CHECK(a && a->count == 1 && !strcmp(a->items[0].association, cases[i].association));
		gate_approvals_free(a);
	}
	/* Absent or null: not judged (a file that did not come from GitHub). */
	CHECK((a = load_ok("[{\"user\":{\"login\":\"x\"},\"state\":\"APPROVED\","
			   "\"commit_id\":\"" HEAD "\",\"submitted_at\":\"" T1 "\","
			   "\"author_association\":null}]",
			   HEAD, 0, NULL)) &&
	      a->items[0].counts && !a->items[0].association);
	gate_approvals_free(a);
}

static void test_commented_and_pending_ignored(void)
{
	char r1[256], r2[256], r3[256], text[1024];
	gate_approvals *a;

	/* Commenting after approving keeps the approval; after requesting
	 * changes, keeps the block. */
	rev(r1, sizeof(r1), "alice", "APPROVED", HEAD, T1);
	rev(r2, sizeof(r2), "alice", "COMMENTED", HEAD, T2);
	rev(r3, sizeof(r3), "bob", "CHANGES_REQUESTED", OLD, T1);
	CHECK((a = load_ok(arr3(text, sizeof(text), r1, r2, r3), HEAD, 0, NULL)) && a->count == 2 &&
	      gate_approvals_approved_by(a, "alice") &&
	      gate_approvals_changes_requested_by(a, "bob"));
	gate_approvals_free(a);
	rev(r1, sizeof(r1), "bob", "COMMENTED", HEAD, T2);
	CHECK((a = load_ok(arr3(text, sizeof(text), r3, r1, NULL), HEAD, 0, NULL)) &&
	      gate_approvals_changes_requested_by(a, "bob"));
	gate_approvals_free(a);

	/* Only comments: nothing stands. */
	rev(r1, sizeof(r1), "alice", "COMMENTED", HEAD, T1);
	rev(r2, sizeof(r2), "bob", "commented", HEAD, T2);
	CHECK((a = load_ok(arr3(text, sizeof(text), r1, r2, NULL), HEAD, 0, NULL)) &&
	      a->count == 0 && a->nread == 2);
	gate_approvals_free(a);

	/* PENDING has no submitted_at (nor does a COMMENTED need one). */
	rev(r1, sizeof(r1), "alice", "PENDING", HEAD, NULL);
	rev(r2, sizeof(r2), "bob", "APPROVED", HEAD, T1);
	rev(r3, sizeof(r3), "carol", "COMMENTED", NULL, NULL);
	CHECK((a = load_ok(arr3(text, sizeof(text), r1, r2, r3), HEAD, 0, NULL)) && a->count == 1 &&
	      gate_approvals_approved_by(a, "bob"));
	gate_approvals_free(a);
	CHECK((a = load_ok("[{\"user\":{\"login\":\"a\"},\"state\":\"PENDING\","
			   "\"submitted_at\":null}]",
			   HEAD, 0, NULL)) &&
	      a->count == 0);
	gate_approvals_free(a);

	/* States are read case-insensitively. */
	rev(r1, sizeof(r1), "alice", "approved", HEAD, T1);
	CHECK((a = load_ok(arr3(text, sizeof(text), r1, NULL, NULL), HEAD, 0, NULL)) &&
	      gate_approvals_approved_by(a, "alice"));
	gate_approvals_free(a);
}

static void test_deleted_accounts(void)
{
	gate_approvals *a;

	CHECK((a = load_ok("[{\"user\":null,\"state\":\"APPROVED\",\"commit_id\":\"" HEAD
			   "\",\"submitted_at\":\"" T1 "\"},"
			   "{\"user\":null,\"state\":\"CHANGES_REQUESTED\",\"submitted_at\":\"" T1
			   "\"}]",
			   HEAD, 0, NULL)) &&
	      a->count == 0 && a->nread == 2);
	gate_approvals_free(a);
	/* GitHub's placeholder account stands for every deleted account. */
	CHECK((a = load_ok("[{\"user\":{\"login\":\"ghost\",\"id\":10137,\"type\":\"User\"},"
			   "\"state\":\"APPROVED\",\"commit_id\":\"" HEAD "\","
			   "\"submitted_at\":\"" T1 "\"},"
			   "{\"user\":{\"login\":\"Ghost\"},\"state\":\"APPROVED\","
			   "\"commit_id\":\"" HEAD "\",\"submitted_at\":\"" T1 "\"}]",
			   HEAD, 0, NULL)) &&
	      a->count == 0 && gate_approvals_count(a) == 0);
	gate_approvals_free(a);
	/* A user object is still required, and a null user's entry is still
	 * checked. */
	CHECK(fails("[{\"state\":\"APPROVED\",\"submitted_at\":\"" T1 "\"}]", 1, 2,
		    "review has no \"user\""));
	CHECK(fails("[{\"user\":null,\"state\":7}]", 1, 23, "\"state\" must be a string"));
	CHECK(fails("[{\"user\":null,\"state\":\"APPROVED\",\"submitted_at\":\"yesterday\"}]", 1,
		    49, "RFC 3339"));
}

static void test_required_fields(void)
{
	CHECK(fails("[{\"user\":{\"login\":\"a\"}}]", 1, 2, "review has no \"state\""));
	CHECK(fails("[\n  {\"user\": {\"login\": \"a\"}, \"state\": \"COMMENTED\"},\n"
		    "  {\"user\": {\"id\": 1}, \"state\": \"APPROVED\"}\n]",
		    3, 12, "\"user\" has no \"login\""));
	CHECK(fails("[{\"user\":{\"login\":\"a\"},\"state\":\"APPROVED\"}]", 1, 2,
		    "a review with state APPROVED needs \"submitted_at\""));
	CHECK(fails("[{\"user\":{\"login\":\"a\"},\"state\":\"DISMISSED\",\"submitted_at\":null}]",
		    1, 2, "a review with state DISMISSED needs \"submitted_at\""));
	CHECK(fails("[{\"user\":{\"login\":\"a\"},\"state\":\"MERGED\"}]", 1, 32,
		    "unknown review state \"MERGED\""));
	CHECK(fails("[{\"user\":{\"login\":\"a\"},\"state\":\"\"}]", 1, 32,
		    "unknown review state \"\""));
	/* A hostile state is not echoed raw. */
	CHECK(fails("[{\"user\":{\"login\":\"a\"},\"state\":\"\\u001b[31mX\\n\"}]", 1, 32,
		    "unknown review state \"?[31mX?\""));
}

static void test_wrong_types(void)
{
	static const char *const u = "{\"login\":\"a\"}";
	char text[512];

	CHECK(fails("[7]", 1, 2, "a review must be an object, not number"));
	CHECK(fails("[[[]]]", 1, 3, "a review must be an object, not array"));
	CHECK(fails("[{\"user\":\"alice\",\"state\":\"APPROVED\"}]", 1, 10,
		    "\"user\" must be an object or null, not string"));
	CHECK(fails("[{\"user\":{\"login\":42},\"state\":\"APPROVED\"}]", 1, 19,
		    "\"login\" must be a string, not number"));
	CHECK(fails("[{\"user\":{\"login\":null},\"state\":\"APPROVED\"}]", 1, 19,
		    "\"login\" must be a string, not null"));
	CHECK(fails("[{\"user\":{\"login\":\"a\",\"type\":1},\"state\":\"APPROVED\"}]", 1, 30,
		    "\"type\" must be a string"));
	CHECK(fails("[{\"user\":{\"login\":\"a\"},\"state\":[\"APPROVED\"]}]", 1, 32,
		    "\"state\" must be a string, not array"));

	snprintf(text, sizeof(text), "[{\"user\":%s,\"state\":\"APPROVED\",\"commit_id\":1}]", u);
	CHECK(fails(text, 1, 55, "\"commit_id\" must be a string"));
	snprintf(text, sizeof(text),
		 "[{\"user\":%s,\"state\":\"APPROVED\",\"commit_id\":\"6dcb09b\"}]", u);
	CHECK(fails(text, 1, 55, "full commit id"));
	snprintf(text, sizeof(text),
		 "[{\"user\":%s,\"state\":\"APPROVED\",\"commit_id\":\"%.39sg\"}]", u, HEAD);
	CHECK(fails(text, 1, 55, "full commit id"));
	snprintf(text, sizeof(text), "[{\"user\":%s,\"state\":\"APPROVED\",\"submitted_at\":0}]",
		 u);
	CHECK(fails(text, 1, 58, "\"submitted_at\" must be a string"));
	snprintf(text, sizeof(text),
		 "[{\"user\":%s,\"state\":\"APPROVED\",\"submitted_at\":\"" T1 "\","
		 "\"author_association\":[]}]",
		 u);
	CHECK(fails(text, 1, 102, "\"author_association\" must be a string"));
	snprintf(text, sizeof(text),
		 "[{\"user\":%s,\"state\":\"APPROVED\",\"submitted_at\":\"" T1 "\","
		 "\"author_association\":\"MEMBER OR OWNER\"}]",
		 u);
	CHECK(fails(text, 1, 102, "\"author_association\" must be a word"));
}

static void test_bad_times(void)
{
	static const char *const bad[] = {
	    "",
	    "2024-03-01",
	    "2024-03-01 09:00:00Z",
	    "2024-03-01T09:00:00",
	    "2024-03-01T09:00Z",
	    "2024-13-01T09:00:00Z",
	    "2024-00-01T09:00:00Z",
	    "2023-02-29T09:00:00Z",
	    "2024-04-31T09:00:00Z",
	    "2024-03-01T24:00:00Z",
	    "2024-03-01T09:60:00Z",
	    "2024-03-01T09:00:61Z",
	    "2024-03-01T09:00:00.Z",
	    "2024-03-01T09:00:00+0200",
	    "2024-03-01T09:00:00+24:00",
	    "2024-03-01T09:00:00Zjunk",
	    "2024-03-01T09:00:00Z ",
	    "+2024-03-01T09:00:00Z",
	    "2024-03-01T09:00:00.12345678901234567890123456789012345678901234567890Z",
	};
	char text[512];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text),
			 "[{\"user\":{\"login\":\"a\"},\"state\":\"APPROVED\","
			 "\"submitted_at\":\"%s\"}]",
			 bad[i]);
		CHECK(fails(text, 1, 58, "is not an RFC 3339 date and time"));
	}
	/* Leap day and leap second are real times. */
	CHECK(gate_approvals_count(NULL) == 0);
}

static void test_not_an_array(void)
{
	gate_approvals *a = NULL;
	gate_error err;

	CHECK(fails("{}", 1, 1, "expected an array of reviews, not object"));
	CHECK(fails("  \"reviews\"", 1, 3, "expected an array of reviews, not string"));
	CHECK(fails("null", 1, 1, "expected an array of reviews, not null"));
	CHECK(fails("[] 5", 1, 4, "expected an array of reviews, not number"));
	CHECK(fails("[]\n\n  {\"a\": 1}", 3, 3, "expected an array of reviews, not object"));

	gate_error_init(&err);
	CHECK(gate_approvals_load_file(&a, fixture("github-error.json"), HEAD, 0, NULL, &err) ==
	      -1);
	CHECK(a == NULL && err.klass == GATE_ERR_INPUT && err.line == 1 && err.col == 1);
	CHECK(strstr(err.message, "its message: \"Not Found\"") != NULL);
	CHECK(strstr(err.file, "github-error.json") != NULL);
}

static void test_malformed_json(void)
{
	char r1[256], text[1024];

	CHECK(fails("", 1, 1, "end of input"));
	CHECK(fails("  \n ", 2, 2, "end of input"));
	CHECK(fails("[{\"state\": }]", 1, 12, ""));
	CHECK(fails("[\n  {\"user\": {\"login\": \"a\"},\n   \"state\": \"APPROVED\",,\n", 3, 24,
		    ""));
	CHECK(fails("[{\"user\":{\"login\":\"a\"},\"state\":\"APPROVED\"", 1, 2, "unterminated"));
	CHECK(fails("[]]", 1, 3, ""));
	CHECK(fails("[] /* not closed", 1, 4, ""));
	CHECK(fails("[]x", 1, 3, ""));
	CHECK(fails("[{\"a\":1,\"a\":2}]", 1, 9, ""));

	/* Errors in a later page point into the whole file: on the first line
	 * (columns shifted) and on later lines. */
	rev(r1, sizeof(r1), "alice", "APPROVED", HEAD, T1);
	snprintf(text, sizeof(text), "[%s][{\"state\" \"APPROVED\"}]", r1);
	CHECK(fails(text, 1, (unsigned)strlen(r1) + 13, ""));
	snprintf(text, sizeof(text), "[%s]\n[\n  {\"user\": {\"login\": \"b\"}}\n]", r1);
	CHECK(fails(text, 3, 3, "review has no \"state\""));
	snprintf(text, sizeof(text), "[%s] [{\"user\": {\"login\": \"b\"}}]", r1);
	CHECK(fails(text, 1, (unsigned)strlen(r1) + 5, "review has no \"state\""));
	snprintf(text, sizeof(text), "[%s]\n  [1, {\"user\": {\"login\": \"b\"}, \"state\": true}]",
		 r1);
	CHECK(fails(text, 2, 4, "a review must be an object, not number"));
	snprintf(text, sizeof(text), "[%s]\n  [{\"user\": {\"login\": \"b\"}, \"state\": tru}]",
		 r1);
	CHECK(fails(text, 2, 38, "unknown literal 'tru'"));

	/* Invalid UTF-8 and NUL bytes. */
	CHECK(fails_n("[{\"user\":{\"login\":\"\xff\"},\"state\":\"APPROVED\"}]", 44, 1, 20, ""));
	CHECK(fails_n("[]\0[]", 5, 1, 3, ""));
}

static void test_logins(void)
{
	char text[1024], login[160];
	gate_approvals *a;

	memset(login, 'a', 100);
	login[100] = '\0';
	snprintf(text, sizeof(text),
		 "[{\"user\":{\"login\":\"%s\"},\"state\":\"APPROVED\",\"commit_id\":\"" HEAD
		 "\",\"submitted_at\":\"" T1 "\"}]",
		 login);
	CHECK((a = load_ok(text, HEAD, 0, NULL)) && a->count == 1 &&
	      strlen(a->items[0].login) == 100);
	gate_approvals_free(a);
	login[100] = 'a';
	login[101] = '\0';
	snprintf(text, sizeof(text), "[{\"user\":{\"login\":\"%s\"},\"state\":\"COMMENTED\"}]",
		 login);
	CHECK(fails(text, 1, 19, "\"login\" must be 1 to 100 bytes"));
	CHECK(fails("[{\"user\":{\"login\":\"\"},\"state\":\"COMMENTED\"}]", 1, 19, "1 to 100"));
	CHECK(fails("[{\"user\":{\"login\":\"a\\nb\"},\"state\":\"COMMENTED\"}]", 1, 19,
		    "control characters"));
	CHECK(fails("[{\"user\":{\"login\":\"a\\u007fb\"},\"state\":\"COMMENTED\"}]", 1, 19,
		    "control characters"));
	/* Found by fuzzing: a login starting with '@' could never be looked
	 * up, since lookups drop one leading '@' from the login asked for. */
	CHECK(fails("[{\"user\":{\"login\":\"@alice\"},\"state\":\"APPROVED\"}]", 1, 19,
		    "must not start with '@'"));
	/* Non-ASCII logins (other forges) are kept as they are. */
	CHECK((a = load_ok("[{\"user\":{\"login\":\"j\\u00fcrgen\"},\"state\":\"APPROVED\","
			   "\"commit_id\":\"" HEAD "\",\"submitted_at\":\"" T1 "\"}]",
			   HEAD, 0, NULL)) &&
	      a->count == 1 && !strcmp(a->items[0].login, "j\xc3\xbcrgen") &&
	      gate_approvals_approved_by(a, "j\xc3\xbcrgen"));
	gate_approvals_free(a);
}

/* Many reviews by many users: every user's latest stands. */
static void test_many_reviews(void)
{
	const size_t users = 3000, rounds = 4;
	size_t cap = users * rounds * 160 + 16, used = 0, u, k;
	char *text = malloc(cap);
	gate_approvals *a;

	CHECK(text != NULL);
	if (!text)
		return;
	used += (size_t)snprintf(text + used, cap - used, "[");
	/* Written newest round first: order in the array must not matter. */
	for (k = rounds; k > 0; k--) {
		for (u = 0; u < users; u++) {
			/* The last round approves for even users and requests changes
			 * for odd ones; earlier rounds do the opposite. */
			int approve = (u % 2 == 0) == (k == rounds);
			const char *state = approve ? "APPROVED" : "CHANGES_REQUESTED";

			used += (size_t)snprintf(text + used, cap - used,
						 "%s{\"user\":{\"login\":\"User%zu\"},"
						 "\"state\":\"%s\",\"commit_id\":\"" HEAD "\","
						 "\"submitted_at\":\"2024-03-0%zuT10:00:00Z\"}",
						 used > 1 ? "," : "", u, state, k);
		}
	}
	used += (size_t)snprintf(text + used, cap - used, "]");
	a = load_ok(text, HEAD, 0, NULL);
	CHECK(a && a->count == users && a->nread == users * rounds);
	CHECK(a && gate_approvals_count(a) == users / 2);
	CHECK(a && gate_approvals_approved_by(a, "user0") &&
	      gate_approvals_changes_requested_by(a, "USER2999"));
	gate_approvals_free(a);
	free(text);
}

static void test_size_limits(void)
{
	gate_approvals *a = NULL;
	gate_error err;
	size_t n = GATE_APPROVALS_MAX_VALUES, i;
	char *big, path[] = "/tmp/riskgate-approvals-XXXXXX";
	int fd;

	/* Over 64 MiB: refused before parsing. */
	big = malloc((size_t)GATE_APPROVALS_MAX_SIZE + 1);
	CHECK(big != NULL);
	if (big) {
		memset(big, ' ', (size_t)GATE_APPROVALS_MAX_SIZE + 1);
		big[0] = '[';
		big[GATE_APPROVALS_MAX_SIZE] = ']';
		gate_error_init(&err);
		CHECK(gate_approvals_load(&a, big, (size_t)GATE_APPROVALS_MAX_SIZE + 1, "big.json",
					  HEAD, 0, NULL, &err) == -1);
		CHECK(a == NULL && err.klass == GATE_ERR_INPUT &&
		      strstr(err.message, "larger than the limit") != NULL);
		/* Exactly the limit is fine. */
		big[GATE_APPROVALS_MAX_SIZE - 1] = ']';
		CHECK(gate_approvals_load(&a, big, GATE_APPROVALS_MAX_SIZE, "big.json", HEAD, 0,
					  NULL, &err) == 0 &&
		      a && a->count == 0);
		gate_approvals_free(a);
		a = NULL;
		free(big);
	}
	fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd >= 0) {
		CHECK(ftruncate(fd, (off_t)GATE_APPROVALS_MAX_SIZE + 1) == 0);
		close(fd);
		CHECK(gate_approvals_load_file(&a, path, HEAD, 0, NULL, &err) == -1 && !a &&
		      err.klass == GATE_ERR_INPUT &&
		      strstr(err.message, "larger than the limit") != NULL);
		unlink(path);
	}

	/* Too many values for the memory they would take: an array of n zeros
	 * holds n + 1 values. */
	big = malloc(2 * n + 1);
	CHECK(big != NULL);
	if (big) {
		big[0] = '[';
		for (i = 0; i < n; i++) {
			big[1 + 2 * i] = '0';
			big[2 + 2 * i] = i + 1 < n ? ',' : ']';
		}
		CHECK(fails_n(big, 2 * n + 1, 1, 1, "too many JSON values"));
		/* One element fewer: parsed (and refused as not reviews). */
		big[2 * n - 2] = ']';
		CHECK(fails_n(big, 2 * n - 1, 1, 2, "a review must be an object, not number"));
		free(big);
	}

	CHECK(gate_approvals_load_file(&a, "/nonexistent/riskgate/reviews.json", HEAD, 0, NULL,
				       &err) == -1 &&
	      !a && err.klass == GATE_ERR_INPUT);
}

static void test_deep_nesting(void)
{
	size_t n = 100000, i;
	char *deep = malloc(2 * n);
	gate_error err;

	CHECK(deep != NULL);
	if (!deep)
		return;
	memset(deep, '[', n);
	CHECK(load_n(deep, n, HEAD, 0, NULL, &err) == NULL && err.klass == GATE_ERR_INPUT &&
	      err.line == 1 && err.col == GATE_JSON_MAX_DEPTH + 1);
	for (i = 0; i < n; i++)
		deep[n + i] = ']';
	CHECK(load_n(deep, 2 * n, HEAD, 0, NULL, &err) == NULL && err.klass == GATE_ERR_INPUT);
	for (i = 0; i < n; i++)
		deep[i] = (i % 2) ? '{' : '[';
	CHECK(load_n(deep, n, HEAD, 0, NULL, &err) == NULL && err.klass == GATE_ERR_INPUT);
	free(deep);
}

/* A small deterministic generator, so that failures reproduce. */
static uint32_t next_random(uint32_t *state)
{
	/* Shifts in 64 bits: the bits shifted out are meant to be lost. */
	*state ^= (uint32_t)((uint64_t)*state << 13);
	*state ^= *state >> 17;
	*state ^= (uint32_t)((uint64_t)*state << 5);
	return *state;
}

/* Every prefix and many random corruptions of a real payload either load or
 * fail with an input error; none crashes or reads out of bounds. */
static void test_hostile_mutations(void)
{
	static const char alphabet[] = "[]{}\",:\\/*0aZ \n\xff\xc3";
	size_t len = 0, i, k;
	char *orig = read_whole(fixture("paginated.json"), &len);
	char *buf;
	uint32_t seed = 0x12345678u;
	int bad_class = 0;

	CHECK(orig != NULL);
	if (!orig)
		return;
	buf = malloc(len + 1);
	CHECK(buf != NULL);
	if (!buf) {
		free(orig);
		return;
	}
	for (i = 0; i < len; i += 7) {
		gate_error err;
		gate_approvals *a = load_n(orig, i, HEAD, 0, "mona", &err);

		if (!a && err.klass != GATE_ERR_INPUT)
			bad_class = 1;
		gate_approvals_free(a);
	}
	for (k = 0; k < 3000; k++) {
		gate_error err;
		gate_approvals *a;
		size_t flips = 1 + next_random(&seed) % 4, f;

		memcpy(buf, orig, len);
		for (f = 0; f < flips; f++)
			buf[next_random(&seed) % len] =
			    alphabet[next_random(&seed) % (sizeof(alphabet) - 1)];
		a = load_n(buf, len, HEAD, 0, "mona", &err);
		if (!a && err.klass != GATE_ERR_INPUT)
			bad_class = 1;
		if (a && a->count > 13)
			bad_class = 1;
		gate_approvals_free(a);
	}
	CHECK(!bad_class);
	free(buf);
	free(orig);
}

static gate_teams *teams_n(const char *text, size_t len, gate_error *err)
{
	gate_teams *t = NULL;
	char *copy = malloc(len ? len : 1);

	gate_error_init(err);
	if (!copy)
		return NULL;
	if (len)
		memcpy(copy, text, len);
	if (gate_teams_load(&t, copy, len, "t.json", err) != 0)
		t = NULL;
	free(copy);
	return t;
}

static int teams_fail(const char *text, unsigned line, unsigned col, const char *needle)
{
	gate_error err;
	gate_teams *t = teams_n(text, strlen(text), &err);
	int ok = !t && err.klass == GATE_ERR_INPUT && err.line == line && err.col == col &&
		 strstr(err.message, needle) != NULL && strcmp(err.file, "t.json") == 0;

	if (!ok)
		fprintf(stderr,
			"  teams: %.200s\n    expected %u:%u: ...%s...\n    got %u:%u: %s\n", text,
			line, col, needle, err.line, err.col, err.message);
	gate_teams_free(t);
	return ok;
}

static void test_teams_file(void)
{
	gate_teams *t = NULL;
	gate_error err;

	gate_error_init(&err);
	CHECK(gate_teams_load_file(&t, fixture("teams.json"), &err) == 0 && t);
	if (!t) {
		fprintf(stderr, "  %u:%u: %s\n", err.line, err.col, err.message);
		return;
	}
	CHECK(t->count == 3);
	CHECK(t->count == 3 && !strcmp(t->items[0].name, "octo-org/security") &&
	      t->items[0].nmembers == 2 && !strcmp(t->items[0].members[1], "Carol") &&
	      t->items[0].line == 2 && t->items[0].col == 3);
	CHECK(t->count == 3 && t->items[2].nmembers == 0 &&
	      !strcmp(t->items[2].name, "Octo-Org/Empty"));

	CHECK(gate_teams_known(t, "@octo-org/security"));
	CHECK(gate_teams_known(t, "octo-org/security"));
	CHECK(gate_teams_known(t, "@OCTO-ORG/Security"));
	CHECK(gate_teams_known(t, "octo-org/empty"));
	CHECK(!gate_teams_known(t, "octo-org/secure"));
	CHECK(!gate_teams_known(t, "octo-org"));
	CHECK(!gate_teams_known(t, NULL));
	CHECK(!gate_teams_known(NULL, "octo-org/security"));

	CHECK(gate_teams_is_member(t, "@octo-org/security", "alice"));
	CHECK(gate_teams_is_member(t, "octo-org/security", "ALICE"));
	CHECK(gate_teams_is_member(t, "@Octo-Org/Security", "@carol"));
	CHECK(!gate_teams_is_member(t, "@octo-org/security", "bob"));
	CHECK(gate_teams_is_member(t, "@octo-org/payments", "Bob"));
	CHECK(!gate_teams_is_member(t, "@octo-org/empty", "alice"));
	CHECK(!gate_teams_is_member(t, "@octo-org/nope", "alice"));
	CHECK(!gate_teams_is_member(t, "@octo-org/security", ""));
	CHECK(!gate_teams_is_member(t, "@octo-org/security", "@"));
	CHECK(!gate_teams_is_member(t, "@octo-org/security", "alic"));
	CHECK(!gate_teams_is_member(t, "@octo-org/security", NULL));
	CHECK(!gate_teams_is_member(NULL, "@octo-org/security", "alice"));
	gate_teams_free(t);
	gate_teams_free(NULL);

	t = teams_n("{}", 2, &err);
	CHECK(t && t->count == 0);
	gate_teams_free(t);
	{
		static const char text[] = "// teams\n{\"@a/b\": [\"x\"], /* c */ \"a/c\": []}\n";

		t = teams_n(text, sizeof(text) - 1, &err);
	}
	CHECK(t && t->count == 2 && gate_teams_is_member(t, "a/b", "X"));
	gate_teams_free(t);
}

/* "@acme" names the organisation when the teams file lists it: its own
 * members and every team's; otherwise it is a login. */
static void test_teams_organisation(void)
{
	static const char text[] = "{\"acme/security\": [\"sam\"], \"acme\": [\"carol\"], "
				   "\"other/x\": [\"dora\"]}";
	gate_error err;
	gate_teams *t = NULL;

	gate_error_init(&err);
	CHECK(gate_teams_load(&t, text, strlen(text), NULL, &err) == 0);
	CHECK(gate_teams_org_known(t, "@acme") && gate_teams_org_known(t, "ACME") &&
	      gate_teams_org_known(t, "other") && !gate_teams_org_known(t, "acm") &&
	      !gate_teams_org_known(t, "acme/security") && !gate_teams_org_known(NULL, "acme"));
	CHECK(gate_reviewer_matches("@acme", "carol", t));
	CHECK(gate_reviewer_matches("@acme", "SAM", t));
	CHECK(!gate_reviewer_matches("@acme", "dora", t));
	CHECK(!gate_reviewer_matches("@acme", "acme", t));
	CHECK(gate_reviewer_matches("@other", "dora", t));
	/* Not an organisation of the file: a login. */
	CHECK(gate_reviewer_matches("@erin", "erin", t));
	CHECK(gate_reviewer_matches("@acme", "acme", NULL));
	CHECK(!gate_reviewer_matches("@acme", "carol", NULL));
	gate_teams_free(t);
}

static void test_teams_errors(void)
{
	gate_error err;
	gate_teams *t = NULL;

	CHECK(teams_fail("[]", 1, 1, "a teams file must be an object"));
	CHECK(teams_fail("{\"sec urity\": []}", 1, 2, "\"sec urity\" is not a team name"));
	CHECK(teams_fail("{\"@\": []}", 1, 2, "not a team name"));
	CHECK(teams_fail("{\"@/team\": []}", 1, 2, "not a team name"));
	CHECK(teams_fail("{\"org/\": []}", 1, 2, "not a team name"));
	CHECK(teams_fail("{\"a/b/c\": []}", 1, 2, "not a team name"));
	CHECK(teams_fail("{\"org/my team\": []}", 1, 2, "not a team name"));
	CHECK(teams_fail("{\"@@org/t\": []}", 1, 2, "not a team name"));
	/* Found by fuzzing: the organisation "@@x" was kept as "@x", which
	 * gate_teams_known("@x") looks up as "x" and never finds. */
	CHECK(teams_fail("{\"@@x\": [\"a\"]}", 1, 2, "\"@@x\" is not a team name"));
	CHECK(teams_fail("{\"a@b\": [\"a\"]}", 1, 2, "\"a@b\" is not a team name"));
	CHECK(teams_fail("{\"org/t\\u0007\": []}", 1, 2, "\"org/t?\" is not a team name"));
	CHECK(teams_fail("{\n  \"@org/Team\": [],\n  \"ORG/team\": [\"a\"]\n}", 3, 3,
			 "team \"ORG/team\" is listed twice"));
	CHECK(
	    teams_fail("{\"org/t\": \"alice\"}", 1, 11, "must be an array of logins, not string"));
	CHECK(teams_fail("{\"org/t\": [\"a\", 1]}", 1, 17, "a team member must be a login string"));
	CHECK(teams_fail("{\"org/t\": [\"a\", \"@org/other\"]}", 1, 17,
			 "nested teams are not resolved: list the members of \"org/other\""));
	/* Found by fuzzing: "@@" was kept as the member "@", and "@@alice" as
	 * "@alice", which gate_teams_is_member could never match. */
	CHECK(teams_fail("{\"@r/t\":[\"@a\",\"@@\"]}", 1, 15, "one '@', not two"));
	CHECK(teams_fail("{\"o/t\": [\"@@alice\"]}", 1, 10, "one '@', not two"));
	CHECK(teams_fail("{\"org/t\": [\"\"]}", 1, 12, "a login must be 1 to 100 bytes"));
	CHECK(teams_fail("{\"org/t\": [\"@\"]}", 1, 12, "a login must be"));
	CHECK(teams_fail("{\"org/t\": [\"a\\tb\"]}", 1, 12, "control characters"));
	CHECK(teams_fail("{\"org/t\": [\"a\"],}", 1, 16, "trailing comma"));
	CHECK(teams_fail("{\"org/t\": [\"a\"]}{}", 1, 17, ""));
	CHECK(teams_fail("", 1, 1, "end of input"));

	gate_error_init(&err);
	CHECK(gate_teams_load_file(&t, "/nonexistent/riskgate/teams.json", &err) == -1 && !t &&
	      err.klass == GATE_ERR_INPUT);
	CHECK(gate_teams_load(&t, NULL, (size_t)GATE_APPROVALS_MAX_SIZE + 1, "t.json", &err) ==
		  -1 &&
	      err.klass == GATE_ERR_INTERNAL);
}

/* Large teams files: many keys (duplicates found without comparing every
 * pair) and too many values. */
static void test_teams_large(void)
{
	const size_t nteams = 200000;
	size_t cap = nteams * 40 + 64, used = 0, i;
	char *text = malloc(cap);
	gate_teams *t;
	gate_error err;

	CHECK(text != NULL);
	if (!text)
		return;
	used += (size_t)snprintf(text, cap, "{");
	for (i = 0; i < nteams; i++)
		used += (size_t)snprintf(text + used, cap - used, "%s\n\"org/t%zu\": [\"u%zu\"]",
					 i ? "," : "", i, i);
	snprintf(text + used, cap - used, "}");
	t = teams_n(text, strlen(text), &err);
	CHECK(t && t->count == nteams);
	CHECK(t && gate_teams_is_member(t, "@org/T199999", "U199999"));
	CHECK(t && !gate_teams_is_member(t, "@org/t199999", "u0"));
	gate_teams_free(t);

	/* The same team three times, the second time at the very end. */
	snprintf(text + used, cap - used, ",\n\"@ORG/T7\": [], \"Org/t7\": []}");
	CHECK(teams_fail(text, (unsigned)nteams + 2, 1, "team \"ORG/T7\" is listed twice"));
	free(text);

	text = malloc(2 * (size_t)GATE_APPROVALS_MAX_VALUES + 16);
	CHECK(text != NULL);
	if (!text)
		return;
	memcpy(text, "{\"a/b\": [", 9);
	for (i = 0; i < GATE_APPROVALS_MAX_VALUES; i++) {
		text[9 + 2 * i] = '1';
		text[10 + 2 * i] = ',';
	}
	memcpy(text + 9 + 2 * i, "1]}", 4);
	CHECK(teams_fail(text, 1, 1, "too many JSON values"));
	free(text);
}

static void test_reviewer_matches(void)
{
	gate_teams *t = NULL;
	gate_error err;

	gate_error_init(&err);
	CHECK(gate_teams_load_file(&t, fixture("teams.json"), &err) == 0);

	CHECK(gate_reviewer_matches("alice", "alice", t));
	CHECK(gate_reviewer_matches("@alice", "alice", t));
	CHECK(gate_reviewer_matches("Alice", "ALICE", NULL));
	CHECK(gate_reviewer_matches("alice", "@alice", NULL));
	CHECK(!gate_reviewer_matches("alice", "alice2", t));
	CHECK(!gate_reviewer_matches("alice", "alic", t));

	CHECK(gate_reviewer_matches("@octo-org/security", "alice", t));
	CHECK(gate_reviewer_matches("@octo-org/security", "carol", t));
	CHECK(gate_reviewer_matches("octo-org/security", "Carol", t));
	CHECK(!gate_reviewer_matches("@octo-org/security", "bob", t));
	CHECK(!gate_reviewer_matches("@octo-org/unknown", "alice", t));
	CHECK(!gate_reviewer_matches("@octo-org/security", "alice", NULL));
	/* A team's name is not one of its members. */
	CHECK(!gate_reviewer_matches("@octo-org/security", "octo-org/security", t));

	/* Emails never match a GitHub login, even one that looks alike. */
	CHECK(!gate_reviewer_matches("alice@example.com", "alice", t));
	CHECK(!gate_reviewer_matches("alice@example.com", "alice@example.com", t));

	CHECK(!gate_reviewer_matches("", "alice", t));
	CHECK(!gate_reviewer_matches("@", "alice", t));
	CHECK(!gate_reviewer_matches("alice", "", t));
	CHECK(!gate_reviewer_matches("alice", "@", t));
	CHECK(!gate_reviewer_matches(NULL, "alice", t));
	CHECK(!gate_reviewer_matches("alice", NULL, t));
	gate_teams_free(t);
}

/* The reviewers check's view: a standing approval by a team member. */
static void test_approvals_with_teams(void)
{
	gate_approvals *a = NULL;
	gate_teams *t = NULL;
	gate_error err;
	size_t i, n = 0, blocked = 0;

	gate_error_init(&err);
	CHECK(gate_approvals_load_file(&a, fixture("reviews.json"), HEAD, 0, "mona", &err) == 0);
	CHECK(gate_teams_load_file(&t, fixture("teams.json"), &err) == 0);
	if (!a || !t)
		goto done;
	for (i = 0; i < a->count; i++) {
		if (a->items[i].counts &&
		    gate_reviewer_matches("@octo-org/security", a->items[i].login, t))
			n++;
		if (a->items[i].state == GATE_REVIEW_CHANGES_REQUESTED)
			blocked++;
	}
	/* alice's approval is stale, so only carol counts for security. */
	CHECK(n == 1);
	CHECK(blocked == 0);
done:
	gate_approvals_free(a);
	gate_teams_free(t);
}

static void test_null_arguments(void)
{
	gate_approvals *a = NULL;
	gate_error err;

	gate_error_init(&err);
	CHECK(gate_approvals_load(NULL, "[]", 2, NULL, HEAD, 0, NULL, &err) == -1 &&
	      err.klass == GATE_ERR_INTERNAL);
	CHECK(gate_approvals_load(&a, NULL, 3, NULL, HEAD, 0, NULL, &err) == -1 && !a);
	CHECK(gate_approvals_load(&a, NULL, 0, NULL, HEAD, 0, NULL, &err) == -1 && !a &&
	      err.klass == GATE_ERR_INPUT && !strcmp(err.file, "<approvals>"));
	CHECK(gate_approvals_load(&a, "[]", 2, NULL, HEAD, 0, NULL, NULL) == 0 && a);
	gate_approvals_free(a);
	gate_approvals_free(NULL);
	CHECK(gate_approvals_count(NULL) == 0);
	CHECK(gate_approvals_find(NULL, "a") == NULL);
	CHECK(!gate_approvals_approved_by(NULL, "a"));
	CHECK(!gate_approvals_changes_requested_by(NULL, "a"));
}

/* Loads a permissions text; NULL on error (the error in *err). */
static gate_permissions *perms_of(const char *text, gate_error *err)
{
	gate_permissions *p = NULL;

	gate_error_init(err);
	if (gate_permissions_load(&p, text, strlen(text), "perms.json", err) < 0)
		return NULL;
	return p;
}

static void test_permissions_file(void)
{
	gate_permissions *p;
	gate_error err;

	p = perms_of("// from collaborators/LOGIN/permission\n"
		     "{\"alice\": \"admin\", \"@Bob\": \"Maintain\", \"carol\": \"write\",\n"
		     " \"dave\": \"triage\", \"erin\": \"read\", \"frank\": \"none\"}",
		     &err);
	CHECK(p != NULL);
	CHECK(gate_permissions_get(p, "ALICE") == GATE_PERM_ADMIN);
	CHECK(gate_permissions_get(p, "@bob") == GATE_PERM_MAINTAIN);
	CHECK(gate_permissions_get(p, "carol") == GATE_PERM_WRITE);
	CHECK(gate_permissions_get(p, "dave") == GATE_PERM_TRIAGE);
	CHECK(gate_permissions_get(p, "erin") == GATE_PERM_READ);
	CHECK(gate_permissions_get(p, "frank") == GATE_PERM_NONE);
	CHECK(gate_permissions_get(p, "mallory") == GATE_PERM_UNKNOWN);
	CHECK(gate_permissions_get(p, "") == GATE_PERM_UNKNOWN);
	CHECK(gate_permissions_get(NULL, "alice") == GATE_PERM_UNKNOWN);
	CHECK(gate_permission_can_write(GATE_PERM_ADMIN));
	CHECK(gate_permission_can_write(GATE_PERM_MAINTAIN));
	CHECK(gate_permission_can_write(GATE_PERM_WRITE));
	CHECK(!gate_permission_can_write(GATE_PERM_TRIAGE));
	CHECK(!gate_permission_can_write(GATE_PERM_READ));
	CHECK(!gate_permission_can_write(GATE_PERM_NONE));
	CHECK(!gate_permission_can_write(GATE_PERM_UNKNOWN));
	CHECK_STR(gate_permission_name(GATE_PERM_TRIAGE), "triage");
	CHECK_STR(gate_permission_name(GATE_PERM_UNKNOWN), "unknown");
	gate_permissions_free(p);
	p = perms_of("{}", &err);
	CHECK(p != NULL && p->count == 0);
	gate_permissions_free(p);
}

static void test_permissions_errors(void)
{
	static const struct {
		const char *text;
		const char *message;
	} bad[] = {
	    {"[]", "must be an object"},
	    {"{\"alice\": \"owner\"}", "unknown permission \"owner\""},
	    {"{\"alice\": \"WRITE \"}", "unknown permission"},
	    {"{\"alice\": true}", "must be a string"},
	    {"{\"alice\": {\"permission\": \"admin\"}}", "must be a string"},
	    {"{\"alice\": \"read\", \"ALICE\": \"admin\"}", "listed twice"},
	    {"{\"alice\": \"read\", \"@alice\": \"admin\"}", "listed twice"},
	    {"{\"\": \"admin\"}", "is not a login"},
	    {"{\"@@x\": \"admin\"}", "is not a login"},
	    {"{\"org/team\": \"admin\"}", "is not a login"},
	    {"{\"a\\u0007b\": \"admin\"}", "is not a login"},
	    {"{\"alice\": \"write\"", "perms.json:1:"},
	};
	gate_permissions *p;
	gate_error err;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		p = perms_of(bad[i].text, &err);
		CHECK(p == NULL);
		CHECK(err.klass == GATE_ERR_INPUT);
		CHECK_STR(err.file, "perms.json");
		if (strcmp(bad[i].message, "perms.json:1:") == 0) {
			CHECK(err.line == 1);
		} else if (!strstr(err.message, bad[i].message)) {
			fprintf(stderr, "  %s: got \"%s\"\n", bad[i].text, err.message);
			CHECK(0);
		}
		gate_permissions_free(p);
	}
	/* The duplicate is reported where it is, the second time. */
	p = perms_of("{\"alice\": \"read\",\n \"Alice\": \"admin\"}", &err);
	CHECK(p == NULL && err.line == 2 && err.col == 2);
}

static void test_login_is_ident(void)
{
	CHECK(gate_login_is_ident("eve", "Eve Example", "4242+eve@users.noreply.github.com"));
	CHECK(gate_login_is_ident("Eve", NULL, "eve@users.noreply.github.com"));
	CHECK(gate_login_is_ident("@eve", NULL, "EVE@corp.example"));
	CHECK(gate_login_is_ident("eve", "EVE", "someone@else.example"));
	CHECK(!gate_login_is_ident("eve", "Eve Example", "eve.example@corp.example"));
	CHECK(!gate_login_is_ident("eve", "Steve", "steve@corp.example"));
	CHECK(!gate_login_is_ident("eve", NULL, "4242+steve@users.noreply.github.com"));
	CHECK(!gate_login_is_ident("eve", NULL, "4242+eve@example.com"));
	CHECK(!gate_login_is_ident("eve", NULL, "x+eve@users.noreply.github.com.evil"));
	CHECK(!gate_login_is_ident("", "", ""));
	CHECK(!gate_login_is_ident(NULL, "eve", "eve@x"));
	CHECK(!gate_login_is_ident("eve", NULL, NULL));
	CHECK(!gate_login_is_ident("eve", NULL, "no-at-sign"));
}

static void test_logins_file(void)
{
	gate_logins *l = NULL;
	gate_error err;
	const char *text = "[\"zed\", null, \"@Sam\", \"web-flow\", \"sam\", \"alice\"]";

	gate_error_init(&err);
	CHECK(gate_logins_load(&l, text, strlen(text), "c.json", &err) == 0);
	CHECK(l && l->count == 5);
	CHECK(gate_logins_has(l, "SAM"));
	CHECK(gate_logins_has(l, "@alice"));
	CHECK(gate_logins_has(l, "zed"));
	CHECK(gate_logins_has(l, "web-flow"));
	CHECK(!gate_logins_has(l, "bob"));
	CHECK(!gate_logins_has(l, ""));
	CHECK(!gate_logins_has(NULL, "sam"));
	gate_logins_free(l);
	l = NULL;
	CHECK(gate_logins_load(&l, "{}", 2, "c.json", &err) < 0 && !l);
	CHECK(strstr(err.message, "expected an array of logins") != NULL);
	CHECK(gate_logins_load(&l, "[1]", 3, "c.json", &err) < 0 && !l);
	CHECK(gate_logins_load(&l, "[\"a/b\"]", 7, "c.json", &err) < 0 && !l);
	CHECK(gate_logins_load(&l, "[\"@@a\"]", 7, "c.json", &err) < 0 && !l);
	CHECK(gate_logins_load(&l, "[\"\"]", 4, "c.json", &err) < 0 && !l);
	CHECK(gate_logins_load(&l, "[\"a\\u0000b\"]", 12, "c.json", &err) < 0 && !l);
}

int main(void)
{
	find_root();
	GATE_RUN(test_github_payload);
	GATE_RUN(test_paginated_and_slurped);
	GATE_RUN(test_page_shapes);
	GATE_RUN(test_latest_wins_all_orders);
	GATE_RUN(test_ties_by_position);
	GATE_RUN(test_time_comparison);
	GATE_RUN(test_dismissed);
	GATE_RUN(test_stale);
	GATE_RUN(test_author_excluded);
	GATE_RUN(test_bots_excluded);
	GATE_RUN(test_outsiders_excluded);
	GATE_RUN(test_commented_and_pending_ignored);
	GATE_RUN(test_deleted_accounts);
	GATE_RUN(test_required_fields);
	GATE_RUN(test_wrong_types);
	GATE_RUN(test_bad_times);
	GATE_RUN(test_not_an_array);
	GATE_RUN(test_malformed_json);
	GATE_RUN(test_logins);
	GATE_RUN(test_many_reviews);
	GATE_RUN(test_size_limits);
	GATE_RUN(test_deep_nesting);
	GATE_RUN(test_hostile_mutations);
	GATE_RUN(test_teams_file);
	GATE_RUN(test_teams_organisation);
	GATE_RUN(test_teams_errors);
	GATE_RUN(test_teams_large);
	GATE_RUN(test_reviewer_matches);
	GATE_RUN(test_approvals_with_teams);
	GATE_RUN(test_null_arguments);
	GATE_RUN(test_permissions_file);
	GATE_RUN(test_permissions_errors);
	GATE_RUN(test_login_is_ident);
	GATE_RUN(test_logins_file);
	return GATE_UNIT_DONE("approvals");
}
