/*
 * What counts as an answer to a failure-mode question (src/walkthrough.c,
 * docs/walkthrough.md), and the policy keys that set the questions. Every
 * way an author could fill a section without answering it is a case here
 * that must not count.
 */
#include "riskgate/banned.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "riskgate/buf.h"
#include "riskgate/policy.h"
#include "riskgate/walkthrough.h"
#include "unit.h"

static const char default_policy[] =
    "{\"version\": 1, \"default_tier\": \"low\", \"tiers\": ["
    "{\"name\": \"critical\", \"paths\": [\"auth/\"], \"require\": {\"walkthrough\": true}},"
    "{\"name\": \"low\", \"paths\": []}]}";

static gate_policy *load(const char *text)
{
	gate_policy *p = NULL;
	gate_error err;

	gate_error_init(&err);
	if (gate_policy_load(&p, text, strlen(text), "policy.json", "test", NULL, &err) < 0) {
		fprintf(stderr, "policy: %s\n", err.message);
		unit_abort();
	}
	return p;
}

/* The message of the load error, "" when the policy loads. */
static const char *load_error(const char *text)
{
	static char msg[1024];
	gate_policy *p = NULL;
	gate_error err;

	gate_error_init(&err);
	msg[0] = '\0';
	if (gate_policy_load(&p, text, strlen(text), "policy.json", "test", NULL, &err) < 0)
		snprintf(msg, sizeof(msg), "%s", err.message);
	gate_policy_free(p);
	return msg;
}

typedef struct {
	gate_policy *policy;
	gate_wt_answer *a;
	gate_change change;
	gate_commit commits[4];
} fixture;

/* Reads the answers of `desc` (NULL: none) and of up to four commit
 * messages, newest first. */
static void run(fixture *fx, const char *policy, const char *desc, const char *const *msgs)
{
	gate_error err;
	size_t i;

	memset(fx, 0, sizeof(*fx));
	fx->policy = load(policy ? policy : default_policy);
	for (i = 0; msgs && msgs[i] && i < 4; i++) {
		snprintf(fx->commits[i].sha, sizeof(fx->commits[i].sha), "%040zu", i + 1);
		fx->commits[i].message = (char *)msgs[i];
	}
	fx->change.commits = fx->commits;
	fx->change.ncommits = i;
	gate_error_init(&err);
	if (gate_walkthrough_read(&fx->a, fx->policy, desc, desc ? strlen(desc) : 0, &fx->change,
				  &err) < 0) {
		fprintf(stderr, "read: %s\n", err.message);
		unit_abort();
	}
}

static void done(fixture *fx)
{
	gate_walkthrough_free(fx->a, fx->policy->nwt_questions);
	gate_policy_free(fx->policy);
}

#define STATUS(fx, i, s) CHECK_STR(gate_wt_status_name((fx)->a[i].status), (s))

static const char good[] =
    "## What happens if a dependency is down or slow?\n"
    "The store call times out after 200 ms and the request gets 503.\n"
    "## What happens if this runs twice?\n"
    "The refund is keyed by the order id, so the second run returns the first.\n"
    "## What happens if the input is ten times larger?\n"
    "The export pages 1,000 rows at a time; memory stays flat.\n"
    "## How is a failure seen in production?\n"
    "refunds_failed_total alerts at 5 a minute and the order id is logged.\n";

static void test_all_answered(void)
{
	fixture fx;
	size_t i;

	run(&fx, NULL, good, NULL);
	CHECK(fx.policy->nwt_questions == 4);
	for (i = 0; i < 4; i++) {
		STATUS(&fx, i, "answered");
		CHECK_STR(fx.a[i].source, "description");
	}
	CHECK_STR(fx.a[1].answer,
		  "The refund is keyed by the order id, so the second run returns the first.");
	/* Letters and digits: "The" "refund" ... counted without spaces. */
	CHECK(fx.a[2].length == strlen("Theexportpages1000rowsatatimememorystaysflat"));
	done(&fx);
}

