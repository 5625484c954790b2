/*
 * Unit tests of the git-ai authorship-log parser: the examples of the Git AI
 * Standard v3.0.0 (sessions, legacy prompts, known humans, mixed), the
 * merging of overlapping ranges, and malformed or hostile notes, each parsed
 * from an exactly-sized heap copy so that ASan catches a read past the end.
 */
#include "riskgate/banned.h"

#include <stdlib.h>
#include <string.h>

#include "riskgate/ainote.h"
#include "unit.h"

#define META_S                                                                                     \
	"---\n{\"schema_version\": \"authorship/3.0.0\", \"base_commit_sha\": \"abc\", "           \
	"\"prompts\": {}, \"sessions\": {\"s_c9883b05a2487d\": {\"agent_id\": "                    \
	"{\"tool\": \"claude\", \"id\": \"x\", \"model\": \"m\"}}}}\n"

static int parse_n(gate_ainote *note, const char *text, size_t len, gate_error *err)
{
	char *copy = malloc(len ? len : 1);
	int rc;

	if (!copy)
		return -2;
	memcpy(copy, text, len);
	gate_error_init(err);
	rc = gate_ainote_parse(note, copy, len, err);
	free(copy);
	return rc;
}

static int parse(gate_ainote *note, const char *text, gate_error *err)
{
	return parse_n(note, text, strlen(text), err);
}

static void test_spec_sessions_example(void)
{
	static const char text[] =
	    "src/main.rs\n"
	    "  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-10,15-20\n"
	    "  s_c9883b05a2487d::t_a1b2c3d4e5f678 25,30-35\n"
	    "  h_31dce776f88375 42-50\n"
	    "src/lib.rs\n"
	    "  s_e7f2a90b31cc48::t_deadbeef012345 1-50\n"
	    "---\n"
	    "{\n"
	    "  \"schema_version\": \"authorship/3.0.0\",\n"
	    "  \"git_ai_version\": \"1.4.5\",\n"
	    "  \"base_commit_sha\": \"7734793b756b3921c88db5375a8c156e9532447b\",\n"
	    "  \"prompts\": {},\n"
	    "  \"humans\": {\"h_31dce776f88375\": {\"author\": \"Developer <dev@example.com>\"}},\n"
	    "  \"sessions\": {\n"
	    "    \"s_c9883b05a2487d\": {\"agent_id\": {\"tool\": \"cursor\", \"id\": \"6ef2\", "
	    "\"model\": \"claude-sonnet-4-5-20250514\"}, \"human_author\": \"dev@example.com\"},\n"
	    "    \"s_e7f2a90b31cc48\": {\"agent_id\": {\"tool\": \"claude\", \"id\": \"conv\", "
	    "\"model\": \"claude-sonnet-4-5-20250514\"}, \"custom_attributes\": {\"team\": "
	    "\"backend\"}}\n"
	    "  }\n"
	    "}";
	gate_ainote n;
	gate_error err;

	CHECK(parse(&n, text, &err) == 0);
	CHECK(gate_ainote_is_ai(&n));
	CHECK(n.nfiles == 2);
	if (n.nfiles == 2) {
		CHECK_STR(n.files[0].path, "src/main.rs");
		CHECK(n.files[0].nranges == 4);
		CHECK(n.files[0].ranges[2].start == 25 && n.files[0].ranges[2].end == 25);
		CHECK(n.files[0].lines == 23);
		CHECK_STR(n.files[1].path, "src/lib.rs");
		CHECK(n.files[1].lines == 50);
	}
	CHECK(n.lines == 73);
	CHECK(n.human_lines == 9);
	CHECK(n.nagents == 2);
	if (n.nagents == 2) {
		CHECK_STR(n.agents[0].tool, "cursor");
		CHECK_STR(n.agents[1].tool, "claude");
		CHECK_STR(n.agents[1].model, "claude-sonnet-4-5-20250514");
	}
	gate_ainote_dispose(&n);
}

