/*
 * Unit tests for src/event.c: GitHub event payloads of real shapes (pull
 * request, review, push that creates, updates and deletes, merge group,
 * workflow_dispatch) reduced to their fields, and hostile or malformed ones
 * refused with the JSON path and the reason. Inputs are copied into heap
 * blocks of exactly their length so that AddressSanitizer catches any
 * over-read.
 */
#include "riskgate/banned.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/event.h"
#include "unit.h"

#define HEAD    "6dcb09b5b57875f334f61aebed695e2e4193db5e"
#define BASE    "ecdd80bb57125d7ba9641ffaa4d7d2c19d3f3091"
#define HEAD256 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define ZERO    "0000000000000000000000000000000000000000"
#define ZERO256 ZERO "000000000000000000000000"

#define REPO                                                                                       \
	"\"repository\": {\"id\": 42, \"node_id\": \"R_kgDO\", \"name\": \"app\",\n"               \
	"  \"full_name\": \"acme/app\", \"private\": false,\n"                                     \
	"  \"owner\": {\"login\": \"acme\", \"id\": 9, \"type\": \"Organization\"},\n"             \
	"  \"html_url\": \"https://github.com/acme/app\", \"default_branch\": \"main\",\n"         \
	"  \"topics\": [], \"visibility\": \"public\"}"

/* A trimmed pull_request event, as GitHub sends it for "synchronize"; the
 * head's sha, the base's ref and the number can be replaced (as JSON
 * text, so that any type can be put there). */
static char *pr_payload(const char *head_sha, const char *base_ref, const char *number)
{
	static const char fmt[] =
	    "{\n"
	    "  \"action\": \"synchronize\",\n"
	    "  \"number\": %s,\n"
	    "  \"before\": \"" BASE "\",\n"
	    "  \"after\": \"" HEAD "\",\n"
	    "  \"pull_request\": {\n"
	    "    \"url\": \"https://api.github.com/repos/acme/app/pulls/7\",\n"
	    "    \"id\": 1, \"number\": %s, \"state\": \"open\", \"locked\": false,\n"
	    "    \"title\": \"Fix login\", \"body\": \"Line one\\nline two\",\n"
	    "    \"user\": {\"login\": \"octocat\", \"id\": 1, \"type\": \"User\",\n"
	    "             \"site_admin\": false},\n"
	    "    \"labels\": [{\"id\": 1, \"name\": \"bug\", \"color\": \"f29513\"}],\n"
	    "    \"requested_reviewers\": [], \"requested_teams\": [],\n"
	    "    \"head\": {\"label\": \"octocat:fix\", \"ref\": \"fix\", \"sha\": %s,\n"
	    "             \"user\": {\"login\": \"octocat\"},\n"
	    "             \"repo\": {\"full_name\": \"octocat/app\", \"fork\": true}},\n"
	    "    \"base\": {\"label\": \"acme:main\", \"ref\": %s, \"sha\": \"" BASE "\",\n"
	    "             \"repo\": {\"full_name\": \"acme/app\", \"default_branch\": \"main\"}},\n"
	    "    \"merge_commit_sha\": null, \"draft\": false, \"merged\": false,\n"
	    "    \"commits\": 3, \"additions\": 10, \"deletions\": 2\n"
	    "  },\n"
	    "  " REPO ",\n"
	    "  \"sender\": {\"login\": \"octocat\", \"id\": 1, \"type\": \"User\"}\n"
	    "}\n";
	size_t cap = sizeof(fmt) + strlen(head_sha) + strlen(base_ref) + 2 * strlen(number) + 1;
	char *s = malloc(cap);

	if (s)
		snprintf(s, cap, fmt, number, number, head_sha, base_ref);
	return s;
}