static void test_missing_and_placeholders(void)
{
	static const char *const placeholders[] = {"N/A",
						   "n / a",
						   "TODO.",
						   "tbd",
						   "Same as above!",
						   "-",
						   "None",
						   "<!-- explain the retries -->"};
	fixture fx;
	size_t i;
	char desc[512];

	for (i = 0; i < sizeof(placeholders) / sizeof(placeholders[0]); i++) {
		snprintf(
		    desc, sizeof(desc),
		    "### What happens if this runs twice?\n%s\n\n"
		    "## Notes\nA long paragraph that is not part of the answer above at all.\n",
		    placeholders[i]);
		run(&fx, NULL, desc, NULL);
		STATUS(&fx, 0, "missing");
		CHECK(fx.a[0].answer == NULL && fx.a[0].source == NULL);
		STATUS(&fx, 1, "placeholder");
		if (fx.a[1].status != GATE_WT_PLACEHOLDER)
			fprintf(stderr, "placeholder: %s\n", placeholders[i]);
		STATUS(&fx, 2, "missing");
		done(&fx);
	}
}

/* The question copied into its own answer adds nothing, nor does another
 * question's heading. */
static void test_question_repeated(void)
{
	fixture fx;

	run(&fx, NULL,
	    "What happens if this runs twice?\n"
	    "What happens if this runs twice? What happens if this runs twice?\n",
	    NULL);
	STATUS(&fx, 1, "placeholder");
	done(&fx);
	run(&fx, NULL,
	    "How is a failure seen in production?: how is a failure seen in production, "
	    "what happens if a dependency is down or slow\n",
	    NULL);
	STATUS(&fx, 3, "placeholder");
	CHECK(fx.a[3].length == 0);
	done(&fx);
}

static void test_short(void)
{
	fixture fx;

	run(&fx, NULL, "## What happens if the input is ten times larger?\nIt is fine.\n", NULL);
	STATUS(&fx, 2, "too_short");
	CHECK(fx.a[2].length == 8);
	CHECK_STR(fx.a[2].answer, "It is fine.");
	done(&fx);
	/* The policy's own minimum. */
	run(&fx,
	    "{\"version\": 1, \"default_tier\": \"low\", \"walkthrough\": {\"min_length\": 5},"
	    "\"tiers\": [{\"name\": \"low\", \"paths\": [], \"require\": {\"walkthrough\": "
	    "true}}]}",
	    "## What happens if the input is ten times larger?\nIt is fine.\n", NULL);
	STATUS(&fx, 2, "answered");
	done(&fx);
}

/* The same paragraph under every heading answers only the first. */
static void test_same_answer_copied(void)
{
	static const char para[] = "We have thought about this carefully and it is handled well.";
	fixture fx;
	char desc[1024];

	snprintf(desc, sizeof(desc),
		 "## What happens if a dependency is down or slow?\n%s\n"
		 "## What happens if this runs twice?\n%s\n"
		 "## What happens if the input is ten times larger?\n  %s!!\n"
		 "## How is a failure seen in production?\nSomething else entirely: an alert on "
		 "the error rate.\n",
		 para, para, para);
	run(&fx, NULL, desc, NULL);
	STATUS(&fx, 0, "answered");
	STATUS(&fx, 1, "repeated");
	CHECK(fx.a[1].same_as == 0);
	STATUS(&fx, 2, "repeated");
	CHECK(fx.a[2].same_as == 0);
	STATUS(&fx, 3, "answered");
	done(&fx);
	/* A commit message's own answer takes the place of a pasted one. */
	{
		static const char *const msgs[] = {
		    "Subject\n\nWhat happens if this runs twice?\nThe second run finds the "
		    "marker row and returns at once.\n",
		    NULL};

		snprintf(desc, sizeof(desc),
			 "## What happens if a dependency is down or slow?\n%s\n"
			 "## What happens if this runs twice?\n%s\n",
			 para, para);
		run(&fx, NULL, desc, msgs);
		STATUS(&fx, 0, "answered");
		STATUS(&fx, 1, "answered");
		CHECK_STR(fx.a[1].source, "0000000000000000000000000000000000000001");
		done(&fx);
	}
}

/* A template's comments, over several lines, are no answer; what is
 * written beside them is. */