static void test_legacy_and_overlap(void)
{
	static const char text[] =
	    "\"a b.c\"\n"
	    "  abcd1234abcd1234 1-5\n"
	    "  ef0b5678ef0b5678 3-8,10\n"
	    "  abcdef0 11\n"
	    "---\n"
	    "{\"schema_version\": \"authorship/3.0.0\", \"base_commit_sha\": \"b\", \"prompts\": {"
	    "\"abcd1234abcd1234\": {\"agent_id\": {\"tool\": \"cursor\", \"id\": \"1\", \"model\": "
	    "\"gpt-4\"}, \"human_author\": null, \"total_additions\": 5, \"total_deletions\": 0, "
	    "\"accepted_lines\": 5, \"overriden_lines\": 0},"
	    "\"ef0b5678ef0b5678\": {\"agent_id\": {\"tool\": \"cursor\", \"id\": \"2\", \"model\": "
	    "\"gpt-4\"}},"
	    "\"abcdef0\": {\"agent_id\": {\"tool\": \"aider\", \"id\": \"3\"}}}}";
	gate_ainote n;
	gate_error err;

	CHECK(parse(&n, text, &err) == 0);
	CHECK(n.nfiles == 1);
	if (n.nfiles == 1) {
		CHECK_STR(n.files[0].path, "a b.c");
		/* 1-5 and 3-8 overlap, 10 and 11 are adjacent: 1-8, 10-11. */
		CHECK(n.files[0].nranges == 2);
		CHECK(n.files[0].ranges[0].start == 1 && n.files[0].ranges[0].end == 8);
		CHECK(n.files[0].ranges[1].start == 10 && n.files[0].ranges[1].end == 11);
		CHECK(n.files[0].lines == 10);
		/* Unmerged, each attestation with its session's agent: the
		 * two cursor/gpt-4 prompts share agent 0, aider is agent 1. */
		CHECK(n.files[0].nspans == 4);
		if (n.files[0].nspans == 4) {
			CHECK(n.files[0].spans[0].range.start == 1 &&
			      n.files[0].spans[0].range.end == 5 && n.files[0].spans[0].agent == 0);
			CHECK(n.files[0].spans[1].range.start == 3 &&
			      n.files[0].spans[1].range.end == 8 && n.files[0].spans[1].agent == 0);
			CHECK(n.files[0].spans[2].range.start == 10 &&
			      n.files[0].spans[2].agent == 0);
			CHECK(n.files[0].spans[3].range.start == 11 &&
			      n.files[0].spans[3].range.end == 11 &&
			      n.files[0].spans[3].agent == 1);
		}
	}
	/* Same tool and model once; a session without a model has "". */
	CHECK(n.nagents == 2);
	if (n.nagents == 2) {
		CHECK_STR(n.agents[1].tool, "aider");
		CHECK_STR(n.agents[1].model, "");
	}
	gate_ainote_dispose(&n);
}

static void test_not_ai(void)
{
	gate_ainote n;
	gate_error err;

	/* git-ai's note on a human commit. */
	CHECK(parse(&n,
		    "---\n{\"schema_version\": \"authorship/3.0.0\", \"base_commit_sha\": \"a\", "
		    "\"prompts\": {}}",
		    &err) == 0);
	CHECK(!gate_ainote_is_ai(&n) && n.nfiles == 0 && n.nagents == 0);
	gate_ainote_dispose(&n);
	/* Only a known human; CRLF line ends. */
	CHECK(
	    parse(&n,
		  "x.c\r\n  h_31dce776f88375 1-3\r\n---\r\n{\"schema_version\": "
		  "\"authorship/3.0.0\", \"base_commit_sha\": \"a\", \"prompts\": {}, \"humans\": "
		  "{\"h_31dce776f88375\": {\"author\": \"A <a@b>\"}}}\r\n",
		  &err) == 0);
	CHECK(!gate_ainote_is_ai(&n) && n.human_lines == 3);
	gate_ainote_dispose(&n);
	/* A session with no attested line. */
	CHECK(parse(&n, META_S, &err) == 0);
	CHECK(!gate_ainote_is_ai(&n) && n.nagents == 0);
	gate_ainote_dispose(&n);
}