static char *push_payload(const char *ref, const char *before, const char *after, const char *flags)
{
	static const char fmt[] =
	    "{\"ref\": %s, \"before\": %s, \"after\": %s, %s\n"
	    " \"forced\": false, \"base_ref\": null,\n"
	    " \"compare\": \"https://github.com/acme/app/compare/x...y\",\n"
	    " \"commits\": [{\"id\": \"" HEAD "\", \"message\": \"m\",\n"
	    "   \"author\": {\"name\": \"A\", \"username\": \"alice\"}}],\n"
	    " \"head_commit\": null,\n"
	    " " REPO ",\n"
	    " \"pusher\": {\"name\": \"alice\", \"email\": \"a@example.com\"},\n"
	    " \"sender\": {\"login\": \"alice\", \"id\": 7}}\n";
	size_t cap = sizeof(fmt) + strlen(ref) + strlen(before) + strlen(after) + strlen(flags);
	char *s = malloc(cap);

	if (s)
		snprintf(s, cap, fmt, ref, before, after, flags);
	return s;
}

/* Reads `text` (freed here) from an exact-size heap copy. */
static int read_text(gate_event *ev, const char *name, char *text, gate_error *err)
{
	size_t len = text ? strlen(text) : 0;
	char *copy = malloc(len ? len : 1);
	int rc;

	gate_error_init(err);
	if (!copy || !text) {
		free(copy);
		free(text);
		return -2;
	}
	memcpy(copy, text, len);
	rc = gate_event_read(ev, name, copy, len, "event.json", err);
	free(copy);
	free(text);
	return rc;
}

static char *dup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d)
		memcpy(d, s, n);
	return d;
}

/* Expects the read to fail with a message containing `want`; prints the
 * message when it does not. */
static void expect_error(const char *what, const char *name, char *text, const char *want)
{
	gate_event ev;
	gate_error err;
	int rc = read_text(&ev, name, text, &err);

	if (rc != -1 || err.klass != GATE_ERR_INPUT || !strstr(err.message, want)) {
		fprintf(stderr, "%s: expected an input error with \"%s\", got rc %d: %s\n", what,
			want, rc, err.message);
		unit_current_failed = 1;
		return;
	}
	/* Never a control byte in a message. */
	for (const char *p = err.message; *p; p++)
		CHECK((unsigned char)*p >= 0x20 && *p != 0x7f);
	/* Nothing half-read is left behind. */
	CHECK(ev.head_sha[0] == '\0' && ev.base_ref[0] == '\0' && ev.push_after[0] == '\0');
}

static void test_pull_request(void)
{
	static const char *const names[] = {"pull_request", "pull_request_target",
					    "pull_request_review", "pull_request_review_comment"};
	gate_event ev;
	gate_error err;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		CHECK(read_text(&ev, names[i], pr_payload("\"" HEAD "\"", "\"main\"", "7"), &err) ==
		      0);
		CHECK_STR(ev.name, names[i]);
		CHECK(ev.kind == GATE_EVENT_PULL_REQUEST);
		CHECK_STR(ev.repository, "acme/app");
		CHECK_STR(ev.default_branch, "main");
		CHECK_STR(ev.head_sha, HEAD);
		CHECK_STR(ev.base_sha, BASE);
		CHECK_STR(ev.base_ref, "main");
		CHECK(ev.pr_number == 7);
		CHECK_STR(ev.author, "octocat");
		/* The payload is a "synchronize" sent by octocat: the pusher, but
		 * only for the pull request events themselves. */
		CHECK_STR(ev.pusher,
			  strncmp(names[i], "pull_request_review", 19) == 0 ? "" : "octocat");
		CHECK_STR(ev.push_ref, "");
		CHECK(!ev.created && !ev.deleted);
	}

	/* SHA-256 ids, a branch with slashes and non-ASCII, a large number. */
	CHECK(read_text(&ev, "pull_request",
			pr_payload("\"" HEAD256 "\"", "\"release/v2.x/caf\\u00e9\"", "2147483647"),
			&err) == 0);
	CHECK_STR(ev.head_sha, HEAD256);
	CHECK_STR(ev.base_ref, "release/v2.x/caf\xc3\xa9");
	CHECK(ev.pr_number == 2147483647L);
}