static void test_template_comments(void)
{
	fixture fx;

	run(&fx, NULL,
	    "## What happens if this runs twice?\n"
	    "<!-- Say what the code does when the job or the request\n"
	    "     runs a second time: idempotency keys, deduplication,\n"
	    "     locks. Delete this comment. -->\n"
	    "\n"
	    "## What happens if a dependency is down or slow?\n"
	    "<!-- timeouts --> Every call has a 2 s timeout and three retries with "
	    "backoff. <!-- retries\n -->\n",
	    NULL);
	STATUS(&fx, 1, "placeholder");
	STATUS(&fx, 0, "answered");
	CHECK_STR(fx.a[0].answer, "Every call has a 2 s timeout and three retries with backoff.");
	done(&fx);
}

/* Headings in the forms people write them, with CRLF line ends. */
static void test_heading_forms(void)
{
	fixture fx;

	run(&fx, NULL,
	    "**What happens if a dependency is down or slow?**\r\n"
	    "Requests fail fast after 300 ms and are queued for a retry.\r\n"
	    "- what happens if this RUNS TWICE\r\n"
	    "  The second run finds the marker row and stops at once.\r\n"
	    "3. What happens if the input is ten times larger?: batches of 500, memory "
	    "stays flat throughout\r\n"
	    "###### How is a failure seen in production ?\r\n"
	    "An error log line with the request id and the failures_total counter.\r\n",
	    NULL);
	STATUS(&fx, 0, "answered");
	STATUS(&fx, 1, "answered");
	CHECK_STR(fx.a[1].answer, "The second run finds the marker row and stops at once.");
	STATUS(&fx, 2, "answered");
	CHECK_STR(fx.a[2].answer, "batches of 500, memory stays flat throughout");
	STATUS(&fx, 3, "answered");
	done(&fx);
	/* The heading's words inside a sentence open no section. */
	run(&fx, NULL,
	    "We asked what happens if this runs twice and decided it is fine for now, "
	    "more than thirty characters here.\n",
	    NULL);
	STATUS(&fx, 1, "missing");
	done(&fx);
}

/* A section ends at the next heading or a thematic break. */
static void test_section_ends(void)
{
	fixture fx;

	run(&fx, NULL,
	    "## What happens if this runs twice?\nFine so far.\n---\n"
	    "A long paragraph below the break that must not count for the answer.\n",
	    NULL);
	STATUS(&fx, 1, "too_short");
	done(&fx);
	run(&fx, NULL,
	    "## What happens if this runs twice?\nFine so far.\n# Testing\n"
	    "A long paragraph below the heading that must not count for the answer.\n",
	    NULL);
	STATUS(&fx, 1, "too_short");
	done(&fx);
}

/* Commit messages, newest first, without their trailers; the description
 * first. */
static void test_commit_messages(void)
{
	static const char *const msgs[] = {
	    "Fix the refund job\n\nWhat happens if this runs twice?\nOk.\n\n"
	    "Signed-off-by: Alice Example <alice@example.com>\n"
	    "Reviewed-by: Bob Example <bob@example.com>\n",
	    "Add the refund job\n\nWhat happens if this runs twice?\n"
	    "The job takes a row lock on the order and skips refunded orders.\n\n"
	    "How is a failure seen in production?\nN/A\n\n"
	    "Signed-off-by: Alice Example <alice@example.com>\n",
	    NULL};
	fixture fx;

	run(&fx, NULL, NULL, msgs);
	STATUS(&fx, 1, "answered");
	CHECK_STR(fx.a[1].source, "0000000000000000000000000000000000000002");
	CHECK_STR(fx.a[1].answer,
		  "The job takes a row lock on the order and skips refunded orders.");
	/* The trailers are no part of the last answer. */
	STATUS(&fx, 3, "placeholder");
	STATUS(&fx, 0, "missing");
	done(&fx);
	/* The description's placeholder, a commit's answer: the answer. */
	run(&fx, NULL, "## What happens if this runs twice?\nTBD\n", msgs);
	STATUS(&fx, 1, "answered");
	CHECK_STR(fx.a[1].source, "0000000000000000000000000000000000000002");
	done(&fx);
	/* Only placeholders: the first one found is what is shown. */
	{
		static const char *const bad[] = {"Subject\n\nWhat happens if this runs twice?\n"
						  "todo\n",
						  NULL};

		run(&fx, NULL, "## What happens if this runs twice?\nn/a\n", bad);
		STATUS(&fx, 1, "placeholder");
		CHECK_STR(fx.a[1].source, "description");
		CHECK_STR(fx.a[1].answer, "n/a");
		done(&fx);
	}
	/* A one-paragraph message is its subject, not trailers. */
	{
		static const char *const one[] = {"What happens if this runs twice?: Key: value",
						  NULL};

		run(&fx, NULL, NULL, one);
		STATUS(&fx, 1, "too_short");
		done(&fx);
	}
}