static void test_line_limits(void)
{
	gate_ainote n;
	gate_error err;

	CHECK(parse(&n, "f\n  s_c9883b05a2487d::t_01 4294967295\n" META_S, &err) == 0);
	CHECK(n.lines == 1);
	gate_ainote_dispose(&n);
	CHECK(parse(&n, "f\n  s_c9883b05a2487d::t_01 4294967296\n" META_S, &err) < 0);
	CHECK(parse(&n, "f\n  s_c9883b05a2487d::t_01 1-4294967295\n" META_S, &err) == 0);
	CHECK(n.lines == 4294967295UL);
	gate_ainote_dispose(&n);
	/* The last line and a range ending there merge without wrapping. */
	CHECK(parse(&n,
		    "f\n  s_c9883b05a2487d::t_01 4294967295\n  s_c9883b05a2487d::t_02 "
		    "1\n" META_S,
		    &err) == 0);
	CHECK(n.nfiles == 1 && n.files[0].nranges == 2 && n.lines == 2);
	gate_ainote_dispose(&n);
}

static void test_malformed(void)
{
	static const char *const bad[] = {
	    "",
	    "f\n  s_c9883b05a2487d::t_01 1\n",
	    "f\n  s_c9883b05a2487d::t_01 5-2\n" META_S,
	    "f\n  s_c9883b05a2487d::t_01 0\n" META_S,
	    "f\n  s_c9883b05a2487d::t_01 1,,2\n" META_S,
	    "f\n  s_c9883b05a2487d::t_01 1-2,\n" META_S,
	    "f\n  s_c9883b05a2487d::t_01 ,1\n" META_S,
	    "f\n  s_c9883b05a2487d::t_01 -1\n" META_S,
	    "f\n  s_c9883b05a2487d::t_01 1-\n" META_S,
	    "f\n  s_c9883b05a2487d::t_01 1-2-3\n" META_S,
	    "f\n  s_c9883b05a2487d::t_01 +1\n" META_S,
	    "f\n  s_c9883b05a2487d::t_01 3,1\n" META_S,
	    "f\n  s_c9883b05a2487d::t_01 1-3,3\n" META_S,
	    "f\n  s_c9883b05a2487d::t_01 1 2\n" META_S,
	    "f\n  s_c9883b05a2487d::t_01\t1\n" META_S,
	    "f\n  s_c9883b05a2487d::t_01 \n" META_S,
	    "f\n  s_c9883b05a2487d::t_01\n" META_S,
	    "f\n  s_c9883b05a2487d 1\n" META_S,
	    "f\n  s_c9883b05a2487d::t_ 1\n" META_S,
	    "f\n  s_c9883b05a2487d::x_01 1\n" META_S,
	    "f\n  s_zz::t_01 1\n" META_S,
	    "f\n  s_0000000000000a::t_01 1\n" META_S,
	    "f\n  abcdef 1\n" META_S,
	    "f\n  abcdef0123456789 1\n" META_S,
	    "f\n  h_0a 1\n" META_S,
	    "f\n   s_c9883b05a2487d::t_01 1\n" META_S,
	    "f\n s_c9883b05a2487d::t_01 1\n" META_S,
	    "f\n\ts_c9883b05a2487d::t_01 1\n" META_S,
	    "  s_c9883b05a2487d::t_01 1\n" META_S,
	    "\"f\n  s_c9883b05a2487d::t_01 1\n" META_S,
	    "\"\"\n  s_c9883b05a2487d::t_01 1\n" META_S,
	    "---\n",
	    "---\n{}",
	    "---\n[]",
	    "---\n{\"schema_version\": \"authorship/2.0.0\", \"base_commit_sha\": \"a\", "
	    "\"prompts\": {}}",
	    "---\n{\"schema_version\": \"authorship/3.0.0\", \"prompts\": {}}",
	    "---\n{\"schema_version\": \"authorship/3.0.0\", \"base_commit_sha\": \"a\"}",
	    "---\n{\"schema_version\": \"authorship/3.0.0\", \"base_commit_sha\": \"a\", "
	    "\"prompts\": []}",
	    "---\n{\"schema_version\": \"authorship/3.0.0\", \"base_commit_sha\": \"a\", "
	    "\"prompts\": {}, \"sessions\": {\"s_01\": {}}}",
	    "---\n{\"schema_version\": \"authorship/3.0.0\", \"base_commit_sha\": \"a\", "
	    "\"prompts\": {}, \"sessions\": {\"s_01\": {\"agent_id\": {\"tool\": \"\"}}}}",
	    "---\n{\"schema_version\": \"authorship/3.0.0\", \"base_commit_sha\": \"a\", "
	    "\"prompts\": {}, \"sessions\": {\"s_01\": {\"agent_id\": {\"tool\": 1}}}}",
	    "---\n{\"schema_version\": \"authorship/3.0.0\", \"base_commit_sha\": \"a\", "
	    "\"prompts\": {}, \"humans\": {\"h_01\": {}}}",
	    "---\n{\"schema_version\": \"authorship/3.0.0\", \"base_commit_sha\": \"a\", "
	    "\"prompts\": {}, \"prompts\": {}}",
	    "---\n{\"schema_version\": \"authorship/3.0.0\", \"base_commit_sha\": \"a\", "
	    "\"prompts\": {}} trailing",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		gate_ainote n;
		gate_error err;
		int rc = parse(&n, bad[i], &err);

		if (rc != -1 || err.klass != GATE_ERR_INPUT || n.nfiles || n.nagents) {
			fprintf(stderr, "accepted or misclassified: note %zu\n", i);
			unit_current_failed = 1;
		}
		gate_ainote_dispose(&n);
	}
}