static void test_pull_request_optional(void)
{
	gate_event ev;
	gate_error err;

	/* Only the top-level number; a deleted user (null); no repository. */
	CHECK(read_text(&ev, "pull_request",
			dup("{\"number\": 12, \"pull_request\": {\"user\": null,"
			    " \"head\": {\"sha\": \"" HEAD "\"}, \"base\": {\"ref\": \"dev\"}}}"),
			&err) == 0);
	CHECK(ev.pr_number == 12);
	CHECK_STR(ev.author, "");
	CHECK_STR(ev.base_sha, "");
	CHECK_STR(ev.repository, "");
	CHECK_STR(ev.default_branch, "");

	/* pull_request.number wins over number. */
	CHECK(read_text(&ev, "pull_request_review",
			dup("{\"number\": 1, \"review\": {\"state\": \"approved\"},"
			    " \"pull_request\": {\"number\": 2, \"user\": {\"login\": "
			    "\"dependabot[bot]\"}, \"head\": {\"sha\": \"" HEAD "\"},"
			    " \"base\": {\"ref\": \"main\"}}}"),
			&err) == 0);
	CHECK(ev.pr_number == 2);
	CHECK_STR(ev.author, "dependabot[bot]");
	CHECK_STR(ev.pusher, "");

	/* A "synchronize" must name its sender; a hostile one is refused. */
	CHECK(read_text(&ev, "pull_request",
			dup("{\"action\": \"synchronize\", \"number\": 3, \"pull_request\": "
			    "{\"head\": {\"sha\": \"" HEAD "\"}, \"base\": {\"ref\": \"main\"}}}"),
			&err) < 0);
	CHECK(read_text(&ev, "pull_request",
			dup("{\"action\": \"synchronize\", \"number\": 3, \"sender\": {\"login\": "
			    "\"--pusher\"}, \"pull_request\": {\"head\": {\"sha\": \"" HEAD "\"},"
			    " \"base\": {\"ref\": \"main\"}}}"),
			&err) < 0);
	/* An "opened" names no pusher: its sender is the author. */
	CHECK(read_text(&ev, "pull_request",
			dup("{\"action\": \"opened\", \"number\": 3, \"sender\": {\"login\": "
			    "\"bob\"}, \"pull_request\": {\"head\": {\"sha\": \"" HEAD "\"},"
			    " \"base\": {\"ref\": \"main\"}}}"),
			&err) == 0);
	CHECK_STR(ev.pusher, "");
}

static void test_push(void)
{
	gate_event ev;
	gate_error err;

	CHECK(read_text(&ev, "push",
			push_payload("\"refs/heads/feature\"", "\"" BASE "\"", "\"" HEAD "\"",
				     "\"created\": false, \"deleted\": false,"),
			&err) == 0);
	CHECK(ev.kind == GATE_EVENT_PUSH);
	CHECK_STR(ev.push_ref, "refs/heads/feature");
	CHECK_STR(ev.push_before, BASE);
	CHECK_STR(ev.push_after, HEAD);
	CHECK(!ev.created && !ev.deleted);
	CHECK_STR(ev.repository, "acme/app");
	CHECK_STR(ev.default_branch, "main");
	CHECK_STR(ev.head_sha, "");

	/* A new branch. */
	CHECK(read_text(&ev, "push",
			push_payload("\"refs/heads/new\"", "\"" ZERO "\"", "\"" HEAD "\"",
				     "\"created\": true, \"deleted\": false,"),
			&err) == 0);
	CHECK(ev.created && !ev.deleted);

	/* A new tag in a SHA-256 repository, without the flags. */
	CHECK(
	    read_text(&ev, "push",
		      push_payload("\"refs/tags/v1.0\"", "\"" ZERO256 "\"", "\"" HEAD256 "\"", ""),
		      &err) == 0);
	CHECK(ev.created && !ev.deleted);
	CHECK_STR(ev.push_ref, "refs/tags/v1.0");

	/* An all-zero id is a marker: its length need not match the other's. */
	CHECK(read_text(&ev, "push",
			push_payload("\"refs/heads/new\"", "\"" ZERO256 "\"", "\"" HEAD "\"", ""),
			&err) == 0);
	CHECK(ev.created && !ev.deleted);

	/* A deletion. */
	CHECK(read_text(&ev, "push",
			push_payload("\"refs/heads/gone\"", "\"" HEAD "\"", "\"" ZERO "\"",
				     "\"created\": false, \"deleted\": true,"),
			&err) == 0);
	CHECK(ev.deleted && !ev.created);
	CHECK_STR(ev.push_after, ZERO);
}