static void test_long_and_multibyte(void)
{
	fixture fx;
	char *desc;
	size_t n = 10000, i, head;

	/* Characters of other scripts count once each. */
	run(&fx, NULL,
	    "## What happens if this runs twice?\n"
	    "\xe4\xba\x8c\xe5\xba\xa6\xe7\x9b\xae\xe3\x81\xae\xe5\xae\x9f\xe8\xa1\x8c\xe3\x81\xaf"
	    "\xe4\xbd\x95\xe3\x82\x82\xe3\x81\x97\xe3\x81\xaa\xe3\x81\x84\n",
	    NULL);
	/* twelve characters of Han and kana weigh three each */
	CHECK(fx.a[1].length == 36);
	STATUS(&fx, 1, "answered");
	done(&fx);
	/* Characters nobody sees are no words: zero-width spaces and joiners,
	 * no-break spaces, bidirectional marks, a BOM, a soft hyphen, ill-formed
	 * bytes. */
	{
		gate_buf d = GATE_BUF_INIT(1 << 20);
		gate_error e;

		gate_error_init(&e);
		CHECK(gate_buf_puts(&d, "## What happens if this runs twice?\nok", &e) == 0);
		for (i = 0; i < 40; i++)
			CHECK(gate_buf_puts(&d,
					    i % 5 == 0   ? "\xe2\x80\x8b"
					    : i % 5 == 1 ? "\xc2\xa0"
					    : i % 5 == 2 ? "\xe2\x80\x8f"
					    : i % 5 == 3 ? "\xef\xbb\xbf\xc2\xad"
							 : "\xed\xa0\x80\xc0\xaf",
					    &e) == 0);
		CHECK(gate_buf_putc(&d, '\0', &e) == 0);
		run(&fx, NULL, d.ptr, NULL);
		STATUS(&fx, 1, "too_short");
		CHECK(fx.a[1].length == 2);
		done(&fx);
		gate_buf_dispose(&d);
	}
	head = strlen("## What happens if this runs twice?\n");
	desc = malloc(head + n + 1);
	if (!desc)
		unit_abort();
	memcpy(desc, "## What happens if this runs twice?\n", head);
	for (i = 0; i < n; i++)
		desc[head + i] = (char)('a' + i % 26);
	desc[head + n] = '\0';
	run(&fx, NULL, desc, NULL);
	STATUS(&fx, 1, "answered");
	CHECK(fx.a[1].truncated);
	CHECK(strlen(fx.a[1].answer) == GATE_WALKTHROUGH_KEEP + 3);
	CHECK(fx.a[1].length == n);
	done(&fx);
	free(desc);
}