static void test_hostile_bytes(void)
{
	static const char nul[] = "f\n  s_c9883b05a2487d::t_01 1\0\n" META_S;
	gate_ainote n;
	gate_error err;
	char *big;
	size_t len = GATE_AINOTE_MAX_BYTES + 1;

	CHECK(parse_n(&n, nul, sizeof(nul) - 1, &err) == -1);
	CHECK(err.klass == GATE_ERR_INPUT);
	/* A path may hold any byte but NUL and newline; it is kept as it is. */
	CHECK(parse(&n, "\x1b[2J\xff\n  s_c9883b05a2487d::t_01 1\n" META_S, &err) == 0);
	CHECK(n.nfiles == 1 && n.nfiles && strcmp(n.files[0].path, "\x1b[2J\xff") == 0);
	gate_ainote_dispose(&n);
	/* The message never holds the hostile text. */
	CHECK(parse(&n, "f\n  \x1b[31m 1\n" META_S, &err) == -1);
	CHECK(!strchr(err.message, '\x1b'));
	big = malloc(len);
	if (big) {
		memset(big, 'a', len);
		CHECK(parse_n(&n, big, len, &err) == -1);
		CHECK(err.klass == GATE_ERR_INPUT);
		free(big);
	}
	/* Too many ranges. */
	{
		size_t cap = 32 + (size_t)GATE_AINOTE_MAX_RANGES * 8 + sizeof(META_S), k, at = 0;
		char *t = malloc(cap);

		if (t) {
			at += (size_t)snprintf(t + at, cap - at, "f\n  s_c9883b05a2487d::t_01 ");
			for (k = 0; k <= GATE_AINOTE_MAX_RANGES; k++)
				at += (size_t)snprintf(t + at, cap - at, "%s%zu", k ? "," : "",
						       2 * k + 1);
			at += (size_t)snprintf(t + at, cap - at, "\n%s", META_S);
			CHECK(at < cap && parse_n(&n, t, at, &err) == -1);
			CHECK(strstr(err.message, "line ranges") != NULL);
			free(t);
		}
	}
}

int main(void)
{
	gate_ainote zero;

	memset(&zero, 0, sizeof(zero));
	gate_ainote_dispose(&zero);
	gate_ainote_dispose(NULL);
	GATE_RUN(test_spec_sessions_example);
	GATE_RUN(test_legacy_and_overlap);
	GATE_RUN(test_not_ai);
	GATE_RUN(test_line_limits);
	GATE_RUN(test_malformed);
	GATE_RUN(test_hostile_bytes);
	return GATE_UNIT_DONE("test_ainote");
}