static void test_merge_group_and_others(void)
{
	gate_event ev;
	gate_error err;

	CHECK(read_text(
		  &ev, "merge_group",
		  dup("{\"action\": \"checks_requested\", \"merge_group\": {\"head_sha\": \"" HEAD
		      "\", \"head_ref\": \"refs/heads/gh-readonly-queue/main/pr-7-" BASE
		      "\", \"base_sha\": \"" BASE "\", \"base_ref\": \"refs/heads/main\","
		      " \"head_commit\": {\"id\": \"" HEAD "\", \"message\": \"m\"}}, " REPO "}"),
		  &err) == 0);
	CHECK(ev.kind == GATE_EVENT_MERGE_GROUP);
	CHECK_STR(ev.head_sha, HEAD);
	CHECK_STR(ev.base_sha, BASE);
	CHECK_STR(ev.repository, "acme/app");
	/* The pull request the queue tests, from the branch it made for it,
	 * and the branch it goes to. */
	CHECK(ev.pr_number == 7);
	CHECK_STR(ev.target_branch, "main");
	{
		/* Only GitHub's queue branch names a pull request: anything else,
		 * or a number that is not one, leaves it unknown (0). */
		static const struct {
			const char *ref;
			long n;
		} refs[] = {
		    {"refs/heads/gh-readonly-queue/release/2.x/pr-4321-" BASE, 4321},
		    {"refs/heads/gh-readonly-queue/main/pr-12-" BASE "/x", 0},
		    {"refs/heads/gh-readonly-queue/main/pr-0-" BASE, 0},
		    {"refs/heads/gh-readonly-queue/main/pr--1-" BASE, 0},
		    {"refs/heads/gh-readonly-queue/main/pr-99999999999-" BASE, 0},
		    {"refs/heads/gh-readonly-queue/main/pr-3000000000-" BASE, 0},
		    {"refs/heads/gh-readonly-queue/main/pr-12", 0},
		    {"refs/heads/my-queue/main/pr-12-" BASE, 0},
		    {"refs/heads/feature/gh-readonly-queue/main/pr-12-" BASE, 0},
		    {"refs/tags/gh-readonly-queue/main/pr-12-" BASE, 0},
		};
		size_t i;
		char text[1024];

		for (i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
			snprintf(text, sizeof(text),
				 "{\"merge_group\": {\"head_sha\": \"" HEAD
				 "\", \"head_ref\": \"%s\","
				 " \"base_sha\": \"" BASE "\"}}",
				 refs[i].ref);
			CHECK(read_text(&ev, "merge_group", dup(text), &err) == 0);
			if (ev.pr_number != refs[i].n)
				fprintf(stderr, "%s: pr_number %ld, expected %ld\n", refs[i].ref,
					ev.pr_number, refs[i].n);
			CHECK(ev.pr_number == refs[i].n);
			CHECK_STR(ev.target_branch, "");
		}
	}
	/* A head_ref that is no ref name is refused like any field. */
	CHECK(read_text(&ev, "merge_group",
			dup("{\"merge_group\": {\"head_sha\": \"" HEAD "\", \"head_ref\": "
			    "\"refs/heads/a..b\", \"base_sha\": \"" BASE "\"}}"),
			&err) < 0);

	/* workflow_dispatch: only the repository; its ref and inputs are not read. */
	CHECK(read_text(&ev, "workflow_dispatch",
			dup("{\"inputs\": {\"level\": \"--force\"}, \"ref\": \"main..x\","
			    " \"workflow\": \".github/workflows/gate.yml\", " REPO "}"),
			&err) == 0);
	CHECK(ev.kind == GATE_EVENT_OTHER);
	CHECK_STR(ev.name, "workflow_dispatch");
	CHECK_STR(ev.default_branch, "main");
	CHECK_STR(ev.head_sha, "");

	/* An empty object is enough for an event that needs nothing. */
	CHECK(read_text(&ev, "schedule", dup("{}"), &err) == 0);
	CHECK_STR(ev.repository, "");
}