static void test_policy_keys(void)
{
	gate_policy *p;

	p = load("{\"version\": 1, \"default_tier\": \"low\", \"walkthrough\": {\"questions\": ["
		 "{\"id\": \"rollback\", \"heading\": \"How is this rolled back?\"},"
		 "{\"id\": \"runs-twice\", \"heading\": \"What if it runs twice?\"}],"
		 "\"placeholders\": [\"nope\"]},"
		 "\"tiers\": [{\"name\": \"a\", \"paths\": [\"x\"], \"require\": {\"walkthrough\": "
		 "[\"rollback\"]}, \"require_when\": [{\"when\": {\"min_changed_files\": 2}, "
		 "\"require\": {\"walkthrough\": [\"runs-twice\"]}}]},"
		 "{\"name\": \"low\", \"paths\": []}]}");
	CHECK(p->nwt_questions == 2);
	CHECK(p->tiers[0].require.walkthrough == 1);
	CHECK(p->tiers[0].require_when[0].require.walkthrough == 2);
	CHECK(p->tiers[1].require.walkthrough == 0);
	CHECK(p->wt_min_length == GATE_WALKTHROUGH_MIN_LENGTH);
	CHECK_STR(p->wt_placeholders[0], "nope");
	CHECK(p->wt_placeholders[1] == NULL);
	gate_policy_free(p);

	CHECK(
	    strstr(load_error("{\"version\": 1, \"default_tier\": \"low\", \"tiers\": [{\"name\": "
			      "\"low\", \"paths\": [], \"require\": {\"walkthrough\": "
			      "[\"rollback\"]}}]}"),
		   "no question \"rollback\" in walkthrough.questions") != NULL);
	CHECK(
	    strstr(load_error("{\"version\": 1, \"default_tier\": \"low\", \"tiers\": [{\"name\": "
			      "\"low\", \"paths\": [], \"require\": {\"walkthrough\": \"yes\"}}]}"),
		   "\"walkthrough\" must be true, false or a non-empty list") != NULL);
	CHECK(
	    strstr(load_error("{\"version\": 1, \"default_tier\": \"low\", \"walkthrough\": "
			      "{\"questions\": [{\"id\": \"a\", \"heading\": \"Why: because\"}]}, "
			      "\"tiers\": [{\"name\": \"low\", \"paths\": []}]}"),
		   "no ':'") != NULL);
	CHECK(strstr(load_error("{\"version\": 1, \"default_tier\": \"low\", \"walkthrough\": "
				"{\"questions\": [{\"id\": \"a\", \"heading\": \"Is it safe?\"}, "
				"{\"id\": \"a\", \"heading\": \"Is it fast?\"}]}, "
				"\"tiers\": [{\"name\": \"low\", \"paths\": []}]}"),
		     "duplicate question id \"a\"") != NULL);
	CHECK(strstr(load_error("{\"version\": 1, \"default_tier\": \"low\", \"walkthrough\": "
				"{\"questions\": [{\"id\": \"a\", \"heading\": \"Is it safe?\"}, "
				"{\"id\": \"b\", \"heading\": \"is it SAFE\"}]}, "
				"\"tiers\": [{\"name\": \"low\", \"paths\": []}]}"),
		     "same heading") != NULL);
	CHECK(strstr(load_error(
			 "{\"version\": 1, \"default_tier\": \"low\", \"walkthrough\": "
			 "{\"min_length\": 0}, \"tiers\": [{\"name\": \"low\", \"paths\": []}]}"),
		     "\"min_length\" must be at least 1") != NULL);
	CHECK(strstr(load_error(
			 "{\"version\": 1, \"default_tier\": \"low\", \"walkthrough\": "
			 "{\"questions\": []}, \"tiers\": [{\"name\": \"low\", \"paths\": []}]}"),
		     "1 to 32 questions") != NULL);
	CHECK(strstr(load_error("{\"version\": 1, \"default_tier\": \"low\", \"walkthrough\": "
				"{\"questions\": [{\"id\": \"A b\", \"heading\": \"Is it?\"}]}, "
				"\"tiers\": [{\"name\": \"low\", \"paths\": []}]}"),
		     "must be 1 to 64 of a-z") != NULL);
	CHECK(strstr(load_error("{\"version\": 1, \"default_tier\": \"low\", \"walkthrough\": "
				"{\"questions\": [{\"id\": \"a\", \"heading\": \"???\"}]}, "
				"\"tiers\": [{\"name\": \"low\", \"paths\": []}]}"),
		     "heading must be") != NULL);
	CHECK(strstr(load_error(
			 "{\"version\": 1, \"default_tier\": \"low\", \"walkthrough\": "
			 "{\"question\": []}, \"tiers\": [{\"name\": \"low\", \"paths\": []}]}"),
		     "question") != NULL);
}

/* Hostile text: no crash, no answer out of nothing. */
static void test_hostile(void)
{
	static const char *const texts[] = {
	    "",
	    "\n\n\n",
	    "<!--",
	    "<!-- What happens if this runs twice?\nA long answer inside "
	    "a comment that is never closed and must not count\n",
	    "What happens if this runs twice?",
	    "What happens if this runs twice?:",
	    ":::::\n::::",
	    "#\n##\n###### \n",
	    "What happens if this runs twice?\r\r\r\n",
	    "\xff\xfe\xfd What happens if this runs twice? \xff\n\xc3\n"};
	fixture fx;
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		run(&fx, NULL, texts[i], NULL);
		CHECK(fx.a[1].status != GATE_WT_ANSWERED);
		done(&fx);
	}
}

/* What the rendered description does not show is no answer: link
 * reference definitions, tag attributes, scripts, CDATA, processing
 * instructions; characters that are no letters: format controls,
 * private use, emoji, box drawing. */
static void test_hidden(void)
{
	static const char *const hidden[] = {
	    "[What happens if this runs twice?]: # \"The job keys every run by its id so the "
	    "second "
	    "run stops\"\n",
	    "## What happens if this runs twice?\n[//]: # (The job keys every run by its id so the "
	    "second run stops)\n",
	    "## What happens if this runs twice?\n<img alt=\"The job keys every run by its id so "
	    "the "
	    "second run stops\" src=x>\n",
	    "## What happens if this runs twice?\n<script>The job keys every run by its id so the "
	    "second run stops</script>\n",
	    "## What happens if this runs twice?\n<![CDATA[The job keys every run by its id so the "
	    "second run stops]]>\n",
	    "## What happens if this runs twice?\n<?The job keys every run by its id so the second "
	    "run stops?>\n",
	    "## What happens if this runs twice?\n\xe1\xa0\x8b\xe1\xa0\x8b\xe1\xa0\x8b\xe1\xa0\x8b"
	    "\xe1\x9e\xb4\xe1\x9e\xb4\xe1\x9e\xb4\xe1\x9e\xb4\xf0\x9b\xb2\xa0\xf0\x9b\xb2\xa0"
	    "\xd8\x9c\xd8\x9c\xee\x80\x80\xee\x80\x80\xee\x80\x80\xe2\x83\x90\xe2\x83\x90"
	    "\xe1\xaa\xb0\xe1\xaa\xb0\xf0\x9f\x91\x8d\xf0\x9f\x91\x8d\xf0\x9f\x91\x8d"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80"
	    "\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\xe2\x94\x80\n",
	    "## What happens if this runs twice?\nTODO TODO TODO TODO TODO TODO TODO TODO TODO\n",
	    "## What happens if this runs twice?\nN/A n/a N/A none none none to do tbd tbd tbd\n",
	};
	fixture fx;
	size_t i;

	for (i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++) {
		run(&fx, NULL, hidden[i], NULL);
		if (fx.a[1].status == GATE_WT_ANSWERED) {
			fprintf(stderr, "hidden %zu counted: %s\n", i, fx.a[1].answer);
			unit_current_failed = 1;
		}
		done(&fx);
	}
	/* A heading inside a tag's text is still a heading: <h2>. */
	run(&fx, NULL,
	    "<h2>What happens if this runs twice?</h2>\n<p>The job keys every run by its id, so "
	    "the "
	    "second run stops.</p>\n",
	    NULL);
	STATUS(&fx, 1, "answered");
	done(&fx);
}