static void test_missing(void)
{
	expect_error("no pull_request", "pull_request", dup("{\"number\": 1, " REPO "}"),
		     "pull_request event: pull_request is missing");
	expect_error("pull_request null", "pull_request_target", dup("{\"pull_request\": null}"),
		     "pull_request is null");
	expect_error("no head", "pull_request",
		     dup("{\"pull_request\": {\"number\": 1, \"base\": {\"ref\": \"main\"}}}"),
		     "pull_request.head is missing");
	expect_error("no head.sha", "pull_request",
		     dup("{\"pull_request\": {\"number\": 1, \"head\": {},"
			 " \"base\": {\"ref\": \"main\"}}}"),
		     "pull_request.head.sha is missing");
	expect_error("no base.ref", "pull_request",
		     dup("{\"pull_request\": {\"number\": 1, \"head\": {\"sha\": \"" HEAD "\"},"
			 " \"base\": {\"sha\": \"" BASE "\"}}}"),
		     "pull_request.base.ref is missing");
	expect_error("no number", "pull_request",
		     dup("{\"pull_request\": {\"head\": {\"sha\": \"" HEAD "\"},"
			 " \"base\": {\"ref\": \"main\"}}}"),
		     "pull_request.number (or number) is missing");
	expect_error("no after", "push",
		     dup("{\"ref\": \"refs/heads/x\", \"before\": \"" BASE "\"}"),
		     "push event: after is missing");
	expect_error("no ref", "push", dup("{\"before\": \"" BASE "\", \"after\": \"" HEAD "\"}"),
		     "ref is missing");
	expect_error("no merge_group", "merge_group", dup("{" REPO "}"),
		     "merge_group event: merge_group is missing");
	expect_error("no base_sha", "merge_group",
		     dup("{\"merge_group\": {\"head_sha\": \"" HEAD "\"}}"),
		     "merge_group.base_sha is missing");
}

static void test_wrong_types(void)
{
	expect_error("pull_request an array", "pull_request", dup("{\"pull_request\": []}"),
		     "pull_request is an array, expected an object");
	expect_error("head a string", "pull_request",
		     dup("{\"pull_request\": {\"head\": \"" HEAD "\"}}"),
		     "pull_request.head is a string, expected an object");
	expect_error("sha a number", "pull_request", pr_payload("40", "\"main\"", "7"),
		     "pull_request.head.sha is a number, expected a string");
	expect_error("ref an object", "pull_request", pr_payload("\"" HEAD "\"", "{}", "7"),
		     "pull_request.base.ref is an object, expected a string");
	expect_error("number a string", "pull_request",
		     pr_payload("\"" HEAD "\"", "\"main\"", "\"7\""),
		     "number is a string, expected a positive integer");
	expect_error("number zero", "pull_request", pr_payload("\"" HEAD "\"", "\"main\"", "0"),
		     "not a pull request number");
	expect_error("number negative", "pull_request",
		     pr_payload("\"" HEAD "\"", "\"main\"", "-3"), "not a pull request number");
	expect_error("number fraction", "pull_request",
		     pr_payload("\"" HEAD "\"", "\"main\"", "7.5"), "not a pull request number");
	expect_error("number huge", "pull_request",
		     pr_payload("\"" HEAD "\"", "\"main\"", "4294967297"),
		     "not a pull request number");
	expect_error("repository a string", "schedule", dup("{\"repository\": \"acme/app\"}"),
		     "repository is a string, expected an object");
	expect_error("deleted a string", "push",
		     push_payload("\"refs/heads/x\"", "\"" BASE "\"", "\"" HEAD "\"",
				  "\"deleted\": \"false\","),
		     "deleted is a string, expected a boolean");
}

static void test_hostile_values(void)
{
	static const struct {
		const char *ref, *want;
	} refs[] = {
	    {"\"--upload-pack=touch /tmp/x\"", "starts with '-'"},
	    {"\"-main\"", "starts with '-'"},
	    {"\"main..evil\"", "contains '..'"},
	    {"\"main\\nevil\"", "contains a control character"},
	    {"\"main\\revil\"", "contains a control character"},
	    {"\"ma\\u007fin\"", "contains a control character"},
	    {"\"main evil\"", "contains a space"},
	    {"\"main@{1}\"", "contains '@{'"},
	    {"\"main~1\"", "contains one of"},
	    {"\"main^2\"", "contains one of"},
	    {"\"a:b\"", "contains one of"},
	    {"\"a?b\"", "contains one of"},
	    {"\"a*\"", "contains one of"},
	    {"\"a[b\"", "contains one of"},
	    {"\"a\\\\b\"", "contains one of"},
	    {"\"/main\"", "starts with '/'"},
	    {"\"main/\"", "ends with '/'"},
	    {"\"main.\"", "ends with '.'"},
	    {"\"a//b\"", "contains '//'"},
	    {"\".hidden\"", "component starting with '.'"},
	    {"\"a/.b\"", "component starting with '.'"},
	    {"\"main.lock\"", "ending with '.lock'"},
	    {"\"a.lock/b\"", "ending with '.lock'"},
	    {"\"@\"", "is '@'"},
	    {"\"HEAD\"", "is 'HEAD'"},
	    {"\"\"", "empty"},
	};
	static const char *const shas[] = {
	    "\"not-a-sha\"",
	    "\"" HEAD "0\"",
	    "\"6DCB09B5B57875F334F61AEBED695E2E4193DB5E\"",
	    "\"--output=/tmp/x\"",
	    "\"HEAD~1\"",
	    "\"6dcb09b5b57875f334f61aebed695e2e4193db5\\n\"",
	    "\"\"",
	};
	gate_event ev;
	gate_error err;
	size_t i;

	for (i = 0; i < sizeof(refs) / sizeof(refs[0]); i++)
		expect_error(refs[i].ref, "pull_request",
			     pr_payload("\"" HEAD "\"", refs[i].ref, "7"), refs[i].want);
	for (i = 0; i < sizeof(shas) / sizeof(shas[0]); i++)
		expect_error(shas[i], "pull_request", pr_payload(shas[i], "\"main\"", "7"),
			     "pull_request.head.sha");
	expect_error("zero head", "pull_request", pr_payload("\"" ZERO "\"", "\"main\"", "7"),
		     "pull_request.head.sha is all zeros");

	/* The offending value is quoted with its control bytes replaced. */
	CHECK(read_text(&ev, "pull_request",
			pr_payload("\"" HEAD "\"", "\"main\\u001b[31m\\nevil\"", "7"), &err) == -1);
	CHECK(strstr(err.message, "\"main?[31m?evil\"") != NULL);
	CHECK(err.line == 17);
	CHECK_STR(err.file, "event.json");

	/* The same rules for the default branch, the push's ref and ids. */
	expect_error("default branch", "schedule",
		     dup("{\"repository\": {\"default_branch\": \"--exec=x\"}}"),
		     "repository.default_branch \"--exec=x\" is not a valid branch name");
	expect_error("push ref not refs/", "push",
		     push_payload("\"main\"", "\"" BASE "\"", "\"" HEAD "\"", ""),
		     "does not start with 'refs/'");
	expect_error("push ref ..", "push",
		     push_payload("\"refs/heads/a..b\"", "\"" BASE "\"", "\"" HEAD "\"", ""),
		     "ref \"refs/heads/a..b\" is not a valid ref name: contains '..'");
	expect_error("push before", "push",
		     push_payload("\"refs/heads/x\"", "\"-1\"", "\"" HEAD "\"", ""),
		     "before \"-1\" is not a valid object id");
	expect_error("push after", "push",
		     push_payload("\"refs/heads/x\"", "\"" BASE "\"", "\"HEAD\"", ""),
		     "after \"HEAD\" is not a valid object id");
	expect_error("mixed lengths", "push",
		     push_payload("\"refs/heads/x\"", "\"" BASE "\"", "\"" HEAD256 "\"", ""),
		     "different lengths");
	expect_error("both zero", "push",
		     push_payload("\"refs/heads/x\"", "\"" ZERO "\"", "\"" ZERO "\"", ""),
		     "both all zeros");
	expect_error(
	    "deleted disagrees", "push",
	    push_payload("\"refs/heads/x\"", "\"" BASE "\"", "\"" HEAD "\"", "\"deleted\": true,"),
	    "deleted is true but after is not all zeros");
	expect_error(
	    "created disagrees", "push",
	    push_payload("\"refs/heads/x\"", "\"" BASE "\"", "\"" HEAD "\"", "\"created\": true,"),
	    "created is true but before is not all zeros");
	expect_error(
	    "merge group zero", "merge_group",
	    dup("{\"merge_group\": {\"head_sha\": \"" HEAD "\", \"base_sha\": \"" ZERO "\"}}"),
	    "merge_group.base_sha is all zeros");

	/* Logins and the repository's name. */
	expect_error("login with a space", "pull_request",
		     dup("{\"number\": 1, \"pull_request\": {\"user\": {\"login\": \"a b\"},"
			 " \"head\": {\"sha\": \"" HEAD "\"}, \"base\": {\"ref\": \"main\"}}}"),
		     "pull_request.user.login \"a b\" is not a valid login");
	expect_error("login option", "pull_request",
		     dup("{\"number\": 1, \"pull_request\": {\"user\": {\"login\": \"-x\"},"
			 " \"head\": {\"sha\": \"" HEAD "\"}, \"base\": {\"ref\": \"main\"}}}"),
		     "not a valid login");
	expect_error("full_name ..", "schedule",
		     dup("{\"repository\": {\"full_name\": \"acme/..\"}}"),
		     "repository.full_name \"acme/..\" is not a valid repository name");
	expect_error("full_name path", "schedule",
		     dup("{\"repository\": {\"full_name\": \"acme/app/pulls\"}}"),
		     "not a valid repository name");
	expect_error("full_name no owner", "schedule",
		     dup("{\"repository\": {\"full_name\": \"/app\"}}"),
		     "not a valid repository name");
}