/* The forms of the review's wrong refusals, which must count. */
static void test_more_forms(void)
{
	static const char *const forms[] = {
	    /* setext heading */
	    "What happens if this runs twice?\n---\nThe job keys every run by its id, so the "
	    "second run stops.\n",
	    /* numbered ATX heading */
	    "## 2. What happens if this runs twice?\nThe job keys every run by its id, so the "
	    "second "
	    "run stops.\n",
	    /* bold question, the answer after it on the line */
	    "**What happens if this runs twice?** The job keys every run by its id, so the second "
	    "run stops.\n",
	    /* a fenced block with a '#' line inside the answer */
	    "## What happens if this runs twice?\nThe lock is taken first:\n```sh\n# take the "
	    "lock\nflock /run/job.lock job\n```\nso the second run waits and then finds the "
	    "marker.\n",
	    /* "<!--" in a code span is visible text, not a comment */
	    "## What happens if this runs twice?\nThe template's `<!--` marker is kept; the job "
	    "keys "
	    "every run by its id.\n",
	    /* non-ASCII case */
	    "## WHAT HAPPENS IF THIS RUNS TWICE?\nThe job keys every run by its id, so the second "
	    "run "
	    "stops.\n",
	};
	fixture fx;
	size_t i;

	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		run(&fx, NULL, forms[i], NULL);
		if (fx.a[1].status != GATE_WT_ANSWERED) {
			fprintf(stderr, "form %zu: %s (%s)\n", i,
				gate_wt_status_name(fx.a[1].status),
				fx.a[1].answer ? fx.a[1].answer : "-");
			unit_current_failed = 1;
		}
		done(&fx);
	}
	/* The rest of a commit message's last paragraph after a trailer is
	 * no answer: "ok" plus Signed-off-by is too short. */
	{
		static const char *const msgs[] = {
		    "Fix\n\nWhat happens if this runs twice?: ok\nSigned-off-by: Alice Example "
		    "<alice.example@example.com>\n",
		    NULL};

		run(&fx, NULL, NULL, msgs);
		STATUS(&fx, 1, "too_short");
		CHECK_STR(fx.a[1].answer, "ok");
		done(&fx);
	}
	/* Case folded beyond ASCII: a Cyrillic heading in capitals. */
	run(&fx,
	    "{\"version\": 1, \"default_tier\": \"low\", \"walkthrough\": {\"questions\": "
	    "[{\"id\": "
	    "\"again\", \"heading\": \"\xd1\x87\xd1\x82\xd0\xbe \xd0\xb5\xd1\x81\xd0\xbb\xd0\xb8 "
	    "\xd0\xbf\xd0\xbe\xd0\xb2\xd1\x82\xd0\xbe\xd1\x80\xd0\xb8\xd1\x82\xd1\x8c\"}]}, "
	    "\"tiers\": [{\"name\": \"low\", \"paths\": [], \"require\": {\"walkthrough\": "
	    "true}}]}",
	    "## \xd0\xa7\xd0\xa2\xd0\x9e \xd0\x95\xd0\xa1\xd0\x9b\xd0\x98 "
	    "\xd0\x9f\xd0\x9e\xd0\x92\xd0\xa2\xd0\x9e\xd0\xa0\xd0\x98\xd0\xa2\xd0\xac\n"
	    "The job keys every run by its id, so the second run stops.\n",
	    NULL);
	STATUS(&fx, 0, "answered");
	done(&fx);
}

/* Taking the questions' words out is one pass: a message of 4 MiB of
 * them (quadratic before) is read at once. */
static void test_large(void)
{
	gate_buf m = GATE_BUF_INIT((size_t)8 << 20);
	gate_error e;
	fixture fx;
	const char *msgs[2] = {NULL, NULL};

	gate_error_init(&e);
	CHECK(gate_buf_puts(&m, "Subject\n\nWhat happens if this runs twice?\n", &e) == 0);
	while (m.size < ((size_t)4 << 20))
		CHECK(gate_buf_puts(&m, "what happens if this runs twice ", &e) == 0);
	CHECK(gate_buf_puts(&m, "and the job keys every run by its id, nothing twice.\n", &e) == 0);
	CHECK(gate_buf_putc(&m, '\0', &e) == 0);
	msgs[0] = m.ptr;
	run(&fx, NULL, NULL, msgs);
	STATUS(&fx, 1, "answered");
	CHECK(fx.a[1].length == strlen("andthejobkeyseveryrunbyitsidnothingtwice"));
	done(&fx);
	gate_buf_dispose(&m);
}

int main(void)
{
	GATE_RUN(test_hidden);
	GATE_RUN(test_more_forms);
	GATE_RUN(test_large);
	GATE_RUN(test_all_answered);
	GATE_RUN(test_missing_and_placeholders);
	GATE_RUN(test_question_repeated);
	GATE_RUN(test_short);
	GATE_RUN(test_same_answer_copied);
	GATE_RUN(test_template_comments);
	GATE_RUN(test_heading_forms);
	GATE_RUN(test_section_ends);
	GATE_RUN(test_commit_messages);
	GATE_RUN(test_long_and_multibyte);
	GATE_RUN(test_policy_keys);
	GATE_RUN(test_hostile);
	return GATE_UNIT_DONE("walkthrough");
}