static void test_malformed(void)
{
	char *deep;
	size_t i;

	expect_error("not JSON", "push", dup("this is not JSON"), "the payload is not valid JSON");
	expect_error("empty", "push", dup(""), "the payload is not valid JSON");
	expect_error("truncated", "pull_request", dup("{\"pull_request\": {\"head\": "),
		     "the payload is not valid JSON");
	expect_error("two values", "push", dup("{} {}"), "the payload is not valid JSON");
	expect_error("array", "push", dup("[{\"ref\": \"refs/heads/x\"}]"),
		     "the payload is an array, expected an object");
	expect_error("string", "schedule", dup("\"x\""), "the payload is a string");
	expect_error("invalid UTF-8", "push", dup("{\"ref\": \"refs/heads/\xff\"}"),
		     "not valid JSON");

	/* Deep nesting is refused, not recursed into. */
	deep = malloc(200001);
	if (deep) {
		for (i = 0; i < 100000; i++) {
			deep[i] = '[';
			deep[200000 - 1 - i] = ']';
		}
		deep[200000] = '\0';
		expect_error("deep", "push", deep, "nesting deeper than");
	}
}

static void test_names_and_limits(void)
{
	gate_event ev;
	gate_error err;
	char *big;

	expect_error("empty name", "", dup("{}"), "event name");
	expect_error("odd name", "pull request", dup("{}"), "event name");
	expect_error("name with newline", "push\n", dup("{}"), "event name \"push?\"");
	gate_error_init(&err);
	CHECK(gate_event_read(&ev, NULL, "{}", 2, "x", &err) == -1);

	/* Over the size limit: refused before parsing. */
	big = malloc((size_t)GATE_EVENT_MAX_SIZE + 1);
	if (big) {
		memset(big, ' ', (size_t)GATE_EVENT_MAX_SIZE + 1);
		big[0] = '{';
		big[GATE_EVENT_MAX_SIZE] = '}';
		gate_error_init(&err);
		CHECK(gate_event_read(&ev, "push", big, (size_t)GATE_EVENT_MAX_SIZE + 1, "big.json",
				      &err) == -1);
		CHECK(strstr(err.message, "larger than the limit") != NULL);
		free(big);
	}

	/* Too many values: refused before the parser builds them; commas inside
	 * strings do not count, but a string or comment cannot hide real ones. */
	big = malloc((size_t)GATE_EVENT_MAX_VALUES * 2 + 64);
	if (big) {
		size_t i, n = 0;

		n += (size_t)snprintf(big, 64, "{\"a\": [");
		for (i = 0; i < GATE_EVENT_MAX_VALUES; i++) {
			big[n++] = '0';
			big[n++] = ',';
		}
		big[n++] = '0';
		big[n++] = ']';
		big[n++] = '}';
		big[n] = '\0';
		expect_error("many values", "push", big, "more than 262144 JSON values");
	}
	big = malloc((size_t)GATE_EVENT_MAX_VALUES + 64);
	if (big) {
		size_t i, n = 0;

		n += (size_t)snprintf(big, 64, "{\"a\": \"");
		for (i = 0; i < GATE_EVENT_MAX_VALUES; i++)
			big[n++] = ',';
		big[n++] = '"';
		big[n++] = '}';
		big[n] = '\0';
		CHECK(read_text(&ev, "schedule", big, &err) == 0);
	}
	CHECK(read_text(&ev, "schedule", dup("/* \" */ {\"a\": [0,0]} /* \" */"), &err) == 0);
	expect_error("open comment", "schedule", dup("{} /* ,,,"), "not valid JSON");

	/* A file that does not exist. */
	gate_error_init(&err);
	CHECK(gate_event_read_file(&ev, "push", "/nonexistent/event.json", &err) == -1);
	CHECK(err.klass == GATE_ERR_INPUT);
}

static void test_validators(void)
{
	CHECK(gate_event_check_oid(HEAD) == NULL);
	CHECK(gate_event_check_oid(HEAD256) == NULL);
	CHECK(gate_event_check_oid(ZERO) == NULL);
	CHECK(gate_event_check_oid("") != NULL);
	CHECK(gate_event_check_oid("abc") != NULL);
	CHECK(gate_event_check_branch("main") == NULL);
	CHECK(gate_event_check_branch("feature/a.b-c_d") == NULL);
	CHECK(gate_event_check_branch("refs/heads/main") == NULL);
	CHECK(gate_event_check_branch("a.lockx") == NULL);
	CHECK(gate_event_check_branch("x@y") == NULL);
	CHECK(gate_event_check_branch("a/b.lock/c") != NULL);
	CHECK(gate_event_check_ref("refs/heads/main") == NULL);
	CHECK(gate_event_check_ref("refs/pull/7/head") == NULL);
	CHECK(gate_event_check_ref("refs/heads/") != NULL);
	CHECK(gate_event_check_ref("heads/main") != NULL);
}

int main(void)
{
	GATE_RUN(test_pull_request);
	GATE_RUN(test_pull_request_optional);
	GATE_RUN(test_push);
	GATE_RUN(test_merge_group_and_others);
	GATE_RUN(test_missing);
	GATE_RUN(test_wrong_types);
	GATE_RUN(test_hostile_values);
	GATE_RUN(test_malformed);
	GATE_RUN(test_names_and_limits);
	GATE_RUN(test_validators);
	return GATE_UNIT_DONE("test_event");
}
